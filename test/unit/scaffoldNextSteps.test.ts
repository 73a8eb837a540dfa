import * as assert from 'node:assert/strict';
import { applyAfterwards, offerNextSteps, type NextStepsUi } from '../../src/core/scaffold/nextSteps';

interface Shown {
  severity: 'info' | 'warning';
  message: string;
  actions: string[];
}

/** A scripted UI: each notification is answered from `answers` in turn, and everything it was asked is recorded. */
function fakeUi(answers: Array<string | undefined>, overrides: Partial<NextStepsUi> = {}) {
  const shown: Shown[] = [];
  const opened: string[] = [];
  const added: string[] = [];
  const errors: Array<{ what: string; error: unknown }> = [];
  const published: string[] = [];
  const ui: NextStepsUi = {
    show: async (severity, message, ...actions) => {
      shown.push({ severity, message, actions });
      return answers.shift();
    },
    openInNewWindow: async (folder) => {
      opened.push(folder);
    },
    addToWorkspace: (folder) => {
      added.push(folder);
      return true;
    },
    reportError: (what, error) => {
      errors.push({ what, error });
    },
    canPublish: async () => false,
    publish: async (folder) => {
      published.push(folder);
    },
    ...overrides,
  };
  return { ui, shown, opened, added, errors, published };
}

const project = { path: '/projects/demo' };
const noSkills = { count: () => ({ total: 0, toStart: 0 }), mark: async () => undefined };

describe('next steps after New Portfolio Project', () => {
  it('a failing step is reported, never left as an unhandled rejection', async () => {
    const failure = new Error('the window could not open');
    const { ui, errors } = fakeUi(['Open in New Window'], { openInNewWindow: async () => Promise.reject(failure) });
    await offerNextSteps(ui, project, noSkills);
    assert.equal(errors.length, 1);
    assert.match(errors[0]!.what, /demo/);
    assert.equal(errors[0]!.error, failure);
  });

  it('a failing notification is reported too', async () => {
    const { ui, errors } = fakeUi([], { show: async () => Promise.reject(new Error('no window')) });
    await offerNextSteps(ui, project, noSkills);
    assert.equal(errors.length, 1);
  });

  it('when VS Code refuses to add the folder, it says so and offers a new window instead', async () => {
    const { ui, shown, opened } = fakeUi(['Add to Workspace', 'Open in New Window'], { addToWorkspace: () => false });
    await offerNextSteps(ui, project, noSkills);
    await new Promise((resolve) => setImmediate(resolve)); // the offer does not hold up the next steps
    assert.equal(shown.length, 2);
    assert.equal(shown[1]!.severity, 'warning');
    assert.match(shown[1]!.message, /did not add demo to this workspace/);
    assert.deepEqual(shown[1]!.actions, ['Open in New Window']);
    assert.deepEqual(opened, ['/projects/demo']);
  });

  it('an unattended "addToWorkspace" that VS Code refuses says so and offers a new window', async () => {
    const { ui, shown, opened } = fakeUi(['Open in New Window'], { addToWorkspace: () => false });
    assert.equal(await applyAfterwards(ui, '/projects/demo', 'addToWorkspace'), false);
    await new Promise((resolve) => setImmediate(resolve));
    assert.match(shown[0]?.message ?? '', /did not add demo to this workspace/);
    assert.deepEqual(opened, ['/projects/demo']);
  });

  it('adds the folder when asked and VS Code accepts, without a warning', async () => {
    const { ui, shown, added } = fakeUi(['Add to Workspace']);
    await offerNextSteps(ui, project, noSkills);
    assert.deepEqual(added, ['/projects/demo']);
    assert.equal(shown.length, 1);
  });

  it('offers to mark the skills not started yet', async () => {
    let marked = 0;
    const { ui, shown } = fakeUi(['Stay', 'Mark as Learning']);
    await offerNextSteps(ui, project, { count: () => ({ total: 5, toStart: 3 }), mark: async () => void marked++ });
    assert.match(shown[1]!.message, /5 roadmap skills, 3 of them not started yet/);
    assert.equal(marked, 1);
  });
});

describe('publishing after New Portfolio Project', () => {
  it('offers Publish to GitHub once the folder is in this workspace, and publishes when asked', async () => {
    const { ui, shown, published } = fakeUi(['Add to Workspace', 'Publish to GitHub…'], { canPublish: async () => true });
    await offerNextSteps(ui, project, noSkills);
    assert.deepEqual(shown[1]?.actions, ['Publish to GitHub…']);
    assert.deepEqual(published, ['/projects/demo']);
  });

  it('does not offer it without a repository, in a new window, when VS Code refused the folder, or without the GitHub extension', async () => {
    const cases = [
      { project: { ...project, gitError: 'git is not installed' }, answers: ['Add to Workspace'], canPublish: true, added: true },
      { project, answers: ['Open in New Window'], canPublish: true, added: true },
      { project, answers: ['Add to Workspace', undefined], canPublish: true, added: false },
      { project, answers: ['Add to Workspace'], canPublish: false, added: true },
    ];
    for (const c of cases) {
      const { ui, shown, published } = fakeUi(c.answers, { canPublish: async () => c.canPublish, addToWorkspace: () => c.added });
      await offerNextSteps(ui, c.project, noSkills);
      await new Promise((resolve) => setImmediate(resolve));
      assert.ok(shown.every((s) => !s.actions.includes('Publish to GitHub…')), JSON.stringify(c));
      assert.deepEqual(published, []);
    }
  });
});
