import { roadmapItemContexts } from '../ids';
import { formatProgress, skillsLeft } from '../progress/progress';
import { statusCodicons, statusLabels } from '../progress/status';
import { marketMarkdown, monthLabel } from '../roadmap/market';
import type { RoadmapIndex } from '../roadmap/roadmap';
import { escapeMarkdown } from '../roadmap/skillMarkdown';
import { levelTooltip } from './tooltips';
import type { TreeNode } from './treeModel';

/**
 * What a row of the Roadmap view shows, as plain data: the adapter turns it into a TreeItem, and comparing two views
 * says whether the row must be drawn again. Skill and expectation rows also show what the store holds on their item
 * (history and note, in the tooltip the adapter adds on hover) and what the evidence hook adds.
 */
export interface RowView {
  readonly label: string;
  readonly description?: string;
  /** A codicon name. */
  readonly icon: string;
  readonly tooltip?: { readonly text: string; readonly markdown: boolean };
  readonly contextValue: string;
  readonly collapsible: boolean;
  readonly accessibilityLabel?: string;
  /** Skill and expectation rows: checked when done; `title` names the item in the checkbox's tooltip. */
  readonly checkbox?: { readonly checked: boolean; readonly title: string };
}

const groupIcons = {
  'must-have': 'star-full',
  rising: 'sparkle',
  practice: 'tools',
  soft: 'comment-discussion',
  'breaking-in': 'key',
  interview: 'person',
} as const;

export function rowView(node: TreeNode, roadmap: RoadmapIndex): RowView {
  switch (node.kind) {
    case 'next': {
      const { gap } = node;
      const skills = skillsLeft(gap);
      const expectations = gap.missingExpectations.length;
      const done = skills + expectations === 0;
      return {
        label: `To reach ${gap.level.title}: ${plural(skills, 'skill')}, ${plural(expectations, 'expectation')} left`,
        ...(node.shown !== node.rows ? { description: `${node.shown} shown` } : {}),
        icon: done ? 'rocket' : 'milestone',
        tooltip: plain(
          done
            ? `You have every skill and meet every expectation ${gap.level.title} asks for.`
            : `Skills and level expectations that count toward ${gap.level.title} and are not done yet, counted apart: skills ${gap.skillProgress.percent}% ready, expectations ${gap.expectationProgress.percent}% met.`,
        ),
        contextValue: roadmapItemContexts.next,
        collapsible: node.shown > 0,
      };
    }
    case 'level': {
      const { level, progress, expectationProgress, isCurrent } = node;
      return {
        label: level.title,
        description: `${level.years} · ${formatProgress(progress)} skills · ${formatProgress(expectationProgress)} expectations${isCurrent ? ' · you are here' : ''}`,
        icon: isCurrent ? 'account' : level.stage === 'aspiring' ? 'compass' : level.track === 'management' ? 'organization' : 'mortar-board',
        tooltip: markdown(levelTooltip(level, progress, expectationProgress)),
        contextValue: isCurrent ? roadmapItemContexts.currentLevel : roadmapItemContexts.level,
        collapsible: true,
        accessibilityLabel: `${level.title}, ${level.years}, ${progress.done} of ${progress.total} skills done, ${expectationProgress.done} of ${expectationProgress.total} expectations met${isCurrent ? ', your current level' : ''}`,
      };
    }
    case 'expectations':
      return {
        label: 'Expectations',
        description: formatProgress(node.progress),
        icon: 'checklist',
        tooltip: plain(`What ${node.level.title} is expected to do, tagged by competency: ${node.progress.done} of ${node.progress.total} met. Optional ones are not counted.`),
        contextValue: roadmapItemContexts.expectations,
        collapsible: true,
      };
    case 'expectation': {
      const { item, status } = node;
      const { expectation } = item;
      const title = `${expectation.title}${expectation.optional ? ' (optional)' : ''}`;
      return {
        label: title,
        description: `${statusLabels[status]} · ${roadmap.competency(expectation.competency)?.title ?? expectation.competency}`,
        icon: statusCodicons[status],
        contextValue: `${roadmapItemContexts.expectationPrefix}${status}`,
        collapsible: false,
        accessibilityLabel: `${item.level.short} expectation: ${expectation.title}, ${statusLabels[status]}`,
        checkbox: { checked: status === 'done', title },
      };
    }
    case 'alternatives': {
      const { gap } = node;
      return {
        label: `${gap.group.title}: any ${gap.needed}, ${gap.done.length} done`,
        icon: 'list-selection',
        tooltip: plain(`Alternatives: any ${gap.needed} of these count toward the first role, and toward no later level.`),
        contextValue: roadmapItemContexts.alternatives,
        collapsible: true,
      };
    }
    case 'group': {
      const { group, progress } = node;
      const note = group.optional ? ' · optional' : group.choose !== undefined ? ` · any ${group.choose}` : '';
      return {
        label: group.title,
        description: `${formatProgress(progress)}${note}`,
        icon: groupIcons[group.kind],
        tooltip: plain(`${group.description}\n\n${progress.done} of ${progress.total} done${progress.skipped ? `, ${progress.skipped} skipped` : ''}.`),
        contextValue: roadmapItemContexts.group,
        collapsible: true,
        accessibilityLabel: `${group.title}, ${progress.done} of ${progress.total} done${note.replace(' · ', ', ')}`,
      };
    }
    case 'skill': {
      const { skill, status } = node;
      return {
        label: skill.title,
        description: statusLabels[status],
        icon: statusCodicons[status],
        contextValue: `${roadmapItemContexts.skillPrefix}${status}`,
        collapsible: false,
        accessibilityLabel: `${skill.title}, ${statusLabels[status]}`,
        checkbox: { checked: status === 'done', title: skill.title },
      };
    }
    case 'market': {
      const when = monthLabel(node.market.asOf);
      return {
        label: node.market.title,
        description: `snapshot, ${when}`,
        icon: 'graph-line',
        tooltip: markdown(marketMarkdown(node.market)),
        contextValue: roadmapItemContexts.market,
        collapsible: true,
        accessibilityLabel: `${node.market.title}, a snapshot as of ${when}`,
      };
    }
    case 'dropped':
      return {
        label: 'Not in the current roadmap',
        description: `${node.items.length}`,
        icon: 'archive',
        tooltip: plain('Progress on items the active roadmap does not have (hidden or left out). It is kept, and counts again under a roadmap that has them.'),
        contextValue: roadmapItemContexts.dropped,
        collapsible: true,
      };
    case 'droppedItem': {
      const { item } = node;
      return {
        label: item.title,
        description: statusLabels[item.status],
        icon: statusCodicons[item.status],
        tooltip: plain(`${item.title} (${item.id}): ${statusLabels[item.status]}. Not in the current roadmap; your progress on it is kept.`),
        contextValue: roadmapItemContexts.droppedItem,
        collapsible: false,
        accessibilityLabel: `${item.title}, ${statusLabels[item.status]}, not in the current roadmap`,
      };
    }
    case 'fact':
      return {
        label: node.fact.title,
        description: node.fact.text,
        icon: 'info',
        tooltip: markdown(`**${escapeMarkdown(node.fact.title)}** (as of ${escapeMarkdown(monthLabel(node.asOf))})\n\n${escapeMarkdown(node.fact.text)}`),
        contextValue: roadmapItemContexts.fact,
        collapsible: false,
      };
  }
}

function plain(text: string): RowView['tooltip'] {
  return { text, markdown: false };
}

function markdown(text: string): RowView['tooltip'] {
  return { text, markdown: true };
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
