/**
 * The tariff plans a client can be on, and the one rule the ledger takes from them: a client account may hold
 * at most its plan's `maxBalance` in its currency, counting pending incoming (docs/domain/clients.md#plans).
 * The monthly limits are TransferOrchestrator's to check; the ledger only publishes them.
 */
import { CURRENCIES } from "./types.js";
import type { Currency } from "./types.js";

/** A plan's limits in one currency, in minor units; null is unlimited. */
export interface PlanLimit {
  currency: Currency;
  maxBalanceMinor: number | null;
  monthlyIncomingMinor: number | null;
  monthlyOutgoingMinor: number | null;
}

/** A tariff plan; a currency without an entry in `limits` is unlimited. */
export interface Plan {
  code: string;
  name: string;
  limits: PlanLimit[];
}

/** The plan of a client created without one. */
export const DEFAULT_PLAN = "standard";

/** The same limits (major units) in each of the ten currencies: the sandbox's plans do not vary by currency. */
function everyCurrency(maxBalance: number | null, monthlyIncoming: number | null, monthlyOutgoing: number | null): PlanLimit[] {
  const minor = (major: number | null) => (major === null ? null : major * 100);
  return CURRENCIES.map((currency) => ({
    currency,
    maxBalanceMinor: minor(maxBalance),
    monthlyIncomingMinor: minor(monthlyIncoming),
    monthlyOutgoingMinor: minor(monthlyOutgoing),
  }));
}

/** Every plan, by code: basic (low caps, to meet the limit in tests), standard, premium (no balance cap), business (no limits). */
export const PLANS: ReadonlyMap<string, Plan> = new Map(
  [
    { code: "basic", name: "Basic", limits: everyCurrency(10_000, 5_000, 2_500) },
    { code: DEFAULT_PLAN, name: "Standard", limits: everyCurrency(1_000_000, 250_000, 100_000) },
    { code: "premium", name: "Premium", limits: everyCurrency(null, 1_000_000, 500_000) },
    { code: "business", name: "Business", limits: [] },
  ].map((plan) => [plan.code, plan]),
);

/** The plan of a code, or undefined when there is none. */
export function findPlan(code: string): Plan | undefined {
  return PLANS.get(code);
}

/** The most an account of a client on this plan may hold in this currency (minor units), or undefined when uncapped. */
export function maxBalanceMinor(planCode: string, currency: Currency): number | undefined {
  return findPlan(planCode)?.limits.find((l) => l.currency === currency)?.maxBalanceMinor ?? undefined;
}
