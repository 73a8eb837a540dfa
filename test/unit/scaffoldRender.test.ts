import * as assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import { formatOf, markdownSource } from '../../src/core/scaffold/formats';
import { planProject, templateValues, type ScaffoldChoices } from '../../src/core/scaffold/plan';
import { renderTemplate, type TemplateFlags, type TemplateValues } from '../../src/core/scaffold/render';
import { templates } from '../../src/core/scaffold/templates';

const choices: ScaffoldChoices = { name: 'my-project', license: 'MIT', docker: true, ci: true, year: 2025 };
const [firstTemplate] = templates;

describe('template values are inserted literally, never expanded', () => {
  it('an author with $ replacement patterns lands literally in the MIT licence', () => {
    assert.ok(firstTemplate);
    const author = "Ada $' $& $` $$ $1 Lovelace";
    const license = planProject(firstTemplate, { ...choices, author }).find((f) => f.path === 'LICENSE')?.content ?? '';
    assert.match(license, /^MIT License\n\nCopyright \(c\) 2025 (.*)$/m);
    assert.equal(/^Copyright \(c\) 2025 (.*)$/m.exec(license)?.[1], author);
  });

  it('a value holding template syntax is inserted as text, not expanded or taken for a tag', () => {
    const value = '{{#if on}}x{{/if}} {{y}} {{/if}} {{#if';
    assert.equal(renderTemplate('a {{x}} b', { x: value, y: 'expanded' }, { on: true }, 'notes.txt'), `a ${value} b`);
  });

  for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
    it(`{{${name}}} and {{#if ${name}}} are unknown names, not inherited properties`, () => {
      assert.throws(() => renderTemplate(`{{${name}}}`, {}, {}), new RegExp(`unknown placeholder \\{\\{${name}\\}\\}`));
      assert.throws(() => renderTemplate(`{{#if ${name}}}x{{/if}}`, {}, {}), new RegExp(`unknown flag \\{\\{#if ${name}\\}\\}`));
    });
  }
});

/** A value meant to break every format it lands in; one line, so only the formats with string escapes can hold it all. */
const hostile = `"quoted" \\ $& $' {{y}} {{#if a}} \`code\` *em* _em_ [link](x) <b>&amp; # | ~~s~~ '''"""  trailing  `;
const benign = 'zqxbenignzqx';
const markdown = new MarkdownIt('commonmark').enable(['table', 'strikethrough']);

/** Every token of a parsed Markdown document, children included, as "type:tag" and content. */
function markdownTokens(text: string): { shape: string[]; text: string } {
  const flat = markdown.parse(text, {}).flatMap((t) => [t, ...(t.children ?? [])]);
  return { shape: flat.map((t) => `${t.type}:${t.tag}`), text: flat.filter((t) => t.children === null && t.content !== '').map((t) => t.content).join('\u0000') };
}

/** The double-quoted string literal (TOML basic string or Python string) that starts at `quote`, unescaped. */
function stringLiteralAt(text: string, quote: number): string {
  const literal = /^"(?:[^"\\\n]|\\.)*"/.exec(text.slice(quote))?.[0];
  assert.ok(literal, `a string literal at ${JSON.stringify(text.slice(quote, quote + 40))}`);
  // The escapes the renderer emits (\\ \" \b \t \n \f \r \uXXXX) mean the same in TOML, Python and JSON.
  return JSON.parse(literal) as string;
}

/**
 * Renders `text` once with a benign and once with a hostile value for `name`, and checks the hostile one is either
 * refused with a reason that names the file and placeholder, or lands as exactly its own text in the file's format.
 */
function checkEscaped(text: string, where: string, values: TemplateValues, flags: TemplateFlags, name: string, value: string): 'refused' | 'escaped' {
  const replaced = (v: string): TemplateValues => ({ ...values, [name]: typeof values[name] === 'string' ? v : [v] });
  const plain = renderTemplate(text, replaced(benign), flags, where);
  let out: string;
  try {
    out = renderTemplate(text, replaced(value), flags, where);
  } catch (error) {
    assert.match(String(error), new RegExp(`${where.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: \\{\\{${name}\\}\\} `), 'a refusal names the file and placeholder');
    return 'refused';
  }
  if (where.endsWith('.md')) {
    const before = markdownTokens(plain);
    const after = markdownTokens(out);
    assert.deepEqual(after.shape, before.shape, `${where}: {{${name}}} changed the Markdown structure`);
    assert.equal(after.text, before.text.split(benign).join(value), `${where}: {{${name}}} reads back as its value`);
  } else if (where.endsWith('.toml') || where.endsWith('.py')) {
    const at = plain.indexOf(benign);
    const quote = plain.lastIndexOf('"', at);
    assert.ok(quote >= 0 && !plain.slice(quote, at).includes('\n'), `${where}: {{${name}}} is inside a string literal`);
    const literal = stringLiteralAt(plain, quote);
    assert.equal(stringLiteralAt(out, quote), literal.split(benign).join(value), `${where}: {{${name}}} reads back as its value`);
  } else {
    assert.equal(out, plain.split(benign).join(value), `${where}: {{${name}}} is inserted as is`);
  }
  return 'escaped';
}

describe('values are escaped for the format of the file they land in', () => {
  it('a " and a \\ in a template description keep pyproject.toml valid', () => {
    assert.ok(firstTemplate);
    const description = 'Say "hi" to C:\\models and TOML "strings".';
    const template = { ...firstTemplate, manifest: { ...firstTemplate.manifest, description } };
    const pyproject = planProject(template, choices).find((f) => f.path === 'pyproject.toml')?.content ?? '';
    const line = /^description = (.*)$/m.exec(pyproject)?.[1] ?? '';
    assert.equal(stringLiteralAt(line, 0), description);
    assert.equal(line, JSON.stringify(description));
  });

  it('Markdown in an author name is shown as text in the README, not as markup', () => {
    assert.ok(firstTemplate);
    const author = '*Ada* [Lovelace](https://evil.example) <img src=x> _and_ `friends`';
    const readme = planProject(firstTemplate, { ...choices, author }).find((f) => f.path === 'README.md')?.content ?? '';
    const line = readme.split('\n').find((l) => l.startsWith('Copyright 2025 ')) ?? '';
    const { shape, text } = markdownTokens(line);
    assert.deepEqual(shape, ['paragraph_open:p', 'inline:', 'text:', 'paragraph_close:p']);
    assert.equal(text, `Copyright 2025 ${author}.`);
  });

  it('a description starting with a list marker stays a paragraph', () => {
    const out = renderTemplate('# T\n\n{{description}}\n', { description: '- not a list, 1. nor this' }, {}, 'README.md');
    assert.deepEqual(markdownTokens(out).shape.slice(-4), ['paragraph_open:p', 'inline:', 'text:', 'paragraph_close:p']);
  });

  it('refuses what a format cannot hold, saying where and why', () => {
    assert.throws(() => renderTemplate('run: docker build -t {{x}} .', { x: 'a; rm -rf ~' }, {}, 'ci.yml'), /^Error: ci\.yml: \{\{x\}\} /);
    assert.throws(() => renderTemplate('RUN python -m {{x}}.train', { x: 'a && b' }, {}, 'Dockerfile'), /^Error: Dockerfile: \{\{x\}\} /);
    assert.throws(() => renderTemplate('from {{x}}.api import app', { x: 'os; import sys' }, {}, 'tests/test_api.py'), /^Error: tests\/test_api\.py: \{\{x\}\} /);
    assert.throws(() => renderTemplate('Copyright {{x}}.', { x: 'a\nb' }, {}, 'README.md'), /^Error: README\.md: \{\{x\}\} .*line break/);
    assert.throws(() => renderTemplate('Copyright {{x}}.', { x: 'a\nb' }, {}, 'LICENSE'), /^Error: LICENSE: \{\{x\}\} .*line break/);
  });

  it('takes Markdown written on purpose (checklist items) only into Markdown text', () => {
    const item = markdownSource('Run `make test` **first**.');
    assert.equal(renderTemplate('- [ ] {{x}}', { x: [item] }, {}, 'DEPLOY_CHECKLIST.md'), '- [ ] Run `make test` **first**.');
    assert.throws(() => renderTemplate('x = "{{x}}"', { x: item }, {}, 'pyproject.toml'), /^Error: pyproject\.toml: \{\{x\}\} .*holds Markdown/);
    assert.throws(() => renderTemplate('See `{{x}}`', { x: item }, {}, 'README.md'), /^Error: README\.md: \{\{x\}\} .*holds Markdown/);
  });

  it('knows each generated file\'s format from its name', () => {
    const formats = ['pyproject.toml', 'src/pkg/api.py', 'README.md', '.github/workflows/ci.yml', 'Makefile', 'Dockerfile', 'LICENSE', '.gitignore', 'data/x.csv'].map(formatOf);
    assert.deepEqual(formats, ['toml', 'python', 'markdown', 'yaml', 'makefile', 'dockerfile', 'text', 'text', 'text']);
  });

  it('escapes a line break inside TOML and Python strings', () => {
    const toml = renderTemplate('description = "{{x}}"', { x: 'a\nb\u0001"' }, {}, 'pyproject.toml');
    assert.equal(toml, 'description = "a\\nb\\u0001\\""');
    const py = renderTemplate('"""{{x}}"""', { x: 'a\n"""' }, {}, '__init__.py');
    assert.equal(py, '"""a\\n\\"\\"\\""""');
  });

  for (const template of templates) {
    it(`${template.dir}: every placeholder in every file is escaped for its format or refused`, () => {
      const { values, flags } = templateValues(template, choices);
      const sources = [
        ...Object.entries(template.common).map(([source, text]) => ({ text, where: `template-common/files/${source}` })),
        ...Object.entries(template.files).map(([source, text]) => ({ text, where: `${template.dir}/files/${source}` })),
      ];
      let escaped = 0;
      for (const { text, where } of sources) {
        for (const name of new Set([...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]!))) {
          for (const value of [hostile, `${hostile}\nline two`]) {
            if (checkEscaped(text, where, values, flags, name, value) === 'escaped') escaped++;
          }
        }
      }
      assert.ok(escaped > 10, `hostile values were escaped (not all refused): ${escaped}`);
    });
  }
});
