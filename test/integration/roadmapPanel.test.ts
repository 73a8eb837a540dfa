import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/api';
import { commands } from '../../src/core/ids';
import type { HostMessage } from '../../src/webview/protocol';
import { eventually, extensionApi } from './helpers/extension';

describe('roadmap panel', () => {
  let api: ExtensionApi;
  const posted: HostMessage[] = [];
  /** Links the panel let through; nothing opens a browser during the tests. */
  const opened: string[] = [];
  let subscription: vscode.Disposable;
  let opener: vscode.Disposable;

  const lastState = () => posted.at(-1)?.state;
  const skillIn = (message: HostMessage | undefined, id: string) => message?.state.skills.find((s) => s.id === id);
  const roadmapTabs = () =>
    vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('mlCareer.roadmapPanel'));

  before(async () => {
    api = await extensionApi();
    subscription = api.roadmapPanel.onDidPostMessage((m) => posted.push(m));
    opener = api.roadmapPanel.replaceLinkOpener(async (uri) => {
      opened.push(uri.toString(true));
      return true;
    });
    await api.progress.store.reset();
    await api.progress.store.setCurrentLevel('junior');
    await vscode.commands.executeCommand(commands.openRoadmap);
    // The real webview loads, says `ready`, and gets the state.
    await eventually(() => assert.ok(lastState(), 'the webview never became ready'), 15_000);
  });

  after(async () => {
    subscription.dispose();
    opener.dispose();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  beforeEach(async () => {
    await api.progress.store.reset();
    await eventually(() => assert.ok(lastState()?.skills.every((s) => s.status === 'not-started')));
    posted.length = 0;
    opened.length = 0;
  });

  it('opens one panel, and the command reveals it instead of opening another', async () => {
    assert.equal(api.roadmapPanel.isOpen(), true);
    await eventually(() => assert.equal(roadmapTabs().length, 1));
    // Another editor in front, so the panel coming back to the front shows that the command has taken effect.
    const [readme] = await vscode.workspace.findFiles('README.md', undefined, 1);
    assert.ok(readme, 'the test workspace has a README.md');
    await vscode.window.showTextDocument(readme);
    await eventually(() => assert.equal(roadmapTabs()[0]?.isActive, false));
    posted.length = 0;
    await vscode.commands.executeCommand(commands.openRoadmap);
    await eventually(() => assert.ok(roadmapTabs().some((t) => t.isActive), 'the roadmap panel was not revealed'));
    assert.equal(roadmapTabs().length, 1);
    // Hidden webviews are rebuilt when shown again: the revealed one says `ready` and gets the state.
    await eventually(() => assert.ok(posted.length > 0, 'the revealed webview never got the state'), 15_000);
  });

  it('posts the updated state when a status changes through a command', async () => {
    await vscode.commands.executeCommand(commands.setSkillStatus, 'python', 'learning');
    await eventually(() => assert.equal(skillIn(posted.at(-1), 'python')?.status, 'learning'));
    const state = lastState();
    assert.ok(state);
    assert.equal(state.overall.learning, 1);
    assert.equal(state.currentLevelId, 'junior');
  });

  it('a webview message changes the store (and the state posted back)', async () => {
    await api.roadmapPanel.simulateMessage({ type: 'setStatus', skillId: 'sql-data', status: 'done' });
    assert.equal(api.progress.store.status('sql-data'), 'done');
    await eventually(() => assert.equal(skillIn(posted.at(-1), 'sql-data')?.status, 'done'));

    // Expectations are tracked through the same message.
    await api.roadmapPanel.simulateMessage({ type: 'setStatus', skillId: 'train-and-evaluate', status: 'learning' });
    assert.equal(api.progress.store.status('train-and-evaluate'), 'learning');
    await eventually(() =>
      assert.equal(lastState()?.levels.find((l) => l.id === 'junior')?.expectations.find((e) => e.id === 'train-and-evaluate')?.status, 'learning'),
    );

    await api.roadmapPanel.simulateMessage({ type: 'setCurrentLevel', levelId: 'mid' });
    assert.equal(api.progress.store.currentLevel(), 'mid');
    await eventually(() => assert.equal(lastState()?.currentLevelId, 'mid'));
    await api.progress.store.setCurrentLevel('junior');
  });

  it('malformed, hostile or unknown messages change nothing', async () => {
    const before = JSON.stringify(api.progress.store.snapshot);
    const level = api.progress.store.currentLevel();
    for (const raw of [
      undefined,
      null,
      'setStatus',
      { type: 'setStatus', skillId: 'python', status: 'mastered' },
      { type: 'setStatus', skillId: 'python', status: 'done', extra: true },
      { type: 'setStatus', skillId: 'no-such-skill', status: 'done' },
      { type: 'setStatus', skillId: 'x'.repeat(100_000), status: 'done' },
      { type: 'setCurrentLevel', levelId: 'astronaut' },
      { type: 'openLink', url: 'javascript:alert(1)' },
      { type: 'openLink', url: 'http://example.org' },
      { type: 'openLink', url: 'https://evil.example/not-in-the-roadmap' },
      { type: 'deleteEverything' },
      JSON.parse('{"type":"setStatus","skillId":"python","status":"done","__proto__":{"admin":true}}'),
    ]) {
      await api.roadmapPanel.simulateMessage(raw);
    }
    assert.equal(JSON.stringify(api.progress.store.snapshot), before);
    assert.equal(api.progress.store.currentLevel(), level);
    assert.deepEqual(opened, [], 'no hostile link was opened');
    // Posts arrive asynchronously, in order: after one real change has posted, any earlier post would be in too.
    await api.roadmapPanel.simulateMessage({ type: 'setStatus', skillId: 'python', status: 'learning' });
    await eventually(() => assert.equal(skillIn(posted.at(-1), 'python')?.status, 'learning'));
    assert.equal(posted.length, 1, 'nothing changed before the real change, so nothing else was posted');
  });

  it('opens only links the roadmap offers, each exactly once', async () => {
    const resource = api.progress.roadmap.skills.flatMap((s) => s.resources).find((r) => r.url.startsWith('https://'));
    assert.ok(resource, 'the roadmap has an https resource');
    const url = new URL(resource.url);
    for (const hostile of [
      'javascript:alert(1)',
      'file:///etc/passwd',
      'command:mlCareer.resetProgress',
      resource.url.replace(/^https:/, 'http:'),
      `${resource.url}#more`,
      `${url.origin}/not-in-the-roadmap`,
      `https://evil.example/?next=${encodeURIComponent(resource.url)}`,
    ]) {
      await api.roadmapPanel.simulateMessage({ type: 'openLink', url: hostile });
    }
    assert.deepEqual(opened, [], 'a link the roadmap does not offer was opened');
    await api.roadmapPanel.simulateMessage({ type: 'openLink', url: resource.url });
    assert.deepEqual(opened, [vscode.Uri.parse(resource.url, true).toString(true)]);
    // The market snapshot's sources are roadmap resources too.
    const source = api.progress.roadmap.roadmap.market.resources[0]!;
    await api.roadmapPanel.simulateMessage({ type: 'openLink', url: source.url });
    assert.deepEqual(opened.at(-1), vscode.Uri.parse(source.url, true).toString(true));
  });

  it('when a change cannot be saved, the webview gets the stored state back and it is never saved later', async () => {
    const { store } = api.progress;
    const before = JSON.stringify(api.progress.readStored());
    // The storage fails, not the store: the real store, panel and their error handling run.
    const failure = api.progress.simulateStorageFailure(new Error('storage is full'));
    try {
      await api.roadmapPanel.simulateMessage({ type: 'setStatus', skillId: 'python', status: 'done' });
    } finally {
      failure.dispose();
    }
    assert.equal(store.status('python'), 'not-started');
    await eventually(() => assert.equal(skillIn(posted.at(-1), 'python')?.status, 'not-started', 'the state was posted again'));
    store.refresh();
    await store.flush();
    assert.equal(JSON.stringify(api.progress.readStored()), before, 'nothing was saved behind the user’s back');
  });

  it('a `ready` (a rebuilt webview) gets the current state again', async () => {
    await api.roadmapPanel.simulateMessage({ type: 'ready' });
    await eventually(() => assert.equal(posted.length, 1));
    assert.equal(lastState()?.skills.length, api.progress.roadmap.skills.length);
  });
});
