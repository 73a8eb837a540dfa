import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { anyFailed, judge, markdownTable, summarize, tableRows, textTable, type Figure } from '../../scripts/bench/report.mjs';
import { assertProperty } from './helpers/property';

const samples = fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 30 });
const figure = (over: Partial<Figure>): Figure => ({ name: 'Activation', unit: 'ms', ours: [10], floorName: 'hello', floor: [10], target: { kind: 'ratio', max: 1.25 }, ...over });

describe('bench report: statistics', () => {
  it('min ≤ median ≤ max, all taken from the samples, whatever their order', () => {
    assertProperty(
      fc.property(samples.chain((xs) => fc.tuple(fc.constant(xs), fc.shuffledSubarray(xs, { minLength: xs.length }))), ([xs, shuffled]) => {
        const s = summarize(xs);
        assert.equal(s.n, xs.length);
        assert.equal(s.min, Math.min(...xs));
        assert.equal(s.max, Math.max(...xs));
        assert.ok(s.min <= s.median && s.median <= s.max);
        assert.deepEqual(summarize(shuffled), s);
      }),
    );
  });

  it('the median of an odd count is the middle sample; of an even count the mean of the middle two', () => {
    assert.equal(summarize([5, 1, 9]).median, 5);
    assert.equal(summarize([4, 1, 9, 2]).median, 3);
    assertProperty(
      fc.property(samples, (xs) => {
        const below = xs.filter((x) => x < summarize(xs).median).length;
        const above = xs.filter((x) => x > summarize(xs).median).length;
        assert.ok(below <= xs.length / 2 && above <= xs.length / 2, `${below} below and ${above} above of ${xs.length}`);
      }),
    );
  });

  it('refuses no samples and non-finite samples, naming the figure', () => {
    assert.throws(() => summarize([], 'Idle CPU (ours)'), /Idle CPU \(ours\): no samples/);
    assert.throws(() => summarize([1, Number.NaN], 'Heap'), /Heap: NaN is not a finite number/);
    assert.throws(() => judge(figure({ floor: [] })), /Activation \(hello\): no samples/);
  });
});

describe('bench report: targets', () => {
  it('a ratio target passes exactly when median(ours) / median(floor) is at most its maximum', () => {
    assertProperty(
      fc.property(samples, samples.map((xs) => xs.map((x) => x + 1)), fc.double({ min: 0.1, max: 5, noNaN: true }), (ours, floor, max) => {
        const j = judge(figure({ ours, floor, target: { kind: 'ratio', max } }));
        assert.equal(j.ratio, summarize(ours).median / summarize(floor).median);
        assert.equal(j.pass, j.ratio! <= max);
      }),
    );
    assert.equal(judge(figure({ ours: [40], floor: [18] })).pass, false);
    assert.equal(judge(figure({ ours: [22], floor: [18] })).pass, true);
  });

  it('a ratio against a floor whose median is 0 is an error, not a pass', () => {
    assert.throws(() => judge(figure({ ours: [3], floor: [0, 0, 1] })), /floor's median is 0/);
  });

  it('a size budget judges our median alone', () => {
    const budget = { name: 'Main bundle', unit: 'KiB', ours: [150], target: { kind: 'atMost', max: 150 } } as const;
    assert.equal(judge({ ...budget, ours: [150] }).pass, true);
    assert.equal(judge({ ...budget, ours: [150.1] }).pass, false);
  });

  it('"indistinguishable" allows the floor\'s own spread, or the resolution when the floor never varied', () => {
    const idle = (ours: number[], floor: number[]) => judge(figure({ unit: 'ms', ours, floor, target: { kind: 'withinFloorSpread', resolution: 10 } })).pass;
    assert.equal(idle([130, 140, 150], [100, 120, 160]), true); // 140 − 120 = 20 ≤ spread 60
    assert.equal(idle([190, 200, 210], [100, 120, 160]), false); // 80 > 60
    assert.equal(idle([110, 110, 110], [100, 100, 100]), true); // spread 0: one clock tick allowed
    assert.equal(idle([120, 120, 120], [100, 100, 100]), false);
    assert.equal(idle([10, 10, 10], [100, 120, 160]), true); // cheaper than the floor is fine
    assert.throws(() => judge({ name: 'Idle', unit: 'ms', ours: [1], target: { kind: 'withinFloorSpread', resolution: 10 } }), /Idle: the target "withinFloorSpread" needs a floor/);
  });

  it('a reported-only figure neither passes nor fails', () => {
    const figures = [figure({ target: { kind: 'none' }, ours: [99] })];
    assert.equal(judge(figures[0]!).pass, undefined);
    assert.equal(anyFailed(figures), false);
    assert.equal(anyFailed([...figures, figure({ ours: [99] })]), true);
  });
});

describe('bench report: table', () => {
  const figures: Figure[] = [
    figure({ ours: [40, 38, 45, 41, 39], floor: [18, 20, 17, 19, 18] }),
    { name: 'Main bundle', unit: 'KiB', ours: [120.26], target: { kind: 'atMost', max: 150 } },
    figure({ name: 'Heap | after activation', unit: 'MiB', ours: [50.25], floor: [49.5], target: { kind: 'none' } }),
  ];

  it('has a header and one row per figure, with min / median / max of both sides, the ratio, target and result', () => {
    const rows = tableRows(figures);
    assert.equal(rows.length, 1 + figures.length);
    assert.deepEqual(rows[1], ['Activation (ms, n=5)', '38 / 40 / 45', 'hello', '17 / 18 / 20', '2.22×', '≤ 1.25×', 'FAIL']);
    assert.deepEqual(rows[2], ['Main bundle (KiB, n=1)', '120.3 / 120.3 / 120.3', '—', '—', '—', '≤ 150.0 KiB', 'pass']);
    assert.equal(rows[3]![6], 'info');
  });

  it('renders as Markdown with escaped pipes, and as padded text with aligned columns', () => {
    const md = markdownTable(figures).split('\n');
    assert.equal(md.length, 2 + figures.length);
    assert.match(md[1]!, /^\| --- \| --- \|/);
    assert.match(md[4]!, /^\| Heap \\\| after activation/);
    const text = textTable(figures).split('\n');
    const column = text[0]!.indexOf('Ours');
    assert.ok(column > 0);
    for (const line of text.slice(1)) assert.match(line.slice(column), /^\d/);
  });
});
