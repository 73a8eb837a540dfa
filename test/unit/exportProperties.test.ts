import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { fullExportJson } from '../../src/core/export/fullExport';
import { importPreviewMarkdown, planImport, runImport, undoImport, type ImportPort } from '../../src/core/export/importPlan';
import { promotionPacket } from '../../src/core/export/packet';
import { csvDocument } from '../../src/core/export/skillMatrix';
import { maxClockDriftMs } from '../../src/core/progress/clock';
import { currentStateVersion, emptyState, parseStoredState, statesEqual, type ProgressState } from '../../src/core/progress/state';
import { skillStatuses } from '../../src/core/progress/status';
import { fixedNow, fixedSource, hostileRoadmap } from './helpers/exportFixture';
import { assertProperty, propertyRuns } from './helpers/property';

/**
 * A small RFC 4180 reader, written apart from the writer so the round trip tests both: quoted fields may hold
 * commas, quotes (doubled) and line breaks; records end with CRLF.
 */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  const field = (): string => {
    if (text[i] !== '"') {
      const start = i;
      while (i < text.length && text[i] !== ',' && text[i] !== '\r') i++;
      return text.slice(start, i);
    }
    let value = '';
    i++;
    for (;;) {
      if (i >= text.length) throw new Error('unterminated quoted field');
      if (text[i] === '"' && text[i + 1] === '"') {
        value += '"';
        i += 2;
      } else if (text[i] === '"') {
        i++;
        return value;
      } else value += text[i++];
    }
  };
  while (i < text.length) {
    row.push(field());
    if (text[i] === ',') i++;
    else if (text.startsWith('\r\n', i)) {
      rows.push(row);
      row = [];
      i += 2;
    } else throw new Error(`unexpected ${JSON.stringify(text[i])} at ${i}`);
  }
  if (row.length > 0) throw new Error('the last record has no line break');
  return rows;
}

const roadmap = hostileRoadmap();
const anyText = fc.string({ unit: 'binary', maxLength: 40 });
/** Text built from pieces of Markdown and HTML, so tags, links, entities and block starts come up often. */
const markupPieces = ['<', '>', '/', 'b', 'img src=x onerror=alert(1)', 'script', '[', ']', '(', ')', 'javascript:', 'https://x.org', 'www.x.com', '&lt;', '&#60;', '\\', '`', '*', '_', '#', '-', '1.', '|', '\n', '\r\n', '    ', ' ', '!', '<!--', '-->'];
const markup = fc.oneof(anyText, fc.array(fc.constantFrom(...markupPieces), { maxLength: 16 }).map((pieces) => pieces.join('')));

// Progress as another machine may have stored it: known and unknown ids, times up to the clock's horizon, proof,
// status histories, and notes (deleted ones, empty, among them).
const proof = fc.record(
  {
    folder: fc.string({ maxLength: 8 }),
    path: fc.string({ minLength: 1, maxLength: 20 }),
    line: fc.integer({ min: 1, max: 10_000 }),
    cell: fc.integer({ min: 1, max: 50 }),
    rule: fc.string({ minLength: 1, maxLength: 10 }),
    text: fc.string({ maxLength: 60 }),
    commit: fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 7, maxLength: 40 }),
    remote: fc.constantFrom('https://github.com/me/app.git', 'git@gitlab.com:a/b/c.git', 'not a url'),
  },
  { requiredKeys: ['folder', 'path', 'line', 'rule', 'text'] },
);
const time = fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: fixedNow + maxClockDriftMs }));
const id = fc.oneof(fc.constantFrom(...roadmap.trackableIds, '__proto__', 'constructor'), fc.string({ minLength: 1, maxLength: 12 }));
const history = fc.array(fc.record({ status: fc.constantFrom(...skillStatuses), at: time }), { minLength: 1, maxLength: 4 });
const note = fc.record({ text: fc.oneof(fc.constant(''), markup), changedAt: time });
const state: fc.Arbitrary<ProgressState> = fc
  .record(
    {
      skills: fc.dictionary(
        id,
        fc.record({ status: fc.constantFrom(...skillStatuses), changedAt: time, proof: fc.array(proof, { minLength: 1, maxLength: 3 }), history }, { requiredKeys: ['status', 'changedAt'] }),
        { maxKeys: 10 },
      ),
      notes: fc.dictionary(id, note, { maxKeys: 6 }),
      currentLevel: fc.record({ id: fc.constantFrom(...roadmap.levels.map((l) => l.id)), changedAt: time }),
    },
    { requiredKeys: ['skills'] },
  )
  .map((raw) => {
    const parsed = parseStoredState(JSON.parse(JSON.stringify({ version: currentStateVersion, ...raw })));
    if (parsed.kind !== 'ok') throw new Error(`the generator made stored progress the store refuses: ${JSON.stringify(parsed)}`);
    return parsed.state;
  });

/** A store in memory with the port runImport drives; counts the writes and the confirmations asked. */
function memoryPort(initial: ProgressState, answer: boolean): ImportPort & { state: ProgressState; applied: number; asked: number } {
  const port = {
    state: initial,
    applied: 0,
    asked: 0,
    current: () => port.state,
    confirm: () => {
      port.asked++;
      return Promise.resolve(answer);
    },
    apply: (change: (base: ProgressState, at: number) => ProgressState) => {
      port.applied++;
      port.state = change(port.state, fixedNow);
      return Promise.resolve();
    },
  };
  return port;
}

const exportOf = (s: ProgressState): string => fullExportJson(fixedSource({ state: s }));

describe('export and import: properties', () => {
  it('CSV: any cells read back through an RFC 4180 parser, formula starts defused with an apostrophe', () => {
    assertProperty(
      fc.property(fc.array(fc.array(anyText, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 5 }), (rows) => {
        const read = parseCsv(csvDocument(rows));
        assert.deepEqual(read, rows.map((row) => row.map((cell) => (/^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell))));
        for (const cell of read.flat()) assert.doesNotMatch(cell, /^[=+\-@\t\r]/);
      }),
    );
  });

  it('Markdown: no text in a title, note or proof renders as HTML, and every link is https', () => {
    const md = new MarkdownIt({ html: true, linkify: true });
    // Tags the packet's own Markdown makes; anything else came from data.
    const allowed = new Set(['h1', 'h2', 'h3', 'p', 'strong', 'em', 'ul', 'li', 'blockquote', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'a', 'br']);
    assertProperty(
      fc.property(markup, markup, markup, (note, proofText, projectName) => {
        const base = fixedSource();
        const entry = { status: 'done' as const, changedAt: 1, proof: [{ folder: 'f', path: 'p.py', line: 1, rule: proofText || 'r', text: proofText }] };
        const source = fixedSource({
          entryFor: (key) => (key === 'skill-0' ? entry : base.entryFor(key)),
          noteFor: (key) => (key === 'skill-0' ? { text: note, changedAt: 1 } : undefined),
          projects: [{ name: projectName, error: note }],
        });
        const html = md.render(promotionPacket(source));
        for (const [, tag, attributes] of html.matchAll(/<\/?([a-z\d]+)((?:\s[^>]*)?)>/g)) {
          assert.ok(allowed.has(tag ?? ''), `<${tag ?? ''}> came from data: ${html}`);
          if (tag === 'a') assert.match(attributes ?? '', /^ href="https:\/\//);
        }
        assert.doesNotMatch(html.replace(/<\/?[a-z\d]+(?: href="https:[^"]*"| style="text-align:right")?>/g, ''), /</);
      }),
    );
  });

  it('import of any JSON or text never throws, and never changes progress without a yes', async () => {
    const hostile = fc.oneof(
      anyText,
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc.anything().map((v) => JSON.stringify({ format: 'ml-career-export', version: 1, exportedAt: '2026-01-01T00:00:00Z', extensionVersion: '1', roadmap: { id: 'x', name: 'y' }, progress: v }) ?? ''),
      state.map(exportOf),
    );
    await fc.assert(
      fc.asyncProperty(hostile, state, async (text, ours) => {
        const port = memoryPort(ours, false);
        const outcome = await runImport(text, port, roadmap, fixedNow);
        assert.ok(['invalid', 'unchanged', 'cancelled'].includes(outcome.kind), outcome.kind);
        assert.equal(port.applied, 0);
        assert.equal(port.state, ours);
        assert.equal(port.asked, outcome.kind === 'cancelled' ? 1 : 0);
      }),
      { numRuns: propertyRuns },
    );
  });

  it('export, then import into empty progress, reproduces the progress exactly', async () => {
    await fc.assert(
      fc.asyncProperty(state, async (original) => {
        const port = memoryPort(emptyState(), true);
        const outcome = await runImport(exportOf(original), port, roadmap, fixedNow);
        const expected = original.skills.size > 0 || original.notes.size > 0 || original.currentLevel ? 'applied' : 'unchanged';
        assert.equal(outcome.kind, expected);
        assert.ok(statesEqual(port.state, original), JSON.stringify([[...port.state.skills], [...port.state.notes]]));
      }),
      { numRuns: propertyRuns },
    );
  });

  it('import is idempotent: the same file again changes nothing and asks nothing', async () => {
    await fc.assert(
      fc.asyncProperty(state, state, async (ours, theirs) => {
        const port = memoryPort(ours, true);
        const file = exportOf(theirs);
        await runImport(file, port, roadmap, fixedNow);
        const once = port.state;
        const asked = port.asked;
        const again = await runImport(file, port, roadmap, fixedNow);
        assert.equal(again.kind, 'unchanged');
        assert.equal(port.asked, asked);
        assert.equal(port.state, once);
      }),
      { numRuns: propertyRuns },
    );
  });

  it('undo right after an import gives back every status, proof, history, note and the level as they were', async () => {
    const statusOf = (s: ProgressState, key: string) => {
      const entry = s.skills.get(key);
      return [entry?.status ?? 'not-started', entry?.proof, entry?.history];
    };
    const noteOf = (s: ProgressState, key: string): string => s.notes.get(key)?.text ?? '';
    await fc.assert(
      fc.asyncProperty(state, state, async (ours, theirs) => {
        const port = memoryPort(ours, true);
        const outcome = await runImport(exportOf(theirs), port, roadmap, fixedNow);
        if (outcome.kind !== 'applied') return;
        port.state = undoImport(outcome.record)(port.state, fixedNow + 1);
        for (const key of new Set([...ours.skills.keys(), ...theirs.skills.keys()])) {
          const [status, ...rest] = statusOf(ours, key);
          // An item only the import brought is back to not started, without the file's proof or history.
          assert.deepEqual(statusOf(port.state, key), ours.skills.has(key) ? [status, ...rest] : ['not-started', undefined, undefined], key);
        }
        for (const key of new Set([...ours.notes.keys(), ...theirs.notes.keys()])) assert.equal(noteOf(port.state, key), noteOf(ours, key), key);
        assert.equal(port.state.currentLevel?.id, ours.currentLevel?.id);
      }),
      { numRuns: propertyRuns },
    );
  });

  it('import preview: notes and titles render no HTML, and each differing item and note is one table row', () => {
    const md = new MarkdownIt({ html: true, linkify: true });
    // A line break in a file or roadmap name becomes <br> in the preview's opening paragraph, as in the packet.
    const allowed = new Set(['h1', 'h2', 'p', 'strong', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'br']);
    assertProperty(
      fc.property(state, state, markup, (ours, theirs, fileName) => {
        const planned = planImport(ours, { state: theirs, exportedAt: '2026-11-26T09:00:00.000Z', extensionVersion: '0.1.0', roadmap: { id: 'x', name: fileName || 'y' } }, roadmap, fixedNow);
        assert.ok(planned.ok);
        const html = md.render(importPreviewMarkdown(planned.plan, fileName, 'ML Career Companion (built-in)'));
        for (const [, tag] of html.matchAll(/<\/?([a-z\d]+)(?:\s[^>]*)?>/g)) assert.ok(allowed.has(tag ?? ''), `<${tag ?? ''}> came from data: ${html}`);
        const differing = [...planned.plan.rows, ...planned.plan.noteRows].filter((row) => row.change !== 'same');
        const tables = (planned.plan.rows.some((row) => row.change !== 'same') ? 1 : 0) + (planned.plan.noteRows.some((row) => row.change !== 'same') ? 1 : 0);
        assert.equal(html.match(/<tr>/g)?.length ?? 0, differing.length + tables, html);
      }),
    );
  });
});
