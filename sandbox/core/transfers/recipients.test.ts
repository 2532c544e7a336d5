import { describe, expect, it } from "vitest";
import { createSeededIds } from "../ids.js";
import { importLedger } from "../ledger.js";
import type { Ledger } from "../ledger.js";
import { codeOf, exported, makeWorld, must, refused, T0 } from "../test-helpers.js";
import type { Currency, Recipient } from "../types.js";

const payee = { name: "Lukas Meyer", accountNumber: "DE89370400440532013000", bic: "COBADEFFXXX", bankName: "Commerzbank", country: "DE", currency: "eur" as const };
const utility = { name: "Berliner Stadtwerke", accountNumber: "DE02120300000000202051", country: "DE", currency: "eur" as const };
const other = { type: "individual" as const, email: "b@example.com", phone: null, firstName: "Bea", lastName: "Brandt", companyName: null, country: "DE" };

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

const UNKNOWN = "00000000-0000-4000-8000-0000000000aa";

describe("saving a recipient: each field at its limits", () => {
  it("takes a name of 1 to 140 characters", () => {
    const w = makeWorld();
    for (const name of ["", "n".repeat(141), 7 as unknown as string]) refused(w.ledger, () => w.ledger.addRecipient(w.clientId, { ...payee, name }, true), "validationError", "name", "name must be 1-140 characters");
    expect(must(w.ledger.addRecipient(w.clientId, { ...payee, name: "n".repeat(140) }, true)).name).toBe("n".repeat(140));
    expect(must(w.ledger.addSystemRecipient({ ...utility, name: "n" })).name).toBe("n");
  });

  it("takes an account number of 5 to 34 upper-case letters and digits", () => {
    const w = makeWorld();
    for (const accountNumber of ["ABC12", "A".repeat(34)]) expect(must(w.ledger.addRecipient(w.clientId, { ...payee, accountNumber }, true)).accountNumber).toBe(accountNumber);
    for (const accountNumber of ["ABC1", "A".repeat(35), "de89370400", "DE89-3704", 12345678 as unknown as string]) {
      refused(w.ledger, () => w.ledger.addRecipient(w.clientId, { ...payee, accountNumber }, true), "validationError", "accountNumber", "accountNumber must be 5-34 upper-case letters and digits");
    }
  });

  it("takes a BIC of 8 or 11 characters, six letters first, or none", () => {
    const w = makeWorld();
    const save = (bic: string | null | undefined, accountNumber: string) => w.ledger.addRecipient(w.clientId, { ...payee, bic, accountNumber }, true);
    expect(must(save("COBADEFF", "AAAAA1")).bic).toBe("COBADEFF");
    expect(must(save("COBADE2F123", "AAAAA2")).bic).toBe("COBADE2F123");
    expect(must(save(null, "AAAAA3")).bic).toBeNull();
    expect(must(save(undefined, "AAAAA4")).bic).toBeNull();
    for (const bic of ["COBADEF", "COBADEFFX", "COBADEFFXX", "COBADEFFXXXX", "COBA1EFF", "cobadeff", "XCOBADEFF", "", 7 as unknown as string, ["COBADEFF"] as unknown as string]) {
      refused(w.ledger, () => save(bic, "AAAAA5"), "validationError", "bic", "bic must be a BIC of 8 or 11 characters, or null");
    }
  });

  it("takes a bank name of at most 140 characters, or none", () => {
    const w = makeWorld();
    const save = (bankName: string | null | undefined, accountNumber: string) => w.ledger.addRecipient(w.clientId, { ...payee, bankName, accountNumber }, true);
    expect(must(save("b".repeat(140), "AAAAA1")).bankName).toBe("b".repeat(140));
    expect(must(save("", "AAAAA2")).bankName).toBe("");
    expect(must(save(null, "AAAAA3")).bankName).toBeNull();
    expect(must(save(undefined, "AAAAA4")).bankName).toBeNull();
    for (const bankName of ["b".repeat(141), 7 as unknown as string, ["Commerzbank"] as unknown as string]) refused(w.ledger, () => save(bankName, "AAAAA5"), "validationError", "bankName", "bankName must be at most 140 characters, or null");
  });

  it("takes an upper-case two-letter country and one of the ten currencies", () => {
    const w = makeWorld();
    for (const country of ["de", "DEU", "D", ""]) refused(w.ledger, () => w.ledger.addRecipient(w.clientId, { ...payee, country }, true), "validationError", "country", "country must be an upper-case ISO 3166-1 alpha-2 code");
    refused(w.ledger, () => w.ledger.addSystemRecipient({ ...utility, currency: "xyz" as Currency }), "validationError", "currency", "currency must be one of the ten currencies");
  });

  it("stores a fixture's fixed id in lower case, refusing one that is no uuid or is taken", () => {
    const w = makeWorld();
    const fixed = must(w.ledger.addRecipient(w.clientId, payee, false, "AAAAAAAA-0000-4000-8000-000000000001"));
    expect(fixed.id).toBe("aaaaaaaa-0000-4000-8000-000000000001");
    refused(w.ledger, () => w.ledger.addSystemRecipient(utility, "AAAAAAAA-0000-4000-8000-000000000001"), "validationError", "id", "id must be a uuid no other recipient has");
    refused(w.ledger, () => w.ledger.addSystemRecipient(utility, "not-a-uuid"), "validationError", "id", "id must be a uuid no other recipient has");
    // The fields are checked before the id.
    refused(w.ledger, () => w.ledger.addSystemRecipient({ ...utility, name: "" }, "not-a-uuid"), "validationError", "name", /name/);
    expect(must(w.ledger.addSystemRecipient(utility, "aaaaaaaa-0000-4000-8000-000000000002")).id).toBe("aaaaaaaa-0000-4000-8000-000000000002");
  });
});

describe("saving a recipient: who and how often", () => {
  it("names the client, the existing recipient, the account and the currency of a duplicate", () => {
    const w = makeWorld();
    const first = must(w.ledger.addRecipient(w.clientId, payee, true));
    refused(w.ledger, () => w.ledger.addRecipient(w.clientId, { ...payee, name: "Again", bic: null }, true), "recipientAlreadyExists", undefined,
      `Client ${w.clientId} has recipient ${first.id} with account ${payee.accountNumber} in eur already`);
    const system = must(w.ledger.addSystemRecipient(payee));
    refused(w.ledger, () => w.ledger.addSystemRecipient({ ...payee, name: "Again" }), "recipientAlreadyExists", undefined,
      `The system recipients hold recipient ${system.id} with account ${payee.accountNumber} in eur already`);
    // Another client saves the same account freely.
    const bea = must(w.ledger.addClient(other)).id;
    expect(must(w.ledger.addRecipient(bea, payee, true)).clientId).toBe(bea);
  });

  it("names an unknown or inactive client", () => {
    const w = makeWorld();
    refused(w.ledger, () => w.ledger.addRecipient(UNKNOWN, payee, true), "clientNotFound", undefined, `Client ${UNKNOWN} was not found`);
    must(w.ledger.blockClient(w.clientId, "review"));
    refused(w.ledger, () => w.ledger.addRecipient(w.clientId, payee, true), "clientNotActive", undefined, `Client ${w.clientId} is blocked; it saves no new recipients`);
    must(w.ledger.setClientStatus(w.clientId, "closed", null));
    refused(w.ledger, () => w.ledger.addRecipient(w.clientId, payee, false), "clientNotActive", undefined, `Client ${w.clientId} is closed; it saves no new recipients`);
    refused(w.ledger, () => w.ledger.addRecipient(w.clientId, payee, true), "clientNotActive", undefined, /is closed/);
  });

  it("draws no id when it refuses: the next recipient gets the id a twin's gets", () => {
    const one = makeWorld();
    const twin = makeWorld();
    must(one.ledger.addRecipient(one.clientId, payee, true));
    must(twin.ledger.addRecipient(twin.clientId, payee, true));
    expect(one.ledger.addRecipient(one.clientId, payee, true).ok).toBe(false);
    expect(one.ledger.addRecipient(one.clientId, { ...payee, name: "" }, true).ok).toBe(false);
    expect(one.ledger.addSystemRecipient(utility, "bad").ok).toBe(false);
    expect(must(one.ledger.addSystemRecipient(utility)).id).toBe(must(twin.ledger.addSystemRecipient(utility)).id);
  });

  it("hands out copies: changing an answer changes nothing stored", () => {
    const w = makeWorld();
    const r = must(w.ledger.addRecipient(w.clientId, payee, true));
    const before = exported(w.ledger);
    r.name = "Changed";
    must(w.ledger.getRecipient(w.clientId, r.id)).name = "Changed";
    must(w.ledger.setRecipientVisibility(w.clientId, r.id, true)).name = "Changed";
    must(w.ledger.listRecipients(w.clientId, {}, { page: 1, pageSize: 20 })).items[0]!.name = "Changed";
    expect(exported(w.ledger)).toBe(before);
    expect(must(w.ledger.getRecipient(w.clientId, r.id)).name).toBe(payee.name);
  });
});

describe("reading and changing recipients", () => {
  it("answers a recipient whole, and names an unknown one or an unknown client", () => {
    const w = makeWorld();
    w.clock.advance(42);
    const r = must(w.ledger.addRecipient(w.clientId, payee, true));
    expect(must(w.ledger.getRecipient(w.clientId, r.id))).toEqual({ id: r.id, clientId: w.clientId, ...payee, isVisible: true, createdAt: T0 + 42 });
    refused(w.ledger, () => w.ledger.getRecipient(w.clientId, UNKNOWN), "recipientNotFound", undefined, `Recipient ${UNKNOWN} was not found`);
    refused(w.ledger, () => w.ledger.getRecipient(UNKNOWN, r.id), "clientNotFound", undefined, UNKNOWN);
    refused(w.ledger, () => w.ledger.listRecipients(UNKNOWN, {}, { page: 1, pageSize: 20 }), "clientNotFound", undefined, UNKNOWN);
    refused(w.ledger, () => w.ledger.setRecipientVisibility(UNKNOWN, r.id, false), "clientNotFound", undefined, UNKNOWN);
  });

  it("hides and shows a client's own recipient, never a system one", () => {
    const w = makeWorld();
    const r = must(w.ledger.addRecipient(w.clientId, payee, true));
    expect(must(w.ledger.setRecipientVisibility(w.clientId, r.id, false))).toEqual({ ...r, isVisible: false });
    expect(must(w.ledger.getRecipient(w.clientId, r.id)).isVisible).toBe(false);
    expect(must(w.ledger.setRecipientVisibility(w.clientId, r.id, true))).toEqual(r);
    const system = must(w.ledger.addSystemRecipient(utility));
    refused(w.ledger, () => w.ledger.setRecipientVisibility(w.clientId, system.id, false), "recipientNotEditable", undefined, `Recipient ${system.id} is a system recipient; its visibility cannot change`);
  });

  it("sorts by name ignoring case, then oldest first, then by id, whatever list a recipient is in", () => {
    const w = makeWorld();
    const older = must(w.ledger.addSystemRecipient({ ...utility, name: "same" }));
    w.clock.advance(1);
    const newer = must(w.ledger.addRecipient(w.clientId, { ...payee, name: "Same" }, true));
    const late = must(w.ledger.addRecipient(w.clientId, { ...payee, name: "twin", accountNumber: "BBBBB2" }, true, "bbbbbbbb-0000-4000-8000-000000000002"));
    const early = must(w.ledger.addRecipient(w.clientId, { ...payee, name: "Twin", accountNumber: "BBBBB1" }, true, "bbbbbbbb-0000-4000-8000-000000000001"));
    const first = must(w.ledger.addRecipient(w.clientId, { ...payee, name: "Alpha", accountNumber: "CCCCC1" }, true));
    w.clock.advance(1);
    const dupOld = must(w.ledger.addRecipient(w.clientId, { ...payee, name: "Dup", accountNumber: "DDDDD1" }, true));
    w.clock.advance(1);
    const dupNew = must(w.ledger.addRecipient(w.clientId, { ...payee, name: "dup", accountNumber: "DDDDD2" }, true));
    const ids = must(w.ledger.listRecipients(w.clientId, {}, { page: 1, pageSize: 20 })).items.map((r) => r.id);
    expect(ids).toEqual([first.id, dupOld.id, dupNew.id, older.id, newer.id, early.id, late.id]);
    expect(must(w.ledger.listRecipients(w.clientId, { search: "" }, { page: 1, pageSize: 20 })).totalCount).toBe(7);
    expect(must(w.ledger.listRecipients(w.clientId, { search: "bbbbb" }, { page: 1, pageSize: 20 })).items.map((r) => r.id)).toEqual([early.id, late.id]);
    expect(must(w.ledger.listRecipients(w.clientId, { search: "SAM" }, { page: 1, pageSize: 20 })).items.map((r) => r.id)).toEqual([older.id, newer.id]);
    expect(must(w.ledger.listRecipients(w.clientId, { search: "nobody" }, { page: 1, pageSize: 20 })).totalCount).toBe(0);
  });
});

describe("recipients in a snapshot: what an import refuses", () => {
  function snapshotWithTwo() {
    const w = makeWorld();
    must(w.ledger.addRecipient(w.clientId, payee, true));
    must(w.ledger.addSystemRecipient(utility));
    return { w, snapshot: w.ledger.exportState() };
  }

  it("exports them oldest first, whole", () => {
    const w = makeWorld();
    const b = must(w.ledger.addRecipient(w.clientId, { ...payee, name: "B" }, true));
    w.clock.advance(1);
    const a = must(w.ledger.addSystemRecipient({ ...utility, name: "A" }));
    const exportedList = w.ledger.exportState().recipients!;
    expect(exportedList).toEqual([b, a]);
    // The snapshot is a copy: changing it changes nothing stored.
    exportedList[0]!.name = "Changed";
    expect(must(w.ledger.getRecipient(w.clientId, b.id)).name).toBe("B");
  });

  it("says which recipient and what is wrong with it", () => {
    const { w, snapshot } = snapshotWithTwo();
    const id = snapshot.recipients![0]!.id;
    const broken = (change: (r: Recipient, s: typeof snapshot) => void) => {
      const s = structuredClone(snapshot);
      change(s.recipients![0]!, s);
      return () => importLedger(s, { clock: w.clock, ids: createSeededIds(1) });
    };
    expect(broken((r) => (r.id = "not-a-uuid"))).toThrow("recipient not-a-uuid has no lower-case uuid id or is duplicated");
    expect(broken((r) => (r.id = r.id.toUpperCase()))).toThrow(/has no lower-case uuid id/);
    expect(broken((r) => (r.clientId = UNKNOWN))).toThrow(`recipient ${id} names a client that does not exist`);
    expect(broken((r) => delete (r as Partial<Recipient>).bic)).toThrow(`recipient ${id} lacks bic or bankName (null when not given)`);
    expect(broken((r) => delete (r as Partial<Recipient>).bankName)).toThrow(/lacks bic or bankName/);
    expect(broken((r) => (r.name = ""))).toThrow(`recipient ${id} has a bad name: name must be 1-140 characters`);
    expect(broken((r) => (r.currency = "xyz" as Currency))).toThrow(/has a bad currency: currency must be one of the ten/);
    expect(broken((r) => (r.isVisible = "yes" as unknown as boolean))).toThrow(`recipient ${id} has an isVisible that is not a boolean, or false on a system recipient`);
    expect(broken((r) => (r.createdAt = 1.5))).toThrow(`recipient ${id} has a createdAt that is not epoch ms`);
    expect(broken((r, s) => s.recipients!.push({ ...r, id: "00000000-0000-4000-8000-0000000000ab", name: "Other" }))).toThrow("recipient 00000000-0000-4000-8000-0000000000ab repeats the account number and currency of another recipient of its owner");
    // The same account for another owner, or in another currency, is another recipient.
    expect(broken((r, s) => s.recipients!.push({ ...r, id: "00000000-0000-4000-8000-0000000000ab", clientId: null }))).not.toThrow();
    expect(broken((r, s) => s.recipients!.push({ ...r, id: "00000000-0000-4000-8000-0000000000ab", currency: "usd" }))).not.toThrow();
    expect(broken((r) => (r.isVisible = false))).not.toThrow();
    expect(broken((r) => ((r.bic = null), (r.bankName = null)))).not.toThrow();
  });

  it("restores what it reads: a restored recipient is listed, found and a duplicate of itself", () => {
    const { w, snapshot } = snapshotWithTwo();
    const again = importLedger(structuredClone(snapshot), { clock: w.clock, ids: createSeededIds(1) });
    const [mine, system] = snapshot.recipients!;
    expect(must(again.listRecipients(w.clientId, {}, { page: 1, pageSize: 20 })).items).toEqual([system, mine]);
    expect(codeOf(again.addRecipient(w.clientId, payee, true))).toBe("recipientAlreadyExists");
    expect(codeOf(again.addSystemRecipient(utility))).toBe("recipientAlreadyExists");
  });
});
