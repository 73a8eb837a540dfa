import { nextLevelGaps, progressOf, type Progress } from '../progress/progress';
import type { StoredProof } from '../progress/proof';
import { statusLabels, type SkillStatus } from '../progress/status';
import type { Level } from '../roadmap/schema';
import { escapeMarkdown, markdownLink } from '../roadmap/skillMarkdown';
import { hasNote, isoDay, type ExportSource } from './exportSource';
import { proofPermalink } from './permalink';

/** One skill or expectation as the packet lists it. */
interface PacketItem {
  readonly id: string;
  readonly title: string;
  /** The group or competency it belongs to. */
  readonly context: string;
}

interface PacketSection {
  readonly level: Level;
  readonly role: 'current level' | 'next level';
  readonly expectations: readonly PacketItem[];
  readonly skills: readonly PacketItem[];
}

/**
 * The promotion packet: the current level and the next, each expectation and skill with its status, dates, note
 * and proof, then the portfolio's deploy-readiness, for a performance review or a job application. Every text from
 * the roadmap, progress or the user is escaped, so the document carries no HTML and links only https.
 */
export function promotionPacket(source: ExportSource): string {
  const { roadmap } = source;
  const statusOf = (id: string): SkillStatus => source.entryFor(id)?.status ?? 'not-started';
  const current = source.currentLevelId === undefined ? roadmap.startingLevel() : roadmap.level(source.currentLevelId);
  const gap = nextLevelGaps(roadmap, current?.id, statusOf)[0];
  const sections: PacketSection[] = [];
  if (current) sections.push(section(source, current, 'current level'));
  if (gap) sections.push(section(source, gap.level, 'next level'));

  const heading = [current?.title, gap?.level.title].filter((title) => title !== undefined).map(escapeMarkdown).join(' → ');
  const lines = [
    '# Promotion packet',
    '',
    `${heading ? `**${heading}** · ` : ''}prepared ${isoDay(source.now) ?? 'today'} with ML Career Companion ${escapeMarkdown(source.extensionVersion)} · roadmap: ${escapeMarkdown(source.roadmapInfo.name)}`,
    '',
    '## Summary',
    '',
    '| Part | Done | Learning | Not started | Skipped | % done |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const part of sections) {
    // The level's short name keeps the table narrow enough for a preview beside the editor.
    const title = escapeMarkdown(part.level.short);
    lines.push(summaryRow(`${title}: expectations`, progressOf(part.expectations, statusOf), part.expectations.length));
    lines.push(summaryRow(`${title}: skills`, progressOf(part.skills, statusOf), part.skills.length));
  }
  lines.push('');
  if (gap) {
    lines.push(
      `Toward ${escapeMarkdown(gap.level.title)} (everything that counts, earlier levels included): skills ${gap.skillProgress.done} of ${gap.skillProgress.total} (${gap.skillProgress.percent}%), expectations ${gap.expectationProgress.done} of ${gap.expectationProgress.total} (${gap.expectationProgress.percent}%).`,
      '',
    );
  }
  const listed = sections.flatMap((part) => [...part.expectations, ...part.skills]);
  const proofCount = listed.reduce((n, item) => n + (source.entryFor(item.id)?.proof?.length ?? 0), 0);
  const noteCount = listed.filter((item) => hasNote(source.noteFor(item.id))).length;
  lines.push(`Proof from code: ${proofCount} ${proofCount === 1 ? 'item' : 'items'}. Notes: ${noteCount}. Portfolio projects: ${source.projects.length}.`);

  for (const part of sections) {
    lines.push('', `## ${escapeMarkdown(part.level.title)} (${part.role})`, '', `*${escapeMarkdown(part.level.focus)}*`);
    lines.push('', '### Expectations', '', ...itemList(source, part.expectations));
    lines.push('', '### Skills', '', ...itemList(source, part.skills));
  }
  lines.push('', '## Portfolio projects', '', ...projectList(source));
  return `${lines.join('\n')}\n`;
}

function section(source: ExportSource, level: Level, role: PacketSection['role']): PacketSection {
  const { roadmap } = source;
  return {
    level,
    role,
    expectations: level.expectations.map((e) => ({ id: e.id, title: e.title, context: roadmap.competency(e.competency)?.title ?? e.competency })),
    skills: roadmap.skillsIntroducedAt(level.id).map((s) => ({ id: s.id, title: s.title, context: roadmap.groupOf(s.id)?.title ?? '' })),
  };
}

function summaryRow(label: string, progress: Progress, items: number): string {
  const notStarted = items - progress.done - progress.learning - progress.skipped;
  return `| ${label} | ${progress.done} | ${progress.learning} | ${notStarted} | ${progress.skipped} | ${progress.percent}% |`;
}

function itemList(source: ExportSource, items: readonly PacketItem[]): string[] {
  if (items.length === 0) return ['None at this level.'];
  return items.flatMap((item) => {
    const entry = source.entryFor(item.id);
    const status = entry?.status ?? 'not-started';
    const since = entry && isoDay(entry.changedAt);
    const lines = [`- **${escapeMarkdown(item.title)}**${item.context ? ` (${escapeMarkdown(item.context)})` : ''}: ${statusLabels[status]}${since ? ` since ${since}` : ''}`];
    const history = source.historyFor(item.id);
    if (history && history.length > 0) {
      lines.push(`  - History: ${history.map((change) => `${statusLabels[change.status]} ${isoDay(change.at) ?? '(undated)'}`).join(', ')}`);
    }
    const note = source.noteFor(item.id);
    if (hasNote(note)) {
      const day = isoDay(note.changedAt);
      lines.push(`  - Note${day ? ` (${day})` : ''}:`, ...note.text.split(/\r\n|\r|\n/).map((line) => `    >${line.trim() ? ` ${escapeMarkdown(line)}` : ''}`));
    }
    if (entry?.proof && entry.proof.length > 0) lines.push('  - Proof from code:', ...entry.proof.map((proof) => `    - ${proofLine(proof)}`));
    return lines;
  });
}

/** Where the proof is (a link to its line at the commit when the host is known), what the line says, and the rule. */
function proofLine(proof: StoredProof): string {
  const place = `${proof.folder ? `${proof.folder}/` : ''}${proof.path}${proof.cell === undefined ? '' : ` cell ${proof.cell}`}:${proof.line}`;
  const url = proofPermalink(proof);
  const link = url === undefined ? undefined : markdownLink(place, url);
  const commit = proof.commit ? ` at commit ${escapeMarkdown(proof.commit.slice(0, 12))}` : '';
  const text = proof.text ? `: ${escapeMarkdown(proof.text)}` : '';
  return `${link ?? escapeMarkdown(place)}${commit}${text} (rule ${escapeMarkdown(proof.rule)})`;
}

function projectList(source: ExportSource): string[] {
  if (source.projects.length === 0) return ['No portfolio projects in this workspace (a folder with a DEPLOY\\_CHECKLIST\\.md).'];
  return source.projects.map((project) => {
    const name = `**${escapeMarkdown(project.name)}**`;
    if ('error' in project) return `- ${name}: its checklist could not be read (${escapeMarkdown(project.error)}).`;
    const weakest = project.weakest.length > 0 ? ` (weakest: ${project.weakest.map(escapeMarkdown).join(', ')})` : '';
    return `- ${name}: ML Test Score ${project.mlTestScore} of 7${weakest}. ${escapeMarkdown(project.band)} Other checks: ${project.otherDone} of ${project.otherTotal} done.`;
  });
}
