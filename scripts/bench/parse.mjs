// Readers of the two texts the bench takes its figures from. Pure, so the unit tests import them directly.

/**
 * The "Extension Activation Stats" table of VS Code's "Developer: Startup Performance" document: per extension id,
 * the milliseconds the extension host measured for loading its code, calling `activate()` and waiting for the
 * promise `activate()` returned. "Developer: Show Running Extensions" shows codeLoading + activateCall.
 * @param {string} text the document
 * @returns {Map<string, { codeLoading: number, activateCall: number, activateResolved: number, event: string }>}
 */
export function activationStats(text) {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.trim() === '## Extension Activation Stats');
  if (start < 0) throw new Error('the Startup Performance document has no "## Extension Activation Stats" section');
  const cells = (line) => line.trim().slice(1, -1).split('|').map((c) => c.trim());
  const header = cells(lines[start + 2] ?? '');
  const column = (name) => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`the Extension Activation Stats table has no "${name}" column (columns: ${header.join(', ')})`);
    return i;
  };
  const [id, load, call, resolved, event] = ['Extension', 'Load Code', 'Call Activate', 'Finish Activate', 'Event'].map(column);
  const stats = new Map();
  for (const line of lines.slice(start + 4)) {
    if (!line.trim().startsWith('|')) break;
    const row = cells(line);
    const number = (i) => {
      const value = Number(row[i]);
      if (row[i] === '' || !Number.isFinite(value)) throw new Error(`activation stats of ${row[id]}: "${row[i]}" is not a number in: ${line.trim()}`);
      return value;
    };
    stats.set(row[id], { codeLoading: number(load), activateCall: number(call), activateResolved: number(resolved), event: row[event] });
  }
  return stats;
}

/**
 * The milliseconds a row of "Developer: Show Running Extensions" shows ("Startup Activation: 12ms" for `*` and
 * workspace events, "Activation: 12ms" otherwise), or undefined while it says "Activating...".
 */
export function shownActivationMs(text) {
  const ms = /^(?:Startup )?Activation: (\d+)ms$/.exec(text.trim())?.[1];
  return ms === undefined ? undefined : Number(ms);
}

/**
 * CPU time a process has used, user plus system, in clock ticks, from the text of /proc/<pid>/stat (every thread
 * of the process counts: the extension host's workers too). Fields are read after the command name, which is in
 * parentheses and may itself hold spaces and parentheses.
 */
export function cpuTicks(stat) {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).trim().split(/\s+/);
  // fields[0] is field 3 (state) of proc(5); utime and stime are fields 14 and 15.
  const [utime, stime] = [Number(fields[11]), Number(fields[12])];
  if (!Number.isInteger(utime) || !Number.isInteger(stime)) throw new Error(`not a /proc/<pid>/stat line: ${stat.slice(0, 200)}`);
  return utime + stime;
}

/**
 * Per extension id, how long `require` of its main file took, from the extension host's own performance marks
 * (`code/extHost/willLoadExtensionCode/<id>` and `didLoadExtensionCode/<id>`, `{ name, startTime }` in ms). "Load
 * Code" also counts what ran between its start and the require: other extensions' code loaded in the same turn.
 */
export function requireTimes(marks) {
  const starts = new Map();
  const times = new Map();
  for (const { name, startTime } of marks) {
    const [, phase, id] = /^code\/extHost\/(will|did)LoadExtensionCode\/(.+)$/.exec(name) ?? [];
    if (phase === 'will') starts.set(id, startTime);
    else if (phase === 'did' && starts.has(id)) times.set(id, startTime - starts.get(id));
  }
  return times;
}

/**
 * When ML Career Companion's last full evidence scan started and ended, from its log ("ML Career" output channel, one
 * line each as `YYYY-MM-DD HH:MM:SS.mmm [info] evidence: full scan …`, in local time), as epoch ms; undefined until a
 * started scan has ended.
 * @returns {{ started: number, done: number } | undefined}
 */
export function scanWindow(log) {
  let started;
  let window;
  for (const line of log.split('\n')) {
    const [, date, time, message] = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d\.\d{3}) \[info\] evidence: full scan (.*)$/.exec(line.trimEnd()) ?? [];
    if (!message) continue;
    const at = new Date(`${date}T${time}`).getTime();
    if (message.endsWith(' started')) started = at;
    else if (message.startsWith('done') && started !== undefined) window = { started, done: at };
  }
  return window;
}

/**
 * The largest lateness of the probe's 10 ms timer (samples `[epoch ms, lateness ms]`, each taken when the timer
 * fired) from `from` to `to`: a stall shows in the first sample after it, so `to` should leave it time to end.
 */
export function maxLatenessMs(samples, from, to) {
  return samples.reduce((max, [at, late]) => (at >= from && at <= to ? Math.max(max, late) : max), 0);
}
