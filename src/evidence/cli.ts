// `npm run -s evidence -- <folder> [--json] [--exclude <glob>]...`: the evidence of one folder, over the same core as
// the extension. Without --json: per skill its id, confidence, whether it passes the suggestion threshold, and the
// proof items. With --json: exactly one JSON document on stdout,
// { "skills": [ { "id", "confidence", "suggested", "evidence": [ { "path", "line", "rule", "text" } ] } ] }
// (notebook proof also names its "cell": the 0-based index among all cells, VS Code's NotebookCell.index; the text
// output counts cells from 1). Exit code 2 on bad arguments or an unreadable folder.
import { realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { bundledRules } from '../core/evidence/bundledRules';
import { suggestionThreshold } from '../core/evidence/confidence';
import { EvidenceScanner } from '../core/evidence/scanner';
import { nodeEvidenceFs } from './nodeFs';

const usage = 'usage: npm run -s evidence -- <folder> [--json] [--exclude <glob>]...';

export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { json: { type: 'boolean', default: false }, exclude: { type: 'string', multiple: true, default: [] }, help: { type: 'boolean', short: 'h' } } });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${usage}\n`);
    return 2;
  }
  if (parsed.values.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  if (parsed.positionals.length !== 1) {
    process.stderr.write(`expected one folder, got ${parsed.positionals.length}\n${usage}\n`);
    return 2;
  }
  const folder = path.resolve(parsed.positionals[0] ?? '.');
  let root: string;
  try {
    root = realpathSync(folder);
    if (!statSync(root).isDirectory()) throw new Error('not a folder');
  } catch (error) {
    process.stderr.write(`cannot scan ${folder}: ${(error as Error).message}\n`);
    return 2;
  }
  const scanner = new EvidenceScanner({
    fs: nodeEvidenceFs,
    folders: [{ name: path.basename(root), root: root.split(path.sep).join('/') }],
    rules: bundledRules,
    exclude: parsed.values.exclude,
    yieldToEventLoop: () => Promise.resolve(),
  });
  const skills = await scanner.scan();
  if (parsed.values.json) {
    const document = {
      skills: skills.map((skill) => ({
        id: skill.skillId,
        confidence: skill.confidence,
        suggested: skill.suggested,
        evidence: skill.items.map((item) => ({ path: item.path, line: item.line, ...(item.cell === undefined ? {} : { cell: item.cell }), rule: item.rule, text: item.text })),
      })),
    };
    process.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
    return 0;
  }
  if (skills.length === 0) process.stdout.write('no evidence found\n');
  for (const skill of skills) {
    process.stdout.write(`${skill.skillId}  confidence ${skill.confidence.toFixed(2)}  ${skill.suggested ? 'suggested' : `not suggested (threshold ${suggestionThreshold}, needs a usage or config signal)`}\n`);
    for (const item of skill.items) {
      const where = item.cell === undefined ? `${item.path}:${item.line}` : `${item.path} cell ${item.cell + 1}:${item.line}`;
      process.stdout.write(`  ${where} · ${item.text}  [${item.rule}, ${item.kind}${item.test ? ', test' : ''}: ${item.explanation}]\n`);
    }
  }
  return 0;
}
