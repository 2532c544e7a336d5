import { clientRefusal } from "./clients.js";
import { fail, invalid, ok } from "./errors.js";
import { checkImpacts, parseRestrictions } from "./impacts.js";
import type { Restrictions } from "./impacts.js";
import { assertTouched } from "./invariants.js";
import { collectImpacts } from "./payments.js";
import { moveLeg } from "./postings.js";
import { getById } from "./refs.js";
import { readClock } from "./state.js";
import type { AccountRec, LedgerState, PaymentRec } from "./state.js";
import type { BulkInput, Payment, Result, TransactionState } from "./types.js";
import { paymentView } from "./views.js";

/** The three operations on existing payments. */
export type TransitionKind = "pend" | "post" | "cancel";

interface TransitionRule {
  from: readonly TransactionState[];
  to: TransactionState;
  needActive: boolean;
  reason: string | null;
}

// docs/domain/payments.md#state-machine, strict (docs/domain/decisions.md#decision-5-strict-state-machine):
// anything not listed here is invalidStateTransition. Cancel ignores account status so that holds can always
// be released.
const RULES: Record<TransitionKind, TransitionRule> = {
  pend: { from: ["draft"], to: "pending", needActive: true, reason: null },
  post: { from: ["pending"], to: "posted", needActive: true, reason: null },
  cancel: { from: ["draft", "pending"], to: "canceled", needActive: false, reason: "canceledByRequest" },
};

/**
 * Pends, posts or cancels every listed payment, all or nothing; results follow the request order. A payment a
 * transfer owns is moved only by its transfer (`byTransfer`): through the ledger's own routes it is
 * invalidStateTransition, so the transfer's status and its payment's state never part (docs/domain/transfers.md#transfers).
 */
export function transitionPayments(state: LedgerState, kind: TransitionKind, input: BulkInput, byTransfer = false): Result<Payment[]> {
  const payments = findPayments(state, input);
  if (!payments.ok) return payments;
  const owned = byTransfer ? undefined : payments.value.find((p) => state.transferOfPayment.has(p.id));
  if (owned !== undefined) {
    return fail("invalidStateTransition", `Payment ${owned.id} belongs to transfer ${state.transferOfPayment.get(owned.id)}; the transfer's own steps move it (confirm, cancel, continue, execute)`);
  }
  const rule = RULES[kind];
  const restrictions = kind === "pend" ? parseRestrictions(state, input.restrictions) : ok<Restrictions>(undefined);
  if (!restrictions.ok) return restrictions;
  const refused = checkTransition(state, payments.value, kind, rule) ?? (kind === "pend" ? checkHolds(state, payments.value, restrictions.value) : undefined);
  if (refused !== undefined) return refused;
  const at = readClock(state);
  const touched: AccountRec[] = [];
  for (const p of payments.value) {
    for (const leg of p.legs) {
      moveLeg(state, leg, rule.to, at, rule.reason);
      touched.push(leg.debtor, leg.creditor);
    }
  }
  assertTouched(state, touched);
  return ok(payments.value.map(paymentView));
}

function findPayments(state: LedgerState, input: BulkInput): Result<PaymentRec[]> {
  const ids = input?.paymentIds;
  if (!Array.isArray(ids) || ids.length === 0) return invalid("paymentIds", "paymentIds must list at least one payment");
  if (ids.some((id) => typeof id !== "string")) return invalid("paymentIds", "paymentIds must be uuids");
  // Duplicates are a malformed request (400), reported before unknown ids (404).
  if (ids.length > 1 && new Set(ids.map((id) => id.toLowerCase())).size !== ids.length) return invalid("paymentIds", "paymentIds must be unique");
  const payments: PaymentRec[] = [];
  for (const id of ids) {
    const p = getById(state.payments, id);
    if (p === undefined) return fail("paymentNotFound", `Payment ${id} not found`);
    payments.push(p);
  }
  const parentId = typeof input.parentId === "string" ? input.parentId.toLowerCase() : undefined;
  const stray = parentId === undefined ? undefined : payments.find((p) => p.parentId !== parentId);
  if (stray !== undefined) return fail("parentMismatch", `Payment ${stray.id} belongs to parent ${stray.parentId}, not ${input.parentId}`, "parentId");
  return ok(payments);
}

function checkTransition(state: LedgerState, payments: PaymentRec[], kind: TransitionKind, rule: TransitionRule): Result<never> | undefined {
  for (const p of payments) {
    const state = p.legs[0]!.state;
    if (!rule.from.includes(state)) return fail("invalidStateTransition", `Payment ${p.id} is ${state}; it cannot be ${kind === "cancel" ? "canceled" : `${kind}ed`}`);
  }
  if (!rule.needActive) return undefined;
  for (const p of payments) {
    for (const leg of p.legs) {
      for (const a of [leg.debtor, leg.creditor]) {
        if (a.status !== "active") return fail("accountNotActive", `Account ${a.id} of payment ${p.id} is ${a.status}`);
        const refused = clientRefusal(state, a, true);
        if (refused !== undefined) return refused;
      }
    }
  }
  return undefined;
}

// Funds are checked cumulatively per debtor and caps across the whole batch (docs/domain/payments.md#funds-check,
// docs/domain/payments.md#incoming-limits).
function checkHolds(state: LedgerState, payments: PaymentRec[], restrictions: Restrictions): Result<never> | undefined {
  const refused = checkImpacts(state, collectImpacts(payments).values(), restrictions);
  return refused.ok ? undefined : refused;
}
