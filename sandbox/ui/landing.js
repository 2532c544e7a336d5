// @ts-check
/** The start page: the demo clients and their accounts, and the examples with this sandbox's own address. */
import { accountsTable } from "./accounts.js";
import { apiFor, loadClientsAndAccounts, MAX_ROWS } from "./api.js";
import { byId } from "./dom.js";

for (const example of document.querySelectorAll("[data-origin]")) example.textContent = (example.textContent ?? "").replaceAll("{origin}", location.origin);

const target = byId("clients", HTMLElement);
try {
  const { clients, accounts } = await loadClientsAndAccounts(apiFor("default"));
  const cut = accounts.totalCount > MAX_ROWS ? ` (the first ${MAX_ROWS} of ${accounts.totalCount} accounts)` : "";
  target.replaceChildren(accountsTable(clients.items, accounts.items));
  if (cut) target.append(cut);
} catch (error) {
  target.textContent = `The demo clients could not be read: ${error instanceof Error ? error.message : String(error)}`;
  target.className = "error";
}
document.body.dataset.ready = "true";
