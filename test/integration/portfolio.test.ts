import * as assert from 'node:assert/strict';
import { mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { commands } from '../../src/core/ids';
import { parseChecklist } from '../../src/core/portfolio/checklist';
import type { NewProjectResult } from '../../src/core/scaffold/options';
import type { PortfolioNode, PortfolioProvider } from '../../src/portfolio/portfolioView';
import { eventually, extensionApi } from './helpers/extension';

describe('Portfolio view: DEPLOY_CHECKLIST.md items', function () {
  this.timeout(30_000);
  let project: NewProjectResult;
  let checklist: vscode.Uri;

  before(async () => {
    await extensionApi();
    const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(root, 'the integration tests run with a workspace folder');
    project = await vscode.commands.executeCommand<NewProjectResult>(commands.newProject, {
      template: 'rag-chatbot',
      name: 'portfolio-demo',
      parentDir: root,
      git: false,
    });
    checklist = vscode.Uri.file(path.join(project.path, 'DEPLOY_CHECKLIST.md'));
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await rm(project.path, { recursive: true, force: true });
  });

  const lines = async () => (await readFile(checklist.fsPath, 'utf8')).split('\n');
  const itemLine = async (n: number) => {
    const items = parseChecklist(await readFile(checklist.fsPath, 'utf8')).sections.flatMap((s) => s.items);
    const item = items[n];
    assert.ok(item);
    return item.line;
  };

  it('a new project shows under its own name at once, never as the hidden folder it was staged in', async () => {
    const portfolio = (await extensionApi()).portfolio;
    await portfolio.ready();
    const labels = await Promise.all((await portfolio.getChildren()).map((node) => portfolio.getTreeItem(node).label));
    assert.ok(labels.includes('portfolio-demo'), labels.join(', '));
    assert.deepEqual(labels.filter((label) => /\.scaffold-/.test(String(label))), []);
  });

  it('ticking an item changes exactly that line on disk', async () => {
    const before = await lines();
    const line = await itemLine(3);
    const changed = await vscode.commands.executeCommand<boolean>(commands.toggleChecklistItem, { uri: checklist, line, checked: true });
    assert.equal(changed, true);
    await eventually(async () => {
      const after = await lines();
      assert.equal(after.length, before.length);
      const diff = after.map((l, i) => (l === before[i] ? -1 : i)).filter((i) => i >= 0);
      assert.deepEqual(diff, [line]);
      assert.equal(after[line], before[line]?.replace('- [ ]', '- [x]'));
    });
    // Unticking restores the file byte for byte.
    await vscode.commands.executeCommand(commands.toggleChecklistItem, { uri: checklist.toString(), line, checked: false });
    await eventually(async () => assert.deepEqual(await lines(), before));
  });

  it('keeps unsaved edits in an open editor and joins them instead of saving', async () => {
    const onDisk = await readFile(checklist.fsPath, 'utf8');
    const document = await vscode.workspace.openTextDocument(checklist);
    await vscode.window.showTextDocument(document);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(checklist, new vscode.Position(document.lineCount - 1, 0), 'My unsaved note.\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.ok(document.isDirty);
    const line = await itemLine(0);
    await vscode.commands.executeCommand(commands.toggleChecklistItem, { uri: checklist, line, checked: true });
    assert.ok(document.isDirty, 'still unsaved');
    assert.match(document.lineAt(line).text, /^- \[x\] /);
    assert.match(document.getText(), /My unsaved note\./);
    assert.equal(await readFile(checklist.fsPath, 'utf8'), onDisk, 'disk untouched while the editor is dirty');
    await vscode.commands.executeCommand('workbench.action.files.revert');
    assert.equal(document.getText(), onDisk);
  });

  it('refuses a line that is not a checklist item and changes nothing', async () => {
    const before = await readFile(checklist.fsPath, 'utf8');
    const changed = await vscode.commands.executeCommand<boolean>(commands.toggleChecklistItem, { uri: checklist, line: 0, checked: true });
    assert.equal(changed, false);
    assert.equal(await readFile(checklist.fsPath, 'utf8'), before);
  });

  it('rejects malformed arguments with a clear error and changes nothing', async () => {
    const before = await readFile(checklist.fsPath, 'utf8');
    const line = await itemLine(1);
    for (const raw of [
      undefined,
      null,
      'DEPLOY_CHECKLIST.md',
      42,
      [checklist, line],
      {},
      { uri: checklist },
      { uri: checklist, line: -1 },
      { uri: checklist, line: 1.5 },
      { uri: checklist, line: String(line) },
      { uri: checklist, line, checked: 'yes' },
      { uri: checklist, line, extra: true },
      { uri: 42, line },
      { uri: '', line },
      { kind: 'item', key: checklist.toString() },
      { kind: 'project', id: 'x', key: 'x' },
    ]) {
      await assert.rejects(
        Promise.resolve(vscode.commands.executeCommand(commands.toggleChecklistItem, raw)),
        /takes a Portfolio item or \{ uri, line, checked\? \} with line an integer ≥ 0/,
        JSON.stringify(raw),
      );
    }
    assert.equal(await readFile(checklist.fsPath, 'utf8'), before);
  });

  it('only ever edits a file named DEPLOY_CHECKLIST.md', async () => {
    const other = vscode.Uri.file(path.join(project.path, 'NOTES.md'));
    const text = '- [ ] looks like a checklist item\n';
    await writeFile(other.fsPath, text);
    for (const uri of [other, other.toString(), vscode.Uri.file(path.join(project.path, 'DEPLOY_CHECKLIST.md.bak'))]) {
      await assert.rejects(
        Promise.resolve(vscode.commands.executeCommand(commands.toggleChecklistItem, { uri, line: 0, checked: true })),
        /only edits DEPLOY_CHECKLIST\.md files; refused to edit "(NOTES\.md|DEPLOY_CHECKLIST\.md\.bak)"/,
      );
    }
    assert.equal(await readFile(other.fsPath, 'utf8'), text);
  });
});

describe('Portfolio view: shows and ticks only what the file holds', function () {
  this.timeout(30_000);
  let portfolio: PortfolioProvider;
  let root: string;
  const folders: string[] = [];

  before(async () => {
    portfolio = (await extensionApi()).portfolio;
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(folder, 'the integration tests run with a workspace folder');
    root = folder;
  });

  after(async () => {
    await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
    await portfolio.refresh();
  });

  /** A project folder in the workspace holding `DEPLOY_CHECKLIST.md` with `text`, and the view refreshed. */
  const project = async (name: string, text: string): Promise<vscode.Uri> => {
    const folder = path.join(root, name);
    folders.push(folder);
    await mkdir(folder, { recursive: true });
    const file = path.join(folder, 'DEPLOY_CHECKLIST.md');
    await writeFile(file, text);
    await portfolio.refresh();
    return vscode.Uri.file(file);
  };

  const projectNode = async (uri: vscode.Uri): Promise<PortfolioNode | undefined> =>
    (await portfolio.getChildren()).find((node) => node.kind === 'project' && node.key === uri.toString());

  /** Every node below `node`, depth first, as [label, description, node]. */
  const descendants = async (node: PortfolioNode): Promise<[string, string, PortfolioNode][]> => {
    const found: [string, string, PortfolioNode][] = [];
    for (const child of await portfolio.getChildren(node)) {
      const item = portfolio.getTreeItem(child);
      found.push([String(item.label), String(item.description ?? ''), child], ...(await descendants(child)));
    }
    return found;
  };

  /** Every checklist item the view shows for a project, as [label, node]. */
  const itemNodes = async (uri: vscode.Uri): Promise<[string, PortfolioNode][]> => {
    const projectItem = await projectNode(uri);
    assert.ok(projectItem, `the view shows ${uri.fsPath}`);
    return (await descendants(projectItem)).filter(([, , node]) => node.kind === 'item').map(([label, , node]) => [label, node]);
  };

  const scored = [
    '# Scored',
    '',
    '## Data',
    '',
    '- [x] **Data 1** — Schema checked. `automated`',
    '- [x] **Data 2** — Ablation done.',
    '',
    '## Serving',
    '',
    '- [x] Latency budget set.',
    '- [ ] **Infra 6** — Canary.',
    '- [ ] Health check.',
    '',
  ].join('\n');

  it('shows the ML Test Score per section and its band, and the other checks apart as "n/m done"', async () => {
    const uri = await project('portfolio-scored', scored);
    const projectItem = await projectNode(uri);
    assert.ok(projectItem);
    assert.equal(portfolio.getTreeItem(projectItem).description, 'ML Test Score 0/7');
    const rows = (await descendants(projectItem)).map(([label, description, node]) => [node.kind, label, description]);
    assert.deepEqual(rows, [
      ['group', 'ML Test Score: 0 of 7', 'More a research project than a production system.'],
      ['rubricSection', 'Data', '1.5/7'],
      ['item', 'Schema checked.', 'Data 1 · automated'],
      ['item', 'Ablation done.', 'Data 2 · done by hand'],
      ['rubricSection', 'Model', '0/7'],
      ['rubricSection', 'Infrastructure', '0/7'],
      ['item', 'Canary.', 'Infra 6 · not done'],
      ['rubricSection', 'Monitoring', '0/7'],
      ['group', 'Other checks', '1/2 done, not scored'],
      ['section', 'Serving', '1/2'],
      ['item', 'Latency budget set.', ''],
      ['item', 'Health check.', ''],
    ]);
  });

  it('Mark as Automated and Mark as Manual edit only the clicked test\'s line, and refuse items outside the rubric', async () => {
    const uri = await project('portfolio-mark', scored);
    const node = async (label: string) => {
      const found = (await itemNodes(uri)).find(([l]) => l === label)?.[1];
      assert.ok(found, label);
      return found;
    };
    assert.equal(await vscode.commands.executeCommand<boolean>(commands.markTestAutomated, await node('Canary.')), true);
    await eventually(async () => assert.equal(await readFile(uri.fsPath, 'utf8'), scored.replace('- [ ] **Infra 6** — Canary.', '- [x] **Infra 6** — Canary. `automated`')));
    await portfolio.refresh();
    assert.equal(await vscode.commands.executeCommand<boolean>(commands.markTestManual, await node('Schema checked.')), true);
    await eventually(async () => assert.match(await readFile(uri.fsPath, 'utf8'), /^- \[x\] \*\*Data 1\*\* — Schema checked\.$/m));
    // By line, as automation would: back to automated, then the file is as it started but for Infra 6.
    await vscode.commands.executeCommand(commands.markTestAutomated, { uri: uri.toString(), line: 4 });
    await eventually(async () => assert.equal(await readFile(uri.fsPath, 'utf8'), scored.replace('- [ ] **Infra 6** — Canary.', '- [x] **Infra 6** — Canary. `automated`')));
    const before = await readFile(uri.fsPath, 'utf8');
    assert.equal(await vscode.commands.executeCommand<boolean>(commands.markTestAutomated, { uri, line: 9 }), false, 'not a rubric test: refused');
    for (const raw of [undefined, { uri, line: -1 }, { uri, line: 4, state: 'automated' }]) {
      await assert.rejects(Promise.resolve(vscode.commands.executeCommand(commands.markTestManual, raw)), /mlCareer\.markTestManual: .*takes a Portfolio item or \{ uri, line \}/);
    }
    assert.equal(await readFile(uri.fsPath, 'utf8'), before);
  });


  it('a line inserted above since the view was drawn: ticking refuses, never ticks the item now on that line', async () => {
    const drawn = '# Stale view\n\n## Ship\n\n- [ ] Write tests\n- [ ] Deploy to prod\n';
    const uri = await project('portfolio-stale-view', drawn);
    const deploy = (await itemNodes(uri)).find(([label]) => label === 'Deploy to prod')?.[1];
    assert.ok(deploy);
    // Changed on disk after the view was drawn, before its refresh: "Write tests" now sits where "Deploy to prod" was.
    const changed = drawn.replace('- [ ] Write tests', '- [ ] Write docs\n- [ ] Write tests');
    await writeFile(uri.fsPath, changed);
    const ticked = await vscode.commands.executeCommand<boolean>(commands.toggleChecklistItem, deploy);
    const now = await readFile(uri.fsPath, 'utf8');
    assert.doesNotMatch(now, /\[x\] Write (tests|docs)/, 'never the wrong item');
    assert.ok(ticked ? now === changed.replace('[ ] Deploy', '[x] Deploy') : now === changed, `ticked ${ticked}, file:\n${now}`);
    // The view is redrawn from the file, so the next click works.
    await eventually(async () => assert.deepEqual((await itemNodes(uri)).map(([label]) => label), ['Write docs', 'Write tests', 'Deploy to prod']));
  });

  it('a `- [ ]` inside a code fence is neither shown nor toggled', async () => {
    const text = '## Ship\n\n````md\n```\n- [ ] fenced example\n```\n````\n\n- [ ] Real item\n';
    const uri = await project('portfolio-fenced', text);
    assert.deepEqual((await itemNodes(uri)).map(([label]) => label), ['Real item']);
    const changed = await vscode.commands.executeCommand<boolean>(commands.toggleChecklistItem, { uri, line: 4, checked: true });
    assert.equal(changed, false);
    assert.equal(await readFile(uri.fsPath, 'utf8'), text);
  });

  it('an unreadable checklist is shown with its error, and still opens', async () => {
    const folder = path.join(root, 'portfolio-unreadable');
    folders.push(folder);
    await mkdir(folder, { recursive: true });
    const uri = vscode.Uri.file(path.join(folder, 'DEPLOY_CHECKLIST.md'));
    // The tests run as root, whom no permission stops; every read of /proc/self/mem at offset 0 fails with EIO.
    await symlink('/proc/self/mem', uri.fsPath);
    const found = await vscode.workspace.findFiles('portfolio-unreadable/DEPLOY_CHECKLIST.md');
    assert.deepEqual(found.map((u) => u.toString()), [uri.toString()], 'the scan finds the file');
    await portfolio.refresh();
    const node = await projectNode(uri);
    assert.ok(node, 'the project is shown, not dropped');
    const item = portfolio.getTreeItem(node);
    assert.equal(item.label, 'portfolio-unreadable');
    assert.ok(item.iconPath instanceof vscode.ThemeIcon && item.iconPath.id === 'error', 'an error icon');
    assert.match(String(item.description), /could not read/i);
    const tooltip = item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : String(item.tooltip);
    assert.match(tooltip, /DEPLOY_CHECKLIST\.md.*EIO|i\/o error/is);
    assert.deepEqual(await portfolio.getChildren(node), []);
    assert.equal(item.command?.command, 'vscode.open');
    assert.equal(String(item.command?.arguments?.[0]), uri.toString());
  });
});
