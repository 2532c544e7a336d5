/**
 * The sandbox's state holder: the ledger the requests act on, how it was seeded, and how to reset,
 * export and import it. Browser-safe (no node:*), so the MSW adapter can hold one too.
 */
import {
  applyFixture,
  createSettableClock,
  createLedger,
  createSeededIds,
  DEMO_FIXTURE,
  EMPTY_FIXTURE,
  importLedger,
  type SettableClock,
  type Fixture,
  type Ledger,
  type LedgerSnapshot,
  type Result,
} from "../core/index.js";

/** The sandbox's clock: the core's settable clock (core/clock.ts), following the wall clock unless frozen. */
export type SandboxClock = SettableClock;

/** A clock that follows Date.now() plus an offset, or stands at a frozen instant when `frozenAt` is given. */
export function createSandboxClock(frozenAt?: number): SandboxClock {
  return createSettableClock({ ...(frozenAt !== undefined && { frozenAt }), wallClock: Date.now });
}

/** The instant states made inside `createStatesAt` are built at (undefined: their clock's own time). */
let buildAtMs: number | undefined;

/**
 * Runs `create` with every SandboxState constructed meanwhile seeded as of `atMs`, its clock pinned there
 * while the fixture applies: a replayed tenant is seeded exactly as the one first made at that time.
 */
export function createStatesAt<T>(atMs: number, create: () => T): T {
  const outer = buildAtMs;
  buildAtMs = atMs;
  try {
    return create();
  } finally {
    buildAtMs = outer;
  }
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
  /** The instant the state was seeded (or restored) at; a log of tenant creations keeps it. */
  readonly createdAtMs: number;
  private readonly idSeed: number;
  private readonly fixture: Fixture;
  ledger: Ledger;

  constructor(options: SandboxStateOptions = {}) {
    this.idSeed = options.seed ?? 1;
    this.fixture = options.fixture ?? DEMO_FIXTURE;
    this.clock = createSandboxClock(options.frozenAt);
    // One instant for the whole seeding, so a state built again at createdAtMs is the same state.
    this.createdAtMs = this.clock.pin(buildAtMs);
    try {
      this.ledger = options.snapshot ? this.restore(options.snapshot) : this.build(this.fixture);
    } finally {
      this.clock.unpin();
    }
  }

  /** Replaces the state with the seed fixture or an empty ledger (treasury accounts only). */
  reset(to: ResetTarget = "seed"): Ledger {
    this.ledger = this.build(to === "seed" ? this.fixture : EMPTY_FIXTURE);
    return this.ledger;
  }

  /** Replaces the ledger with one built from a fixture; a fixture that does not apply changes nothing. */
  seedFrom(fixture: Fixture): Result<Ledger> {
    const built = this.tryBuild(fixture);
    if (built.ok) this.ledger = built.value;
    return built;
  }

  /** The whole state as plain JSON. */
  export(): LedgerSnapshot {
    return this.ledger.exportState();
  }

  /** Replaces the ledger with an exported one; a malformed or inconsistent snapshot changes nothing. */
  import(snapshot: LedgerSnapshot): Result<Ledger> {
    try {
      this.ledger = this.restore(snapshot);
      return { ok: true, value: this.ledger };
    } catch (error) {
      return { ok: false, error: { code: "validationError", field: "$", message: `not a valid ledger snapshot: ${(error as Error).message}` } };
    }
  }

  private restore(snapshot: LedgerSnapshot): Ledger {
    return importLedger(snapshot, { clock: this.clock, ids: createSeededIds(this.idSeed) });
  }

  private build(fixture: Fixture): Ledger {
    const built = this.tryBuild(fixture);
    if (!built.ok) throw new Error(`the seed fixture does not apply: ${built.error.field ?? ""} ${built.error.code}: ${built.error.message}`);
    return built.value;
  }

  private tryBuild(fixture: Fixture): Result<Ledger> {
    const ledger = createLedger({ clock: this.clock, ids: createSeededIds(this.idSeed) });
    // Fixture steps may set the clock to their own (historic) times; the sandbox's time resumes afterwards.
    // The clock stands still meanwhile, so a step dated `at` is recorded at exactly that time (a running
    // clock would tick on between setting it and recording, and two seedings would differ by milliseconds).
    const resumeAt = this.clock.now();
    const wasFrozen = this.clock.frozen;
    this.clock.set(resumeAt, true);
    let applied: ReturnType<typeof applyFixture>;
    try {
      applied = applyFixture(ledger, fixture);
    } catch (error) {
      applied = { ok: false, error: { code: "validationError", field: "$", message: (error as Error).message } };
    }
    // A fixture that does not apply changes nothing, the clock included.
    this.clock.set(applied.ok ? Math.max(resumeAt, this.clock.now()) : resumeAt, wasFrozen);
    return applied.ok ? { ok: true, value: ledger } : applied;
  }
}
