import * as assert from 'node:assert/strict';
import { planProject, type ScaffoldChoices } from '../../src/core/scaffold/plan';
import { renderTemplate } from '../../src/core/scaffold/render';
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
