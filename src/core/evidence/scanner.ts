/**
 * The evidence scanner over a synchronous file-system interface (`EvidenceFs`): Node's fs in the worker thread
 * (src/evidence/nodeFs.ts), a Map in the tests. Synchronous reads because it runs off the extension host's thread,
 * where blocking is free and one sync read of a small file costs a fraction of a promise-based one; the scan still
 * yields to the event loop every few milliseconds so cancellation and messages get through.
 *
 *   const scanner = new EvidenceScanner({ fs, folders: [{ name: 'app', root: '/home/me/app' }], rules: bundledRules,
 *                                         exclude: ['**\/data/**'], cache });
 *   await scanner.scan({ signal, onProgress });   // full scan; cached files (same size and mtime) are not read
 *   scanner.update('app', 'src/train.py');         // a saved or created file or folder: only its evidence changes
 *   scanner.remove('app', 'src/old.py');           // a deleted file or folder (a rename is remove + update)
 *   scanner.results();                             // SkillEvidence[]: every skill with findings, top 200 items each
 *   scanner.skillSummary('python');                // confidence, suggested, kinds, counts in O(signals): after update
 *   scanner.skillEvidence('python');               // one skill with its strongest proof items
 *   scanner.serializeCache();                      // JSON-safe; pass back as `cache` after a reload
 *
 * What is skipped is described in ignore.ts; files over `maxFileBytes`, binary files (a NUL byte) and files with a
 * line over 10,000 characters (minified or generated) are not evidence; symbolic links are never followed (a link
 * inside the folder points at what is scanned anyway, one outside it is not the user's code, and so no loop).
 */
import { analyzeFile, fileRole, type FileRole, type Finding } from './analyze';
import { SkillTally, bySummary, maxItemsPerSkill, topItems, type SkillEvidence, type SkillSummary } from './confidence';
import { compilePathGlob } from './glob';
import { AttributeStack, IgnoreStack, alwaysSkippedFolder, skippedFileName } from './ignore';
import type { CompiledRules } from './rules';

export interface EvidenceFsEntry {
  name: string;
  type: 'file' | 'directory' | 'symlink' | 'other';
}

export interface EvidenceFs {
  /** The entries of a folder; throws when it cannot be read. */
  readDirectory(path: string): EvidenceFsEntry[];
  /** lstat: undefined when the path does not exist. */
  stat(path: string): { type: EvidenceFsEntry['type']; size: number; mtimeMs: number } | undefined;
  readFile(path: string): Uint8Array;
  /**
   * Opens a regular file once, never through a symbolic link: its size and mtime, and its bytes when
   * `wanted(size, mtimeMs)` says so (a cached or oversized file is not read). undefined when it is not a regular
   * file or cannot be opened. The bytes may be overwritten by the next call.
   */
  readFileIf(path: string, wanted: (size: number, mtimeMs: number) => boolean): { size: number; mtimeMs: number; bytes?: Uint8Array } | undefined;
}

export interface ScanFolder {
  /** Shown with each proof item: the folder's key, unique per scan (its name unless shared: core/evidence/folderKeys.ts). */
  name: string;
  /** The folder's path in `fs`, "/"-separated. */
  root: string;
}

export interface ScanProgress {
  /** Files looked at (by name) and files actually read so far. */
  filesSeen: number;
  filesRead: number;
}

export interface ScanOptions {
  signal?: AbortSignal;
  onProgress?: (progress: ScanProgress) => void;
}

export interface ScannerOptions {
  fs: EvidenceFs;
  folders: readonly ScanFolder[];
  rules: CompiledRules;
  /** Globs over folder-relative paths (VS Code `files.exclude` style: `**\/data`, `{a,b}`); a matched folder is skipped whole. */
  exclude?: readonly string[];
  cache?: SerializedEvidenceCache;
  /** Files larger than this are not read (default 1 MiB; notebooks 8 MiB, since outputs inflate them). */
  maxFileBytes?: number;
  /** How the scan yields to the event loop (tests may pass a no-op). */
  yieldToEventLoop?: () => Promise<void>;
  /** Other threads that read and analyse files during a full scan, beside this one (none: this thread does all). */
  analyzers?: readonly FileAnalyzer[];
}

/** A file the walk decided to look at, for `examineFile` here or on another thread. */
export interface FileJob {
  rel: string;
  /** The cached record's size and mtime: an unchanged file is not read. */
  cached?: { size: number; mtimeMs: number };
}

/** What looking at one file found: not evidence (unreadable, too large, binary…), unchanged since the cache, or read. */
export type FileOutcome = { kind: 'skipped' } | { kind: 'unchanged' } | { kind: 'read'; record?: { size: number; mtimeMs: number; findings: Finding[]; includes: string[] } };

/**
 * Reads and analyses batches of files for a full scan on another thread (src/evidence/analysisHelpers.ts) with
 * `examineFile` over the same rules; `busy` says how many batches it has not answered yet.
 */
export interface FileAnalyzer {
  readonly busy: number;
  examine(root: string, jobs: readonly FileJob[], maxFileBytes: number): Promise<FileOutcome[]>;
}

export interface SerializedEvidenceCache {
  version: 1;
  /** The rules the findings were made with: a cache of other rules is dropped. */
  rules: string;
  folders: Record<string, Record<string, { size: number; mtimeMs: number; findings: Finding[]; includes?: string[] }>>;
}

interface FileRecord {
  /** Its folder's key and its path in the folder. */
  folder: string;
  path: string;
  size: number;
  mtimeMs: number;
  findings: Finding[];
  includes: string[];
}

interface FolderState {
  folder: ScanFolder;
  files: Map<string, FileRecord>;
  /** The ignore and attribute stacks of every folder walked, for incremental updates. */
  dirs: Map<string, { ignore: IgnoreStack; attributes: AttributeStack }>;
  cached: Map<string, FileRecord>;
  /** Requirements files with `-r` includes, so following them never walks every record. */
  includers: Set<string>;
}

const ignoreFileNames = ['.gitignore', '.ignore'];
const metaFileNames = new Set([...ignoreFileNames, '.gitattributes']);
const maxLineLength = 10_000;
const yieldEveryMs = 15;
/** With analyzers the walk yields more often, so their answers are taken in and they get the next batch soon. */
const yieldEveryMsWithAnalyzers = 2;
/** Files per batch for an analyzer, and batches each may have outstanding. */
const analyzerBatch = 64;
const analyzerQueue = 3;
const decoder = new TextDecoder('utf-8');

const joinPath = (root: string, rel: string) => (rel === '' ? root : root.endsWith('/') ? root + rel : `${root}/${rel}`);
const parentOf = (rel: string) => (rel.includes('/') ? rel.slice(0, rel.lastIndexOf('/')) : '');
const baseName = (rel: string) => rel.slice(rel.lastIndexOf('/') + 1);
const isUnder = (path: string, folder: string) => folder === '' || path === folder || path.startsWith(`${folder}/`);

function skillsOf(findings: readonly Finding[]): string[] {
  const skills: string[] = [];
  for (const finding of findings) if (!skills.includes(finding.skill)) skills.push(finding.skill);
  return skills;
}

interface PendingFolder {
  relDir: string;
  ignore: IgnoreStack;
  attributes: AttributeStack;
}

/** A short, stable fingerprint of the rules (FNV-1a over their JSON). */
function fingerprint(rules: CompiledRules): string {
  const text = JSON.stringify([...rules.byId.values()]);
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return `${rules.byId.size}-${hash.toString(16)}`;
}

function hasLongLine(text: string): boolean {
  if (text.length <= maxLineLength) return false;
  let start = 0;
  for (let end = text.indexOf('\n'); ; end = text.indexOf('\n', start)) {
    if ((end < 0 ? text.length : end) - start > maxLineLength) return true;
    if (end < 0) return false;
    start = end + 1;
  }
}

/**
 * Looks at one file the walk chose: opens it once (never through a link), reads it unless it is too large or
 * unchanged since the cache, and analyses it unless it is binary or minified. The same function runs on analyzer
 * threads. `role` defaults to what the path says.
 */
export function examineFile(fs: EvidenceFs, rules: CompiledRules, root: string, job: FileJob, maxFileBytes: number, role = fileRole(job.rel, rules)): FileOutcome {
  if (!role) return { kind: 'skipped' };
  const limit = role.notebook ? 8 * maxFileBytes : maxFileBytes;
  const { cached } = job;
  const unchanged = (size: number, mtimeMs: number) => cached !== undefined && cached.size === size && cached.mtimeMs === mtimeMs;
  const opened = fs.readFileIf(joinPath(root, job.rel), (size, mtimeMs) => size <= limit && !unchanged(size, mtimeMs));
  if (!opened || opened.size > limit) return { kind: 'skipped' };
  const { size, mtimeMs, bytes } = opened;
  if (!bytes) return { kind: 'unchanged' };
  const nul = bytes.indexOf(0);
  if (nul >= 0 && nul < 8000) return { kind: 'read' };
  const text = decoder.decode(bytes);
  if (!role.notebook && hasLongLine(text)) return { kind: 'read' };
  const { findings, includes } = analyzeFile(job.rel, text, size, role, rules);
  return { kind: 'read', record: { size, mtimeMs, findings, includes } };
}

export class EvidenceScanner {
  private readonly fs: EvidenceFs;
  private readonly rules: CompiledRules;
  private readonly folders = new Map<string, FolderState>();
  private readonly excluded: Array<(relPath: string) => boolean>;
  private readonly maxFileBytes: number;
  private readonly yieldToEventLoop: () => Promise<void>;
  private readonly rulesFingerprint: string;
  /** Per skill: its tally and the records of the files with findings for it (no key string or list per file and skill). */
  private readonly bySkill = new Map<string, { tally: SkillTally; files: Set<FileRecord> }>();
  private progress: ScanProgress = { filesSeen: 0, filesRead: 0 };
  private readonly analyzers: readonly FileAnalyzer[];
  /** During a full scan with analyzers: the files chosen and not yet examined. */
  private jobs: FileJob[] | undefined;

  constructor(options: ScannerOptions) {
    this.fs = options.fs;
    this.rules = options.rules;
    this.excluded = (options.exclude ?? []).map(compilePathGlob);
    this.maxFileBytes = options.maxFileBytes ?? 1024 * 1024;
    // setImmediate where there is one (Node): a 0 ms timer waits a whole millisecond.
    this.yieldToEventLoop = options.yieldToEventLoop ?? (() => new Promise((resolve) => (globalThis.setImmediate ?? setTimeout)(resolve)));
    this.rulesFingerprint = fingerprint(options.rules);
    this.analyzers = options.analyzers ?? [];
    const cache = options.cache?.version === 1 && options.cache.rules === this.rulesFingerprint ? options.cache.folders : {};
    for (const folder of options.folders) {
      if (this.folders.has(folder.name)) throw new Error(`two workspace folders have the key "${folder.name}"; proof names its folder, so keys must differ (folderKeys makes them so)`);
      const cached = new Map(Object.entries(cache[folder.name] ?? {}).map(([path, r]) => [path, { ...r, folder: folder.name, path, includes: r.includes ?? [] }]));
      this.folders.set(folder.name, { folder, files: new Map(), dirs: new Map(), cached, includers: new Set() });
    }
  }

  /** Files looked at and read by the last scan or update. */
  get stats(): ScanProgress {
    return { ...this.progress };
  }

  /** Scans every folder from scratch (reusing cached findings of unchanged files). Rejects with the signal's reason when aborted. */
  async scan(options: ScanOptions = {}): Promise<SkillEvidence[]> {
    this.progress = { filesSeen: 0, filesRead: 0 };
    for (const state of this.folders.values()) {
      for (const path of state.files.keys()) this.setRecord(state, path, undefined);
      state.dirs.clear();
      await this.walk(state, options);
      this.followIncludes(state);
      state.cached = new Map(state.files);
    }
    options.onProgress?.(this.stats);
    return this.results();
  }

  /**
   * A file or folder was saved, created or changed: re-reads only it (a folder: its tree). An ignore or attributes
   * file rescans its folder's tree. Returns the skills whose evidence may have changed.
   */
  update(folderName: string, relPath: string): string[] {
    const state = this.state(folderName);
    const target = metaFileNames.has(baseName(relPath)) ? parentOf(relPath) : relPath;
    const changed = new Set<string>();
    const collect = () => {
      for (const path of this.pathsUnder(state, target)) state.files.get(path)?.findings.forEach((f) => changed.add(f.skill));
    };
    collect();
    this.forget(state, target);
    this.progress = { filesSeen: 0, filesRead: 0 };
    this.reach(state, target);
    this.followIncludes(state);
    collect();
    return [...changed].sort();
  }

  /** A file or folder was deleted: its evidence goes. Returns the skills whose evidence changed. */
  remove(folderName: string, relPath: string): string[] {
    const state = this.state(folderName);
    const changed = new Set<string>();
    for (const path of this.pathsUnder(state, relPath)) state.files.get(path)?.findings.forEach((f) => changed.add(f.skill));
    this.forget(state, relPath);
    return [...changed].sort();
  }

  /** Every skill with findings, most confident first, each with its strongest `maxItems` proof items. */
  results(maxItems = maxItemsPerSkill): SkillEvidence[] {
    return [...this.bySkill.keys()].flatMap((skillId) => this.skillEvidence(skillId, maxItems) ?? []).sort(bySummary);
  }

  /** One skill's confidence and counts, in O(its signals): what to refresh after `update`. */
  skillSummary(skillId: string): SkillSummary | undefined {
    return this.bySkill.get(skillId)?.tally.summary();
  }

  /** One skill's summary with its strongest `maxItems` proof items. */
  skillEvidence(skillId: string, maxItems = maxItemsPerSkill): SkillEvidence | undefined {
    const entry = this.bySkill.get(skillId);
    if (!entry) return undefined;
    return { ...entry.tally.summary(), items: topItems(entry.files, skillId, this.rules, maxItems, entry.tally.strongest()) };
  }

  serializeCache(): SerializedEvidenceCache {
    const folders: SerializedEvidenceCache['folders'] = {};
    for (const [name, state] of this.folders) {
      folders[name] = Object.fromEntries([...state.files].map(([path, r]) => [path, { size: r.size, mtimeMs: r.mtimeMs, findings: r.findings, ...(r.includes.length > 0 ? { includes: r.includes } : {}) }]));
    }
    return { version: 1, rules: this.rulesFingerprint, folders };
  }

  private state(folderName: string): FolderState {
    const state = this.folders.get(folderName);
    if (!state) throw new Error(`no workspace folder named "${folderName}" is being scanned`);
    return state;
  }

  /** Sets or drops a file's record and keeps the per-skill index and tallies in step. */
  private setRecord(state: FolderState, path: string, record: FileRecord | undefined): void {
    const previous = state.files.get(path);
    if (previous === record) return;
    for (const skill of previous ? skillsOf(previous.findings) : []) {
      const entry = this.bySkill.get(skill);
      if (!entry || !previous) continue;
      entry.tally.count(previous.findings, -1);
      entry.files.delete(previous);
      if (entry.tally.empty) this.bySkill.delete(skill);
    }
    if (record) state.files.set(path, record);
    else state.files.delete(path);
    if (record && record.includes.length > 0) state.includers.add(path);
    else state.includers.delete(path);
    for (const skill of record ? skillsOf(record.findings) : []) {
      if (!record || !this.rules.evidenceApplies(skill)) continue;
      let entry = this.bySkill.get(skill);
      if (!entry) {
        entry = { tally: new SkillTally(skill, this.rules), files: new Set() };
        this.bySkill.set(skill, entry);
      }
      entry.tally.count(record.findings, 1);
      entry.files.add(record);
    }
  }

  /** Drops the records of a path and of everything under it, and the walked folders under it. */
  private forget(state: FolderState, relPath: string): void {
    for (const path of this.pathsUnder(state, relPath)) this.setRecord(state, path, undefined);
    if (state.dirs.has(relPath)) for (const dir of [...state.dirs.keys()]) if (isUnder(dir, relPath)) state.dirs.delete(dir);
  }

  /** The recorded files at or under a path: a walked folder's are searched for, a file's is looked up. */
  private pathsUnder(state: FolderState, relPath: string): string[] {
    if (!state.dirs.has(relPath)) return state.files.has(relPath) ? [relPath] : [];
    return [...state.files.keys()].filter((path) => isUnder(path, relPath));
  }

  private excludedPath(relPath: string): boolean {
    return this.excluded.some((matches) => matches(relPath));
  }

  /**
   * Brings a path up to date after `forget`: from the deepest walked folder above it, checks the first folder on the
   * way down against the skip rules and walks it, or visits the file itself.
   */
  private reach(state: FolderState, relPath: string): void {
    const parts = relPath === '' ? [] : relPath.split('/');
    let depth = parts.length - 1;
    while (depth > 0 && !state.dirs.has(parts.slice(0, depth).join('/'))) depth--;
    const stacks = state.dirs.get(parts.slice(0, Math.max(depth, 0)).join('/'));
    if (!stacks || parts.length === 0) {
      this.walkSync(state, '', IgnoreStack.empty, AttributeStack.empty);
      return;
    }
    const next = parts.slice(0, depth + 1).join('/');
    const stat = this.fs.stat(joinPath(state.folder.root, next));
    if (stat?.type === 'directory') {
      const names = this.readDirectory(state, next)?.map((e) => e.name) ?? [];
      if (!this.skipsFolder(next, stacks.ignore, names)) this.walkSync(state, next, stacks.ignore, stacks.attributes);
    } else if (stat?.type === 'file' && next === relPath) {
      this.visitFile(state, relPath, stacks.ignore, stacks.attributes, true);
    }
  }

  private readDirectory(state: FolderState, relDir: string): EvidenceFsEntry[] | undefined {
    try {
      return this.fs.readDirectory(joinPath(state.folder.root, relDir));
    } catch {
      return undefined; // unreadable (permissions, deleted meanwhile): not evidence
    }
  }

  private skipsFolder(relDir: string, ignore: IgnoreStack, entryNames: readonly string[]): boolean {
    return alwaysSkippedFolder(baseName(relDir), entryNames) || this.excludedPath(relDir) || ignore.ignores(relDir, true);
  }

  private walkSync(state: FolderState, relDir: string, ignore: IgnoreStack, attributes: AttributeStack): void {
    const pending = [{ relDir, ignore, attributes }];
    for (let next = pending.pop(); next; next = pending.pop()) pending.push(...this.walkDirectory(state, next).reverse());
  }

  private async walk(state: FolderState, options: ScanOptions): Promise<void> {
    const pending: PendingFolder[] = [{ relDir: '', ignore: IgnoreStack.empty, attributes: AttributeStack.empty }];
    const every = this.analyzers.length > 0 ? yieldEveryMsWithAnalyzers : yieldEveryMs;
    const jobs: FileJob[] = [];
    const answers: Promise<void>[] = [];
    const examineHere = (batch: readonly FileJob[]) => {
      for (const job of batch) this.applyOutcome(state, job, examineFile(this.fs, this.rules, state.folder.root, job, this.maxFileBytes));
    };
    if (this.analyzers.length > 0) this.jobs = jobs;
    try {
      let lastYield = Date.now();
      let lastProgress = Number.NEGATIVE_INFINITY;
      for (let next = pending.pop(); next || jobs.length > 0; next = pending.pop()) {
        options.signal?.throwIfAborted();
        if (Date.now() - lastYield > every) {
          // Progress at the usual pace, however often the walk yields: each report is a message the host handles.
          if (lastYield - lastProgress > yieldEveryMs) {
            options.onProgress?.(this.stats);
            lastProgress = lastYield;
          }
          await this.yieldToEventLoop();
          options.signal?.throwIfAborted();
          lastYield = Date.now();
        }
        // Subfolders go on the stack last first, so the walk takes them in listing order (often name order): files
        // then arrive roughly in path order, and the proof lists, which prefer earlier paths, pass over most files.
        if (next) pending.push(...this.walkDirectory(state, next).reverse());
        // Full batches go to an analyzer with room in its queue; this thread examines the rest itself.
        while (jobs.length >= analyzerBatch || (!next && jobs.length > 0)) {
          const batch = jobs.splice(0, analyzerBatch);
          const analyzer = next ? this.analyzers.find((a) => a.busy < analyzerQueue) : undefined;
          if (!analyzer) {
            examineHere(batch);
            if (next) break;
            continue;
          }
          answers.push(
            analyzer.examine(state.folder.root, batch, this.maxFileBytes).then(
              (outcomes) => batch.forEach((job, i) => this.applyOutcome(state, job, outcomes[i] ?? { kind: 'skipped' })),
              // An analyzer that failed (its thread died) leaves its batch to this thread: the scan still completes.
              () => examineHere(batch),
            ),
          );
        }
      }
      await Promise.all(answers);
    } finally {
      this.jobs = undefined;
    }
  }

  /** Takes in what examining a file found (here or on an analyzer). */
  private applyOutcome(state: FolderState, job: FileJob, outcome: FileOutcome): void {
    if (outcome.kind === 'unchanged') {
      const cached = state.cached.get(job.rel);
      if (cached) this.setRecord(state, job.rel, cached);
      return;
    }
    if (outcome.kind === 'skipped') return;
    this.progress.filesRead++;
    const { record } = outcome;
    if (record) this.setRecord(state, job.rel, { folder: state.folder.name, path: job.rel, size: record.size, mtimeMs: record.mtimeMs, findings: record.findings, includes: record.includes });
  }

  /** Reads one folder: its ignore files, its files; returns its subfolders to walk. */
  private walkDirectory(state: FolderState, { relDir, ignore: parentIgnore, attributes: parentAttributes }: PendingFolder): PendingFolder[] {
    const entries = this.readDirectory(state, relDir);
    if (!entries) return [];
    const names = entries.map((e) => e.name);
    if (relDir !== '' && alwaysSkippedFolder(baseName(relDir), names)) return [];
    const at = (name: string) => joinPath(state.folder.root, relDir === '' ? name : `${relDir}/${name}`);
    const ignore = parentIgnore.withFolder(relDir, ignoreFileNames.filter((n) => names.includes(n)).map((n) => this.readText(at(n)) ?? ''));
    const attributes = parentAttributes.withFolder(relDir, names.includes('.gitattributes') ? this.readText(at('.gitattributes')) : undefined);
    state.dirs.set(relDir, { ignore, attributes });
    const subfolders: PendingFolder[] = [];
    for (const entry of entries) {
      const rel = relDir === '' ? entry.name : `${relDir}/${entry.name}`;
      if (entry.type === 'directory') {
        if (!this.skipsFolder(rel, ignore, [])) subfolders.push({ relDir: rel, ignore, attributes });
      } else if (entry.type === 'file') {
        this.visitFile(state, rel, ignore, attributes, false);
      }
    }
    return subfolders;
  }

  private readText(path: string): string | undefined {
    try {
      return decoder.decode(this.fs.readFile(path));
    } catch {
      return undefined;
    }
  }

  /** Looks at one file; reads it only when a rule can use it, nothing skips it and the cache has no findings for it. */
  private visitFile(state: FolderState, rel: string, ignore: IgnoreStack, attributes: AttributeStack, fresh: boolean, forcedRole?: FileRole): void {
    this.progress.filesSeen++;
    const role = forcedRole ?? fileRole(rel, this.rules);
    if (!role || skippedFileName(baseName(rel)) || this.excludedPath(rel) || ignore.ignores(rel, false) || attributes.marksNotOwnCode(rel)) return;
    const cached = fresh ? undefined : state.cached.get(rel);
    const job: FileJob = cached ? { rel, cached: { size: cached.size, mtimeMs: cached.mtimeMs } } : { rel };
    // An analyzer works out the role from the path again; a forced role is examined here.
    if (this.jobs && !forcedRole) this.jobs.push(job);
    else this.applyOutcome(state, job, examineFile(this.fs, this.rules, state.folder.root, job, this.maxFileBytes, role));
  }

  /** Requirements files named by `-r` in another requirements file are read as requirements, whatever their name. */
  private followIncludes(state: FolderState): void {
    const pending = [...state.includers].flatMap((path) => state.files.get(path)?.includes ?? []);
    const done = new Set<string>();
    for (let rel = pending.pop(); rel !== undefined; rel = pending.pop()) {
      if (done.has(rel)) continue;
      done.add(rel);
      const existing = state.files.get(rel);
      if (existing?.findings.some((f) => f.kind === 'dependency') || fileRole(rel, this.rules)?.manifest === 'requirements') continue;
      const stacks = state.dirs.get(parentOf(rel));
      if (!stacks) continue; // in a skipped folder
      this.visitFile(state, rel, stacks.ignore, stacks.attributes, false, { python: false, notebook: false, manifest: 'requirements', filePatterns: [], fileKind: false });
      pending.push(...(state.files.get(rel)?.includes ?? []));
    }
  }
}
