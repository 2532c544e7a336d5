/**
 * Clients: the registry the ledger's accounts belong to, their profiles, lifecycle and the rule that only an
 * `active` client's accounts move money (docs/domain/clients.md).
 */
import { fail, invalid, ok } from "./errors.js";
import { isUuid } from "./ids.js";
import { paginate } from "./paging.js";
import { DEFAULT_PLAN, findPlan } from "./plans.js";
import type { Plan } from "./plans.js";
import { getById } from "./refs.js";
import { freshUuid, readClock } from "./state.js";
import type { AccountRec, LedgerState } from "./state.js";
import { CLIENT_STATUSES, CLIENT_TYPES, RELATED_INDIVIDUAL_ROLES, VERIFICATION_STATUSES } from "./types.js";
import type { AddClientInput, Address, Client, ClientPatch, ClientStatus, Page, Paged, RelatedIndividual, Result, VerificationStatus } from "./types.js";
import { clientView } from "./views.js";

/** The id of a record whose id is drawn only once it passed its checks. */
const UNASSIGNED = "";

/** The `blockedReason` a final verification rejection blocks a client with. */
export const VERIFICATION_REJECTED_REASON = "verificationRejected";

/** Longest email, names, reasons and other free text a client record holds, as the spec limits them. */
const MAX_EMAIL_LENGTH = 254;
const MAX_REASON_LENGTH = 1000;

/** A phone number in E.164 format: `+`, the country code and up to 14 digits in all. */
const E164 = /^\+[1-9][0-9]{6,14}$/;

const CLIENT_TYPE_SET: ReadonlySet<unknown> = new Set(CLIENT_TYPES);
const CLIENT_STATUS_SET: ReadonlySet<unknown> = new Set(CLIENT_STATUSES);
const VERIFICATION_SET: ReadonlySet<unknown> = new Set(VERIFICATION_STATUSES);
const ROLE_SET: ReadonlySet<unknown> = new Set(RELATED_INDIVIDUAL_ROLES);

/** The verification a client has when none is given: what its status implies (docs/domain/clients.md#verification). */
const VERIFICATION_OF_STATUS: Record<ClientStatus, VerificationStatus> = {
  new: "notStarted",
  pendingVerification: "pending",
  active: "approved",
  blocked: "approved",
  closed: "approved",
};

/**
 * The fields of a client record that its creation does not set, as a record of this status starts with them;
 * snapshots made before these fields existed are read with them too.
 */
export function clientDefaults(status: ClientStatus) {
  return {
    verificationStatus: VERIFICATION_OF_STATUS[status],
    dateOfBirth: null,
    registrationNumber: null,
    address: null,
    plan: DEFAULT_PLAN,
    relatedIndividuals: [] as RelatedIndividual[],
    externalId: null,
    applicantId: null,
    blockedReason: null,
    statusBeforeBlock: status === "blocked" ? ("active" as const) : null,
    review: null,
    verificationUpdatedAt: null,
    deletionRequest: null,
    updatedAt: null,
  };
}

/** Registers a client; status `active` and plan `standard` unless given. Checks the whole record before storing it. */
export function addClient(state: LedgerState, input: AddClientInput): Result<Client> {
  if (input.id !== undefined && (!isUuid(input.id) || state.clients.has(input.id.toLowerCase()))) return invalid("id", "id must be a uuid no client has");
  const status = input.status ?? "active";
  if (!CLIENT_STATUS_SET.has(status)) return invalid("status", "unknown client status");
  if (status !== "blocked" && input.blockedReason != null) return invalid("blockedReason", "only a blocked client has a blockedReason");
  const upper = (code: string) => (typeof code === "string" ? code.toUpperCase() : code);
  const client: Client = {
    ...clientDefaults(status),
    id: input.id === undefined ? UNASSIGNED : input.id.toLowerCase(),
    type: input.type,
    status,
    email: input.email,
    phone: input.phone ?? null,
    firstName: input.firstName ?? null,
    lastName: input.lastName ?? null,
    companyName: input.companyName ?? null,
    country: upper(input.country),
    createdAt: readClock(state),
    ...definedFields({
      verificationStatus: input.verificationStatus,
      dateOfBirth: input.dateOfBirth,
      registrationNumber: input.registrationNumber,
      address: input.address && { ...input.address, country: upper(input.address.country) },
      plan: input.plan,
      externalId: input.externalId,
      applicantId: input.applicantId,
      blockedReason: input.blockedReason,
    }),
    relatedIndividuals: (input.relatedIndividuals ?? []).map((r) => ({
      id: r.id === undefined ? UNASSIGNED : String(r.id).toLowerCase(),
      firstName: r.firstName,
      lastName: r.lastName,
      dateOfBirth: r.dateOfBirth,
      role: r.role,
      ownershipPercentage: r.ownershipPercentage ?? null,
    })),
  };
  // An unknown plan is a business refusal (422), before the record's other checks name it a bad field.
  const problem = checkPlan(client.plan) ?? recordRefusal(client, true) ?? checkUnique(state, client);
  if (problem !== undefined) return problem;
  // Ids are drawn only once nothing can refuse the client: a refused request leaves the id generator as it was.
  if (client.id === UNASSIGNED) client.id = freshUuid(state, state.clients);
  for (const r of client.relatedIndividuals) if (r.id === UNASSIGNED) r.id = freshUuid(state, state.clients);
  indexClient(state, client);
  return ok(clientView(client));
}

/**
 * Creates a client through the API: status `new`, verification `notStarted`, and a complete profile (an
 * individual's name and date of birth, a company's name and registration number).
 */
export function createClient(state: LedgerState, input: Omit<AddClientInput, "id" | "status" | "verificationStatus" | "blockedReason">): Result<Client> {
  const required = input.type === "individual" ? (["firstName", "lastName", "dateOfBirth"] as const) : (["companyName", "registrationNumber"] as const);
  const missing = required.find((field) => input[field] === undefined || input[field] === null);
  if (missing !== undefined) return invalid(missing, `${missing} is required for ${input.type === "individual" ? "an individual" : "a company"}`);
  return addClient(state, { ...input, status: "new", verificationStatus: "notStarted" });
}

/** Adds a client to the registry and its unique indexes (email, externalId, applicantId). */
export function indexClient(state: LedgerState, c: Client): void {
  state.clients.set(c.id, c);
  state.clientsByEmail.set(c.email.toLowerCase(), c);
  if (c.externalId !== null) state.clientsByExternalId.set(c.externalId, c);
  if (c.applicantId !== null) state.clientsByApplicantId.set(c.applicantId, c);
}

/** The stored client of an id (any case), or clientNotFound. */
export function findClient(state: LedgerState, id: string): Result<Client> {
  const c = getById(state.clients, id);
  return c === undefined ? fail("clientNotFound", `Client ${id} was not found`) : ok(c);
}

/** The tariff plan of a client (every stored client is on a known plan). */
export function clientPlan(state: LedgerState, id: string): Result<Plan> {
  const found = findClient(state, id);
  if (!found.ok) return found;
  const plan = findPlan(found.value.plan);
  return plan === undefined ? fail("planNotFound", `Client ${found.value.id} is on plan ${found.value.plan}, which does not exist`) : ok(plan);
}

/** Filters of listClients; absent ones do not filter. */
export interface ClientFilter {
  type?: Client["type"];
  status?: ClientStatus;
  verificationStatus?: VerificationStatus;
  /** Case-insensitive substring of the email, first name, last name or company name. */
  search?: string;
}

/** Lists clients matching every filter, oldest first. */
export function listClients(state: LedgerState, filter: ClientFilter, page: Page): Paged<Client> {
  const needle = filter.search?.toLowerCase();
  const matches: Client[] = [];
  for (const c of state.clients.values()) {
    if (filter.type !== undefined && c.type !== filter.type) continue;
    if (filter.status !== undefined && c.status !== filter.status) continue;
    if (filter.verificationStatus !== undefined && c.verificationStatus !== filter.verificationStatus) continue;
    if (needle !== undefined && ![c.email, c.firstName, c.lastName, c.companyName].some((text) => text?.toLowerCase().includes(needle))) continue;
    matches.push(c);
  }
  return paginate(matches, page, clientView);
}

/** Changes the given profile fields; a closed client is frozen, and the record must stay one addClient would make. */
export function updateClient(state: LedgerState, id: string, patch: ClientPatch): Result<Client> {
  const found = findClient(state, id);
  if (!found.ok) return found;
  const c = found.value;
  if (c.status === "closed") return fail("clientClosed", `Client ${c.id} is closed; its profile can no longer change`);
  const changed: Client = { ...c, ...definedFields(patch), updatedAt: readClock(state) };
  if (patch.country !== undefined) changed.country = patch.country.toUpperCase();
  const problem = checkPlan(changed.plan) ?? recordRefusal(changed) ?? checkUnique(state, changed, c);
  if (problem !== undefined) return problem;
  state.clientsByEmail.delete(c.email.toLowerCase());
  Object.assign(c, changed);
  indexClient(state, c);
  return ok(clientView(c));
}

/** Blocks a client, remembering its status for unblock; a blocked or closed client cannot be blocked. */
export function blockClient(state: LedgerState, id: string, reason: string | null): Result<Client> {
  return setClientStatus(state, id, "blocked", reason);
}

/** Gives a blocked client back the status it had before it was blocked. */
export function unblockClient(state: LedgerState, id: string): Result<Client> {
  const found = findClient(state, id);
  if (!found.ok) return found;
  const c = found.value;
  if (c.status !== "blocked") return fail("invalidStateTransition", `Client ${c.id} is ${c.status}, not blocked`);
  moveStatus(c, c.statusBeforeBlock ?? "active", null, readClock(state));
  return ok(clientView(c));
}

/**
 * Moves a client to a status: never from `closed`, never to the status it has, and to `active` only with
 * an approved verification. `blocked` remembers the status to return to; leaving `blocked` clears the reason.
 */
export function setClientStatus(state: LedgerState, id: string, status: ClientStatus, reason: string | null): Result<Client> {
  const found = findClient(state, id);
  if (!found.ok) return found;
  const c = found.value;
  if (!CLIENT_STATUS_SET.has(status)) return invalid("status", "unknown client status");
  if (c.status === "closed") return fail("invalidStateTransition", `Client ${c.id} is closed; closed is final`);
  if (c.status === status) return fail("invalidStateTransition", `Client ${c.id} is already ${status}`);
  if (status === "active" && c.verificationStatus !== "approved") {
    return fail("verificationNotApproved", `Client ${c.id} cannot be active: its verification is ${c.verificationStatus}, not approved`);
  }
  moveStatus(c, status, reason, readClock(state));
  return ok(clientView(c));
}

/** Records a client's request to be deleted; one open request per client, and none from a closed client. */
export function requestDeletion(state: LedgerState, id: string, reason: string | null): Result<Client> {
  const found = findClient(state, id);
  if (!found.ok) return found;
  const c = found.value;
  if (c.status === "closed") return fail("clientClosed", `Client ${c.id} is closed already`);
  if (c.deletionRequest !== null) return fail("deletionAlreadyRequested", `Client ${c.id} asked for deletion on ${new Date(c.deletionRequest.createdAt).toISOString()} already`);
  const at = readClock(state);
  c.deletionRequest = { id: freshUuid(state, state.clients), reason, createdAt: at };
  return ok(clientView(c));
}

/**
 * Sets a client's status with its blocked bookkeeping: entering `blocked` remembers where it came from (a
 * client blocked again keeps that), leaving it forgets the reason.
 */
export function moveStatus(c: Client, to: ClientStatus, reason: string | null, at: number): void {
  if (to === "blocked") {
    if (c.status !== "blocked") c.statusBeforeBlock = c.status;
    // An empty reason is no reason: stored as null, as a snapshot's record check expects.
    c.blockedReason = reason === "" ? null : reason;
  } else {
    c.statusBeforeBlock = null;
    c.blockedReason = null;
  }
  c.status = to;
  c.updatedAt = at;
}

/**
 * Why an account may not take part in a money-moving step because of its client, or undefined: a client
 * account moves money (create, pend, post) only while its client is `active`, and a closed client's accounts
 * take no new drafts either (docs/domain/payments.md#account-status).
 */
export function clientRefusal(state: LedgerState, account: AccountRec, needActive: boolean): Result<never> | undefined {
  if (account.clientId === null) return undefined;
  const c = state.clients.get(account.clientId);
  if (c === undefined || (needActive ? c.status === "active" : c.status !== "closed")) return undefined;
  return fail("accountNotActive", `Account ${account.id} belongs to client ${c.id}, who is ${c.status}: only an active client's accounts can send or receive`);
}

function checkPlan(code: string): Result<never> | undefined {
  return typeof code === "string" && findPlan(code) === undefined ? fail("planNotFound", `There is no plan ${code}`, "plan") : undefined;
}

function recordRefusal(c: Client, unassignedIds = false): Result<never> | undefined {
  const problem = clientRecordProblem(c, unassignedIds);
  return problem === undefined ? undefined : invalid(problem.field, problem.message);
}

/** Email (any case), externalId and applicantId each name at most one client (`self` may keep its own). */
export function checkUnique(state: LedgerState, c: Client, self?: Client): Result<never> | undefined {
  const taken = (other: Client | undefined) => other !== undefined && other !== self;
  if (taken(state.clientsByEmail.get(c.email.toLowerCase()))) return fail("clientAlreadyExists", `Another client has the email ${c.email}`, "email");
  if (c.externalId !== null && taken(state.clientsByExternalId.get(c.externalId))) return fail("clientAlreadyExists", `Client ${c.externalId} was imported already`, "externalId");
  if (c.applicantId !== null && taken(state.clientsByApplicantId.get(c.applicantId))) return fail("clientAlreadyExists", `Another client has the applicant ${c.applicantId}`, "applicantId");
  return undefined;
}

function definedFields<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/** A field of a client record that breaks a rule, named as the API names it. */
export interface RecordProblem {
  field: string;
  message: string;
}

/**
 * What is wrong with a client record, or undefined: every field an answer is built from, as the core's own
 * operations make it. addClient and updateClient check their result with it, snapshot import each record.
 * With `unassignedIds`, ids still UNASSIGNED (to be drawn once the record passes) are let through.
 */
export function clientRecordProblem(c: Client, unassignedIds = false): RecordProblem | undefined {
  const bad = (field: string, message: string): RecordProblem => ({ field, message });
  const isId = (id: unknown) => (unassignedIds && id === UNASSIGNED) || (isUuid(id) && id === id.toLowerCase());
  if (!isId(c.id)) return bad("id", "id must be a lower-case uuid");
  if (!CLIENT_TYPE_SET.has(c.type)) return bad("type", "type must be individual or company");
  if (!CLIENT_STATUS_SET.has(c.status) || !VERIFICATION_SET.has(c.verificationStatus)) return bad("status", "unknown status or verificationStatus");
  if (!isText(c.email, MAX_EMAIL_LENGTH)) return bad("email", `email must be 1-${MAX_EMAIL_LENGTH} characters`);
  if (!isCountry(c.country)) return bad("country", "country must be an upper-case ISO 3166-1 alpha-2 code");
  for (const field of ["phone", "firstName", "lastName", "companyName", "registrationNumber", "externalId", "applicantId", "blockedReason"] as const) {
    if (!(c[field] === null || isText(c[field], MAX_REASON_LENGTH))) return bad(field, `${field} must be a non-empty string or null`);
  }
  if (!(c.phone === null || E164.test(c.phone))) return bad("phone", "phone must be in E.164 format, e.g. +491701234567");
  if (!(c.dateOfBirth === null || isDate(c.dateOfBirth))) return bad("dateOfBirth", "dateOfBirth must be a date (YYYY-MM-DD)");
  const otherType = c.type === "individual" ? (["companyName", "registrationNumber"] as const) : (["firstName", "lastName", "dateOfBirth"] as const);
  const stray = otherType.find((field) => c[field] !== null);
  if (stray !== undefined) return bad(stray, `${stray} does not apply to ${c.type === "individual" ? "an individual" : "a company"}`);
  if (c.address !== null) {
    const problem = addressProblem(c.address);
    if (problem !== undefined) return bad(`address.${problem.field}`, problem.message);
  }
  if (typeof c.plan !== "string" || findPlan(c.plan) === undefined) return bad("plan", "plan must be the code of a plan");
  return relatedProblem(c, isId) ?? lifecycleProblem(c);
}

function relatedProblem(c: Client, isId: (id: unknown) => boolean): RecordProblem | undefined {
  if (!Array.isArray(c.relatedIndividuals)) return { field: "relatedIndividuals", message: "relatedIndividuals must be a list" };
  if (c.type === "individual" && c.relatedIndividuals.length > 0) return { field: "relatedIndividuals", message: "only a company has related individuals" };
  const ids = new Set<string>();
  for (const [i, r] of c.relatedIndividuals.entries()) {
    const problem = relatedIndividualProblem(r, ids, isId);
    if (problem !== undefined) return { field: `relatedIndividuals[${i}].${problem.field}`, message: problem.message };
    ids.add(r.id);
  }
  return undefined;
}

function relatedIndividualProblem(r: RelatedIndividual, ids: Set<string>, isId: (id: unknown) => boolean): RecordProblem | undefined {
  if (typeof r !== "object" || r === null) return { field: "$", message: "must be an object" };
  if (!isId(r.id) || (r.id !== UNASSIGNED && ids.has(r.id))) return { field: "id", message: "id must be a lower-case uuid, unique in the company" };
  if (!isText(r.firstName, 100) || !isText(r.lastName, 100)) return { field: "firstName", message: "firstName and lastName must be 1-100 characters" };
  if (!isDate(r.dateOfBirth)) return { field: "dateOfBirth", message: "dateOfBirth must be a date (YYYY-MM-DD)" };
  if (!ROLE_SET.has(r.role)) return { field: "role", message: `role must be one of ${RELATED_INDIVIDUAL_ROLES.join(", ")}` };
  const share = r.ownershipPercentage;
  if (!(share === null || (typeof share === "number" && share >= 0 && share <= 100))) return { field: "ownershipPercentage", message: "ownershipPercentage must be 0-100 or null" };
  return undefined;
}

// The status bookkeeping and times: a blocked client remembers where it returns to; nothing else does.
function lifecycleProblem(c: Client): RecordProblem | undefined {
  const blocked = c.status === "blocked";
  const back = c.statusBeforeBlock;
  if (blocked ? back === null || back === "blocked" || back === "closed" || !CLIENT_STATUS_SET.has(back) : back !== null) return { field: "statusBeforeBlock", message: "a blocked client needs the status it returns to (new, pendingVerification or active); no other client has one" };
  if (!blocked && c.blockedReason !== null) return { field: "blockedReason", message: "only a blocked client has a blockedReason" };
  const review = c.review;
  if (review !== null && (typeof review !== "object" || !(review.answer === "GREEN" || review.answer === "RED") || !(review.rejectType === null || review.rejectType === "RETRY" || review.rejectType === "FINAL") || !Array.isArray(review.rejectLabels) || !review.rejectLabels.every((l) => typeof l === "string"))) {
    return { field: "review", message: "review must be null or {answer: GREEN|RED, rejectType: RETRY|FINAL|null, rejectLabels: [string]}" };
  }
  const deletion = c.deletionRequest;
  if (deletion !== null && (typeof deletion !== "object" || !isUuid(deletion.id) || !(deletion.reason === null || typeof deletion.reason === "string") || !Number.isSafeInteger(deletion.createdAt))) {
    return { field: "deletionRequest", message: "deletionRequest must be null or {id: uuid, reason: string|null, createdAt: epoch ms}" };
  }
  if (!Number.isSafeInteger(c.createdAt) || !isTimeOrNull(c.updatedAt) || !isTimeOrNull(c.verificationUpdatedAt)) return { field: "createdAt", message: "times must be epoch ms" };
  return undefined;
}

function addressProblem(a: Address): RecordProblem | undefined {
  if (typeof a !== "object" || a === null) return { field: "$", message: "address must be an object" };
  if (!isText(a.line1, 200)) return { field: "line1", message: "line1 must be 1-200 characters" };
  if (!(a.line2 === null || (typeof a.line2 === "string" && a.line2.length <= 200))) return { field: "line2", message: "line2 must be at most 200 characters or null" };
  if (!isText(a.city, 100)) return { field: "city", message: "city must be 1-100 characters" };
  if (!(a.region === null || (typeof a.region === "string" && a.region.length <= 100))) return { field: "region", message: "region must be at most 100 characters or null" };
  if (!isText(a.postalCode, 20)) return { field: "postalCode", message: "postalCode must be 1-20 characters" };
  if (!isCountry(a.country)) return { field: "country", message: "country must be an upper-case ISO 3166-1 alpha-2 code" };
  return undefined;
}

function isText(value: unknown, maxLength: number): value is string {
  return typeof value === "string" && value.length > 0 && value.length <= maxLength;
}

/** True for an upper-case ISO 3166-1 alpha-2 country code. */
export function isCountry(value: unknown): value is string {
  return typeof value === "string" && /^[A-Z]{2}$/.test(value);
}

/** True for a real calendar date written YYYY-MM-DD. */
export function isDate(value: unknown): value is string {
  if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const ms = Date.parse(`${value}T00:00:00Z`);
  return Number.isFinite(ms) && new Date(ms).toISOString().startsWith(value);
}

function isTimeOrNull(value: unknown): boolean {
  return value === null || Number.isSafeInteger(value);
}
