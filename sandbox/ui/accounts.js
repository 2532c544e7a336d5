// @ts-check
/** The clients with their accounts and balances, as the start page and the inspector show them. */
import { h, money } from "./dom.js";

/** @typedef {import("./api.js").Schemas} Schemas */

/**
 * A table of every client (its id is its bearer token) with its accounts, then the system accounts.
 * Each account row carries `data-account` (its id) and each figure `data-field`, for tests and tools.
 * @param {Schemas["ClientDto"][]} clients
 * @param {Schemas["AccountDto"][]} accounts
 */
export function accountsTable(clients, accounts) {
  /** @type {Map<string | null, Schemas["AccountDto"][]>} */
  const byClient = new Map();
  for (const account of accounts) byClient.set(account.clientId, [...(byClient.get(account.clientId) ?? []), account]);
  const head = h("tr", {}, ...["account", "currency", "status", "balance", "held", "pending in", "available"].map((name, i) => h("th", { class: i > 2 ? "num" : undefined }, name)));
  const body = h("tbody");
  for (const client of clients) {
    const label = client.companyName ?? [client.firstName, client.lastName].filter(Boolean).join(" ");
    body.append(h("tr", { class: "group", "data-client": client.id }, h("td", { colspan: 7 }, `${label} `, h("span", { class: "muted mono" }, `${client.type}, ${client.status}, token ${client.id}`))));
    for (const account of byClient.get(client.id) ?? []) body.append(accountRow(account));
  }
  const system = byClient.get(null) ?? [];
  if (system.length > 0) {
    body.append(h("tr", { class: "group" }, h("td", { colspan: 7 }, "System accounts ", h("span", { class: "muted" }, "(treasury, fees)"))));
    for (const account of system) body.append(accountRow(account));
  }
  return h("table", {}, h("thead", {}, head), body);
}

/** @param {Schemas["AccountDto"]} account */
function accountRow(account) {
  const figure = (/** @type {string} */ field, /** @type {number} */ amount) => h("td", { class: "num", "data-field": field }, money(amount));
  return h(
    "tr",
    { "data-account": account.id },
    h("td", {}, h("span", { class: "mono" }, account.accountNumber), " ", h("span", { class: "muted mono" }, account.id), account.name ? h("div", { class: "muted" }, account.name) : null),
    h("td", {}, account.currency),
    h("td", {}, account.status),
    figure("balance", account.balance),
    figure("held", account.heldAmount),
    figure("pendingIncoming", account.pendingIncomingAmount),
    figure("available", account.availableBalance),
  );
}
