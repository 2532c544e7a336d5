import { fail, invalid, ok, OK_VOID } from "./errors.js";
import { formatMinor } from "./money.js";
import { maxBalanceMinor } from "./plans.js";
import { getById } from "./refs.js";
import type { AccountRec, LedgerState } from "./state.js";
import type { IncomingRestriction, Result } from "./types.js";

/** What one operation takes out of (held or debited) and brings into (pending or credited) one account. */
export interface Impact {
  account: AccountRec;
  outMinor: number;
  inMinor: number;
}

/** Caps on creditor accounts, the lowest limit per account. */
export type Restrictions = Map<AccountRec, number> | undefined;

const RESTRICTIONS_FIELD = "limitedIncomingAccountRestrictions";

/** Adds one leg's amount to the impacts of its debtor and creditor. */
export function addImpact(impacts: Map<AccountRec, Impact>, debtor: AccountRec, creditor: AccountRec, amountMinor: number): void {
  const d = impacts.get(debtor);
  if (d === undefined) impacts.set(debtor, { account: debtor, outMinor: amountMinor, inMinor: 0 });
  else d.outMinor += amountMinor;
  const c = impacts.get(creditor);
  if (c === undefined) impacts.set(creditor, { account: creditor, outMinor: 0, inMinor: amountMinor });
  else c.inMinor += amountMinor;
}

/** Validates limitedIncomingAccountRestrictions; every named account must exist even if it is not credited. */
export function parseRestrictions(state: LedgerState, list: IncomingRestriction[] | undefined): Result<Restrictions> {
  if (list === undefined || list === null) return ok(undefined);
  if (!Array.isArray(list)) return invalid(RESTRICTIONS_FIELD, `${RESTRICTIONS_FIELD} must be an array`);
  if (list.length === 0) return ok(undefined);
  const limits = new Map<AccountRec, number>();
  for (let i = 0; i < list.length; i++) {
    const r = list[i]!;
    const field = `${RESTRICTIONS_FIELD}[${i}]`;
    if (typeof r?.accountId !== "string") return invalid(`${field}.accountId`, "accountId is required");
    if (!Number.isSafeInteger(r.limitMinor) || r.limitMinor < 0) return invalid(`${field}.limit`, "limit must be a non-negative amount with at most 2 decimals");
    const account = getById(state.accounts, r.accountId);
    if (account === undefined) return fail("accountNotFound", `Account ${r.accountId} not found`, `${field}.accountId`);
    const previous = limits.get(account);
    limits.set(account, previous === undefined ? r.limitMinor : Math.min(previous, r.limitMinor));
  }
  return ok(limits);
}

/**
 * Checks the funds of debtors that may not go negative (available >= everything taken out), the numeric
 * range, and the incoming caps (balance + pendingIncoming + everything brought in <= limit,
 * docs/domain/payments.md#incoming-limits): the request's restrictions and the plan of a client account's owner.
 */
export function checkImpacts(state: LedgerState, impacts: Iterable<Impact>, restrictions: Restrictions): Result<void> {
  for (const { account: a, outMinor, inMinor } of impacts) {
    const available = a.balanceMinor - a.heldMinor;
    if (outMinor > 0 && !a.allowNegativeBalance && available < outMinor) {
      return fail("insufficientFunds", `Account ${a.id} has available balance ${formatMinor(available, a.currency)}, required ${formatMinor(outMinor, a.currency)}`);
    }
    const incoming = a.balanceMinor + a.pendingIncomingMinor + inMinor;
    // Keeps every stored figure an exact integer; only reachable with absurd volumes.
    if (available - outMinor < -Number.MAX_SAFE_INTEGER || a.heldMinor + outMinor > Number.MAX_SAFE_INTEGER || incoming > Number.MAX_SAFE_INTEGER) {
      return invalid("amount", `The operation would take account ${a.id} beyond the representable range`);
    }
    if (inMinor === 0) continue;
    const listed = restrictions?.get(a);
    if (listed !== undefined && incoming > listed) {
      return fail("incomingLimitExceeded", `Account ${a.id} would hold ${formatMinor(incoming, a.currency)} incl. pending incoming, above its limit ${formatMinor(listed, a.currency)}`);
    }
    const plan = a.clientId === null ? undefined : state.clients.get(a.clientId)?.plan;
    const planLimit = plan === undefined ? undefined : maxBalanceMinor(plan, a.currency);
    if (planLimit !== undefined && incoming > planLimit) {
      return fail("incomingLimitExceeded", `Account ${a.id} would hold ${formatMinor(incoming, a.currency)} incl. pending incoming, above ${formatMinor(planLimit, a.currency)}, the maxBalance of its client's plan ${plan}`);
    }
  }
  return OK_VOID;
}
