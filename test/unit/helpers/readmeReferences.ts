import type { PlannedFile } from '../../../src/core/scaffold/plan';

/**
 * Relative paths a Markdown document names: link targets and code spans that look like a path
 * (e.g. `src/pkg/train.py`, `tests/`). URLs, anchors, routes like `/health` and commands are not paths.
 */
export function referencedPaths(markdown: string): string[] {
  const found = new Set<string>();
  for (const m of markdown.matchAll(/\]\(([^)\s]+)\)/g)) {
    const target = m[1] ?? '';
    if (!/^[a-z]+:/i.test(target) && !target.startsWith('#') && !target.startsWith('/')) found.add(target.split('#')[0] ?? target);
  }
  for (const m of markdown.matchAll(/`([^`\s]+)`/g)) {
    const span = m[1] ?? '';
    if (/^[\w-]+(?:\.[\w-]+)*(?:\/[\w.-]+)*\/?$/.test(span) && (span.includes('/') || /\.[a-z]{1,8}$/i.test(span)) && !/^\d/.test(span)) {
      found.add(span);
    }
  }
  return [...found].sort();
}

/** Paths in `referenced` that the plan neither contains as a file nor as a folder (a prefix ending in "/"). */
export function missingReferences(referenced: readonly string[], files: readonly PlannedFile[]): string[] {
  return referenced.filter((ref) => {
    const clean = ref.replace(/^\.\//, '');
    const dir = clean.endsWith('/') ? clean : `${clean}/`;
    return !files.some((f) => f.path === clean || f.path.startsWith(dir));
  });
}
