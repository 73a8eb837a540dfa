// Every parser outside the evidence scanner that reads text or a value from the user or a file (team roadmaps,
// DEPLOY_CHECKLIST.md, notes, export files, stored progress, command arguments, project names) runs in time linear in
// its input and never overflows the stack on deep nesting.
import * as assert from 'node:assert/strict';
import { parseCommandArguments, commandArguments, noArguments, selectRoadmapArguments } from '../../src/core/commandArgs';
import { fullExportJson, parseFullExport } from '../../src/core/export/fullExport';
import { importPreviewMarkdown, planImport } from '../../src/core/export/importPlan';
import { noteFolderId, noteIdFromPath, notePath } from '../../src/core/notes/noteUri';
import { noteHtml, noteLinks, noteTooltipMarkdown } from '../../src/core/notes/renderNote';
import { identify, parseChecklist, testStateEdits } from '../../src/core/portfolio/checklist';
import { projectTooltip } from '../../src/core/portfolio/tooltip';
import { emptyState, parseStoredState, storedChecks } from '../../src/core/progress/state';
import { accepted, type Checker } from '../../src/core/progress/storedValue';
import { bundledRoadmap } from '../../src/core/roadmap/bundled';
import { closestId } from '../../src/core/roadmap/custom/closestId';
import { loadCustomRoadmap } from '../../src/core/roadmap/custom/loadCustomRoadmap';
import { roadmapCandidates } from '../../src/core/roadmap/custom/sources';
import { isHttpsUrl } from '../../src/core/roadmap/links';
import { escapeCodicons, escapeMarkdown, markdownLink } from '../../src/core/roadmap/skillMarkdown';
import { fillCiBadge, gitHubRepositoryOf } from '../../src/core/scaffold/badge';
import { toPackageName, validateProjectName } from '../../src/core/scaffold/names';
import { newProjectOptionsSchema } from '../../src/core/scaffold/options';
import { fixedSource } from './helpers/exportFixture';
import { superLinear } from './helpers/timing';

const builtin = bundledRoadmap.roadmap;
const builtinIds = [...builtin.levels.map((l) => l.id), ...builtin.groups.flatMap((g) => g.skills.map((s) => s.id))];
const roadmapHeader = 'version: 2\nextends: builtin\n';
const specs = commandArguments(() => bundledRoadmap);
const selectRoadmap = selectRoadmapArguments(() => ['builtin']);
const exportEnvelope = JSON.parse(fullExportJson(fixedSource())) as Record<string, unknown>;
/** An export up to its progress, which the text completes. */
const exportPrefix = JSON.stringify({ ...exportEnvelope, progress: 0 }).replace(/0\}$/, '');

/** The arguments as each kind of command reads them. */
function everyCommand(args: unknown[]): unknown[] {
  return [
    parseCommandArguments('c', specs.oneSkill, args),
    parseCommandArguments('c', specs.skillAndStatus, args),
    parseCommandArguments('c', specs.oneLevel, args),
    parseCommandArguments('c', specs.oneFilter, args),
    parseCommandArguments('c', selectRoadmap, args),
    parseCommandArguments('c', noArguments, args),
  ];
}

/** `run()`'s result, or the error it threw when that is an ordinary Error (a RangeError, a stack overflow, fails). */
function settled(run: () => unknown): unknown {
  try {
    return run();
  } catch (error) {
    if (error instanceof RangeError || !(error instanceof Error)) throw error;
    return error;
  }
}

/** Splits `text` into pieces of at most `size` characters (for fields with a length limit). */
function pieces(text: string, size: number): string[] {
  return Array.from({ length: Math.ceil(text.length / size) }, (_, i) => text.slice(i * size, (i + 1) * size));
}

/**
 * Work that wrappers need done before the entry point they time (reading an export to import it, parsing a checklist to
 * click in it), which other entries time: done before timing, for the small and the large text.
 */
const preparations: Array<(text: string) => unknown> = [];

function prepared<T>(compute: (text: string) => T): (text: string) => T {
  const cache = new Map<string, T>();
  const get = (text: string): T => {
    if (!cache.has(text)) {
      // Only the texts of the case at hand: the small and the large one.
      if (cache.size === 2) cache.delete(cache.keys().next().value as string);
      cache.set(text, compute(text));
    }
    return cache.get(text) as T;
  };
  preparations.push(get);
  return get;
}

/** An export whose notes hold `text`, in pieces a note may hold. */
const exportOf = prepared((text: string) => {
  const notes = Object.fromEntries(pieces(text, 20_000).map((piece, i) => [`note-${i}`, { text: piece, changedAt: 1 }]));
  const parsed = parseFullExport(JSON.stringify({ ...exportEnvelope, progress: { version: 4, skills: {}, notes } }));
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
});

/** The import preview of an export whose notes hold `text` (the file system and the export's schema bound the names it shows). */
function importPreview(text: string): string {
  const planned = planImport(emptyState(), exportOf(text), bundledRoadmap, 2_000_000_000_000);
  if (!planned.ok) throw new Error(planned.error);
  return importPreviewMarkdown(planned.plan, 'export.json', 'ML engineer');
}

/** A checklist with `text` for its section's title. */
const checklistOf = prepared((text: string) => parseChecklist(`## ${text}\n- [ ] a`));
const rubricTest = (text: string): string => `- [ ] **Data 1** ${text}`;
/** A rubric test whose line goes on with `text`, as a click identifies it. */
const rubricTestOf = prepared((text: string) => {
  const section = parseChecklist(rubricTest(text)).sections[0];
  const item = section?.items.find((i) => i.line === 0 && i.testId !== undefined);
  return section && item ? identify(section, item) : undefined;
});

/** The edits that mark automated a rubric test whose line goes on with `text`. */
function markAutomated(text: string): unknown {
  const clicked = rubricTestOf(text);
  return clicked && settled(() => testStateEdits(rubricTest(text), clicked, 'automated'));
}

/** What a parser reads, when more than plain text: only its own grammar can nest (see `deepTexts`). */
type Grammar = 'yaml' | 'markdown' | 'json';

/** Every entry point that takes text from a file, the user or storage, as a function of that text. */
const textParsers: Array<[string, (text: string) => unknown, Grammar?]> = [
  ['loadCustomRoadmap', (t) => loadCustomRoadmap(t, builtin), 'yaml'],
  ['closestId', (t) => closestId(t, builtinIds)],
  ['roadmapCandidates', (t) => roadmapCandidates({ trusted: true, folderCount: 2, setting: t.split('\n'), homeDir: '/home/me' })],
  ['parseChecklist', (t) => parseChecklist(t), 'markdown'],
  ['testStateEdits', (t) => markAutomated(t), 'markdown'],
  // The project's name is a folder's: the file system bounds it.
  ['projectTooltip', (t) => projectTooltip('project', checklistOf(t)), 'markdown'],
  ['parseFullExport', (t) => [parseFullExport(t), parseFullExport(`${exportPrefix}${t}}`), parseFullExport(JSON.stringify(t))], 'json'],
  ['parseFullExport, fields', (t) => parseFullExport(JSON.stringify({ ...exportEnvelope, exportedAt: t, extensionVersion: t, roadmap: { id: t, name: t } })), 'json'],
  ['import preview', (t) => importPreview(t)],
  ['noteHtml', (t) => noteHtml(t), 'markdown'],
  ['noteTooltipMarkdown', (t) => noteTooltipMarkdown(t), 'markdown'],
  ['note paths', (t) => [notePath(t, t), noteIdFromPath(t), noteIdFromPath(`/${t}`), noteIdFromPath(`/a/${t}`), noteFolderId(t)]],
  ['escapeMarkdown', (t) => [escapeMarkdown(t), escapeCodicons(t), markdownLink('a', `https://example.org/${t}`), isHttpsUrl(t), isHttpsUrl(`https://${t}`)]],
  ['validateProjectName', (t) => [validateProjectName(t), toPackageName(t)]],
  ['gitHubRepositoryOf', (t) => [gitHubRepositoryOf(t), gitHubRepositoryOf(`git@github.com:${t}`), gitHubRepositoryOf(`https://github.com/${t}`), fillCiBadge(t, { owner: 'me', name: 'app' })]],
  ['newProjectOptionsSchema', (t) => newProjectOptionsSchema.safeParse({ template: t, name: t, parentDir: `/${t}`, author: t })],
  ['parseCommandArguments', (t) => everyCommand([t, t])],
  ['parseStoredState', (t) => parseStoredState({ version: 4, skills: { [t]: { status: 'done', changedAt: 1 } }, notes: { a: { text: t, changedAt: 1 } } })],
];

/** Every entry point that takes an arbitrary value (storage, command arguments, an export's JSON). */
const valueParsers: Array<[string, (value: unknown) => unknown]> = [
  ['parseStoredState', (v) => [parseStoredState(v), parseStoredState({ version: 4, skills: v }), parseStoredState({ version: 4, skills: { a: v } })]],
  ['parseStoredState, notes', (v) => [parseStoredState({ version: 4, skills: {}, notes: v }), parseStoredState({ version: 1, statuses: v })]],
  ['storedChecks', (v) => Object.values(storedChecks).map((check: Checker<unknown>) => accepted(check, v))],
  ['parseCommandArguments', (v) => [...everyCommand([v]), parseCommandArguments('c', specs.oneSkill, Array.isArray(v) ? v : [v])]],
  ['newProjectOptionsSchema', (v) => [newProjectOptionsSchema.safeParse(v), newProjectOptionsSchema.safeParse({ template: 'a', name: 'b', parentDir: '/', author: v })]],
  ['roadmapCandidates', (v) => roadmapCandidates({ trusted: true, folderCount: 1, setting: v, homeDir: '/home/me' })],
];

/** A roadmap file of unknown keys, `n` characters. */
const mapKeys = (n: number): string => roadmapHeader + Array.from({ length: n / 12 }, (_, i) => `k${String(i).padStart(6, '0')}: 1\n`).join('');
const keyed = (n: number, value: (i: number) => unknown): Record<string, unknown> => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, value(i)]));


/** Texts of about `n` characters that defeat naive scanning: long runs, unclosed constructs, deep nesting. */
const adversarialTexts: Array<[string, (n: number) => string]> = [
  ['many lines', (n) => 'a\n'.repeat(n / 2)],
  ['one huge line', (n) => 'a'.repeat(n)],
  ['very long names', (n) => 'a-'.repeat(n / 2)],
  ['nested [ ]', (n) => `${'['.repeat(n / 2)}${']'.repeat(n / 2)}`],
  ['nested { }', (n) => `${'{a: '.repeat(n / 8)}${'}'.repeat(n / 8)}`],
  ['lists of lists', (n) => `${'- '.repeat(n / 2)}a`],
  ['quotes in quotes', (n) => `${'> '.repeat(n / 2)}a`],
  ['unclosed fences', (n) => '```\n'.repeat(n / 4)],
  ['unclosed [', (n) => '[a'.repeat(n / 2)],
  ['unclosed (', (n) => '('.repeat(n)],
  ['unclosed links', (n) => '[a]('.repeat(n / 4)],
  ['unclosed quotes', (n) => `'"`.repeat(n / 2)],
  ['unclosed <', (n) => '<a'.repeat(n / 2)],
  ['run of *', (n) => '*'.repeat(n)],
  ['emphasis openers', (n) => '*a'.repeat(n / 2)],
  ['run of _', (n) => '_'.repeat(n)],
  ['run of \\', (n) => '\\'.repeat(n)],
  ['run of #', (n) => '#'.repeat(n)],
  ['run of -', (n) => '-'.repeat(n)],
  ['run of |', (n) => '|'.repeat(n)],
  ['run of spaces', (n) => `${' '.repeat(n)}a`],
  ['run of tabs', (n) => `${'\t'.repeat(n)}a`],
  ['repeated task markers', (n) => '- [ ] '.repeat(n / 6)],
  ['task items in sections', (n) => '## s\n- [ ] a `automated`\n'.repeat(n / 26)],
  ['map keys', (n) => mapKeys(n)],
  ['one-line list of wrong items', (n) => `${roadmapHeader}add:\n  skills:\n    - renamedFrom: [${'"a b", '.repeat(n / 7)}]`],
  ['progress entries as JSON', (n) => `{"version":4,"skills":{${Array.from({ length: n / 40 }, (_, i) => `"s${i}":{"status":"done","changedAt":1}`).join(',')}}}`],
];

/** Values with many parts, long strings and long lists, each about `n` items or characters. */
const adversarialValues: Array<[string, (n: number) => unknown]> = [
  ['many keys', (n) => keyed(n / 8, () => ({ status: 'done', changedAt: 1 }))],
  ['many wrong keys', (n) => keyed(n / 8, () => 1)],
  ['long list', (n) => Array.from({ length: n / 8 }, () => 'a')],
  ['long string', (n) => 'a'.repeat(n)],
];

describe('parsers run in linear-ish time on adversarial input', function () {
  // Each case runs every parser several times on up to 160,000 characters: seconds of wall time on a busy machine.
  this.timeout(60_000);

  const slowOn = <T>(parsers: Array<[string, (input: T) => unknown, ...unknown[]]>, make: (n: number) => T, n = 40_000): string[] =>
    superLinear(parsers, make, n, (inputs) => {
      for (const input of inputs) if (typeof input === 'string') for (const prepare of preparations) prepare(input);
    });

  // Some of these make YAML report an error every few characters: loadCustomRoadmap takes 0.1–0.4 s on 160,000 of them.
  for (const [name, make] of adversarialTexts) {
    it(`${name}: 4× the input takes far less than 16× the time in every parser`, () => {
      assert.deepEqual(slowOn(textParsers, make), []);
    });
  }
  // yaml's check for duplicate keys compares each key with every earlier one of its map, cheaply: 4× the keys took 5×
  // the time from 40,000 characters but 12.5× from 120,000 (40,000 keys: 12 s), still within the largest roadmap file.
  it('map keys up to the largest roadmap file: 4× the input takes far less than 16× the time in loadCustomRoadmap', () => {
    assert.deepEqual(slowOn(textParsers.filter(([, , reads]) => reads === 'yaml'), mapKeys, 120_000), []);
  });
  for (const [name, make] of adversarialValues) {
    it(`${name} (a value): 4× the input takes far less than 16× the time in every parser`, () => {
      assert.deepEqual(slowOn(valueParsers, make), []);
    });
  }
});

describe('parsers never overflow the stack on deep nesting', function () {
  this.timeout(60_000);
  const depth = 100_000;

  /**
   * The parsers that threw. Those whose contract allows an error of their own are wrapped in `settled`, which lets
   * only a RangeError (a stack overflow) through; the others must never throw.
   */
  const overflowing = <T>(parsers: Array<[string, (input: T) => unknown, ...unknown[]]>, input: T): string[] =>
    parsers.flatMap(([parser, parse]) => {
      try {
        parse(input);
        return [];
      } catch (error) {
        return [`${parser}: ${error instanceof Error ? error.message : String(error)}`];
      }
    });

  // noteLinks parses as noteHtml does (timed above), then walks the tokens, recursing into their children.
  const deepParsers: Array<[string, (text: string) => unknown, Grammar?]> = [...textParsers, ['noteLinks', (t) => noteLinks(t), 'markdown']];
  const deep = depth.toLocaleString('en');
  /** Nesting in each grammar, for the parsers of that grammar and those of plain text (made in the test, not kept). */
  const deepTexts: Array<[string, () => string, Grammar[]]> = [
    [`[ ] ${deep} deep`, () => `${'['.repeat(depth)}${']'.repeat(depth)}`, ['yaml', 'markdown', 'json']],
    [`{ } ${deep} deep`, () => `${'{'.repeat(depth)}${'}'.repeat(depth)}`, ['yaml']],
    [`lists of lists ${deep} deep`, () => `${'- '.repeat(depth)}a`, ['yaml', 'markdown']],
    [`quotes in quotes ${deep} deep`, () => `${'> '.repeat(depth)}a`, ['markdown']],
    [`JSON objects ${deep} deep`, () => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`, ['json']],
    [`JSON lists ${deep} deep where an export names its format`, () => `{"format":${'['.repeat(depth)}${']'.repeat(depth)}}`, ['json']],
    // Not nesting, but zod gathers a list's issues with push(...issues), which overflowed the stack just the same.
    ['150,000 wrong items in one list', () => `${roadmapHeader}add:\n  skills:\n    - renamedFrom: [${'1,'.repeat(150_000)}1]`, ['yaml']],
  ];
  for (const [name, make, grammars] of deepTexts) {
    it(`${name}: no parser overflows the stack`, () => {
      assert.deepEqual(overflowing(deepParsers.filter(([, , reads]) => reads === undefined || grammars.includes(reads)), make()), []);
    });
  }

  const nested = (wrap: (inner: unknown) => unknown): unknown => {
    let value: unknown = 'a';
    for (let i = 0; i < depth; i++) value = wrap(value);
    return value;
  };
  const deepValues: Array<[string, () => unknown]> = [
    ['lists', () => nested((inner) => [inner])],
    ['objects', () => nested((inner) => ({ a: inner }))],
    ['Roadmap nodes', () => nested((inner) => ({ kind: 'skill', id: 'a', skill: { id: inner }, status: inner }))],
  ];
  for (const [name, make] of deepValues) {
    it(`${name} ${deep} deep: no parser of values overflows the stack`, () => {
      assert.deepEqual(overflowing(valueParsers, make()), []);
    });
  }
  it(`a roadmap nested ${deep} deep is refused before yaml recurses through it, every time`, () => {
    // yaml turns a stack overflow into an error, but near the end of the stack V8 may abort the process instead: a
    // second load of 40,000 "[" did.
    for (const text of ['['.repeat(depth), `${'- '.repeat(depth)}a`, '['.repeat(depth)]) {
      const { diagnostics } = loadCustomRoadmap(text, builtin);
      assert.deepEqual(diagnostics.map((d) => d.code), ['limit']);
      assert.match(diagnostics[0]?.message ?? '', /^nested more than \d+ levels deep/);
    }
  });
  it(`an export of progress nested ${deep} deep: parseFullExport reports it`, () => {
    const json = `{"format":"ml-career-export","version":1,"progress":${'{"skills":'.repeat(depth)}1${'}'.repeat(depth)}}`;
    assert.equal(parseFullExport(json).ok, false);
  });
});
