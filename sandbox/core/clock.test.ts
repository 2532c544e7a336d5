import { describe, expect, it } from "vitest";
import { createFixedClock, createManualClock, createSettableClock } from "./clock.js";

/** A wall clock the test moves by hand. */
function fakeWall(startMs: number) {
  let ms = startMs;
  return { read: () => ms, move: (by: number) => (ms += by) };
}

describe("createSettableClock", () => {
  it("refuses to start neither frozen nor with a wall clock to follow", () => {
    expect(() => createSettableClock({})).toThrow("a clock that is not frozen needs a wall clock to follow");
  });

  it.each([1.5, Number.NaN, 2 ** 53])("refuses a frozen start of %s", (at) => {
    expect(() => createSettableClock({ frozenAt: at })).toThrow(RangeError);
  });

  it("a running clock follows its wall clock", () => {
    const wall = fakeWall(1_000);
    const clock = createSettableClock({ wallClock: wall.read });
    expect(clock.frozen).toBe(false);
    expect(clock.now()).toBe(1_000);
    wall.move(250);
    expect(clock.now()).toBe(1_250);
  });

  it("a frozen clock stands still while its wall clock moves", () => {
    const wall = fakeWall(1_000);
    const clock = createSettableClock({ frozenAt: 5_000, wallClock: wall.read });
    expect(clock.frozen).toBe(true);
    wall.move(999);
    expect(clock.now()).toBe(5_000);
  });

  it("set keeps the clock frozen or running as it was, unless told", () => {
    const wall = fakeWall(1_000);
    const running = createSettableClock({ wallClock: wall.read });
    running.set(10_000);
    expect(running.frozen).toBe(false);
    expect(running.now()).toBe(10_000);
    wall.move(5);
    expect(running.now()).toBe(10_005);
    running.set(20_000, true);
    expect(running.frozen).toBe(true);
    wall.move(5);
    expect(running.now()).toBe(20_000);
    running.set(30_000, false);
    expect(running.frozen).toBe(false);
    wall.move(7);
    expect(running.now()).toBe(30_007);
  });

  it("a clock without a wall clock cannot be set running, and stays as it was", () => {
    const clock = createManualClock(5_000);
    expect(() => clock.set(6_000, false)).toThrow("this clock has no wall clock to run with; set it frozen");
    expect(clock.frozen).toBe(true);
    expect(clock.now()).toBe(5_000);
  });

  it.each([0.5, Number.POSITIVE_INFINITY])("refuses to be set to %s and keeps its time", (ms) => {
    const clock = createManualClock(5_000);
    expect(() => clock.set(ms)).toThrow("clock time must be an integer epoch ms");
    expect(clock.now()).toBe(5_000);
  });

  it("advance moves a frozen or a running clock by the amount, either way", () => {
    const frozen = createManualClock(5_000);
    frozen.advance(300);
    expect(frozen.now()).toBe(5_300);
    frozen.advance(-1_000);
    expect(frozen.now()).toBe(4_300);
    const wall = fakeWall(1_000);
    const running = createSettableClock({ wallClock: wall.read });
    running.advance(500);
    expect(running.now()).toBe(1_500);
    wall.move(10);
    expect(running.now()).toBe(1_510);
  });

  it("refuses an advance past the safe integers and keeps its time", () => {
    const clock = createManualClock(Number.MAX_SAFE_INTEGER - 10);
    expect(() => clock.advance(11)).toThrow(RangeError);
    expect(clock.now()).toBe(Number.MAX_SAFE_INTEGER - 10);
    clock.advance(10);
    expect(clock.now()).toBe(Number.MAX_SAFE_INTEGER);
  });

  it("a pin holds the time of the moment it was placed while the wall clock moves, until unpinned", () => {
    const wall = fakeWall(1_000);
    const clock = createSettableClock({ wallClock: wall.read });
    expect(clock.pin()).toBe(1_000);
    wall.move(400);
    expect(clock.now()).toBe(1_000);
    expect(clock.frozen).toBe(false);
    clock.unpin();
    expect(clock.now()).toBe(1_400);
  });

  it("a pin at a given instant answers it; set and advance move the pin too", () => {
    const clock = createManualClock(5_000);
    expect(clock.pin(7_000)).toBe(7_000);
    expect(clock.now()).toBe(7_000);
    clock.advance(100);
    expect(clock.now()).toBe(7_100);
    clock.set(9_000);
    expect(clock.now()).toBe(9_000);
    clock.unpin();
    // Unpinned, the clock's own time shows: set to 9,000 (the advance before it was overwritten).
    expect(clock.now()).toBe(9_000);
  });

  it("advance without a pin does not place one", () => {
    const clock = createManualClock(5_000);
    clock.advance(10);
    clock.set(6_000);
    clock.advance(1);
    expect(clock.now()).toBe(6_001);
    clock.pin();
    clock.unpin();
    clock.advance(1);
    expect(clock.now()).toBe(6_002);
  });
});

describe("createFixedClock", () => {
  it("refuses a start that is not an integer epoch ms", () => {
    expect(() => createFixedClock(1.5)).toThrow("clock time must be an integer epoch ms, got 1.5");
  });
});
