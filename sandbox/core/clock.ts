/**
 * The sandbox's one settable clock. Everything the ledger records is dated by an injected clock; this is the
 * one that tests, fixtures and the control API set, advance, freeze and pin. The wall clock is injected too
 * (the HTTP layer passes Date.now), so the core never reads ambient time.
 */
import type { Clock } from "./types.js";

/** A clock that can be set, advanced, frozen and pinned. */
export interface SettableClock extends Clock {
  /** Sets the time; with `frozen` (default: as it is now) the clock then stands still, else it runs on from there. */
  set(ms: number, frozen?: boolean): void;
  /** Moves the clock (forward with a positive value). */
  advance(ms: number): void;
  /** True while the clock stands still (a pin does not count). */
  readonly frozen: boolean;
  /**
   * Pins the clock at `ms` (default: its time now) until `unpin`: every read meanwhile answers that instant,
   * moved only by `set` and `advance`. The HTTP entry pins it for each request and a replay at the request's
   * logged time, so both read the same time (docs/decisions/005-persistence.md). Returns the instant.
   */
  pin(ms?: number): number;
  /** Lets the clock follow its own course again. */
  unpin(): void;
}

/** How a settable clock starts: frozen at an instant, or running with the given wall clock. */
export interface SettableClockOptions {
  /** Stand still at this instant (epoch ms) until set otherwise. */
  frozenAt?: number;
  /** The wall clock a running clock follows, plus an offset; needed unless the clock starts frozen. */
  wallClock?: () => number;
}

/** The settable clock. */
export function createSettableClock(options: SettableClockOptions): SettableClock {
  const wall = options.wallClock;
  if (options.frozenAt === undefined && wall === undefined) throw new RangeError("a clock that is not frozen needs a wall clock to follow");
  if (options.frozenAt !== undefined) assertTime(options.frozenAt);
  let frozen = options.frozenAt !== undefined;
  let frozenMs = options.frozenAt ?? 0;
  let offset = 0;
  let pinnedMs: number | undefined;
  const running = (): number => {
    if (wall === undefined) throw new RangeError("this clock has no wall clock to run with; set it frozen");
    return wall() + offset;
  };
  const own = () => (frozen ? frozenMs : running());
  return {
    now: () => pinnedMs ?? own(),
    set(ms, stayFrozen = frozen) {
      assertTime(ms);
      if (!stayFrozen && wall === undefined) throw new RangeError("this clock has no wall clock to run with; set it frozen");
      frozen = stayFrozen;
      if (frozen) frozenMs = ms;
      else offset = ms - wall!();
      if (pinnedMs !== undefined) pinnedMs = ms;
    },
    advance(ms) {
      assertTime(own() + ms);
      if (frozen) frozenMs += ms;
      else offset += ms;
      if (pinnedMs !== undefined) pinnedMs += ms;
    },
    get frozen() {
      return frozen;
    },
    pin(ms = own()) {
      pinnedMs = ms;
      return ms;
    },
    unpin() {
      pinnedMs = undefined;
    },
  };
}

/** A settable clock standing still at `startMs` (tests and fixtures): the same clock, frozen. */
export type ManualClock = SettableClock;

/** A clock that stands still at `startMs` until it is set or advanced. */
export function createManualClock(startMs: number): ManualClock {
  return createSettableClock({ frozenAt: startMs });
}

/** A clock that always answers the same moment. */
export function createFixedClock(startMs: number): Clock {
  assertTime(startMs);
  return { now: () => startMs };
}

function assertTime(ms: number): void {
  if (!Number.isSafeInteger(ms)) throw new RangeError(`clock time must be an integer epoch ms, got ${ms}`);
}
