import { describe, expect, it } from "vitest";
import { createFixedClock, createManualClock } from "./clock.js";
import { createSeededIds, isUuid } from "./ids.js";

describe("createSeededIds", () => {
  it("produces RFC 4122 version 4 shaped uuids", () => {
    const ids = createSeededIds(42);
    for (let i = 0; i < 1000; i++) {
      const id = ids.uuid();
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(isUuid(id)).toBe(true);
    }
  });

  it("produces account numbers of FL and 18 digits", () => {
    const ids = createSeededIds(42);
    for (let i = 0; i < 100; i++) expect(ids.accountNumber()).toMatch(/^FL\d{18}$/);
  });

  it("gives the same sequence for the same seed and another for another seed", () => {
    const a = createSeededIds(7);
    const b = createSeededIds(7);
    const c = createSeededIds(8);
    const seqA = [a.uuid(), a.accountNumber(), a.uuid()];
    expect([b.uuid(), b.accountNumber(), b.uuid()]).toEqual(seqA);
    expect(c.uuid()).not.toBe(seqA[0]);
  });

  it("resumes from a saved state without repeating ids", () => {
    const a = createSeededIds(3);
    a.uuid();
    const saved = a.state();
    const next = [a.uuid(), a.uuid()];
    const b = createSeededIds(999);
    b.restore(saved);
    expect([b.uuid(), b.uuid()]).toEqual(next);
  });

  it("does not repeat in a long run", () => {
    const ids = createSeededIds(1);
    const seen = new Set<string>();
    for (let i = 0; i < 50_000; i++) seen.add(ids.uuid());
    expect(seen.size).toBe(50_000);
  });
});

describe("clocks", () => {
  it("a fixed clock always answers its start", () => {
    const clock = createFixedClock(1000);
    expect(clock.now()).toBe(1000);
    expect(clock.now()).toBe(1000);
  });

  it("a manual clock moves only when set or advanced", () => {
    const clock = createManualClock(1000);
    clock.advance(500);
    expect(clock.now()).toBe(1500);
    clock.set(42);
    expect(clock.now()).toBe(42);
    expect(() => clock.set(1.5)).toThrow(RangeError);
  });
});
