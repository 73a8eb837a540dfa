import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { CommandArgumentError, commandArguments, noArguments, parseCommandArguments, type CommandArguments } from '../../src/core/commandArgs';
import { skillFilters } from '../../src/core/progress/filter';
import { skillStatuses } from '../../src/core/progress/status';
import { bundledRoadmap } from '../../src/core/roadmap/bundled';
import { buildRoadmapView } from '../../src/core/roadmapView/viewModel';
import { describeMessage, hostMessageSchema, parseHostMessage } from '../../src/webview/protocol';
import { parseWebviewMessage, webviewMessageVariants } from '../../src/webview/webviewMessages';
import { assertProperty } from './helpers/property';

/** Keys that pollute prototypes when a parser assigns them naively, mixed with the protocol's own. */
const keys = fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'type', 'skillId', 'status', 'levelId', 'url', 'state', 'kind', 'id', 'skill', 'level');
const hugeString = fc.constantFrom('x'.repeat(100_000), 'ü'.repeat(3000), `https://${'a'.repeat(5000)}.example`);
/** Deep nesting, built directly (fast-check's own depth is bounded far lower). */
const deeplyNested = fc.integer({ min: 100, max: 5000 }).map((depth) => {
  let value: unknown = 'python';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { skillId: value, skill: value, id: value };
  return value;
});
const leaf = fc.oneof(fc.jsonValue(), fc.anything(), hugeString, deeplyNested);
/** Objects shaped like the protocol's messages and commands' arguments, with wrong, hostile or extra fields. */
const messageLike = fc.oneof(
  fc.record(
    {
      type: fc.oneof(fc.constantFrom('ready', 'setStatus', 'setCurrentLevel', 'openLink', 'state'), leaf),
      skillId: fc.oneof(fc.constantFrom('python', 'sql-data', ''), leaf),
      status: fc.oneof(fc.constantFrom(...skillStatuses), leaf),
      levelId: fc.oneof(fc.constantFrom('junior', 'mid'), leaf),
      url: fc.oneof(fc.constantFrom('https://pytorch.org', 'javascript:alert(1)'), leaf),
      kind: fc.oneof(fc.constantFrom('skill', 'level', 'group'), leaf),
      id: leaf,
      skill: fc.oneof(fc.record({ id: fc.oneof(fc.constantFrom('python', ''), leaf) }), leaf),
    },
    { requiredKeys: [] },
  ),
  fc.dictionary(keys, leaf),
  leaf,
);
const validWebviewMessage = fc.oneof(
  fc.constant({ type: 'ready' }),
  fc.record({ type: fc.constant('setStatus'), skillId: fc.string({ minLength: 1, maxLength: 200 }), status: fc.constantFrom(...skillStatuses) }),
  fc.record({ type: fc.constant('setCurrentLevel'), levelId: fc.string({ minLength: 1, maxLength: 200 }) }),
  fc.record({ type: fc.constant('openLink'), url: fc.webUrl() }),
  fc.record({
    type: fc.constant('openEvidence'),
    place: fc.record(
      { folder: fc.string({ minLength: 1, maxLength: 200 }), path: fc.constantFrom('train.py', 'src/a b.py', 'nb.ipynb'), line: fc.integer({ min: 1, max: 1e6 }), column: fc.nat(), length: fc.nat(), cell: fc.nat() },
      { requiredKeys: ['folder', 'path', 'line'] },
    ),
  }),
);
/** The same, and as JSON.parse builds it: "__proto__" then is an own key, as a hostile postMessage delivers it. */
const hostile = fc.oneof(
  messageLike,
  validWebviewMessage,
  fc.tuple(fc.dictionary(fc.string(), fc.jsonValue()), fc.jsonValue()).map(([object, proto]) => {
    const members = JSON.stringify(object).slice(1, -1);
    return JSON.parse(`{"__proto__":${JSON.stringify(proto)}${members ? `,${members}` : ''}}`) as unknown;
  }),
);

function prototypeIsClean(): void {
  assert.deepEqual(Object.getOwnPropertyNames(Object.prototype).sort(), objectPrototypeNames);
}
const objectPrototypeNames = Object.getOwnPropertyNames(Object.prototype).sort();

describe('webview protocol', () => {
  const state = buildRoadmapView(bundledRoadmap, (id) => (id === 'python' ? 'done' : 'not-started'), 'junior');

  it('accepts every webview → host message', () => {
    for (const message of [
      { type: 'ready' },
      { type: 'setStatus', skillId: 'python', status: 'learning' },
      { type: 'setCurrentLevel', levelId: 'mid' },
      { type: 'openLink', url: 'https://pytorch.org' },
      { type: 'openEvidence', place: { folder: 'app', path: 'src/train.py', line: 12, column: 0, length: 12 } },
      { type: 'openEvidence', place: { folder: 'app', path: 'nb.ipynb', line: 1, cell: 2 } },
    ]) {
      const parsed = parseWebviewMessage(message);
      assert.ok(parsed.ok, JSON.stringify(message));
      assert.deepEqual(parsed.message, message);
    }
  });

  it('rejects hostile or malformed webview messages', () => {
    const long = 'x'.repeat(10_000);
    for (const raw of [
      undefined,
      null,
      42,
      'ready',
      [],
      {},
      { type: 'unknown' },
      { type: 'READY' },
      { type: 'ready', extra: 1 },
      { type: 'setStatus', skillId: 'python' },
      { type: 'setStatus', skillId: 'python', status: 'finished' },
      { type: 'setStatus', skillId: '', status: 'done' },
      { type: 'setStatus', skillId: long, status: 'done' },
      { type: 'setStatus', skillId: 42, status: 'done' },
      { type: 'setStatus', skillId: ['python'], status: 'done' },
      { type: 'setStatus', skillId: 'python', status: 'done', __proto__: { polluted: true } },
      JSON.parse('{"type":"setStatus","skillId":"python","status":"done","__proto__":{"polluted":true}}'),
      { type: 'setCurrentLevel' },
      { type: 'openLink', url: long },
      { type: 'openLink', url: { href: 'https://x' } },
      { type: 'openEvidence', place: { folder: 'app', path: '../../etc/passwd', line: 1 } },
      { type: 'openEvidence', place: { folder: 'app', path: '/etc/passwd', line: 1 } },
      { type: 'openEvidence', place: { folder: 'app', path: 'a.py', line: 0 } },
      { type: 'openEvidence', place: { folder: 'app', path: 'a.py', line: 1.5 } },
      { type: 'openEvidence', place: { folder: 'app', path: 'a.py', line: 1, extra: true } },
      { type: 'openEvidence', place: { folder: 'app', path: long, line: 1 } },
      { type: 'openEvidence', folder: 'app', path: 'a.py', line: 1 },
      { type: { toString: () => 'ready' } },
    ]) {
      const parsed = parseWebviewMessage(raw);
      assert.equal(parsed.ok, false, `accepted ${JSON.stringify(raw)?.slice(0, 80)}`);
    }
    assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
  });

  it('validation says where a message is wrong, briefly', () => {
    const parsed = parseWebviewMessage({ type: 'setStatus', skillId: 'python', status: 'finished' });
    assert.ok(!parsed.ok);
    assert.match(parsed.error, /status/);
    assert.equal(describeMessage({ type: 'x'.repeat(500) }).length, 42);
    assert.equal(describeMessage(null), 'object');
  });

  it('host → webview: the state of the real roadmap passes and round-trips through JSON', () => {
    // The host always sends `evidence`, null when there is none (see hostMessageSchema).
    const parsed = parseHostMessage(JSON.parse(JSON.stringify({ type: 'state', state, evidence: null, shown: true })));
    assert.ok(parsed.ok, parsed.ok ? '' : parsed.error);
    assert.deepEqual(parsed.message, { type: 'state', state, evidence: null, shown: true });
  });

  it('host → webview: malformed state is rejected', () => {
    const good = { type: 'state', state, evidence: null, shown: false };
    assert.ok(parseHostMessage(good).ok, 'the unchanged message passes, so each case below fails for its own change');
    const bad = [
      { type: 'state', evidence: null, shown: false },
      { type: 'state', state, shown: false },
      { type: 'state', state, evidence: null },
      { ...good, shown: 'yes' },
      { ...good, state: { ...state, levels: 'x' } },
      { ...good, state: { ...state, skills: [{ ...state.skills[0], status: 'hacked' }] } },
      { ...good, state: { ...state, overall: { ...state.overall, percent: 101 } } },
      { ...good, state: { ...state, overall: { ...state.overall, done: 1.5 } } },
      { ...good, state: { ...state, overall: { ...state.overall, done: -1 } } },
      { ...good, state: { ...state, skills: Array.from({ length: 1001 }, () => state.skills[0]) } },
      { ...good, evidence: { skills: [{ skillId: 'python', files: 0.5, suggested: false, items: [] }], noCodeEvidence: [], off: null } },
      { ...good, type: 'other' },
    ];
    for (const raw of bad) assert.equal(parseHostMessage(raw).ok, false, JSON.stringify(raw).slice(0, 200));
  });

  it('never throws on arbitrary input, either direction, and accepts only exact variants (property)', () => {
    let accepted = 0;
    assertProperty(
      fc.property(hostile, (raw) => {
        const fromWebview = parseWebviewMessage(raw);
        if (fromWebview.ok) {
          accepted++;
          const matching = webviewMessageVariants.filter((variant) => variant.safeParse(fromWebview.message).success);
          assert.equal(matching.length, 1, `accepted ${JSON.stringify(raw).slice(0, 200)} as ${matching.length} variants`);
          assert.deepEqual(JSON.parse(JSON.stringify(fromWebview.message)), fromWebview.message, 'an accepted message is plain JSON');
        } else {
          assert.ok(fromWebview.error.length < 300, fromWebview.error);
        }
        const fromHost = parseHostMessage(raw);
        if (fromHost.ok) assert.ok(hostMessageSchema.safeParse(JSON.parse(JSON.stringify(fromHost.message))).success);
        assert.ok(describeMessage(raw).length <= 42);
        prototypeIsClean();
      }),
    );
    // The generator must reach valid messages too, or the "exactly one variant" half tests nothing.
    assert.ok(accepted > 0, 'no generated message was valid');
  });

  it('host → webview: never throws on the real state with any one field replaced by arbitrary data (property)', function () {
    // Each case parses the whole real state: about 4 s for the 2000 cases, more on a busy machine.
    this.timeout(60_000);
    const paths = fc.constantFrom<[string, ...(string | number)[]]>(['overall', 'percent'], ['skills', 0, 'status'], ['skills', 0, 'title'], ['levels', 0, 'groups'], ['currentLevelId'], ['next'], ['skills', 0, 'resources', 0, 'url']);
    assertProperty(
      fc.property(paths, leaf, (path, value) => {
        const message = JSON.parse(JSON.stringify({ type: 'state', state, evidence: null, shown: false })) as Record<string, unknown>;
        let target = message['state'] as Record<string | number, unknown>;
        for (const key of path.slice(0, -1)) target = target[key] as Record<string | number, unknown>;
        target[path.at(-1)!] = value;
        const parsed = parseHostMessage(message);
        if (parsed.ok) assert.equal(parsed.message.type, 'state');
        prototypeIsClean();
      }),
    );
  });
});

describe('command arguments', () => {
  const specs = commandArguments(() => bundledRoadmap);
  const all: [string, CommandArguments<unknown>][] = [['none', noArguments], ...Object.entries(specs)];

  it('accept what the menus, the tree and automation pass', () => {
    const python = bundledRoadmap.skill('python')!;
    const node = { kind: 'skill', id: 'group/must-have/skill/python', parentId: 'group/must-have', skill: python, status: 'done' };
    const level = { kind: 'level', id: 'level/mid', level: bundledRoadmap.level('mid'), isCurrent: false };
    const ok = <T>(spec: CommandArguments<T>, ...args: unknown[]): T => {
      const parsed = parseCommandArguments('test', spec, args);
      assert.ok(parsed.ok, parsed.ok ? '' : parsed.error);
      return parsed.value;
    };
    assert.equal(ok(specs.oneSkill), undefined);
    assert.equal(ok(specs.oneSkill, 'python'), 'python');
    // A menu passes the node and, for the absent multi-selection, undefined.
    assert.equal(ok(specs.oneSkill, node, undefined), 'python');
    assert.equal(ok(specs.oneSkill, { kind: 'skill', skill: { id: 'python', title: 'forged' } }), 'python');
    assert.deepEqual(ok(specs.skillAndStatus, 'python', 'done'), { skillId: 'python', status: 'done' });
    assert.equal(ok(specs.oneLevel, level), 'mid');
    // The title bar passes whichever node has focus; commands that take no node ignore it.
    assert.equal(ok(specs.oneLevel, node), undefined);
    assert.equal(ok(specs.oneFilter, 'learning'), 'learning');
    assert.equal(ok(specs.oneFilter, node), undefined);
    assert.equal(ok(noArguments, level), undefined);
    assert.equal(ok(noArguments), undefined);
  });

  it('say what is wrong, where, and what the command takes', () => {
    const error = (spec: CommandArguments<unknown>, ...args: unknown[]): string => {
      const parsed = parseCommandArguments('mlCareer.x', spec, args);
      assert.ok(!parsed.ok, `accepted ${JSON.stringify(args)}`);
      return parsed.error;
    };
    assert.equal(error(specs.oneSkill, null), 'mlCareer.x: argument 1 is null. It takes a skill id, a skill of the Roadmap view, or nothing (to choose one).');
    assert.match(error(specs.oneSkill, { kind: 'skill' }), /^mlCareer\.x: argument 1 \(skill\) is missing\./);
    assert.match(error(specs.oneSkill, { kind: 'skill', skill: { id: '' } }), /^mlCareer\.x: argument 1 \(skill\.id\) is empty\./);
    assert.match(error(specs.oneSkill, 'x'.repeat(201)), /^mlCareer\.x: argument 1 is longer than 200 characters\./);
    assert.match(error(specs.oneSkill, `nope-${'y'.repeat(100)}`), /^mlCareer\.x: there is no skill or level expectation with the id "nope-y{59}…"\./);
    assert.match(error(specs.skillAndStatus, 'python', 'mastered'), /argument 2 is not a status; use one of not-started, learning, done, skipped/);
    assert.match(error(specs.oneLevel, 'astronaut'), /there is no level with the id "astronaut"/);
    assert.match(error(specs.oneFilter, 'everything'), new RegExp(`argument 1 is not a filter; use one of ${skillFilters.join(', ')}`));
    assert.match(error(noArguments, 42), /^mlCareer\.x: argument 1 is a number\. It takes no arguments\.$/);
    assert.match(error(specs.oneSkill, 'python', 'extra'), /it got 2 arguments/);
  });

  it('never throw, accept only known ids, and keep messages short, whatever the arguments (property)', () => {
    let accepted = 0;
    assertProperty(
      fc.property(fc.constantFrom(...all), fc.array(hostile, { maxLength: 3 }), ([, spec], args) => {
        const parsed = parseCommandArguments('mlCareer.x', spec, args);
        if (parsed.ok) {
          accepted++;
          const values = [parsed.value, ...(typeof parsed.value === 'object' && parsed.value !== null ? Object.values(parsed.value) : [])];
          for (const value of values.filter((v) => typeof v === 'string')) {
            assert.ok(
              bundledRoadmap.skill(value) || bundledRoadmap.level(value) || (skillStatuses as readonly string[]).includes(value) || (skillFilters as readonly string[]).includes(value),
              `accepted unknown "${value.slice(0, 80)}"`,
            );
          }
        } else {
          assert.ok(parsed.error.startsWith('mlCareer.x: ') && parsed.error.length < 400, parsed.error.slice(0, 600));
        }
        prototypeIsClean();
      }),
    );
    assert.ok(accepted > 0, 'no generated arguments were valid');
    assert.equal(new CommandArgumentError('m').name, 'CommandArgumentError');
  });
});
