import { beforeEach, describe, expect, it } from "vitest";
import { SANDBOX_OTP_CODE } from "../../sandbox/core/index.js";
import { scenario, testSandbox, type Scenario, type TestSandbox } from "../support/http.js";
import type { Json } from "../support/spec.js";

const PARENT = "70850378-7d3c-4f45-91b7-942d4dfbbd43";
const UNKNOWN = "00000000-0000-4000-8000-000000000001";
let sandbox: TestSandbox;
let s: Scenario;
const asClient = () => ({ authorization: `Bearer ${s.clientId}` });

beforeEach(async () => {
  sandbox = testSandbox();
  s = await scenario(sandbox);
});

describe("accounts", () => {
  it("creates system and client accounts and reads them by id and by account number", async () => {
    const created = await sandbox.call("POST", "/v2/internal/Accounts", { body: { clientId: s.clientId, currency: "gbp", type: "client", name: "Travel" } });
    expect(created.status).toBe(200);
    expect(created.json).toMatchObject({ currency: "gbp", type: "client", status: "active", balance: 0, availableBalance: 0, allowNegativeBalance: false, name: "Travel" });
    const byId = await sandbox.call("GET", `/Accounts/${created.json.id}`, { headers: asClient() });
    const byNumber = await sandbox.call("GET", `/Accounts/${created.json.accountNumber}`, { headers: asClient() });
    expect(byId.json).toEqual(created.json);
    expect(byNumber.json).toEqual(created.json);
    const fee = await sandbox.call("POST", "/v2/internal/Accounts", { body: { currency: "gbp", type: "fee" } });
    expect(fee.json).toMatchObject({ clientId: null, allowNegativeBalance: true });
    expect((await sandbox.call("GET", `/v2/ledger/internal/Accounts/${fee.json.id}`)).json).toEqual(fee.json);
  });

  it("refuses an unknown client, a duplicate account number, and another client's account on FrontOffice routes", async () => {
    const unknownClient = await sandbox.call("POST", "/v2/internal/Accounts", { body: { clientId: UNKNOWN, currency: "eur", type: "client" } });
    expect([unknownClient.status, unknownClient.json.code]).toEqual([404, "clientNotFound"]);
    const first = await sandbox.call("POST", "/v2/internal/Accounts", { body: { currency: "eur", type: "transit", accountNumber: "FL123456789012345678" } });
    const again = await sandbox.call("POST", "/v2/internal/Accounts", { body: { currency: "eur", type: "transit", accountNumber: "FL123456789012345678" } });
    expect(first.status).toBe(200);
    expect([again.status, again.json.code]).toEqual([422, "duplicateAccountNumber"]);
    const others = await sandbox.call("GET", `/Accounts/${s.treasuryEur}`, { headers: asClient() });
    expect([others.status, others.json.code]).toEqual([404, "accountNotFound"]);
    expect((await sandbox.call("GET", `/v2/ledger/internal/Accounts/${UNKNOWN}`)).json.code).toBe("accountNotFound");
  });

  it("opens a client account pending until the OTP is verified, and refuses a wrong or expired code", async () => {
    const opened = await sandbox.call("POST", "/Accounts", { body: { currency: "chf", name: "Savings" }, headers: asClient() });
    expect(opened.status).toBe(200);
    expect(opened.json.status).toBe("pending");
    const otp = await sandbox.call("POST", "/Accounts/send-otp", { body: { accountId: opened.json.id, operation: "activate" }, headers: asClient() });
    expect(otp.status).toBe(200);
    const wrong = await sandbox.call("POST", "/Accounts/otp-verification", { body: { otpId: otp.json.otpId, code: "123456" }, headers: asClient() });
    expect([wrong.status, wrong.json.code]).toEqual([422, "invalidOtp"]);
    const verified = await sandbox.call("POST", "/Accounts/otp-verification", { body: { otpId: otp.json.otpId, code: SANDBOX_OTP_CODE }, headers: asClient() });
    expect([verified.status, verified.json.status]).toEqual([200, "active"]);

    const second = await sandbox.call("POST", "/Accounts", { body: { currency: "chf" }, headers: asClient() });
    const late = await sandbox.call("POST", "/Accounts/send-otp", { body: { accountId: second.json.id, operation: "activate" }, headers: asClient() });
    sandbox.entry.state.clock.advance(6 * 60 * 1000);
    const expired = await sandbox.call("POST", "/Accounts/otp-verification", { body: { otpId: late.json.otpId, code: SANDBOX_OTP_CODE }, headers: asClient() });
    expect(expired.status).toBe(422);
    expect(["otpExpired", "invalidOtp"]).toContain(expired.json.code);
    const unknown = await sandbox.call("POST", "/Accounts/otp-verification", { body: { otpId: UNKNOWN, code: SANDBOX_OTP_CODE }, headers: asClient() });
    expect(unknown.status).toBe(404);
    const third = await sandbox.call("POST", "/Accounts", { body: { currency: "chf" }, headers: asClient() });
    const mine = await sandbox.call("POST", "/Accounts/send-otp", { body: { accountId: third.json.id, operation: "activate" }, headers: asClient() });
    const otherClient = sandbox.entry.state.export().clients.find((c) => c.id !== s.clientId)!.id;
    const stolen = await sandbox.call("POST", "/Accounts/otp-verification", { body: { otpId: mine.json.otpId, code: SANDBOX_OTP_CODE }, headers: { authorization: `Bearer ${otherClient}` } });
    expect([stolen.status, stolen.json.code]).toEqual([404, "otpNotFound"]);
  });

  it("renames an account, and closes it only when it is empty", async () => {
    const a = await s.clientAccount(3);
    const renamed = await sandbox.call("PATCH", `/Accounts/${a}`, { body: { name: "Main" }, headers: asClient() });
    expect([renamed.status, renamed.json.name]).toEqual([200, "Main"]);
    const full = await sandbox.call("DELETE", `/Accounts/${a}`, { headers: asClient() });
    expect([full.status, full.json.code]).toEqual([422, "accountNotEmpty"]);
    const back = await sandbox.call("POST", "/internal/Payments", { body: { parentId: PARENT, parentType: "adjustingPayment", debtorAccountId: a, creditorAccountId: s.treasuryEur, currency: "eur", amount: 3 } });
    expect(back.status).toBe(200);
    expect((await sandbox.call("DELETE", `/Accounts/${a}`, { headers: asClient() })).status).toBe(204);
    expect((await s.account(a)).status).toBe("closed");
  });

  it("lists, searches, finds by numbers and reorders the client's accounts", async () => {
    const a = await s.clientAccount(1, "usd");
    const page = await sandbox.call("GET", "/v2/ledger/internal/Accounts", { query: { currency: "usd", pageSize: 2, page: 1 } });
    expect(page.json.pageSize).toBe(2);
    expect(page.json.items.every((x: Json) => x.currency === "usd")).toBe(true);
    expect(page.json.totalCount).toBeGreaterThanOrEqual(3);
    const searched = await sandbox.call("POST", "/v2/ledger/internal/Accounts/search", { body: { clientIds: [s.clientId], currencies: ["usd"] } });
    expect(searched.json.items.map((x: Json) => x.id)).toContain(a);
    const number = (await s.account(a)).accountNumber;
    const byNumbers = await sandbox.call("POST", "/v2/ledger/internal/Accounts/by-account-numbers", { body: { accountNumbers: ["FL000000000000000000", number] } });
    expect(byNumbers.json.map((x: Json) => x.id)).toEqual([a]);
    const mine = (await sandbox.call("GET", "/Accounts", { headers: asClient() })).json as Json[];
    const open = mine.filter((x) => x.status !== "closed").map((x) => x.id);
    const reversed = [...open].reverse();
    const reordered = await sandbox.call("PUT", "/Accounts/reorder-accounts", { body: { accountIds: reversed }, headers: asClient() });
    expect(reordered.status).toBe(200);
    const after = (await sandbox.call("GET", "/Accounts", { headers: asClient() })).json as Json[];
    expect(after.filter((x) => x.status !== "closed").map((x) => x.id)).toEqual(reversed);
    const partial = await sandbox.call("PUT", "/Accounts/reorder-accounts", { body: { accountIds: reversed.slice(1) }, headers: asClient() });
    expect(partial.status).toBe(422);
  });

  it("calculates balances now and as of an earlier date, and recalculates from postings", async () => {
    const a = await s.clientAccount(10);
    const clock = sandbox.entry.state.clock;
    const t0 = new Date(clock.now()).toISOString();
    clock.advance(60_000);
    await sandbox.call("POST", "/internal/Payments", { body: { parentId: PARENT, parentType: "transfer", debtorAccountId: s.treasuryEur, creditorAccountId: a, currency: "eur", amount: 5 } });
    const now = await sandbox.call("POST", "/internal/Accounts/calculateBalances", { body: { accountIds: [a] } });
    const then = await sandbox.call("POST", "/internal/Accounts/calculateBalances", { body: { accountIds: [a], date: t0 } });
    expect(now.json[0].balance).toBe(15);
    expect(then.json[0].balance).toBe(10);
    const recalculated = await sandbox.call("POST", "/v2/internal/Accounts/recalculate", { body: { accountIds: [a] } });
    expect(recalculated.json[0].balance).toBe(15);
    const unknown = await sandbox.call("POST", "/internal/Accounts/calculateBalances", { body: { accountIds: [UNKNOWN] } });
    expect(unknown.status).toBe(404);
  });

  it("aggregates amounts per currency and account type", async () => {
    const rows = (await sandbox.call("GET", "/v2/ledger/internal/Accounts/getAggregatedAmounts", { query: { currency: "eur" } })).json as Json[];
    expect(rows.every((r) => r.currency === "eur")).toBe(true);
    const total = rows.reduce((sum, r) => sum + Math.round(r.totalBalance * 100), 0);
    expect(total).toBe(0); // double entry: every eur credit has its debit
    // Each row sums exactly the accounts of its type, as the account list shows them.
    const accounts = (await sandbox.call("GET", "/v2/ledger/internal/Accounts", { query: { currency: "eur", pageSize: 100 } })).json.items as Json[];
    const types = [...new Set(accounts.map((a) => a.type))];
    expect(rows.map((r) => r.accountType).sort()).toEqual(types.sort());
    for (const row of rows) {
      const ofType = accounts.filter((a) => a.type === row.accountType);
      const sum = (field: string) => ofType.reduce((total, a) => total + Math.round(a[field] * 100), 0) / 100;
      expect(row, row.accountType).toEqual({
        currency: "eur",
        accountType: row.accountType,
        accountsCount: ofType.length,
        totalBalance: sum("balance"),
        totalHeld: sum("heldAmount"),
        totalAvailable: sum("availableBalance"),
      });
    }
  });

  it("aggregates one client's accounts only when asked for its clientId, and one account type when asked for it", async () => {
    const a = await s.clientAccount(12.5);
    const b = await s.clientAccount(0.25);
    const usd = await s.clientAccount(3, "usd");
    const all = (await sandbox.call("GET", "/v2/ledger/internal/Accounts", { query: { clientId: s.clientId, pageSize: 100 } })).json.items as Json[];
    const mine = (await sandbox.call("GET", "/v2/ledger/internal/Accounts/getAggregatedAmounts", { query: { clientId: s.clientId } })).json as Json[];
    const byCurrency = (currency: string) => all.filter((x) => x.currency === currency);
    expect(mine.map((r) => `${r.currency} ${r.accountType}`).sort()).toEqual([...new Set(all.map((x) => `${x.currency} client`))].sort());
    const eur = mine.find((r) => r.currency === "eur")!;
    expect(eur.accountsCount).toBe(byCurrency("eur").length);
    expect(eur.totalBalance).toBe(byCurrency("eur").reduce((sum, x) => sum + Math.round(x.balance * 100), 0) / 100);
    expect(all.map((x) => x.id)).toEqual(expect.arrayContaining([a, b, usd]));
    const fees = (await sandbox.call("GET", "/v2/ledger/internal/Accounts/getAggregatedAmounts", { query: { type: "fee" } })).json as Json[];
    expect(fees.length).toBeGreaterThan(0);
    expect(fees.every((r) => r.accountType === "fee")).toBe(true);
  });
});

describe("transactions and currencies", () => {
  it("filters, pages and sorts transactions, and reads one by id", async () => {
    const a = await s.clientAccount(10);
    const b = await s.clientAccount(0);
    for (const amount of [1, 3, 2]) {
      await sandbox.call("POST", "/internal/Payments", { body: { parentId: PARENT, parentType: "transfer", debtorAccountId: a, creditorAccountId: b, currency: "eur", amount } });
    }
    const listed = await sandbox.call("GET", "/internal/Transactions", { query: { accountId: b, pageSize: 2 } });
    expect(listed.json.totalCount).toBe(3);
    expect(listed.json.items).toHaveLength(2);
    const second = await sandbox.call("GET", "/internal/Transactions", { query: { accountId: b, pageSize: 2, page: 2 } });
    expect(second.json.items).toHaveLength(1);
    const sorted = await sandbox.call("POST", "/internal/Transactions/query", { body: { accountIds: [b], sortBy: "amount", sortDirection: "asc" } });
    expect(sorted.json.items.map((t: Json) => t.amount)).toEqual([1, 2, 3]);
    const bounded = await sandbox.call("POST", "/internal/Transactions/query", { body: { accountIds: [b], minAmount: 2 } });
    expect(bounded.json.totalCount).toBe(2);
    const one = await sandbox.call("GET", `/internal/Transactions/${sorted.json.items[0].id}`);
    expect(one.json).toEqual(sorted.json.items[0]);
    expect((await sandbox.call("GET", `/internal/Transactions/${UNKNOWN}`)).json.code).toBe("transactionNotFound");
    const mine = await sandbox.call("GET", "/Transactions", { query: { accountId: b }, headers: asClient() });
    expect(mine.json.totalCount).toBe(3);
  });

  it("reports an account's statement as CSV and as JSON with opening and closing balances", async () => {
    const a = await s.clientAccount(10);
    const clock = sandbox.entry.state.clock;
    clock.advance(60_000);
    const from = new Date(clock.now()).toISOString();
    await sandbox.call("POST", "/internal/Payments", { body: { parentId: PARENT, parentType: "transfer", debtorAccountId: a, creditorAccountId: s.treasuryEur, currency: "eur", amount: 2.5 } });
    const json = await sandbox.call("GET", "/internal/Transactions/report", { query: { accountId: a, fromDate: from, format: "json" } });
    expect(json.json).toMatchObject({ openingBalance: 10, closingBalance: 7.5 });
    expect(json.json.transactions).toHaveLength(1);
    const csv = await sandbox.call("GET", "/internal/Transactions/report", { query: { accountId: a, format: "csv" } });
    expect(csv.headers["content-type"]).toMatch(/^text\/csv/);
    const lines = csv.text!.trim().split("\r\n");
    expect(lines[0]).toBe("postedDate,id,paymentId,parentType,debtorAccountNumber,creditorAccountNumber,currency,amount,direction,balanceAfter");
    expect(lines.at(-1)).toMatch(/,eur,2\.50,debit,7\.50$/);
    expect(lines.at(-2)).toMatch(/,eur,10\.00,credit,10\.00$/);
    expect((await sandbox.call("GET", "/internal/Transactions/report", { query: { accountId: UNKNOWN } })).status).toBe(404);
  });

  it("lists, reads and disables currencies; a client cannot open an account in a disabled one", async () => {
    const all = (await sandbox.call("GET", "/internal/Currencies")).json as Json[];
    expect(all.map((c) => c.code)).toEqual(["cad", "cny", "dkk", "nok", "sek", "chf", "gbp", "usd", "eur", "pln"]);
    const available = await sandbox.call("GET", "/BaasProvider/available-currencies", { headers: asClient() });
    expect(available.json).toHaveLength(10);
    const disabled = await sandbox.call("PUT", "/internal/Currencies/nok", { body: { name: "Norwegian Krone", isEnabled: false } });
    expect(disabled.json.isEnabled).toBe(false);
    const refused = await sandbox.call("POST", "/Accounts", { body: { currency: "nok" }, headers: asClient() });
    expect([refused.status, refused.json.code]).toEqual([422, "currencyNotEnabled"]);
    expect((await sandbox.call("GET", "/internal/Currencies/xyz")).json.code).toBe("currencyNotFound");
    expect((await sandbox.call("GET", "/internal/Currencies/e-u")).status).toBe(400);
    const onlyDisabled = await sandbox.call("GET", "/internal/Currencies", { query: { isEnabled: "false" } });
    expect(onlyDisabled.json.map((c: Json) => c.code)).toEqual(["nok"]);
    const already = await sandbox.call("POST", "/internal/Currencies", { body: { code: "eur" } });
    expect([already.status, already.json.code]).toEqual([422, "currencyAlreadyExists"]);
    const added = await sandbox.call("POST", "/internal/Currencies", { body: { code: "nok" } });
    expect([added.status, added.json.isEnabled]).toEqual([200, true]);
    expect((await sandbox.call("POST", "/Accounts", { body: { currency: "nok" }, headers: asClient() })).status).toBe(200);
  });
});
