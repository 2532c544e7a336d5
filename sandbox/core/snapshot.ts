import { accountNumberProblem, indexAccount } from "./accounts.js";
import { recalculateTotals } from "./balances.js";
import { checkUnique, clientDefaults, clientRecordProblem, indexClient } from "./clients.js";
import { exportDocuments, restoreDocument } from "./documents.js";
import type { DocumentSnapshot } from "./documents.js";
import { exportDailyBalances, importDailyBalances } from "./daily-balances.js";
import type { DailyBalanceSnapshot } from "./daily-balances.js";
import { LedgerInvariantError } from "./errors.js";
import { verifyState } from "./invariants.js";
import { indexPayment } from "./payment-records.js";
import { exportRecipients, restoreRecipient } from "./transfers/index.js";
import { exportTransfers, importTransfers } from "./transfers/index.js";
import type { TransferSnapshot } from "./transfers/index.js";
import { createState, PaymentRec } from "./state.js";
import type { AccountRec, LedgerState, OtpRec, PaymentOrigin, TxRec } from "./state.js";
import type { Account, Client, Clock, CurrencyInfo, IdGenerator, ParentType, Recipient, Transaction } from "./types.js";
import { isUuid } from "./ids.js";
import { jsonEqual } from "./json-equal.js";
import { isValidAmountMinor } from "./money.js";
import { isAccountStatus, isAccountType, isCurrency, isParentType, isTransactionState } from "./validate.js";
import { accountView, clientView, transactionView } from "./views.js";

/** A payment in a snapshot, with its legs in order. */
export interface PaymentSnapshot {
  id: string;
  parentId: string;
  parentType: ParentType;
  obligatoryAt: number | null;
  createdAt: number;
  origin: PaymentOrigin;
  transactions: Transaction[];
}

/** A client as a snapshot carries it: snapshots made before the ClientProfile fields existed lack them (core/clients.ts clientDefaults). */
export type ClientSnapshot = Omit<Client, keyof ReturnType<typeof clientDefaults>> & Partial<Client>;

/** The whole ledger as plain JSON: no Maps, fixed key order, entities in creation order. */
export interface LedgerSnapshot extends TransferSnapshot {
  format: "finlego-sandbox-ledger";
  version: 1;
  /** The id generator's state, so a restored ledger goes on with fresh ids; null if it cannot say. */
  ids: number[] | null;
  currencies: CurrencyInfo[];
  clients: ClientSnapshot[];
  accounts: Account[];
  payments: PaymentSnapshot[];
  otps: OtpRec[];
  /** The stored daily balances (core/daily-balances.ts); left out when there are none. */
  dailyBalances?: DailyBalanceSnapshot[];
  /** Client documents with their bytes in base64 (core/documents.ts); left out when there are none. */
  documents?: DocumentSnapshot[];
  /** Clients' and system recipients, oldest first (core/transfers/recipients.ts); left out when there are none. */
  recipients?: Recipient[];
}

/** Serialises the state; legs come out in creation order because payments index their legs together. */
export function exportSnapshot(state: LedgerState): LedgerSnapshot {
  return {
    format: "finlego-sandbox-ledger",
    version: 1,
    ids: state.ids.state?.() ?? null,
    currencies: [...state.currencies.values()].map((c) => ({ code: c.code, name: c.name, decimals: c.decimals, isEnabled: c.isEnabled })),
    clients: [...state.clients.values()].map(clientView),
    accounts: state.accountList.map(accountView),
    payments: paymentsInCreationOrder(state).map((p) => ({
      id: p.id,
      parentId: p.parentId,
      parentType: p.parentType,
      obligatoryAt: p.obligatoryAt,
      createdAt: p.createdAt,
      origin: p.origin,
      transactions: p.legs.map(transactionView),
    })),
    otps: [...state.otps.values()].map((o) => ({ id: o.id, accountId: o.accountId, operation: o.operation, expiresAt: o.expiresAt })),
    ...(state.dailyBalances.size > 0 && { dailyBalances: exportDailyBalances(state) }),
    ...(state.documents.size > 0 && { documents: exportDocuments(state) }),
    ...(state.recipients.size > 0 && { recipients: exportRecipients(state) }),
    ...exportTransfers(state),
  };
}

// Legs of a payment are indexed together, so walking the legs meets each payment first at its first leg.
function paymentsInCreationOrder(state: LedgerState): PaymentRec[] {
  const list: PaymentRec[] = [];
  for (const tx of state.txList) if (tx.payment.firstLeg === tx) list.push(tx.payment);
  return list;
}

/** Rebuilds a state and all its indexes from a snapshot; throws LedgerInvariantError if it is malformed or inconsistent. */
export function importSnapshot(snapshot: LedgerSnapshot, clock: Clock, ids: IdGenerator): LedgerState {
  const bad = (why: string): never => {
    throw new LedgerInvariantError(`invalid ledger snapshot: ${why}`);
  };
  if (snapshot?.format !== "finlego-sandbox-ledger" || snapshot.version !== 1) bad("unknown format or version");
  if (snapshot.ids !== null && ids.restore !== undefined) ids.restore(snapshot.ids);
  const state = createState(clock, ids);
  for (const list of ["currencies", "clients", "accounts", "payments", "otps"] as const) {
    if (!Array.isArray(snapshot[list]) || !snapshot[list].every(isRecord)) bad(`${list} must be an array of objects`);
  }
  const documents = snapshot.documents ?? [];
  if (!Array.isArray(documents) || !documents.every(isRecord)) bad("documents must be an array of objects");
  const recipients = snapshot.recipients ?? [];
  if (!Array.isArray(recipients) || !recipients.every(isRecord)) bad("recipients must be an array of objects");
  for (const c of snapshot.currencies) {
    const record = isCurrency(c.code) ? state.currencies.get(c.code) : bad(`unknown currency ${String(c.code)}`);
    if (typeof c.name !== "string" || typeof c.isEnabled !== "boolean") bad(`currency ${c.code} needs a string name and a boolean isEnabled`);
    Object.assign(record!, { name: c.name, isEnabled: c.isEnabled });
  }
  for (const c of snapshot.clients) {
    // Fields a record of an earlier snapshot lacks take the defaults a record of its status starts with.
    const record: Client = { ...clientDefaults(c.status), ...c };
    const problem = clientRecordProblem(record);
    if (problem !== undefined) bad(`client ${String(c.id)} has a bad ${problem.field}: ${problem.message}`);
    if (state.clients.has(c.id) || checkUnique(state, record) !== undefined) bad(`client ${c.id} is duplicated or shares an email, externalId or applicantId`);
    indexClient(state, clientView(record));
  }
  for (const a of snapshot.accounts) {
    const problem = accountProblem(a, state);
    if (problem !== undefined) bad(`account ${String(a.id)} ${problem}`);
    if (state.accounts.has(a.id) || state.accountsByNumber.has(a.accountNumber)) bad(`duplicate account ${a.id} / ${a.accountNumber}`);
    indexAccount(state, { ...accountView(a as AccountRec), seq: state.accountList.length, postedDebitMinor: 0, postedCreditMinor: 0, txs: [] });
  }
  for (const p of snapshot.payments) restorePayment(state, p, bad);
  recalculateTotals(state);
  for (const o of snapshot.otps) {
    if (!isStoredId(o.id) || state.otps.has(o.id)) bad(`otp ${String(o.id)} has no lower-case uuid id or is duplicated`);
    if (!state.accounts.has(o.accountId) || !isTime(o.expiresAt) || (o.operation !== "activate" && o.operation !== "close")) bad(`otp ${o.id} names an unknown account or has a bad operation or expiry`);
    state.otps.set(o.id, { id: o.id, accountId: o.accountId, operation: o.operation, expiresAt: o.expiresAt });
  }
  importDailyBalances(state, snapshot.dailyBalances, bad);
  for (const d of documents) {
    const problem = restoreDocument(state, d);
    if (problem !== undefined) bad(`document ${String(d.id)} ${problem}`);
  }
  for (const r of recipients) {
    const problem = restoreRecipient(state, r);
    if (problem !== undefined) bad(`recipient ${String(r.id)} ${problem}`);
  }
  importTransfers(state, snapshot, bad);
  const verdict = verifyState(state);
  if (!verdict.ok) throw new LedgerInvariantError(`ledger snapshot is inconsistent: ${verdict.problems.slice(0, 5).join("; ")}`, verdict.problems);
  return state;
}

function restorePayment(state: LedgerState, p: PaymentSnapshot, bad: (why: string) => never): void {
  if (!isStoredId(p.id) || !isStoredId(p.parentId)) bad(`payment ${String(p.id)} needs lower-case uuid id and parentId`);
  if (!Array.isArray(p.transactions) || p.transactions.length === 0 || !p.transactions.every(isRecord)) bad(`payment ${p.id} needs at least one transaction`);
  if (state.payments.has(p.id)) bad(`duplicate payment ${p.id}`);
  if (!isParentType(p.parentType) || (p.origin !== "create" && p.origin !== "draft")) bad(`payment ${p.id} has an unknown parentType or origin`);
  if (!isTime(p.createdAt) || !isTimeOrNull(p.obligatoryAt)) bad(`payment ${p.id} has a time that is not epoch ms`);
  const payment = new PaymentRec(p.id, p.parentId, p.parentType, p.obligatoryAt, p.createdAt, p.origin);
  // Legs are indexed with their payment, after this loop: a leg repeating an earlier leg of the same payment is
  // caught here, not only by the final consistency check, so the refusal names the duplicate.
  const legIds = new Set<string>();
  payment.legs = p.transactions.map((t) => {
    const debtor = state.accounts.get(t.debtorAccountId);
    const creditor = state.accounts.get(t.creditorAccountId);
    if (!isStoredId(t.id) || !isValidAmountMinor(t.amountMinor) || !(t.stateReason === null || typeof t.stateReason === "string")) {
      bad(`transaction ${String(t.id)} needs a lower-case uuid id, a positive amountMinor and a string or null stateReason`);
    }
    if (debtor === undefined || creditor === undefined || debtor === creditor) return bad(`transaction ${t.id} names an unknown account, or one account on both sides`);
    if (state.transactions.has(t.id) || legIds.has(t.id) || !isTransactionState(t.state) || !isCurrency(t.currency)) bad(`transaction ${t.id} is duplicated or has an unknown state or currency`);
    legIds.add(t.id);
    if (!isTimeOrNull(t.postedAt) || !Array.isArray(t.stateChanges) || !t.stateChanges.every((c) => isTime(c?.at))) bad(`transaction ${t.id} has a time that is not epoch ms`);
    const tx: TxRec = {
      id: t.id, seq: 0, payment, debtor, creditor, currency: t.currency, amountMinor: t.amountMinor, state: t.state, stateReason: t.stateReason,
      pendedAt: t.stateChanges.find((c) => c.to === "pending")?.at ?? null,
      postedAt: t.postedAt,
      canceledAt: t.stateChanges.find((c) => c.to === "canceled")?.at ?? null,
    };
    // The stored leg keeps only what its view is derived from; the view must give back the snapshot.
    if (!jsonEqual(transactionView(tx), t)) bad(`transaction ${t.id} disagrees with its payment, accounts or state changes`);
    if (tx.state === "posted") {
      debtor.postedDebitMinor += tx.amountMinor;
      creditor.postedCreditMinor += tx.amountMinor;
    }
    return tx;
  });
  indexPayment(state, payment);
}

function accountProblem(a: Account, state: LedgerState): string | undefined {
  if (!isStoredId(a.id)) return "has no lower-case uuid id";
  const numberProblem = accountNumberProblem(a.accountNumber);
  if (numberProblem !== undefined) return `has an unusable accountNumber: ${numberProblem}`;
  if (!isCurrency(a.currency) || !isAccountType(a.type) || !isAccountStatus(a.status)) return "has an unknown currency, type or status";
  if (a.type === "client" ? typeof a.clientId !== "string" || !state.clients.has(a.clientId) : a.clientId !== null) return "names a client that does not exist (client accounts) or any client (system accounts)";
  if (!(a.name === null || (typeof a.name === "string" && a.name.length <= 200))) return "has a name that is neither null nor a string of at most 200 characters";
  if (typeof a.allowNegativeBalance !== "boolean" || (a.type === "client" && a.allowNegativeBalance)) return "has an allowNegativeBalance that is not a boolean, or true on a client account";
  if (![a.balanceMinor, a.heldMinor, a.pendingIncomingMinor].every(Number.isSafeInteger)) return "has stored balances that are not integer minor units";
  if (!Number.isSafeInteger(a.order) || a.order < 0) return "has an order that is not a non-negative integer";
  if (!isTime(a.createdAt) || !isTimeOrNull(a.updatedAt) || !isTimeOrNull(a.closedAt)) return "has a time that is not epoch ms";
  return undefined;
}

// Stored ids are lower-case uuids: lookups lower-case what they are given, so an upper-case one could never be found.
function isStoredId(value: unknown): value is string {
  return isUuid(value) && value === value.toLowerCase();
}

function isRecord(value: unknown): boolean {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// Times are formatted on every read, so one that is not integer epoch ms would break every later answer.
function isTime(value: unknown): value is number {
  return Number.isSafeInteger(value);
}

function isTimeOrNull(value: unknown): value is number | null {
  return value === null || Number.isSafeInteger(value);
}
