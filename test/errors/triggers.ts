/**
 * The error-trigger registry: for every stateful operation, each documented 404 and 422 and a request that
 * reaches it. test/errors/triggers.test.ts runs every entry against a fresh sandbox and checks the status and
 * code; `npm run coverage:errors` prints the table and fails when a documented 404 or 422 has no trigger.
 */
import { MAGIC_INSUFFICIENT_FUNDS_AMOUNT, MAGIC_UNKNOWN_ACCOUNT_NUMBER } from "../../sandbox/http/magic.js";
import type { Reply, Scenario, TestSandbox } from "../support/http.js";
import { formText, pdfText } from "../support/multipart.js";
import { DEMO_IDS } from "../../sandbox/core/index.js";

/** How a trigger reaches its error. */
export type TriggerKind = "natural" | "magic" | "rule";

/** What a trigger gets to work with: a fresh sandbox (demo data) and a scenario of its own accounts. */
export interface TriggerKit {
  sandbox: TestSandbox;
  s: Scenario;
  asClient: { authorization: string };
}

/** One way to reach one documented error. */
export interface ErrorTrigger {
  operationId: string;
  status: 404 | 422;
  code: string;
  kind: TriggerKind;
  how: string;
  run(kit: TriggerKit): Promise<Reply>;
}

const PARENT = "70850378-7d3c-4f45-91b7-942d4dfbbd43";
const OTHER_PARENT = "11111111-2222-4333-8444-555555555555";
const UNKNOWN = "00000000-0000-4000-8000-0000000000aa";

const create = (k: TriggerKit, from: string, to: string, amount: number, extra: Record<string, unknown> = {}) =>
  k.sandbox.call("POST", "/internal/Payments", { body: { parentId: PARENT, parentType: "transfer", debtorAccountId: from, creditorAccountId: to, currency: "eur", amount, ...extra } });
const draft = async (k: TriggerKit, from: string, to: string, amount: number, extra: Record<string, unknown> = {}) =>
  k.sandbox.call("POST", "/internal/Payments/draft", { body: { parentId: PARENT, parentType: "transfer", transactions: [{ debtorAccountId: from, creditorAccountId: to, currency: "eur", amount }], ...extra } });
const draftId = async (k: TriggerKit, amount = 1, extra: Record<string, unknown> = {}) => {
  const a = await k.s.clientAccount(10);
  const b = await k.s.clientAccount(0);
  return (await draft(k, a, b, amount, extra)).json.paymentId as string;
};
const step = (k: TriggerKit, id: string, action: string, body?: unknown) => k.sandbox.call("POST", `/internal/Payments/${id}/${action}`, body === undefined ? {} : { body });
const bulk = (k: TriggerKit, action: string, ids: string[], extra: Record<string, unknown> = {}) =>
  k.sandbox.call("POST", `/internal/Payments/${action}`, { body: { paymentIds: ids, parentId: PARENT, ...extra } });
const closedAccount = async (k: TriggerKit) => {
  const id = await k.s.clientAccount(0);
  await k.sandbox.call("DELETE", `/Accounts/${id}`, { headers: k.asClient });
  return id;
};
const pended = async (k: TriggerKit) => {
  const id = await draftId(k);
  await step(k, id, "pend");
  return id;
};
const canceled = async (k: TriggerKit) => {
  const id = await draftId(k);
  await step(k, id, "cancel");
  return id;
};
const otp = async (k: TriggerKit, operation = "activate") => {
  const opened = await k.sandbox.call("POST", "/Accounts", { body: { currency: "eur" }, headers: k.asClient });
  return (await k.sandbox.call("POST", "/Accounts/send-otp", { body: { accountId: opened.json.id, operation }, headers: k.asClient })).json.otpId as string;
};
const MIB = 1024 * 1024;
const newClient = (extra: Record<string, unknown> = {}) => ({
  type: "individual", email: "new.client@example.com", phone: "+491701234567", firstName: "New", lastName: "Client", dateOfBirth: "1990-01-01", country: "DE",
  address: { line1: "Torstrasse 1", line2: null, city: "Berlin", region: null, postalCode: "10119", country: "DE" }, ...extra,
});
const importOf = (type: "individual" | "company", externalId: string) => {
  const { type: _t, firstName: _f, lastName: _l, dateOfBirth: _d, ...common } = newClient({ externalId, email: `${externalId}@example.com` });
  return type === "individual" ? { ...common, firstName: "Imported", lastName: "Person", dateOfBirth: "1990-01-01" } : { ...common, companyName: "Imported GmbH", registrationNumber: "HRB 1" };
};
/** A payee to save as a recipient. */
const PAYEE = { name: "Berliner Stadtwerke", accountNumber: "DE02120300000000202051", bic: "BYLADEM1001", bankName: "Deutsche Kreditbank", country: "DE", currency: "eur" };
/** A client made for the trigger and closed (closed is final, so a demo client is left alone). */
const closedClient = async (k: TriggerKit) => {
  const id = (await k.sandbox.call("POST", "/internal/Clients", { body: newClient({ email: "closed.client@example.com" }) })).json.id as string;
  await k.sandbox.call("PUT", `/internal/Clients/${id}/status`, { body: { status: "closed" } });
  return id;
};
/** Uploads one PDF-looking file (`sizeBytes`, ASCII) as a form's `field`. */
const uploadTo = (k: TriggerKit, path: string, field: "file" | "files", sizeBytes = 64) =>
  k.sandbox.call("POST", path, formText([{ name: field, fileName: "statement.pdf", contentType: "application/pdf", content: pdfText(sizeBytes) }, { name: "documentType", content: "bankStatement" }]));
/**
 * Stores three files of 9.5 MiB, leaving 3.5 MiB of the tenant's 32 MiB: each body stays under the 10 MB a
 * proxy in front of the sandbox (Prism's, in the conformance run) takes.
 */
const fillStorage = async (k: TriggerKit) => {
  for (let i = 0; i < 3; i++) {
    const stored = await uploadTo(k, `/internal/Clients/${k.s.clientId}/Documents/upload`, "file", 9.5 * MIB);
    if (stored.status !== 200) throw new Error(`could not store a 9.5 MiB document: ${stored.text}`);
  }
};
const relatedOf = (companyId: string) => `/internal/Clients/${companyId}/related-individuals/${DEMO_IDS.relatedIndividuals.nordlichtDirector}`;
const t = (operationId: string, status: 404 | 422, code: string, how: string, run: ErrorTrigger["run"], kind: TriggerKind = "natural"): ErrorTrigger => ({ operationId, status, code, kind, how, run });

/** Every trigger. */
export const errorTriggers: ErrorTrigger[] = [
  // Accounts
  t("openAccount", 422, "currencyNotEnabled", "open an account in a currency disabled with PUT /internal/Currencies/nok", async (k) => {
    await k.sandbox.call("PUT", "/internal/Currencies/nok", { body: { name: "Norwegian Krone", isEnabled: false } });
    return k.sandbox.call("POST", "/Accounts", { body: { currency: "nok" }, headers: k.asClient });
  }),
  t("createAccount", 404, "clientNotFound", "a client account for an unknown clientId", (k) => k.sandbox.call("POST", "/v2/internal/Accounts", { body: { clientId: UNKNOWN, currency: "eur", type: "client" } })),
  t("createAccount", 422, "duplicateAccountNumber", "an accountNumber already in use", async (k) => {
    const number = (await k.s.account(k.s.treasuryEur)).accountNumber;
    return k.sandbox.call("POST", "/v2/internal/Accounts", { body: { currency: "eur", type: "transit", accountNumber: number } });
  }),
  t("createAccount", 422, "currencyNotEnabled", "a client account in a disabled currency", async (k) => {
    await k.sandbox.call("PUT", "/internal/Currencies/sek", { body: { name: "Swedish Krona", isEnabled: false } });
    return k.sandbox.call("POST", "/v2/internal/Accounts", { body: { clientId: k.s.clientId, currency: "sek", type: "client" } });
  }),
  t("recalculateAccounts", 404, "accountNotFound", "an unknown account id", (k) => k.sandbox.call("POST", "/v2/internal/Accounts/recalculate", { body: { accountIds: [UNKNOWN] } })),
  t("updateAccount", 404, "accountNotFound", "an unknown account id", (k) => k.sandbox.call("PATCH", `/Accounts/${UNKNOWN}`, { body: { name: "x" }, headers: k.asClient })),
  t("updateAccount", 422, "accountNotActive", "rename a closed account", async (k) => k.sandbox.call("PATCH", `/Accounts/${await closedAccount(k)}`, { body: { name: "x" }, headers: k.asClient })),
  t("getAccount", 404, "accountNotFound", "an unknown account id", (k) => k.sandbox.call("GET", `/Accounts/${UNKNOWN}`, { headers: k.asClient })),
  t("getAccount", 404, "accountNotFound", `the magic account number ${MAGIC_UNKNOWN_ACCOUNT_NUMBER}`, (k) => k.sandbox.call("GET", `/Accounts/${MAGIC_UNKNOWN_ACCOUNT_NUMBER}`, { headers: k.asClient }), "magic"),
  t("closeAccount", 404, "accountNotFound", "an unknown account id", (k) => k.sandbox.call("DELETE", `/Accounts/${UNKNOWN}`, { headers: k.asClient })),
  t("closeAccount", 422, "accountNotEmpty", "close a funded account", async (k) => k.sandbox.call("DELETE", `/Accounts/${await k.s.clientAccount(5)}`, { headers: k.asClient })),
  t("closeAccount", 422, "accountNotActive", "close an account twice", async (k) => k.sandbox.call("DELETE", `/Accounts/${await closedAccount(k)}`, { headers: k.asClient })),
  t("calculateBalances", 404, "accountNotFound", "an unknown account id", (k) => k.sandbox.call("POST", "/internal/Accounts/calculateBalances", { body: { accountIds: [UNKNOWN] } })),
  t("getLedgerAccount", 404, "accountNotFound", "an unknown account id", (k) => k.sandbox.call("GET", `/v2/ledger/internal/Accounts/${UNKNOWN}`)),
  t("sendAccountOtp", 404, "accountNotFound", "an unknown account id", (k) => k.sandbox.call("POST", "/Accounts/send-otp", { body: { accountId: UNKNOWN, operation: "activate" }, headers: k.asClient })),
  t("sendAccountOtp", 422, "invalidStateTransition", "activate an account that is already active", async (k) =>
    k.sandbox.call("POST", "/Accounts/send-otp", { body: { accountId: await k.s.clientAccount(0), operation: "activate" }, headers: k.asClient })),
  t("sendAccountOtp", 422, "accountNotActive", "close an account that is closed", async (k) =>
    k.sandbox.call("POST", "/Accounts/send-otp", { body: { accountId: await closedAccount(k), operation: "close" }, headers: k.asClient })),
  t("sendAccountOtp", 422, "accountNotEmpty", "close a funded account", async (k) =>
    k.sandbox.call("POST", "/Accounts/send-otp", { body: { accountId: await k.s.clientAccount(5), operation: "close" }, headers: k.asClient })),
  t("verifyAccountOtp", 404, "otpNotFound", "an unknown otpId", (k) => k.sandbox.call("POST", "/Accounts/otp-verification", { body: { otpId: UNKNOWN, code: "000000" }, headers: k.asClient })),
  t("verifyAccountOtp", 422, "invalidOtp", "a wrong code", async (k) => k.sandbox.call("POST", "/Accounts/otp-verification", { body: { otpId: await otp(k), code: "999999" }, headers: k.asClient })),
  t("verifyAccountOtp", 422, "otpExpired", "the right code after the clock moved 6 minutes", async (k) => {
    const id = await otp(k);
    k.sandbox.entry.state.clock.advance(6 * 60_000);
    return k.sandbox.call("POST", "/Accounts/otp-verification", { body: { otpId: id, code: "000000" }, headers: k.asClient });
  }),
  t("verifyAccountOtp", 422, "invalidStateTransition", "a second activate OTP after the first one activated the account", async (k) => {
    const opened = await k.sandbox.call("POST", "/Accounts", { body: { currency: "eur" }, headers: k.asClient });
    const send = () => k.sandbox.call("POST", "/Accounts/send-otp", { body: { accountId: opened.json.id, operation: "activate" }, headers: k.asClient });
    const [first, second] = [(await send()).json.otpId, (await send()).json.otpId];
    await k.sandbox.call("POST", "/Accounts/otp-verification", { body: { otpId: first, code: "000000" }, headers: k.asClient });
    return k.sandbox.call("POST", "/Accounts/otp-verification", { body: { otpId: second, code: "000000" }, headers: k.asClient });
  }),
  t("verifyAccountOtp", 422, "accountNotActive", "a close OTP for an account closed meanwhile", async (k) => {
    const id = await k.s.clientAccount(0);
    const sent = await k.sandbox.call("POST", "/Accounts/send-otp", { body: { accountId: id, operation: "close" }, headers: k.asClient });
    await k.sandbox.call("DELETE", `/Accounts/${id}`, { headers: k.asClient });
    return k.sandbox.call("POST", "/Accounts/otp-verification", { body: { otpId: sent.json.otpId, code: "000000" }, headers: k.asClient });
  }),
  t("verifyAccountOtp", 422, "accountNotEmpty", "a close OTP for an account funded meanwhile", async (k) => {
    const id = await k.s.clientAccount(0);
    const sent = await k.sandbox.call("POST", "/Accounts/send-otp", { body: { accountId: id, operation: "close" }, headers: k.asClient });
    await create(k, k.s.treasuryEur, id, 1);
    return k.sandbox.call("POST", "/Accounts/otp-verification", { body: { otpId: sent.json.otpId, code: "000000" }, headers: k.asClient });
  }),
  t("reorderAccounts", 422, "invalidAccountOrder", "a list that leaves out one of the client's accounts", async (k) => {
    const mine = (await k.sandbox.call("GET", "/Accounts", { headers: k.asClient })).json as { id: string; status: string }[];
    return k.sandbox.call("PUT", "/Accounts/reorder-accounts", { body: { accountIds: mine.filter((a) => a.status !== "closed").slice(1).map((a) => a.id) }, headers: k.asClient });
  }),
  // Transactions
  t("listMyTransactions", 404, "accountNotFound", "an accountId of another client", (k) => k.sandbox.call("GET", "/Transactions", { query: { accountId: k.s.treasuryEur }, headers: k.asClient })),
  t("getTransaction", 404, "transactionNotFound", "an unknown transaction id", (k) => k.sandbox.call("GET", `/internal/Transactions/${UNKNOWN}`)),
  t("getTransactionsReport", 404, "accountNotFound", "an unknown accountId", (k) => k.sandbox.call("GET", "/internal/Transactions/report", { query: { accountId: UNKNOWN } })),
  // Daily balances
  t("getDailyAccountBalances", 404, "accountNotFound", "an unknown id among accountIds", (k) => k.sandbox.call("POST", "/internal/DailyAccountBalance", { body: { accountIds: [k.s.treasuryEur, UNKNOWN], fromDate: "2026-03-01", toDate: "2026-03-02" } })),
  t("recalculateDailyAccountBalances", 404, "accountNotFound", "an unknown id among accountIds", (k) => k.sandbox.call("POST", "/internal/DailyAccountBalance/recalculate", { body: { accountIds: [UNKNOWN], fromDate: "2026-03-01", toDate: "2026-03-02" } })),
  // Currencies
  t("addCurrency", 422, "currencyAlreadyExists", "add eur, which is enabled", (k) => k.sandbox.call("POST", "/internal/Currencies", { body: { code: "eur" } })),
  t("getCurrency", 404, "currencyNotFound", "a code the ledger does not know (xyz)", (k) => k.sandbox.call("GET", "/internal/Currencies/xyz")),
  t("updateCurrency", 404, "currencyNotFound", "a code the ledger does not know (xyz)", (k) => k.sandbox.call("PUT", "/internal/Currencies/xyz", { body: { name: "X", isEnabled: true } })),
  // Payments: create and draft
  t("createPayment", 404, "accountNotFound", "an unknown creditor account", async (k) => create(k, await k.s.clientAccount(5), UNKNOWN, 1)),
  t("createPayment", 404, "accountNotFound", `the magic account number ${MAGIC_UNKNOWN_ACCOUNT_NUMBER}`, async (k) =>
    k.sandbox.call("POST", "/internal/Payments", { body: { parentId: PARENT, parentType: "transfer", debtorAccountId: await k.s.clientAccount(5), creditorAccountNumber: MAGIC_UNKNOWN_ACCOUNT_NUMBER, currency: "eur", amount: 1 } }), "magic"),
  t("createPayment", 422, "insufficientFunds", "more than the debtor's available balance", async (k) => create(k, await k.s.clientAccount(5), await k.s.clientAccount(0), 5.01)),
  t("createPayment", 422, "insufficientFunds", `the magic amount ${MAGIC_INSUFFICIENT_FUNDS_AMOUNT}`, async (k) => create(k, await k.s.clientAccount(1000), await k.s.clientAccount(0), MAGIC_INSUFFICIENT_FUNDS_AMOUNT), "magic"),
  t("createPayment", 422, "currencyMismatch", "a eur payment to a usd account", async (k) => create(k, await k.s.clientAccount(5), await k.s.clientAccount(0, "usd"), 1)),
  t("createPayment", 422, "accountNotActive", "a payment to a closed account", async (k) => create(k, await k.s.clientAccount(5), await closedAccount(k), 1)),
  t("createPayment", 422, "incomingLimitExceeded", "a creditor restricted below its new balance", async (k) => {
    const b = await k.s.clientAccount(0);
    return create(k, await k.s.clientAccount(5), b, 2, { limitedIncomingAccountRestrictions: [{ accountId: b, limit: 1 }] });
  }),
  t("createPayment", 422, "paymentIdConflict", "a paymentId reused with another amount", async (k) => {
    const [a, b] = [await k.s.clientAccount(5), await k.s.clientAccount(0)];
    const paymentId = "8f0c2b1a-3d4e-4f5a-8b6c-7d8e9f0a1b2c";
    await create(k, a, b, 1, { paymentId });
    return create(k, a, b, 2, { paymentId });
  }),
  t("draftPayment", 404, "accountNotFound", "an unknown debtor account", async (k) => draft(k, UNKNOWN, await k.s.clientAccount(0), 1)),
  t("draftPayment", 422, "currencyMismatch", "a eur leg from a usd account", async (k) => draft(k, await k.s.clientAccount(0, "usd"), await k.s.clientAccount(0), 1)),
  t("draftPayment", 422, "accountNotActive", "a leg to a closed account", async (k) => draft(k, await k.s.clientAccount(5), await closedAccount(k), 1)),
  t("draftPayment", 422, "paymentIdConflict", "a paymentId reused with another amount", async (k) => {
    const [a, b] = [await k.s.clientAccount(5), await k.s.clientAccount(0)];
    const paymentId = "9e1d3c2b-4e5f-4a6b-9c7d-8e9f0a1b2c3d";
    await draft(k, a, b, 1, { paymentId });
    return draft(k, a, b, 2, { paymentId });
  }),
  // Payments: pend
  t("pendPayment", 404, "paymentNotFound", "an unknown payment", (k) => step(k, UNKNOWN, "pend")),
  t("pendPayment", 404, "accountNotFound", "a restriction on an unknown account", async (k) => step(k, await draftId(k), "pend", { limitedIncomingAccountRestrictions: [{ accountId: UNKNOWN, limit: 1 }] })),
  t("pendPayment", 422, "insufficientFunds", "a draft larger than the debtor's balance", async (k) => step(k, await draftId(k, 11), "pend")),
  t("pendPayment", 422, "insufficientFunds", `a draft leg of the magic amount ${MAGIC_INSUFFICIENT_FUNDS_AMOUNT}`, async (k) => {
    const [a, b] = [await k.s.clientAccount(1000), await k.s.clientAccount(0)];
    return step(k, (await draft(k, a, b, MAGIC_INSUFFICIENT_FUNDS_AMOUNT)).json.paymentId, "pend");
  }, "magic"),
  t("pendPayment", 422, "invalidStateTransition", "pend a pending payment", async (k) => step(k, await pended(k), "pend")),
  t("pendPayment", 422, "accountNotActive", "pend after the creditor was closed", async (k) => {
    const [a, b] = [await k.s.clientAccount(10), await k.s.clientAccount(0)];
    const id = (await draft(k, a, b, 1)).json.paymentId;
    await k.sandbox.call("DELETE", `/Accounts/${b}`, { headers: k.asClient });
    return step(k, id, "pend");
  }),
  t("pendPayment", 422, "incomingLimitExceeded", "a restriction below the creditor's new total", async (k) => {
    const [a, b] = [await k.s.clientAccount(10), await k.s.clientAccount(0)];
    const id = (await draft(k, a, b, 2)).json.paymentId;
    return step(k, id, "pend", { limitedIncomingAccountRestrictions: [{ accountId: b, limit: 1 }] });
  }),
  t("pendPayments", 404, "paymentNotFound", "an unknown payment in the batch", (k) => bulk(k, "pend", [UNKNOWN])),
  t("pendPayments", 404, "accountNotFound", "a restriction on an unknown account", async (k) => bulk(k, "pend", [await draftId(k)], { limitedIncomingAccountRestrictions: [{ accountId: UNKNOWN, limit: 1 }] })),
  t("pendPayments", 422, "insufficientFunds", "two drafts that together exceed the balance", async (k) => {
    const [a, b] = [await k.s.clientAccount(5), await k.s.clientAccount(0)];
    return bulk(k, "pend", [(await draft(k, a, b, 3)).json.paymentId, (await draft(k, a, b, 3)).json.paymentId]);
  }),
  t("pendPayments", 422, "invalidStateTransition", "a pending payment in the batch", async (k) => bulk(k, "pend", [await pended(k)])),
  t("pendPayments", 422, "parentMismatch", "a payment of another parent", async (k) => bulk(k, "pend", [await draftId(k, 1, { parentId: OTHER_PARENT })])),
  t("pendPayments", 422, "accountNotActive", "pend after the creditor was closed", async (k) => {
    const [a, b] = [await k.s.clientAccount(10), await k.s.clientAccount(0)];
    const id = (await draft(k, a, b, 1)).json.paymentId;
    await k.sandbox.call("DELETE", `/Accounts/${b}`, { headers: k.asClient });
    return bulk(k, "pend", [id]);
  }),
  t("pendPayments", 422, "incomingLimitExceeded", "a restriction below the creditor's new total", async (k) => {
    const [a, b] = [await k.s.clientAccount(10), await k.s.clientAccount(0)];
    return bulk(k, "pend", [(await draft(k, a, b, 2)).json.paymentId], { limitedIncomingAccountRestrictions: [{ accountId: b, limit: 1 }] });
  }),
  // Payments: post and cancel
  t("postPayment", 404, "paymentNotFound", "an unknown payment", (k) => step(k, UNKNOWN, "post")),
  t("postPayment", 422, "invalidStateTransition", "post a draft", async (k) => step(k, await draftId(k), "post")),
  t("postPayment", 422, "accountNotActive", "post after the debtor's client was blocked", async (k) => blockedPending(k, (id) => step(k, id, "post"))),
  t("postPayments", 404, "paymentNotFound", "an unknown payment in the batch", (k) => bulk(k, "post", [UNKNOWN])),
  t("postPayments", 422, "invalidStateTransition", "a draft in the batch", async (k) => bulk(k, "post", [await draftId(k)])),
  t("postPayments", 422, "parentMismatch", "a payment of another parent", async (k) => {
    const id = await draftId(k, 1, { parentId: OTHER_PARENT });
    await step(k, id, "pend");
    return bulk(k, "post", [id]);
  }),
  t("postPayments", 422, "accountNotActive", "post after the debtor's client was blocked", async (k) => blockedPending(k, (id) => bulk(k, "post", [id]))),
  t("cancelPayment", 404, "paymentNotFound", "an unknown payment", (k) => step(k, UNKNOWN, "cancel")),
  t("cancelPayment", 422, "invalidStateTransition", "cancel a canceled payment", async (k) => step(k, await canceled(k), "cancel")),
  t("cancelPayments", 404, "paymentNotFound", "an unknown payment in the batch", (k) => bulk(k, "cancel", [UNKNOWN])),
  t("cancelPayments", 422, "invalidStateTransition", "a canceled payment in the batch", async (k) => bulk(k, "cancel", [await canceled(k)])),
  t("cancelPayments", 422, "parentMismatch", "a payment of another parent", async (k) => bulk(k, "cancel", [await draftId(k, 1, { parentId: OTHER_PARENT })])),
  // ClientProfile: clients
  t("requestClientDeletion", 422, "deletionAlreadyRequested", "a second deletion request", async (k) => {
    await k.sandbox.call("POST", "/Client/deletion-notifications", { body: {}, headers: k.asClient });
    return k.sandbox.call("POST", "/Client/deletion-notifications", { body: {}, headers: k.asClient });
  }),
  t("requestClientDeletion", 422, "clientClosed", "a deletion request from a closed client", async (k) => {
    await k.sandbox.call("PUT", `/internal/Clients/${k.s.clientId}/status`, { body: { status: "closed" } });
    return k.sandbox.call("POST", "/Client/deletion-notifications", { body: {}, headers: k.asClient });
  }),
  t("createClient", 422, "clientAlreadyExists", "an email another client has, in other case", (k) => k.sandbox.call("POST", "/internal/Clients", { body: newClient({ email: "EMMA.Schneider@example.com" }) })),
  t("createClient", 422, "planNotFound", "an unknown plan code", (k) => k.sandbox.call("POST", "/internal/Clients", { body: newClient({ plan: "platinum" }) })),
  t("blockClient", 404, "clientNotFound", "an unknown client id", (k) => k.sandbox.call("PUT", `/internal/Clients/${UNKNOWN}/block`)),
  t("blockClient", 422, "invalidStateTransition", "block a blocked client", async (k) => {
    await k.sandbox.call("PUT", `/internal/Clients/${k.s.clientId}/block`);
    return k.sandbox.call("PUT", `/internal/Clients/${k.s.clientId}/block`);
  }),
  t("unblockClient", 404, "clientNotFound", "an unknown client id", (k) => k.sandbox.call("PUT", `/internal/Clients/${UNKNOWN}/unblock`)),
  t("unblockClient", 422, "invalidStateTransition", "unblock an active client", (k) => k.sandbox.call("PUT", `/internal/Clients/${k.s.clientId}/unblock`)),
  t("updateClient", 404, "clientNotFound", "an unknown client id", (k) => k.sandbox.call("PUT", `/internal/Clients/${UNKNOWN}`, { body: { phone: "+491700000000" } })),
  t("updateClient", 422, "clientAlreadyExists", "the email of another client", (k) => k.sandbox.call("PUT", `/internal/Clients/${k.s.clientId}`, { body: { email: "lukas.nowak@example.com" } })),
  t("updateClient", 422, "clientClosed", "change a closed client", async (k) => k.sandbox.call("PUT", `/internal/Clients/${await closedClient(k)}`, { body: { phone: "+491700000000" } })),
  t("updateClient", 422, "planNotFound", "an unknown plan code", (k) => k.sandbox.call("PUT", `/internal/Clients/${k.s.clientId}`, { body: { plan: "platinum" } })),
  t("getClient", 404, "clientNotFound", "an unknown client id", (k) => k.sandbox.call("GET", `/internal/Clients/${UNKNOWN}`)),
  t("setClientStatus", 404, "clientNotFound", "an unknown client id", (k) => k.sandbox.call("PUT", `/internal/Clients/${UNKNOWN}/status`, { body: { status: "blocked" } })),
  t("setClientStatus", 422, "invalidStateTransition", "reopen a closed client", async (k) => k.sandbox.call("PUT", `/internal/Clients/${await closedClient(k)}/status`, { body: { status: "new" } })),
  t("setClientStatus", 422, "verificationNotApproved", "activate a client whose verification has not started", async (k) =>
    k.sandbox.call("PUT", `/internal/Clients/${(await k.sandbox.call("POST", "/internal/Clients", { body: newClient() })).json.id}/status`, { body: { status: "active" } })),
  // The plan's maxBalance as the ledger's incoming limit: Lukas is on basic (10,000 per account)
  t("createPayment", 422, "incomingLimitExceeded", "a payment above the creditor client's plan maxBalance", (k) => create(k, k.s.treasuryEur, DEMO_IDS.accounts.lukasEur, 10_000)),
  t("pendPayment", 422, "incomingLimitExceeded", "a pend above the creditor client's plan maxBalance", async (k) => {
    const id = (await draft(k, k.s.treasuryEur, DEMO_IDS.accounts.lukasEur, 10_000)).json.paymentId;
    return step(k, id, "pend");
  }),
  t("createPayment", 422, "accountNotActive", "a payment to an account of a blocked client", async (k) => {
    await k.sandbox.call("PUT", `/internal/Clients/${DEMO_IDS.clients.lukasNowak}/block`);
    return create(k, await k.s.clientAccount(5), DEMO_IDS.accounts.lukasEur, 1);
  }),
  // ClientProfile: documents
  t("uploadClientDocument", 404, "clientNotFound", "an unknown client id", (k) => uploadTo(k, `/internal/Clients/${UNKNOWN}/Documents/upload`, "file")),
  t("uploadClientDocument", 422, "clientClosed", "an upload for a closed client", async (k) => uploadTo(k, `/internal/Clients/${await closedClient(k)}/Documents/upload`, "file")),
  t("uploadClientDocument", 422, "documentStorageFull", "an upload past the tenant's 32 MiB of documents", async (k) => {
    await fillStorage(k);
    return uploadTo(k, `/internal/Clients/${k.s.clientId}/Documents/upload`, "file", 4 * MIB);
  }),
  t("uploadClientDocuments", 404, "clientNotFound", "an unknown client id", (k) => uploadTo(k, `/internal/Clients/${UNKNOWN}/Documents/upload/bulk`, "files")),
  t("uploadClientDocuments", 422, "clientClosed", "an upload for a closed client", async (k) => uploadTo(k, `/internal/Clients/${await closedClient(k)}/Documents/upload/bulk`, "files")),
  t("uploadClientDocuments", 422, "documentStorageFull", "an upload past the tenant's 32 MiB of documents", async (k) => {
    await fillStorage(k);
    return uploadTo(k, `/internal/Clients/${k.s.clientId}/Documents/upload/bulk`, "files", 4 * MIB);
  }),
  t("downloadClientDocument", 404, "documentNotFound", "an unknown document id", (k) => k.sandbox.call("GET", `/internal/Clients/${k.s.clientId}/Documents/${UNKNOWN}/download`)),
  t("downloadClientDocument", 404, "documentNotFound", "another client's document", async (k) => {
    const id = (await uploadTo(k, `/internal/Clients/${DEMO_IDS.clients.lukasNowak}/Documents/upload`, "file")).json.id;
    return k.sandbox.call("GET", `/internal/Clients/${k.s.clientId}/Documents/${id}/download`);
  }),
  t("downloadClientDocument", 404, "clientNotFound", "an unknown client id", (k) => k.sandbox.call("GET", `/internal/Clients/${UNKNOWN}/Documents/${UNKNOWN}/download`)),
  t("listClientDocuments", 404, "clientNotFound", "an unknown client id", (k) => k.sandbox.call("GET", `/internal/Clients/${UNKNOWN}/Documents`)),
  t("deleteClientDocument", 404, "documentNotFound", "delete a document twice", async (k) => {
    const id = (await uploadTo(k, `/internal/Clients/${k.s.clientId}/Documents/upload`, "file")).json.id;
    await k.sandbox.call("DELETE", `/internal/Clients/${k.s.clientId}/Documents/${id}`);
    return k.sandbox.call("DELETE", `/internal/Clients/${k.s.clientId}/Documents/${id}`);
  }),
  t("deleteClientDocument", 404, "clientNotFound", "an unknown client id", (k) => k.sandbox.call("DELETE", `/internal/Clients/${UNKNOWN}/Documents/${UNKNOWN}`)),
  t("listRelatedIndividualDocuments", 404, "relatedIndividualNotFound", "a related individual of another company", (k) => k.sandbox.call("GET", `${relatedOf(DEMO_IDS.clients.harbourFinch)}/documents`)),
  t("listRelatedIndividualDocuments", 404, "clientNotFound", "an unknown client id", (k) => k.sandbox.call("GET", `/internal/Clients/${UNKNOWN}/related-individuals/${UNKNOWN}/documents`)),
  t("uploadRelatedIndividualDocument", 404, "relatedIndividualNotFound", "an unknown related individual", (k) => uploadTo(k, `/internal/Clients/${DEMO_IDS.clients.nordlichtDesign}/related-individuals/${UNKNOWN}/documents/upload`, "file")),
  t("uploadRelatedIndividualDocument", 404, "clientNotFound", "an unknown client id", (k) => uploadTo(k, `/internal/Clients/${UNKNOWN}/related-individuals/${UNKNOWN}/documents/upload`, "file")),
  t("uploadRelatedIndividualDocument", 422, "clientClosed", "an upload for a closed company's director", async (k) => {
    await k.sandbox.call("PUT", `/internal/Clients/${DEMO_IDS.clients.nordlichtDesign}/status`, { body: { status: "closed" } });
    return uploadTo(k, `${relatedOf(DEMO_IDS.clients.nordlichtDesign)}/documents/upload`, "file");
  }),
  t("uploadRelatedIndividualDocument", 422, "documentStorageFull", "an upload past the tenant's 32 MiB of documents", async (k) => {
    await fillStorage(k);
    return uploadTo(k, `${relatedOf(DEMO_IDS.clients.nordlichtDesign)}/documents/upload`, "file", 4 * MIB);
  }),
  t("downloadRelatedIndividualDocument", 404, "documentNotFound", "the company's own document by its director", async (k) => {
    const id = (await uploadTo(k, `/internal/Clients/${DEMO_IDS.clients.nordlichtDesign}/Documents/upload`, "file")).json.id;
    return k.sandbox.call("GET", `${relatedOf(DEMO_IDS.clients.nordlichtDesign)}/documents/${id}/download`);
  }),
  t("downloadRelatedIndividualDocument", 404, "relatedIndividualNotFound", "an unknown related individual", (k) =>
    k.sandbox.call("GET", `/internal/Clients/${DEMO_IDS.clients.nordlichtDesign}/related-individuals/${UNKNOWN}/documents/${UNKNOWN}/download`)),
  t("downloadRelatedIndividualDocument", 404, "clientNotFound", "an unknown client id", (k) => k.sandbox.call("GET", `/internal/Clients/${UNKNOWN}/related-individuals/${UNKNOWN}/documents/${UNKNOWN}/download`)),
  // Onboarding
  ...(["individual", "company"] as const).flatMap((type) => {
    const operationId = type === "individual" ? "importIndividualClient" : "importCompanyClient";
    const path = `/integration/ClientsImport/${type}`;
    return [
      t(operationId, 422, "clientAlreadyExists", "the same externalId imported twice", async (k) => {
        await k.sandbox.call("POST", path, { body: importOf(type, "wl-twice") });
        return k.sandbox.call("POST", path, { body: { ...importOf(type, "wl-twice"), email: "other@example.com" } });
      }),
      t(operationId, 422, "planNotFound", "an unknown plan code", (k) => k.sandbox.call("POST", path, { body: { ...importOf(type, "wl-plan"), plan: "platinum" } })),
      t(operationId, 422, "currencyNotEnabled", "an account in a currency disabled with PUT /internal/Currencies/nok", async (k) => {
        await k.sandbox.call("PUT", "/internal/Currencies/nok", { body: { name: "Norwegian Krone", isEnabled: false } });
        return k.sandbox.call("POST", path, { body: { ...importOf(type, "wl-nok"), accounts: [{ currency: "nok" }] } });
      }),
    ];
  }),
  t("updateSumsubState", 404, "clientNotFound", "an unknown applicant and no externalUserId", (k) => k.sandbox.call("POST", "/integration/sumsub-webhooks/update-state", { body: { applicantId: "0000000000000000000000aa", type: "applicantPending" } })),
  t("updateSumsubState", 422, "clientClosed", "a review of a closed client's applicant", async (k) => {
    const id = await closedClient(k);
    return k.sandbox.call("POST", "/integration/sumsub-webhooks/update-state", { body: { applicantId: "0000000000000000000000bb", externalUserId: id, type: "applicantReviewed", reviewResult: { reviewAnswer: "GREEN" } } });
  }),
  t("simulateVerificationResponse", 404, "clientNotFound", "an unknown client id", (k) => k.sandbox.call("POST", "/integration/sumsub-webhooks/simulate", { body: { clientId: UNKNOWN, reviewAnswer: "GREEN" } })),
  t("simulateVerificationResponse", 422, "clientClosed", "a review of a closed client", async (k) => k.sandbox.call("POST", "/integration/sumsub-webhooks/simulate", { body: { clientId: await closedClient(k), reviewAnswer: "GREEN" } })),
  // Recipients
  t("addRecipient", 422, "recipientAlreadyExists", "the same account number and currency saved twice, the first hidden", async (k) => {
    const id = (await k.sandbox.call("POST", "/Recipients", { body: PAYEE, headers: k.asClient })).json.id;
    await k.sandbox.call("PUT", `/Recipients/${id}/visibility`, { body: { isVisible: false }, headers: k.asClient });
    return k.sandbox.call("POST", "/Recipients", { body: { ...PAYEE, name: "Someone Else" }, headers: k.asClient });
  }),
  t("addRecipient", 422, "clientNotActive", "a blocked client saves a recipient", async (k) => {
    await k.sandbox.call("PUT", `/internal/Clients/${k.s.clientId}/block`, { body: { reason: "trigger" } });
    return k.sandbox.call("POST", "/Recipients", { body: PAYEE, headers: k.asClient });
  }),
  ...(["/Recipients", "/v2/Recipients"] as const).map((route) =>
    t(route === "/Recipients" ? "getRecipient" : "getRecipientV2", 404, "recipientNotFound", "another client's recipient", async (k) => {
      const id = (await k.sandbox.call("POST", "/internal/Recipients", { body: { ...PAYEE, clientId: DEMO_IDS.clients.lukasNowak } })).json.id;
      return k.sandbox.call("GET", `${route}/${id}`, { headers: k.asClient });
    }),
  ),
  t("updateRecipientVisibility", 404, "recipientNotFound", "an unknown recipient id", (k) => k.sandbox.call("PUT", `/Recipients/${UNKNOWN}/visibility`, { body: { isVisible: false }, headers: k.asClient })),
  t("updateRecipientVisibility", 422, "recipientNotEditable", "hide a system recipient", async (k) => {
    const id = (await k.sandbox.call("POST", "/internal/integration/Recipients", { body: PAYEE })).json.id;
    return k.sandbox.call("PUT", `/Recipients/${id}/visibility`, { body: { isVisible: false }, headers: k.asClient });
  }),
  t("addRecipientInternal", 404, "clientNotFound", "an unknown client id", (k) => k.sandbox.call("POST", "/internal/Recipients", { body: { ...PAYEE, clientId: UNKNOWN } })),
  t("addRecipientInternal", 422, "recipientAlreadyExists", "the same account number and currency twice for one client", async (k) => {
    await k.sandbox.call("POST", "/internal/Recipients", { body: { ...PAYEE, clientId: k.s.clientId } });
    return k.sandbox.call("POST", "/internal/Recipients", { body: { ...PAYEE, clientId: k.s.clientId } });
  }),
  t("addRecipientInternal", 422, "clientNotActive", "a recipient for a closed client", async (k) => k.sandbox.call("POST", "/internal/Recipients", { body: { ...PAYEE, clientId: await closedClient(k) } })),
  t("addSystemRecipient", 422, "recipientAlreadyExists", "the same account number and currency twice as system recipients", async (k) => {
    await k.sandbox.call("POST", "/internal/integration/Recipients", { body: PAYEE });
    return k.sandbox.call("POST", "/internal/integration/Recipients", { body: { ...PAYEE, name: "Berliner Stadtwerke AG" } });
  }),
  // Transfers (docs/domain/transfers.md)
  t("generateTransferConfirmationCode", 404, "transferNotFound", "an unknown transfer id", (k) => k.sandbox.call("POST", `/Confirmations/${UNKNOWN}`, { headers: AS.emma })),
  t("generateTransferConfirmationCode", 422, "invalidStateTransition", "a code for a canceled transfer", async (k) => {
    const id = await sendTransfer(k);
    await k.sandbox.call("PUT", `/Transfers/outgoing/${id}/cancel`, { headers: AS.emma });
    return k.sandbox.call("POST", `/Confirmations/${id}`, { headers: AS.emma });
  }),
  t("downloadTransferDocument", 404, "documentNotFound", "the confirmation of a transfer not yet completed", async (k) => k.sandbox.call("GET", `/Documents/${await sendTransfer(k)}.pdf`, { headers: AS.emma })),
  t("downloadClientTransferDocument", 404, "documentNotFound", "a file name that names no transfer", (k) => k.sandbox.call("GET", `/internal/Documents/${C.emmaSchneider}/${UNKNOWN}.pdf`)),
  t("downloadClientTransferDocument", 404, "clientNotFound", "an unknown client id", (k) => k.sandbox.call("GET", `/internal/Documents/${UNKNOWN}/${UNKNOWN}.pdf`)),
  ...(
    [
      ["getTransfer", "/Transfers"],
      ["getTransferV2", "/v2/Transfers"],
      ["getOutgoingTransfer", "/Transfers/outgoing"],
      ["getOutgoingTransferV2", "/v2/Transfers/outgoing"],
    ] as const
  ).map(([operationId, route]) => t(operationId, 404, "transferNotFound", "another client's transfer", async (k) => k.sandbox.call("GET", `${route}/${await sendTransfer(k)}`, { headers: AS.lukas }))),
  ...(
    [
      ["getIncomingTransfer", "/Transfers/incoming"],
      ["getIncomingTransferV2", "/v2/Transfers/incoming"],
      ["getFxTransfer", "/Transfers/fx"],
      ["getFxTransferV2", "/v2/Transfers/fx"],
    ] as const
  ).map(([operationId, route]) => t(operationId, 404, "transferNotFound", "an outgoing transfer on a route of another direction", async (k) => k.sandbox.call("GET", `${route}/${await sendTransfer(k)}`, { headers: AS.emma }))),
  ...(["getOutgoingTransferInternal", "getIncomingTransferInternal", "getFxTransferInternal"] as const).map((operationId) =>
    t(operationId, 404, "transferNotFound", "an unknown transfer id", (k) => k.sandbox.call("GET", `/internal/Transfers/${{ getOutgoingTransferInternal: "outgoing", getIncomingTransferInternal: "incoming", getFxTransferInternal: "fx" }[operationId]}/${UNKNOWN}`)),
  ),
  t("createOutgoingTransfer", 404, "accountNotFound", "another client's account", async (k) => outgoing(k, AS.emma, { accountId: A.lukasEur, recipientId: await payee(k, C.emmaSchneider) })),
  t("createOutgoingTransfer", 404, "recipientNotFound", "another client's recipient", async (k) => outgoing(k, AS.emma, { recipientId: await payee(k, C.lukasNowak) })),
  t("createOutgoingTransfer", 422, "outgoingLimitExceeded", "more than the basic plan's 2,500 a month", async (k) => outgoing(k, AS.lukas, { accountId: A.lukasPln, recipientId: await payee(k, C.lukasNowak, PLN_PAYEE), amount: 2_600, currency: "pln" })),
  t("createOutgoingTransfer", 422, "clientNotActive", "a blocked client", async (k) => {
    const recipientId = await payee(k, C.emmaSchneider);
    await block(k, C.emmaSchneider);
    return outgoing(k, AS.emma, { recipientId });
  }),
  t("createOutgoingTransfer", 422, "accountNotActive", "an account still pending activation", async (k) => outgoing(k, AS.emma, { accountId: await pendingAccount(k), recipientId: await payee(k, C.emmaSchneider) })),
  t("createOutgoingTransfer", 422, "currencyMismatch", "a recipient paid in usd from an eur account", async (k) => outgoing(k, AS.emma, { recipientId: await payee(k, C.emmaSchneider, { ...TRANSFER_PAYEE, currency: "usd" }), currency: "usd" })),
  ...(["/Transfers/outgoing", "/v2/Transfers/outgoing"] as const).flatMap((route) => {
    const confirmId = route === "/Transfers/outgoing" ? "confirmOutgoingTransfer" : "confirmOutgoingTransferV2";
    const cancelId = route === "/Transfers/outgoing" ? "cancelOutgoingTransfer" : "cancelOutgoingTransferV2";
    const confirm = (k: TriggerKit, id: string, code = "000000", as: Headers = AS.emma) => k.sandbox.call("PUT", `${route}/${id}/confirm`, { body: { code }, headers: as });
    return [
      t(confirmId, 404, "transferNotFound", "another client's transfer", async (k) => confirm(k, await sendTransfer(k), "000000", AS.lukas)),
      t(confirmId, 422, "invalidConfirmationCode", "a wrong code", async (k) => confirm(k, await sendTransfer(k), "123456")),
      t(confirmId, 422, "confirmationCodeExpired", "the code entered after its 5 minutes", async (k) => {
        const id = await sendTransfer(k);
        await k.sandbox.call("POST", "/__sandbox/clock/advance", { body: { minutes: 6 } });
        return confirm(k, id);
      }),
      t(confirmId, 422, "insufficientFunds", "more than the account holds", async (k) => confirm(k, await sendTransfer(k, 50_000))),
      t(confirmId, 422, "invalidStateTransition", "a canceled transfer", async (k) => {
        const id = await sendTransfer(k);
        await k.sandbox.call("PUT", `${route}/${id}/cancel`, { headers: AS.emma });
        return confirm(k, id);
      }),
      t(confirmId, 422, "accountNotActive", "the client blocked after creating the transfer", async (k) => {
        const id = await sendTransfer(k);
        await block(k, C.emmaSchneider);
        return confirm(k, id);
      }),
      t(confirmId, 422, "incomingLimitExceeded", "an internal transfer past the receiving basic-plan client's cap", async (k) => {
        const made = await outgoing(k, AS.nordlicht, { accountId: A.nordlichtEur, recipientId: await payee(k, C.nordlichtDesign, LUKAS_AT_THIS_BANK), amount: 9_900 });
        return confirm(k, made.json.id, "000000", AS.nordlicht);
      }),
      t(cancelId, 404, "transferNotFound", "an unknown transfer id", (k) => k.sandbox.call("PUT", `${route}/${UNKNOWN}/cancel`, { headers: AS.emma })),
      t(cancelId, 422, "invalidStateTransition", "a transfer already processing", async (k) => {
        const id = await sendTransfer(k);
        await confirm(k, id);
        return k.sandbox.call("PUT", `${route}/${id}/cancel`, { headers: AS.emma });
      }),
    ];
  }),
  t("createFxTransfer", 404, "accountNotFound", "another client's target account", (k) => fx(k, AS.emma, { targetAccountId: A.harbourUsd })),
  t("createFxTransfer", 422, "insufficientFunds", "more than the source account holds", (k) => fx(k, AS.emma, { amount: 50_000 })),
  t("createFxTransfer", 422, "currencyMismatch", "a target account in another currency than targetCurrency", (k) => fx(k, AS.emma, { targetCurrency: "gbp" })),
  t("createFxTransfer", 422, "clientNotActive", "a blocked client", async (k) => {
    await block(k, C.emmaSchneider);
    return fx(k, AS.emma, {});
  }),
  t("createFxTransfer", 422, "accountNotActive", "a source account still pending activation", async (k) => fx(k, AS.emma, { accountId: await pendingAccount(k) })),
  t("createFxTransfer", 422, "incomingLimitExceeded", "a basic-plan client's eur account filled to its cap", async (k) => {
    const topUp = await k.sandbox.call("POST", "/__sandbox/simulations/incoming-payment", { body: { accountId: A.lukasEur, amount: 9_000 } });
    if (topUp.status !== 200) throw new Error(`could not fund the account: ${topUp.text}`);
    return fx(k, AS.lukas, { accountId: A.lukasPln, targetAccountId: A.lukasEur, currency: "pln", targetCurrency: "eur", amount: 4_000 });
  }),
  t("processIncomingRequest", 404, "incomingRequestNotFound", "an unknown request id", (k) => k.sandbox.call("POST", `/internal/IncomingRequests/${UNKNOWN}/process`)),
  t("processIncomingRequest", 422, "invalidStateTransition", "a request processed already", async (k) => {
    const received = await incoming(k, "FL100000000000000101");
    return k.sandbox.call("POST", `/internal/IncomingRequests/${received.json.requestId}/process`);
  }),
  t("assignIncomingTransfer", 404, "transferNotFound", "an unknown transfer id", (k) => assign(k, UNKNOWN, {})),
  t("assignIncomingTransfer", 404, "clientNotFound", "an unknown client id", async (k) => assign(k, await unrecognized(k), { clientId: UNKNOWN })),
  t("assignIncomingTransfer", 404, "accountNotFound", "another client's account", async (k) => assign(k, await unrecognized(k), { accountId: A.lukasEur })),
  t("assignIncomingTransfer", 422, "invalidStateTransition", "a transfer that completed on arrival", async (k) => assign(k, (await incoming(k, "FL100000000000000101")).json.transfer.id, {})),
  t("assignIncomingTransfer", 422, "currencyMismatch", "an eur transfer to a usd account", async (k) => assign(k, await unrecognized(k), { accountId: A.emmaUsd })),
  t("assignIncomingTransfer", 422, "accountNotActive", "an account still pending activation", async (k) => assign(k, await unrecognized(k), { accountId: await pendingAccount(k) })),
  t("assignIncomingTransfer", 422, "incomingLimitExceeded", "past a basic-plan client's cap", async (k) => assign(k, await unrecognized(k, 20_000), { clientId: C.lukasNowak, accountId: A.lukasEur })),
  t("continueOutgoingTransfer", 404, "transferNotFound", "an unknown transfer id", (k) => k.sandbox.call("POST", `/internal/Transfers/outgoing/${UNKNOWN}/continue`)),
  t("continueOutgoingTransfer", 422, "invalidStateTransition", "a transfer awaiting its code", async (k) => k.sandbox.call("POST", `/internal/Transfers/outgoing/${await sendTransfer(k)}/continue`)),
  t("executeTransfer", 404, "transferNotFound", "an unknown transfer id", (k) => k.sandbox.call("POST", `/internal/Transfers/${UNKNOWN}/execute`)),
  t("executeTransfer", 422, "invalidStateTransition", "a transfer awaiting its code", async (k) => k.sandbox.call("POST", `/internal/Transfers/${await sendTransfer(k)}/execute`)),
  t("executeTransfer", 422, "accountNotActive", "a confirmed transfer whose client was blocked since", async (k) => {
    await k.sandbox.call("PUT", "/__sandbox/transfers/processing", { body: { mode: "manual", processingDelayMs: 0, completionDelayMs: 0 } });
    const id = await sendTransfer(k);
    await k.sandbox.call("PUT", `/Transfers/outgoing/${id}/confirm`, { body: { code: "000000" }, headers: AS.emma });
    await block(k, C.emmaSchneider);
    return k.sandbox.call("POST", `/internal/Transfers/${id}/execute`);
  }),
  ...(
    [
      ["createIntegrationOutgoingTransfer", "/internal/integration/Transfers/outgoing", {}],
      ["createIntegrationPaymentRequestTransfer", "/internal/integration/Transfers/outgoing/payment-request", { paymentRequestId: "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d" }],
    ] as const
  ).flatMap(([operationId, route, extra]) => {
    const send = async (k: TriggerKit, body: Record<string, unknown>) =>
      k.sandbox.call("POST", route, { body: { clientId: C.emmaSchneider, accountId: A.emmaEur, recipientId: body.recipientId ?? (await payee(k, C.emmaSchneider)), amount: 10, currency: "eur", ...extra, ...body } });
    return [
      t(operationId, 404, "clientNotFound", "an unknown client id", (k) => send(k, { clientId: UNKNOWN })),
      t(operationId, 404, "accountNotFound", "another client's account", (k) => send(k, { accountId: A.lukasEur })),
      t(operationId, 404, "recipientNotFound", "an unknown recipient id", (k) => send(k, { recipientId: UNKNOWN })),
      t(operationId, 422, "insufficientFunds", "more than the account holds", (k) => send(k, { amount: 50_000 })),
      t(operationId, 422, "clientNotActive", "a blocked client", async (k) => {
        await block(k, C.emmaSchneider);
        return send(k, {});
      }),
      t(operationId, 422, "accountNotActive", "an account still pending activation", async (k) => send(k, { accountId: await pendingAccount(k) })),
      t(operationId, 422, "currencyMismatch", "an eur recipient paid in usd from a usd account", (k) => send(k, { accountId: A.emmaUsd, currency: "usd" })),
      t(operationId, 422, "outgoingLimitExceeded", "more than the basic plan's 2,500 a month", async (k) =>
        send(k, { clientId: C.lukasNowak, accountId: A.lukasPln, recipientId: await payee(k, C.lukasNowak, PLN_PAYEE), amount: 2_600, currency: "pln" }),
      ),
      t(operationId, 422, "incomingLimitExceeded", "an internal transfer past the receiving basic-plan client's cap", async (k) =>
        send(k, { clientId: C.nordlichtDesign, accountId: A.nordlichtEur, recipientId: await payee(k, C.nordlichtDesign, LUKAS_AT_THIS_BANK), amount: 9_900 }),
      ),
      ...(operationId === "createIntegrationPaymentRequestTransfer"
        ? [
            t(operationId, 422, "duplicatePaymentRequest", "a payment request paid twice", async (k) => {
              const recipientId = await payee(k, C.emmaSchneider);
              await send(k, { recipientId });
              return send(k, { recipientId });
            }),
          ]
        : []),
    ];
  }),
];

/** A pending payment whose debtor's client is then blocked: its accounts can neither send nor receive. */
async function blockedPending(k: TriggerKit, post: (id: string) => Promise<Reply>): Promise<Reply> {
  const id = await pended(k);
  const blocked = await k.sandbox.call("PUT", `/internal/Clients/${k.s.clientId}/block`, { body: { reason: "trigger" } });
  if (blocked.status !== 200) throw new Error(`could not block the client: ${blocked.text}`);
  return post(id);
}

// ---- transfers ----
type Headers = { authorization: string };
const C = DEMO_IDS.clients;
const A = DEMO_IDS.accounts;
const AS = {
  emma: { authorization: `Bearer ${C.emmaSchneider}` },
  lukas: { authorization: `Bearer ${C.lukasNowak}` },
  nordlicht: { authorization: `Bearer ${C.nordlichtDesign}` },
};
const TRANSFER_PAYEE = { name: "Lukas Meyer", accountNumber: "DE89370400440532013000", country: "DE", currency: "eur" };
const PLN_PAYEE = { name: "Anna Kowalska", accountNumber: "PL61109010140000071219812874", country: "PL", currency: "pln" };
/** Lukas Nowak's eur account at this bank, as a recipient: an internal transfer. */
const LUKAS_AT_THIS_BANK = { name: "Lukas Nowak", accountNumber: "FL100000000000000202", country: "PL", currency: "eur" };

async function payee(k: TriggerKit, clientId: string, recipient: Record<string, unknown> = TRANSFER_PAYEE): Promise<string> {
  const added = await k.sandbox.call("POST", "/internal/Recipients", { body: { ...recipient, clientId } });
  if (added.status !== 200) throw new Error(`could not save the recipient: ${added.text}`);
  return added.json.id;
}

function outgoing(k: TriggerKit, as: Headers, body: Record<string, unknown>): Promise<Reply> {
  return k.sandbox.call("POST", "/Transfers/outgoing", { body: { accountId: A.emmaEur, amount: 10, currency: "eur", ...body }, headers: as });
}

/** Emma's transfer awaiting its code. */
async function sendTransfer(k: TriggerKit, amount = 10): Promise<string> {
  const made = await outgoing(k, AS.emma, { recipientId: await payee(k, C.emmaSchneider), amount });
  if (made.status !== 200) throw new Error(`could not create the transfer: ${made.text}`);
  return made.json.id;
}

function fx(k: TriggerKit, as: Headers, body: Record<string, unknown>): Promise<Reply> {
  return k.sandbox.call("POST", "/v2/Transfers/fx", { body: { accountId: A.emmaEur, targetAccountId: A.emmaUsd, amount: 10, currency: "eur", targetCurrency: "usd", ...body }, headers: as });
}

async function block(k: TriggerKit, clientId: string): Promise<void> {
  const blocked = await k.sandbox.call("PUT", `/internal/Clients/${clientId}/block`, { body: { reason: "trigger" } });
  if (blocked.status !== 200) throw new Error(`could not block the client: ${blocked.text}`);
}

/** An eur account Emma opened and has not activated. */
async function pendingAccount(k: TriggerKit): Promise<string> {
  const opened = await k.sandbox.call("POST", "/Accounts", { body: { currency: "eur" }, headers: AS.emma });
  if (opened.status !== 200 || opened.json.status !== "pending") throw new Error(`could not open a pending account: ${opened.text}`);
  return opened.json.id;
}

function incoming(k: TriggerKit, recipientAccountNumber: string, amount = 50): Promise<Reply> {
  return k.sandbox.call("POST", "/__sandbox/simulations/incoming-transfer", { body: { recipientAccountNumber, amount, currency: "eur", senderName: "Max Mustermann", senderAccountNumber: "DE75512108001245126199" } });
}

/** An eur incoming transfer for an account that does not exist. */
async function unrecognized(k: TriggerKit, amount = 50): Promise<string> {
  const received = await incoming(k, "FL100000000000009999", amount);
  if (received.json?.transfer?.status !== "unrecognized") throw new Error(`the incoming transfer was not unrecognized: ${received.text}`);
  return received.json.transfer.id;
}

function assign(k: TriggerKit, transferId: string, body: Record<string, unknown>): Promise<Reply> {
  return k.sandbox.call("PUT", `/internal/Transfers/incoming/${transferId}/assign`, { body: { clientId: C.emmaSchneider, accountId: A.emmaEur, ...body } });
}
