import { describe, expect, it } from "vitest";
import { createManualClock } from "./clock.js";
import { createSeededIds } from "./ids.js";
import { createLedger } from "./ledger.js";
import { drawFresh, MAX_ID_DRAWS, readClock, createState } from "./state.js";
import { must, T0 } from "./test-helpers.js";
import type { IdGenerator } from "./types.js";

describe("drawFresh", () => {
  it("draws until a value is free, and answers it", () => {
    const values = ["a", "b", "c"];
    let draws = 0;
    expect(drawFresh(() => values[draws++]!, new Set(["a", "b"]), "uuid")).toBe("c");
    expect(draws).toBe(3);
  });

  it(`gives up after ${MAX_ID_DRAWS} taken values in a row, loudly`, () => {
    let draws = 0;
    expect(() => drawFresh(() => `x${draws++ % MAX_ID_DRAWS}`, new Set(Array.from({ length: MAX_ID_DRAWS }, (_, i) => `x${i}`)), "uuid")).toThrow(
      `The id generator drew ${MAX_ID_DRAWS} uuids in a row that are already taken: it repeats itself`,
    );
    expect(draws).toBe(MAX_ID_DRAWS);
  });

  it("takes a value found on the last allowed draw", () => {
    let draws = 0;
    const taken = new Set(Array.from({ length: MAX_ID_DRAWS - 1 }, (_, i) => `x${i}`));
    expect(drawFresh(() => `x${draws++}`, taken, "uuid")).toBe(`x${MAX_ID_DRAWS - 1}`);
  });

  it("makes a ledger whose id generator repeats itself fail loudly instead of hanging", () => {
    const seeded = createSeededIds(5);
    const fixed = seeded.uuid();
    const repeating: IdGenerator = { uuid: () => fixed, accountNumber: () => "FL000000000000000001" };
    const ledger = createLedger({ clock: createManualClock(T0), ids: repeating });
    must(ledger.createAccount({ currency: "eur", type: "treasury" }));
    expect(() => ledger.createAccount({ currency: "eur", type: "treasury" })).toThrow("uuids in a row that are already taken");
    const numbers: IdGenerator = { uuid: () => seeded.uuid(), accountNumber: () => "FL000000000000000001" };
    const other = createLedger({ clock: createManualClock(T0), ids: numbers });
    must(other.createAccount({ currency: "eur", type: "treasury" }));
    expect(() => other.createAccount({ currency: "eur", type: "treasury" })).toThrow("account numbers in a row that are already taken");
  });
});

describe("readClock", () => {
  it("reads the clock, and refuses a clock that answers anything but integer epoch ms", () => {
    expect(readClock(createState(createManualClock(T0), createSeededIds(1)))).toBe(T0);
    expect(() => readClock(createState({ now: () => 1.5 }, createSeededIds(1)))).toThrow("Clock.now() must return integer epoch ms, got 1.5");
  });
});
