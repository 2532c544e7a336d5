import { afterEach, describe, expect, it, vi } from "vitest";
import { DEMO_FIXTURE, DEMO_IDS, EMPTY_FIXTURE, type Fixture, type LedgerSnapshot } from "../core/index.js";
import { createStatesAt, SandboxState } from "./state.js";

const MARCH = Date.parse("2026-03-02T10:00:00Z");
const APRIL = Date.parse("2026-04-01T08:00:00Z");
const EMMA = DEMO_IDS.clients.emmaSchneider;
/** A fixture whose first step fails: its date is no date. */
const BROKEN: Fixture = { clients: [{ type: "individual", email: "a@example.com", at: "yesterday" }] } as Fixture;
/** A fixture the ledger cannot even walk: its payments are not a list of steps. */
const UNWALKABLE = { payments: [null] } as unknown as Fixture;

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe("a sandbox state", () => {
  it("starts from the demo data, resets to it by default or to the treasury accounts only", () => {
    const state = new SandboxState({ frozenAt: MARCH });
    const seeded = JSON.stringify(state.export());
    expect(state.ledger.getClient(EMMA)?.firstName).toBe("Emma");
    state.reset("empty");
    expect(state.ledger.getClient(EMMA)).toBeUndefined();
    state.reset();
    expect(JSON.stringify(state.export())).toBe(seeded);
  });

  it("refuses at construction a seed fixture that does not apply, naming the step", () => {
    expect(() => new SandboxState({ fixture: BROKEN, frozenAt: MARCH })).toThrow(/^the seed fixture does not apply: clients\[0\]\.at validationError: yesterday is not an ISO 8601 date-time$/);
  });

  it("keeps its ledger and its clock when a fixture to seed from does not apply, or cannot be walked at all", () => {
    const state = new SandboxState({ frozenAt: MARCH });
    const before = JSON.stringify(state.export());
    const broken = state.seedFrom(BROKEN);
    expect(broken).toMatchObject({ ok: false, error: { code: "validationError", field: "clients[0].at" } });
    const unwalkable = state.seedFrom(UNWALKABLE);
    expect(unwalkable).toEqual({ ok: false, error: { code: "validationError", field: "$", message: expect.any(String) } });
    expect(unwalkable.ok === false && unwalkable.error.message.length).toBeGreaterThan(0);
    expect(JSON.stringify(state.export())).toBe(before);
    expect([state.clock.now(), state.clock.frozen]).toEqual([MARCH, true]);
  });

  it("refuses a snapshot that does not import, saying so, and keeps its ledger", () => {
    const state = new SandboxState({ frozenAt: MARCH });
    const before = JSON.stringify(state.export());
    const refused = state.import({ format: "nonsense" } as unknown as LedgerSnapshot);
    expect(refused).toEqual({ ok: false, error: { code: "validationError", field: "$", message: expect.stringMatching(/^not a valid ledger snapshot: ./) } });
    expect(JSON.stringify(state.export())).toBe(before);
    const other = new SandboxState({ frozenAt: APRIL });
    other.reset("empty");
    expect(state.import(other.export()).ok).toBe(true);
    expect(state.ledger.getClient(EMMA)).toBeUndefined();
  });

  it("records each fixture step at exactly its own time even while the wall clock ticks, then runs on with the wall clock", () => {
    let wall = APRIL;
    vi.spyOn(Date, "now").mockImplementation(() => (wall += 1));
    const state = new SandboxState({ fixture: EMPTY_FIXTURE });
    expect(state.clock.frozen).toBe(false);
    expect(state.seedFrom(DEMO_FIXTURE).ok).toBe(true);
    expect(state.ledger.getClient(EMMA)?.createdAt).toBe(Date.parse("2025-12-01T09:00:00Z"));
    expect(state.ledger.getClient(DEMO_IDS.clients.lukasNowak)?.createdAt).toBe(Date.parse("2025-12-01T09:05:00Z"));
    expect(state.clock.frozen).toBe(false);
    const now = state.clock.now();
    expect(now).toBeGreaterThan(APRIL);
    expect(state.clock.now()).toBe(now + 1);
  });

  it("follows the wall clock once built: the instant it was seeded at does not hold it", () => {
    vi.useFakeTimers({ now: MARCH });
    const state = new SandboxState();
    expect([state.createdAtMs, state.clock.now()]).toEqual([MARCH, MARCH]);
    vi.setSystemTime(APRIL);
    expect(state.clock.now()).toBe(APRIL);
  });
});

describe("states built at an instant", () => {
  it("are seeded at that instant, nested or not, and states built afterwards at their own time again", () => {
    vi.useFakeTimers({ now: APRIL });
    const inner = createStatesAt(MARCH, () => {
      const outer = new SandboxState();
      const nested = createStatesAt(MARCH + 5, () => new SandboxState());
      return [outer.createdAtMs, nested.createdAtMs, new SandboxState().createdAtMs];
    });
    expect(inner).toEqual([MARCH, MARCH + 5, MARCH]);
    expect(new SandboxState().createdAtMs).toBe(APRIL);
    expect(() => createStatesAt(MARCH, () => { throw new Error("failed"); })).toThrow("failed");
    expect(new SandboxState({ frozenAt: APRIL + 7 }).createdAtMs).toBe(APRIL + 7);
  });
});
