/* global AbortSignal -- Node 20 has it; the scripts config lists only older globals */
// Checks that every resource link of data/roadmap.yaml still answers: `npm run check-links`.
// Needs the network, so it is not part of `npm test`; without a network it says so and skips (exit 0).
// A link is broken when it fails or answers 4xx/5xx to HEAD and then to GET (some sites refuse HEAD).
import { lookup } from 'node:dns/promises';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parse } from 'yaml';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const { values } = parseArgs({
  options: {
    timeout: { type: 'string', default: '15000' },
    concurrency: { type: 'string', default: '6' },
  },
});
const timeoutMs = Number(values.timeout);
const concurrency = Number(values.concurrency);

/** Every resource of the roadmap, with where it is used. */
function roadmapResources(roadmap) {
  const fromSkills = (roadmap.groups ?? []).flatMap((group) => group.skills.flatMap((skill) => skill.resources.map((r) => ({ ...r, where: skill.id }))));
  const fromMarket = (roadmap.market?.resources ?? []).map((r) => ({ ...r, where: 'market' }));
  return [...fromSkills, ...fromMarket];
}

async function request(url, method) {
  const response = await fetch(url, { method, redirect: 'follow', signal: AbortSignal.timeout(timeoutMs), headers: { 'user-agent': 'ml-career-companion link check' } });
  await response.body?.cancel();
  return response.status;
}

async function check(url) {
  try {
    const status = await request(url, 'HEAD');
    if (status < 400) return { ok: true, status };
  } catch {
    // Fall through to GET: some servers drop or reject HEAD.
  }
  try {
    const status = await request(url, 'GET');
    return { ok: status < 400, status };
  } catch (error) {
    return { ok: false, status: error instanceof Error ? error.message : String(error) };
  }
}

async function main() {
  const roadmap = parse(await readFile(path.join(root, 'data', 'roadmap.yaml'), 'utf8'));
  const resources = roadmapResources(roadmap);
  const urls = [...new Set(resources.map((r) => r.url))];
  try {
    await lookup(new URL(urls[0] ?? 'https://example.org').hostname);
  } catch (error) {
    console.log(`check-links: SKIPPED — no network here (${error.code ?? error.message}); ${urls.length} links were not checked.`);
    return;
  }
  const results = new Map();
  let next = 0;
  const worker = async () => {
    while (next < urls.length) {
      const url = urls[next++];
      results.set(url, await check(url));
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, urls.length) }, worker));
  const broken = urls.filter((url) => !results.get(url).ok);
  for (const url of broken) {
    const users = resources.filter((r) => r.url === url).map((r) => r.where).join(', ');
    console.log(`BROKEN ${results.get(url).status}  ${url}  (used by ${users})`);
  }
  console.log(`check-links: ${urls.length - broken.length} of ${urls.length} links answer.`);
  if (broken.length > 0) process.exitCode = 1;
}

await main();
