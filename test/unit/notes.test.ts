import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { historyLine } from '../../src/core/notes/history';
import { skillAnnotations } from '../../src/core/notes/noteView';
import { buildRoadmapView } from '../../src/core/roadmapView/viewModel';
import { renderDetail } from '../../src/webview/roadmap/render';
import { readUiState } from '../../src/webview/roadmap/uiState';
import { parseHostMessage } from '../../src/webview/protocol';
import { annotationsMarkdown } from '../../src/core/notes/noteMarkdown';
import { noteHtml, noteLinks, noteTooltipMarkdown, tooltipNoteLength } from '../../src/core/notes/renderNote';
import { maxNoteLength, maxStatusHistory, maxStoredNotes, parseStoredState, type StoredState } from '../../src/core/progress/state';
import { ProgressStore } from '../../src/core/progress/store';
import { expectationMarkdown, skillMarkdown } from '../../src/core/roadmap/skillMarkdown';
import { assertProperty } from './helpers/property';
import { SharedBackend } from './helpers/sharedBackend';
import { syntheticIndex } from './helpers/syntheticRoadmap';

const roadmap = syntheticIndex(4);
const skill = roadmap.skills[0]!.id;
const expectation = roadmap.expectations[0]!.expectation.id;
const day = 24 * 3_600_000;
const march12 = Date.UTC(2026, 2, 12, 9);
const june3 = Date.UTC(2026, 5, 3, 17);

function windows(backend = new SharedBackend(), now: () => number = () => march12) {
  const a = new ProgressStore(backend, roadmap, { now });
  const b = new ProgressStore(backend, roadmap, { now });
  a.load();
  b.load();
  return { backend, a, b };
}

describe('notes: storage and sync', () => {
  it('a note saved in one window shows in another, and a delete there reaches the first as a tombstone', async () => {
    const { backend, a, b } = windows();
    await a.setNote(skill, '# Plan\n\nRead the paper.');
    await a.setNote(expectation, 'Led the review');
    assert.equal(a.note(skill)?.text, '# Plan\n\nRead the paper.');
    assert.ok(b.refresh());
    assert.equal(b.note(skill)?.text, '# Plan\n\nRead the paper.');
    assert.equal(b.note(expectation)?.text, 'Led the review');
    await b.setNote(skill, '  \n');
    assert.equal(b.note(skill), undefined, 'white space only deletes');
    assert.ok(a.refresh());
    assert.equal(a.note(skill), undefined);
    const stored = backend.value as StoredState;
    assert.equal(stored.version, 4);
    assert.equal(stored.notes?.[skill]?.text, '', 'the delete is kept, so an older copy of the note cannot bring it back');
    // Settings Sync brings back the machine's older value: the tombstone wins the merge, the note stays deleted.
    const older = new SharedBackend(JSON.parse(JSON.stringify(stored)));
    older.value = { ...stored, notes: { ...stored.notes, [skill]: { text: 'old text', changedAt: march12 - day } } };
    backend.value = older.value;
    a.refresh();
    assert.equal(a.note(skill), undefined);
    await a.flush();
    assert.equal((backend.value as StoredState).notes?.[skill]?.text, '', 'written back');
  });

  it('refuses a note over the limit with a clear error and writes nothing', async () => {
    const { backend, a } = windows();
    await a.setNote(skill, 'kept');
    const writes = backend.writes;
    await assert.rejects(a.setNote(skill, 'x'.repeat(maxNoteLength + 1)), /has 20,001 characters; a note holds at most 20,000\. Nothing was saved\./);
    assert.equal(backend.writes, writes);
    assert.equal(a.note(skill)?.text, 'kept');
    await a.setNote(skill, 'x'.repeat(maxNoteLength));
    assert.equal(a.note(skill)?.text.length, maxNoteLength, 'exactly the limit is fine');
  });

  it('refuses ids storage would reject and more notes than it keeps', async () => {
    const { backend, a } = windows();
    await assert.rejects(a.setNote('', 'x'), /is not a valid skill id/);
    await assert.rejects(a.setNote('i'.repeat(201), 'x'), /is not a valid skill id/);
    const notes = Object.fromEntries(Array.from({ length: maxStoredNotes }, (_, i) => [`n${i}`, { text: '', changedAt: 1 }]));
    backend.value = { version: 4, skills: {}, notes };
    a.refresh();
    await assert.rejects(a.setNote(skill, 'one more'), new RegExp(`at most ${maxStoredNotes} notes`));
    assert.equal(a.note(skill), undefined);
  });

  it('saving the text a note has writes nothing; a failed save rolls back and throws', async () => {
    const { backend, a } = windows();
    await a.setNote(skill, 'same');
    const writes = backend.writes;
    await a.setNote(skill, 'same');
    assert.equal(backend.writes, writes);
    backend.failWrites = new Error('disk full');
    await assert.rejects(a.setNote(skill, 'new'), /disk full/);
    assert.equal(a.note(skill)?.text, 'same');
  });

  it('a note dated far in the future (a broken clock) is redated on load, so a later edit wins', async () => {
    const backend = new SharedBackend({ version: 4, skills: {}, notes: { [skill]: { text: 'from the future', changedAt: Number.MAX_SAFE_INTEGER } } });
    const repaired: number[] = [];
    const store = new ProgressStore(backend, roadmap, { now: () => march12, onRepaired: (count) => repaired.push(count) });
    store.load();
    assert.deepEqual(repaired, [1]);
    assert.equal(store.note(skill)?.changedAt, march12);
    await store.setNote(skill, 'now');
    assert.equal(store.note(skill)?.text, 'now');
    const other = new ProgressStore(backend, roadmap, { now: () => march12 });
    other.load();
    assert.equal(other.note(skill)?.text, 'now');
  });

  it('a reset keeps notes', async () => {
    const { a } = windows();
    await a.setNote(skill, 'mine');
    await a.setStatus(skill, 'done');
    await a.reset();
    assert.equal(a.note(skill)?.text, 'mine');
  });
});

describe('status history', () => {
  it('records each change with its date, not a repeat, and tells it as "learning since …, done …"', async () => {
    const time = { t: march12 };
    const { a } = windows(new SharedBackend(), () => time.t);
    await a.setStatus(skill, 'learning');
    time.t += day;
    await a.setStatus(skill, 'learning');
    time.t = june3;
    await a.setStatus(skill, 'done');
    assert.deepEqual(
      a.history(skill).map((change) => change.status),
      ['learning', 'done'],
    );
    assert.equal(historyLine(a.history(skill), { status: a.status(skill), changedAt: a.statusChangedAt(skill) }, 'UTC'), 'Learning since 12 Mar 2026, done 3 Jun 2026');
  });

  it('keeps the last changes only, and shows the newest few', async () => {
    const time = { t: march12 };
    const { a } = windows(new SharedBackend(), () => time.t);
    for (let i = 0; i < maxStatusHistory + 5; i++) {
      time.t += day;
      await a.setStatus(skill, i % 2 === 0 ? 'learning' : 'skipped');
    }
    assert.equal(a.history(skill).length, maxStatusHistory);
    const line = historyLine(a.history(skill), { status: a.status(skill), changedAt: a.statusChangedAt(skill) }, 'UTC') ?? '';
    assert.match(line, /^…, /);
    assert.equal(line.split(', ').length, 6);
  });

  it('progress from version 3 migrates, and its last change stands in for a history', () => {
    const parsed = parseStoredState({ version: 3, skills: { [skill]: { status: 'done', changedAt: june3 } } });
    assert.ok(parsed.kind === 'ok' && parsed.migratedFrom === 3);
    const entry = parsed.state.skills.get(skill)!;
    assert.equal(entry.history, undefined);
    assert.equal(historyLine([], entry, 'UTC'), 'Done 3 Jun 2026');
    assert.equal(historyLine([], { status: 'done', changedAt: 0 }, 'UTC'), undefined, 'version 1 kept no dates');
    assert.equal(historyLine([], { status: 'not-started', changedAt: june3 }, 'UTC'), undefined);
  });
});

const hostileFragment = fc.constantFrom(
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '[x](javascript:alert(1))',
  '[x](JAVASCRIPT:alert(1))',
  '<javascript:alert(1)>',
  '[d](data:text/html,<b>x</b>)',
  '[v](vscode://x)',
  '[c](command:workbench.action.quit)',
  '![i](https://example.com/a.png)',
  '[ok](https://example.com/a_(b))',
  'https://example.com/bare',
  '<https://example.com/auto>',
  '`',
  '```',
  '~~~',
  '\n',
  '\n\n',
  '> ',
  '- ',
  '1. ',
  '    ',
  '*',
  '_',
  '<',
  '>',
  '&',
  '"',
  "'",
  '(',
  ')',
  '[',
  ']',
  '|',
  '---',
  '# ',
  '$(zap)',
  'word',
  '\\',
);
const hostileNote = fc.array(hostileFragment, { maxLength: 30 }).map((parts) => parts.join(''));

/** What markdown-it makes of Markdown with HTML allowed: a renderer as lax as a hover could be. */
const lax = new MarkdownIt('default', { html: true, linkify: false });

// No <a>: in the webview the host would open its href itself; links are buttons the extension checks.
const allowedTags = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'blockquote', 'pre', 'code', 'em', 'strong', 's', 'button', 'hr', 'br', 'table', 'thead', 'tbody', 'tr', 'th', 'td']);

describe('notes: rendering hostile Markdown', () => {
  it('the roadmap page HTML has only markdown-it elements, no script or event handler, and https links only (property)', () => {
    assertProperty(
      fc.property(hostileNote, (note) => {
        const out = noteHtml(note);
        for (const [, slash, name, attributes] of out.matchAll(/<(\/?)([a-z0-9]+)((?:\s[^>]*)?)>/g)) {
          assert.ok(allowedTags.has(name!), `element <${name}> in ${out}`);
          if (slash) continue;
          for (const [, attribute, value] of attributes!.matchAll(/\s([a-z-]+)="([^"]*)"/g)) {
            if (attribute === 'data-url' || attribute === 'title') assert.match(value!, /^https:\/\//, out);
            else assert.ok(['type', 'role', 'data-action', 'start', 'class', 'style'].includes(attribute!), `attribute ${attribute} in ${out}`);
          }
        }
        assert.doesNotMatch(out, /<script|<img|<a[\s>]|href=/i);
        for (const url of noteLinks(note)) assert.match(url, /^https:\/\//);
      }),
    );
  });

  it('the tooltip Markdown, even read with HTML on, has no HTML, no image and https links only (property)', () => {
    assertProperty(
      fc.property(hostileNote, (note) => {
        const markdown = noteTooltipMarkdown(note);
        const walk = (tokens: ReturnType<typeof lax.parse>): void => {
          for (const token of tokens) {
            assert.ok(!['html_block', 'html_inline', 'image'].includes(token.type), `${token.type} from ${JSON.stringify(note)}: ${markdown}`);
            if (token.type === 'link_open') assert.match(token.attrGet('href') ?? '', /^https:\/\//, markdown);
            walk(token.children ?? []);
          }
        };
        walk(lax.parse(markdown, {}));
      }),
    );
  });

  it('keeps the note readable: formatting, lists, code and https links survive; hostile parts show as text', () => {
    const markdown = noteTooltipMarkdown('# Plan\n\n- read **the** paper\n- [notes](https://example.com/n)\n\n```\n<b>code</b>\n```\n\n<script>alert(1)</script> [x](javascript:alert(1))');
    assert.equal(
      markdown,
      '**Plan**\n\n- read **the** paper\n\n- [notes](https://example.com/n)\n\n```\n<b>code</b>\n```\n\n\\<script\\>alert\\(1\\)\\<\\/script\\> \\[x\\]\\(javascript\\:alert\\(1\\)\\)',
    );
    const html = noteHtml('[x](javascript:alert(1)) <script>alert(1)</script> [ok](https://example.com)');
    assert.equal(
      html,
      '<p>[x](javascript:alert(1)) &lt;script&gt;alert(1)&lt;/script&gt; <button type="button" role="link" class="link-button note-link" data-action="open-link" data-url="https://example.com" title="https://example.com">ok</button></p>\n',
    );
  });

  it('cuts a long note in the tooltip and renders huge hostile input quickly', () => {
    const long = `${'line of text\n'.repeat(400)}`;
    const cut = noteTooltipMarkdown(long);
    assert.ok(cut.length < tooltipNoteLength * 1.5, `${cut.length} characters`);
    assert.match(cut, /Edit Note shows all of it/);
    for (const huge of ['['.repeat(maxNoteLength), '*a'.repeat(maxNoteLength / 2), '> '.repeat(maxNoteLength / 2), '<'.repeat(maxNoteLength), '- '.repeat(maxNoteLength / 2)]) {
      const started = performance.now();
      noteHtml(huge);
      noteTooltipMarkdown(huge);
      assert.ok(performance.now() - started < 1000, `${huge.slice(0, 4)}… took ${(performance.now() - started).toFixed(0)} ms`);
    }
  });

  it('a tooltip shows the dated history and the note under the status, above a rule, and nothing when there is neither', () => {
    const annotations = annotationsMarkdown('Learning since 12 Mar 2026', { markdown: noteTooltipMarkdown('see <b>x</b>'), changedAt: june3 }, 'UTC');
    assert.equal(annotations, '*Learning since 12 Mar 2026*\n\n**Your note** (edited 3 Jun 2026)\n\nsee \\<b\\>x\\<\\/b\\>');
    const skillTooltip = skillMarkdown(roadmap, roadmap.skills[0]!, 'learning', false, annotations);
    assert.match(skillTooltip, /^\*\*[^\n]+\*\*\n\n\*Learning\* ·[^\n]+\n\n\*Learning since 12 Mar 2026\*\n\n\*\*Your note\*\*[^\n]+\n\nsee [^\n]+\n\n---\n\n/);
    assert.match(expectationMarkdown(roadmap, roadmap.expectations[0]!, 'done', annotations), /\n\n---\n\n[^\n]+$/);
    assert.equal(annotationsMarkdown(undefined, undefined), '');
    assert.equal(skillMarkdown(roadmap, roadmap.skills[0]!, 'learning', false, ''), skillMarkdown(roadmap, roadmap.skills[0]!, 'learning', false));
    assert.doesNotMatch(skillMarkdown(roadmap, roadmap.skills[0]!, 'learning', false), /---/);
  });
});

describe('notes: the roadmap page', () => {
  it('the detail pane shows the note as the host rendered it, the dated history and Edit note; other skills offer Add a note', async () => {
    const time = { t: march12 };
    const { a } = windows(new SharedBackend(), () => time.t);
    await a.setStatus(skill, 'learning');
    time.t = june3;
    await a.setStatus(skill, 'done');
    await a.setNote(skill, '**Shipped** it <script>alert(1)</script> [PR](https://example.com/pr) [bad](javascript:alert(1))');
    const view = buildRoadmapView(roadmap, (id) => a.status(id), undefined, skillAnnotations(a, noteHtml, 'UTC'));
    const message = parseHostMessage(JSON.parse(JSON.stringify({ type: 'state', state: view, evidence: null, shown: false })));
    assert.ok(message.ok, message.ok ? '' : message.error);
    const detail = renderDetail(view, { ...readUiState(undefined), selectedSkillId: skill }).value;
    assert.match(detail, /<p class="detail-history muted">Learning since 12 Mar 2026, done 3 Jun 2026<\/p>/);
    assert.match(detail, /Your note <span class="muted">\(edited 3 Jun 2026\)<\/span>/);
    assert.match(detail, /<strong>Shipped<\/strong> it &lt;script&gt;alert\(1\)&lt;\/script&gt; <button [^>]*data-url="https:\/\/example\.com\/pr"[^>]*>PR<\/button> \[bad\]\(javascript:alert\(1\)\)/);
    assert.match(detail, /data-action="edit-note" data-skill="[^"]+"[^>]*>Edit note</);
    const other = renderDetail(view, { ...readUiState(undefined), selectedSkillId: roadmap.skills[1]!.id }).value;
    assert.match(other, />Add a note</);
    assert.doesNotMatch(other, /detail-history|Your note/);
  });
});
