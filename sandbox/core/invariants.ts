import { LedgerInvariantError } from "./errors.js";
import type { AccountRec, LedgerState, PaymentRec, TxRec } from "./state.js";
import { CURRENCIES } from "./types.js";
import type { Currency } from "./types.js";

/** Balances of one account recomputed from its legs, independently of the stored values. */
export interface RecomputedBalances {
  postedDebitMinor: number;
  postedCreditMinor: number;
  heldMinor: number;
  pendingIncomingMinor: number;
}

/** Checks one account's stored balances against its running counters; returns problems found. */
export function checkAccount(a: AccountRec, problems: string[]): void {
  const fields = [a.balanceMinor, a.heldMinor, a.pendingIncomingMinor, a.postedDebitMinor, a.postedCreditMinor];
  if (!fields.every(Number.isSafeInteger)) problems.push(`account ${a.id}: a balance is not a safe integer`);
  if (a.balanceMinor !== a.postedCreditMinor - a.postedDebitMinor) {
    problems.push(`account ${a.id}: balance ${a.balanceMinor} != credits ${a.postedCreditMinor} - debits ${a.postedDebitMinor}`);
  }
  if (a.heldMinor < 0) problems.push(`account ${a.id}: held ${a.heldMinor} < 0`);
  if (a.pendingIncomingMinor < 0) problems.push(`account ${a.id}: pendingIncoming ${a.pendingIncomingMinor} < 0`);
  if (!a.allowNegativeBalance && a.balanceMinor - a.heldMinor < 0) {
    problems.push(`account ${a.id}: available ${a.balanceMinor - a.heldMinor} < 0 on an account that may not go negative`);
  }
}

/**
 * Asserts the invariants for the accounts an operation touched and the per-currency totals, in
 * O(touched); throws LedgerInvariantError because a failure here is always a bug.
 */
export function assertTouched(state: LedgerState, touched: readonly AccountRec[]): void {
  let problems: string[] | undefined;
  for (const account of touched) {
    if (isAccountSound(account)) continue;
    problems ??= [];
    checkAccount(account, problems);
  }
  for (const code of CURRENCIES) {
    const t = state.totals[code];
    if (t.postedDebitMinor === t.postedCreditMinor && t.pendingDebitMinor === t.pendingCreditMinor) continue;
    problems ??= [];
    problems.push(`currency ${code}: posted ${t.postedDebitMinor}/${t.postedCreditMinor}, pending ${t.pendingDebitMinor}/${t.pendingCreditMinor}`);
  }
  if (problems !== undefined) throw new LedgerInvariantError(`ledger invariant broken: ${problems.join("; ")}`, problems);
}

// The fast path of assertTouched: plain comparisons, no allocation.
function isAccountSound(a: AccountRec): boolean {
  return (
    a.balanceMinor === a.postedCreditMinor - a.postedDebitMinor &&
    a.heldMinor >= 0 &&
    a.pendingIncomingMinor >= 0 &&
    (a.allowNegativeBalance || a.balanceMinor - a.heldMinor >= 0) &&
    Number.isSafeInteger(a.balanceMinor) &&
    Number.isSafeInteger(a.heldMinor) &&
    Number.isSafeInteger(a.pendingIncomingMinor)
  );
}

/** Recomputes every account's balances by walking all legs (state-based: posted and pending legs count). */
export function recomputeBalances(state: LedgerState): Map<AccountRec, RecomputedBalances> {
  const result = new Map<AccountRec, RecomputedBalances>();
  for (const a of state.accountList) result.set(a, { postedDebitMinor: 0, postedCreditMinor: 0, heldMinor: 0, pendingIncomingMinor: 0 });
  for (const tx of state.txList) {
    const d = result.get(tx.debtor);
    const c = result.get(tx.creditor);
    if (d === undefined || c === undefined) continue; // reported by checkTransaction
    if (tx.state === "posted") {
      d.postedDebitMinor += tx.amountMinor;
      c.postedCreditMinor += tx.amountMinor;
    } else if (tx.state === "pending") {
      d.heldMinor += tx.amountMinor;
      c.pendingIncomingMinor += tx.amountMinor;
    }
  }
  return result;
}

/** Recomputes every invariant from the stored legs (full walk); used by tests, recalculate and daily checks. */
export function verifyState(state: LedgerState): { ok: boolean; problems: string[] } {
  const problems: string[] = [];
  for (const tx of state.txList) checkTransaction(state, tx, problems);
  const indexedByParent = new Set<PaymentRec>();
  for (const list of state.paymentsByParent.values()) for (const p of list) indexedByParent.add(p);
  for (const p of state.payments.values()) checkPayment(p, indexedByParent, problems);
  checkPostingLists(state, problems);
  const recomputed = recomputeBalances(state);
  const sums = new Map<Currency, { balance: number; held: number; incoming: number }>();
  for (const [a, r] of recomputed) {
    checkAccount(a, problems);
    if (a.balanceMinor !== r.postedCreditMinor - r.postedDebitMinor || a.postedDebitMinor !== r.postedDebitMinor || a.postedCreditMinor !== r.postedCreditMinor) {
      problems.push(`account ${a.id}: stored balance ${a.balanceMinor} != ${r.postedCreditMinor - r.postedDebitMinor} from its postings`);
    }
    if (a.heldMinor !== r.heldMinor) problems.push(`account ${a.id}: stored held ${a.heldMinor} != ${r.heldMinor} from pending legs`);
    if (a.pendingIncomingMinor !== r.pendingIncomingMinor) {
      problems.push(`account ${a.id}: stored pendingIncoming ${a.pendingIncomingMinor} != ${r.pendingIncomingMinor} from pending legs`);
    }
    const s = sums.get(a.currency) ?? { balance: 0, held: 0, incoming: 0 };
    s.balance += r.postedCreditMinor - r.postedDebitMinor;
    s.held += r.heldMinor;
    s.incoming += r.pendingIncomingMinor;
    sums.set(a.currency, s);
  }
  for (const [code, s] of sums) {
    if (s.balance !== 0) problems.push(`currency ${code}: balances sum to ${s.balance}, not 0`);
    if (s.held !== s.incoming) problems.push(`currency ${code}: held ${s.held} != pendingIncoming ${s.incoming}`);
  }
  checkTotals(state, problems);
  return { ok: problems.length === 0, problems };
}

function checkTotals(state: LedgerState, problems: string[]): void {
  const expected = new Map<Currency, { posted: number; pending: number }>();
  for (const code of CURRENCIES) expected.set(code, { posted: 0, pending: 0 });
  for (const tx of state.txList) {
    const e = expected.get(tx.currency);
    if (e === undefined) continue;
    if (tx.state === "posted") e.posted += tx.amountMinor;
    if (tx.state === "pending") e.pending += tx.amountMinor;
  }
  for (const code of CURRENCIES) {
    const t = state.totals[code];
    const e = expected.get(code)!;
    if (t.postedDebitMinor !== e.posted || t.postedCreditMinor !== e.posted) problems.push(`currency ${code}: posted totals ${t.postedDebitMinor}/${t.postedCreditMinor} != ${e.posted}`);
    if (t.pendingDebitMinor !== e.pending || t.pendingCreditMinor !== e.pending) problems.push(`currency ${code}: pending totals ${t.pendingDebitMinor}/${t.pendingCreditMinor} != ${e.pending}`);
  }
}

function checkTransaction(state: LedgerState, tx: TxRec, problems: string[]): void {
  const where = `transaction ${tx.id}`;
  if (state.transactions.get(tx.id) !== tx) problems.push(`${where}: not indexed by id`);
  if (state.accounts.get(tx.debtor.id) !== tx.debtor || state.accounts.get(tx.creditor.id) !== tx.creditor) problems.push(`${where}: account links broken`);
  if (tx.debtor === tx.creditor) problems.push(`${where}: debtor and creditor are the same account`);
  if (tx.debtor.currency !== tx.currency || tx.creditor.currency !== tx.currency) problems.push(`${where}: currency differs from its accounts`);
  if (!Number.isSafeInteger(tx.amountMinor) || tx.amountMinor <= 0) problems.push(`${where}: amount ${tx.amountMinor} is not a positive integer`);
  if (!hasConsistentTimes(tx)) problems.push(`${where}: transition times do not match state ${tx.state}`);
  if (state.payments.get(tx.payment.id) !== tx.payment || !tx.payment.legs.includes(tx)) problems.push(`${where}: not a leg of payment ${tx.payment.id}`);
}

// The times a leg carries must be exactly those its state's path through docs/domain/payments.md#state-machine sets.
function hasConsistentTimes(tx: TxRec): boolean {
  const { pendedAt, postedAt, canceledAt } = tx;
  const viaCreate = tx.payment.origin === "create";
  switch (tx.state) {
    case "draft":
      return !viaCreate && pendedAt === null && postedAt === null && canceledAt === null;
    case "pending":
      return !viaCreate && pendedAt !== null && postedAt === null && canceledAt === null;
    case "posted":
      return postedAt !== null && canceledAt === null && (viaCreate ? pendedAt === null : pendedAt !== null);
    case "canceled":
      return !viaCreate && postedAt === null && canceledAt !== null;
    default:
      return false;
  }
}

function checkPayment(p: PaymentRec, indexedByParent: Set<PaymentRec>, problems: string[]): void {
  const legs = p.legs;
  if (legs.length === 0) problems.push(`payment ${p.id}: no legs`);
  const first = legs[0];
  for (const leg of legs) {
    if (leg.payment !== p) problems.push(`payment ${p.id}: leg ${leg.id} links another payment`);
    if (first !== undefined && leg.state !== first.state) problems.push(`payment ${p.id}: legs in different states`);
  }
  if (!indexedByParent.has(p)) problems.push(`payment ${p.id}: missing from the parentId index`);
}

// Each leg must sit in the posting lists of exactly its two accounts.
function checkPostingLists(state: LedgerState, problems: string[]): void {
  let entries = 0;
  for (const a of state.accountList) {
    entries += a.txs.length;
    for (const tx of a.txs) {
      if (tx.debtor !== a && tx.creditor !== a) problems.push(`account ${a.id}: posting list holds unrelated transaction ${tx.id}`);
    }
  }
  if (entries !== 2 * state.txList.length) problems.push(`posting lists hold ${entries} entries for ${state.txList.length} transactions`);
  if (state.transactions.size !== state.txList.length) problems.push("transaction index and list differ in size");
}
