/**
 * Onboarding: clients imported from a white-label customer's onboarding system, and identity verification
 * results from Sumsub (webhooks, and the sandbox's simulated review), with their effect on the client's
 * status (docs/domain/clients.md#verification).
 */
import { createAccount } from "./accounts.js";
import { createClient, findClient, VERIFICATION_REJECTED_REASON } from "./clients.js";
import { checkAccountCurrency } from "./currencies.js";
import { fail, invalid, ok } from "./errors.js";
import { isUuid } from "./ids.js";
import { getById } from "./refs.js";
import { drawFresh, readClock } from "./state.js";
import type { LedgerState } from "./state.js";
import type { Account, AddClientInput, Client, ClientStatus, Currency, Result, VerificationReview, VerificationStatus } from "./types.js";
import { isOptionalName } from "./validate.js";
import { clientView } from "./views.js";

/** Most accounts an import may open. */
export const MAX_IMPORT_ACCOUNTS = 10;

/**
 * How a verification moves a client's underlying status (for a blocked client, the status it returns to):
 * approval activates a client that was not yet active; a pending review puts a new client under verification;
 * a request to resubmit, or a rejection, takes the client back under verification. A rejection also blocks.
 */
const STATUS_AFTER: Record<VerificationStatus, Partial<Record<ClientStatus, ClientStatus>>> = {
  notStarted: {},
  pending: { new: "pendingVerification" },
  approved: { new: "active", pendingVerification: "active" },
  resubmissionRequested: { new: "pendingVerification", active: "pendingVerification" },
  rejected: { new: "pendingVerification", active: "pendingVerification" },
};

/** A client record from an onboarding system: the profile, its verification so far, and accounts to open. */
export type ImportInput = Omit<AddClientInput, "id" | "status" | "blockedReason" | "externalId"> & {
  externalId: string;
  accounts?: { currency: Currency; name?: string | null }[];
};

/**
 * Imports a client: created as the API creates one, then moved by its verification as a review would move it
 * (`approved` is active, `rejected` blocked), with its accounts opened `active`. All or nothing: the accounts'
 * currencies are checked before the client is made.
 */
export function importClient(state: LedgerState, input: ImportInput): Result<{ client: Client; accounts: Account[] }> {
  const wanted = input.accounts ?? [];
  if (wanted.length > MAX_IMPORT_ACCOUNTS) return invalid("accounts", `an import opens at most ${MAX_IMPORT_ACCOUNTS} accounts`);
  for (const [i, a] of wanted.entries()) {
    const refused = checkAccountCurrency(state, a.currency, "client");
    if (refused !== undefined && !refused.ok) return fail(refused.error.code, refused.error.message, `accounts[${i}].currency`);
    if (!isOptionalName(a.name)) return invalid(`accounts[${i}].name`, "name must be a string of at most 200 characters or null");
  }
  const { accounts: _accounts, verificationStatus = "notStarted", ...profile } = input;
  const made = createClient(state, profile);
  if (!made.ok) return made;
  const client = state.clients.get(made.value.id)!;
  verify(client, verificationStatus, null, readClock(state));
  // An import is the client's creation, not a change of it.
  client.updatedAt = null;
  const accounts = wanted.map((a) => {
    const opened = createAccount(state, { clientId: client.id, currency: a.currency, type: "client", name: a.name ?? null });
    if (!opened.ok) throw new Error(`an import account checked beforehand was refused: ${opened.error.message}`);
    return opened.value;
  });
  return ok({ client: clientView(client), accounts });
}

/** A client after a verification step, and when its verification last changed. */
export interface VerificationResult {
  client: Client;
  updatedAt: number;
}

/** A Sumsub applicant webhook, as far as the ledger reads it. */
export interface SumsubEvent {
  applicantId: string;
  /** The client id the applicant was created for. */
  externalUserId?: string;
  type: string;
  review?: { answer: "GREEN" | "RED"; rejectType?: "RETRY" | "FINAL"; rejectLabels?: string[] };
}

/**
 * Applies a Sumsub webhook to the client of its applicant (by applicantId, else by externalUserId, which then
 * gets the applicantId): created or reset starts over, pending puts it under review, reviewed applies the answer.
 * Other types change nothing.
 */
export function receiveSumsubEvent(state: LedgerState, event: SumsubEvent): Result<VerificationResult> {
  const byApplicant = state.clientsByApplicantId.get(event.applicantId);
  const byUser = byApplicant === undefined && typeof event.externalUserId === "string" && isUuid(event.externalUserId) ? getById(state.clients, event.externalUserId) : undefined;
  const client = byApplicant ?? byUser;
  if (client === undefined) return fail("clientNotFound", `No client has the Sumsub applicant ${event.applicantId}${event.externalUserId ? ` or the id ${event.externalUserId}` : ""}`);
  const outcome = verificationOfEvent(event);
  if (!outcome.ok) return outcome;
  return applyVerification(state, client, event.applicantId, outcome.value);
}

/** A review result to apply as if Sumsub had sent it (the sandbox's testCompleted). */
export interface SimulatedReview {
  clientId?: string;
  applicantId?: string;
  review: { answer: "GREEN" | "RED"; rejectType?: "RETRY" | "FINAL"; rejectLabels?: string[] };
}

/**
 * Applies a simulated review to the client named by id or applicant id; a client without an applicant gets
 * the given one or a fresh one, as Sumsub would have made it.
 */
export function simulateReview(state: LedgerState, input: SimulatedReview): Result<VerificationResult> {
  if (input.clientId === undefined && input.applicantId === undefined) return invalid("clientId", "give clientId or applicantId");
  const found = input.clientId !== undefined ? findClient(state, input.clientId) : findByApplicant(state, input.applicantId!);
  if (!found.ok) return found;
  const client = found.value;
  const owner = input.applicantId === undefined ? undefined : state.clientsByApplicantId.get(input.applicantId);
  if (input.applicantId !== undefined && ((owner !== undefined && owner !== client) || (client.applicantId !== null && client.applicantId !== input.applicantId))) {
    return invalid("applicantId", `applicant ${input.applicantId} is not client ${client.id}'s`);
  }
  const outcome = reviewedStatus(input.review);
  if (!outcome.ok) return outcome;
  // Refused before an applicant id is drawn, so a refusal leaves the id generator as it was.
  if (client.status === "closed") return closedRefusal(client);
  return applyVerification(state, client, client.applicantId ?? input.applicantId ?? freshApplicantId(state), outcome.value);
}

/** What a webhook sets: the verification, and the review it came with (undefined: no change). */
type Verdict = { verification: VerificationStatus; review: VerificationReview | null } | undefined;

function verificationOfEvent(event: SumsubEvent): Result<Verdict> {
  switch (event.type) {
    case "applicantCreated":
    case "applicantReset":
      return ok({ verification: "notStarted", review: null });
    case "applicantPending":
      return ok({ verification: "pending", review: null });
    case "applicantReviewed":
      return event.review === undefined ? invalid("reviewResult", "an applicantReviewed webhook needs reviewResult") : reviewedStatus(event.review);
    default:
      return ok(undefined);
  }
}

// GREEN approves; RED needs to say whether the applicant may try again (RETRY) or not (FINAL).
function reviewedStatus(review: NonNullable<SumsubEvent["review"]>): Result<Verdict> {
  if (review.answer === "RED" && review.rejectType === undefined) return invalid("reviewRejectType", "a RED review needs reviewRejectType RETRY or FINAL");
  const verification = review.answer === "GREEN" ? "approved" : review.rejectType === "RETRY" ? "resubmissionRequested" : "rejected";
  return ok({ verification, review: { answer: review.answer, rejectType: review.answer === "RED" ? review.rejectType! : null, rejectLabels: review.answer === "RED" ? [...(review.rejectLabels ?? [])] : [] } });
}

function applyVerification(state: LedgerState, client: Client, applicantId: string, verdict: Verdict): Result<VerificationResult> {
  if (client.status === "closed") return closedRefusal(client);
  const at = readClock(state);
  if (client.applicantId !== applicantId) {
    client.applicantId = applicantId;
    state.clientsByApplicantId.set(applicantId, client);
    client.updatedAt = at;
  }
  if (verdict !== undefined) {
    verify(client, verdict.verification, verdict.review, at);
    client.updatedAt = at;
  }
  return ok({ client: clientView(client), updatedAt: client.verificationUpdatedAt ?? client.updatedAt ?? client.createdAt });
}

/** Sets a client's verification and moves its status as STATUS_AFTER says; a rejection blocks it. */
function verify(client: Client, verification: VerificationStatus, review: VerificationReview | null, at: number): void {
  client.verificationStatus = verification;
  client.review = review;
  client.verificationUpdatedAt = at;
  const blocked = client.status === "blocked";
  const underlying = blocked ? client.statusBeforeBlock! : client.status;
  const next = STATUS_AFTER[verification][underlying] ?? underlying;
  if (blocked) client.statusBeforeBlock = next;
  else if (verification === "rejected") Object.assign(client, { status: "blocked", statusBeforeBlock: next, blockedReason: VERIFICATION_REJECTED_REASON });
  else client.status = next;
}

function closedRefusal(client: Client): Result<never> {
  return fail("clientClosed", `Client ${client.id} is closed; its verification no longer changes`);
}

function findByApplicant(state: LedgerState, applicantId: string): Result<Client> {
  const client = state.clientsByApplicantId.get(applicantId);
  return client === undefined ? fail("clientNotFound", `No client has the Sumsub applicant ${applicantId}`) : ok(client);
}

/** A Sumsub-shaped applicant id (24 hex digits) from the id generator, unused by any client. */
function freshApplicantId(state: LedgerState): string {
  return drawFresh(() => state.ids.uuid().replace(/-/g, "").slice(8), state.clientsByApplicantId, "applicant id");
}
