import * as assert from 'node:assert/strict';
import { bundledRoadmap } from '../../src/core/roadmap/bundled';
import { indexRoadmap } from '../../src/core/roadmap/roadmap';
import { roadmapSchema } from '../../src/core/roadmap/schema';
import { escapeMarkdown, skillMarkdown } from '../../src/core/roadmap/skillMarkdown';
import { syntheticRoadmap } from './helpers/syntheticRoadmap';

describe('roadmap content (data/roadmap.yaml)', () => {
  it('still satisfies the schema after bundling', () => {
    assert.equal(roadmapSchema.safeParse(bundledRoadmap.roadmap).success, true);
  });

  it('has an aspiring stage, then the five levels in career order, management branching from senior', () => {
    assert.deepEqual(bundledRoadmap.levels.map((l) => l.id), ['aspiring', 'junior', 'mid', 'senior', 'staff', 'management']);
    assert.deepEqual(bundledRoadmap.levels.map((l) => l.stage), ['aspiring', 'role', 'role', 'role', 'role', 'role']);
    assert.deepEqual(bundledRoadmap.chain('staff').map((l) => l.id), ['aspiring', 'junior', 'mid', 'senior', 'staff']);
    // The aspiring stage counts toward the first role only.
    assert.deepEqual(bundledRoadmap.countedLevels('staff').map((l) => l.id), ['junior', 'mid', 'senior', 'staff']);
    assert.deepEqual(bundledRoadmap.countedLevels('junior').map((l) => l.id), ['aspiring', 'junior']);
    assert.deepEqual(bundledRoadmap.chain('management').map((l) => l.id), ['aspiring', 'junior', 'mid', 'senior', 'management']);
    assert.deepEqual(bundledRoadmap.nextLevels('senior').map((l) => l.id), ['staff', 'management']);
  });

  it('covers the required skills and groups', () => {
    for (const id of ['python', 'deep-learning-framework', 'sql-data', 'cloud-platform', 'git-engineering', 'linux-cli', 'rag-systems', 'vector-databases', 'mlops-tools', 'production-deployment', 'problem-framing', 'portfolio-projects']) {
      assert.ok(bundledRoadmap.skill(id), `missing skill ${id}`);
    }
    // Interview preparation is the sixth group: tracked, but optional.
    assert.deepEqual(bundledRoadmap.groups.map((g) => g.kind), ['must-have', 'rising', 'practice', 'soft', 'breaking-in', 'interview']);
  });

  it('links only to https resources and puts official docs first where there are docs', () => {
    for (const skill of bundledRoadmap.skills) {
      for (const r of skill.resources) assert.ok(r.url.startsWith('https://'), `${skill.id}: ${r.url}`);
    }
  });
});

describe('roadmap index', () => {
  const roadmap = indexRoadmap(syntheticRoadmap(20));

  it('finds skills expected at a level cumulatively along its chain', () => {
    const atMid = roadmap.skillsExpectedAt('mid').map((s) => s.expectedBy);
    assert.ok(atMid.length > 0);
    assert.ok(atMid.every((l) => l === 'junior' || l === 'mid'));
    assert.equal(roadmap.skillsExpectedAt('senior').length, roadmap.skillsIntroducedAt('junior').length + roadmap.skillsIntroducedAt('mid').length + roadmap.skillsIntroducedAt('senior').length);
  });

  it('maps renamed ids to the current id and unknown ids to nothing', () => {
    const data = syntheticRoadmap(3);
    data.groups[0]!.skills[0]!.renamedFrom = ['old-name'];
    const index = indexRoadmap(data);
    assert.equal(index.canonicalId('old-name'), 'skill-0');
    assert.equal(index.canonicalId('skill-0'), 'skill-0');
    assert.equal(index.canonicalId('nope'), undefined);
  });

  it('rejects duplicate ids, unknown levels and http links', () => {
    const data = syntheticRoadmap(10) as unknown as { groups: { skills: { id: string; expectedBy: string; resources: { url: string }[] }[] }[] };
    data.groups[0]!.skills[1]!.id = 'skill-0';
    data.groups[0]!.skills[0]!.expectedBy = 'wizard';
    data.groups[1]!.skills[0]!.resources[0]!.url = 'http://example.org';
    const result = roadmapSchema.safeParse(data);
    assert.equal(result.success, false);
    const messages = result.error!.issues.map((i) => i.message).join('\n');
    assert.match(messages, /already used/);
    assert.match(messages, /unknown level "wizard"/);
    assert.match(messages, /https/);
  });
});

describe('skill markdown', () => {
  it('escapes markdown and HTML from data', () => {
    assert.equal(escapeMarkdown('[x](javascript:alert(1)) <img>'), '\\[x\\]\\(javascript\\:alert\\(1\\)\\) \\<img\\>');
    assert.equal(escapeMarkdown('- item\n2. step\n    code? www.x.org'), '\\- item\n2\\. step\ncode\\? www\\.x\\.org');
  });

  it('renders only https links', () => {
    const data = syntheticRoadmap(1);
    data.groups[0]!.skills[0]!.resources.push({ title: 'bad', url: 'javascript:alert(1)', type: 'docs', checked: '2026-11-01' });
    const md = skillMarkdown(indexRoadmap(data), data.groups[0]!.skills[0]!, 'learning', true);
    assert.ok(!md.includes('javascript:'));
    assert.match(md, /## Why it matters/);
    assert.match(md, /\*Learning\*/);
  });
});
