import { describe, expect, it } from "vitest";
import { DEMO_IDS } from "../core/index.js";
import { SandboxState } from "./state.js";
import { DEFAULT_TENANT, TenantHost, type Tenant } from "./tenants.js";

const MARCH = Date.parse("2026-03-02T10:00:00Z");
const names = (host: TenantHost) => host.list().map((t) => t.name);

describe("the tenant host", () => {
  it("answers the default tenant for a request that names none or an empty name", () => {
    const host = new TenantHost({ state: { frozenAt: MARCH } });
    expect(host.get(undefined)).toBe(host.defaultTenant);
    expect(host.get("")).toBe(host.defaultTenant);
    expect(host.get(DEFAULT_TENANT)).toBe(host.defaultTenant);
    expect(names(host)).toEqual([DEFAULT_TENANT]);
  });

  it("refuses a bad name, and a new tenant once the host is full, but still answers the tenants it has", () => {
    const host = new TenantHost({ state: { frozenAt: MARCH }, maxTenants: 2 });
    expect(host.get("bad name")).toBe("invalidTenant");
    const first = host.get("run-1") as Tenant;
    expect(first.name).toBe("run-1");
    expect(host.get("run-2")).toBe("tenantLimitReached");
    expect(host.get("run-1")).toBe(first);
    expect(names(host)).toEqual([DEFAULT_TENANT, "run-1"]);
  });

  it("restores the saved tenants whose names are valid and leaves out the others", () => {
    const emptied = new SandboxState({ frozenAt: MARCH });
    emptied.reset("empty");
    const snapshot = emptied.export();
    const host = new TenantHost({ state: { frozenAt: MARCH }, snapshots: { "team-a": snapshot, "not a name": snapshot, "": snapshot } });
    expect(names(host)).toEqual(["team-a", DEFAULT_TENANT]);
    expect((host.get("team-a") as Tenant).state.ledger.getClient(DEMO_IDS.clients.emmaSchneider)).toBeUndefined();
    expect(host.defaultTenant.state.ledger.getClient(DEMO_IDS.clients.emmaSchneider)?.firstName).toBe("Emma");
  });

  it("forgets a tenant it has, resets the default one in place, and says false for one it does not have", () => {
    const host = new TenantHost({ state: { frozenAt: MARCH } });
    host.get("team-a");
    expect(host.remove("team-b")).toBe(false);
    expect(host.remove("team-a")).toBe(true);
    expect(host.remove("team-a")).toBe(false);
    const tenant = host.defaultTenant;
    tenant.state.reset("empty");
    expect(host.remove(DEFAULT_TENANT)).toBe(true);
    expect(host.defaultTenant).toBe(tenant);
    expect(tenant.state.ledger.getClient(DEMO_IDS.clients.emmaSchneider)?.firstName).toBe("Emma");
    expect(names(host)).toEqual([DEFAULT_TENANT]);
  });
});
