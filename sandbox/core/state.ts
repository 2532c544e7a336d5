import { IdIndex } from "./id-index.js";
import { ShardedMap } from "./sharded-map.js";
import { CURRENCIES } from "./types.js";
import type { Account, Client, ClientDocument, Clock, Currency, CurrencyInfo, IdGenerator, IncomingRequest, ParentType, Recipient, TransactionState, Transfer, TransferProcessing } from "./types.js";

/** An account as the ledger stores it: the public fields plus running posting counters and its legs. */
export interface AccountRec extends Account {
  seq: number;
  postedDebitMinor: number;
  postedCreditMinor: number;
  /** Every leg that debits or credits this account, in creation order (the per-account posting list). */
  txs: TxRec[];
}

/**
 * A leg as the ledger stores it, kept small because a sandbox may hold millions: payment and account
 * fields are reached through links, and the state changes are derived from the three transition times
 * (the state machine allows only draft->posted, draft->pending->posted|canceled and draft->canceled).
 */
export interface TxRec {
  id: string;
  /** Position in creation order (index in LedgerState.txList). */
  seq: number;
  payment: PaymentRec;
  debtor: AccountRec;
  creditor: AccountRec;
  currency: Currency;
  amountMinor: number;
  state: TransactionState;
  stateReason: string | null;
  pendedAt: number | null;
  postedAt: number | null;
  canceledAt: number | null;
}

/** How a payment came to be; part of its idempotency fingerprint (docs/domain/decisions.md#decision-6-idempotent-create). */
export type PaymentOrigin = "create" | "draft";

/**
 * A payment as the ledger stores it. Most payments have one leg, so that leg is held in a field and a
 * legs array exists only for two or more: at a million payments that is two million heap objects fewer
 * for the collector to trace (docs/decisions/008-heap-limit.md). `legs` reads the same either way.
 */
export class PaymentRec {
  private first: TxRec | undefined = undefined;
  private more: TxRec[] | undefined = undefined;

  constructor(
    readonly id: string,
    readonly parentId: string,
    readonly parentType: ParentType,
    readonly obligatoryAt: number | null,
    readonly createdAt: number,
    readonly origin: PaymentOrigin,
  ) {}

  /** The legs in order (a fresh array for a one-leg payment: callers only read it). */
  get legs(): TxRec[] {
    return this.more ?? (this.first === undefined ? [] : [this.first]);
  }

  set legs(list: TxRec[]) {
    this.first = list[0];
    this.more = list.length > 1 ? list : undefined;
  }

  /** The first leg, without building an array. */
  get firstLeg(): TxRec | undefined {
    return this.first;
  }
}

/** A one-time password for an account operation. */
export interface OtpRec {
  id: string;
  accountId: string;
  operation: "activate" | "close";
  expiresAt: number;
}

/** A stored document: its metadata and the bytes, which only the ledger holds (reads get copies). */
export interface DocumentRec extends ClientDocument {
  content: Uint8Array;
}

/** Running per-currency totals over all legs, kept by the one posting function. */
export interface CurrencyTotals {
  postedDebitMinor: number;
  postedCreditMinor: number;
  pendingDebitMinor: number;
  pendingCreditMinor: number;
}

/** One account's daily balance as the end-of-day rebuild stored it (core/daily-balances.ts); closing = opening - debit + credit. */
export interface StoredDay {
  openingMinor: number;
  debitMinor: number;
  creditMinor: number;
}

/** The whole mutable state of one ledger, with its indexes. */
export interface LedgerState {
  clock: Clock;
  ids: IdGenerator;
  clients: Map<string, Client>;
  /** Clients by lower-case email, externalId and applicantId: each is unique among clients (core/clients.ts). */
  clientsByEmail: Map<string, Client>;
  clientsByExternalId: Map<string, Client>;
  clientsByApplicantId: Map<string, Client>;
  documents: Map<string, DocumentRec>;
  /** Each owner's documents in upload order, keyed by core/documents.ts ownerKey. */
  ownerDocuments: Map<string, DocumentRec[]>;
  /** The bytes of all stored documents, held under MAX_TENANT_DOCUMENT_BYTES. */
  documentBytes: number;
  /** Every recipient in creation order (core/transfers/recipients.ts). */
  recipients: Map<string, Recipient>;
  /** Each owner's recipients in creation order, keyed by client id; the system ones under SYSTEM_OWNER. */
  ownerRecipients: Map<string, Recipient[]>;
  /** Every transfer in creation order (core/transfers/outgoing.ts). */
  transfers: Map<string, Transfer>;
  /** The transfer that owns each of its payments (payment id to transfer id): only the transfer moves them. */
  transferOfPayment: Map<string, string>;
  /** The transfers waiting for an automatic step (Transfer.dueAt), in no particular order. */
  scheduledTransfers: Set<Transfer>;
  /** Incoming requests from the payment network in arrival order (core/transfers/incoming.ts). */
  incomingRequests: Map<string, IncomingRequest>;
  /** How confirmed transfers move on (core/transfers/outgoing.ts). */
  transferProcessing: TransferProcessing;
  /** The bank's rates: units of each currency per 1 EUR, times 1,000,000 (core/transfers/fx.ts). */
  fxRates: Map<Currency, number>;
  currencies: Map<Currency, CurrencyInfo>;
  accounts: Map<string, AccountRec>;
  accountsByNumber: Map<string, AccountRec>;
  accountList: AccountRec[];
  clientAccounts: Map<string, AccountRec[]>;
  payments: IdIndex<PaymentRec>;
  paymentsByParent: ShardedMap<PaymentRec[]>;
  transactions: IdIndex<TxRec>;
  txList: TxRec[];
  totals: Record<Currency, CurrencyTotals>;
  otps: Map<string, OtpRec>;
  /** Stored daily balances by account, then by UTC day (days since 1970-01-01). */
  dailyBalances: Map<AccountRec, Map<number, StoredDay>>;
  /** False once a leg was created earlier than the one before it (a clock set back), so sorts are needed. */
  createdInOrder: boolean;
}

/** What id lookups need of a Map or ShardedMap. */
export interface Keyed<V> {
  get(key: string): V | undefined;
  has(key: string): boolean;
}

/** English names of the ten currencies. */
export const CURRENCY_NAMES: Record<Currency, string> = {
  cad: "Canadian Dollar",
  cny: "Chinese Yuan",
  dkk: "Danish Krone",
  nok: "Norwegian Krone",
  sek: "Swedish Krona",
  chf: "Swiss Franc",
  gbp: "British Pound",
  usd: "US Dollar",
  eur: "Euro",
  pln: "Polish Zloty",
};

/** How confirmed transfers move on in a new ledger: on their own, processing at once and completed 10 s later. */
export const DEFAULT_TRANSFER_PROCESSING: Readonly<TransferProcessing> = { mode: "auto", processingDelayMs: 0, completionDelayMs: 10_000 };

/**
 * The rate table a new ledger starts with: units per 1 EUR, times 1,000,000 (eur to gbp is 0.8425, as in the
 * spec's example of an fx transfer).
 */
export const DEFAULT_FX_RATES_MICROS: ReadonlyMap<Currency, number> = new Map<Currency, number>([
  ["eur", 1_000_000],
  ["usd", 1_082_500],
  ["gbp", 842_500],
  ["chf", 941_200],
  ["pln", 4_312_500],
  ["sek", 11_450_000],
  ["nok", 11_620_000],
  ["dkk", 7_460_400],
  ["cad", 1_473_500],
  ["cny", 7_812_500],
]);

/** Creates an empty state with all ten currencies enabled. */
export function createState(clock: Clock, ids: IdGenerator): LedgerState {
  const currencies = new Map<Currency, CurrencyInfo>();
  for (const code of CURRENCIES) currencies.set(code, { code, name: CURRENCY_NAMES[code], decimals: 2, isEnabled: true });
  return {
    clock,
    ids,
    clients: new Map(),
    clientsByEmail: new Map(),
    clientsByExternalId: new Map(),
    clientsByApplicantId: new Map(),
    documents: new Map(),
    ownerDocuments: new Map(),
    documentBytes: 0,
    recipients: new Map(),
    ownerRecipients: new Map(),
    transfers: new Map(),
    transferOfPayment: new Map(),
    scheduledTransfers: new Set(),
    incomingRequests: new Map(),
    transferProcessing: { ...DEFAULT_TRANSFER_PROCESSING },
    fxRates: new Map(DEFAULT_FX_RATES_MICROS),
    currencies,
    accounts: new Map(),
    accountsByNumber: new Map(),
    accountList: [],
    clientAccounts: new Map(),
    payments: new IdIndex(),
    paymentsByParent: new ShardedMap(),
    transactions: new IdIndex(),
    txList: [],
    totals: createTotals(),
    otps: new Map(),
    dailyBalances: new Map(),
    createdInOrder: true,
  };
}

/** Zeroed running totals for every currency. */
export function createTotals(): Record<Currency, CurrencyTotals> {
  const totals = {} as Record<Currency, CurrencyTotals>;
  for (const code of CURRENCIES) {
    totals[code] = { postedDebitMinor: 0, postedCreditMinor: 0, pendingDebitMinor: 0, pendingCreditMinor: 0 };
  }
  return totals;
}

/** Reads the injected clock once per operation, so every change in it shares one timestamp. */
export function readClock(state: LedgerState): number {
  const at = state.clock.now();
  if (!Number.isSafeInteger(at)) throw new TypeError(`Clock.now() must return integer epoch ms, got ${at}`);
  return at;
}

/**
 * Draws before `drawFresh` gives up. Random uuids (122 bits) and account numbers (18 digits) collide with odds
 * far below one in a billion per draw, so this many taken ones in a row means a generator that repeats itself
 * (a custom IdGenerator, or one restored to a state it has already drawn from): a bug, answered loudly instead
 * of a request that never returns.
 */
export const MAX_ID_DRAWS = 100;

/** Draws from `draw` until a value `taken` does not hold, at most MAX_ID_DRAWS times. */
export function drawFresh(draw: () => string, taken: Pick<Keyed<unknown>, "has">, what: string): string {
  for (let attempt = 0; attempt < MAX_ID_DRAWS; attempt++) {
    const value = draw();
    if (!taken.has(value)) return value;
  }
  throw new Error(`The id generator drew ${MAX_ID_DRAWS} ${what}s in a row that are already taken: it repeats itself`);
}

/** Draws a uuid the given map does not hold yet, so ids survive custom generators and restored snapshots. */
export function freshUuid(state: LedgerState, taken: Keyed<unknown>): string {
  return drawFresh(() => state.ids.uuid(), taken, "uuid");
}
