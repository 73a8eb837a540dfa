// Property tests of every evidence parser: none throws on arbitrary input, none is super-linear on adversarial
// input, and statements generated from a grammar are found where they are code and never inside strings or comments.
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { analyzeFile, fileRole, PatternPrefilter, startsAtDefinedName } from '../../src/core/evidence/analyze';
import { bundledRules } from '../../src/core/evidence/bundledRules';
import { compileGlob, compileGlobSegments, compilePathGlob, expandBraces, globNameCondition, segmentsMatch } from '../../src/core/evidence/glob';
import { AttributeStack, IgnoreStack, isTestPath, parseGitattributes } from '../../src/core/evidence/ignore';
import {
  parseCargoToml,
  parseCondaEnvironment,
  parsePackageJson,
  parsePyproject,
  parseRequirements,
  parseSetupCfg,
  parseSetupPy,
} from '../../src/core/evidence/manifests';
import { notebookCodeCells } from '../../src/core/evidence/notebook';
import { findImports, maskedRanges, maskPython, maskSlice } from '../../src/core/evidence/pythonSource';
import { literalOf, pairTable, requiredLiterals, TextPairs } from '../../src/core/evidence/literals';
import { readToml } from '../../src/core/evidence/toml';
import { assertProperty } from './helpers/property';
import { superLinear } from './helpers/timing';

/** Text built from the characters that matter to these parsers, so generated inputs hit their edge cases. */
const syntaxText = fc
  .array(fc.constantFrom('import ', 'from ', ' as ', 'torch', '.', ',', ';', '(', ')', '[', ']', '{', '}', '"', "'", '"""', "'''", '\\', '#', '\n', ' ', '=', ':', '-', '*', '!', '/', 'a', 'x.y', '~=', '>=', '@', '\t', '\r'), { maxLength: 80 })
  .map((parts) => parts.join(''));
const anyText = fc.oneof(syntaxText, fc.string({ unit: 'binary', maxLength: 200 }));

/**
 * Words, calls and punctuation taken from the bundled patterns' sources (in their case, upper- and lower-cased), so
 * generated texts match the patterns often: "mlflow.", "log_metric(", "FROM", "kind:", "->".
 */
const patternPieces = [...new Set(
  [...bundledRules.codePatterns, ...bundledRules.filePatterns].flatMap(({ rule }) =>
    rule.pattern
      .replace(/\\[bswd]/gi, ' ')
      .replace(/\\(.)/g, '$1')
      .split(/[\s()[\]{}|?*+^$]+/)
      .filter((word) => word.length > 0)
      .flatMap((word) => [word, `${word}(`, word.toUpperCase(), word.toLowerCase()]),
  ),
)];
const patternPiece = fc.oneof(fc.constantFrom(...patternPieces), fc.constantFrom(' ', '  ', '\n', '(', ')', '()', ':', '"', '@', '# ', '->', '\r\n', '\u212a', '\u017f'));

const identifier = fc.stringMatching(/^[a-z_][a-z0-9_]{0,8}$/).filter((s) => !['import', 'from', 'as'].includes(s));
const moduleName = fc.array(identifier, { minLength: 1, maxLength: 3 }).map((parts) => parts.join('.'));
const indent = fc.constantFrom('', '    ', '\t');

/** A Python import statement of the grammar `import m [as a]` | `from m import n` | `from m import (\n n,\n)`. */
const importStatement = fc.tuple(fc.constantFrom('import', 'import-as', 'from', 'from-paren'), moduleName, identifier).map(([form, module, name]) => {
  const text = {
    import: `import ${module}`,
    'import-as': `import ${module} as ${name}`,
    from: `from ${module} import ${name}`,
    'from-paren': `from ${module} import (\n    ${name},\n)`,
  }[form];
  return { module, text };
});

const parsers: Array<[string, (text: string) => unknown]> = [
  ['maskPython + findImports', (t) => findImports(maskPython(t))],
  ['parseRequirements', parseRequirements],
  ['parsePyproject', parsePyproject],
  ['parseCargoToml', parseCargoToml],
  ['readToml', readToml],
  ['parseSetupCfg', parseSetupCfg],
  ['parseSetupPy', parseSetupPy],
  ['parseCondaEnvironment', parseCondaEnvironment],
  ['parsePackageJson', parsePackageJson],
  ['notebookCodeCells', notebookCodeCells],
  ['parseGitattributes', parseGitattributes],
  ['IgnoreStack', (t) => IgnoreStack.empty.withFolder('', [t]).ignores('a/b.py', false)],
  ['compileGlob', (t) => compileGlob(t)('a/b/c.py')],
  ['requiredLiterals', requiredLiterals],
  ['analyzeFile', (t) => ['x.py', 'requirements.txt', 'pyproject.toml', 'Dockerfile', 'n.ipynb', 'k.yaml'].map((p) => analyzeFile(p, t, t.length, fileRole(p, bundledRules)!, bundledRules))],
];

describe('evidence parser properties', () => {
  for (const [name, parse] of parsers) {
    it(`${name} never throws on arbitrary input`, () => {
      assertProperty(fc.property(anyText, (text) => void parse(text)));
    });
  }

  it('masking keeps length and newlines, and never leaves a quote-free comment', () => {
    assertProperty(
      fc.property(anyText, (text) => {
        const masked = maskPython(text);
        assert.equal(masked.length, text.length);
        for (let i = 0; i < text.length; i++) if ((text[i] === '\n') !== (masked[i] === '\n')) return false;
        return true;
      }),
    );
  });

  it('masking a slice by the masked ranges gives that slice of the masked text', () => {
    assertProperty(
      fc.property(anyText, fc.nat(), fc.nat(), (text, a, b) => {
        const [from, to] = [a % (text.length + 1), b % (text.length + 1)].sort((x, y) => x - y) as [number, number];
        assert.equal(maskSlice(text, maskedRanges(text), from, to), maskPython(text).slice(from, to));
      }),
    );
  });

  it('imports found masking only the lines holding "import" are exactly those of the masked text', () => {
    const pythonish = fc
      .array(fc.oneof(syntaxText, importStatement.map((s) => s.text), fc.constantFrom('"""', "'''", '# ', 'x = "', '\\\n', ';', '\n')), { maxLength: 12 })
      .map((parts) => parts.join(''));
    let found = 0;
    assertProperty(
      fc.property(fc.oneof(pythonish, anyText), (text) => {
        const expected = findImports(maskPython(text));
        found += expected.length;
        assert.deepEqual(findImports(text, maskedRanges(text)), expected);
      }),
    );
    // The generator must make imports often, or the property holds for want of any.
    assert.ok(found > 200, `only ${found} imports in all generated texts`);
  });

  it('a generated import statement is found with its module and line, among other code', () => {
    assertProperty(
      fc.property(fc.array(fc.constantFrom('x = 1', 'def f():', '    return 2', '', 'print("hi")'), { maxLength: 5 }), importStatement, indent, (before, statement, pad) => {
        const source = [...before, `${pad}${statement.text}`.replace(/\n/g, `\n${pad}`), 'y = 2'].join('\n');
        const found = findImports(maskPython(source));
        assert.deepEqual(
          found.map((f) => [f.module, f.line]),
          [[statement.module, before.length + 1]],
        );
        const line = source.split('\n')[before.length]!;
        assert.equal(line.slice(found[0]!.column, found[0]!.column + found[0]!.length), statement.module);
      }),
    );
  });

  it('the same statement inside a string, a docstring or a comment is never found', () => {
    const wrap = fc.constantFrom(
      (s: string) => `x = """\n${s}\n"""`,
      (s: string) => `x = '''${s}'''`,
      (s: string) => `x = "${s.replace(/\n/g, ' ')}"`,
      (s: string) => `x = r'${s.replace(/\n/g, ' ')}'`,
      (s: string) => s.split('\n').map((l) => `# ${l}`).join('\n'),
      (s: string) => `f(b"""${s}""")`,
    );
    assertProperty(fc.property(importStatement, wrap, (statement, wrapIn) => findImports(maskPython(wrapIn(statement.text))).length === 0));
  });

  it('a generated requirement line is read with its normalised name and line', () => {
    const requirement = fc.tuple(
      fc.tuple(fc.boolean(), fc.stringMatching(/^[a-z][\w.-]{0,10}[\da-z]$/)).map(([upper, name]) => (upper ? name.toUpperCase() : name)),
      fc.constantFrom('', '[cuda]', '[a,b]'),
      fc.constantFrom('', '>=1.0', '~=2.1', '==1.*', ' >= 1, <2'),
      fc.constantFrom('', ' ; python_version >= "3.10"', '  # comment'),
    );
    assertProperty(
      fc.property(fc.array(fc.constantFrom('# c', '', '--index-url https://x.org'), { maxLength: 3 }), requirement, (before, [name, extras, version, tail]) => {
        const { dependencies } = parseRequirements([...before, `${name}${extras}${version}${tail}`].join('\n'));
        assert.deepEqual(dependencies, [{ ecosystem: 'python', name: name.toLowerCase().replace(/[-_.]+/g, '-'), line: before.length + 1 }]);
      }),
    );
  });

  it('generated pyproject dependency arrays are read back, name by name', () => {
    const names = fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9-]{0,8}[a-z0-9]$/), { minLength: 1, maxLength: 5 });
    assertProperty(
      fc.property(names, fc.boolean(), (deps, multiline) => {
        const items = deps.map((d) => `"${d}>=1"`);
        const text = `[project]\nname = "x"\ndependencies = [${multiline ? `\n  ${items.join(',\n  ')},\n` : items.join(', ')}]\n[tool.black]\nline-length = 1\n`;
        assert.deepEqual(parsePyproject(text).map((d) => d.name), deps.map((d) => d.replace(/-+/g, '-')));
      }),
    );
  });

  it('the one-pass search of code patterns finds exactly what testing every line with every pattern finds', () => {
    // Besides the patterns: imports that let the patterns gated on them count, definitions of names the patterns
    // look for (not use), and test code, where the rules for test code only count.
    const snippets = fc.constantFrom(
      'def f(x: int) -> int:',
      '    @dataclass',
      'model.fit(X, y)',
      'loss.backward()',
      'x = "model.fit(a)"',
      'mlflow.log_metric("a", 1)',
      'class Net(nn.Module):',
      '',
      '   ',
      'def test_it():',
      'y = train_test_split(a)  # LoraConfig(',
      '@app.get("/")',
      'print(1)',
      'LOSS.BACKWARD()',
      'mlflow.log_metric("\u212a", 1)',
      'xgb.train(p)  # \u0130',
      'import pandas as pd',
      'from airflow.models import DAG',
      'import torch.distributed as dist',
      'df.groupby("a").sum()',
      'dag = DAG("etl")',
      'class DAG(object):',
      'class FastAPI(Starlette):',
      '    async def init_process_group(backend):',
      'x = 1; def Accelerator(): pass',
    );
    const path = fc.constantFrom('x.py', 'tests/test_x.py');
    assertProperty(
      fc.property(path, fc.array(fc.oneof(snippets, syntaxText, fc.array(patternPiece, { maxLength: 8 }).map((p) => p.join(''))), { maxLength: 12 }), (relPath, lines) => {
        const source = lines.join('\n');
        const found = analyzeFile(relPath, source, source.length, fileRole(relPath, bundledRules)!, bundledRules)
          .findings.filter((f) => f.kind === 'api')
          .map((f) => `${f.rule}@${f.line}:${f.column}`)
          .sort();
        const modules = findImports(source, maskedRanges(source)).map((i) => i.module);
        const applies = (rule: (typeof bundledRules.codePatterns)[number]['rule']) =>
          rule.kind !== 'api' ||
          ((!rule.testCodeOnly || isTestPath(relPath)) && (!rule.whenImporting || rule.whenImporting.some((w) => modules.some((m) => m === w || m.startsWith(`${w}.`)))));
        const expected = maskPython(source)
          .split('\n')
          .flatMap((line, i) => bundledRules.codePatterns.flatMap(({ rule, regex }) => {
            const match = applies(rule) ? regex.exec(line) : null;
            return match && !startsAtDefinedName(line, match.index) ? [`${rule.id}@${i + 1}:${match.index}`] : [];
          }))
          .sort();
        assert.deepEqual(found, [...new Set(expected)].sort());
      }),
    );
  });

  it('a match at the name a def or class statement defines is a definition, not a use; anywhere else it is a use', () => {
    const keyword = fc.constantFrom('def', 'class', 'async def');
    const blank = fc.constantFrom(' ', '  ', '\t', ' \t');
    const lead = fc.constantFrom('', '    ', '\t', 'if x: ', 'x = 1; ');
    assertProperty(
      fc.property(lead, keyword, blank, identifier, (before, word, space, name) => {
        const line = `${before}${word}${space}${name}(x):`;
        assert.equal(startsAtDefinedName(line, line.indexOf(`${space}${name}(`) + space.length), true, line);
        // The same name called, or defined under a longer keyword-like word, is no definition.
        for (const other of [`${before}y = ${name}(x)`, `${before}my${word.replace('async ', '')}${space}${name}(x)`, `${before}${name}(x)`]) {
          assert.equal(startsAtDefinedName(other, other.lastIndexOf(`${name}(`)), false, other);
        }
      }),
    );
  });

  it('a Python file has exactly the findings of its lines, each (rule, kind, line) once, however many it has', () => {
    // Lines without quotes or comments (masking then never spans lines), several matching one rule twice, so files
    // have from none to over 64 findings, past the point where a file's repeats are looked up in a set.
    const line = fc.constantFrom(
      'import torch, torch.nn',
      'import numpy as np; import numpy',
      'from sklearn.model_selection import train_test_split',
      'def f(x: int) -> int: return model.fit(x); model.fit(x)',
      '@dataclass',
      'loss.backward(); loss.backward()',
      'mlflow.log_metric(a, 1); mlflow.log_param(b, 2)',
      'x = 1',
      '',
    );
    let most = 0;
    assertProperty(
      fc.property(fc.array(line, { maxLength: 80, size: 'max' }), (lines) => {
        const key = (f: { rule: string; kind: string; line: number; column: number; text: string }, n = f.line) => `${f.rule}|${f.kind}|${n}|${f.column}|${f.text}`;
        // File-kind findings go by the file's size, not its lines.
        const analyze = (source: string) => analyzeFile('x.py', source, source.length, fileRole('x.py', bundledRules)!, bundledRules).findings.filter((f) => f.kind !== 'file-kind');
        const found = analyze(lines.join('\n')).map((f) => key(f)).sort();
        most = Math.max(most, found.length);
        const expected = lines.flatMap((text, i) => analyze(text).map((f) => key(f, i + 1))).sort();
        assert.deepEqual(found, expected);
        assert.equal(new Set(found.map((k) => k.split('|').slice(0, 3).join('|'))).size, found.length, 'no (rule, kind, line) twice');
      }),
    );
    assert.ok(most > 64, `the most findings of a generated file is only ${most}`);
  });

  it('config files: the search of file patterns finds exactly what testing every non-blank line finds', () => {
    const paths = ['Dockerfile', 'deploy/k8s.yaml', 'infra/main.tf', '.github/workflows/ci.yml', 'dvc.yaml', 'MLproject', 'docs/adr/0001-choice.md', 'MODEL_CARD.md', 'CMakeLists.txt', 'run.sh'];
    const roles = paths.flatMap((path) => {
      const role = fileRole(path, bundledRules);
      return role && role.filePatterns.length > 0 && !role.python && !role.manifest ? [{ path, role }] : [];
    });
    assert.ok(roles.length >= 6, `file patterns read only ${roles.map((r) => r.path).join(', ')}`);
    assertProperty(
      fc.property(fc.constantFrom(...roles), fc.array(fc.oneof(syntaxText, fc.array(patternPiece, { maxLength: 8 }).map((p) => p.join(''))), { maxLength: 12 }), ({ path, role }, lines) => {
        const text = lines.join('\n');
        const found = analyzeFile(path, text, text.length, role, bundledRules)
          .findings.filter((f) => f.kind === 'config' || f.kind === 'api')
          .map((f) => `${f.rule}@${f.line}:${f.column}`);
        const expected = text.split('\n').flatMap((line, i) =>
          line.trim() === '' ? [] : role.filePatterns.flatMap(({ rule, regex }) => {
            const match = regex.exec(line);
            return match ? [`${rule.id}@${i + 1}:${match.index}`] : [];
          }),
        );
        assert.deepEqual(found, [...new Set(expected)], 'same findings, in line order');
      }),
    );
  });

  it('the literal prefilter never passes over a text that a pattern matches on some line', () => {
    const patterns = [...bundledRules.codePatterns, ...bundledRules.filePatterns];
    const matched = new Set<string>();
    assertProperty(
      fc.property(fc.array(fc.oneof(patternPiece, syntaxText), { maxLength: 16 }), (pieces) => {
        const text = pieces.join('');
        for (const pattern of patterns) {
          if (!text.split('\n').some((line) => pattern.regex.test(line))) continue;
          matched.add(pattern.rule.id);
          assert.ok(new PatternPrefilter(text).mayMatch(pattern), `${pattern.rule.id} matches a line of ${JSON.stringify(text)}, yet the prefilter passes over it`);
        }
      }),
    );
    // The generator must reach many patterns, or the property holds for want of matches.
    assert.ok(matched.size >= patterns.length / 3, `only ${matched.size} of ${patterns.length} patterns ever matched a generated text`);
    const loss = bundledRules.codePatterns.find((p) => p.rule.pattern.includes('backward'));
    assert.equal(loss && new PatternPrefilter('loss.step()\n').mayMatch(loss), false, 'a text without any of the literals is passed over');
  });

  it('a table of literals\' pairs rules a text out exactly when each literal lacks a pair of the text', () => {
    const word = fc.oneof(fc.constantFrom(...patternPieces), fc.string({ maxLength: 4 }));
    let ruledOut = 0;
    let kept = 0;
    assertProperty(
      fc.property(fc.array(fc.oneof(patternPiece, syntaxText), { maxLength: 16 }), fc.array(word, { maxLength: 8 }), (pieces, words) => {
        const text = pieces.join('');
        const literals = words.map(literalOf);
        // literalOf's pairs of the whole text are the text's pairs.
        const textPairs = new Set(literalOf(text).pairs);
        const expected = literals.some((literal) => literal.pairs.every((pair) => textPairs.has(pair)));
        assert.equal(new TextPairs(text).mayHoldOne(pairTable(literals)), expected);
        if (expected) kept++;
        else ruledOut++;
        if (words.some((w) => text.includes(w))) assert.ok(expected, 'a text holding a literal is never ruled out');
      }),
    );
    assert.ok(ruledOut > 200 && kept > 200, `ruled out ${ruledOut}, kept ${kept}: the generator must reach both`);
  });

  it('test code is a path with a test folder above it or a test file name, exactly', () => {
    const testFolders = ['test', 'tests', 'testing', '__tests__', 'spec', 'specs', 'e2e'];
    const part = fc.oneof(fc.constantFrom(...testFolders, 'src', 'attest', 'test_x', 'e2e2', 'my-spec', 'a'), fc.stringMatching(/^[a-z_.]{1,6}$/));
    const name = fc.oneof(fc.constantFrom('test_a.py', 'a_test.py', 'conftest.py', 'a.test.ts', 'b.spec.mjs', 'x.py', 'test.py', 'tests'), part);
    let tests = 0;
    assertProperty(
      fc.property(fc.array(part, { maxLength: 4 }), name, (folders, file) => {
        const expected = folders.some((f) => testFolders.includes(f)) || /^test_.*\.py$|_test\.py$|^conftest\.py$|\.(?:test|spec)\.[cm]?[jt]sx?$/.test(file);
        tests += expected ? 1 : 0;
        assert.equal(isTestPath([...folders, file].join('/')), expected);
      }),
    );
    assert.ok(tests > 200, `only ${tests} generated paths were test code`);
  });

  it('a literal glob matches its own path; "**" matches every path', () => {
    const path = fc.array(fc.stringMatching(/^[a-z0-9._-]{1,6}$/), { minLength: 1, maxLength: 5 }).map((p) => p.join('/'));
    assertProperty(fc.property(path, (p) => compilePathGlob(p)(p) && compilePathGlob('**')(p) && compileGlob(p.split('/').at(-1)!)(p)));
  });
  it('brace expansion gives the first 64 of what the recursive definition gives', () => {
    // The definition: the first unescaped "{" that closes splits the glob into a head, its alternatives (expanded in
    // turn) and the rest (expanded in turn); an unclosed one leaves the glob as written from there on.
    const byDefinition = (glob: string): string[] => {
      let open = 0;
      while (open < glob.length && glob[open] !== '{') open += glob[open] === '\\' ? 2 : 1;
      if (open >= glob.length) return [glob];
      const bounds = [open];
      let depth = 0;
      for (let i = open; i < glob.length; i++) {
        if (glob[i] === '\\') i++;
        else if (glob[i] === '{') depth++;
        else if (glob[i] === ',' && depth === 1) bounds.push(i);
        else if (glob[i] === '}' && --depth === 0) {
          const alternatives = bounds.flatMap((from, k) => byDefinition(glob.slice(from + 1, bounds[k + 1] ?? i)));
          const rest = byDefinition(glob.slice(i + 1));
          return alternatives.flatMap((alternative) => rest.map((tail) => glob.slice(0, open) + alternative + tail));
        }
      }
      return [glob];
    };
    // Up to 14 tokens: braces nest at most 7 deep, within the expansion's depth limit.
    const glob = fc.array(fc.constantFrom('a', 'b', ',', '{', '}', '\\', '/', '*', '{a,b}', '{,x}'), { maxLength: 14 }).map((parts) => parts.join(''));
    let expanding = 0;
    assertProperty(
      fc.property(glob, (g) => {
        const expected = byDefinition(g).slice(0, 64);
        expanding += expected.length > 1 ? 1 : 0;
        assert.deepEqual(expandBraces(g), expected, g);
      }),
    );
    assert.ok(expanding > 100, `only ${expanding} generated globs had alternatives`);
  });

  describe('file patterns looked up by name and extension', () => {
    const segment = fc.array(fc.constantFrom('a', 'b', '.', '*', '?', '[ab]', '\\*', 'yaml', 'md', 'Dockerfile', '-'), { minLength: 1, maxLength: 5 }).map((parts) => parts.join(''));
    const glob = fc.array(fc.oneof(segment, fc.constant('**')), { minLength: 1, maxLength: 3 }).map((parts) => parts.join('/'));
    const pathOf = fc.array(fc.constantFrom('a', 'b', '.', 'yaml', 'md', 'Dockerfile', 'a.yaml', '.github', 'workflows', 'ci.yml', 'b.md', '*'), { minLength: 1, maxLength: 4 }).map((parts) => parts.join('/'));

    it('a glob matches only names meeting its name condition', () => {
      assertProperty(
        fc.property(glob, pathOf, (g, p) => {
          const condition = globNameCondition(g);
          const name = p.slice(p.lastIndexOf('/') + 1);
          const meets = !condition || ('name' in condition ? name === condition.name : 'extension' in condition ? name.endsWith(condition.extension) : name.startsWith(condition.prefix));
          return meets || !compileGlob(g)(p);
        }),
      );
    });

    it('a .gitignore or .gitattributes line applies to exactly the paths its glob matches (names are checked first)', () => {
      // Lines like real ones too, so each kind of name condition (name, extension, start) is met and missed often.
      const line = fc.array(fc.oneof(segment, fc.constantFrom('*.yaml', '*.md', 'Dockerfile.*', 'a*', 'ci.yml', '**')), { minLength: 1, maxLength: 3 }).map((parts) => parts.join('/'));
      const path = fc.array(fc.constantFrom('a', 'b', '.github', 'a.yaml', 'ci.yml', 'b.md', 'Dockerfile', 'Dockerfile.gpu', 'ab'), { minLength: 1, maxLength: 4 }).map((parts) => parts.join('/'));
      assertProperty(
        fc.property(fc.oneof(glob, line), fc.oneof(pathOf, path), (g, p) => {
          const expected = segmentsMatch(compileGlobSegments(g.includes('/') ? g : `**/${g}`), p.split('/'));
          return IgnoreStack.empty.withFolder('', [g]).ignores(p, false) === expected && AttributeStack.empty.withFolder('', `${g} linguist-vendored`).marksNotOwnCode(p) === expected;
        }),
      );
    });

    it('the rules\' file patterns for a path are exactly those whose globs match it', () => {
      const realNames = fc.constantFrom('Dockerfile', 'Dockerfile.gpu', 'ci.yml', 'main.tf', 'dvc.yaml', 'schema.sql', 'run.sh', 'Makefile', 'x.mk', 'DESIGN.md', 'my-system-design.md', 'Chart.yaml', 'mcp.json', 'a.py', 'README.md');
      const folders = fc.array(fc.constantFrom('.github', 'workflows', 'docs', 'adr', 'models', 'src'), { maxLength: 3 });
      assertProperty(
        fc.property(folders, realNames, (dirs, name) => {
          const p = [...dirs, name].join('/');
          assert.deepEqual(bundledRules.filePatternsFor(p), bundledRules.filePatterns.filter((pattern) => pattern.files?.(p) === true), p);
        }),
      );
    });
  });
});

describe('evidence parsers run in linear-ish time on adversarial input', function () {
  // Each case runs every parser at least 6 times on up to 160,000 characters, more when one looks slow: seconds of wall
  // time on a busy machine.
  this.timeout(60_000);
  const adversarial: Array<[string, (n: number) => string]> = [
    ['quotes', (n) => `'"`.repeat(n / 2)],
    ['unterminated triple quotes', (n) => `"""${'\\'.repeat(n)}`],
    ['import lines', (n) => 'import a, b, c, d\n'.repeat(n / 16)],
    ['semicolons', (n) => 'import x;'.repeat(n / 9)],
    ['brackets', (n) => `a = ${'['.repeat(n)}`],
    ['backslash continuations', (n) => 'torch \\\n'.repeat(n / 8)],
    ['stars', (n) => `${'*a'.repeat(n / 2)}b`],
    ['unclosed install_requires lists', (n) => 'install_requires=['.repeat(n / 18)],
    ['unclosed extras_require dicts', (n) => 'extras_require={'.repeat(n / 16)],
    ['brace groups', (n) => '{a,b}'.repeat(n / 5)],
    ['nested braces', (n) => `${'{a,'.repeat(n / 4)}${'}'.repeat(n / 4)}`],
  ];

  for (const [name, make] of adversarial) {
    it(`${name}: 4× the input takes far less than 16× the time in every parser`, () => {
      // An indexOf to the end of the text per line of 18 characters, a quadratic this caught, took 12 ms here for 160,000
      // characters and 40 on CI.
      assert.deepEqual(superLinear(parsers, make), []);
    });
  }
});
