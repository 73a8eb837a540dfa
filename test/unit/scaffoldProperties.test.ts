import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { nameLimits, toPackageName, validateProjectName } from '../../src/core/scaffold/names';
import { renderTemplate } from '../../src/core/scaffold/render';
import { assertProperty } from './helpers/property';

// Properties over generated inputs: the classes of bug the hardening issue names, made impossible rather than sampled.

const pythonKeywords = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif', 'else',
  'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise',
  'return', 'try', 'while', 'with', 'yield',
]);
const windowsDevices = /^(?:con|prn|aux|nul|com\d|lpt\d)$/i;

/** Characters that break names: separators, dots, whitespace, controls, shell and Windows specials, non-ASCII letters. */
const hostileNameChars = ['/', '\\', '.', '..', ' ', '\t', '\n', '\r', '\0', '$', ':', '*', '?', '"', '<', '>', '|', '~', '%', "'", 'é', 'ß', '模', '🚀', '\u200b', '\u00a0', '\u2028', 'İ', 'K'];
const nameUnit = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...'abcxyzABCXYZ0129_-') },
  { weight: 2, arbitrary: fc.constantFrom(...hostileNameChars) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
);
const names = fc.oneof(
  fc.string({ unit: nameUnit, maxLength: nameLimits.max + 5 }),
  // Near the edges of what is accepted: reserved words and device names in any case, with and without suffixes.
  fc.tuple(fc.constantFrom('con', 'Nul', 'lpt1', 'COM9', 'import', 'True', 'none', 'torch', 'src', 'Tests', 'my-project'), fc.constantFrom('', '1', '-x', '_', '.txt', ' ')).map(([a, b]) => a + b),
);

describe('properties: project names', () => {
  it('every accepted name is a safe folder name and a valid Python package name', () => {
    let accepted = 0;
    assertProperty(
      fc.property(names, (name) => {
        if (validateProjectName(name) !== undefined) return;
        accepted++;
        // A plain, visible, portable folder directly inside the parent.
        assert.ok(name.length >= nameLimits.min && name.length <= nameLimits.max, 'within the length limits');
        assert.ok(!name.includes('/') && !name.includes('\\') && !name.includes('..'), 'no separators or ".."');
        assert.ok(!name.startsWith('.'), 'not hidden');
        assert.doesNotMatch(name, /[\s<>:"|?*\p{Cc}]/u, 'no whitespace, control or Windows-special characters');
        assert.ok(!/[. ]$/.test(name), 'no trailing dot or space (Windows drops them)');
        assert.doesNotMatch(name.split('.')[0]!, windowsDevices, 'not a Windows device name');
        const parent = path.resolve('parent');
        assert.equal(path.dirname(path.join(parent, name)), parent);
        assert.equal(path.basename(path.join(parent, name)), name);
        // A strict Python identifier that is not a keyword.
        const pkg = toPackageName(name);
        assert.match(pkg, /^[_a-z]\w*$/i);
        assert.ok(!pythonKeywords.has(pkg), `${pkg} is a Python keyword`);
      }),
    );
    assert.ok(accepted > 50, `the generator reaches accepted names (${accepted})`);
  });
});

/** Strings built from fragments that have meaning to String.replace, the template language, Markdown, TOML or Python. */
const fragments = ['$&', "$'", '$`', '$$', '$1', '{{y}}', '{{#if a}}', '{{/if}}', '\n', '\r\n', '\t', '"', '\\', '"""', '`', '*', '_', '[x](y)', '<b>', '&amp;', '&#32;', '#', '|', '~~', '- ', '1. ', '  ', '=', '!', '\u0000', '\u2028', '\u00a0', 'é', '🚀'];
const values = fc.oneof(
  fc.array(fc.oneof(fc.constantFrom(...fragments), fc.string({ unit: 'grapheme-ascii', maxLength: 4 })), { maxLength: 8 }).map((parts) => parts.join('')),
  fc.string({ unit: 'binary', maxLength: 30 }),
);
const oneLine = (value: string): boolean => !/\p{Cc}/u.test(value.replace(/\t/g, '')) && !/\p{Cs}/u.test(value);
const wellFormed = (value: string): boolean => !/\p{Cs}/u.test(value);
const markdown = new MarkdownIt('commonmark').enable(['table', 'strikethrough']);

/** Renders `line` with `{{x}}` = value; `undefined` when refused (the refusal must name the file and the placeholder). */
function render(line: string, value: string, where: string): string | undefined {
  try {
    return renderTemplate(line, { x: value, a: 'unused' }, { a: true }, where);
  } catch (error) {
    assert.match(String(error), new RegExp(`^Error: ${where.replace(/\./g, '\\.')}: \\{\\{x\\}\\} cannot hold `));
    return undefined;
  }
}

describe('properties: template values round-trip literally', () => {
  it('plain text: a one-line value comes back exactly; anything else is refused', () => {
    assertProperty(
      fc.property(values, (value) => {
        const out = render('before {{x}} after', value, 'LICENSE');
        if (oneLine(value)) assert.equal(out, `before ${value} after`);
        else assert.equal(out, undefined);
      }),
    );
  });

  for (const [where, line] of [['pyproject.toml', 'description = "{{x}}"'], ['src/pkg/__init__.py', '"""{{x}}"""']] as const) {
    it(`${where}: any value is escaped inside its string and reads back as itself`, () => {
      assertProperty(
        fc.property(values, (value) => {
          const out = render(line, value, where);
          if (!wellFormed(value)) return assert.equal(out, undefined);
          assert.ok(out !== undefined && !out.includes('\n'), 'one line');
          const quote = line.indexOf('"{{x}}"');
          const literal = out.slice(quote, out.length - (line.length - quote - '"{{x}}"'.length));
          // The renderer's escapes are a subset shared by TOML, Python and JSON (checked against tomllib in the templates tier).
          assert.equal(JSON.parse(literal), value);
        }),
      );
    });
  }

  for (const line of ['Copyright 2025 {{x}}.', '{{x}}', '# {{x}}', '- [ ] {{x}} (owner)', '| {{x}} |']) {
    it(`Markdown ${JSON.stringify(line)}: a one-line value reads back as its text with no markup; anything else is refused`, () => {
      assertProperty(
        fc.property(values, (value) => {
          const out = render(`${line}\n`, value, 'README.md');
          if (!oneLine(value)) return assert.equal(out, undefined);
          assert.ok(out !== undefined);
          const tokens = markdown.parse(out, {});
          const inline = tokens.filter((t) => t.type === 'inline');
          // One block (none for an empty value on a line of its own), holding only text.
          assert.ok(inline.length <= 1, `one block: ${JSON.stringify(out)}`);
          const children = inline.flatMap((t) => t.children ?? []);
          assert.deepEqual([...new Set(children.map((c) => c.type))].filter((t) => t !== 'text'), [], `only text: ${JSON.stringify(out)}`);
          const expected = line.replace(/^(?:# |- )/, '').split('{{x}}').join(value);
          assert.equal(children.map((c) => c.content).join(''), expected, JSON.stringify(out));
        }),
      );
    });
  }

  it('a word context (YAML, Dockerfile, Makefile recipe, Python code) takes identifiers as is and refuses the rest', () => {
    assertProperty(
      fc.property(values, fc.constantFrom(['ci.yml', 'run: docker build -t {{x}} .'], ['Dockerfile', 'RUN python -m {{x}}.train'], ['Makefile', '\t$(RUN) -m {{x}}.train'], ['tests/test_api.py', 'from {{x}}.api import app']), (value, [where, line]) => {
        const out = render(line, value, where);
        assert.equal(out, /^[\w.-]+$/.test(value) ? line.replace('{{x}}', value) : undefined);
      }),
    );
  });
});
