/**
 * Converts between the core's values (integer minor units, epoch ms) and the API's DTOs (major-unit
 * numbers, ISO 8601 UTC strings). This is the one place money and time cross the edge.
 */
import { fromRateMicros, MS_PER_DAY, toMajor, toMinor } from "../core/index.js";
import type {
  Account, AccountRef, BalanceView, Client, ClientDocument, ConfirmationCode, FxRate, IncomingRequest, Payment, Plan, Recipient, Transaction, Transfer,
  VerificationResult,
} from "../core/index.js";
import { addFieldError, createFieldErrors, type FieldErrors } from "./validation.js";

let lastMs = Number.NaN;
let lastIso = "";

/** Formats epoch ms as ISO 8601 UTC (the last answer is kept: one payment's timestamps are mostly equal). */
export function iso(ms: number): string {
  if (ms !== lastMs) {
    lastIso = new Date(ms).toISOString();
    lastMs = ms;
  }
  return lastIso;
}

/** Formats epoch ms as ISO 8601 UTC, keeping null. */
export function isoOrNull(ms: number | null): string | null {
  return ms === null ? null : iso(ms);
}

/** Formats a UTC day (days since 1970-01-01, as the core counts them) as an ISO 8601 date. */
export function isoDate(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** The API's TransactionDto of a leg (FOUND fields, in the documented order). */
export function transactionDto(t: Transaction) {
  return {
    id: t.id,
    paymentId: t.paymentId,
    parentId: t.parentId,
    parentType: t.parentType,
    debtorAccountId: t.debtorAccountId,
    debtorAccountNumber: t.debtorAccountNumber,
    creditorAccountId: t.creditorAccountId,
    creditorAccountNumber: t.creditorAccountNumber,
    currency: t.currency,
    amount: toMajor(t.amountMinor),
    state: t.state,
    stateReason: t.stateReason,
    createdDate: iso(t.createdAt),
    postedDate: isoOrNull(t.postedAt),
    stateChanges: t.stateChanges.map((c) => ({ paymentId: t.paymentId, from: c.from, to: c.to, timestamp: iso(c.at) })),
  };
}

/** The API's PaymentDto as an object: the reference paymentJson is held to (answers use paymentJson). */
export function paymentDto(p: Payment) {
  return {
    paymentId: p.id,
    parentId: p.parentId,
    obligatoryDate: isoOrNull(p.obligatoryAt),
    parentType: p.parentType,
    transactions: p.transactions.map(transactionDto),
  };
}

/**
 * The JSON text of paymentDto(p), written directly: payment answers are the sandbox's hottest path, and
 * this skips building the DTO objects and walking them again in JSON.stringify. Every string it writes
 * without escaping is an id (a uuid), an account number (letters and digits), an enum value or an ISO
 * date, none of which can hold a character JSON escapes; a test holds it equal to JSON.stringify.
 */
export function paymentJson(p: Payment): string {
  let legs = "";
  for (let i = 0; i < p.transactions.length; i++) {
    const t = p.transactions[i]!;
    let changes = "";
    for (let j = 0; j < t.stateChanges.length; j++) {
      const c = t.stateChanges[j]!;
      changes += `${j === 0 ? "" : ","}{"paymentId":"${t.paymentId}","from":"${c.from}","to":"${c.to}","timestamp":"${iso(c.at)}"}`;
    }
    legs +=
      `${i === 0 ? "" : ","}{"id":"${t.id}","paymentId":"${t.paymentId}","parentId":"${t.parentId}","parentType":"${t.parentType}",` +
      `"debtorAccountId":"${t.debtorAccountId}","debtorAccountNumber":"${t.debtorAccountNumber}",` +
      `"creditorAccountId":"${t.creditorAccountId}","creditorAccountNumber":"${t.creditorAccountNumber}",` +
      `"currency":"${t.currency}","amount":${toMajor(t.amountMinor)},"state":"${t.state}","stateReason":${JSON.stringify(t.stateReason)},` +
      `"createdDate":"${iso(t.createdAt)}","postedDate":${t.postedAt === null ? "null" : `"${iso(t.postedAt)}"`},"stateChanges":[${changes}]}`;
  }
  const obligatory = p.obligatoryAt === null ? "null" : `"${iso(p.obligatoryAt)}"`;
  return `{"paymentId":"${p.id}","parentId":"${p.parentId}","obligatoryDate":${obligatory},"parentType":"${p.parentType}","transactions":[${legs}]}`;
}

/** The API's AccountDto. */
export function accountDto(a: Account) {
  return {
    id: a.id,
    accountNumber: a.accountNumber,
    clientId: a.clientId,
    name: a.name,
    currency: a.currency,
    type: a.type,
    status: a.status,
    allowNegativeBalance: a.allowNegativeBalance,
    balance: toMajor(a.balanceMinor),
    heldAmount: toMajor(a.heldMinor),
    pendingIncomingAmount: toMajor(a.pendingIncomingMinor),
    availableBalance: toMajor(a.balanceMinor - a.heldMinor),
    order: a.order,
    createdDate: iso(a.createdAt),
    updatedDate: isoOrNull(a.updatedAt),
    closedDate: isoOrNull(a.closedAt),
  };
}

/** The API's AccountBalancesDto. */
export function balancesDto(b: BalanceView) {
  return {
    accountId: b.accountId,
    currency: b.currency,
    balance: toMajor(b.balanceMinor),
    heldAmount: toMajor(b.heldMinor),
    pendingIncomingAmount: toMajor(b.pendingIncomingMinor),
    availableBalance: toMajor(b.availableMinor),
    asOf: iso(b.asOf),
  };
}

/** The API's ClientDto: the record without the ledger's own bookkeeping, times as dates. */
export function clientDto(c: Client) {
  const { statusBeforeBlock: _back, review: _review, verificationUpdatedAt: _verified, deletionRequest: _deletion, createdAt, updatedAt, ...shown } = c;
  return { ...shown, createdDate: iso(createdAt), updatedDate: isoOrNull(updatedAt) };
}

/** The API's ClientPlanDto: the plan's limits in major units, null for unlimited. */
export function planDto(p: Plan) {
  const major = (minor: number | null) => (minor === null ? null : toMajor(minor));
  return {
    code: p.code,
    name: p.name,
    limits: p.limits.map((l) => ({ currency: l.currency, maxBalance: major(l.maxBalanceMinor), monthlyIncomingLimit: major(l.monthlyIncomingMinor), monthlyOutgoingLimit: major(l.monthlyOutgoingMinor) })),
  };
}

/** The API's DocumentDto. */
export function documentDto(d: ClientDocument) {
  const { uploadedAt, ...shown } = d;
  return { ...shown, uploadedDate: iso(uploadedAt) };
}

/** The API's VerificationResultDto: the client's verification and the last review applied. */
export function verificationDto({ client: c, updatedAt }: VerificationResult) {
  return {
    clientId: c.id,
    // Every verification step stores the applicant it came for, so an answer always names one.
    applicantId: c.applicantId ?? "",
    verificationStatus: c.verificationStatus,
    clientStatus: c.status,
    reviewAnswer: c.review?.answer ?? null,
    reviewRejectType: c.review?.rejectType ?? null,
    rejectLabels: c.review?.rejectLabels ?? [],
    updatedDate: iso(updatedAt),
  };
}

/** The account fields of a payment or leg body: each side by id or by number. */
export interface LegAccounts {
  debtorAccountId?: string;
  debtorAccountNumber?: string;
  creditorAccountId?: string;
  creditorAccountNumber?: string;
}

/**
 * Collects field errors while a request body is converted, so one 400 lists every bad field at once.
 */
export class InputReader {
  readonly errors: FieldErrors = createFieldErrors();

  /** Converts an amount (major units, > 0, at most 2 decimals) to minor units. */
  amount(value: unknown, field: string): number {
    const minor = typeof value === "number" ? toMinor(value) : undefined;
    if (minor === undefined || minor <= 0) {
      this.add(field, "must be a positive amount with at most 2 decimals");
      return 0;
    }
    return minor;
  }

  /** Converts a limit (major units, >= 0, at most 2 decimals) to minor units. */
  limit(value: unknown, field: string): number {
    const minor = typeof value === "number" ? toMinor(value) : undefined;
    if (minor === undefined || minor < 0) {
      this.add(field, "must be zero or more with at most 2 decimals");
      return 0;
    }
    return minor;
  }

  /** Parses an optional ISO date-time to epoch ms (null and absent give null). */
  time(value: unknown, field: string): number | null {
    if (value === undefined || value === null) return null;
    const ms = typeof value === "string" ? Date.parse(value) : Number.NaN;
    if (Number.isNaN(ms)) {
      this.add(field, "must be an ISO 8601 date-time");
      return null;
    }
    return ms;
  }

  /** Parses an optional ISO 8601 date (YYYY-MM-DD) to its UTC day (days since 1970-01-01); absent gives undefined. */
  day(value: string | undefined, field: string): number | undefined {
    if (value === undefined) return undefined;
    const ms = /^\d{4}-\d{2}-\d{2}$/.test(value) ? Date.parse(`${value}T00:00:00Z`) : Number.NaN;
    if (Number.isNaN(ms)) {
      this.add(field, "must be an ISO 8601 date (YYYY-MM-DD)");
      return undefined;
    }
    return ms / MS_PER_DAY;
  }

  /** Reads `<prefix>AccountId` / `<prefix>AccountNumber` of a leg into an account reference. */
  accountRef(leg: LegAccounts, prefix: "debtor" | "creditor", field: string): AccountRef {
    const id = leg[`${prefix}AccountId`];
    const number = leg[`${prefix}AccountNumber`];
    if (id === undefined && number === undefined) this.add(`${field}${prefix}AccountId`, `${prefix}AccountId or ${prefix}AccountNumber is required`);
    return { ...(typeof id === "string" && { id }), ...(typeof number === "string" && { number }) };
  }

  /** Records one message for a field. */
  add(field: string, message: string): void {
    addFieldError(this.errors, field, message);
  }

  /** True when nothing was wrong. */
  get ok(): boolean {
    return Object.keys(this.errors).length === 0;
  }
}

/** The API's RecipientDto: the record with `isSystem` (no client's) and its date. */
export function recipientDto(r: Recipient) {
  const { createdAt, ...shown } = r;
  return { ...shown, isSystem: r.clientId === null, createdDate: iso(createdAt) };
}

/** The API's TransferDto: every field present, those that do not apply null (the orchestrator's own bookkeeping left out). */
export function transferDto(t: Transfer) {
  return {
    id: t.id,
    direction: t.direction,
    type: t.type,
    status: t.status,
    statusReason: t.statusReason,
    clientId: t.clientId,
    accountId: t.accountId,
    recipientId: t.recipientId,
    counterpartyName: t.counterpartyName,
    counterpartyAccountNumber: t.counterpartyAccountNumber,
    amount: toMajor(t.amountMinor),
    currency: t.currency,
    fee: t.feeMinor === null ? null : toMajor(t.feeMinor),
    targetAccountId: t.targetAccountId,
    targetAmount: t.targetAmountMinor === null ? null : toMajor(t.targetAmountMinor),
    targetCurrency: t.targetCurrency,
    rate: t.rateMicros === null ? null : fromRateMicros(t.rateMicros),
    reference: t.reference,
    paymentRequestId: t.paymentRequestId,
    paymentIds: t.paymentIds,
    createdDate: iso(t.createdAt),
    completedDate: isoOrNull(t.completedAt),
  };
}

/** The API's IncomingRequestDto. */
export function incomingRequestDto(r: IncomingRequest) {
  return {
    id: r.id,
    status: r.status,
    amount: toMajor(r.amountMinor),
    currency: r.currency,
    senderName: r.senderName,
    senderAccountNumber: r.senderAccountNumber,
    recipientAccountNumber: r.recipientAccountNumber,
    reference: r.reference,
    transferId: r.transferId,
    error: r.error,
    receivedDate: iso(r.receivedAt),
    processedDate: isoOrNull(r.processedAt),
  };
}

/** The API's ConfirmationCodeDto (the code itself is never answered). */
export function confirmationCodeDto(c: ConfirmationCode) {
  return { transferId: c.transferId, sentTo: c.sentTo, expiresAt: iso(c.expiresAt) };
}

/** A rate of the control API's table: units per 1 EUR as a decimal. */
export function fxRateDto(r: FxRate) {
  return { currency: r.currency, rate: fromRateMicros(r.perBaseMicros) };
}
