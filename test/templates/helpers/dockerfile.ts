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
