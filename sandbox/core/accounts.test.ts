import { describe, expect, it } from "vitest";
import { OTP_VALIDITY_MS, SANDBOX_OTP_CODE } from "./otp.js";
import { balancesOf, codeOf, makeWorld, must, parentId, T0 } from "./test-helpers.js";
import { CURRENCIES } from "./types.js";

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
