import type { ManualClock } from "./clock.js";
import { createManualClock } from "./clock.js";
import { DEMO_FIXTURE } from "./demo-data.js";
import { invalid, ok } from "./errors.js";
import type { SeededIds } from "./ids.js";
import { createSeededIds, isUuid } from "./ids.js";
import { TREASURY_FIELD } from "./treasury.js";
import type { Ledger } from "./ledger.js";
import type { RecipientInput } from "./transfers/index.js";
import { createLedger } from "./ledger.js";
import { toMinor } from "./money.js";
import type { Account, AccountRef, AccountType, Address, Client, Clock, Currency, ParentType, Payment, RelatedIndividualInput, Result } from "./types.js";

/** A client to seed; nullable profile fields may be left out. */
export interface FixtureClient {
  id?: string;
  type: Client["type"];
  status?: Client["status"];
  email: string;
  phone?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  companyName?: string | null;
  country: string;
  verificationStatus?: Client["verificationStatus"];
  dateOfBirth?: string | null;
  registrationNumber?: string | null;
  address?: Address | null;
  plan?: string;
  relatedIndividuals?: RelatedIndividualInput[];
  externalId?: string | null;
  applicantId?: string | null;
  /** ISO 8601 time to set a settable clock to before this step. */
  at?: string;
}

/** An account to seed (active); initialBalance, in major units, is funded from the currency's treasury account. */
export interface FixtureAccount {
  id?: string;
  accountNumber?: string;
  clientId?: string | null;
  currency: Currency;
  type: AccountType;
  name?: string | null;
  allowNegativeBalance?: boolean;
  initialBalance?: number;
  at?: string;
}

/** One payment operation to replay; accounts are named by id or number, amounts in major units. */
export type FixturePaymentStep =
  | { op: "create"; paymentId?: string; parentId?: string; parentType?: ParentType; debtor: string; creditor: string; currency: Currency; amount: number; at?: string }
  | { op: "draft"; paymentId?: string; parentId?: string; parentType?: ParentType; transactions: { id?: string; debtor: string; creditor: string; currency: Currency; amount: number }[]; at?: string }
  | { op: "pend" | "post" | "cancel"; paymentIds: string[]; at?: string };

/** A recipient to save: a client's (visible unless `isVisible` is false), or a system one when `clientId` is null. */
export interface FixtureRecipient extends RecipientInput {
  id?: string;
  clientId: string | null;
  isVisible?: boolean;
  at?: string;
}

/** Seed data as plain JSON: clients, then accounts, then payment steps, then recipients, applied in that order. */
export interface Fixture {
  clients: FixtureClient[];
  accounts: FixtureAccount[];
  payments?: FixturePaymentStep[];
  recipients?: FixtureRecipient[];
}

/** What applyFixture made: the clients, accounts (as they stand at the end) and payments of the steps. */
export interface FixtureOutcome {
  clients: Client[];
  accounts: Account[];
  payments: Payment[];
}

/** A ledger on a manual clock and seeded ids, as createSandboxLedger builds it. */
export type SandboxLedger = Ledger & { readonly clock: ManualClock; readonly ids: SeededIds };

/** 2026-01-01T09:00:00Z, the default start of a sandbox clock. */
export const DEFAULT_SANDBOX_START_MS = Date.UTC(2026, 0, 1, 9, 0, 0);

/**
 * Applies a fixture step by step, stopping at the first failure (whose field names the step, e.g.
 * `accounts[2].initialBalance`); steps before it stay applied, so seed a fresh ledger.
 */
export function applyFixture(ledger: Ledger, fixture: Fixture): Result<FixtureOutcome> {
  const clients: Client[] = [];
  const accountIds: string[] = [];
  const payments: Payment[] = [];
  for (const [i, c] of (fixture.clients ?? []).entries()) {
    const { at, ...client } = c;
    const made = step(ledger, at, `clients[${i}]`, () => ledger.addClient(client));
    if (!made.ok) return made;
    clients.push(made.value);
  }
  for (const [i, a] of (fixture.accounts ?? []).entries()) {
    const made = step(ledger, a.at, `accounts[${i}]`, () => seedAccount(ledger, a));
    if (!made.ok) return made;
    accountIds.push(made.value.id);
  }
  for (const [i, p] of (fixture.payments ?? []).entries()) {
    const made = step(ledger, p.at, `payments[${i}]`, () => applyPaymentStep(ledger, p));
    if (!made.ok) return made;
    payments.push(...made.value);
  }
  for (const [i, r] of (fixture.recipients ?? []).entries()) {
    const made = step(ledger, r.at, `recipients[${i}]`, () => seedRecipient(ledger, r));
    if (!made.ok) return made;
  }
  return ok({ clients, accounts: accountIds.map((id) => ledger.getAccount(id)!), payments });
}

function seedRecipient(ledger: Ledger, r: FixtureRecipient): Result<unknown> {
  const { id, clientId, isVisible, at: _at, ...input } = r;
  const made = clientId === null ? ledger.addSystemRecipient(input, id) : ledger.addRecipient(clientId, input, false, id);
  if (!made.ok || isVisible !== false || clientId === null) return made;
  return ledger.setRecipientVisibility(clientId, made.value.id, false);
}

// Sets the clock for the step when it can be set, and names the step in any error.
function step<T>(ledger: Ledger, at: string | undefined, where: string, run: () => Result<T>): Result<T> {
  if (at !== undefined) {
    const ms = Date.parse(at);
    if (!Number.isFinite(ms)) return invalid(`${where}.at`, `${at} is not an ISO 8601 date-time`);
    if (isSettable(ledger.clock)) ledger.clock.set(ms);
  }
  const result = run();
  if (result.ok) return result;
  const { code, message, field } = result.error;
  return { ok: false, error: { code, message: `${where}: ${message}`, field: field === undefined ? where : `${where}.${field}` } };
}

function isSettable(clock: Clock): clock is ManualClock {
  return typeof (clock as Partial<ManualClock>).set === "function";
}

function seedAccount(ledger: Ledger, a: FixtureAccount): Result<Account> {
  const { initialBalance, at: _at, ...input } = a;
  const amountMinor = initialBalance === undefined ? 0 : toMinor(initialBalance);
  if (amountMinor === undefined || amountMinor < 0) return invalid("initialBalance", "initialBalance must be >= 0 with at most 2 decimals");
  const made = ledger.createAccount(input);
  if (!made.ok || amountMinor === 0) return made;
  const funded = ledger.fundFromTreasury(made.value.id, amountMinor, "adjustingPayment");
  if (!funded.ok && funded.error.field === TREASURY_FIELD) {
    const hint = `{"type": "treasury", "currency": "${a.currency}", "name": "Treasury ${a.currency.toUpperCase()}"}`;
    return invalid("initialBalance", `no active ${a.currency} treasury account to fund it from: add ${hint} to accounts before this one`);
  }
  return funded.ok ? ok(ledger.getAccount(made.value.id)!) : funded;
}

function ref(idOrNumber: string): AccountRef {
  return isUuid(idOrNumber) ? { id: idOrNumber } : { number: idOrNumber };
}

function applyPaymentStep(ledger: Ledger, p: FixturePaymentStep): Result<Payment[]> {
  if (p.op !== "create" && p.op !== "draft") {
    if (p.op === "pend") return ledger.pendPayments({ paymentIds: p.paymentIds });
    return p.op === "post" ? ledger.postPayments({ paymentIds: p.paymentIds }) : ledger.cancelPayments({ paymentIds: p.paymentIds });
  }
  const header = { paymentId: p.paymentId, parentId: p.parentId ?? ledger.ids.uuid(), parentType: p.parentType ?? "transfer" };
  if (p.op === "create") {
    const amountMinor = toMinor(p.amount);
    if (amountMinor === undefined) return invalid("amount", "amount must have at most 2 decimals");
    const made = ledger.createPayment({ ...header, debtor: ref(p.debtor), creditor: ref(p.creditor), currency: p.currency, amountMinor });
    return made.ok ? ok([made.value.payment]) : made;
  }
  const legs = [];
  for (const [i, t] of p.transactions.entries()) {
    const amountMinor = toMinor(t.amount);
    if (amountMinor === undefined) return invalid(`transactions[${i}].amount`, "amount must have at most 2 decimals");
    legs.push({ id: t.id, debtor: ref(t.debtor), creditor: ref(t.creditor), currency: t.currency, amountMinor });
  }
  const made = ledger.draftPayment({ ...header, legs });
  return made.ok ? ok([made.value.payment]) : made;
}

/**
 * Builds a sandbox ledger deterministically: seeded ids (default seed 1), a manual clock (default
 * 2026-01-01T09:00:00Z) and a fixture (default DEMO_FIXTURE); throws if the fixture does not apply.
 */
export function createSandboxLedger(options: { seed?: number; startMs?: number; fixture?: Fixture } = {}): SandboxLedger {
  const startMs = options.startMs ?? DEFAULT_SANDBOX_START_MS;
  const clock = createManualClock(startMs);
  const ids = createSeededIds(options.seed ?? 1);
  const ledger = createLedger({ clock, ids });
  const applied = applyFixture(ledger, options.fixture ?? DEMO_FIXTURE);
  if (!applied.ok) throw new Error(`fixture failed: ${applied.error.code} at ${applied.error.field}: ${applied.error.message}`);
  // Fixture history may be dated before the start; the sandbox then begins at the start.
  clock.set(Math.max(startMs, clock.now()));
  return ledger as SandboxLedger;
}
