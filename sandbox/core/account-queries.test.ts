/** Account lists: every filter must hold at once, ids are case-blind, order is by account number (code-unit order). */
import { describe, expect, it } from "vitest";
import { byAccountNumber, listAccounts } from "./account-queries.js";
import { closeAccount, createAccount } from "./accounts.js";
import { addClient } from "./clients.js";
import { createManualClock } from "./clock.js";
import { createSeededIds } from "./ids.js";
import { createState } from "./state.js";
import { must, T0 } from "./test-helpers.js";
import type { AccountFilter } from "./types.js";

/** Two clients: Ada with eur "A2" and usd "A1", Bob with eur "B1"; an eur treasury "T1" and a closed eur fee account "F1". */
function world() {
  const state = createState(createManualClock(T0), createSeededIds(11));
  const person = (firstName: string) => must(addClient(state, { type: "individual", email: `${firstName.toLowerCase()}@example.com`, phone: null, firstName, lastName: "Test", companyName: null, country: "GB" })).id;
  const ada = person("Ada");
  const bob = person("Bob");
  const open = (accountNumber: string, currency: "eur" | "usd", clientId?: string) =>
    must(createAccount(state, clientId === undefined ? { currency, type: accountNumber.startsWith("T") ? "treasury" : "fee", accountNumber } : { currency, type: "client", clientId, accountNumber })).id;
  const ids = { A2: open("A2", "eur", ada), A1: open("A1", "usd", ada), B1: open("B1", "eur", bob), T1: open("T1", "eur"), F1: open("F1", "eur") };
  must(closeAccount(state, ids.F1));
  const list = (filter: AccountFilter) => listAccounts(state, filter, { page: 1, pageSize: 100 }).items.map((a) => a.accountNumber);
  return { state, ada, bob, ids, list };
}

describe("byAccountNumber", () => {
  it("orders by account number in code-unit order and keeps equal numbers equal", () => {
    const { state, ids } = world();
    const rec = (id: string) => state.accounts.get(id)!;
    expect(byAccountNumber(rec(ids.A1), rec(ids.A2))).toBe(-1);
    expect(byAccountNumber(rec(ids.A2), rec(ids.A1))).toBe(1);
    expect(byAccountNumber(rec(ids.B1), rec(ids.B1))).toBe(0);
  });
});

describe("listAccounts", () => {
  it("lists every account by account number when no filter is given", () => {
    const { list } = world();
    expect(list({})).toEqual(["A1", "A2", "B1", "F1", "T1"]);
  });

  it("finds accounts by id in any case and by number, and nothing for unknown ones", () => {
    const { ids, list } = world();
    expect(list({ accountIds: [ids.B1.toUpperCase(), ids.A2] })).toEqual(["A2", "B1"]);
    expect(list({ accountIds: ["7c1f0e2a-0000-4000-8000-000000000000"] })).toEqual([]);
    expect(list({ accountNumbers: ["T1", "A1", "ZZ9"] })).toEqual(["A1", "T1"]);
  });

  it("finds a client's accounts by client id in any case, and none for an unknown client", () => {
    const { ada, list } = world();
    expect(list({ clientIds: [ada.toUpperCase()] })).toEqual(["A1", "A2"]);
    expect(list({ clientIds: ["7c1f0e2a-0000-4000-8000-000000000000"] })).toEqual([]);
  });

  it("keeps only the accounts that match every filter at once", () => {
    const { ada, bob, ids, list } = world();
    expect(list({ accountIds: [ids.A1, ids.A2], accountNumbers: ["A2", "B1"] })).toEqual(["A2"]);
    expect(list({ accountIds: [ids.A1, ids.A2, ids.B1], accountNumbers: ["B1"] })).toEqual(["B1"]);
    expect(list({ accountIds: [ids.B1], accountNumbers: ["A1", "A2", "B1"] })).toEqual(["B1"]);
    expect(list({ accountIds: [ids.A1, ids.B1, ids.T1], clientIds: [ada] })).toEqual(["A1"]);
    expect(list({ accountIds: [ids.T1], clientIds: [ada] })).toEqual([]);
    expect(list({ accountNumbers: ["B1"], clientIds: [ada] })).toEqual([]);
    expect(list({ accountNumbers: ["T1", "A1"], clientIds: [bob] })).toEqual([]);
    expect(list({ clientIds: [ada, bob], currencies: ["eur"] })).toEqual(["A2", "B1"]);
    expect(list({ clientIds: [ada], types: ["treasury"] })).toEqual([]);
    expect(list({ statuses: ["closed"] })).toEqual(["F1"]);
    expect(list({ currencies: ["eur"], statuses: ["active"] })).toEqual(["A2", "B1", "T1"]);
    expect(list({ accountIds: [ids.F1, ids.T1], statuses: ["closed"] })).toEqual(["F1"]);
  });

  // A lookup by id, number or client starts from its index, so it costs the same however many accounts exist.
  it("answers a filter by ids, numbers or client ids without walking the list of every account", () => {
    const { state, ada, ids, list } = world();
    const every = state.accountList;
    state.accountList = new Proxy(every, {
      get: () => {
        throw new Error("walked the list of every account");
      },
    });
    expect(list({ accountIds: [ids.A1] })).toEqual(["A1"]);
    expect(list({ accountNumbers: ["B1"], statuses: ["active"] })).toEqual(["B1"]);
    expect(list({ clientIds: [ada], currencies: ["eur"] })).toEqual(["A2"]);
    expect(() => list({ currencies: ["eur"] })).toThrow("walked the list of every account");
    state.accountList = every;
    expect(list({ currencies: ["eur"] })).toEqual(["A2", "B1", "F1", "T1"]);
  });
});
