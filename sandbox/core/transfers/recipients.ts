/**
 * Recipients: the payees a client saved and the system recipients every client sees
 * (docs/domain/transfers.md#recipients). A client reaches only its own recipients and the system ones.
 */
import { fail, invalid, ok } from "../errors.js";
import { findClient, isCountry } from "../clients.js";
import { isUuid } from "../ids.js";
import { paginate } from "../paging.js";
import { getById } from "../refs.js";
import { freshUuid, readClock } from "../state.js";
import type { LedgerState } from "../state.js";
import type { Currency, Page, Paged, Recipient, Result } from "../types.js";
import { isCurrency } from "../validate.js";

/** Longest name and bank name of a recipient, as the spec limits them. */
export const MAX_RECIPIENT_NAME_LENGTH = 140;
/** An account number or IBAN: upper-case letters and digits, 5-34 of them. */
const ACCOUNT_NUMBER = /^[A-Z0-9]{5,34}$/;
/** A BIC: 8 or 11 characters. */
const BIC = /^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/;
/** The owner key of the system recipients in LedgerState.ownerRecipients (client ids are uuids, never empty). */
const SYSTEM_OWNER = "";

/** A payee to save. */
export interface RecipientInput {
  name: string;
  accountNumber: string;
  bic?: string | null;
  bankName?: string | null;
  country: string;
  currency: Currency;
}

/** Which of the recipients a client sees to list; every given filter must match. */
export interface RecipientFilter {
  /** Case-insensitive substring of the name or the account number. */
  search?: string;
  currency?: Currency;
  isVisible?: boolean;
}

/**
 * Saves a recipient for a client, visible. The client must exist and not be `closed` (nor `blocked` when
 * `refuseBlocked`, as the client's own route is); the same account number and currency once per client,
 * hidden recipients included.
 */
export function addRecipient(state: LedgerState, clientId: string, input: RecipientInput, refuseBlocked: boolean, id?: string): Result<Recipient> {
  const found = findClient(state, clientId);
  if (!found.ok) return found;
  const client = found.value;
  if (client.status === "closed" || (refuseBlocked && client.status === "blocked")) {
    return fail("clientNotActive", `Client ${client.id} is ${client.status}; it saves no new recipients`);
  }
  return store(state, client.id, input, id);
}

/** Saves a system recipient: no client's, listed for every client, always visible; the same account number and currency once. */
export function addSystemRecipient(state: LedgerState, input: RecipientInput, id?: string): Result<Recipient> {
  return store(state, null, input, id);
}

/** One page of the recipients a client sees (its own and the system ones) matching the filter, by name. */
export function listRecipients(state: LedgerState, clientId: string, filter: RecipientFilter, page: Page): Result<Paged<Recipient>> {
  const found = findClient(state, clientId);
  if (!found.ok) return found;
  const search = filter.search?.toLowerCase();
  const matches = [...ownerList(state, found.value.id), ...ownerList(state, SYSTEM_OWNER)].filter(
    (r) =>
      (filter.currency === undefined || r.currency === filter.currency) &&
      (filter.isVisible === undefined || r.isVisible === filter.isVisible) &&
      (search === undefined || r.name.toLowerCase().includes(search) || r.accountNumber.toLowerCase().includes(search)),
  );
  return ok(paginate(matches.sort(byName), page, recipientView));
}

/** One of the client's recipients or a system recipient; any other id is recipientNotFound. */
export function getRecipient(state: LedgerState, clientId: string, recipientId: string): Result<Recipient> {
  const found = seenBy(state, clientId, recipientId);
  return found.ok ? ok(recipientView(found.value)) : found;
}

/** Shows or hides one of the client's own recipients; a system recipient is recipientNotEditable. */
export function setRecipientVisibility(state: LedgerState, clientId: string, recipientId: string, isVisible: boolean): Result<Recipient> {
  const found = seenBy(state, clientId, recipientId);
  if (!found.ok) return found;
  if (found.value.clientId === null) return fail("recipientNotEditable", `Recipient ${found.value.id} is a system recipient; its visibility cannot change`);
  found.value.isVisible = isVisible;
  return ok(recipientView(found.value));
}

/** Every recipient, oldest first, as a snapshot carries them. */
export function exportRecipients(state: LedgerState): Recipient[] {
  return [...state.recipients.values()].map(recipientView);
}

/** Restores a snapshot's recipient after its clients; returns what is wrong with it, or undefined once stored. */
export function restoreRecipient(state: LedgerState, r: Recipient): string | undefined {
  if (!isUuid(r.id) || r.id !== r.id.toLowerCase() || state.recipients.has(r.id)) return "has no lower-case uuid id or is duplicated";
  if (!(r.clientId === null || state.clients.has(r.clientId))) return "names a client that does not exist";
  const problem = inputProblem(r);
  if (r.bic === undefined || r.bankName === undefined) return "lacks bic or bankName (null when not given)";
  if (problem !== undefined) return `has a bad ${problem.field}: ${problem.message}`;
  if (typeof r.isVisible !== "boolean" || (r.clientId === null && !r.isVisible)) return "has an isVisible that is not a boolean, or false on a system recipient";
  if (!Number.isSafeInteger(r.createdAt)) return "has a createdAt that is not epoch ms";
  if (duplicateOf(state, r.clientId, r) !== undefined) return "repeats the account number and currency of another recipient of its owner";
  index(state, recipientView(r));
  return undefined;
}

/** The record's fields only, in a fixed order (a copy, so callers never hold the stored record). */
export function recipientView(r: Recipient): Recipient {
  return {
    id: r.id,
    clientId: r.clientId,
    name: r.name,
    accountNumber: r.accountNumber,
    bic: r.bic,
    bankName: r.bankName,
    country: r.country,
    currency: r.currency,
    isVisible: r.isVisible,
    createdAt: r.createdAt,
  };
}

/** Stores a checked recipient; `id` is a fixture's fixed id (a fresh one is drawn when absent). */
function store(state: LedgerState, clientId: string | null, input: RecipientInput, id?: string): Result<Recipient> {
  const problem = inputProblem(input);
  if (problem !== undefined) return invalid(problem.field, problem.message);
  if (id !== undefined && (!isUuid(id) || state.recipients.has(id.toLowerCase()))) return invalid("id", "id must be a uuid no other recipient has");
  const existing = duplicateOf(state, clientId, input);
  if (existing !== undefined) {
    const owner = clientId === null ? "The system recipients hold" : `Client ${clientId} has`;
    return fail("recipientAlreadyExists", `${owner} recipient ${existing.id} with account ${input.accountNumber} in ${input.currency} already`);
  }
  // Ids are drawn once nothing can refuse the request.
  const r: Recipient = {
    id: id?.toLowerCase() ?? freshUuid(state, state.recipients),
    clientId,
    name: input.name,
    accountNumber: input.accountNumber,
    bic: input.bic ?? null,
    bankName: input.bankName ?? null,
    country: input.country,
    currency: input.currency,
    isVisible: true,
    createdAt: readClock(state),
  };
  index(state, r);
  return ok(recipientView(r));
}

function index(state: LedgerState, r: Recipient): void {
  state.recipients.set(r.id, r);
  const key = r.clientId ?? SYSTEM_OWNER;
  const list = state.ownerRecipients.get(key);
  if (list === undefined) state.ownerRecipients.set(key, [r]);
  else list.push(r);
}

function ownerList(state: LedgerState, key: string): Recipient[] {
  return state.ownerRecipients.get(key) ?? [];
}

function duplicateOf(state: LedgerState, clientId: string | null, r: Pick<Recipient, "accountNumber" | "currency">): Recipient | undefined {
  return ownerList(state, clientId ?? SYSTEM_OWNER).find((o) => o.accountNumber === r.accountNumber && o.currency === r.currency);
}

/** The stored recipient of an id that the client sees: its own or a system one (a transfer pays only those). */
export function seenBy(state: LedgerState, clientId: string, recipientId: string): Result<Recipient> {
  const found = findClient(state, clientId);
  if (!found.ok) return found;
  const r = getById(state.recipients, recipientId);
  if (r === undefined || !(r.clientId === null || r.clientId === found.value.id)) return fail("recipientNotFound", `Recipient ${recipientId} was not found`);
  return ok(r);
}

// By name ignoring case, then oldest first: a fixed order whatever the insertion order of the two lists.
function byName(a: Recipient, b: Recipient): number {
  const x = a.name.toLowerCase();
  const y = b.name.toLowerCase();
  return x < y ? -1 : x > y ? 1 : a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function inputProblem(r: RecipientInput): { field: string; message: string } | undefined {
  if (!isText(r.name)) return { field: "name", message: `name must be 1-${MAX_RECIPIENT_NAME_LENGTH} characters` };
  if (typeof r.accountNumber !== "string" || !ACCOUNT_NUMBER.test(r.accountNumber)) return { field: "accountNumber", message: "accountNumber must be 5-34 upper-case letters and digits" };
  if (!(r.bic == null || (typeof r.bic === "string" && BIC.test(r.bic)))) return { field: "bic", message: "bic must be a BIC of 8 or 11 characters, or null" };
  if (!(r.bankName == null || (typeof r.bankName === "string" && r.bankName.length <= MAX_RECIPIENT_NAME_LENGTH))) {
    return { field: "bankName", message: `bankName must be at most ${MAX_RECIPIENT_NAME_LENGTH} characters, or null` };
  }
  if (!isCountry(r.country)) return { field: "country", message: "country must be an upper-case ISO 3166-1 alpha-2 code" };
  if (!isCurrency(r.currency)) return { field: "currency", message: "currency must be one of the ten currencies" };
  return undefined;
}

function isText(value: unknown): value is string {
  return typeof value === "string" && value.length > 0 && value.length <= MAX_RECIPIENT_NAME_LENGTH;
}
