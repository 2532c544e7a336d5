import { invalid, ok } from "./errors.js";
import { isUuid } from "./ids.js";
import { freshUuid, readClock } from "./state.js";
import type { LedgerState } from "./state.js";
import { CLIENT_STATUSES, CLIENT_TYPES } from "./types.js";
import type { AddClientInput, Client, Result } from "./types.js";
import { clientView } from "./views.js";

const CLIENT_TYPE_SET: ReadonlySet<string> = new Set(CLIENT_TYPES);
const CLIENT_STATUS_SET: ReadonlySet<string> = new Set(CLIENT_STATUSES);

/** Registers a client; status defaults to `active` so fixtures and tests can open accounts at once. */
export function addClient(state: LedgerState, input: AddClientInput): Result<Client> {
  const problem = checkClientInput(state, input);
  if (problem !== undefined) return problem;
  const client: Client = {
    id: input.id === undefined ? freshUuid(state, state.clients) : input.id.toLowerCase(),
    type: input.type,
    status: input.status ?? "active",
    email: input.email,
    phone: input.phone ?? null,
    firstName: input.firstName ?? null,
    lastName: input.lastName ?? null,
    companyName: input.companyName ?? null,
    country: input.country.toUpperCase(),
    createdAt: readClock(state),
  };
  state.clients.set(client.id, client);
  return ok(clientView(client));
}

function checkClientInput(state: LedgerState, input: AddClientInput): Result<never> | undefined {
  if (input.id !== undefined) {
    if (!isUuid(input.id)) return invalid("id", "id must be a uuid");
    if (state.clients.has(input.id.toLowerCase())) return invalid("id", `client ${input.id} already exists`);
  }
  if (!CLIENT_TYPE_SET.has(input.type)) return invalid("type", "type must be individual or company");
  if (input.status !== undefined && !CLIENT_STATUS_SET.has(input.status)) return invalid("status", "unknown client status");
  if (typeof input.email !== "string" || input.email.length === 0) return invalid("email", "email is required");
  if (typeof input.country !== "string" || !/^[A-Za-z]{2}$/.test(input.country)) return invalid("country", "country must be an ISO 3166-1 alpha-2 code");
  for (const field of ["phone", "firstName", "lastName", "companyName"] as const) {
    const value = input[field];
    if (value !== undefined && value !== null && typeof value !== "string") return invalid(field, `${field} must be a string or null`);
  }
  return undefined;
}
