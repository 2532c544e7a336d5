import { indexAccount } from "./accounts.js";
import { recalculateTotals } from "./balances.js";
import { LedgerInvariantError } from "./errors.js";
import { verifyState } from "./invariants.js";
import { indexPayment } from "./payment-records.js";
import { createState, PaymentRec } from "./state.js";
import type { AccountRec, LedgerState, OtpRec, PaymentOrigin, TxRec } from "./state.js";
import type { Account, Client, Clock, CurrencyInfo, IdGenerator, ParentType, Transaction } from "./types.js";
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

/** The whole ledger as plain JSON: no Maps, fixed key order, entities in creation order. */
export interface LedgerSnapshot {
  format: "finlego-sandbox-ledger";
  version: 1;
  /** The id generator's state, so a restored ledger goes on with fresh ids; null if it cannot say. */
  ids: number[] | null;
  currencies: CurrencyInfo[];
  clients: Client[];
  accounts: Account[];
  payments: PaymentSnapshot[];
  otps: OtpRec[];
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
  for (const c of snapshot.currencies) {
    const record = isCurrency(c.code) ? state.currencies.get(c.code) : bad(`unknown currency ${c.code}`);
    Object.assign(record!, { name: c.name, isEnabled: c.isEnabled === true });
  }
  for (const c of snapshot.clients) {
    if (state.clients.has(c.id)) bad(`duplicate client ${c.id}`);
    if (!isTime(c.createdAt)) bad(`client ${c.id} has a createdAt that is not epoch ms`);
    state.clients.set(c.id, clientView(c));
  }
  for (const a of snapshot.accounts) {
    if (!isCurrency(a.currency) || !isAccountType(a.type) || !isAccountStatus(a.status)) bad(`account ${a.id} has an unknown currency, type or status`);
    if (state.accounts.has(a.id) || state.accountsByNumber.has(a.accountNumber)) bad(`duplicate account ${a.id} / ${a.accountNumber}`);
    if (!isTime(a.createdAt) || !isTimeOrNull(a.updatedAt) || !isTimeOrNull(a.closedAt)) bad(`account ${a.id} has a time that is not epoch ms`);
    indexAccount(state, { ...accountView(a as AccountRec), seq: state.accountList.length, postedDebitMinor: 0, postedCreditMinor: 0, txs: [] });
  }
  for (const p of snapshot.payments) restorePayment(state, p, bad);
  recalculateTotals(state);
  for (const o of snapshot.otps) {
    if (!state.accounts.has(o.accountId) || !isTime(o.expiresAt) || (o.operation !== "activate" && o.operation !== "close")) bad(`otp ${o.id} names an unknown account or has a bad operation or expiry`);
  }
  for (const o of snapshot.otps) state.otps.set(o.id, { id: o.id, accountId: o.accountId, operation: o.operation, expiresAt: o.expiresAt });
  const verdict = verifyState(state);
  if (!verdict.ok) throw new LedgerInvariantError(`ledger snapshot is inconsistent: ${verdict.problems.slice(0, 5).join("; ")}`, verdict.problems);
  return state;
}

function restorePayment(state: LedgerState, p: PaymentSnapshot, bad: (why: string) => never): void {
  if (state.payments.has(p.id)) bad(`duplicate payment ${p.id}`);
  if (!isParentType(p.parentType) || (p.origin !== "create" && p.origin !== "draft")) bad(`payment ${p.id} has an unknown parentType or origin`);
  if (!isTime(p.createdAt) || !isTimeOrNull(p.obligatoryAt)) bad(`payment ${p.id} has a time that is not epoch ms`);
  const payment = new PaymentRec(p.id, p.parentId, p.parentType, p.obligatoryAt, p.createdAt, p.origin);
  payment.legs = p.transactions.map((t) => {
    const debtor = state.accounts.get(t.debtorAccountId);
    const creditor = state.accounts.get(t.creditorAccountId);
    if (debtor === undefined || creditor === undefined) return bad(`transaction ${t.id} names an unknown account`);
    if (state.transactions.has(t.id) || !isTransactionState(t.state) || !isCurrency(t.currency)) bad(`transaction ${t.id} is duplicated or has an unknown state or currency`);
    if (!isTimeOrNull(t.postedAt) || !Array.isArray(t.stateChanges) || !t.stateChanges.every((c) => isTime(c?.at))) bad(`transaction ${t.id} has a time that is not epoch ms`);
    const tx: TxRec = {
      id: t.id, seq: 0, payment, debtor, creditor, currency: t.currency, amountMinor: t.amountMinor, state: t.state, stateReason: t.stateReason,
      pendedAt: t.stateChanges.find((c) => c.to === "pending")?.at ?? null,
      postedAt: t.postedAt,
      canceledAt: t.stateChanges.find((c) => c.to === "canceled")?.at ?? null,
    };
    // The stored leg keeps only what its view is derived from; the view must give back the snapshot.
    if (JSON.stringify(transactionView(tx)) !== JSON.stringify(canonicalTransaction(t))) bad(`transaction ${t.id} disagrees with its payment, accounts or state changes`);
    if (tx.state === "posted") {
      debtor.postedDebitMinor += tx.amountMinor;
      creditor.postedCreditMinor += tx.amountMinor;
    }
    return tx;
  });
  indexPayment(state, payment);
}

// The snapshot's leg with keys in view order, so the comparison ignores how the JSON was written.
function canonicalTransaction(t: Transaction): Transaction {
  return {
    id: t.id,
    paymentId: t.paymentId,
    parentId: t.parentId,
    parentType: t.parentType,
    debtorAccountId: t.debtorAccountId,
    debtorAccountNumber: t.debtorAccountNumber,
    creditorAccountId: t.creditorAccountId,
    creditorAccountNumber: t.creditorAccountNumber,
    currency: t.currency,
    amountMinor: t.amountMinor,
    state: t.state,
    stateReason: t.stateReason,
    createdAt: t.createdAt,
    postedAt: t.postedAt,
    stateChanges: t.stateChanges.map((c) => ({ from: c.from, to: c.to, at: c.at })),
  };
}

// Times are formatted on every read, so one that is not integer epoch ms would break every later answer.
function isTime(value: unknown): value is number {
  return Number.isSafeInteger(value);
}

function isTimeOrNull(value: unknown): value is number | null {
  return value === null || Number.isSafeInteger(value);
}
