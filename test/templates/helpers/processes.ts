import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

/** Process groups still running, killed when the test process exits whichever way it ends. */
const liveGroups = new Set<number>();
process.on('exit', () => {
  for (const pid of liveGroups) killGroup(pid, 'SIGKILL');
});

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    /* the group is already gone */
  }
}

export interface CommandResult {
  readonly code: number | null;
  /** stdout and stderr, interleaved as they arrived. */
  readonly output: string;
  readonly timedOut: boolean;
  readonly durationMs: number;
}

export interface CommandOptions {
  readonly cwd: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly timeoutMs: number;
}

/**
 * Runs a command in its own process group and collects its output. On timeout the whole group is killed (make, and the
 * Python it started), and whatever the command left running in its group is killed when it ends.
 */
export function runCommand(command: string, args: readonly string[], { cwd, env = process.env, timeoutMs }: CommandOptions): Promise<CommandResult> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: string[] = [];
    child.stdout.setEncoding('utf8').on('data', (c: string) => chunks.push(c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => chunks.push(c));
    const pid = child.pid;
    if (pid !== undefined) liveGroups.add(pid);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      if (pid !== undefined) killGroup(pid, 'SIGKILL');
    }, timeoutMs);
    const finish = (code: number | null, error?: Error): void => {
      clearTimeout(timer);
      if (pid !== undefined) {
        killGroup(pid, 'SIGKILL');
        liveGroups.delete(pid);
      }
      if (error) chunks.push(`cannot run ${command}: ${error.message}`);
      resolve({ code, output: chunks.join(''), timedOut, durationMs: Date.now() - started });
    };
    child.once('error', (e) => finish(null, e));
    child.once('close', (code) => finish(code));
  });
}

/** A one-line account of a failed command, with its output, for assertion messages. */
export function describeFailure(label: string, result: CommandResult): string {
  const how = result.timedOut ? `timed out after ${Math.round(result.durationMs / 1000)} s` : `exit ${result.code}`;
  return `${label} failed (${how}):\n${result.output.trim()}`;
}

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface HttpAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly text: string;
}

/** One HTTP request with a deadline; `body` is sent as JSON text. */
export async function httpRequest(url: string, { method = 'GET', body, timeoutMs = 10_000 }: { method?: string; body?: string; timeoutMs?: number } = {}): Promise<HttpAnswer> {
  const response = await fetch(url, {
    method,
    ...(body === undefined ? {} : { body, headers: { 'content-type': 'application/json' } }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', text: await response.text() };
}

export interface RunningServer {
  readonly baseUrl: string;
  /** What the server printed so far. */
  output(): string;
  /** Stops the whole process group: SIGTERM, then SIGKILL after a grace period. Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Starts a server command in its own process group and waits until `baseUrl + probePath` answers with any HTTP status
 * (a 503 "not ready" is an answer too). Throws with the server's output when it exits or does not answer in time.
 */
export async function startServer(
  command: string,
  args: readonly string[],
  { cwd, env = process.env, baseUrl, probePath = '/health', startTimeoutMs = 60_000 }: { cwd: string; env?: NodeJS.ProcessEnv; baseUrl: string; probePath?: string; startTimeoutMs?: number },
): Promise<RunningServer> {
  const child = spawn(command, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const chunks: string[] = [];
  child.stdout.setEncoding('utf8').on('data', (c: string) => chunks.push(c));
  child.stderr.setEncoding('utf8').on('data', (c: string) => chunks.push(c));
  const pid = child.pid;
  if (pid === undefined) throw new Error(`cannot start ${command}`);
  liveGroups.add(pid);
  let exited = child.exitCode !== null;
  const exit = new Promise<void>((resolve) => {
    child.once('close', () => {
      exited = true;
      resolve();
    });
  });
  const server: RunningServer = {
    baseUrl,
    output: () => chunks.join(''),
    stop: async () => {
      if (!liveGroups.has(pid)) return;
      killGroup(pid, 'SIGTERM');
      const ended = await Promise.race([exit.then(() => true), sleep(5_000).then(() => false)]);
      killGroup(pid, 'SIGKILL');
      if (!ended) await exit;
      liveGroups.delete(pid);
    },
  };
  const deadline = Date.now() + startTimeoutMs;
  while (Date.now() < deadline) {
    if (exited) {
      await server.stop();
      throw new Error(`${command} ${args.join(' ')} exited before answering:\n${server.output().trim()}`);
    }
    try {
      await httpRequest(baseUrl + probePath, { timeoutMs: 2_000 });
      return server;
    } catch {
      await sleep(250);
    }
  }
  await server.stop();
  throw new Error(`${command} ${args.join(' ')} did not answer ${probePath} within ${startTimeoutMs / 1000} s:\n${server.output().trim()}`);
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
