/**
 * Where the generic schema generator is steered, by field name and operation: ids that exist (as markers),
 * amounts a ledger can pay, small delays (a fuzz run must never sleep for seconds), fault rules that name real
 * operations, and codes the sandbox accepts. Transfers take the focus client account's currency, its owner's
 * payees and other accounts, and the transfers, requests and documents a lifecycle step acts on. Everything
 * not named here comes from the schema alone.
 */
import fc from "fast-check";
import { NETWORK_REJECTED_ACCOUNT_NUMBER } from "../../sandbox/core/index.js";
import type { Json } from "../support/spec.js";
import { ABSENT_ID, marker, type MarkerKind, type TransferSubset } from "./markers.js";
import type { SchemaContext } from "./schema-arbitrary.js";
import { dateTimeArbitrary, typesOf } from "./schema-arbitrary.js";
import { finlegoModel, type OperationInfo } from "./spec-model.js";

/** The ten currencies. */
export const CURRENCIES = ["cad", "cny", "dkk", "nok", "sek", "chf", "gbp", "usd", "eur", "pln"] as const;

/** Amounts in major units: mostly small ones a client account can pay, sometimes large or magic ones. */
export const moneyArbitrary: fc.Arbitrary<number> = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 1, max: 5_000 }).map((cents) => cents / 100) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 2_000_000 }).map((cents) => cents / 100) },
  { weight: 1, arbitrary: fc.constantFrom(666.66, 503.03, 30, 12.5, 0.01) },
);

/** The focus id most of the time, another existing one sometimes, and now and then an id that exists nowhere. */
export function existing(kind: MarkerKind, focusWeight = 6): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: focusWeight, arbitrary: fc.constant(marker(kind, "@")) },
    { weight: 3, arbitrary: fc.nat(40).map((i) => marker(kind, i)) },
    { weight: 1, arbitrary: fc.uuid() },
  );
}

const peer = (kind: "peer" | "peerNumber") => fc.oneof({ weight: 3, arbitrary: fc.constant(marker(kind, "@", 0)) }, { weight: 2, arbitrary: fc.nat(6).map((j) => marker(kind, "@", j)) });

const finlegoOperationIds = finlegoModel.operations.map((o) => o.operationId);
const pathPatterns = [
  ...new Set(finlegoModel.operations.map((o) => o.template.replace(/\{[^}]+\}/g, "*"))),
  "/**",
  "/internal/**",
  "/v2/**",
  "/Accounts/*",
  "/internal/payments/*/PEND",
];

/** Which payments an operation acts on best: pend takes drafts, post takes pending ones, cancel either. */
function paymentKinds(operationId: string): { id: MarkerKind; parent: MarkerKind }[] {
  if (/^pendPayments?$/.test(operationId)) return [{ id: "draft", parent: "draftParent" }];
  if (/^postPayments?$/.test(operationId)) return [{ id: "pending", parent: "pendingParent" }];
  if (/^cancelPayments?$/.test(operationId)) return [{ id: "draft", parent: "draftParent" }, { id: "pending", parent: "pendingParent" }];
  return [{ id: "payment", parent: "parent" }];
}

/** Which of the bearer's accounts an operation acts on best: closable ones to close, pending or empty ones for an OTP. */
export function accountSubset(op: OperationInfo): "mine" | "otpMine" | "emptyMine" {
  if (op.operationId === "closeAccount") return "emptyMine";
  if (op.operationId === "sendAccountOtp") return "otpMine";
  return "mine";
}

/** The client whose bearer token a FrontOffice request carries: the owner of what the request's focus names. */
export function bearerOf(op: OperationInfo): MarkerKind {
  if (op.operationId === "verifyAccountOtp") return "otpOwner";
  const target = TRANSFER_TARGETS[op.operationId];
  if (target !== undefined) return `transfer${target}Owner`;
  if (/^getRecipient(V2)?$/.test(op.operationId)) return "recipientOwner";
  if (op.operationId === "updateRecipientVisibility") return "ownRecipientOwner";
  return `${accountSubset(op)}Owner`;
}

/** The hint function for one operation's parameters and body. */
export function hintsFor(op: OperationInfo): NonNullable<SchemaContext["hint"]> {
  return (name, schema, path) => {
    const field = name ?? (path.at(-1) === "[]" ? path.at(-2) : undefined);
    if (field === undefined) return undefined;
    // Lists and objects are generated from the schema; their items and fields get the hints.
    const scalar = !typesOf(schema).some((type) => type === "array" || type === "object");
    if (scalar) return transferHint(op, field, path) ?? idHint(op, field, path) ?? valueHint(op, field, schema, path);
    // Reordering takes exactly the client's open accounts: mostly that list, sometimes another one.
    if (op.operationId === "reorderAccounts" && field === "accountIds") {
      return fc.oneof({ weight: 3, arbitrary: fc.constant(marker("mineList", "@")) }, { weight: 1, arbitrary: fc.uniqueArray(existing("mine"), { minLength: 1, maxLength: 4 }) });
    }
    return op.api === "control" && path.includes("match") ? ruleMatchHint(field) : undefined;
  };
}

/**
 * The transfers an operation acts on best (its `transferId`, and on FrontOffice routes the client whose token it
 * carries): a code for one awaiting confirmation, continuing a confirmed one, executing one confirmed or
 * processing, assigning an unrecognized incoming one, the document of a completed one.
 */
const TRANSFER_TARGETS: Partial<Record<string, TransferSubset>> = {
  generateTransferConfirmationCode: "Pending",
  confirmOutgoingTransfer: "Pending",
  confirmOutgoingTransferV2: "Pending",
  cancelOutgoingTransfer: "Open",
  cancelOutgoingTransferV2: "Open",
  getTransfer: "Client",
  getTransferV2: "Client",
  getOutgoingTransfer: "Out",
  getOutgoingTransferV2: "Out",
  getOutgoingTransferInternal: "Out",
  getIncomingTransfer: "In",
  getIncomingTransferV2: "In",
  getIncomingTransferInternal: "In",
  getFxTransfer: "Fx",
  getFxTransferV2: "Fx",
  getFxTransferInternal: "Fx",
  continueOutgoingTransfer: "Confirmed",
  executeTransfer: "Active",
  simulateTransferOutcome: "Active",
  assignIncomingTransfer: "Unrecognized",
  downloadTransferDocument: "Completed",
  downloadClientTransferDocument: "Completed",
};

/** Operations that pay from, or save payees for, the focus client account: its owner, currency and payees agree. */
const FROM_FOCUS = new Set(["createOutgoingTransfer", "createFxTransfer", "createIntegrationOutgoingTransfer", "createIntegrationPaymentRequestTransfer", "addRecipient", "addRecipientInternal", "addSystemRecipient"]);
/** Operations that debit the focus client account. */
const PAYING = new Set(["createOutgoingTransfer", "createFxTransfer", "createIntegrationOutgoingTransfer", "createIntegrationPaymentRequestTransfer"]);
/** Operations that save a payee. */
const SAVING_PAYEES = new Set(["addRecipient", "addRecipientInternal", "addSystemRecipient"]);
/** Shares (percent) of the focus account's available amount that a payment sometimes asks for: all of it meets the edge. */
const PAYABLE_PERCENTS = [10, 50, 100];
/** Countries a payee's account is in: SEPA ones, ones with a local currency of their own, and one outside both. */
const PAYEE_COUNTRIES = ["DE", "FR", "NL", "GB", "PL", "CH", "SE", "US"];
/** How many payees (peers) past the first a marker may pick. */
const MAX_PICK = 6;

/** IBAN-shaped account numbers elsewhere: a country, two check digits, 12-18 digits. */
const ibanArbitrary: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(...PAYEE_COUNTRIES), fc.integer({ min: 10, max: 99 }), fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 12, maxLength: 18 }))
  .map(([country, check, digits]) => `${country}${check}${digits.join("")}`);

/** A payee's account number: another client account at this bank in the focus currency, one elsewhere, the one the network rejects, or any. */
const payeeNumberArbitrary: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.nat(MAX_PICK).map((j) => marker("minePeerNumber", "@", j)) },
  { weight: 4, arbitrary: ibanArbitrary },
  { weight: 1, arbitrary: fc.constant(NETWORK_REJECTED_ACCOUNT_NUMBER) },
  { weight: 1, arbitrary: fc.stringMatching(/^[A-Z0-9]{5,34}$/) },
);

/** Mostly the focus thing (the `@` marker of a kind), now and then another of its kind or the values given. */
function mostly(kind: MarkerKind, others: fc.Arbitrary<unknown>, weight = 12): fc.Arbitrary<unknown> {
  return fc.oneof({ weight, arbitrary: fc.constant(marker(kind, "@")) }, { weight: 1, arbitrary: others });
}

/** Hints for the transfer and recipient operations; undefined leaves a field to the other hints. */
function transferHint(op: OperationInfo, field: string, path: readonly string[]): fc.Arbitrary<unknown> | undefined {
  const id = op.operationId;
  const target = TRANSFER_TARGETS[id];
  switch (field) {
    case "transferId":
      return target && existing(`transfer${target}`, 24);
    case "fileName":
      if (target === undefined) return undefined;
      return fc.oneof(
        { weight: 8, arbitrary: fc.constant(marker(`transfer${target}File`, "@")) },
        { weight: 1, arbitrary: fc.nat(40).map((i) => marker("transferClientFile", i)) },
        { weight: 1, arbitrary: fc.constantFrom("statement.pdf", `${ABSENT_ID}.pdf`, "x") },
      );
    case "recipientId":
      if (path[0] === "path") return existing(id === "updateRecipientVisibility" ? "ownRecipient" : "recipient", 24);
      return FROM_FOCUS.has(id) ? fc.oneof({ weight: 12, arbitrary: fc.nat(MAX_PICK).map((j) => marker("mineRecipient", "@", j)) }, { weight: 1, arbitrary: existing("recipient") }) : undefined;
    case "requestId":
      return existing("requestOpen", 24);
    case "code":
      return /^confirmOutgoingTransfer(V2)?$/.test(id) ? fc.oneof({ weight: 6, arbitrary: fc.constant("000000") }, { weight: 1, arbitrary: fc.stringMatching(/^[0-9]{6}$/) }) : undefined;
    case "clientId":
      // System routes name a client and its account together: the focus account's, the one an assignment fits, a document's.
      if (target === "Completed") return existing("transferCompletedOwner", 24);
      if (id === "assignIncomingTransfer") return existing("assignOwner", 24);
      return FROM_FOCUS.has(id) ? existing("mineOwner", 24) : undefined;
    case "accountId":
      if (id === "assignIncomingTransfer") return existing("assignAccount", 24);
      return /^createIntegration/.test(id) ? existing("mine", 24) : undefined;
    case "targetAccountId":
      return existing("mineOther", 24);
    case "targetCurrency":
      return mostly("mineOtherCurrency", fc.constantFrom(...CURRENCIES));
    case "currency":
      // An incoming transfer in another currency than its account's stays unrecognized, for an assignment.
      if (id === "simulateIncomingTransfer") return mostly("mineCurrency", fc.constantFrom(...CURRENCIES), 3);
      return FROM_FOCUS.has(id) ? mostly("mineCurrency", fc.constantFrom(...CURRENCIES)) : undefined;
    case "amount":
      if (!PAYING.has(id)) return undefined;
      return fc.oneof({ weight: 8, arbitrary: moneyArbitrary }, { weight: 2, arbitrary: fc.constantFrom(...PAYABLE_PERCENTS).map((percent) => marker("minePayable", "@", percent)) });
    case "accountNumber":
      return SAVING_PAYEES.has(id) ? payeeNumberArbitrary : undefined;
    case "country":
      return SAVING_PAYEES.has(id) ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...PAYEE_COUNTRIES) }, { weight: 1, arbitrary: fc.stringMatching(/^[A-Z]{2}$/) }) : undefined;
    case "recipientAccountNumber":
      // The focus account's number mostly; a system account's or one elsewhere leaves the transfer unrecognized.
      return fc.oneof({ weight: 5, arbitrary: fc.constant(marker("mineNumber", "@")) }, { weight: 2, arbitrary: existing("number") }, { weight: 1, arbitrary: ibanArbitrary });
    case "senderAccountNumber":
      return ibanArbitrary;
    case "outcome":
      // Completed most often: a completed transfer has a document, the deepest state.
      return id === "simulateTransferOutcome" ? fc.oneof({ weight: 3, arbitrary: fc.constant("completed") }, { weight: 2, arbitrary: fc.constantFrom("processing", "failed", "rejected") }) : undefined;
  }
  return undefined;
}

function idHint(op: OperationInfo, field: string, path: readonly string[]): fc.Arbitrary<unknown> | undefined {
  const where = path[0];
  const payments = paymentKinds(op.operationId);
  // FrontOffice operations act on the bearer's own accounts: the focus client account and its owner.
  if (op.bearer && /^(id|accountId|accountIds)$/.test(field)) return existing(accountSubset(op), 24);
  // A payment's debtor, creditor and currency agree when all three follow the focus account.
  const legs = /^(createPayment|draftPayment)$/.test(op.operationId) ? 24 : 6;
  switch (field) {
    case "accountId":
    case "accountIds":
    case "debtorAccountId":
      return existing("account", legs);
    case "creditorAccountId":
      return fc.oneof({ weight: legs, arbitrary: peer("peer") }, { weight: 1, arbitrary: existing("account") });
    case "debtorAccountNumber":
    case "accountNumbers":
      return existing("number", legs);
    case "creditorAccountNumber":
      return peer("peerNumber");
    case "accountNumber":
      return op.operationId === "simulateIncomingPayment" ? existing("number") : undefined;
    case "clientId":
    case "clientIds":
      return existing("client");
    case "otpId":
      return existing("otp", 24);
    case "operation":
      // Activate a pending account, close an open one: what the focus account allows, mostly.
      return op.operationId === "sendAccountOtp" ? fc.oneof({ weight: 4, arbitrary: fc.constant(marker("otpOperation", "@")) }, { weight: 1, arbitrary: fc.constantFrom("activate", "close") }) : undefined;
    case "documentId":
      return undefined;
    case "paymentId":
    case "paymentIds":
      if (where === "body" && /^(createPayment|draftPayment)$/.test(op.operationId)) return fc.oneof({ weight: 4, arbitrary: fc.uuid() }, { weight: 1, arbitrary: existing("payment") });
      // A bulk request names payments of one parent: mostly just the focus payment, with the focus parent.
      return fc.oneof(...payments.map((p) => existing(p.id, 24)));
    case "parentId":
    case "parentIds":
      if (/^(createPayment|draftPayment)$/.test(op.operationId)) return fc.oneof({ weight: 4, arbitrary: fc.uuid() }, { weight: 1, arbitrary: existing("parent") });
      return fc.oneof(...payments.map((p) => existing(p.parent, 24)));
    case "id":
      if (where !== "path") return undefined;
      if (op.template.includes("/Transactions/")) return existing("transaction");
      return op.operationId === "getAccount" ? fc.oneof(existing("account"), existing("number")) : existing("account");
    case "ruleId":
      return fc.oneof({ weight: 3, arbitrary: fc.nat(5).map((i) => marker("rule", i)) }, { weight: 1, arbitrary: fc.constantFrom("rule-1", "rule-99", "x") });
    case "tenant":
      return where === "path" ? fc.oneof(fc.nat(8).map((i) => marker("tenant", i)), fc.constantFrom("team-a", "default", "nobody")) : undefined;
  }
  return undefined;
}

function valueHint(op: OperationInfo, field: string, schema: Json, path: readonly string[]): fc.Arbitrary<unknown> | undefined {
  switch (field) {
    case "amount":
    case "limit":
    case "initialBalance":
      return moneyArbitrary;
    case "currency":
      if (/^(createPayment|draftPayment|simulateIncomingPayment)$/.test(op.operationId)) {
        return fc.oneof({ weight: 12, arbitrary: fc.constant(marker("currency", "@")) }, { weight: 1, arbitrary: fc.constantFrom(...CURRENCIES) });
      }
      return undefined;
    case "code":
      if (op.operationId === "addCurrency") return fc.oneof({ weight: 3, arbitrary: fc.constant(marker("disabledCurrency", "@")) }, { weight: 1, arbitrary: fc.constantFrom(...CURRENCIES) });
      if (path[0] === "path") return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...CURRENCIES) }, { weight: 1, arbitrary: fc.constantFrom("EUR", "Usd", "xyz") });
      if (op.operationId === "verifyAccountOtp") return fc.oneof({ weight: 4, arbitrary: fc.constant("000000") }, { weight: 1, arbitrary: fc.stringMatching(/^[0-9]{6}$/) });
      break;
  }
  if (op.api === "control") return controlHint(field, path);
  return schema?.format === "date-time" ? dateTimeArbitrary() : undefined;
}

/** Hints for the control API: fault rules that name real operations, small delays, clock times near the demo's. */
function controlHint(field: string, path: readonly string[]): fc.Arbitrary<unknown> | undefined {
  const inRule = path.includes("match") || path.includes("respond");
  switch (field) {
    case "code":
      return inRule ? fc.constantFrom("insufficientFunds", "paymentNotFound", "serviceUnavailable", "accountNotActive", "badGateway") : undefined;
    case "delayMs":
      return fc.integer({ min: 0, max: 2 });
    case "times":
      return fc.integer({ min: 1, max: 3 });
    case "probability":
      return fc.oneof(fc.constant(1), fc.double({ min: 0.05, max: 1, noNaN: true }));
    case "operationId":
      return fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...finlegoOperationIds) }, { weight: 1, arbitrary: fc.constantFrom("makeMoney", "") });
    case "method":
      return fc.constantFrom("GET", "POST", "PUT", "PATCH", "DELETE", "post", "get");
    case "path":
      return inRule ? fc.constantFrom(...pathPatterns) : fc.constantFrom("/internal/Payments", "Accounts", "/v2/");
    case "status":
      return inRule ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(400, 404, 422, 500, 503) }, { weight: 1, arbitrary: fc.integer({ min: 400, max: 599 }) }) : undefined;
    case "now":
      return fc.oneof(dateTimeArbitrary(), fc.constantFrom("2026-03-02T10:00:00Z", "2026-03-02T10:05:01Z"));
    case "frozen":
      return fc.oneof({ weight: 9, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.boolean() });
    case "fixture":
      return fc.constantFrom("demo", "empty", "demo2", "constructor");
  }
  return undefined;
}

function ruleMatchHint(field: string): fc.Arbitrary<unknown> | undefined {
  if (field === "body") return ruleBodyMatch;
  if (field === "query") return fc.dictionary(fc.constantFrom("currency", "pageSize", "state", "accountId", "constructor"), fc.constantFrom("usd", "eur", "1", "posted"), { maxKeys: 2 });
  return undefined;
}

/** Body conditions of generated fault rules: dot paths the FinLego bodies have, and values they take. */
const ruleBodyMatch = fc.dictionary(
  fc.constantFrom("amount", "currency", "parentType", "transactions.0.amount", "debtorAccountId", "constructor", "a.b", "__proto__"),
  fc.constantFrom<unknown>("eur", "usd", 30, 12.5, 1, "transfer", null, { a: 1 }),
  { minKeys: 1, maxKeys: 2 },
);
