import { describe, expect, it } from "vitest";
import { Journal, type JournalRecord } from "./journal.js";

const AT = Date.parse("2026-03-02T10:00:00Z");
const record = (path: string, extra: Partial<JournalRecord> = {}): JournalRecord => ({ atMs: AT, method: "GET", path, query: "", operationId: "listTransactions", status: 200, durationMs: 1.5, fault: null, ...extra });
const paths = (journal: Journal, limit?: number) => journal.find({}, limit).map((e) => `${e.seq} ${e.path}`);

describe("the journal's ring", () => {
  it("keeps the newest entries up to its limit, oldest first, however often it wraps", () => {
    const journal = new Journal(3);
    for (let i = 1; i <= 2; i++) journal.record(record(`/p${i}`));
    expect(paths(journal)).toEqual(["1 /p1", "2 /p2"]);
    for (let i = 3; i <= 8; i++) journal.record(record(`/p${i}`));
    expect(paths(journal)).toEqual(["6 /p6", "7 /p7", "8 /p8"]);
    journal.record(record("/p9"));
    expect(paths(journal)).toEqual(["7 /p7", "8 /p8", "9 /p9"]);
    expect(paths(journal, 2)).toEqual(["8 /p8", "9 /p9"]);
    expect(paths(journal, 5)).toEqual(["7 /p7", "8 /p8", "9 /p9"]);
    expect(journal.count({})).toBe(3);
  });

  it("clears to empty, says how many it dropped, and numbers on from where it was", () => {
    const journal = new Journal(2);
    for (let i = 1; i <= 3; i++) journal.record(record(`/p${i}`));
    expect(journal.clear()).toBe(2);
    expect(paths(journal)).toEqual([]);
    for (let i = 4; i <= 6; i++) journal.record(record(`/p${i}`));
    expect(paths(journal)).toEqual(["5 /p5", "6 /p6"]);
  });

  it("answers each entry with its time as ISO 8601 and every field as recorded", () => {
    const journal = new Journal();
    journal.record(record("/internal/Payments", { method: "POST", query: "a=1", operationId: "createPayment", status: 422, durationMs: 2.25, fault: "prefer" }));
    expect(journal.find({})).toEqual([{ seq: 1, at: "2026-03-02T10:00:00.000Z", method: "POST", path: "/internal/Payments", query: "a=1", operationId: "createPayment", status: 422, durationMs: 2.25, fault: "prefer" }]);
  });

  it("filters by method in any case, operationId, status and a case-insensitive part of the path, all at once", () => {
    const journal = new Journal();
    journal.record(record("/internal/Payments", { method: "POST", operationId: "createPayment", status: 200 }));
    journal.record(record("/internal/Payments", { method: "POST", operationId: "createPayment", status: 422 }));
    journal.record(record("/internal/Transactions"));
    journal.record(record("/Accounts", { operationId: null, status: 404 }));
    const seqs = (filter: Parameters<Journal["find"]>[0]) => journal.find(filter).map((e) => e.seq);
    expect(seqs({ method: "post" })).toEqual([1, 2]);
    expect(seqs({ operationId: "listTransactions" })).toEqual([3]);
    expect(seqs({ status: 404 })).toEqual([4]);
    expect(seqs({ path: "PAYMENTS" })).toEqual([1, 2]);
    expect(seqs({ path: "/accounts" })).toEqual([4]);
    expect(seqs({ method: "POST", status: 422 })).toEqual([2]);
    expect(seqs({ method: "GET", path: "payments" })).toEqual([]);
    expect(journal.count({ method: "POST" })).toBe(2);
  });
});
