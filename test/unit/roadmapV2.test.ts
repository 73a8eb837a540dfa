import * as assert from 'node:assert/strict';
import { nextLevelGaps, overallSkillProgress, skillsLeft } from '../../src/core/progress/progress';
import { parseStoredState } from '../../src/core/progress/state';
import { ProgressStore } from '../../src/core/progress/store';
import type { SkillStatus } from '../../src/core/progress/status';
import { bundledRoadmap } from '../../src/core/roadmap/bundled';
import { indexRoadmap } from '../../src/core/roadmap/roadmap';
import { roadmapSchema, type Roadmap } from '../../src/core/roadmap/schema';
import { skillMarkdown } from '../../src/core/roadmap/skillMarkdown';
import { buildRoadmapView } from '../../src/core/roadmapView/viewModel';
import { renderMarket, renderMatrix } from '../../src/webview/roadmap/render';
import { syntheticRoadmap } from './helpers/syntheticRoadmap';

/** The synthetic roadmap with an aspiring stage before junior and a "any two of three" break-in group. */
function withAspiringStage(): Roadmap {
  const data = syntheticRoadmap(10);
  const junior = data.levels[0]!;
  const aspiring = { ...junior, id: 'aspiring', title: 'Aspiring engineer', stage: 'aspiring' as const, expectations: junior.expectations.map((e) => ({ ...e, id: `aspiring-${e.id}` })) };
  const resources = data.groups[0]!.skills[0]!.resources;
  const route = (n: number) => ({ id: `route-${n}`, title: `Route ${n}`, summary: `Route ${n} into a first role.`, why: `Why route ${n} helps, at some length.`, expectedBy: 'aspiring', renamedFrom: [], milestones: [], resources });
  return {
    ...data,
    levels: [aspiring, { ...junior, follows: 'aspiring' }, ...data.levels.slice(1)],
    groups: [...data.groups, { id: 'routes', title: 'Breaking in', kind: 'breaking-in', description: 'Any two of these.', choose: 2, optional: false, skills: [route(1), route(2), route(3)] }],
  };
}

describe('roadmap content model v2', () => {
  it('accepts the synthetic roadmap with an aspiring stage and alternatives', () => {
    assert.equal(roadmapSchema.safeParse(withAspiringStage()).success, true);
  });

  it('rejects unknown competencies, milestones out of level order, impossible alternatives and ids shared by a skill and an expectation', () => {
    const data = withAspiringStage();
    data.levels[1]!.expectations[0]!.competency = 'wizardry';
    data.groups[0]!.skills[0]!.milestones = [
      { level: 'mid', text: 'What the skill looks like at mid.' },
      { level: 'junior', text: 'What the skill looks like at junior.' },
    ];
    data.groups.at(-1)!.choose = 4;
    data.levels[2]!.expectations[0]!.id = 'skill-3';
    const messages = roadmapSchema.safeParse(data).error!.issues.map((i) => i.message).join('\n');
    assert.match(messages, /unknown competency "wizardry"/);
    assert.match(messages, /milestones go in level order/);
    assert.match(messages, /choose 4 of 3 skills is impossible/);
    assert.match(messages, /id "skill-3" is already used/);
  });

  it('rejects an aspiring stage that follows another level, and a version 1 file', () => {
    const data = withAspiringStage();
    data.levels[0]!.follows = 'mid';
    assert.match(roadmapSchema.safeParse(data).error!.issues.map((i) => i.message).join('\n'), /aspiring stage comes first/);
    assert.equal(roadmapSchema.safeParse({ ...withAspiringStage(), version: 1 }).success, false);
  });
});

describe('alternatives and the aspiring stage', () => {
  const roadmap = indexRoadmap(withAspiringStage());
  const statuses = (map: Record<string, SkillStatus>) => (id: string) => map[id] ?? 'not-started';

  it('with no level set, the next level is the first role, and break-in routes count there as "any two"', () => {
    const [gap] = nextLevelGaps(roadmap, undefined, statuses({ 'route-1': 'done' }));
    assert.equal(gap?.level.id, 'junior');
    assert.deepEqual(gap?.alternatives.map((alt) => [alt.group.id, alt.needed, alt.remaining]), [['routes', 2, 1]]);
    // Junior's required skills plus the one route still needed.
    assert.equal(skillsLeft(gap!), roadmap.skillsExpectedAt('junior').length + 1);
    assert.ok(!roadmap.skillsExpectedAt('junior').some((s) => s.id.startsWith('route-')), 'alternatives are not required skills');
  });

  it('two done routes satisfy the group; the third is never asked for', () => {
    const [gap] = nextLevelGaps(roadmap, 'aspiring', statuses({ 'route-1': 'done', 'route-3': 'done' }));
    assert.equal(gap?.alternatives[0]?.remaining, 0);
    assert.equal(gap?.skillProgress.total, roadmap.skillsExpectedAt('junior').length + 2);
  });

  it('break-in routes and the aspiring stage count toward no later level', () => {
    for (const level of ['mid', 'senior', 'staff', 'management']) {
      assert.deepEqual(roadmap.alternativesAt(level), [], level);
      assert.ok(!roadmap.expectationsExpectedAt(level).some((e) => e.id.startsWith('aspiring-')), level);
    }
    const [toSenior] = nextLevelGaps(roadmap, 'mid', statuses({}));
    assert.deepEqual(toSenior?.alternatives, []);
  });

  it('the gap counts expectations apart from skills; a first role asks for the aspiring stage expectations, not its own', () => {
    const [toJunior] = nextLevelGaps(roadmap, undefined, statuses({ 'aspiring-junior-e1': 'done' }));
    assert.deepEqual(toJunior?.missingExpectations.map((e) => e.id), ['aspiring-junior-e2', 'aspiring-junior-e3', 'aspiring-junior-e4']);
    const [toMid] = nextLevelGaps(roadmap, 'junior', statuses({ 'mid-e1': 'skipped' }));
    assert.deepEqual(toMid?.missingExpectations.map((e) => e.id), ['junior-e1', 'junior-e2', 'junior-e3', 'junior-e4', 'mid-e2', 'mid-e3', 'mid-e4']);
    assert.equal(toMid?.expectationProgress.total, 7, 'the skipped one leaves the total');
  });

  it('overall progress counts the alternatives as many as they ask for', () => {
    const all = overallSkillProgress(roadmap, statuses({ 'route-1': 'done', 'route-2': 'done', 'route-3': 'done' }));
    assert.equal(all.total, 10 + 2);
    assert.equal(all.done, 2);
  });
});

describe('the shipped roadmap, second edition', () => {
  const statusOf = (): SkillStatus => 'not-started';

  it('keeps every skill id of the first edition, so stored progress carries over unchanged', () => {
    const firstEdition = [
      'python', 'deep-learning-framework', 'sql-data', 'cloud-platform', 'git-engineering', 'linux-cli', 'llm-finetuning-prompting', 'rag-systems',
      'vector-databases', 'mlops-tools', 'distributed-training-inference', 'systems-language', 'model-development', 'mlops-infrastructure',
      'production-deployment', 'data-engineering-quality', 'stakeholder-communication', 'problem-framing', 'experimentation-mindset', 'collaboration',
      'technical-strategy', 'people-leadership', 'education-foundations', 'portfolio-projects', 'open-source-contributions', 'certifications', 'networking',
      'adjacent-role',
    ];
    const stored = { version: 2, skills: Object.fromEntries(firstEdition.map((id, i) => [id, { status: i % 2 ? 'done' : 'learning', changedAt: 1000 + i }])), currentLevel: { id: 'mid', changedAt: 5 } };
    const parsed = parseStoredState(stored);
    assert.equal(parsed.kind, 'ok');
    const backend = { value: stored as unknown, read() { return this.value; }, async write(v: unknown) { this.value = v; } };
    const store = new ProgressStore(backend, bundledRoadmap);
    assert.equal(store.load(), undefined);
    for (const [i, id] of firstEdition.entries()) {
      assert.equal(bundledRoadmap.canonicalId(id), id, `${id} is still a skill`);
      assert.equal(store.status(id), i % 2 ? 'done' : 'learning', id);
    }
    assert.equal(store.currentLevel(), 'mid');
  });

  it('stores expectation statuses in the same map as skills, and reset clears them too', async () => {
    const backend = { value: undefined as unknown, read() { return this.value; }, async write(v: unknown) { this.value = v; } };
    const store = new ProgressStore(backend, bundledRoadmap);
    store.load();
    await store.setStatus('design-ml-systems', 'done');
    assert.equal(store.status('design-ml-systems'), 'done');
    assert.equal((backend.value as { skills: Record<string, { status: string }> }).skills['design-ml-systems']?.status, 'done');
    await store.reset();
    assert.equal(store.status('design-ml-systems'), 'not-started');
  });

  it('adds the 2026 topics as skills with milestones and official resources', () => {
    for (const id of ['llm-evaluation', 'agents-tool-use', 'llm-security', 'containers-iac', 'tabular-ml', 'ml-system-design', 'responsible-ai']) {
      const skill = bundledRoadmap.skill(id);
      assert.ok(skill, id);
      assert.ok(skill.milestones.length >= 2, `${id} has milestones`);
    }
    assert.ok(bundledRoadmap.skillsIntroducedAt('staff').length > 1, 'Senior to Staff is more than one skill');
  });

  it('fixes the stale resources', () => {
    const urls = [...bundledRoadmap.skills.flatMap((s) => s.resources), ...bundledRoadmap.roadmap.market.resources].map((r) => r.url);
    assert.ok(!urls.some((u) => u.includes('azure-ai-engineer')), 'the retired Azure certification is gone');
    assert.ok(!urls.some((u) => u.startsWith('https://pytorch.org/')), 'PyTorch docs live at docs.pytorch.org');
    assert.ok(!urls.some((u) => /huggingface\.co\/docs\/transformers\/main\//.test(u)), 'stable Transformers docs, not main');
    assert.ok(!urls.some((u) => u.includes('promptingguide.ai')), 'vendors\' prompt guides, not a community one');
    for (const vendor of ['platform.openai.com', 'docs.anthropic.com', 'ai.google.dev']) assert.ok(urls.some((u) => u.includes(vendor)), vendor);
    const networking = bundledRoadmap.skill('networking')!;
    assert.ok(networking.resources.some((r) => r.type === 'community' && /conference|meetup/i.test(r.title)), 'networking links a conference or meetup');
  });

  it('does not require a senior to lead a team, and tags every expectation with a competency', () => {
    const lead = bundledRoadmap.expectation('lead-small-team');
    assert.equal(lead?.expectation.optional, true);
    assert.ok(!bundledRoadmap.expectationsExpectedAt('staff').some((e) => e.id === 'lead-small-team'));
    for (const { expectation } of bundledRoadmap.expectations) assert.ok(bundledRoadmap.competency(expectation.competency), expectation.id);
  });

  it('interview preparation is tracked but counts toward no level', () => {
    const group = bundledRoadmap.groups.find((g) => g.kind === 'interview')!;
    assert.equal(group.optional, true);
    assert.deepEqual(group.skills.map((s) => s.id), ['interview-coding', 'interview-ml-theory', 'interview-ml-system-design', 'interview-practical-ml', 'interview-behavioural']);
    assert.ok(group.skills.every((s) => s.goodLooksLike));
    for (const level of bundledRoadmap.levels) assert.ok(!bundledRoadmap.skillsExpectedAt(level.id).some((s) => group.skills.includes(s)), level.id);
  });

  it('shows milestones in the skill tooltip, in level order', () => {
    const markdown = skillMarkdown(bundledRoadmap, bundledRoadmap.skill('cloud-platform')!, 'learning', false);
    assert.match(markdown, /\*\*At each level\*\*\n\n- \*Junior\*: Launches a training job[^\n]*\n- \*Mid\*: Builds and secures a serving endpoint[^\n]*\n- \*Senior\*: Owns cost and governance/);
  });

  it('renders the level × competency matrix and the dated market snapshot', () => {
    const state = buildRoadmapView(bundledRoadmap, (id) => (id === 'design-ml-systems' ? 'done' : statusOf()), 'senior');
    const matrix = renderMatrix(state).value;
    assert.equal((matrix.match(/<th scope="col"/g) ?? []).length, 1 + bundledRoadmap.competencies.length);
    assert.equal((matrix.match(/<th scope="row"/g) ?? []).length, bundledRoadmap.levels.length);
    assert.match(matrix, /<li data-status="done">[\s\S]*?Designs ML systems/);
    const market = renderMarket(state).value;
    assert.match(market, /Snapshot · as of March 2026/);
    assert.match(market, /\$120k–180k/);
    assert.equal(state.market.asOf, '2026-03');
  });
});
