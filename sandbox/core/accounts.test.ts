import { describe, expect, it } from "vitest";
import { RESERVED_ACCOUNT_NUMBER } from "./accounts.js";
import { createManualClock } from "./clock.js";
import { createSeededIds } from "./ids.js";
import { createLedger, importLedger } from "./ledger.js";
import { OTP_VALIDITY_MS, SANDBOX_OTP_CODE } from "./otp.js";
import { balancesOf, codeOf, makeWorld, must, parentId, T0 } from "./test-helpers.js";
import { CURRENCIES } from "./types.js";
import type { DomainError, Result } from "./types.js";

describe("clients", () => {
  it("registers a client with a generated id and active status by default", () => {
    const w = makeWorld();
    const c = must(w.ledger.addClient({ type: "company", email: "ops@acme.example", phone: null, firstName: null, lastName: null, companyName: "Acme", country: "de" }));
    expect(c).toMatchObject({ type: "company", status: "active", country: "DE", createdAt: T0 });
    expect(w.ledger.getClient(c.id)).toEqual(c);
    expect(w.ledger.getClient(c.id.toUpperCase())).toEqual(c);
  });

  it("refuses a duplicate id or a malformed client", () => {
    const w = makeWorld();
    const input = { id: "11111111-2222-4333-8444-555555555555", type: "individual" as const, email: "x@y.z", phone: null, firstName: "X", lastName: "Y", companyName: null, country: "PL" };
    must(w.ledger.addClient(input));
    expect(codeOf(w.ledger.addClient(input))).toBe("validationError");
    expect(codeOf(w.ledger.addClient({ ...input, id: undefined, type: "robot" as never }))).toBe("validationError");
    expect(codeOf(w.ledger.addClient({ ...input, id: undefined, country: "Poland" }))).toBe("validationError");
  });
});

describe("currencies", () => {
  it("lists all ten, enabled by default, in enum order", () => {
    const w = makeWorld();
    expect(w.ledger.listCurrencies().map((c) => c.code)).toEqual([...CURRENCIES]);
    expect(w.ledger.listCurrencies().every((c) => c.isEnabled && c.decimals === 2)).toBe(true);
    expect(w.ledger.availableCurrencies()).toEqual([...CURRENCIES]);
    expect(must(w.ledger.getCurrency("EUR"))).toEqual({ code: "eur", name: "Euro", decimals: 2, isEnabled: true });
    expect(codeOf(w.ledger.getCurrency("xau"))).toBe("currencyNotFound");
  });

  it("refuses client accounts in a disabled currency until it is enabled again", () => {
    const w = makeWorld();
    must(w.ledger.setCurrencyEnabled("pln", false, "Złoty"));
    expect(must(w.ledger.getCurrency("pln"))).toMatchObject({ name: "Złoty", isEnabled: false });
    expect(codeOf(w.ledger.openClientAccount({ clientId: w.clientId, currency: "pln" }))).toBe("currencyNotEnabled");
    expect(codeOf(w.ledger.openClientAccount({ clientId: w.clientId, currency: "xau" as never }))).toBe("currencyNotSupported");
    must(w.ledger.setCurrencyEnabled("pln", true));
    expect(must(w.ledger.openClientAccount({ clientId: w.clientId, currency: "pln" })).status).toBe("pending");
  });
});

describe("accounts", () => {
  it("creates system accounts active with negative balances allowed, client accounts without", () => {
    const w = makeWorld();
    const fee = must(w.ledger.createAccount({ currency: "eur", type: "fee" }));
    expect(fee).toMatchObject({ status: "active", allowNegativeBalance: true, clientId: null, balanceMinor: 0, order: 0 });
    expect(fee.accountNumber).toMatch(/^FL\d{18}$/);
    const client = must(w.ledger.createAccount({ clientId: w.clientId, currency: "eur", type: "client", name: "Main" }));
    expect(client).toMatchObject({ status: "active", allowNegativeBalance: false, name: "Main", order: 1 });
  });

  it("refuses duplicate numbers, unknown clients and client accounts without a client", () => {
    const w = makeWorld();
    must(w.ledger.createAccount({ currency: "eur", type: "fee", accountNumber: "FL111" }));
    expect(codeOf(w.ledger.createAccount({ currency: "eur", type: "fee", accountNumber: "FL111" }))).toBe("duplicateAccountNumber");
    expect(codeOf(w.ledger.createAccount({ currency: "eur", type: "client", clientId: "7c1f0e2a-0000-4000-8000-000000000000" }))).toBe("clientNotFound");
    expect(codeOf(w.ledger.openClientAccount({ clientId: "7c1f0e2a-0000-4000-8000-000000000000", currency: "eur" }))).toBe("clientNotFound");
    expect(codeOf(w.ledger.createAccount({ currency: "eur", type: "client" }))).toBe("validationError");
    expect(codeOf(w.ledger.createAccount({ currency: "eur", type: "fee", accountNumber: "7c1f0e2a-0000-4000-8000-000000000000" }))).toBe("validationError");
  });

  it("finds accounts by id or number, and by numbers in request order", () => {
    const w = makeWorld();
    const a = w.account("eur");
    const b = w.account("usd");
    expect(w.ledger.findAccount(a.id)).toEqual(a);
    expect(w.ledger.findAccount(a.accountNumber)).toEqual(a);
    expect(w.ledger.getAccountByNumber(b.accountNumber)).toEqual(b);
    expect(w.ledger.findAccount("nope")).toBeUndefined();
    expect(w.ledger.accountsByNumbers([b.accountNumber, "FL000", a.accountNumber]).map((x) => x.id)).toEqual([b.id, a.id]);
  });

  it("lists accounts by filter with paging", () => {
    const w = makeWorld();
    const a = w.account("eur");
    const b = w.account("usd");
    w.account("eur", 0, "fee");
    const byClient = w.ledger.listAccounts({ clientIds: [w.clientId] }, { page: 1, pageSize: 20 });
    // Lists are ordered by account number, as the spec documents them.
    const byNumber = [a, b].sort((x, y) => (x.accountNumber < y.accountNumber ? -1 : 1)).map((x) => x.id);
    expect(byClient.items.map((x) => x.id)).toEqual(byNumber);
    expect(w.ledger.listAccounts({ types: ["treasury"] }, { page: 1, pageSize: 2 })).toMatchObject({ totalCount: 3, page: 1, pageSize: 2 });
    expect(w.ledger.listAccounts({ types: ["treasury"] }, { page: 2, pageSize: 2 }).items).toHaveLength(1);
    expect(w.ledger.listAccounts({ currencies: ["eur"], types: ["client"] }, { page: 1, pageSize: 20 }).items.map((x) => x.id)).toEqual([a.id]);
    expect(w.ledger.listAccounts({ accountIds: [b.id, a.id], statuses: ["active"] }, { page: 1, pageSize: 20 }).items.map((x) => x.id)).toEqual(byNumber);
    expect(w.ledger.listAccounts({ accountNumbers: [a.accountNumber] }, { page: 1, pageSize: 500 }).pageSize).toBe(100);
  });

  it("renames an account and refuses to rename a closed one", () => {
    const w = makeWorld();
    const a = w.account("eur");
    w.clock.advance(5);
    expect(must(w.ledger.updateAccount(a.id, { name: "Holidays" }))).toMatchObject({ name: "Holidays", updatedAt: T0 + 5 });
    must(w.ledger.closeAccount(a.id));
    expect(codeOf(w.ledger.updateAccount(a.id, { name: "x" }))).toBe("accountNotActive");
    expect(codeOf(w.ledger.updateAccount("7c1f0e2a-0000-4000-8000-000000000000", { name: "x" }))).toBe("accountNotFound");
  });

  it("closes only empty accounts, once, and keeps closed accounts out of payments", () => {
    const w = makeWorld();
    const a = w.account("eur", 100);
    const b = w.account("eur");
    expect(codeOf(w.ledger.closeAccount(a.id))).toBe("accountNotEmpty");
    const draft = must(w.ledger.draftPayment({ parentId: parentId(), parentType: "transfer", legs: [{ debtor: { id: a.id }, creditor: { id: b.id }, currency: "eur", amountMinor: 5 }] })).payment;
    must(w.ledger.pendPayments({ paymentIds: [draft.id] }));
    expect(codeOf(w.ledger.closeAccount(b.id))).toBe("accountNotEmpty");
    must(w.ledger.cancelPayments({ paymentIds: [draft.id] }));
    const late = must(w.ledger.draftPayment({ parentId: parentId(), parentType: "transfer", legs: [{ debtor: { id: a.id }, creditor: { id: b.id }, currency: "eur", amountMinor: 5 }] })).payment;
    w.clock.advance(7);
    expect(must(w.ledger.closeAccount(b.id))).toMatchObject({ status: "closed", closedAt: T0 + 7 });
    expect(codeOf(w.ledger.closeAccount(b.id))).toBe("accountNotActive");
    expect(codeOf(w.ledger.pendPayments({ paymentIds: [late.id] }))).toBe("accountNotActive");
    expect(codeOf(w.ledger.cancelPayments({ paymentIds: [late.id] }))).toBe("ok");
    expect(codeOf(w.ledger.createPayment({ parentId: parentId(), parentType: "transfer", debtor: { id: a.id }, creditor: { id: b.id }, currency: "eur", amountMinor: 1 }))).toBe("accountNotActive");
  });

  it("reorders exactly the client's open accounts", () => {
    const w = makeWorld();
    const a = w.account("eur");
    const b = w.account("usd");
    const c = w.account("gbp");
    must(w.ledger.closeAccount(c.id));
    const d = w.account("eur");
    expect(w.ledger.listClientAccounts(w.clientId).map((x) => x.id)).toEqual([a.id, b.id, c.id, d.id]);
    expect(codeOf(w.ledger.reorderAccounts(w.clientId, [b.id, a.id]))).toBe("invalidAccountOrder");
    expect(codeOf(w.ledger.reorderAccounts(w.clientId, [b.id, a.id, d.id, d.id]))).toBe("invalidAccountOrder");
    expect(codeOf(w.ledger.reorderAccounts(w.clientId, [b.id, a.id, c.id]))).toBe("invalidAccountOrder");
    const ordered = must(w.ledger.reorderAccounts(w.clientId, [d.id, b.id, a.id]));
    expect(ordered.map((x) => x.id)).toEqual([d.id, b.id, a.id, c.id]);
    expect(ordered.map((x) => x.order)).toEqual([1, 2, 3, 4]);
    expect(codeOf(w.ledger.reorderAccounts("7c1f0e2a-0000-4000-8000-000000000000", []))).toBe("clientNotFound");
  });
});

describe("OTP", () => {
  it("activates a pending account with the sandbox code, once", () => {
    const w = makeWorld();
    const acc = must(w.ledger.openClientAccount({ clientId: w.clientId, currency: "eur", name: "New" }));
    const { otpId, expiresAt } = must(w.ledger.sendOtp({ accountId: acc.id, operation: "activate" }));
    expect(expiresAt).toBe(T0 + OTP_VALIDITY_MS);
    expect(codeOf(w.ledger.verifyOtp({ otpId, code: "123456" }))).toBe("invalidOtp");
    expect(must(w.ledger.verifyOtp({ otpId, code: SANDBOX_OTP_CODE })).status).toBe("active");
    expect(codeOf(w.ledger.verifyOtp({ otpId, code: SANDBOX_OTP_CODE }))).toBe("otpNotFound");
    expect(codeOf(w.ledger.sendOtp({ accountId: acc.id, operation: "activate" }))).toBe("invalidStateTransition");
  });

  it("expires after five minutes", () => {
    const w = makeWorld();
    const acc = must(w.ledger.openClientAccount({ clientId: w.clientId, currency: "eur" }));
    const { otpId } = must(w.ledger.sendOtp({ accountId: acc.id, operation: "activate" }));
    w.clock.advance(OTP_VALIDITY_MS + 1);
    expect(codeOf(w.ledger.verifyOtp({ otpId, code: SANDBOX_OTP_CODE }))).toBe("otpExpired");
    expect(w.ledger.getAccount(acc.id)!.status).toBe("pending");
  });

  it("closes an account by OTP under the rules of closeAccount", () => {
    const w = makeWorld();
    const a = w.account("eur", 100);
    expect(codeOf(w.ledger.sendOtp({ accountId: a.id, operation: "close" }))).toBe("accountNotEmpty");
    const payBack = (amountMinor: number) => must(w.ledger.createPayment({ parentId: parentId(), parentType: "adjustingPayment", debtor: { id: a.id }, creditor: { id: w.treasury.eur! }, currency: "eur", amountMinor }));
    payBack(w.ledger.getAccount(a.id)!.balanceMinor);
    const { otpId } = must(w.ledger.sendOtp({ accountId: a.id, operation: "close" }));
    // Money that arrives between sending and verifying the OTP still blocks the close.
    must(w.ledger.createPayment({ parentId: parentId(), parentType: "adjustingPayment", debtor: { id: w.treasury.eur! }, creditor: { id: a.id }, currency: "eur", amountMinor: 5 }));
    expect(codeOf(w.ledger.verifyOtp({ otpId, code: SANDBOX_OTP_CODE }))).toBe("accountNotEmpty");
    payBack(5);
    expect(must(w.ledger.verifyOtp({ otpId, code: SANDBOX_OTP_CODE })).status).toBe("closed");
    expect(balancesOf(w.ledger, a.id)).toEqual([0, 0, 0, 0]);
    expect(codeOf(w.ledger.sendOtp({ accountId: a.id, operation: "close" }))).toBe("accountNotActive");
    expect(codeOf(w.ledger.sendOtp({ accountId: "7c1f0e2a-0000-4000-8000-000000000000", operation: "close" }))).toBe("accountNotFound");
  });
});

/** The error of a refused result (fails the test when the result is ok). */
function errorOf(result: Result<unknown>): DomainError {
  if (result.ok) throw new Error("expected a refusal, got ok");
  return result.error;
}

const UNKNOWN_CLIENT = "7c1f0e2a-0000-4000-8000-000000000000";
const LONG_NAME = "n".repeat(201);

describe("account validation in the core", () => {
  it("refuses a client account opened for an unknown client or with a bad name, opening nothing", () => {
    const w = makeWorld();
    const before = w.ledger.listAccounts({}, { page: 1, pageSize: 100 }).totalCount;
    expect(errorOf(w.ledger.openClientAccount({ clientId: UNKNOWN_CLIENT, currency: "eur" }))).toMatchObject({ code: "clientNotFound", field: "clientId", message: expect.stringContaining(UNKNOWN_CLIENT) });
    const long = errorOf(w.ledger.openClientAccount({ clientId: w.clientId, currency: "eur", name: LONG_NAME }));
    expect(long).toMatchObject({ code: "validationError", field: "name", message: expect.stringContaining("200") });
    expect(errorOf(w.ledger.openClientAccount({ clientId: w.clientId, currency: "eur", name: 7 as never })).field).toBe("name");
    expect(w.ledger.listAccounts({}, { page: 1, pageSize: 100 }).totalCount).toBe(before);
    expect(w.ledger.listClientAccounts(w.clientId)).toEqual([]);
    // A name of exactly 200 characters is fine.
    expect(must(w.ledger.openClientAccount({ clientId: w.clientId, currency: "eur", name: "n".repeat(200) })).name).toHaveLength(200);
  });

  it("refuses an unknown type, a bad name or a non-boolean allowNegativeBalance on the system route, creating nothing", () => {
    const w = makeWorld();
    const before = w.ledger.listAccounts({}, { page: 1, pageSize: 100 }).totalCount;
    expect(errorOf(w.ledger.createAccount({ currency: "eur", type: "robot" as never }))).toMatchObject({ code: "validationError", field: "type", message: expect.stringContaining("type") });
    expect(errorOf(w.ledger.createAccount({ currency: "eur", type: "fee", name: LONG_NAME }))).toMatchObject({ code: "validationError", field: "name", message: expect.stringContaining("200") });
    expect(errorOf(w.ledger.createAccount({ currency: "eur", type: "fee", allowNegativeBalance: "yes" as never }))).toMatchObject({ code: "validationError", field: "allowNegativeBalance", message: expect.stringContaining("boolean") });
    expect(w.ledger.listAccounts({}, { page: 1, pageSize: 100 }).totalCount).toBe(before);
  });

  it("lets a system account refuse to go negative, or allow it explicitly", () => {
    const w = makeWorld();
    expect(must(w.ledger.createAccount({ currency: "eur", type: "fee", allowNegativeBalance: false })).allowNegativeBalance).toBe(false);
    expect(must(w.ledger.createAccount({ currency: "eur", type: "fx", allowNegativeBalance: true })).allowNegativeBalance).toBe(true);
  });

  it("accepts allowNegativeBalance false on a client account and refuses true", () => {
    const w = makeWorld();
    expect(must(w.ledger.createAccount({ clientId: w.clientId, currency: "eur", type: "client", allowNegativeBalance: false })).allowNegativeBalance).toBe(false);
    const refused = errorOf(w.ledger.createAccount({ clientId: w.clientId, currency: "usd", type: "client", allowNegativeBalance: true }));
    expect(refused).toMatchObject({ code: "validationError", field: "allowNegativeBalance", message: expect.stringContaining("negative") });
    expect(w.ledger.listClientAccounts(w.clientId)).toHaveLength(1);
  });

  it("takes a given unused uuid as the id (lower-cased) and refuses a malformed or used one", () => {
    const w = makeWorld();
    const id = "ABCDEF01-2345-4678-89AB-CDEF01234567";
    expect(must(w.ledger.createAccount({ id, currency: "eur", type: "fee" })).id).toBe(id.toLowerCase());
    const used = errorOf(w.ledger.createAccount({ id: id.toLowerCase(), currency: "usd", type: "fee" }));
    expect(used).toMatchObject({ code: "validationError", field: "id", message: expect.stringContaining("uuid") });
    expect(errorOf(w.ledger.createAccount({ id, currency: "usd", type: "fee" })).field).toBe("id");
    expect(errorOf(w.ledger.createAccount({ id: "not-a-uuid", currency: "usd", type: "fee" })).field).toBe("id");
    expect(w.ledger.getAccount(id)!.currency).toBe("eur");
    expect(w.ledger.getAccount("not-a-uuid")).toBeUndefined();
  });

  it("names the clientId when a client account lacks it, a system account has one, or the client is unknown", () => {
    const w = makeWorld();
    const before = w.ledger.listAccounts({}, { page: 1, pageSize: 100 }).totalCount;
    expect(errorOf(w.ledger.createAccount({ currency: "eur", type: "client" }))).toMatchObject({ code: "validationError", field: "clientId", message: expect.stringContaining("clientId") });
    expect(errorOf(w.ledger.createAccount({ clientId: w.clientId, currency: "eur", type: "treasury" }))).toMatchObject({ code: "validationError", field: "clientId", message: expect.stringContaining("client") });
    expect(errorOf(w.ledger.createAccount({ clientId: UNKNOWN_CLIENT, currency: "eur", type: "client" }))).toMatchObject({ code: "clientNotFound", field: "clientId", message: expect.stringContaining(UNKNOWN_CLIENT) });
    expect(w.ledger.listAccounts({}, { page: 1, pageSize: 100 }).totalCount).toBe(before);
    expect(w.ledger.listClientAccounts(w.clientId)).toEqual([]);
  });

  it("accepts 1-34 letters or digits as an account number, nothing else, and never the reserved one", () => {
    const w = makeWorld();
    expect(must(w.ledger.createAccount({ currency: "eur", type: "fee", accountNumber: "A" })).accountNumber).toBe("A");
    expect(must(w.ledger.createAccount({ currency: "eur", type: "fee", accountNumber: "Z".repeat(34) })).accountNumber).toBe("Z".repeat(34));
    for (const bad of ["", "FL-1", " FL1", "FL1 ", "-FL1", "FL1-", "Z".repeat(35), 123 as never]) {
      const error = errorOf(w.ledger.createAccount({ currency: "eur", type: "fee", accountNumber: bad }));
      expect(error).toMatchObject({ code: "validationError", field: "accountNumber", message: expect.stringContaining("1-34") });
    }
    expect(errorOf(w.ledger.createAccount({ currency: "eur", type: "fee", accountNumber: RESERVED_ACCOUNT_NUMBER }))).toMatchObject({ code: "validationError", field: "accountNumber", message: expect.stringContaining(RESERVED_ACCOUNT_NUMBER) });
    expect(errorOf(w.ledger.createAccount({ currency: "usd", type: "fee", accountNumber: "A" }))).toMatchObject({ code: "duplicateAccountNumber", field: "accountNumber", message: expect.stringContaining("A is already in use") });
    expect(w.ledger.listAccounts({ types: ["fee"] }, { page: 1, pageSize: 100 }).totalCount).toBe(2);
  });

  it("skips a generated account number that is already in use", () => {
    const seeded = createSeededIds(1);
    const numbers = ["FL1", "FL1", "FL1", "FL2"];
    const ids = { uuid: () => seeded.uuid(), accountNumber: () => numbers.shift() ?? seeded.accountNumber() };
    const ledger = createLedger({ clock: createManualClock(T0), ids });
    expect(must(ledger.createAccount({ currency: "eur", type: "fee" })).accountNumber).toBe("FL1");
    expect(must(ledger.createAccount({ currency: "eur", type: "fee" })).accountNumber).toBe("FL2");
  });

  it("lists no accounts for a client without any, or an unknown client", () => {
    const w = makeWorld();
    expect(w.ledger.listClientAccounts(w.clientId)).toEqual([]);
    expect(w.ledger.listClientAccounts(UNKNOWN_CLIENT)).toEqual([]);
  });

  it("lists a client's accounts of equal order in the order they were created", () => {
    const w = makeWorld();
    const a = w.account("eur");
    const b = w.account("usd");
    const c = w.account("gbp");
    const snapshot = w.ledger.exportState();
    for (const x of snapshot.accounts) if (x.clientId !== null) x.order = 1;
    const restored = importLedger(snapshot, { clock: w.clock, ids: createSeededIds(1) });
    expect(restored.listClientAccounts(w.clientId).map((x) => x.id)).toEqual([a.id, b.id, c.id]);
  });

  it("names the account in the refusals of renaming and closing, and changes nothing", () => {
    const w = makeWorld();
    const a = w.account("eur");
    expect(errorOf(w.ledger.updateAccount(UNKNOWN_CLIENT, { name: "x" }))).toMatchObject({ code: "accountNotFound", message: expect.stringContaining(UNKNOWN_CLIENT) });
    expect(errorOf(w.ledger.closeAccount(UNKNOWN_CLIENT))).toMatchObject({ code: "accountNotFound", message: expect.stringContaining(UNKNOWN_CLIENT) });
    expect(errorOf(w.ledger.updateAccount(a.id, { name: LONG_NAME }))).toMatchObject({ code: "validationError", field: "name", message: expect.stringContaining("200") });
    expect(w.ledger.getAccount(a.id)).toEqual(a);
    must(w.ledger.closeAccount(a.id));
    expect(errorOf(w.ledger.updateAccount(a.id, { name: "x" }))).toMatchObject({ code: "accountNotActive", message: expect.stringContaining(a.id) });
    expect(errorOf(w.ledger.closeAccount(a.id))).toMatchObject({ code: "accountNotActive", message: expect.stringContaining(a.id) });
  });

  it("leaves name and updatedAt alone when a rename gives no name", () => {
    const w = makeWorld();
    const a = must(w.ledger.createAccount({ clientId: w.clientId, currency: "eur", type: "client", name: "Main" }));
    w.clock.advance(5);
    expect(must(w.ledger.updateAccount(a.id, {}))).toEqual(a);
    expect(must(w.ledger.updateAccount(a.id, { name: null }))).toMatchObject({ name: null, updatedAt: T0 + 5 });
  });

  it("refuses to close an account that only holds funds for a pending payment", () => {
    const w = makeWorld();
    const fee = w.account("eur", 0, "fee");
    const b = w.account("eur");
    const p = must(w.ledger.draftPayment({ parentId: parentId(), parentType: "transfer", legs: [{ debtor: { id: fee.id }, creditor: { id: b.id }, currency: "eur", amountMinor: 5 }] })).payment;
    must(w.ledger.pendPayments({ paymentIds: [p.id] }));
    expect(balancesOf(w.ledger, fee.id)).toEqual([0, 5, 0, -5]);
    expect(errorOf(w.ledger.closeAccount(fee.id))).toMatchObject({ code: "accountNotEmpty", message: expect.stringContaining(fee.id) });
    expect(w.ledger.getAccount(fee.id)!.status).toBe("active");
    must(w.ledger.cancelPayments({ paymentIds: [p.id] }));
    expect(must(w.ledger.closeAccount(fee.id)).status).toBe("closed");
  });

  it("refuses a wrong account order naming the field, and for an unknown client names it", () => {
    const w = makeWorld();
    const a = w.account("eur");
    const b = w.account("usd");
    expect(errorOf(w.ledger.reorderAccounts(w.clientId, [b.id]))).toMatchObject({ code: "invalidAccountOrder", field: "accountIds", message: expect.stringContaining("open accounts") });
    expect(w.ledger.listClientAccounts(w.clientId).map((x) => [x.id, x.order])).toEqual([[a.id, 1], [b.id, 2]]);
    expect(errorOf(w.ledger.reorderAccounts(UNKNOWN_CLIENT, []))).toMatchObject({ code: "clientNotFound", message: expect.stringContaining(UNKNOWN_CLIENT) });
  });

  it("keeps several closed accounts after the open ones in their relative order", () => {
    const w = makeWorld();
    const a = w.account("eur");
    const c1 = w.account("usd");
    const c2 = w.account("gbp");
    const b = w.account("eur");
    must(w.ledger.closeAccount(c1.id));
    must(w.ledger.closeAccount(c2.id));
    const ordered = must(w.ledger.reorderAccounts(w.clientId, [b.id, a.id]));
    expect(ordered.map((x) => x.id)).toEqual([b.id, a.id, c1.id, c2.id]);
    expect(ordered.map((x) => x.order)).toEqual([1, 2, 3, 4]);
  });
});
