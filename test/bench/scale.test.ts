// The scale measurement of the benchmark (bench/scale.ts), run small: the worker protocol works end to end,
// and the medians and ratios are what they claim to be. The real measurement runs in `npm run bench`.
import { describe, expect, it } from "vitest";
import { compare, measureScale, median, type WindowSample } from "../../bench/scale.js";

const sample = (ops: number, cpuMs: number, wallMs = cpuMs, gcMs = 0): WindowSample => ({ ops, cpuMs, wallMs, gcMs });

describe("the benchmark's scale measurement", () => {
  it("takes the middle value, or the mean of the two middle ones", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow();
  });

  it("compares the median CPU cost per operation of the two sides and pairs the windows by round", () => {
    const options = { smallStored: 1_000, largeStored: 1_000_000, windowMs: 1_000, windows: 3 };
    // 1,000 ns per op on the small side; the large side's median window costs 1,100 ns per op.
    const small = [sample(1_000_000, 1_000), sample(1_000_000, 1_000, 2_000), sample(500_000, 500)];
    const large = [sample(1_000_000, 1_100), sample(1_000_000, 5_000), sample(1_000_000, 900)];
    const result = compare("create", options, small, large);
    expect(result.small.cpuNsPerOp).toBe(1_000);
    expect(result.large.cpuNsPerOp).toBe(1_100);
    expect(result.ratio).toBeCloseTo(1.1);
    expect(result.roundRatios.map((r) => Number(r.toFixed(2)))).toEqual([1.1, 5, 0.9]);
    expect(result.small.opsPerSec).toBe(1_000_000);
  });

  it("runs both sides in worker processes, window by window, and reports every window", async () => {
    const result = await measureScale("lifecycle", { smallStored: 100, largeStored: 2_000, windowMs: 50, windows: 2 });
    for (const side of [result.small, result.large]) {
      expect(side.samples).toHaveLength(2);
      for (const s of side.samples) {
        expect(s.ops).toBeGreaterThan(0);
        expect(s.wallMs).toBeGreaterThanOrEqual(50);
        expect(s.cpuMs).toBeGreaterThan(0);
      }
    }
    expect(result.ratio).toBeGreaterThan(0);
  });
});
