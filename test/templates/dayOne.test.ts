import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { nameLimits, toPackageName, validateProjectName } from '../../src/core/scaffold/names';
import { templates } from '../../src/core/scaffold/templates';
import { dockerignoreFilter, parseDockerfile } from './helpers/dockerfile';
import { debianPython, hostileName, installIntoVenv, projectEnv, scaffoldHostileProject } from './helpers/projects';
import { describeFailure, freeLoopbackPort, httpRequest, runCommand, startServer, type RunningServer } from './helpers/processes';

// Each template's first day, as a user lives it in a clean folder: scaffold, install, lint, test, start the API
// before any model exists, train, evaluate, report, serve, ask the README's example, open the demo page, benchmark;
// then what the container would do with the files the image gets. Servers listen on 127.0.0.1 only.

const resultsStart = '<!-- results:start -->';
const resultsEnd = '<!-- results:end -->';

describe('day one with each generated project', function () {
  this.timeout(240_000);
  let parent: string;
  before(async () => {
    parent = await mkdtemp(path.join(tmpdir(), 'mlc-day-one-'));
  });
  after(async () => {
    await rm(parent, { recursive: true, force: true });
  });

  it(`the project name used is valid and as long as names go (${nameLimits.max} characters)`, () => {
    assert.equal(validateProjectName(hostileName), undefined);
    assert.equal(hostileName.length, nameLimits.max);
  });

  for (const template of templates) {
    describe(template.manifest.id, () => {
      const id = template.manifest.id;
      /** Set by each step that succeeds; a later step names the earlier one it needs. */
      const journey: { dir?: string; installed?: boolean; trained?: boolean; evaluated?: boolean } = {};
      const servers = new Set<RunningServer>();
      const project = (): string => {
        assert.ok(journey.dir, 'the project was not scaffolded');
        return journey.dir;
      };
      const needs = (done: boolean | undefined, step: string): void => assert.ok(done, `an earlier step failed: ${step}`);
      /** Runs a command in the project as the user would and asserts it succeeds. */
      const succeeds = async (label: string, command: string, args: readonly string[], timeoutMs = 180_000) => {
        const result = await runCommand(command, args, { cwd: project(), env: projectEnv(), timeoutMs });
        assert.equal(result.code, 0, describeFailure(label, result));
        return result;
      };
      const make = (target: string, variables: readonly string[] = [], timeoutMs?: number) =>
        succeeds(`make ${target}`, 'make', ['--no-print-directory', target, ...variables], timeoutMs);
      const venvTool = (name: string): string => path.join(project(), '.venv', 'bin', name);
      /** Starts a server on a free loopback port (`args` gets the port), stopped after the test whatever happens. */
      const startOnFreePort = async (cwd: string, command: string, args: (port: number) => string[]): Promise<RunningServer> => {
        const port = await freeLoopbackPort();
        const server = await startServer(command, args(port), { cwd, env: projectEnv(), baseUrl: `http://127.0.0.1:${port}`, startTimeoutMs: 30_000 });
        servers.add(server);
        return server;
      };
      const serve = (): Promise<RunningServer> =>
        startOnFreePort(project(), 'make', (port) => ['--no-print-directory', 'serve', 'HOST=127.0.0.1', `PORT=${port}`]);
      const exampleRequest = async (): Promise<string> => {
        const file = path.join(project(), 'examples', 'predict_request.json');
        assert.ok(existsSync(file), 'examples/predict_request.json (the README\'s example request) is missing');
        return readFile(file, 'utf8');
      };
      afterEach(async () => {
        for (const server of servers) await server.stop();
        servers.clear();
      });

      it('scaffolds and installs into a fresh .venv', async () => {
        // One folder per template: every project has the same name.
        const templateParent = path.join(parent, id);
        await mkdir(templateParent);
        journey.dir = await scaffoldHostileProject(template, templateParent);
        const result = await installIntoVenv(project());
        assert.equal(result.code, 0, describeFailure('install', result));
        journey.installed = true;
      });

      it('ruff check passes with the shipped configuration', async () => {
        needs(journey.installed, 'install');
        await succeeds('ruff check', venvTool('ruff'), ['check', '--no-cache', '--output-format', 'concise', '.'], 60_000);
      });

      it('its own tests pass (pytest)', async () => {
        needs(journey.installed, 'install');
        await succeeds('pytest', venvTool('python'), ['-m', 'pytest', '-q', '-p', 'no:cacheprovider']);
      });

      it('before training, the API says it is not ready: /health and /predict answer 503 with the reason', async () => {
        needs(journey.installed, 'install');
        assert.ok(!existsSync(path.join(project(), 'models')), 'a fresh project has no models/ yet');
        const server = await serve();
        const health = await httpRequest(`${server.baseUrl}/health`);
        assert.equal(health.status, 503, `GET /health before training: ${health.status} ${health.text}`);
        const body = JSON.parse(health.text) as { status?: unknown; reason?: unknown };
        assert.equal(body.status, 'not ready', health.text);
        assert.ok(typeof body.reason === 'string' && body.reason.includes('make train'), `the reason tells what to do: ${health.text}`);
        const predict = await httpRequest(`${server.baseUrl}/predict`, { method: 'POST', body: await exampleRequest() });
        assert.equal(predict.status, 503, `POST /predict before training: ${predict.status} ${predict.text}`);
        assert.ok(!existsSync(path.join(project(), 'models')), 'the API process must not train');
      });

      it('make train', async () => {
        needs(journey.installed, 'install');
        const result = await make('train');
        console.log(`      ${id}: make train took ${(result.durationMs / 1000).toFixed(1)} s: ${lastLine(result.output)}`);
        journey.trained = true;
      });

      it('make evaluate writes reports/metrics.json with the metrics and how the data was split', async () => {
        needs(journey.trained, 'make train');
        await make('evaluate');
        const run = JSON.parse(await readFile(path.join(project(), 'reports', 'metrics.json'), 'utf8')) as Record<string, unknown>;
        for (const key of ['metrics', 'params', 'split', 'model_sha256', 'data_sha256', 'created_at']) assert.ok(key in run, `metrics.json has "${key}"`);
        assert.ok(isNonEmptyObject(run.metrics), 'metrics.json has metrics');
        assert.ok(isNonEmptyObject(run.split), 'metrics.json says how the data was split');
        console.log(`      ${id}: metrics ${JSON.stringify(run.metrics)}; split ${JSON.stringify(run.split)}`);
        journey.evaluated = true;
      });

      it("make report fills the README's results block from reports/metrics.json", async () => {
        needs(journey.evaluated, 'make evaluate');
        const before = resultsBlock(await readFile(path.join(project(), 'README.md'), 'utf8'));
        assert.match(before, /No results yet/, 'before make report the block says there are no results');
        await make('report');
        const after = resultsBlock(await readFile(path.join(project(), 'README.md'), 'utf8'));
        assert.doesNotMatch(after, /No results yet/);
        assert.match(after, /Generated by `make report` from `reports\/metrics\.json`/);
        assert.match(after, /^\|.*\d\.\d{3}.*\|$/m, 'a table row with a measured number');
      });

      it('after training, the API is ready: the README example gets 200, / serves the demo page, make bench reports latency', async () => {
        needs(journey.trained, 'make train');
        const server = await serve();
        await assertReadyAndServing(server, await exampleRequest());
        const port = new URL(server.baseUrl).port;
        const bench = await make('bench', ['HOST=127.0.0.1', `PORT=${port}`, 'REQUESTS=100'], 120_000);
        const p95 = /p95 ([\d.]+) ms/.exec(bench.output)?.[1];
        assert.ok(p95, `make bench prints the p95 latency:\n${bench.output}`);
        console.log(`      ${id}: make bench: ${lastLine(bench.output)}`);
      });

      it("the image's files alone install, train and serve (the Dockerfile's steps, without Docker)", async () => {
        needs(journey.installed, 'install');
        const dockerfile = await readFile(path.join(project(), 'Dockerfile'), 'utf8');
        const packageName = toPackageName(hostileName);
        assert.ok(dockerfile.includes(`python -m ${packageName}.train`), 'the Dockerfile trains the model while it builds');
        const command = parseDockerfile(dockerfile).filter((i) => i.keyword === 'CMD').pop();
        assert.ok(command, 'the Dockerfile has a CMD');
        const [program, ...programArgs] = JSON.parse(command.args) as string[];
        assert.equal(program, 'uvicorn', `CMD ${command.args}`);
        // The build context: the project's files as .dockerignore lets them through (no .venv, models or reports).
        const image = path.join(parent, id, 'image');
        const app = path.join(image, 'app');
        const sent = dockerignoreFilter(await readFile(path.join(project(), '.dockerignore'), 'utf8'));
        for (const file of await readdir(project(), { recursive: true, withFileTypes: true })) {
          const relPath = path.relative(project(), path.join(file.parentPath, file.name)).split(path.sep).join('/');
          if (!file.isFile() || !sent(relPath)) continue;
          await mkdir(path.dirname(path.join(app, relPath)), { recursive: true });
          await copyFile(path.join(project(), relPath), path.join(app, relPath));
        }
        const python = path.join(image, 'venv', 'bin', 'python');
        const inApp = (label: string, executable: string, args: readonly string[]) =>
          runCommand(executable, args, { cwd: app, env: projectEnv(), timeoutMs: 180_000 }).then((r) => assert.equal(r.code, 0, describeFailure(label, r)));
        await inApp('venv', debianPython, ['-m', 'venv', '--system-site-packages', path.join(image, 'venv')]);
        await inApp('pip install -e .', python, ['-m', 'pip', 'install', '--quiet', '--retries', '0', '--no-deps', '--no-build-isolation', '-e', '.']);
        await inApp('training at build time', python, ['-m', `${packageName}.train`]);
        const server = await startOnFreePort(app, python, (port) => ['-m', 'uvicorn', ...withLoopbackPort(programArgs, port)]);
        const example = path.join(app, 'examples', 'predict_request.json');
        assert.ok(existsSync(example), 'examples/predict_request.json is not in the image: missing, or left out by .dockerignore');
        await assertReadyAndServing(server, await readFile(example, 'utf8'));
      });
    });
  }
});

/** What CI's smoke test and a visitor see: ready, the README's example answered, the demo page at /. */
async function assertReadyAndServing(server: RunningServer, example: string): Promise<void> {
  const health = await httpRequest(`${server.baseUrl}/health`);
  assert.equal(health.status, 200, `GET /health after training: ${health.status} ${health.text}`);
  assert.equal((JSON.parse(health.text) as { status?: unknown }).status, 'ok', health.text);
  const predict = await httpRequest(`${server.baseUrl}/predict`, { method: 'POST', body: example });
  assert.equal(predict.status, 200, `POST /predict with examples/predict_request.json: ${predict.status} ${predict.text}`);
  const page = await httpRequest(`${server.baseUrl}/`);
  assert.equal(page.status, 200, `GET /: ${page.status}`);
  assert.match(page.contentType, /^text\/html/);
  assert.match(page.text, /<form[\s>]/);
}

/** The image's uvicorn arguments with the host and port swapped for 127.0.0.1 and a free port. */
function withLoopbackPort(args: readonly string[], port: number): string[] {
  return args.map((arg, i) => (args[i - 1] === '--host' ? '127.0.0.1' : args[i - 1] === '--port' ? String(port) : arg));
}

function lastLine(output: string): string {
  return output.trim().split('\n').pop() ?? '';
}

function isNonEmptyObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && Object.keys(value).length > 0;
}

function resultsBlock(readme: string): string {
  const start = readme.indexOf(resultsStart);
  const end = readme.indexOf(resultsEnd, start);
  assert.ok(start >= 0 && end > start, `README.md has a ${resultsStart} … ${resultsEnd} block`);
  return readme.slice(start + resultsStart.length, end);
}
