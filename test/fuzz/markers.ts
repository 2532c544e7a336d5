/**
 * Symbolic references to things that exist, written into generated requests as `«kind:index»` and resolved
 * against the tenant's state just before the request is sent. Valid requests then name accounts, payments,
 * clients, OTPs, recipients, transfers and incoming requests that really exist (so handlers run and change
 * state), while the generated request stays a small, shrinkable value and the same seed still gives the same
 * requests.
 */
import type { Tenant, TenantHost } from "../../sandbox/http/index.js";

/**
 * Which transfers a transfer marker picks from: `Client` those of a client, `Out` outgoing and internal ones,
 * `In` incoming, `Fx` exchanges, `Pending` outgoing ones awaiting confirmation, `Confirmed`, `Processing`,
 * `Open` (awaiting confirmation or confirmed: cancelable), `Active` (confirmed or processing: executable),
 * `Completed` (of a client: with a payment confirmation) and `Unrecognized` incoming ones (assignable).
 */
export type TransferSubset = "Client" | "Out" | "In" | "Fx" | "Pending" | "Confirmed" | "Processing" | "Open" | "Active" | "Completed" | "Unrecognized";

/** A transfer of a subset (`transferPending`), its client (`transferPendingOwner`) or its document's file name (`transferCompletedFile`). */
export type TransferMarker = `transfer${TransferSubset}${"" | "Owner" | "File"}`;

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
  | "mineCurrency"
  | "minePeerNumber"
  | "mineRecipient"
  | "mineOther"
  | "mineOtherCurrency"
  | "minePayable"
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
  | "tenant"
  | "recipient"
  | "recipientOwner"
  | "ownRecipient"
  | "ownRecipientOwner"
  | "assignAccount"
  | "assignOwner"
  | "request"
  | "requestOpen"
  | TransferMarker;

/**
 * A marker for a generator: `marker("account", "@")` is the focus account, `marker("peer", "@", 2)` the focus
 * account's third same-currency peer. `minePayable` with a percentage (`marker("minePayable", "@", 50)`) is the
 * one marker that stands for a number: that share of what the focus client account has available, in major units.
 */
export function marker(kind: MarkerKind, index: number | "@", second?: number): string {
  return second === undefined ? `«${kind}:${index}»` : `«${kind}:${index}:${second}»`;
}

const MARKER = /«(\w+):(@|\d+)(?::(\d+))?»/g;

/** A uuid no ledger ever holds, for a reference whose pool is empty. */
export const ABSENT_ID = "00000000-0000-4000-8000-0000000000ff";
/** An IBAN of no account at this bank: the number a marker for another account at this bank falls back to. */
export const EXTERNAL_IBAN = "DE89370400440532013000";

interface AccountRef {
  id: string;
  number: string;
  currency: string;
  owner: string | null;
  status: string;
  /** No balance, nothing held, nothing pending in: closable. */
  empty: boolean;
  /** Balance less holds, in minor units. */
  availableMinor: number;
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

interface RecipientRef {
  id: string;
  /** null for a system recipient, which every client sees. */
  clientId: string | null;
  currency: string;
}

interface TransferRef {
  id: string;
  clientId: string | null;
  direction: string;
  status: string;
  currency: string;
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
  recipients: RecipientRef[];
  transfers: TransferRef[];
  incomingRequests: { id: string; status: string }[];
}

/** Reads the pools of a tenant (and the host's tenant names). */
export function poolsOf(tenant: Tenant | undefined, host: TenantHost): Pools {
  const tenants = host.list().map((t) => t.name);
  if (!tenant) return { accounts: [], clients: [], payments: [], transactions: [], otps: [], currencies: [], rules: [], tenants, recipients: [], transfers: [], incomingRequests: [] };
  const snapshot = tenant.state.export();
  return {
    accounts: snapshot.accounts.map((a) => ({
      id: a.id,
      number: a.accountNumber,
      currency: a.currency,
      owner: a.clientId,
      status: a.status,
      empty: a.balanceMinor === 0 && a.heldMinor === 0 && a.pendingIncomingMinor === 0,
      availableMinor: a.balanceMinor - a.heldMinor,
    })),
    clients: snapshot.clients.map((c) => c.id),
    payments: snapshot.payments.map((p) => ({ id: p.id, parentId: p.parentId, state: p.transactions[0]?.state ?? "none" })),
    transactions: snapshot.payments.flatMap((p) => p.transactions.map((t) => t.id)),
    otps: snapshot.otps.map((o) => ({ id: o.id, accountId: o.accountId })),
    currencies: snapshot.currencies.map((c) => ({ code: c.code, isEnabled: c.isEnabled })),
    rules: tenant.rules.list().map((r) => r.id),
    tenants,
    recipients: (snapshot.recipients ?? []).map((r) => ({ id: r.id, clientId: r.clientId, currency: r.currency })),
    transfers: (snapshot.transfers ?? []).map((t) => ({ id: t.id, clientId: t.clientId, direction: t.direction, status: t.status, currency: t.currency })),
    incomingRequests: (snapshot.incomingRequests ?? []).map((r) => ({ id: r.id, status: r.status })),
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
const PAYABLE_MARKER = /^«minePayable:(@|\d+):(\d+)»$/;

/** Replaces markers in every string of a JSON value (a copy; the generated value is left alone). */
export function resolveValue(value: unknown, pools: Pools, focus: number): unknown {
  if (typeof value === "string") {
    // The markers that stand for a whole value: the open accounts of a client, in reverse order, and an amount.
    const list = LIST_MARKER.exec(value);
    if (list) return ownAccounts(pools, list[1] === "@" ? focus : Number(list[1])).reverse().map((a) => a.id);
    const payable = PAYABLE_MARKER.exec(value);
    if (payable) return payableAmount(pools, payable[1] === "@" ? focus : Number(payable[1]), Number(payable[2]));
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

/** The index-th account of a subset; an empty subset falls back to all client accounts, so a request still names a real one. */
function subsetAccount(pools: Pools, subset: string, index: number): AccountRef | undefined {
  const list = pools.accounts.filter(SUBSETS[subset]!);
  return pick(list.length > 0 ? list : pools.accounts.filter(SUBSETS.mine!), index);
}

/** An amount (major units) of `percent` of what the index-th client account has available; at least a cent. */
function payableAmount(pools: Pools, index: number, percent: number): number {
  const available = subsetAccount(pools, "mine", index)?.availableMinor ?? 0;
  return Math.max(1, Math.floor((available * percent) / 100)) / 100;
}

/** What a `mine…` marker names about the focus client account: the account, its owner, number, currency, the payees its owner sees... */
function resolveMine(subset: string, part: string | undefined, index: number, second: number, pools: Pools): string {
  const account = subsetAccount(pools, subset, index);
  switch (part) {
    case "Operation":
      return account?.status === "pending" ? "activate" : "close";
    case "Owner":
      return account?.owner ?? pick(pools.clients, index) ?? ABSENT_ID;
    case "Number":
      return account?.number ?? "FL999999999999999999";
    case "Currency":
      return account?.currency ?? "eur";
    case "PeerNumber": {
      // Another client account at this bank in the same currency (the owner's own: an internal transfer).
      const peers = pools.accounts.filter((a) => a.owner !== null && a.id !== account?.id && a.currency === account?.currency);
      return pick(peers, second)?.number ?? EXTERNAL_IBAN;
    }
    case "Recipient": {
      // A payee the owner sees (its own or a system one), newest first, in the account's currency when there is one.
      const seen = pools.recipients.filter((r) => r.clientId === null || r.clientId === account?.owner).reverse();
      const paid = seen.filter((r) => r.currency === account?.currency);
      return pick(paid.length > 0 ? paid : seen.length > 0 ? seen : pools.recipients, second)?.id ?? ABSENT_ID;
    }
    case "Other":
    case "OtherCurrency": {
      // Another open account of the owner in another currency: the target of an exchange.
      const others = pools.accounts.filter((a) => a.owner !== null && a.owner === account?.owner && a.id !== account.id && a.status !== "closed");
      const target = pick(others.filter((a) => a.currency !== account?.currency), second) ?? pick(others, second);
      if (part === "Other") return target?.id ?? ABSENT_ID;
      return target?.currency ?? (account?.currency === "eur" ? "usd" : "eur");
    }
    case "Payable":
      return String(payableAmount(pools, index, second));
    default:
      return account?.id ?? ABSENT_ID;
  }
}

/** Which transfers each subset holds; an empty subset falls back to the next one named in TRANSFER_FALLBACK. */
const TRANSFER_SUBSETS: Record<TransferSubset, (t: TransferRef) => boolean> = {
  Client: (t) => t.clientId !== null,
  Out: (t) => t.direction === "outgoing" || t.direction === "internal",
  In: (t) => t.direction === "incoming",
  Fx: (t) => t.direction === "fx",
  Pending: (t) => TRANSFER_SUBSETS.Out(t) && t.status === "pendingConfirmation",
  Confirmed: (t) => TRANSFER_SUBSETS.Out(t) && t.status === "confirmed",
  Processing: (t) => TRANSFER_SUBSETS.Out(t) && t.status === "processing",
  Open: (t) => TRANSFER_SUBSETS.Out(t) && (t.status === "pendingConfirmation" || t.status === "confirmed"),
  Active: (t) => TRANSFER_SUBSETS.Out(t) && (t.status === "confirmed" || t.status === "processing"),
  Completed: (t) => t.clientId !== null && t.status === "completed",
  Unrecognized: (t) => t.direction === "incoming" && t.status === "unrecognized",
};

const TRANSFER_FALLBACK: Record<TransferSubset, TransferSubset | undefined> = {
  Client: undefined,
  Out: undefined,
  In: undefined,
  Fx: undefined,
  Pending: "Out",
  Confirmed: "Out",
  Processing: "Out",
  Open: "Out",
  Active: "Out",
  Completed: "Client",
  Unrecognized: "In",
};

/** The index-th transfer of a subset, of its fallback when it is empty, of all transfers when that is empty too. */
function subsetTransfer(pools: Pools, subset: TransferSubset, index: number): TransferRef | undefined {
  for (let at: TransferSubset | undefined = subset; at !== undefined; at = TRANSFER_FALLBACK[at]) {
    const found = pick(pools.transfers.filter(TRANSFER_SUBSETS[at]), index);
    if (found) return found;
  }
  return pick(pools.transfers, index);
}

const TRANSFER_KIND = /^transfer(Client|Out|In|Fx|Pending|Confirmed|Processing|Open|Active|Completed|Unrecognized)(Owner|File)?$/;

function resolveOne(kind: MarkerKind, index: number, second: number, pools: Pools): string {
  const subset = /^(mine|otpMine|emptyMine)(Owner|Number|Operation|Currency|PeerNumber|Recipient|Other|OtherCurrency|Payable)?$/.exec(kind.replace(/^otpOperation$/, "otpMineOperation"));
  if (subset) return resolveMine(subset[1]!, subset[2], index, second, pools);
  const transferKind = TRANSFER_KIND.exec(kind);
  if (transferKind) {
    const transfer = subsetTransfer(pools, transferKind[1] as TransferSubset, index);
    // An unrecognized transfer has no client: a FrontOffice request for it comes from some client, and is refused.
    if (transferKind[2] === "Owner") return transfer?.clientId ?? pick(pools.clients, index) ?? ABSENT_ID;
    if (transferKind[2] === "File") return `${transfer?.id ?? ABSENT_ID}.pdf`;
    return transfer?.id ?? ABSENT_ID;
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
    case "recipient":
    case "recipientOwner":
    case "ownRecipient":
    case "ownRecipientOwner": {
      // Own recipients are a client's (a system recipient's visibility cannot change); a system one is seen by every client.
      const own = pools.recipients.filter((r) => r.clientId !== null);
      const recipient = pick(kind.startsWith("own") && own.length > 0 ? own : pools.recipients, index);
      if (kind.endsWith("Owner")) return recipient?.clientId ?? pick(pools.clients, index) ?? ABSENT_ID;
      return recipient?.id ?? ABSENT_ID;
    }
    case "assignAccount":
    case "assignOwner": {
      // A client account in the currency of the focus unrecognized transfer: where assigning it can credit it.
      const transfer = subsetTransfer(pools, "Unrecognized", index);
      const fits = pools.accounts.filter((a) => a.owner !== null && a.currency === transfer?.currency);
      const target = pick(fits.length > 0 ? fits : pools.accounts.filter(SUBSETS.mine!), second);
      if (kind === "assignOwner") return target?.owner ?? pick(pools.clients, index) ?? ABSENT_ID;
      return target?.id ?? ABSENT_ID;
    }
    case "request":
      return pick(pools.incomingRequests, index)?.id ?? ABSENT_ID;
    case "requestOpen": {
      const open = pools.incomingRequests.filter((r) => r.status !== "processed");
      return pick(open.length > 0 ? open : pools.incomingRequests, index)?.id ?? ABSENT_ID;
    }
    default:
      return ABSENT_ID;
  }
}
