// The evidence worker (Node worker_threads; bundled as dist/evidenceWorker.js): runs the scanner over Node's fs off
// the extension host's thread. The protocol is src/core/evidence/workerProtocol.ts; every incoming message is
// validated, and a bad one is answered with an error rather than crashing the worker.
// Started with `workerData.role === 'analyzer'`, the same bundle is one of the scan's analyzer threads instead.
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { bundledRules } from '../core/evidence/bundledRules';
import { EvidenceScanner, examineFile } from '../core/evidence/scanner';
import { parseHostMessage, type HostMessage, type WorkerMessage } from '../core/evidence/workerProtocol';
import { analyzerRole, encodeOutcomes, startAnalyzers, type AnalyzerAnswer, type AnalyzerRequest } from './analysisHelpers';
import { readCacheFile, writeCacheFile } from './cacheFile';
import { nodeEvidenceFs } from './nodeFs';

const port = parentPort;
if (!port) throw new Error('evidenceWorker.js runs as a worker thread (new Worker(…)), not as a script');

/** An analyzer thread: examines each batch of files it is sent (see analysisHelpers.ts). */
function serveAnalyses(to: MessagePort): void {
  to.on('message', ({ id, root, jobs, maxFileBytes }: AnalyzerRequest) => {
    const outcomes = jobs.map((job) => examineFile(nodeEvidenceFs, bundledRules, root, job, maxFileBytes));
    to.postMessage({ type: 'outcomes', id, outcomes: encodeOutcomes(outcomes) } satisfies AnalyzerAnswer);
  });
  to.postMessage({ type: 'ready' } satisfies AnalyzerAnswer);
}

/** Writes a full scan's cache; a failure is reported (the next window then scans everything again). */
function keepCache(file: string, scanner: EvidenceScanner): { problem?: string } {
  try {
    writeCacheFile(file, scanner.serializeCache());
    return {};
  } catch (error) {
    return { problem: `could not keep the evidence cache in ${file}: ${error instanceof Error ? error.message : String(error)}` };
  }
}

const isAnalyzer = (workerData as { role?: unknown } | null)?.role === analyzerRole;
if (isAnalyzer) serveAnalyses(port);
else serveScans(port);

function serveScans(port: MessagePort): void {
  let scanner: EvidenceScanner | undefined;
  /** The id of the newest scan: only its scanner answers updates. */
  let latestScan: number | undefined;
  const running = new Map<number, AbortController>();
  const post = (message: WorkerMessage) => port.postMessage(message);

  async function handle(message: HostMessage): Promise<void> {
    switch (message.type) {
      case 'scan': {
        const controller = new AbortController();
        running.set(message.id, controller);
        latestScan = message.id;
        // Each scan has its own scanner: an older scan ending (cancelled or not) never touches a newer one's. Until this
        // scan completes there is none for updates, which would otherwise see partial evidence.
        scanner = undefined;
        // Analyzer threads live for one full scan: idle threads would hold memory between scans for nothing.
        const helpers = startAnalyzers(__filename);
        const cache = message.cacheFile === undefined ? undefined : readCacheFile(message.cacheFile);
        const next = new EvidenceScanner({ fs: nodeEvidenceFs, folders: message.folders, rules: bundledRules, exclude: message.exclude, analyzers: helpers.analyzers, ...(cache ? { cache } : {}) });
        try {
          const skills = await next.scan({ signal: controller.signal, onProgress: (p) => post({ type: 'progress', id: message.id, ...p }) });
          if (message.id === latestScan) scanner = next;
          post({ type: 'results', id: message.id, skills });
          if (message.cacheFile !== undefined) post({ type: 'cache', id: message.id, ...keepCache(message.cacheFile, next) });
        } catch (error) {
          if (controller.signal.aborted) post({ type: 'cancelled', id: message.id });
          else throw error;
        } finally {
          running.delete(message.id);
          void helpers.dispose();
        }
        return;
      }
      case 'update':
      case 'remove': {
        if (!scanner) throw new Error(`${message.type} without a completed scan: send a scan first`);
        const changed = message.type === 'update' ? scanner.update(message.folder, message.path) : scanner.remove(message.folder, message.path);
        post({ type: 'results', id: message.id, skills: scanner.results(), changed });
        return;
      }
      case 'cancel':
        running.get(message.id)?.abort();
        return;
    }
  }

  port.on('message', (data: unknown) => {
    const id = typeof data === 'object' && data !== null && typeof (data as { id?: unknown }).id === 'number' ? (data as { id: number }).id : -1;
    let message: HostMessage;
    try {
      message = parseHostMessage(data);
    } catch (error) {
      post({ type: 'error', id, message: (error as Error).message });
      return;
    }
    handle(message).catch((error: unknown) => post({ type: 'error', id, message: error instanceof Error ? error.message : String(error) }));
  });
}
