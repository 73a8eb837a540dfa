// Analyzer threads for the evidence scan (src/core/evidence/scanner.ts `FileAnalyzer`): the same bundle as the scan
// worker (dist/evidenceWorker.js), started with `workerData.role === 'analyzer'`, reads and analyses the batches of
// files the walk hands it, so a full scan uses every core the machine has. Messages between these threads come from
// the same bundle in the same process and are not a trust boundary (the host ↔ worker protocol is validated).
import { availableParallelism, loadavg } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Finding } from '../core/evidence/analyze';
import type { FileAnalyzer, FileJob, FileOutcome } from '../core/evidence/scanner';
import { signalKinds } from '../core/evidence/vocabulary';

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
 * Analyzer → scan thread: once `ready` when it can take work, then one answer per request, its outcomes in one string
 * (`encodeOutcomes`: one string clones far faster than thousands of small finding objects).
 */
export type AnalyzerAnswer = { type: 'ready' } | { type: 'outcomes'; id: number; outcomes: string };

/** A finding's fields in `encodeOutcomes`: rule, skill, kind, line, column, length, cell (-1: none), test (0/1), text. */
const fieldsPerFinding = 9;
type EncodedOutcome = 0 | 1 | 2 | [size: number, mtimeMs: number, findings: number[], includes: string[]];

/**
 * A batch's outcomes as JSON of flat arrays: each finding is nine numbers, its strings (rule, skill, proof text) an
 * index into one table per batch, so the receiving thread parses no property names and makes each string once per
 * batch however many findings share it (`import numpy as np` in every file).
 */
export function encodeOutcomes(outcomes: readonly FileOutcome[]): string {
  const strings: string[] = [];
  const indexes = new Map<string, number>();
  const ref = (text: string) => {
    let index = indexes.get(text);
    if (index === undefined) {
      index = strings.push(text) - 1;
      indexes.set(text, index);
    }
    return index;
  };
  const encoded = outcomes.map((outcome): EncodedOutcome => {
    if (outcome.kind !== 'read') return outcome.kind === 'skipped' ? 0 : 1;
    if (!outcome.record) return 2;
    const { size, mtimeMs, findings, includes } = outcome.record;
    const flat: number[] = [];
    for (const f of findings) flat.push(ref(f.rule), ref(f.skill), signalKinds.indexOf(f.kind), f.line, f.column, f.length, f.cell ?? -1, f.test ? 1 : 0, ref(f.text));
    return [size, mtimeMs, flat, includes];
  });
  return JSON.stringify([strings, encoded]);
}

/** The outcomes `encodeOutcomes` encoded; throws on anything else. */
export function decodeOutcomes(json: string): FileOutcome[] {
  const [strings, encoded] = JSON.parse(json) as [string[], EncodedOutcome[]];
  const string = (index: number | undefined) => {
    const text = strings[index ?? -1];
    if (text === undefined) throw new Error(`analyzer outcomes: no string ${index}`);
    return text;
  };
  return encoded.map((outcome): FileOutcome => {
    if (outcome === 0) return { kind: 'skipped' };
    if (outcome === 1) return { kind: 'unchanged' };
    if (outcome === 2) return { kind: 'read' };
    const [size, mtimeMs, flat, includes] = outcome;
    const findings: Finding[] = [];
    for (let i = 0; i + fieldsPerFinding <= flat.length; i += fieldsPerFinding) {
      const kind = signalKinds[flat[i + 2] ?? -1];
      if (kind === undefined) throw new Error(`analyzer outcomes: no signal kind ${flat[i + 2]}`);
      // The same properties in the same order as the scanning thread's own findings.
      const finding: Finding = { rule: string(flat[i]), skill: string(flat[i + 1]), kind, line: flat[i + 3] ?? 0, column: flat[i + 4] ?? 0, length: flat[i + 5] ?? 0, text: string(flat[i + 8]), test: flat[i + 7] === 1 };
      const cell = flat[i + 6] ?? -1;
      if (cell >= 0) finding.cell = cell;
      findings.push(finding);
    }
    return { kind: 'read', record: { size, mtimeMs, findings, includes } };
  });
}

/**
 * One analyzer per idle core beyond two: one for the scanning thread and one left to the editor (its window and
 * extension host). On a two-core machine an analyzer made the bench's full scan slower, not faster (median about
 * 720 against 670 ms: it takes half the files, and every file then costs both threads nearly twice as much); on a busy
 * machine another thread only competes for the same cores and costs its heap (about 15 MB each). `load` is the
 * 1-minute load average (0 where the platform has none, as on Windows: every core then counts as idle).
 */
export function analyzerCount(cores = availableParallelism(), load = loadavg()[0] ?? 0): number {
  return Math.max(0, Math.min(cores - 2, Math.round(cores - 2 - load)));
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
      const waiting = this.waiting.get(answer.id);
      this.waiting.delete(answer.id);
      try {
        waiting?.resolve(decodeOutcomes(answer.outcomes));
      } catch (error) {
        // Not what this bundle's analyzers send: the scan examines that batch itself.
        waiting?.reject(error instanceof Error ? error : new Error(String(error)));
      }
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
