import { describe, expect, it } from "vitest";
import { createSeededIds } from "../ids.js";
import { importLedger } from "../ledger.js";
import type { Ledger } from "../ledger.js";
import { codeOf, makeWorld, must, T0 } from "../test-helpers.js";

const payee = { name: "Lukas Meyer", accountNumber: "DE89370400440532013000", bic: "COBADEFFXXX", bankName: "Commerzbank", country: "DE", currency: "eur" as const };
const utility = { name: "Berliner Stadtwerke", accountNumber: "DE02120300000000202051", country: "DE", currency: "eur" as const };
const other = { type: "individual" as const, email: "b@example.com", phone: null, firstName: "Bea", lastName: "Brandt", companyName: null, country: "DE" };

function exported(ledger: Ledger): string {
  return JSON.stringify(ledger.exportState());
}

describe("recipients", () => {
  it("saves a client's recipient visible, with nulls for what was not given, and a system recipient with no client", () => {
    const w = makeWorld();
    const mine = must(w.ledger.addRecipient(w.clientId, payee, true));
    expect(mine).toEqual({ id: mine.id, clientId: w.clientId, ...payee, isVisible: true, createdAt: T0 });
    const system = must(w.ledger.addSystemRecipient(utility));
    expect(system).toMatchObject({ clientId: null, bic: null, bankName: null, isVisible: true });
  });

  it("lets a client see only its own recipients and the system ones", () => {
    const w = makeWorld();
    const bea = must(w.ledger.addClient(other)).id;
    const adas = must(w.ledger.addRecipient(w.clientId, payee, true));
    const beas = must(w.ledger.addRecipient(bea, { ...payee, name: "Anna Fischer" }, true));
    const system = must(w.ledger.addSystemRecipient(utility));
    const page = { page: 1, pageSize: 20 };
    expect(must(w.ledger.listRecipients(w.clientId, {}, page)).items.map((r) => r.id)).toEqual([system.id, adas.id]);
    expect(must(w.ledger.listRecipients(bea, {}, page)).items.map((r) => r.id)).toEqual([beas.id, system.id]);
    expect(codeOf(w.ledger.getRecipient(w.clientId, beas.id))).toBe("recipientNotFound");
    expect(codeOf(w.ledger.setRecipientVisibility(w.clientId, beas.id, false))).toBe("recipientNotFound");
    expect(must(w.ledger.getRecipient(bea, system.id.toUpperCase())).id).toBe(system.id);
    expect(codeOf(w.ledger.setRecipientVisibility(bea, system.id, false))).toBe("recipientNotEditable");
  });

  it("filters by search (name or account number, any case), currency and visibility, sorted by name", () => {
    const w = makeWorld();
    const zed = must(w.ledger.addRecipient(w.clientId, { ...payee, name: "zed", accountNumber: "GB29NWBK60161331926819", currency: "gbp" }, true));
    const amy = must(w.ledger.addRecipient(w.clientId, { ...payee, name: "Amy" }, true));
    must(w.ledger.setRecipientVisibility(w.clientId, amy.id, false));
    const ids = (filter: Parameters<Ledger["listRecipients"]>[1]) => must(w.ledger.listRecipients(w.clientId, filter, { page: 1, pageSize: 20 })).items.map((r) => r.id);
    expect(ids({})).toEqual([amy.id, zed.id]);
    expect(ids({ search: "gb29nw" })).toEqual([zed.id]);
    expect(ids({ search: "AM" })).toEqual([amy.id]);
    expect(ids({ currency: "gbp" })).toEqual([zed.id]);
    expect(ids({ isVisible: false })).toEqual([amy.id]);
    expect(ids({ isVisible: true, currency: "eur" })).toEqual([]);
    expect(must(w.ledger.listRecipients(w.clientId, {}, { page: 2, pageSize: 1 }))).toMatchObject({ totalCount: 2, items: [{ id: zed.id }] });
  });

  it("refuses a duplicate, a hidden one included, an inactive client and bad fields, drawing no id", () => {
    const w = makeWorld();
    const first = must(w.ledger.addRecipient(w.clientId, payee, true));
    must(w.ledger.setRecipientVisibility(w.clientId, first.id, false));
    must(w.ledger.addSystemRecipient(payee));
    const before = exported(w.ledger);
    expect(codeOf(w.ledger.addRecipient(w.clientId, { ...payee, name: "Again" }, true))).toBe("recipientAlreadyExists");
    expect(codeOf(w.ledger.addSystemRecipient(payee))).toBe("recipientAlreadyExists");
    expect(codeOf(w.ledger.addRecipient("00000000-0000-4000-8000-0000000000aa", payee, false))).toBe("clientNotFound");
    expect(w.ledger.addRecipient(w.clientId, { ...payee, accountNumber: "de89 3704" }, true)).toMatchObject({ ok: false, error: { code: "validationError", field: "accountNumber" } });
    expect(w.ledger.addSystemRecipient({ ...utility, bic: "BAD" })).toMatchObject({ ok: false, error: { field: "bic" } });
    expect(exported(w.ledger)).toBe(before);
    // The same account in another currency is another recipient.
    expect(codeOf(w.ledger.addRecipient(w.clientId, { ...payee, currency: "usd" }, true))).toBe("ok");
  });

  it("refuses a blocked client on its own route only, and a closed client on both", () => {
    const w = makeWorld();
    must(w.ledger.blockClient(w.clientId, "review"));
    expect(codeOf(w.ledger.addRecipient(w.clientId, payee, true))).toBe("clientNotActive");
    expect(codeOf(w.ledger.addRecipient(w.clientId, payee, false))).toBe("ok");
    must(w.ledger.setClientStatus(w.clientId, "closed", null));
    expect(codeOf(w.ledger.addRecipient(w.clientId, { ...payee, currency: "usd" }, false))).toBe("clientNotActive");
  });

  it("keeps visibility idempotent", () => {
    const w = makeWorld();
    const r = must(w.ledger.addRecipient(w.clientId, payee, true));
    const before = exported(w.ledger);
    expect(must(w.ledger.setRecipientVisibility(w.clientId, r.id, true))).toEqual(r);
    expect(exported(w.ledger)).toBe(before);
  });
});

describe("the ledger snapshot with recipients", () => {
  it("round-trips them, goes on with fresh ids, reads a snapshot without them and refuses broken ones", () => {
    const w = makeWorld();
    const r = must(w.ledger.addRecipient(w.clientId, payee, true));
    must(w.ledger.setRecipientVisibility(w.clientId, r.id, false));
    must(w.ledger.addSystemRecipient(utility));
    const snapshot = w.ledger.exportState();
    expect(snapshot.recipients).toHaveLength(2);
    const again = importLedger(structuredClone(snapshot), { clock: w.clock, ids: createSeededIds(1) });
    expect(exported(again)).toBe(JSON.stringify(snapshot));
    expect(must(again.getRecipient(w.clientId, r.id)).isVisible).toBe(false);
    const next = must(again.addRecipient(w.clientId, { ...payee, currency: "usd" }, true));
    expect(snapshot.recipients!.map((x) => x.id)).not.toContain(next.id);
    const old = structuredClone(snapshot);
    delete old.recipients;
    expect(importLedger(old, { clock: w.clock, ids: createSeededIds(1) }).exportState().recipients).toBeUndefined();
    const broken = (change: (s: typeof snapshot) => void) => {
      const s = structuredClone(snapshot);
      change(s);
      return () => importLedger(s, { clock: w.clock, ids: createSeededIds(1) });
    };
    expect(broken((s) => (s.recipients![1]!.isVisible = false))).toThrow(/false on a system recipient/);
    expect(broken((s) => (s.recipients![0]!.clientId = "00000000-0000-4000-8000-0000000000aa"))).toThrow(/client that does not exist/);
    expect(broken((s) => s.recipients!.push({ ...s.recipients![0]!, id: "00000000-0000-4000-8000-0000000000ab" }))).toThrow(/repeats the account number/);
    expect(broken((s) => (s.recipients![0]!.accountNumber = "x"))).toThrow(/accountNumber/);
    expect(broken((s) => s.recipients!.push(s.recipients![0]!))).toThrow(/duplicated/);
  });
});
