// @ts-check
/**
 * How the pages talk to the sandbox: typed clients of the FinLego and control APIs (openapi-fetch, typed by the
 * same generated types as finlego-sandbox/client), nothing else.
 */
import createClient from "./vendor/openapi-fetch/index.mjs";

/** @typedef {import("../../client/generated/finlego.js").paths} FinlegoPaths */
/** @typedef {import("../../client/generated/finlego.js").components["schemas"]} Schemas */
/** @typedef {import("../../client/generated/sandbox-control.js").paths} ControlPaths */
/** @typedef {import("../../client/generated/sandbox-control.js").components["schemas"]} ControlSchemas */
/** @typedef {{ tenant: string, bank: import("./vendor/openapi-fetch/index.mjs").Client<FinlegoPaths>, control: import("./vendor/openapi-fetch/index.mjs").Client<ControlPaths> }} Api */

/** Most rows a list loads (clients, accounts); a tenant with more shows the first ones and says so. */
export const MAX_ROWS = 500;
/** The largest page the FinLego lists answer. */
const PAGE_SIZE = 100;

/**
 * The clients for one tenant. FinLego requests go as an observer's reads (X-Sandbox-Observer): answered as any
 * read, but never journaled and past Prefer and fault rules, so looking does not disturb the app under test.
 * @param {string} tenant
 * @returns {Api}
 */
export function apiFor(tenant) {
  const baseUrl = location.origin;
  return {
    tenant,
    bank: createClient({ baseUrl, headers: { "X-Sandbox-Tenant": tenant, "X-Sandbox-Observer": "inspector" } }),
    control: createClient({ baseUrl, headers: { "X-Sandbox-Tenant": tenant } }),
  };
}

/**
 * The data of an answer, or an Error that says what the sandbox answered instead.
 * @template T
 * @param {{ data?: T, error?: unknown, response: Response }} answer
 * @returns {T}
 */
export function dataOf(answer) {
  if (answer.data !== undefined && answer.response.ok) return answer.data;
  throw new Error(describeProblem(answer.response, answer.error));
}

/**
 * A refusal in one line: `400 validationError: match: must have at least 1 property`.
 * @param {Response} response
 * @param {unknown} problem the problem+json body, when there was one
 */
export function describeProblem(response, problem) {
  const head = `${response.status} ${response.statusText}`.trim();
  if (typeof problem !== "object" || problem === null) return head;
  const code = "code" in problem && typeof problem.code === "string" ? problem.code : head;
  const errors = "errors" in problem && typeof problem.errors === "object" && problem.errors !== null ? Object.entries(problem.errors) : [];
  if (errors.length > 0) return `${response.status} ${code}: ${errors.map(([field, messages]) => `${field}: ${[messages].flat().join("; ")}`).join(", ")}`;
  const detail = "detail" in problem && typeof problem.detail === "string" ? `: ${problem.detail}` : "";
  return `${response.status} ${code}${detail}`;
}

/**
 * Every item of a paged FinLego list, page by page, up to MAX_ROWS.
 * @template T
 * @param {(page: number) => Promise<{ data?: { items: T[], totalCount: number }, error?: unknown, response: Response }>} read
 * @returns {Promise<{ items: T[], totalCount: number }>}
 */
async function allPages(read) {
  /** @type {T[]} */
  const items = [];
  for (let page = 1; ; page++) {
    const data = dataOf(await read(page));
    items.push(...data.items);
    if (items.length >= data.totalCount || items.length >= MAX_ROWS || data.items.length === 0) return { items: items.slice(0, MAX_ROWS), totalCount: data.totalCount };
  }
}

/**
 * The tenant's clients and accounts.
 * @param {Api} api
 */
export async function loadClientsAndAccounts(api) {
  const query = { pageSize: PAGE_SIZE };
  const [clients, accounts] = await Promise.all([
    allPages((page) => api.bank.GET("/internal/Clients", { params: { query: { ...query, page } } })),
    allPages((page) => api.bank.GET("/v2/ledger/internal/Accounts", { params: { query: { ...query, page } } })),
  ]);
  return { clients, accounts };
}
