/**
 * Symbolic references to things that exist, written into generated requests as `«kind:index»` and resolved
 * against the tenant's state just before the request is sent. Valid requests then name accounts, payments,
 * clients and OTPs that really exist (so handlers run and change state), while the generated request stays a
 * small, shrinkable value and the same seed still gives the same requests.
 */
import type { Tenant, TenantHost } from "../../sandbox/http/index.js";

/** Where an id of the tenant comes from; `@` in a marker stands for the step's focus index. */
export type MarkerKind =
  | "account"
  | "accountUpper"
  | "number"
  | "owner"
  | "currency"
  | "peer"
  | "peerNumber"
  | "mine"
  | "mineNumber"
  | "mineOwner"
  | "mineList"
  | "otpMine"
  | "otpMineOwner"
  | "emptyMine"
  | "emptyMineOwner"
  | "otpOwner"
  | "otpOperation"
  | "disabledCurrency"
  | "client"
  | "payment"
  | "parent"
  | "draft"
  | "draftParent"
  | "pending"
  | "pendingParent"
  | "transaction"
  | "otp"
  | "rule"
  | "tenant";

/** A marker for a generator: `marker("account", "@")` is the focus account, `marker("peer", "@", 2)` the focus account's third same-currency peer. */
export function marker(kind: MarkerKind, index: number | "@", second?: number): string {
  return second === undefined ? `«${kind}:${index}»` : `«${kind}:${index}:${second}»`;
}

const MARKER = /«(\w+):(@|\d+)(?::(\d+))?»/g;

/** A uuid no ledger ever holds, for a reference whose pool is empty. */
export const ABSENT_ID = "00000000-0000-4000-8000-0000000000ff";

interface AccountRef {
  id: string;
  number: string;
  currency: string;
  owner: string | null;
  status: string;
  /** No balance, nothing held, nothing pending in: closable. */
  empty: boolean;
}

interface CurrencyRef {
  code: string;
  isEnabled: boolean;
}

interface PaymentRef {
  id: string;
  parentId: string;
  state: string;
}

/** The ids a tenant holds now, in a fixed order. */
export interface Pools {
  accounts: AccountRef[];
  clients: string[];
  payments: PaymentRef[];
  transactions: string[];
  otps: { id: string; accountId: string }[];
  currencies: CurrencyRef[];
  rules: string[];
  tenants: string[];
}

/** Reads the pools of a tenant (and the host's tenant names). */
export function poolsOf(tenant: Tenant | undefined, host: TenantHost): Pools {
  const tenants = host.list().map((t) => t.name);
  if (!tenant) return { accounts: [], clients: [], payments: [], transactions: [], otps: [], currencies: [], rules: [], tenants };
  const snapshot = tenant.state.export();
  return {
    accounts: snapshot.accounts.map((a) => ({
      id: a.id,
      number: a.accountNumber,
      currency: a.currency,
      owner: a.clientId,
      status: a.status,
      empty: a.balanceMinor === 0 && a.heldMinor === 0 && a.pendingIncomingMinor === 0,
    })),
    clients: snapshot.clients.map((c) => c.id),
    payments: snapshot.payments.map((p) => ({ id: p.id, parentId: p.parentId, state: p.transactions[0]?.state ?? "none" })),
    transactions: snapshot.payments.flatMap((p) => p.transactions.map((t) => t.id)),
    otps: snapshot.otps.map((o) => ({ id: o.id, accountId: o.accountId })),
    currencies: snapshot.currencies.map((c) => ({ code: c.code, isEnabled: c.isEnabled })),
    rules: tenant.rules.list().map((r) => r.id),
    tenants,
  };
}

/** Replaces every marker in a text by what it names in the pools. */
export function resolveText(text: string, pools: Pools, focus: number): string {
  if (!text.includes("«")) return text;
  return text.replace(MARKER, (_all, kind: string, index: string, second: string | undefined) =>
    resolveOne(kind as MarkerKind, index === "@" ? focus : Number(index), second === undefined ? 0 : Number(second), pools),
  );
}

const LIST_MARKER = /^«mineList:(@|\d+)»$/;

/** Replaces markers in every string of a JSON value (a copy; the generated value is left alone). */
export function resolveValue(value: unknown, pools: Pools, focus: number): unknown {
  if (typeof value === "string") {
    // The one marker that stands for a list: the open accounts of a client, in reverse order.
    const list = LIST_MARKER.exec(value);
    if (list) return ownAccounts(pools, list[1] === "@" ? focus : Number(list[1])).reverse().map((a) => a.id);
    return resolveText(value, pools, focus);
  }
  if (Array.isArray(value)) return value.map((item) => resolveValue(item, pools, focus));
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    Object.defineProperty(out, key, { value: resolveValue(item, pools, focus), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

function pick<T>(list: T[], index: number): T | undefined {
  return list.length === 0 ? undefined : list[index % list.length];
}

/** The accounts of the client who owns the index-th client account. */
function ownAccounts(pools: Pools, index: number): AccountRef[] {
  const owner = pick(pools.accounts.filter((a) => a.owner !== null), index)?.owner;
  return pools.accounts.filter((a) => a.owner !== null && a.owner === owner && a.status !== "closed");
}

/** Client accounts (`mine`), those an OTP can act on (`otpMine`: pending, or empty and open), closable ones (`emptyMine`). */
const SUBSETS: Record<string, (a: AccountRef) => boolean> = {
  mine: (a) => a.owner !== null,
  otpMine: (a) => a.owner !== null && (a.status === "pending" || (a.empty && a.status !== "closed")),
  emptyMine: (a) => a.owner !== null && a.empty && a.status !== "closed",
};

function resolveOne(kind: MarkerKind, index: number, second: number, pools: Pools): string {
  const subset = /^(mine|otpMine|emptyMine)(Owner|Number|Operation)?$/.exec(kind.replace(/^otpOperation$/, "otpMineOperation"));
  if (subset) {
    // An empty subset falls back to all client accounts, so the request still names a real one.
    const list = pools.accounts.filter(SUBSETS[subset[1]!]!);
    const account = pick(list.length > 0 ? list : pools.accounts.filter(SUBSETS.mine!), index);
    if (subset[2] === "Operation") return account?.status === "pending" ? "activate" : "close";
    if (subset[2] === "Owner") return account?.owner ?? pick(pools.clients, index) ?? ABSENT_ID;
    if (subset[2] === "Number") return account?.number ?? "FL999999999999999999";
    return account?.id ?? ABSENT_ID;
  }
  switch (kind) {
    case "otpOwner": {
      const otp = pick(pools.otps, index);
      return pools.accounts.find((a) => a.id === otp?.accountId)?.owner ?? pick(pools.clients, index) ?? ABSENT_ID;
    }
    case "disabledCurrency":
      return pick(pools.currencies.filter((c) => !c.isEnabled), index)?.code ?? pick(pools.currencies, index)?.code ?? "eur";
  }
  const account = pick(pools.accounts, index);
  const peers = account ? pools.accounts.filter((a) => a.currency === account.currency && a.id !== account.id) : [];
  const drafts = pools.payments.filter((p) => p.state === "draft");
  const pendings = pools.payments.filter((p) => p.state === "pending");
  switch (kind) {
    case "account":
      return account?.id ?? ABSENT_ID;
    case "accountUpper":
      return (account?.id ?? ABSENT_ID).toUpperCase();
    case "number":
      return account?.number ?? "FL999999999999999999";
    case "owner":
      return account?.owner ?? pick(pools.clients, index) ?? ABSENT_ID;
    case "currency":
      return account?.currency ?? "eur";
    case "peer":
      return pick(peers, second)?.id ?? account?.id ?? ABSENT_ID;
    case "peerNumber":
      return pick(peers, second)?.number ?? account?.number ?? "FL999999999999999999";
    case "client":
      return pick(pools.clients, index) ?? ABSENT_ID;
    case "payment":
      return pick(pools.payments, index)?.id ?? ABSENT_ID;
    case "parent":
      return pick(pools.payments, index)?.parentId ?? ABSENT_ID;
    case "draft":
      return pick(drafts, index)?.id ?? pick(pools.payments, index)?.id ?? ABSENT_ID;
    case "draftParent":
      return pick(drafts, index)?.parentId ?? pick(pools.payments, index)?.parentId ?? ABSENT_ID;
    case "pending":
      return pick(pendings, index)?.id ?? pick(pools.payments, index)?.id ?? ABSENT_ID;
    case "pendingParent":
      return pick(pendings, index)?.parentId ?? pick(pools.payments, index)?.parentId ?? ABSENT_ID;
    case "transaction":
      return pick(pools.transactions, index) ?? ABSENT_ID;
    case "otp":
      return pick(pools.otps, index)?.id ?? ABSENT_ID;
    case "rule":
      return pick(pools.rules, index) ?? "rule-1";
    case "tenant":
      return pick(pools.tenants, index) ?? "default";
    default:
      return ABSENT_ID;
  }
}
