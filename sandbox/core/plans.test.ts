import { describe, expect, it } from "vitest";
import { DEFAULT_PLAN, PLANS, findPlan, maxBalanceMinor } from "./plans.js";
import { CURRENCIES } from "./types.js";

// The plan table of docs/domain/clients.md#plans, in major units; null is unlimited.
const DOCUMENTED: Record<string, [number | null, number | null, number | null]> = {
  basic: [10_000, 5_000, 2_500],
  standard: [1_000_000, 250_000, 100_000],
  premium: [null, 1_000_000, 500_000],
  business: [null, null, null],
};

describe("plans", () => {
  it("are the four documented plans, standard by default", () => {
    expect([...PLANS.keys()].sort()).toEqual(Object.keys(DOCUMENTED).sort());
    expect(DEFAULT_PLAN).toBe("standard");
    expect(PLANS.get("basic")?.name).toBe("Basic");
    expect(PLANS.get("business")?.name).toBe("Business");
  });

  it.each(Object.entries(DOCUMENTED))("%s has the documented limits in minor units in each of the ten currencies", (code, [maxBalance, incoming, outgoing]) => {
    const plan = findPlan(code)!;
    expect(plan.code).toBe(code);
    const minor = (major: number | null) => (major === null ? null : major * 100);
    for (const currency of CURRENCIES) {
      const limit = plan.limits.find((l) => l.currency === currency);
      // A currency without an entry is unlimited in all three.
      expect(limit?.maxBalanceMinor ?? null).toBe(minor(maxBalance));
      expect(limit?.monthlyIncomingMinor ?? null).toBe(minor(incoming));
      expect(limit?.monthlyOutgoingMinor ?? null).toBe(minor(outgoing));
      expect(maxBalanceMinor(code, currency)).toBe(minor(maxBalance) ?? undefined);
    }
  });

  it("finds no plan for an unknown code, and no cap for it", () => {
    expect(findPlan("gold")).toBeUndefined();
    expect(findPlan("Basic")).toBeUndefined();
    expect(maxBalanceMinor("gold", "eur")).toBeUndefined();
  });
});
