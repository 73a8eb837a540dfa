import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import type { SkillStatus } from '../../src/core/progress/status';
import { canonicalSkillNode, childNodes, countNodes, findNode, rootNodes, type TreeInput, type TreeNode } from '../../src/core/roadmapTree/treeModel';
import { indexRoadmap } from '../../src/core/roadmap/roadmap';
import { escapeCodicons, escapeMarkdown, skillMarkdown } from '../../src/core/roadmap/skillMarkdown';
import { levelTooltip } from '../../src/core/roadmapTree/tooltips';
import { assertProperty } from './helpers/property';
import { syntheticIndex, syntheticRoadmap } from './helpers/syntheticRoadmap';

describe('roadmap tree model', () => {
  const roadmap = syntheticIndex(10);
  const input = (statuses: Record<string, SkillStatus> = {}, extra: Partial<TreeInput> = {}): TreeInput => ({
    roadmap,
    statusOf: (id) => statuses[id] ?? 'not-started',
    currentLevel: 'junior',
    filter: 'all',
    ...extra,
  });

  it('shows the next level first, then levels, then groups, then the market snapshot, with the current level marked', () => {
    const roots = rootNodes(input());
    assert.deepEqual(roots.map((n) => n.kind), ['next', 'level', 'level', 'level', 'level', 'level', 'group', 'group', 'group', 'group', 'group', 'market']);
    // The snapshot has no statuses, so a status filter leaves it out.
    assert.ok(!rootNodes(input({}, { filter: 'learning' })).some((n) => n.kind === 'market'));
    const current = roots.filter((n) => n.kind === 'level' && n.isCurrent).map((n) => n.id);
    assert.deepEqual(current, ['level/junior']);
  });

  it('puts expectations and the skills a level adds under it, and one skill under several parents with distinct ids', () => {
    const level = rootNodes(input()).find((n) => n.id === 'level/junior')!;
    const kids = childNodes(level, input());
    // The four expectations sit in one collapsible row, first, so the level stays short.
    assert.equal(kids[0]?.kind, 'expectations');
    const expectations = childNodes(kids[0]!, input());
    assert.deepEqual(expectations.map((k) => k.kind), ['expectation', 'expectation', 'expectation', 'expectation']);
    assert.equal(findNode(input(), expectations[0]!.id)?.id, expectations[0]!.id, 'a node three deep is found for reveal');
    const skills = kids.filter((k) => k.kind === 'skill');
    assert.deepEqual(skills.map((k) => (k.kind === 'skill' ? k.skill.expectedBy : '')), skills.map(() => 'junior'));
    const ids = new Set<string>();
    const visit = (node: TreeNode): void => {
      assert.ok(!ids.has(node.id), `duplicate id ${node.id}`);
      ids.add(node.id);
      childNodes(node, input()).forEach(visit);
    };
    rootNodes(input()).forEach(visit);
  });

  it('shows group progress and filters skills', () => {
    const statuses: Record<string, SkillStatus> = { 'skill-0': 'done', 'skill-1': 'learning', 'skill-2': 'skipped' };
    const group = rootNodes(input(statuses)).find((n) => n.id === 'group/group-0');
    assert.ok(group && group.kind === 'group');
    assert.equal(group.progress.done, 1);
    assert.equal(group.progress.total, 2);
    const learning = childNodes(group, input(statuses, { filter: 'learning' }));
    assert.deepEqual(learning.map((n) => n.id), ['group/group-0/skill/skill-1']);
    const remaining = childNodes(group, input(statuses, { filter: 'remaining' }));
    assert.deepEqual(remaining.map((n) => n.id), ['group/group-0/skill/skill-1']);
    const hidden = rootNodes(input(statuses, { filter: 'learning' })).filter((n) => n.kind === 'group').map((n) => n.id);
    assert.deepEqual(hidden, ['group/group-0'], 'groups with nothing to show are hidden when filtering');
  });

  it('counts every missing skill for the next level but says how many the filter shows', () => {
    const statuses: Record<string, SkillStatus> = { 'skill-0': 'learning' };
    const next = rootNodes(input(statuses, { filter: 'learning' }))[0];
    assert.ok(next && next.kind === 'next');
    assert.equal(next.gap.missing.length, roadmap.skillsExpectedAt('mid').length);
    assert.equal(next.shown, 1);
    assert.equal(childNodes(next, input(statuses, { filter: 'learning' })).length, next.shown);
  });

  it('finds nodes by id for getParent and reveal', () => {
    const node = canonicalSkillNode(input(), 'skill-7');
    assert.equal(node?.id, 'group/group-3/skill/skill-7');
    assert.equal(findNode(input(), node!.parentId)?.kind, 'group');
    assert.equal(findNode(input(), node!.id)?.id, node!.id);
    assert.equal(canonicalSkillNode(input(), 'missing'), undefined);
  });

  it('counts the whole tree', () => {
    const count = countNodes(input());
    // 1 next (+ missing skills, + the 8 junior and mid expectations) + 5 levels (+1 expectations row with 4 each,
    // +2 skills each) + 5 groups (+2 skills each) + the market snapshot (+3 facts)
    assert.equal(count, 1 + roadmap.skillsExpectedAt('mid').length + 8 + 5 * (1 + 1 + 4 + 2) + 5 * (1 + 2) + 1 + 3);
  });
});

/** Tag names markdown-it (CommonMark, raw HTML and autolinks on: stricter than VS Code's hovers) renders `markdown` to. */
function renderedTags(markdown: string): string[] {
  return [...markdownIt.render(markdown).matchAll(/<([a-z][a-z0-9]*)/g)].map((m) => m[1] ?? '');
}

/** The text a reader sees: the rendered HTML without tags, entities decoded. */
function renderedText(markdown: string): string {
  return markdownIt
    .render(markdown)
    .replace(/<[^<>]*>/g, '')
    .replace(/&(lt|gt|quot|amp);/g, (_, name: string) => ({ lt: '<', gt: '>', quot: '"', amp: '&' })[name] ?? '');
}

const markdownIt = new MarkdownIt({ html: true, linkify: true });

/** Data that would add links, images, HTML, code or emphasis if a tooltip took it as Markdown. */
const hostileTexts = ['[x](command:mlCareer.resetProgress)', '<img src=x onerror=alert(1)>', '*bold* and _em_', '`code` ``x``', 'https://evil.example', '<b>b</b> &amp;'];

describe('roadmap tree tooltips', () => {
  const level = syntheticRoadmap(1).levels[0]!;
  const progress = { done: 1, learning: 0, skipped: 0, total: 2, percent: 50 };

  it('a level tooltip shows hostile titles, years and focus as text', () => {
    for (const hostile of hostileTexts) {
      const markdown = levelTooltip({ ...level, title: hostile, years: hostile, focus: `Focus: ${hostile}` }, progress, progress);
      assert.deepEqual(new Set(renderedTags(markdown)), new Set(['p', 'strong']), `${hostile} → ${markdownIt.render(markdown)}`);
      const text = renderedText(markdown);
      assert.ok(text.includes(`${hostile} (${hostile})`) && text.includes(`Focus: ${hostile}`), `${hostile} is not shown as text: ${text}`);
    }
  });

  it('a skill tooltip shows hostile data as text and links only its own https resources', () => {
    for (const hostile of hostileTexts) {
      const data = syntheticRoadmap(1);
      const skill = data.groups[0]!.skills[0]!;
      Object.assign(skill, { title: hostile, summary: hostile });
      skill.resources = [{ title: hostile, url: 'https://docs.example/a b<img src=x>(1)', type: 'docs', checked: '2026-11-01' }];
      const markdown = skillMarkdown(indexRoadmap(data), skill, 'learning', false);
      assert.deepEqual(new Set(renderedTags(markdown)), new Set(['p', 'strong', 'em', 'ul', 'li', 'a']), markdownIt.render(markdown));
      assert.deepEqual([...markdownIt.render(markdown).matchAll(/href="([^"]*)"/g)].map((m) => m[1]), ['https://docs.example/a%20b%3Cimg%20src=x%3E(1)']);
      assert.ok(renderedText(markdown).includes(hostile), `${hostile} is not shown as text`);
    }
  });

  it('data shows codicon syntax as text where VS Code renders codicons (VS Code drops the backslash)', () => {
    assert.equal(escapeCodicons('$(zap) Python $(x'), '\\$(zap) Python \\$(x');
    assert.equal(escapeCodicons('costs $5 (or less)'), 'costs $5 (or less)');
  });

  it('escaped Markdown renders as plain paragraphs, whatever the text (property)', () => {
    assertProperty(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        const tags = renderedTags(escapeMarkdown(text)).filter((tag) => tag !== 'p' && tag !== 'br');
        assert.deepEqual(tags, [], markdownIt.render(escapeMarkdown(text)));
      }),
    );
  });
});
