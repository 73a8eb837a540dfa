import * as assert from 'node:assert/strict';
import { bundledRoadmap } from '../../src/core/roadmap/bundled';
import { buildRoadmapView } from '../../src/core/roadmapView/viewModel';
import { describeMessage, parseHostMessage, parseWebviewMessage } from '../../src/webview/protocol';

describe('webview protocol', () => {
  const state = buildRoadmapView(bundledRoadmap, (id) => (id === 'python' ? 'done' : 'not-started'), 'junior');

  it('accepts every webview → host message', () => {
    for (const message of [
      { type: 'ready' },
      { type: 'setStatus', skillId: 'python', status: 'learning' },
      { type: 'setCurrentLevel', levelId: 'mid' },
      { type: 'openLink', url: 'https://pytorch.org' },
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
    const parsed = parseHostMessage(JSON.parse(JSON.stringify({ type: 'state', state })));
    assert.ok(parsed.ok, parsed.ok ? '' : parsed.error);
    assert.deepEqual(parsed.message, { type: 'state', state });
  });

  it('host → webview: malformed state is rejected', () => {
    const bad = [
      { type: 'state' },
      { type: 'state', state: { ...state, levels: 'x' } },
      { type: 'state', state: { ...state, skills: [{ ...state.skills[0], status: 'hacked' }] } },
      { type: 'state', state: { ...state, overall: { ...state.overall, percent: 101 } } },
      { type: 'state', state: { ...state, skills: Array.from({ length: 1001 }, () => state.skills[0]) } },
      { type: 'other', state },
    ];
    for (const raw of bad) assert.equal(parseHostMessage(raw).ok, false);
  });
});
