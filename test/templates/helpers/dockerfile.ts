import * as path from 'node:path';

/** One Dockerfile instruction with its continuation lines joined. */
export interface DockerInstruction {
  /** Upper case: FROM, RUN, COPY… */
  readonly keyword: string;
  readonly args: string;
  /** 1-based line of the keyword. */
  readonly line: number;
}

/** Splits a Dockerfile into instructions: comments and blank lines dropped, "\" continuations joined. */
export function parseDockerfile(text: string): DockerInstruction[] {
  const instructions: DockerInstruction[] = [];
  let pending: { text: string; line: number } | undefined;
  for (const [index, raw] of text.split('\n').entries()) {
    const trimmed = raw.trim();
    if (trimmed.startsWith('#') || (trimmed === '' && pending === undefined)) continue;
    const continues = trimmed.endsWith('\\');
    const body = continues ? trimmed.slice(0, -1) : trimmed;
    pending = pending ? { ...pending, text: `${pending.text} ${body}` } : { text: body, line: index + 1 };
    if (continues) continue;
    const [keyword = '', ...rest] = pending.text.trim().split(/\s+/);
    instructions.push({ keyword: keyword.toUpperCase(), args: rest.join(' '), line: pending.line });
    pending = undefined;
  }
  return instructions;
}

/** The sources of a COPY or ADD (shell or JSON form; flags such as --chown dropped); the last word is the destination. */
export function copySources(instruction: DockerInstruction): string[] {
  const words = instruction.args.startsWith('[') ? (JSON.parse(instruction.args) as string[]) : instruction.args.split(/\s+/).filter((w) => !w.startsWith('--'));
  return words.slice(0, -1);
}

/**
 * Whether a path (relative, "/"-separated) is sent to `docker build` under these .dockerignore rules, as Docker
 * decides it: the last rule that matches the path or one of its parent folders wins; "!" rules let paths back in.
 */
export function dockerignoreFilter(text: string): (relPath: string) => boolean {
  const rules = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const include = line.startsWith('!');
      const pattern = path.posix.normalize((include ? line.slice(1) : line).trim()).replace(/^\/|\/$/g, '');
      return { include, regex: globToRegex(pattern) };
    });
  return (relPath) => {
    const segments = relPath.split('/');
    const candidates = segments.map((_, i) => segments.slice(0, i + 1).join('/'));
    let included = true;
    for (const rule of rules) if (candidates.some((candidate) => rule.regex.test(candidate))) included = rule.include;
    return included;
  };
}

/** Go's filepath.Match syntax plus "**" for any number of folders, as .dockerignore uses it. */
function globToRegex(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i] ?? '';
    if (pattern.startsWith('**/', i)) {
      source += '(?:.*/)?';
      i += 2;
    } else if (pattern.startsWith('**', i)) {
      source += '.*';
      i += 1;
    } else if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}
