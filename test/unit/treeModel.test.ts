import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import type { SkillStatus } from '../../src/core/progress/status';
import { canonicalSkillNode, childNodes, countNodes, findNode, rootNodes, type TreeInput } from '../../src/core/roadmapTree/treeModel';
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

  it('shows the next level first, then levels, then groups, with the current level marked', () => {
    const roots = rootNodes(input());
    assert.deepEqual(roots.map((n) => n.kind), ['next', 'level', 'level', 'level', 'level', 'level', 'group', 'group', 'group', 'group', 'group']);
    const current = roots.filter((n) => n.kind === 'level' && n.isCurrent).map((n) => n.id);
    assert.deepEqual(current, ['level/junior']);
  });

  it('puts expectations and the skills a level adds under it, and one skill under several parents with distinct ids', () => {
    const level = rootNodes(input()).find((n) => n.id === 'level/junior')!;
    const kids = childNodes(level, input());
    assert.equal(kids.filter((k) => k.kind === 'expectation').length, 4);
    const skills = kids.filter((k) => k.kind === 'skill');
    assert.deepEqual(skills.map((k) => (k.kind === 'skill' ? k.skill.expectedBy : '')), skills.map(() => 'junior'));
    const ids = new Set<string>();
    for (const root of rootNodes(input())) for (const child of childNodes(root, input())) {
      assert.ok(!ids.has(child.id), `duplicate id ${child.id}`);
      ids.add(child.id);
    }
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
    // 1 next + 5 levels (+4 expectations each, +2 skills each) + 5 groups (+2 skills each)
    assert.equal(count, 1 + 5 * (1 + 4 + 2) + 5 * (1 + 2) + roadmap.skillsExpectedAt('mid').length);
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
      const markdown = levelTooltip({ ...level, title: hostile, years: hostile, focus: `Focus: ${hostile}` }, progress);
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
