import { describe, expect, it } from "vitest";
import { createManualClock } from "./clock.js";
import { MS_PER_DAY, dayOf } from "./daily-balances.js";
import { LedgerInvariantError } from "./errors.js";
import { createSeededIds } from "./ids.js";
import { importLedger } from "./ledger.js";
import type { Ledger } from "./ledger.js";
import { exportSnapshot } from "./snapshot.js";
import type { LedgerSnapshot } from "./snapshot.js";
import { createState } from "./state.js";
import { invariantErrorOf, makeWorld, must, T0 } from "./test-helpers.js";
import type { IdGenerator } from "./types.js";

const PDF = new TextEncoder().encode("%PDF-1.7\nsnapshot\n");
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 255]);
const UNKNOWN_ID = "00000000-0000-4000-8000-0000000000aa";

/**
 * A ledger with something of everything: a company with a director, funded accounts, a posted, a pending, a
 * canceled and a draft payment, an OTP, documents of the client and of the director, stored daily balances, a
 * recipient and a disabled, renamed currency.
 */
function rich() {
  const w = makeWorld();
  const company = must(w.ledger.createClient({ type: "company", email: "co@example.com", companyName: "Co", registrationNumber: "1", country: "DE", relatedIndividuals: [{ firstName: "A", lastName: "B", dateOfBirth: "1980-01-01", role: "director" }] }));
  const director = company.relatedIndividuals[0]!.id;
  const a = w.account("eur", 10_000);
  const b = w.account("eur");
  const empty = w.account("usd");
  must(w.ledger.createPayment({ parentId: w.parentId(), parentType: "transfer", debtor: { id: a.id }, creditor: { id: b.id }, currency: "eur", amountMinor: 2_500 }));
  const draft = (amountMinor: number, obligatoryAt: number | null = null) =>
    must(w.ledger.draftPayment({ parentId: w.parentId(), parentType: "transfer", obligatoryAt, legs: [{ debtor: { id: a.id }, creditor: { id: b.id }, currency: "eur", amountMinor }, { debtor: { id: b.id }, creditor: { id: a.id }, currency: "eur", amountMinor: 1 }] })).payment;
  const pending = draft(300, T0 + 5 * MS_PER_DAY);
  must(w.ledger.pendPayments({ paymentIds: [pending.id] }));
  const canceled = draft(40);
  must(w.ledger.pendPayments({ paymentIds: [canceled.id] }));
  must(w.ledger.cancelPayments({ paymentIds: [canceled.id] }));
  draft(7);
  const otp = must(w.ledger.sendOtp({ accountId: empty.id, operation: "close" }));
  must(w.ledger.uploadDocuments({ clientId: w.clientId, documentType: "passport", description: "front", files: [{ field: "file", fileName: "p.pdf", declaredType: undefined, bytes: PDF }] }));
  must(w.ledger.uploadDocuments({ clientId: company.id, relatedIndividualId: director, documentType: "idCard", files: [{ field: "file", fileName: "id.png", declaredType: "image/png", bytes: PNG }] }));
  must(w.ledger.addRecipient(w.clientId, { name: "Lukas Meyer", accountNumber: "DE89370400440532013000", bic: "COBADEFFXXX", bankName: "Commerzbank", country: "DE", currency: "eur" }, true));
  must(w.ledger.setCurrencyEnabled("nok", false));
  w.clock.advance(MS_PER_DAY);
  must(w.ledger.recalculateDailyBalances(undefined, dayOf(T0), dayOf(T0) + 1));
  return { w, company, director, a, b, empty, otp, pending, snapshot: w.ledger.exportState() };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a snapshot is edited into every shape a bad file may have
type Loose = any;

function restore(snapshot: LedgerSnapshot, ids: IdGenerator = createSeededIds(1)): Ledger {
  return importLedger(snapshot, { clock: createManualClock(T0 + MS_PER_DAY), ids });
}

/** The message of the error importing the changed copy of the snapshot throws; fails unless it is a LedgerInvariantError. */
function refusal(snapshot: LedgerSnapshot, change: (s: Loose) => void): string {
  const copy = JSON.parse(JSON.stringify(snapshot)) as Loose;
  change(copy);
  return invariantErrorOf(() => restore(copy)).message;
}

function accountIndex(snapshot: LedgerSnapshot, id: string): number {
  return snapshot.accounts.findIndex((a) => a.id === id);
}

describe("exporting a snapshot", () => {
  it("leaves out daily balances, documents and recipients when there are none, and says null for ids a generator cannot tell", () => {
    const state = createState(createManualClock(T0), { uuid: () => UNKNOWN_ID, accountNumber: () => "FL1" });
    const snapshot = exportSnapshot(state);
    expect(snapshot).toMatchObject({ format: "finlego-sandbox-ledger", version: 1, ids: null, clients: [], accounts: [], payments: [], otps: [] });
    expect(Object.keys(snapshot)).not.toContain("dailyBalances");
    expect(Object.keys(snapshot)).not.toContain("documents");
    expect(Object.keys(snapshot)).not.toContain("recipients");
    expect(snapshot.currencies.find((c) => c.code === "eur")).toEqual({ code: "eur", name: expect.any(String), decimals: 2, isEnabled: true });
  });

  it("carries every part of a ledger: payments in creation order with their legs, OTPs, daily balances, documents and recipients", () => {
    const { snapshot, pending, otp, a, empty } = rich();
    expect(snapshot.ids).toEqual(expect.any(Array));
    // Three treasuries' fundings and the posted payment come before the drafts; each payment once, legs in order.
    expect(snapshot.payments.map((p) => p.transactions.length)).toEqual([1, 1, 2, 2, 2]);
    expect(snapshot.payments.map((p) => p.transactions[0]!.state)).toEqual(["posted", "posted", "pending", "canceled", "draft"]);
    const pend = snapshot.payments.find((p) => p.id === pending.id)!;
    expect(pend).toMatchObject({ parentType: "transfer", obligatoryAt: T0 + 5 * MS_PER_DAY, createdAt: T0, origin: "draft" });
    expect(pend.transactions[0]).toMatchObject({ paymentId: pending.id, debtorAccountId: a.id, amountMinor: 300 });
    expect(snapshot.otps).toEqual([{ id: otp.otpId, accountId: empty.id, operation: "close", expiresAt: otp.expiresAt }]);
    expect(snapshot.dailyBalances!.length).toBeGreaterThan(0);
    expect(snapshot.documents!.map((d) => [d.fileName, d.contentType, d.size])).toEqual([["p.pdf", "application/pdf", PDF.length], ["id.png", "image/png", PNG.length]]);
    expect(snapshot.recipients!.map((r) => r.name)).toEqual(["Lukas Meyer"]);
    expect(snapshot.currencies.find((c) => c.code === "nok")!.isEnabled).toBe(false);
  });
});

describe("importing a snapshot", () => {
  it("reproduces the ledger exactly, with working indexes, and goes on like the original", () => {
    const { w, snapshot, a, b, company, director, pending } = rich();
    const json = JSON.stringify(snapshot);
    const restored = restore(JSON.parse(json));
    expect(JSON.stringify(restored.exportState())).toBe(json);
    expect(restored.verify()).toEqual({ ok: true, problems: [] });
    // Lookups by number, an owner's documents and their bytes, the daily balances.
    expect(restored.getAccountByNumber(a.accountNumber)?.id).toBe(a.id);
    const [mine] = must(restored.listDocuments({ clientId: w.clientId }, undefined, { page: 1, pageSize: 10 })).items;
    expect(must(restored.readDocument({ clientId: w.clientId }, mine!.id)).content).toEqual(PDF);
    const [theirs] = must(restored.listDocuments({ clientId: company.id, relatedIndividualId: director }, undefined, { page: 1, pageSize: 10 })).items;
    expect(must(restored.readDocument({ clientId: company.id, relatedIndividualId: director }, theirs!.id)).content).toEqual(PNG);
    expect(must(restored.dailyBalances([a.id, b.id], dayOf(T0), dayOf(T0) + 1))).toEqual(must(w.ledger.dailyBalances([a.id, b.id], dayOf(T0), dayOf(T0) + 1)));
    // Posting the pending payment and opening an account do the same on both: totals and ids carried over.
    for (const ledger of [w.ledger, restored]) {
      must(ledger.postPayments({ paymentIds: [pending.id] }));
      must(ledger.createAccount({ clientId: company.id, currency: "eur", type: "client" }));
      expect(ledger.verify().ok).toBe(true);
    }
    expect(JSON.stringify(restored.exportState())).toBe(JSON.stringify(w.ledger.exportState()));
    expect(restored.getAccount(a.id)!.balanceMinor).toBe(w.ledger.getAccount(a.id)!.balanceMinor);
  });

  it("takes the ids of the generator it is given when the snapshot has none, and keeps a generator that cannot resume", () => {
    const { snapshot } = rich();
    const fresh = createSeededIds(77);
    const expected = createSeededIds(77).uuid();
    const restored = restore({ ...snapshot, ids: null }, fresh);
    expect(must(restored.createAccount({ currency: "eur", type: "fee" })).id).toBe(expected);
    const plain = createSeededIds(78);
    const restoredPlain = restore(snapshot, { uuid: () => plain.uuid(), accountNumber: () => plain.accountNumber() });
    expect(must(restoredPlain.createAccount({ currency: "eur", type: "fee" })).id).toBe(createSeededIds(78).uuid());
  });

  it("restores a client of an earlier snapshot that lacks the profile fields with the defaults of its status", () => {
    const { snapshot, w } = rich();
    const old = JSON.parse(JSON.stringify(snapshot)) as Loose;
    const ada = old.clients.find((c: Loose) => c.id === w.clientId);
    for (const field of ["verificationStatus", "dateOfBirth", "plan", "relatedIndividuals", "externalId", "applicantId", "review", "deletionRequest", "updatedAt"]) delete ada[field];
    const restored = restore(old);
    expect(restored.getClient(w.clientId)).toMatchObject({ status: "active", verificationStatus: "approved", plan: "standard", relatedIndividuals: [], externalId: null, updatedAt: null });
  });
});

describe("a snapshot the importer refuses, naming what is wrong", () => {
  const PREFIX = "invalid ledger snapshot: ";

  it("of another format or version, or no snapshot at all", () => {
    const { snapshot } = rich();
    expect(refusal(snapshot, (s) => (s.format = "finlego-sandbox-state"))).toBe(`${PREFIX}unknown format or version`);
    expect(refusal(snapshot, (s) => (s.version = 2))).toBe(`${PREFIX}unknown format or version`);
    expect(() => restore(null as unknown as LedgerSnapshot)).toThrow(new LedgerInvariantError(`${PREFIX}unknown format or version`));
  });

  it("whose lists are not arrays of objects", () => {
    const { snapshot } = rich();
    expect(refusal(snapshot, (s) => (s.currencies = {}))).toBe(`${PREFIX}currencies must be an array of objects`);
    expect(refusal(snapshot, (s) => (s.clients = [1]))).toBe(`${PREFIX}clients must be an array of objects`);
    expect(refusal(snapshot, (s) => s.accounts.push(null))).toBe(`${PREFIX}accounts must be an array of objects`);
    expect(refusal(snapshot, (s) => (s.payments = [[]]))).toBe(`${PREFIX}payments must be an array of objects`);
    expect(refusal(snapshot, (s) => delete s.otps)).toBe(`${PREFIX}otps must be an array of objects`);
    expect(refusal(snapshot, (s) => (s.documents = "none"))).toBe(`${PREFIX}documents must be an array of objects`);
    expect(refusal(snapshot, (s) => s.documents.push([]))).toBe(`${PREFIX}documents must be an array of objects`);
    expect(refusal(snapshot, (s) => (s.recipients = {}))).toBe(`${PREFIX}recipients must be an array of objects`);
    expect(refusal(snapshot, (s) => s.recipients.push("x"))).toBe(`${PREFIX}recipients must be an array of objects`);
  });

  it("with an unknown currency, or one without a string name and a boolean isEnabled", () => {
    const { snapshot } = rich();
    expect(refusal(snapshot, (s) => (s.currencies[0].code = "xyz"))).toBe(`${PREFIX}unknown currency xyz`);
    expect(refusal(snapshot, (s) => (s.currencies[1].name = 5))).toBe(`${PREFIX}currency ${snapshot.currencies[1]!.code} needs a string name and a boolean isEnabled`);
    expect(refusal(snapshot, (s) => (s.currencies[1].isEnabled = "yes"))).toBe(`${PREFIX}currency ${snapshot.currencies[1]!.code} needs a string name and a boolean isEnabled`);
  });

  it("with a client record that breaks a rule", () => {
    const { snapshot, w } = rich();
    const at = snapshot.clients.findIndex((c) => c.id === w.clientId);
    expect(refusal(snapshot, (s) => (s.clients[at].email = ""))).toBe(`${PREFIX}client ${w.clientId} has a bad email: email must be 1-254 characters`);
    // An empty id is what addClient uses for an id still to be drawn: a snapshot never has one.
    expect(refusal(snapshot, (s) => (s.clients[at].id = ""))).toBe(`${PREFIX}client  has a bad id: id must be a lower-case uuid`);
  });

  it("with a client twice, or two clients sharing an email", () => {
    const { snapshot, w } = rich();
    const at = snapshot.clients.findIndex((c) => c.id === w.clientId);
    expect(refusal(snapshot, (s) => s.clients.push(s.clients[at]))).toBe(`${PREFIX}client ${w.clientId} is duplicated or shares an email, externalId or applicantId`);
    const twin = (s: Loose) => ({ ...s.clients[at], email: "twin@example.com" });
    expect(refusal(snapshot, (s) => s.clients.push(twin(s)))).toBe(`${PREFIX}client ${w.clientId} is duplicated or shares an email, externalId or applicantId`);
    const other = snapshot.clients.find((c) => c.id !== w.clientId)!;
    expect(refusal(snapshot, (s) => (s.clients.find((c: Loose) => c.id === other.id).email = "A@example.com"))).toBe(`${PREFIX}client ${other.id} is duplicated or shares an email, externalId or applicantId`);
  });

  describe("with an account that", () => {
    const accountRefusal = (change: (account: Loose, s: Loose) => void, id?: (a: Loose) => string) => {
      const { snapshot, a } = rich();
      const at = accountIndex(snapshot, a.id);
      return refusal(snapshot, (s) => change(s.accounts[at], s)).replace(id?.(a) ?? a.id, "<id>");
    };

    it("has no lower-case uuid id", () => {
      expect(accountRefusal((x) => (x.id = x.id.toUpperCase()), (a) => a.id.toUpperCase())).toBe(`${PREFIX}account <id> has no lower-case uuid id`);
      expect(accountRefusal((x) => (x.id = "a1"), () => "a1")).toBe(`${PREFIX}account <id> has no lower-case uuid id`);
    });

    it("has an unusable account number", () => {
      expect(accountRefusal((x) => (x.accountNumber = "FL-1"))).toBe(`${PREFIX}account <id> has an unusable accountNumber: accountNumber must be 1-34 letters or digits`);
    });

    it("has an unknown currency, type or status", () => {
      const why = `${PREFIX}account <id> has an unknown currency, type or status`;
      expect(accountRefusal((x) => (x.currency = "xyz"))).toBe(why);
      expect(accountRefusal((x) => (x.type = "savings"))).toBe(why);
      expect(accountRefusal((x) => (x.status = "frozen"))).toBe(why);
    });

    it("names a client that does not exist, or a system account that names one", () => {
      const why = `${PREFIX}account <id> names a client that does not exist (client accounts) or any client (system accounts)`;
      expect(accountRefusal((x) => (x.clientId = UNKNOWN_ID))).toBe(why);
      expect(accountRefusal((x) => (x.clientId = null))).toBe(why);
      const { snapshot, w } = rich();
      const treasury = snapshot.accounts.find((x) => x.type === "treasury")!;
      expect(refusal(snapshot, (s) => (s.accounts[accountIndex(snapshot, treasury.id)].clientId = w.clientId))).toBe(`${PREFIX}account ${treasury.id} names a client that does not exist (client accounts) or any client (system accounts)`);
    });

    it("has a name that is not null or a string of at most 200 characters", () => {
      const why = `${PREFIX}account <id> has a name that is neither null nor a string of at most 200 characters`;
      expect(accountRefusal((x) => (x.name = "n".repeat(201)))).toBe(why);
      expect(accountRefusal((x) => (x.name = 5))).toBe(why);
      expect(accountRefusal((x) => (x.name = ["n"]))).toBe(why);
      const { snapshot, a } = rich();
      const named = JSON.parse(JSON.stringify(snapshot)) as Loose;
      named.accounts[accountIndex(snapshot, a.id)].name = "n".repeat(200);
      expect(restore(named).getAccount(a.id)!.name).toHaveLength(200);
    });

    it("has an allowNegativeBalance that is not a boolean, or true on a client account", () => {
      const why = `${PREFIX}account <id> has an allowNegativeBalance that is not a boolean, or true on a client account`;
      expect(accountRefusal((x) => (x.allowNegativeBalance = "no"))).toBe(why);
      expect(accountRefusal((x) => (x.allowNegativeBalance = true))).toBe(why);
    });

    it("has stored balances that are not integers", () => {
      const why = `${PREFIX}account <id> has stored balances that are not integer minor units`;
      expect(accountRefusal((x) => (x.balanceMinor = 1.5))).toBe(why);
      expect(accountRefusal((x) => (x.heldMinor = "0"))).toBe(why);
      expect(accountRefusal((x) => (x.pendingIncomingMinor = null))).toBe(why);
    });

    it("has an order that is not a non-negative integer", () => {
      const why = `${PREFIX}account <id> has an order that is not a non-negative integer`;
      expect(accountRefusal((x) => (x.order = -1))).toBe(why);
      expect(accountRefusal((x) => (x.order = 0.5))).toBe(why);
    });

    it("has a time that is not epoch ms", () => {
      const why = `${PREFIX}account <id> has a time that is not epoch ms`;
      expect(accountRefusal((x) => (x.createdAt = null))).toBe(why);
      expect(accountRefusal((x) => (x.updatedAt = "2026-01-01"))).toBe(why);
      expect(accountRefusal((x) => (x.closedAt = 1.5))).toBe(why);
    });

    it("repeats another account's id or number", () => {
      const { snapshot, a, b } = rich();
      expect(refusal(snapshot, (s) => (s.accounts[accountIndex(snapshot, b.id)].id = a.id))).toBe(`${PREFIX}duplicate account ${a.id} / ${b.accountNumber}`);
      expect(refusal(snapshot, (s) => (s.accounts[accountIndex(snapshot, b.id)].accountNumber = a.accountNumber))).toBe(`${PREFIX}duplicate account ${b.id} / ${a.accountNumber}`);
    });
  });

  describe("with a payment that", () => {
    /** The refusal of a change to the pending payment (two legs: a to b, b to a). */
    const paymentRefusal = (change: (p: Loose, s: Loose) => void) => {
      const { snapshot, pending } = rich();
      const at = snapshot.payments.findIndex((p) => p.id === pending.id);
      return { message: refusal(snapshot, (s) => change(s.payments[at], s)), payment: snapshot.payments[at]! };
    };

    it("has no lower-case uuid id or parentId", () => {
      const upper = paymentRefusal((p) => (p.id = p.id.toUpperCase()));
      expect(upper.message).toBe(`${PREFIX}payment ${upper.payment.id.toUpperCase()} needs lower-case uuid id and parentId`);
      const parent = paymentRefusal((p) => (p.parentId = "p1"));
      expect(parent.message).toBe(`${PREFIX}payment ${parent.payment.id} needs lower-case uuid id and parentId`);
    });

    it("has no transactions", () => {
      for (const transactions of [[], "legs", [1]]) {
        const { message, payment } = paymentRefusal((p) => (p.transactions = transactions));
        expect(message).toBe(`${PREFIX}payment ${payment.id} needs at least one transaction`);
      }
    });

    it("repeats another payment's id", () => {
      const { snapshot } = rich();
      const [first, second] = snapshot.payments;
      expect(refusal(snapshot, (s) => (s.payments[1].id = first!.id))).toBe(`${PREFIX}duplicate payment ${first!.id}`);
      expect(second).toBeDefined();
    });

    it("has an unknown parentType or origin", () => {
      for (const change of [(p: Loose) => (p.parentType = "gift"), (p: Loose) => (p.origin = "import")]) {
        const { message, payment } = paymentRefusal(change);
        expect(message).toBe(`${PREFIX}payment ${payment.id} has an unknown parentType or origin`);
      }
    });

    it("has a createdAt or obligatoryAt that is not epoch ms", () => {
      for (const change of [(p: Loose) => (p.createdAt = null), (p: Loose) => (p.obligatoryAt = 1.5)]) {
        const { message, payment } = paymentRefusal(change);
        expect(message).toBe(`${PREFIX}payment ${payment.id} has a time that is not epoch ms`);
      }
    });

    it("has a leg without a lower-case uuid id, a positive amount or a string or null stateReason", () => {
      const why = (id: string) => `${PREFIX}transaction ${id} needs a lower-case uuid id, a positive amountMinor and a string or null stateReason`;
      const upper = paymentRefusal((p) => (p.transactions[0].id = p.transactions[0].id.toUpperCase()));
      expect(upper.message).toBe(why(upper.payment.transactions[0]!.id.toUpperCase()));
      const zero = paymentRefusal((p) => (p.transactions[1].amountMinor = 0));
      expect(zero.message).toBe(why(zero.payment.transactions[1]!.id));
      const reason = paymentRefusal((p) => (p.transactions[0].stateReason = 5));
      expect(reason.message).toBe(why(reason.payment.transactions[0]!.id));
    });

    it("has a leg naming an unknown account, or one account on both sides", () => {
      const why = (id: string) => `${PREFIX}transaction ${id} names an unknown account, or one account on both sides`;
      const debtor = paymentRefusal((p) => (p.transactions[0].debtorAccountId = UNKNOWN_ID));
      expect(debtor.message).toBe(why(debtor.payment.transactions[0]!.id));
      const creditor = paymentRefusal((p) => (p.transactions[1].creditorAccountId = UNKNOWN_ID));
      expect(creditor.message).toBe(why(creditor.payment.transactions[1]!.id));
      const same = paymentRefusal((p) => (p.transactions[0].creditorAccountId = p.transactions[0].debtorAccountId));
      expect(same.message).toBe(why(same.payment.transactions[0]!.id));
    });

    it("has a leg that repeats another's id, or has an unknown state or currency", () => {
      const why = (id: string) => `${PREFIX}transaction ${id} is duplicated or has an unknown state or currency`;
      // The id of a leg of an earlier payment is taken.
      const { snapshot, pending } = rich();
      const taken = snapshot.payments[0]!.transactions[0]!.id;
      const at = snapshot.payments.findIndex((p) => p.id === pending.id);
      expect(refusal(snapshot, (s) => (s.payments[at].transactions[0].id = taken))).toBe(why(taken));
      // So is the id of an earlier leg of the same payment.
      const twice = paymentRefusal((p) => (p.transactions[1].id = p.transactions[0].id));
      expect(twice.message).toBe(why(twice.payment.transactions[0]!.id));
      const state = paymentRefusal((p) => (p.transactions[0].state = "held"));
      expect(state.message).toBe(why(state.payment.transactions[0]!.id));
      const currency = paymentRefusal((p) => (p.transactions[0].currency = "xyz"));
      expect(currency.message).toBe(why(currency.payment.transactions[0]!.id));
    });

    it("has a leg with a time that is not epoch ms", () => {
      const why = (id: string) => `${PREFIX}transaction ${id} has a time that is not epoch ms`;
      for (const change of [(t: Loose) => (t.postedAt = 1.5), (t: Loose) => (t.stateChanges = {}), (t: Loose) => (t.stateChanges[0].at = "now"), (t: Loose) => (t.stateChanges[0] = null)]) {
        const { message, payment } = paymentRefusal((p) => change(p.transactions[0]));
        expect(message).toBe(why(payment.transactions[0]!.id));
      }
    });

    it("has a leg its payment, accounts or state changes do not give back", () => {
      const why = (id: string) => `${PREFIX}transaction ${id} disagrees with its payment, accounts or state changes`;
      for (const change of [
        (t: Loose) => (t.createdAt += 1),
        (t: Loose) => (t.debtorAccountNumber = "FL9"),
        (t: Loose) => (t.parentId = UNKNOWN_ID),
        (t: Loose) => (t.paymentId = UNKNOWN_ID),
        (t: Loose) => (t.creditorAccountNumber = "FL9"),
        (t: Loose) => (t.parentType = "exchange"),
      ]) {
        const { message, payment } = paymentRefusal((p) => change(p.transactions[0]));
        expect(message).toBe(why(payment.transactions[0]!.id));
      }
    });
  });

  describe("with an OTP that", () => {
    it("has no lower-case uuid id, or repeats another's", () => {
      const { snapshot, otp } = rich();
      expect(refusal(snapshot, (s) => (s.otps[0].id = otp.otpId.toUpperCase()))).toBe(`${PREFIX}otp ${otp.otpId.toUpperCase()} has no lower-case uuid id or is duplicated`);
      expect(refusal(snapshot, (s) => s.otps.push(s.otps[0]))).toBe(`${PREFIX}otp ${otp.otpId} has no lower-case uuid id or is duplicated`);
    });

    it("names an unknown account, or has a bad operation or expiry", () => {
      const { snapshot, otp } = rich();
      const why = `${PREFIX}otp ${otp.otpId} names an unknown account or has a bad operation or expiry`;
      expect(refusal(snapshot, (s) => (s.otps[0].accountId = UNKNOWN_ID))).toBe(why);
      expect(refusal(snapshot, (s) => (s.otps[0].expiresAt = 1.5))).toBe(why);
      expect(refusal(snapshot, (s) => (s.otps[0].operation = "open"))).toBe(why);
    });

    it("activates, or closes, is restored as it was", () => {
      const { snapshot, otp, empty } = rich();
      const activate = JSON.parse(JSON.stringify(snapshot)) as Loose;
      activate.otps[0].operation = "activate";
      expect(restore(activate).exportState().otps).toEqual([{ id: otp.otpId, accountId: empty.id, operation: "activate", expiresAt: otp.expiresAt }]);
    });
  });

  it("with a document, recipient or daily balance that is malformed, naming it", () => {
    const { snapshot } = rich();
    const document = snapshot.documents![0]!;
    expect(refusal(snapshot, (s) => (s.documents[0].clientId = UNKNOWN_ID))).toBe(`${PREFIX}document ${document.id} names a client that does not exist`);
    const recipient = snapshot.recipients![0]!;
    expect(refusal(snapshot, (s) => (s.recipients[0].clientId = UNKNOWN_ID))).toBe(`${PREFIX}recipient ${recipient.id} names a client that does not exist`);
    expect(refusal(snapshot, (s) => (s.dailyBalances[0].accountId = UNKNOWN_ID))).toBe(`${PREFIX}daily balance of ${UNKNOWN_ID} names an unknown account`);
    expect(refusal(snapshot, (s) => (s.transferProcessing = { mode: "never" }))).toMatch(/^invalid ledger snapshot: transferProcessing has a bad /);
  });

  it("whose stored balances do not add up to its postings, listing the problems", () => {
    const { snapshot, a } = rich();
    const message = refusal(snapshot, (s) => (s.accounts[accountIndex(snapshot, a.id)].balanceMinor += 1));
    expect(message).toMatch(/^ledger snapshot is inconsistent: .*account/);
    expect(message).toContain(a.id);
  });

  it("whose problems are many, naming the first five in the message and carrying all of them", () => {
    const { snapshot } = rich();
    const copy = JSON.parse(JSON.stringify(snapshot)) as Loose;
    for (const account of copy.accounts) account.balanceMinor += 1;
    const { message, problems } = invariantErrorOf(() => restore(copy));
    expect(problems.length).toBeGreaterThan(5);
    expect(message).toBe(`ledger snapshot is inconsistent: ${problems.slice(0, 5).join("; ")}`);
  });
});
