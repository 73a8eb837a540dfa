import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { templates } from '../../src/core/scaffold/templates';
import { copySources, parseDockerfile } from './helpers/dockerfile';
import { freeLoopbackPort, runCommand } from './helpers/processes';
import { scaffoldHostileProject } from './helpers/projects';
import { parseWorkflowFile } from './helpers/workflow';

// The files that take a generated project past the laptop: the CI workflow (checked by GitHub's own parser, and its
// smoke test run against stand-in servers), the Dockerfile (checked statically: no Docker engine here) and the Makefile.

/** The targets every generated Makefile offers (see the templates contract). */
const makeTargets = ['help', 'install', 'lint', 'format', 'test', 'data', 'train', 'evaluate', 'report', 'serve', 'predict', 'bench', 'docker-build', 'docker-run', 'clean'];

describe('generated CI, container and Makefile', function () {
  this.timeout(60_000);
  let parent: string;
  const projects = new Map<string, string>();
  before(async () => {
    parent = await mkdtemp(path.join(tmpdir(), 'mlc-ci-docker-'));
    for (const template of templates) {
      await mkdir(path.join(parent, template.manifest.id));
      projects.set(template.manifest.id, await scaffoldHostileProject(template, path.join(parent, template.manifest.id)));
    }
  });
  after(async () => {
    await rm(parent, { recursive: true, force: true });
  });
  const read = (id: string, file: string): Promise<string> => readFile(path.join(projects.get(id) ?? '', file), 'utf8');

  for (const template of templates) {
    const id = template.manifest.id;
    describe(id, () => {
      it("GitHub's workflow parser accepts .github/workflows/ci.yml, with a test job and a docker job", async () => {
        const workflow = await parseWorkflowFile('ci.yml', await read(id, '.github/workflows/ci.yml'));
        assert.deepEqual(workflow.errors, []);
        assert.deepEqual([...workflow.runScripts.keys()].sort(), ['docker', 'test']);
      });

      describe("CI's smoke test of the image, run against a stand-in for the container", () => {
        let smokeScript: string;
        let scratch: string | undefined;
        const example = '{"probe": "the example request"}\n';
        before(async () => {
          const workflow = await parseWorkflowFile('ci.yml', await read(id, '.github/workflows/ci.yml'));
          const scripts = (workflow.runScripts.get('docker') ?? []).filter((s) => s.includes('docker run'));
          assert.equal(scripts.length, 1, 'the docker job has one step that runs the image');
          smokeScript = scripts[0] ?? '';
          assert.match(smokeScript, /127\.0\.0\.1:8000\//, 'the smoke test talks to the container on 127.0.0.1:8000');
          const dir = await mkdtemp(path.join(tmpdir(), 'mlc-smoke-'));
          scratch = dir;
          await mkdir(path.join(dir, 'bin'));
          await mkdir(path.join(dir, 'examples'));
          await writeFile(path.join(dir, 'examples', 'predict_request.json'), example);
          // Stand-ins: `docker run` does nothing (the stand-in server is already up), `docker logs` says who it is,
          // and `sleep` returns at once so a server that never gets ready fails the script in well under a second.
          await writeFile(path.join(dir, 'bin', 'docker'), '#!/bin/sh\n[ "$1" = logs ] && echo "stand-in container logs"\nexit 0\n');
          await writeFile(path.join(dir, 'bin', 'sleep'), '#!/bin/sh\nexit 0\n');
          await chmod(path.join(dir, 'bin', 'docker'), 0o755);
          await chmod(path.join(dir, 'bin', 'sleep'), 0o755);
        });
        after(async () => {
          if (scratch) await rm(scratch, { recursive: true, force: true });
        });

        /** Runs the smoke step as GitHub does (`bash -e`) against a stand-in API on a free loopback port. */
        const runSmokeTest = async (api: StandInApi) => {
          assert.ok(scratch, 'the stand-ins were set up');
          const bin = path.join(scratch, 'bin');
          const port = await freeLoopbackPort();
          const server = await listen(api, port);
          try {
            const script = smokeScript.replaceAll('127.0.0.1:8000/', `127.0.0.1:${port}/`);
            const env = { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}` };
            return await runCommand('bash', ['-e', '-c', script], { cwd: scratch, env, timeoutMs: 30_000 });
          } finally {
            await new Promise((resolve) => server.close(resolve));
          }
        };

        it('fails, showing the container logs, when /health never says ready (503)', async () => {
          const result = await runSmokeTest(standInApi({ healthyAfter: Infinity }));
          assert.notEqual(result.code, 0, `the smoke test passed a server that never got ready:\n${result.output}`);
          assert.match(result.output, /stand-in container logs/);
        });

        it('fails when /health is ready but POST /predict with examples/predict_request.json does not answer 200', async () => {
          const api = standInApi({ healthyAfter: 0, predictStatus: 500 });
          const result = await runSmokeTest(api);
          assert.notEqual(result.code, 0, `the smoke test passed a server whose /predict fails:\n${result.output}`);
          assert.ok(api.predictBodies.length > 0, 'the smoke test never POSTed to /predict');
        });

        it('passes once /health says ready and POST /predict answers 200, having sent examples/predict_request.json', async () => {
          const api = standInApi({ healthyAfter: 2, predictStatus: 200 });
          const result = await runSmokeTest(api);
          assert.equal(result.code, 0, result.output);
          assert.ok(api.healthCalls >= 3, 'the smoke test waited for /health to say ready');
          assert.equal(api.predictBodies.length, 1, 'one POST /predict');
          assert.ok(isDeepStrictEqual(JSON.parse(api.predictBodies[0] ?? 'null'), JSON.parse(example)), `POSTed ${api.predictBodies[0]}`);
        });
      });

      it('every COPY source in the Dockerfile exists in the project', async () => {
        const dir = projects.get(id) ?? '';
        for (const instruction of parseDockerfile(await read(id, 'Dockerfile')).filter((i) => i.keyword === 'COPY' || i.keyword === 'ADD')) {
          for (const source of copySources(instruction)) {
            assert.ok(existsSync(path.join(dir, source)), `Dockerfile:${instruction.line}: ${instruction.keyword} ${source}: no such file in a new ${id} project`);
          }
        }
      });

      it('the Dockerfile installs the dependencies from pyproject.toml alone, before the code, so a code change reuses that layer', async () => {
        const instructions = parseDockerfile(await read(id, 'Dockerfile'));
        const codeCopy = instructions.findIndex((i) => i.keyword === 'COPY' && !isDeepStrictEqual(copySources(i), ['pyproject.toml']));
        assert.ok(codeCopy >= 0, 'the Dockerfile copies the code');
        const dependencyInstall = instructions.slice(0, codeCopy).find((i) => i.keyword === 'RUN' && /pip install/.test(i.args) && /pyproject\.toml/.test(i.args));
        assert.ok(dependencyInstall, `dependencies are installed from pyproject.toml before Dockerfile:${instructions[codeCopy]?.line} copies the code`);
      });

      it("the image's HEALTHCHECK asks /health (which answers 200 only when the model is loaded)", async () => {
        const healthcheck = parseDockerfile(await read(id, 'Dockerfile')).filter((i) => i.keyword === 'HEALTHCHECK');
        assert.equal(healthcheck.length, 1);
        assert.match(healthcheck[0]?.args ?? '', /127\.0\.0\.1:8000\/health\b/);
      });

      it('make help lists every target of the contract with what it does, and each target exists', async () => {
        const dir = projects.get(id) ?? '';
        const help = await runCommand('make', ['--no-print-directory', 'help'], { cwd: dir, timeoutMs: 30_000 });
        assert.equal(help.code, 0, help.output);
        const described = new Map(help.output.split('\n').flatMap((line) => {
          const m = /^\s+([\w-]+)\s+(\S.*)$/.exec(line);
          return m ? [[m[1] ?? '', m[2] ?? ''] as const] : [];
        }));
        for (const target of makeTargets) {
          assert.ok(described.get(target), `make help describes "${target}":\n${help.output}`);
          const dryRun = await runCommand('make', ['--dry-run', '--no-print-directory', target], { cwd: dir, timeoutMs: 30_000 });
          assert.equal(dryRun.code, 0, `make --dry-run ${target}: ${dryRun.output}`);
        }
      });
    });
  }
});

interface StandInApi {
  healthCalls: number;
  readonly predictBodies: string[];
  readonly healthyAfter: number;
  readonly predictStatus: number;
}

/** What the stand-in answers: /health 503 for the first `healthyAfter` calls, then 200; /predict `predictStatus`. */
function standInApi({ healthyAfter, predictStatus = 200 }: { healthyAfter: number; predictStatus?: number }): StandInApi {
  return { healthCalls: 0, predictBodies: [], healthyAfter, predictStatus };
}

function listen(api: StandInApi, port: number): Promise<Server> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      const answer = (status: number, body: object) => response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (request.method === 'GET' && request.url === '/health') {
        api.healthCalls++;
        const ready = api.healthCalls > api.healthyAfter;
        return answer(ready ? 200 : 503, ready ? { status: 'ok' } : { status: 'not ready', reason: 'stand-in' });
      }
      if (request.method === 'POST' && request.url === '/predict') {
        api.predictBodies.push(Buffer.concat(chunks).toString('utf8'));
        return answer(api.predictStatus, { stand_in: true });
      }
      return answer(404, { detail: 'Not Found' });
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}
