import { GCProfiler } from 'node:v8';

/**
 * The time of one run of `run(input)`, in ms of the main thread's time without garbage collection: its wall time less
 * the collector's pauses, or this process's CPU time when lower (wall time also counts waiting while other processes
 * on a shared machine run; CPU time also counts the collector, on this thread and its helpers). Garbage collection
 * grows faster than the work from 40,000 to 160,000 characters for parsers that build a token per character, whose
 * tokens outgrow the young generation (markdown-it on 10,000 list items: 14 ms → 134 ms of CPU time for 4× the items,
 * 12 ms → 52 ms without collection), hence collection left out where it can be.
 */
export function runTime<T>(run: (input: T) => unknown, input: T): number {
  const gc = new GCProfiler();
  gc.start();
  const wallStart = performance.now();
  const start = process.cpuUsage();
  run(input);
  const used = process.cpuUsage(start);
  const wall = performance.now() - wallStart;
  const pausedMs = gc.stop().statistics.reduce((sum, collection) => sum + collection.cost, 0) / 1000;
  // Pauses count wall time: subtracted from CPU time, a pause spent waiting for the processor would make it negative.
  return Math.max(0, Math.min((used.user + used.system) / 1000, wall - pausedMs));
}

/**
 * The fastest of up to 7 runs (`runTime`); anything else running only ever adds time, hence the minimum. Runs stop once
 * 3 of them took 100 ms together (runs that long vary little, and 7 runs of the slowest parsers would take much of the
 * unit tests' time), or once one takes `enough` ms or less, when only whether the time is above that matters. The
 * first run warms the code up: being slower, it never counts.
 */
export function cpuTime<T>(run: (input: T) => unknown, input: T, enough = 0): number {
  let best = Infinity;
  let spent = 0;
  for (let i = 0; i < 7 && best > enough && (i < 3 || spent < 100); i++) {
    const ms = runTime(run, input);
    spent += ms;
    best = Math.min(best, ms);
  }
  return best;
}

/** The fastest of up to 7 runs on each input, in turns so that both meet the same load (as `cpuTime`, without its bar). */
function alternating<T>(run: (input: T) => unknown, small: T, large: T): [number, number] {
  let times: [number, number] = [Infinity, Infinity];
  let spent = 0;
  for (let i = 0; i < 7 && (i < 3 || spent < 100); i++) {
    const [smallMs, largeMs] = [runTime(run, small), runTime(run, large)];
    spent += smallMs + largeMs;
    times = [Math.min(times[0], smallMs), Math.min(times[1], largeMs)];
  }
  return times;
}

/**
 * The parsers whose time for 4× the input grows more than 8× (linear is 4×, quadratic 16×), each as
 * "name: small ms → large ms". `prepare` gets both inputs before any timing (work the parsers' wrappers cache).
 */
export function superLinear<T>(parsers: ReadonlyArray<readonly [string, (input: T) => unknown, ...unknown[]]>, make: (n: number) => T, n = 40_000, prepare: (inputs: [T, T]) => void = () => undefined): string[] {
  const small = make(n);
  const large = make(4 * n);
  prepare([small, large]);
  // Under 5 ms for the large input the ratio is timer noise. Under 1 ms for the small one, fixed costs such as fresh
  // pages for large strings weigh on the large input alone: notePath went 0.4 → 5.2 ms for 4× the input in one run
  // (13×, in three measurements), though 0.42 / 2.09 / 8.48 ms for 40,000 / 160,000 / 640,000 characters is linear.
  const slow = ([before, after]: [number, number]): boolean => after > 5 && after / Math.max(before, 1) > 8;
  return parsers.flatMap(([parser, parse]) => {
    const smallMs = cpuTime(parse, small);
    // The fastest run is under the bar as soon as one run is: the remaining runs could not change the verdict.
    let times: [number, number] = [smallMs, cpuTime(parse, large, Math.max(5, 8 * Math.max(smallMs, 1)))];
    // Load on a shared machine comes and goes and can slow every run of one input (one linear parser in about ten full
    // unit runs here, measured twice): a parser is slow only when two more measurements, alternating between the
    // inputs, agree.
    for (let confirmations = 0; confirmations < 2 && slow(times); confirmations++) times = alternating(parse, small, large);
    return slow(times) ? [`${parser}: ${times[0].toFixed(1)} ms → ${times[1].toFixed(1)} ms`] : [];
  });
}
