import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { applyEdits, checkboxEdit, clickedItemEdit, identify, parseChecklist, testStateEdits, type CheckboxEdit } from '../../src/core/portfolio/checklist';
import { assertProperty, propertyRuns } from './helpers/property';

/**
 * Markdown generated from a small grammar, with the checklist items it really holds known by construction: the
 * generator is the oracle. Blocks are headings, task lists (bullets, nesting, tabs), fences of both characters and
 * varying length holding fake items and fence-like lines that do not close them, HTML comments (blank lines inside),
 * indented code, and paragraphs that only look like items; CRLF, LF and CR line ends; unicode; long runs of spaces.
 */
interface ExpectedItem {
  readonly line: number;
  readonly section: string;
  readonly checked: boolean;
  readonly text: string;
  readonly testId?: string;
  readonly automated: boolean;
}

/** A block's lines; items and headings are given by their index in `lines`. */
interface Block {
  readonly kind: 'heading' | 'list' | 'other';
  readonly lines: readonly string[];
  readonly items: readonly { readonly at: number; readonly checked: boolean; readonly text: string; readonly testId?: string; readonly automated: boolean }[];
  readonly heading?: { readonly level: 1 | 2; readonly title: string };
  /** An unclosed fence runs to the end of the document, so it may only come last. */
  readonly unclosed?: boolean;
}

const spaces = fc.oneof(
  { weight: 5, arbitrary: fc.integer({ min: 1, max: 3 }) },
  { weight: 1, arbitrary: fc.integer({ min: 40, max: 400 }) },
).map((n) => ' '.repeat(n));
const word = fc.constantFrom('deploy', 'Tests', 'é', '数据', '✓', '😀', 'C#', 'a—b', '1.0', 'x:', '[link]', '*', 'ok.', '<b>');
/** Text that starts and ends with a word, as the parser trims the rest. */
const phraseFrom = (first: fc.Arbitrary<string>) =>
  fc.tuple(first, fc.array(fc.tuple(spaces, word), { maxLength: 4 })).map(([start, rest]) => start + rest.map(([s, w]) => s + w).join(''));
const phrase = phraseFrom(word);
/** For the start of a line, where "*" would open a list and "<b>" an HTML block. */
const sentence = phraseFrom(fc.constantFrom('deploy', 'Tests', 'é', '数据'));
const trailing = fc.constantFrom('', '', ' ', '   ', '\t');
const indent = (max: number) => fc.integer({ min: 0, max }).map((n) => ' '.repeat(n));
const box = fc.constantFrom(' ', 'x', 'X');
const tag = fc.option(fc.tuple(fc.constantFrom('Data', 'Model', 'Infra', 'Monitor'), fc.integer({ min: 1, max: 7 }), fc.constantFrom(' — ', ': ', ' ')), { nil: undefined });

const heading: fc.Arbitrary<Block> = fc
  .tuple(fc.constantFrom(1 as const, 2 as const, 2 as const), indent(3), spaces, phrase, fc.constantFrom('', ' #', ' ##', '   ###   '))
  .map(([level, lead, gap, title, closing]) => ({ kind: 'heading', lines: [`${lead}${'#'.repeat(level)}${gap}${title}${closing}`], items: [], heading: { level, title } }));

/** Whether the item ends with the `automated` marker (a code span after a space or tab). */
const marker = fc.option(fc.constantFrom(' `automated`', '\t`automated`', '   `automated`'), { nil: undefined });
const taskItem = fc.tuple(box, fc.constantFrom(' ', '  ', '   ', '\t'), tag, phrase, trailing, sentence, marker);

const list: fc.Arbitrary<Block> = fc
  .tuple(
    indent(3),
    fc.constantFrom('-', '*', '+'),
    fc.integer({ min: 1, max: 4 }),
    fc.array(fc.tuple(taskItem, fc.boolean(), fc.constantFrom('task', 'task', 'task', 'plain', 'not-a-box')), { minLength: 1, maxLength: 4 }),
  )
  .map(([lead, bullet, gap, entries]) => {
    const lines: string[] = [];
    const items: Block['items'][number][] = [];
    for (const [[state, afterBox, testTag, text, end, plainText, automated], nested, shape] of entries) {
      // A nested item starts at its parent's content column: exactly the marker, its spaces and the lead.
      const prefix = `${nested && lines.length > 0 ? `${lead}${' '.repeat(1 + gap)}` : lead}${bullet}${' '.repeat(gap)}`;
      const tagText = testTag ? `**${testTag[0]} ${testTag[1]}**${testTag[2]}` : '';
      if (shape === 'plain') lines.push(`${prefix}${plainText}${end}`);
      else if (shape === 'not-a-box') lines.push(`${prefix}[${state}]${text}${end}`);
      else {
        items.push({ at: lines.length, checked: state !== ' ', text, ...(testTag ? { testId: `${testTag[0]} ${testTag[1]}` } : {}), automated: automated !== undefined });
        lines.push(`${prefix}[${state}]${afterBox}${tagText}${text}${automated ?? ''}${end}`);
      }
    }
    return { kind: 'list', lines, items };
  });

const fakeItem = fc.tuple(indent(6), box, phrase).map(([lead, state, text]) => `${lead}- [${state}] ${text}`);

const fence = fc
  .tuple(fc.constantFrom('`', '~'), fc.integer({ min: 3, max: 6 }), indent(3), fc.constantFrom('', 'md', ' python '), fc.boolean(), fc.integer({ min: 0, max: 3 }))
  .chain(([char, length, lead, info, unclosed, extra]) => {
    const other = char === '`' ? '~' : '`';
    const body = fc.array(
      fc.oneof(
        fakeItem,
        fc.constant(''),
        fc.constant('## not a heading'),
        fc.constant('<!--'),
        // Lines that look like a fence but do not close this one: the other character, too short, or with text after.
        fc.integer({ min: 3, max: 8 }).map((n) => other.repeat(n)),
        fc.constant(char.repeat(length - 1)),
        fc.constant(`${char.repeat(length)} info`),
        fc.constant(`    ${char.repeat(length)}`),
      ),
      { maxLength: 5 },
    );
    return body.map((lines): Block => ({
      kind: 'other',
      lines: [`${lead}${char.repeat(length)}${info}`, ...lines, ...(unclosed ? [] : [`${' '.repeat(extra)}${char.repeat(length + extra)}  `])],
      items: [],
      unclosed,
    }));
  });

const comment: fc.Arbitrary<Block> = fc
  .tuple(indent(3), fc.array(fc.oneof(fakeItem, fc.constant(''), fc.constant('```')), { maxLength: 4 }), fakeItem)
  .map(([lead, body, inline]) => ({ kind: 'other', lines: [`${lead}<!-- ${inline}`, ...body, `-->${inline}`], items: [] }));

const indentedCode: fc.Arbitrary<Block> = fc
  .tuple(fc.array(fc.tuple(fc.constantFrom('    ', '\t', '      '), fakeItem), { minLength: 1, maxLength: 3 }), sentence)
  // Indented code cannot interrupt a paragraph or follow a list item (it would continue it): a paragraph and a blank line first.
  .map(([code, text]) => ({ kind: 'other', lines: [text, '', ...code.map(([lead, line]) => lead + line)], items: [] }));

const paragraph: fc.Arbitrary<Block> = fc
  .tuple(sentence, box, phrase)
  .map(([text, state, itemText]) => ({
    // Ends in a list: a bullet list may interrupt a paragraph, so the last line is a real item.
    kind: 'list',
    lines: [`${text} - [ ] inline`, `[${state}] ${text}`, `- [${state}] ${itemText}`],
    items: [{ at: 2, checked: state !== ' ', text: itemText, automated: false }],
  }));

const blank = fc.constantFrom('', '', '   ', '\t');
const lineEnd = fc.constantFrom('\n', '\n', '\r\n', '\r\n', '\r');

interface Generated {
  readonly text: string;
  readonly title?: string;
  readonly items: readonly ExpectedItem[];
  /** Lines that hold no checklist item, some of them looking like one. */
  readonly nonItemLines: readonly number[];
}

const markdown: fc.Arbitrary<Generated> = fc
  .tuple(
    fc.array(fc.tuple(fc.oneof({ weight: 2, arbitrary: heading }, { weight: 4, arbitrary: list }, fence, comment, indentedCode, paragraph), blank), { maxLength: 10 }),
    fc.array(lineEnd, { minLength: 200, maxLength: 200 }),
    fc.boolean(),
  )
  .map(([blocks, ends, finalNewline]) => {
    const lines: string[] = [];
    const items: ExpectedItem[] = [];
    let title: string | undefined;
    let section = 'Checklist';
    let previous: Block['kind'] | undefined;
    const closed = blocks.filter(([b], i) => !b.unclosed || i === blocks.length - 1);
    for (const [block, gap] of closed) {
      // After a list, an indented block could continue the last item: a paragraph at column 0 ends the list first.
      if (previous === 'list' && block.kind !== 'list') lines.push('Notes between blocks.', gap);
      const start = lines.length;
      lines.push(...block.lines, gap);
      if (block.heading?.level === 1) title ??= block.heading.title;
      if (block.heading?.level === 2) section = block.heading.title;
      for (const item of block.items) {
        items.push({ line: start + item.at, section, checked: item.checked, text: item.text, ...(item.testId ? { testId: item.testId } : {}), automated: item.automated });
      }
      previous = block.kind;
    }
    const text = lines
      .map((line, i) => {
        if (i === lines.length - 1 && !finalNewline) return line;
        const end = ends[i % ends.length] ?? '\n';
        // A CR before an empty line's LF would make one CRLF of two line ends.
        return line + (end === '\r' && lines[i + 1] === '' ? '\r\n' : end);
      })
      .join('');
    const itemLines = new Set(items.map((i) => i.line));
    return { text, ...(title !== undefined ? { title } : {}), items, nonItemLines: lines.map((_, i) => i).filter((i) => !itemLines.has(i)) };
  });

/** Every item as a flat record, for comparing a parse with the oracle. */
function reported(text: string): ExpectedItem[] {
  return parseChecklist(text).sections.flatMap((s) =>
    s.items.map((i) => ({ line: i.line, section: s.title, checked: i.checked, text: i.text, ...(i.testId !== undefined ? { testId: i.testId } : {}), automated: i.automated })),
  );
}

function apply(text: string, edit: CheckboxEdit | undefined): string {
  assert.ok(edit, 'an edit');
  return text.slice(0, edit.offset) + edit.text + text.slice(edit.offset + 1);
}

/** The character offsets at which two equally long strings differ. */
function differences(a: string, b: string): number[] {
  assert.equal(a.length, b.length);
  return Array.from({ length: a.length }, (_, i) => i).filter((i) => a[i] !== b[i]);
}

describe('checklist properties (generated markdown)', function () {
  // CPU-bound properties: the budget grows with ML_CAREER_PROPERTY_RUNS rather than failing deeper local runs.
  this.timeout(10_000 + propertyRuns * 5);

  it('reports exactly the task-list items outside code and HTML, with their sections, and never throws', () => {
    assertProperty(
      fc.property(markdown, (doc) => {
        const parsed = parseChecklist(doc.text);
        assert.equal(parsed.title, doc.title);
        assert.deepEqual(reported(doc.text), doc.items);
      }),
    );
  });

  it('toggling any reported item changes exactly its box, and a re-parse flips only that item', () => {
    assertProperty(
      fc.property(
        markdown.filter((doc) => doc.items.length > 0),
        fc.nat(),
        (doc, pick) => {
          const parsed = parseChecklist(doc.text);
          const sections = parsed.sections.flatMap((section) => section.items.map((item) => ({ section, item })));
          const chosen = sections[pick % sections.length];
          assert.ok(chosen);
          const { section, item } = chosen;
          const expected = reported(doc.text).map((i) => (i.line === item.line ? { ...i, checked: !i.checked } : i));
          for (const edit of [checkboxEdit(doc.text, item.line, !item.checked), clickedItemEdit(doc.text, identify(section, item))]) {
            const toggled = apply(doc.text, edit);
            const changed = differences(doc.text, toggled);
            assert.equal(changed.length, 1, 'one character');
            assert.equal(doc.text.slice(0, changed[0]).split(/\r\n?|\n/).length - 1, item.line, 'on the item line');
            assert.equal(toggled[changed[0]!], item.checked ? ' ' : 'x');
            assert.deepEqual(reported(toggled), expected);
          }
        },
      ),
    );
  });

  it('on arbitrary text of markdown punctuation, NUL, unicode spaces and any line ends, every box is where its item says and toggles alone', () => {
    // Half the pieces start items (a third of the texts hold one), half are single characters that break them.
    const piece = fc.oneof(
      fc.constantFrom('\n- [ ] ', '\n* [x] ', '\n1. [X] ', '\n  - [ ] ', '> ', '    ', '```', '~~~', '<!--', '-->', '## ', 'item'),
      fc.constantFrom('-', '*', '+', '1', '.', ')', ' ', '\t', '[', ']', 'x', 'X', '\n', '\r', '\r\n', '`', '~', '<', '>', '#', '\0', '\u00a0', '\ufeff', 'é', '😀'),
    );
    assertProperty(
      fc.property(fc.array(piece, { maxLength: 60 }).map((pieces) => pieces.join('')), (text) => {
        const items = reported(text);
        for (const section of parseChecklist(text).sections) {
          for (const item of section.items) {
            assert.equal(`${text[item.offset - 1]}${text[item.offset]?.toLowerCase()}${text[item.offset + 1]}`, `[${item.checked ? 'x' : ' '}]`);
            const toggled = apply(text, checkboxEdit(text, item.line));
            assert.deepEqual(reported(toggled), items.map((i) => (i.line === item.line ? { ...i, checked: !i.checked } : i)));
          }
        }
      }),
    );
  });

  it('marking any rubric test automated or manual ticks it and changes only its line; automated then manual restores a ticked test byte for byte', () => {
    assertProperty(
      fc.property(
        markdown.filter((doc) => doc.items.some((i) => i.testId !== undefined)),
        fc.nat(),
        fc.constantFrom('manual' as const, 'automated' as const),
        (doc, pick, state) => {
          const tests = parseChecklist(doc.text).sections.flatMap((section) => section.items.filter((i) => i.testId !== undefined).map((item) => ({ section, item })));
          const { section, item } = tests[pick % tests.length]!;
          const marked = applyEdits(doc.text, testStateEdits(doc.text, identify(section, item), state));
          const expected = reported(doc.text).map((i) => (i.line === item.line ? { ...i, checked: true, automated: state === 'automated' } : i));
          assert.deepEqual(reported(marked), expected);
          const lines = (text: string) => text.split(/\r\n|\r|\n/);
          assert.deepEqual(lines(marked).filter((_, i) => i !== item.line), lines(doc.text).filter((_, i) => i !== item.line), 'other lines untouched');
          if (item.checked && !item.automated) {
            const markedItem = parseChecklist(marked).sections.flatMap((s) => s.items.map((i) => ({ s, i }))).find(({ i }) => i.line === item.line)!;
            const automated = state === 'automated' ? marked : applyEdits(marked, testStateEdits(marked, identify(markedItem.s, markedItem.i), 'automated'));
            const automatedItem = parseChecklist(automated).sections.flatMap((s) => s.items.map((i) => ({ s, i }))).find(({ i }) => i.line === item.line)!;
            assert.equal(applyEdits(automated, testStateEdits(automated, identify(automatedItem.s, automatedItem.i), 'manual')), doc.text);
          }
        },
      ),
    );
  });

  it('refuses to toggle any line that is not an item, even when it looks like one', () => {
    assertProperty(
      fc.property(
        markdown.filter((doc) => doc.nonItemLines.length > 0),
        fc.nat(),
        (doc, pick) => {
          const line = doc.nonItemLines[pick % doc.nonItemLines.length]!;
          assert.throws(() => checkboxEdit(doc.text, line, true), new RegExp(`line ${line + 1} is not a checklist item`));
        },
      ),
    );
  });
});
