import type { StoredProof } from '../progress/proof';

/** Hosting services whose file links we know, by host name. */
const hosts = {
  'github.com': (repo: string, commit: string, path: string, line: number | undefined) => `https://github.com/${repo}/blob/${commit}/${path}${line ? `#L${line}` : ''}`,
  'gitlab.com': (repo: string, commit: string, path: string, line: number | undefined) => `https://gitlab.com/${repo}/-/blob/${commit}/${path}${line ? `#L${line}` : ''}`,
  'bitbucket.org': (repo: string, commit: string, path: string, line: number | undefined) =>
    `https://bitbucket.org/${repo}/src/${commit}/${path}${line ? `#lines-${line}` : ''}`,
} as const;

const commitPattern = /^[\da-f]{7,64}$/i;
// A repository path segment: letters, digits, ".", "-", "_" (what the three services allow in names).
const segmentPattern = /^[\w.-]{1,100}$/;

/**
 * A link to the proof's line at its commit on GitHub, GitLab or Bitbucket, or `undefined` when the proof has no
 * commit or remote, the remote is another host, or anything looks odd. Only https links come out, built from
 * checked parts: a remote URL carries no credentials, query or fragment into the link.
 */
export function proofPermalink(proof: StoredProof): string | undefined {
  if (!proof.commit || !proof.remote || !commitPattern.test(proof.commit)) return undefined;
  const remote = parseRemote(proof.remote);
  if (!remote) return undefined;
  const path = proof.path.split('/').map(encodeURIComponent).join('/');
  // A notebook's line counts within a cell, which no hosting service can point at: link the file.
  return hosts[remote.host](remote.repo, proof.commit.toLowerCase(), path, proof.cell === undefined ? proof.line : undefined);
}

/** The host and "owner/name" (GitLab: "group/sub/name") of `https://`, `ssh://` and `git@host:` remote URLs. */
function parseRemote(url: string): { host: keyof typeof hosts; repo: string } | undefined {
  let host: string;
  let path: string;
  const scp = /^[\w.-]+@([\w.-]+):(?!\/)(.+)$/.exec(url.trim());
  if (scp) {
    host = scp[1] ?? '';
    path = scp[2] ?? '';
  } else {
    try {
      const parsed = new URL(url.trim());
      if (!['https:', 'ssh:', 'git:'].includes(parsed.protocol)) return undefined;
      host = parsed.hostname;
      path = parsed.pathname.slice(1);
    } catch {
      return undefined;
    }
  }
  host = host.toLowerCase();
  if (!Object.hasOwn(hosts, host)) return undefined;
  const segments = path.replace(/\/$/, '').replace(/\.git$/i, '').split('/');
  const nested = host === 'gitlab.com';
  if (segments.length < 2 || (!nested && segments.length !== 2)) return undefined;
  if (!segments.every((segment) => segmentPattern.test(segment) && segment !== '.' && segment !== '..')) return undefined;
  return { host: host as keyof typeof hosts, repo: segments.join('/') };
}

/**
 * A remote URL without the user name and password some clones carry (`https://token@github.com/…`): what is
 * written into an export, which people share. Anything else comes back unchanged.
 */
export function remoteWithoutCredentials(remote: string): string {
  let url: URL;
  try {
    url = new URL(remote);
  } catch {
    return remote;
  }
  if (!url.username && !url.password) return remote;
  url.username = '';
  url.password = '';
  return url.href;
}
