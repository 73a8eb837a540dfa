// Analyzer threads for the evidence scan (src/core/evidence/scanner.ts `FileAnalyzer`): the same bundle as the scan
// worker (dist/evidenceWorker.js), started with `workerData.role === 'analyzer'`, reads and analyses the batches of
// files the walk hands it, so a full scan uses every core the machine has. Messages between these threads come from
// the same bundle in the same process and are not a trust boundary (the host ↔ worker protocol is validated).
import { availableParallelism, loadavg } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { FileAnalyzer, FileJob, FileOutcome } from '../core/evidence/scanner';

export const analyzerRole = 'analyzer';

/**
 * Heap limits of the scanning threads: a young generation of 24 MB (V8's default is 48 MB on 64-bit) keeps a full scan's
 * peak memory about 20 MB lower per thread, at no cost in time, since what a scan keeps is promoted anyway.
 */
export const scanThreadLimits = { maxYoungGenerationSizeMb: 24 } as const;

/** Scan thread → analyzer. */
export interface AnalyzerRequest {
  id: number;
  root: string;
  jobs: readonly FileJob[];
  maxFileBytes: number;
}

/**
 * Analyzer → scan thread: once `ready` when it can take work, then one answer per request, its outcomes as JSON
 * (one string clones far faster than thousands of small finding objects).
 */
export type AnalyzerAnswer = { type: 'ready' } | { type: 'outcomes'; id: number; outcomes: string };

/**
 * One analyzer per idle core beyond the scanning thread's own: on a busy machine another thread only competes for
 * the same cores and costs its heap (about 15 MB each). `load` is the 1-minute load average (0 where the platform
 * has none, as on Windows: every core then counts as idle).
 */
export function analyzerCount(cores = availableParallelism(), load = loadavg()[0] ?? 0): number {
  return Math.max(0, Math.min(cores - 1, Math.round(cores - 1 - load)));
}

class ThreadAnalyzer implements FileAnalyzer {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, { resolve: (outcomes: FileOutcome[]) => void; reject: (error: Error) => void }>();
  private nextId = 1;
  /** Until it is ready, or once it has failed, it takes no work (the walk examines files itself meanwhile). */
  private usable = false;

  constructor(workerFile: string) {
    this.worker = new Worker(workerFile, { workerData: { role: analyzerRole }, resourceLimits: scanThreadLimits });
    this.worker.unref();
    this.worker.on('message', (answer: AnalyzerAnswer) => {
      if (answer.type === 'ready') {
        this.usable = true;
        return;
      }
      this.waiting.get(answer.id)?.resolve(JSON.parse(answer.outcomes) as FileOutcome[]);
      this.waiting.delete(answer.id);
    });
    const fail = (error: Error) => {
      this.usable = false;
      for (const { reject } of this.waiting.values()) reject(error);
      this.waiting.clear();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`the evidence analyzer thread exited (code ${code})`)));
  }

  get busy(): number {
    return this.usable ? this.waiting.size : Number.POSITIVE_INFINITY;
  }

  examine(root: string, jobs: readonly FileJob[], maxFileBytes: number): Promise<FileOutcome[]> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ id, root, jobs, maxFileBytes } satisfies AnalyzerRequest);
    });
  }

  terminate(): Promise<number> {
    return this.worker.terminate();
  }
}

/** Starts `count` analyzer threads from the worker bundle; `dispose` ends them. */
export function startAnalyzers(workerFile: string, count = analyzerCount()): { analyzers: FileAnalyzer[]; dispose(): Promise<void> } {
  const threads = Array.from({ length: count }, () => new ThreadAnalyzer(workerFile));
  return {
    analyzers: threads,
    dispose: async () => {
      await Promise.all(threads.map((thread) => thread.terminate()));
    },
  };
}
