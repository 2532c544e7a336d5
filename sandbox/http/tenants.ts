/**
 * Tenants: `X-Sandbox-Tenant: <name>` selects an isolated sandbox — its own ledger, clock, fault rules and
 * request journal — created from the seed on first use, so parallel test runs never see each other.
 */
import { FaultRuleSet, type LedgerSnapshot } from "../core/index.js";
import { Journal } from "./journal.js";
import { SandboxState, type SandboxStateOptions } from "./state.js";

/** The tenant a request without the header acts on. */
export const DEFAULT_TENANT = "default";

/** Most tenants alive at once; a request naming a new one beyond this is refused until one is deleted. */
export const MAX_TENANTS = 100;

const TENANT_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/**
 * The id seed of a tenant: the sandbox's seed for the default tenant (its ids stay as they always were),
 * the seed mixed with the name (FNV-1a) for any other. So ids differ between tenants — a request that
 * forgets its tenant header gets a 404, not another tenant's account — and stay the same for a given
 * seed and tenant name, run after run. Tenant names are case-sensitive: `Run1` and `run1` are two tenants.
 */
export function tenantIdSeed(seed: number, name: string): number {
  if (name === DEFAULT_TENANT) return seed;
  let hash = 0x811c9dc5 ^ (seed >>> 0);
  for (let i = 0; i < name.length; i++) hash = Math.imul(hash ^ name.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/** One isolated sandbox. */
export interface Tenant {
  name: string;
  state: SandboxState;
  rules: FaultRuleSet;
  journal: Journal;
}

/** Why a tenant could not be had. */
export type TenantRefusal = "invalidTenant" | "tenantLimitReached";

/** Options of the tenant host. */
export interface TenantHostOptions {
  /** How every tenant's state starts (seed, fixture, frozen clock). */
  state?: SandboxStateOptions;
  /** The default tenant's state, when the caller built it. */
  defaultState?: SandboxState;
  /** Saved ledgers by tenant name, restored instead of seeding. */
  snapshots?: Record<string, LedgerSnapshot>;
  maxTenants?: number;
}

/** Holds the tenants of one sandbox. */
export class TenantHost {
  private readonly tenants = new Map<string, Tenant>();
  private readonly stateOptions: SandboxStateOptions;
  private readonly maxTenants: number;

  constructor(options: TenantHostOptions = {}) {
    this.stateOptions = options.state ?? {};
    this.maxTenants = options.maxTenants ?? MAX_TENANTS;
    for (const [name, snapshot] of Object.entries(options.snapshots ?? {})) {
      if (TENANT_NAME.test(name)) this.add(name, new SandboxState({ ...this.stateOptionsOf(name), snapshot }));
    }
    if (!this.tenants.has(DEFAULT_TENANT)) this.add(DEFAULT_TENANT, options.defaultState ?? new SandboxState(this.stateOptions));
  }

  /** The default tenant. */
  get defaultTenant(): Tenant {
    return this.tenants.get(DEFAULT_TENANT)!;
  }

  /** The named tenant, created from the seed on first use; a refusal for a bad name or a full host. */
  get(name: string | undefined): Tenant | TenantRefusal {
    if (name === undefined || name === "") return this.defaultTenant;
    const found = this.tenants.get(name);
    if (found) return found;
    if (!TENANT_NAME.test(name)) return "invalidTenant";
    if (this.tenants.size >= this.maxTenants) return "tenantLimitReached";
    return this.add(name, new SandboxState(this.stateOptionsOf(name)));
  }

  /** A tenant's state options: its ids come from the sandbox's seed mixed with its name (tenantIdSeed). */
  private stateOptionsOf(name: string): SandboxStateOptions {
    return { ...this.stateOptions, seed: tenantIdSeed(this.stateOptions.seed ?? 1, name) };
  }

  /** The live tenants, default first. */
  list(): Tenant[] {
    return [...this.tenants.values()];
  }

  /** Forgets a tenant; the default tenant is reset instead. False when there is no such tenant. */
  remove(name: string): boolean {
    const tenant = this.tenants.get(name);
    if (!tenant) return false;
    if (name === DEFAULT_TENANT) {
      tenant.state.reset("seed");
      tenant.rules.clear();
      tenant.journal.clear();
      return true;
    }
    return this.tenants.delete(name);
  }

  /** Every tenant's ledger, for persistence. */
  export(): Record<string, LedgerSnapshot> {
    return Object.fromEntries(this.list().map((t) => [t.name, t.state.export()]));
  }

  private add(name: string, state: SandboxState): Tenant {
    const tenant: Tenant = { name, state, rules: new FaultRuleSet(), journal: new Journal() };
    this.tenants.set(name, tenant);
    return tenant;
  }
}
