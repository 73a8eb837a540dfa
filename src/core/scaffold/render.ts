import { encodeValue, formatOf, Refusal, type MarkdownSource } from './formats';

/**
 * The template language, deliberately tiny so template files stay valid Python/Markdown/YAML to the eye:
 * - `{{name}}` is replaced by a variable (no spaces inside the braces, so `${{ github.x }}` in workflows is left alone);
 *   a list variable repeats its line once per item (none for an empty list), e.g. `    "{{deps}}",` in pyproject.toml;
 * - every value is escaped for the format of the file (`where`'s extension) and its place on the line (inside a TOML
 *   or Python string, Markdown text or a code span, a shell command), or refused with the reason (see formats.ts);
 *   values are inserted once, as text: `$&` or `{{x}}` in a value means nothing;
 * - `{{#if flag}}…{{/if}}` keeps its body only when `flag` is true (not nested). A tag alone on its line takes the
 *   line with it, so optional paragraphs leave no blank gaps.
 * Unknown names throw: a typo in a template must fail the tests, not ship as literal braces.
 */
export type TemplateValue = string | MarkdownSource;
export type TemplateValues = Readonly<Record<string, TemplateValue | readonly TemplateValue[]>>;
export type TemplateFlags = Readonly<Record<string, boolean>>;

const blockIf = /^[ \t]*\{\{#if (\w+)\}\}[ \t]*\r?\n([\s\S]*?)^[ \t]*\{\{\/if\}\}[ \t]*(?:\r?\n|$)/gm;
const inlineIf = /\{\{#if (\w+)\}\}([\s\S]*?)\{\{\/if\}\}/g;
const variable = /\{\{(\w+)\}\}/g;

export function renderTemplate(text: string, values: TemplateValues, flags: TemplateFlags, where = 'template'): string {
  // Own properties only: `{{constructor}}` must be an unknown name, not Object.prototype.constructor.
  const flag = (name: string): boolean => {
    if (!Object.hasOwn(flags, name)) throw new Error(`${where}: unknown flag {{#if ${name}}}`);
    return flags[name] === true;
  };
  const withBlocks = text.replace(blockIf, (_m, name: string, body: string) => (flag(name) ? body : ''));
  const withInline = withBlocks.replace(inlineIf, (_m, name: string, body: string) => (flag(name) ? body : ''));
  // Checked before values go in: a value holding "{{#if" is text, not a tag.
  const stray = /\{\{[#/][^}]*\}\}/.exec(withInline);
  if (stray) throw new Error(`${where}: unbalanced ${stray[0]}`);
  const format = formatOf(where);
  const value = (name: string): TemplateValue | readonly TemplateValue[] => {
    const v = Object.hasOwn(values, name) ? values[name] : undefined;
    if (v === undefined) throw new Error(`${where}: unknown placeholder {{${name}}}`);
    return v;
  };
  // One pass per line with replacer functions: a value is never scanned again, and "$&" in it means nothing.
  return withInline
    .split('\n')
    .flatMap((line) => {
      const lists = [...line.matchAll(variable)].map((m) => m[1] ?? '').filter((name) => Array.isArray(value(name)));
      if (lists.length > 1) throw new Error(`${where}: more than one list placeholder on a line: ${line.trim()}`);
      const fill = (item: TemplateValue | undefined): string =>
        line.replace(variable, (_m, name: string, at: number) => {
          const v = value(name);
          const inserted = encodeValue(format, line.slice(0, at), isList(v) ? (item ?? '') : v);
          if (inserted instanceof Refusal) throw new Error(`${where}: {{${name}}} cannot hold ${JSON.stringify(isList(v) ? item : v)}: ${inserted.reason}`);
          return inserted;
        });
      const list = lists[0] === undefined ? undefined : value(lists[0]);
      return list === undefined || !isList(list) ? [fill(undefined)] : list.map(fill);
    })
    .join('\n');
}

function isList(value: TemplateValue | readonly TemplateValue[]): value is readonly TemplateValue[] {
  return Array.isArray(value);
}
