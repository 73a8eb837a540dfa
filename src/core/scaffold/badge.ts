/**
 * The CI badge of a generated project's README. Templates ship it with a placeholder repository; once the project
 * has a GitHub remote, the placeholder becomes the real owner and name, so the badge shows the workflow's status.
 */
export const badgePlaceholder = '<you>/<repo>';

export interface GitHubRepository {
  readonly owner: string;
  readonly name: string;
}

// GitHub's own limits: owners are letters, digits and single hyphens (39 at most); names letters, digits, ".", "-", "_".
const owner = /^[a-z\d](?:[a-z\d]|-(?=[a-z\d])){0,38}$/i;
const name = /^[\w.-]{1,100}$/;

/**
 * The GitHub repository a remote URL points at (`https://github.com/o/r(.git)`, `git@github.com:o/r(.git)`,
 * `ssh://git@github.com/o/r`), or `undefined` for anything else. Only names GitHub allows come out, so the result can
 * go into Markdown and URLs as it is.
 */
export function gitHubRepositoryOf(remoteUrl: string): GitHubRepository | undefined {
  const url = remoteUrl.trim();
  let path: string | undefined;
  const scp = /^git@github\.com:(.+)$/i.exec(url);
  if (scp) path = scp[1];
  else {
    try {
      const parsed = new URL(url);
      if (!['https:', 'ssh:', 'git:'].includes(parsed.protocol) || parsed.hostname.toLowerCase() !== 'github.com') return undefined;
      path = parsed.pathname.slice(1);
    } catch {
      return undefined;
    }
  }
  const parts = (path ?? '').replace(/\/$/, '').replace(/\.git$/i, '').split('/');
  if (parts.length !== 2) return undefined;
  const [o = '', n = ''] = parts;
  if (!owner.test(o) || !name.test(n) || n === '.' || n === '..') return undefined;
  return { owner: o, name: n };
}

/**
 * The README with every placeholder badge pointing at `repository`, or `undefined` when it has none (already filled,
 * or removed by its owner): nothing else in the file changes.
 */
export function fillCiBadge(readme: string, repository: GitHubRepository): string | undefined {
  const placeholder = `https://github.com/${badgePlaceholder}/actions/workflows/`;
  if (!readme.includes(placeholder)) return undefined;
  return readme.split(placeholder).join(`https://github.com/${repository.owner}/${repository.name}/actions/workflows/`);
}
