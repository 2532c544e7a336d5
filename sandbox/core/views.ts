import type { AccountRec, PaymentRec, TxRec } from "./state.js";
import type { Account, Client, ClientDocument, Payment, StateChange, Transaction } from "./types.js";

// Views are copies with a fixed key order: callers can keep or mutate them without touching the
// ledger, and JSON of the same state is byte-identical.

/** Copies an account's public fields. */
export function accountView(a: AccountRec): Account {
  return {
    id: a.id,
    accountNumber: a.accountNumber,
    clientId: a.clientId,
    name: a.name,
    currency: a.currency,
    type: a.type,
    status: a.status,
    allowNegativeBalance: a.allowNegativeBalance,
    balanceMinor: a.balanceMinor,
    heldMinor: a.heldMinor,
    pendingIncomingMinor: a.pendingIncomingMinor,
    order: a.order,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
    closedAt: a.closedAt,
  };
}

/** Derives a leg's state changes from its transition times, oldest first. */
export function stateChangesOf(t: TxRec): StateChange[] {
  if (t.payment.origin === "create") return t.postedAt === null ? [] : [{ from: "draft", to: "posted", at: t.postedAt }];
  const changes: StateChange[] = [];
  if (t.pendedAt !== null) changes.push({ from: "draft", to: "pending", at: t.pendedAt });
  if (t.postedAt !== null) changes.push({ from: "pending", to: "posted", at: t.postedAt });
  if (t.canceledAt !== null) changes.push({ from: t.pendedAt === null ? "draft" : "pending", to: "canceled", at: t.canceledAt });
  return changes;
}

/** Copies a leg's public fields, its state changes included. */
export function transactionView(t: TxRec): Transaction {
  const p = t.payment;
  return {
    id: t.id,
    paymentId: p.id,
    parentId: p.parentId,
    parentType: p.parentType,
    debtorAccountId: t.debtor.id,
    debtorAccountNumber: t.debtor.accountNumber,
    creditorAccountId: t.creditor.id,
    creditorAccountNumber: t.creditor.accountNumber,
    currency: t.currency,
    amountMinor: t.amountMinor,
    state: t.state,
    stateReason: t.stateReason,
    createdAt: p.createdAt,
    postedAt: t.postedAt,
    stateChanges: stateChangesOf(t),
  };
}

/** Copies a payment with its legs. */
export function paymentView(p: PaymentRec): Payment {
  const legs = p.legs;
  const transactions = new Array<Transaction>(legs.length);
  for (let i = 0; i < legs.length; i++) transactions[i] = transactionView(legs[i]!);
  return {
    id: p.id,
    parentId: p.parentId,
    parentType: p.parentType,
    obligatoryAt: p.obligatoryAt,
    createdAt: p.createdAt,
    transactions,
  };
}

/** Copies a client, its nested records included. */
export function clientView(c: Client): Client {
  return {
    id: c.id,
    type: c.type,
    status: c.status,
    verificationStatus: c.verificationStatus,
    email: c.email,
    phone: c.phone,
    firstName: c.firstName,
    lastName: c.lastName,
    dateOfBirth: c.dateOfBirth,
    companyName: c.companyName,
    registrationNumber: c.registrationNumber,
    country: c.country,
    address: c.address && { ...c.address },
    plan: c.plan,
    relatedIndividuals: c.relatedIndividuals.map((r) => ({ ...r })),
    externalId: c.externalId,
    applicantId: c.applicantId,
    blockedReason: c.blockedReason,
    statusBeforeBlock: c.statusBeforeBlock,
    review: c.review && { ...c.review, rejectLabels: [...c.review.rejectLabels] },
    verificationUpdatedAt: c.verificationUpdatedAt,
    deletionRequest: c.deletionRequest && { ...c.deletionRequest },
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}

/** Copies a document's metadata (never its bytes). */
export function documentView(d: ClientDocument): ClientDocument {
  return {
    id: d.id,
    clientId: d.clientId,
    relatedIndividualId: d.relatedIndividualId,
    documentType: d.documentType,
    fileName: d.fileName,
    contentType: d.contentType,
    size: d.size,
    description: d.description,
    uploadedAt: d.uploadedAt,
  };
}
