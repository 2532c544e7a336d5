/**
 * The sandbox's state holder: the ledger the requests act on, how it was seeded, and how to reset,
 * export and import it. Browser-safe (no node:*), so the MSW adapter can hold one too.
 */
import {
  applyFixture,
  createLedger,
  createManualClock,
  createSeededIds,
  DEMO_FIXTURE,
  EMPTY_FIXTURE,
  importLedger,
  type Clock,
  type Fixture,
  type Ledger,
  type LedgerSnapshot,
} from "../core/index.js";

/** A clock that follows the wall clock by default and can be pinned for deterministic runs. */
export interface SandboxClock extends Clock {
  /** Pins the clock at an instant (it then stands still until set again). */
  set(ms: number): void;
  /** Moves the clock forward (or back, with a negative value). */
  advance(ms: number): void;
}

/** Follows Date.now() plus an offset that set/advance change. */
export function createWallClock(): SandboxClock {
  let offset = 0;
  return {
    now: () => Date.now() + offset,
    set: (ms) => {
      offset = ms - Date.now();
    },
    advance: (ms) => {
      offset += ms;
    },
  };
}

/** How a sandbox state starts. */
export interface SandboxStateOptions {
  /** Seed of the id generator (default 1): same seed + same requests = same ids. */
  seed?: number;
  /** The data to start from (default: the demo dataset). */
  fixture?: Fixture;
  /** Freeze the clock at this instant (epoch ms) for byte-identical runs; default: the wall clock. */
  frozenAt?: number;
  /** Restore this exported state instead of applying the fixture (persistence, snapshots). */
  snapshot?: LedgerSnapshot;
}

/** What a reset returns to. */
export type ResetTarget = "seed" | "empty";

/** The state of one sandbox: a ledger plus what it was seeded from. */
export class SandboxState {
  readonly clock: SandboxClock;
  private readonly seed: number;
  private readonly fixture: Fixture;
  ledger: Ledger;

  constructor(options: SandboxStateOptions = {}) {
    this.seed = options.seed ?? 1;
    this.fixture = options.fixture ?? DEMO_FIXTURE;
    this.clock = options.frozenAt === undefined ? createWallClock() : createManualClock(options.frozenAt);
    this.ledger = options.snapshot ? this.restore(options.snapshot) : this.build(this.fixture);
  }

  /** Replaces the state with the seed fixture or an empty ledger (treasury accounts only). */
  reset(to: ResetTarget = "seed"): Ledger {
    this.ledger = this.build(to === "seed" ? this.fixture : EMPTY_FIXTURE);
    return this.ledger;
  }

  /** The whole state as plain JSON. */
  export(): LedgerSnapshot {
    return this.ledger.exportState();
  }

  private restore(snapshot: LedgerSnapshot): Ledger {
    return importLedger(snapshot, { clock: this.clock, ids: createSeededIds(this.seed) });
  }

  private build(fixture: Fixture): Ledger {
    const ledger = createLedger({ clock: this.clock, ids: createSeededIds(this.seed) });
    // Fixture steps may set the clock to their own (historic) times; the sandbox's time resumes afterwards.
    const resumeAt = this.clock.now();
    const applied = applyFixture(ledger, fixture);
    if (!applied.ok) throw new Error(`the seed fixture does not apply: ${applied.error.field ?? ""} ${applied.error.code}: ${applied.error.message}`);
    this.clock.set(Math.max(resumeAt, this.clock.now()));
    return ledger;
  }
}
