// @ts-check
/**
 * The inspector: one tenant's clients and accounts, payments and their timelines, the journal, fault rules, the
 * clock and reset, all through the FinLego API (as an observer's reads) and the control API. The journal, the
 * clock, the rules and the tenants are read every POLL_MS while the page is shown; the ledger views are drawn
 * again when the journal or the tenant's counts say something happened.
 */
import { accountsTable } from "./accounts.js";
import { apiFor, dataOf, loadClientsAndAccounts, MAX_ROWS } from "./api.js";
import { byId, h, instant } from "./dom.js";
import { ruleFromForm, rulesTable } from "./faults.js";
import { JOURNAL_ROWS, journalTable } from "./journal.js";
import { paymentsTable, timeline } from "./payments.js";

/** @typedef {import("./api.js").Api} Api */
/** @typedef {import("./api.js").ControlSchemas} ControlSchemas */

/** How often the journal, the clock, the rules and the tenants are read again. */
const POLL_MS = 1000;
/** The legs read for the payments list: enough for RECENT_PAYMENTS of a few legs each. */
const RECENT_LEGS = 100;
/** The legs of one payment read for its timeline. */
const PAYMENT_LEGS = 100;

const page = {
  api: apiFor(new URLSearchParams(location.search).get("tenant") ?? "default"),
  /** What the ledger views and the journal were drawn for; a change draws them again. */
  drawn: { ledger: "", journal: "" },
  /** @type {ControlSchemas["Clock"] | undefined} */
  clock: undefined,
  /** @type {string | undefined} the payment whose timeline is shown */
  payment: undefined,
  /** Draws since the page opened, in `data-draws`, for tests waiting for the next one. */
  draws: 0,
};

/** @param {string} text @param {boolean} [failed] */
function say(text, failed = false) {
  const message = byId("message", HTMLOutputElement);
  message.textContent = text;
  message.className = failed ? "error" : "muted";
}

/** Reads what changes often, draws what changed, and the ledger views when the journal or the tenant's counts moved. */
async function poll() {
  const { api } = page;
  const [journal, clock, rules, tenants] = await Promise.all([
    api.control.GET("/__sandbox/journal", { params: { query: { limit: JOURNAL_ROWS } } }).then(dataOf),
    api.control.GET("/__sandbox/clock").then(dataOf),
    api.control.GET("/__sandbox/faults").then(dataOf),
    api.control.GET("/__sandbox/tenants").then(dataOf),
  ]);
  if (api !== page.api) return;
  drawClock(clock);
  drawTenants(tenants);
  byId("rules", HTMLElement).replaceChildren(rulesTable(rules, (ruleId) => act(`${ruleId} removed`, async () => void dataOf(await api.control.DELETE("/__sandbox/faults/{ruleId}", { params: { path: { ruleId } } })))));
  const journalMark = `${journal.total} ${journal.entries.at(-1)?.seq}`;
  if (journalMark !== page.drawn.journal) byId("journal", HTMLElement).replaceChildren(journalTable(journal));
  const ledgerMark = `${journalMark} ${JSON.stringify(tenants.find((tenant) => tenant.name === api.tenant))}`;
  page.drawn.journal = journalMark;
  if (ledgerMark !== page.drawn.ledger) {
    await drawLedger(api);
    page.drawn.ledger = ledgerMark;
  }
}

/** @param {Api} api */
async function drawLedger(api) {
  const [{ clients, accounts }, recent, legs] = await Promise.all([
    loadClientsAndAccounts(api),
    api.bank.GET("/internal/Transactions", { params: { query: { pageSize: RECENT_LEGS } } }).then(dataOf),
    page.payment === undefined ? undefined : api.bank.GET("/internal/Transactions", { params: { query: { paymentId: page.payment, pageSize: PAYMENT_LEGS } } }).then(dataOf),
  ]);
  if (api !== page.api) return;
  const cut = accounts.totalCount > MAX_ROWS ? h("p", { class: "muted" }, `The first ${MAX_ROWS} of ${accounts.totalCount} accounts.`) : null;
  byId("accounts", HTMLElement).replaceChildren(accountsTable(clients.items, accounts.items), cut ?? "");
  byId("payments", HTMLElement).replaceChildren(paymentsTable(recent.items, showPayment));
  byId("timeline", HTMLElement).replaceChildren(page.payment && legs ? timeline(page.payment, legs.items) : "");
  document.body.dataset.draws = String(++page.draws);
}

/** @param {ControlSchemas["Clock"]} clock */
function drawClock(clock) {
  page.clock = clock;
  byId("clock", HTMLOutputElement).textContent = `${instant(clock.now)} UTC, ${clock.frozen ? "frozen" : "running"}`;
  byId("freeze", HTMLButtonElement).textContent = clock.frozen ? "Let it run" : "Freeze";
}

/** @param {ControlSchemas["TenantInfo"][]} tenants */
function drawTenants(tenants) {
  const select = byId("tenant", HTMLSelectElement);
  const names = tenants.map((tenant) => tenant.name);
  if (!names.includes(page.api.tenant)) names.push(page.api.tenant);
  if (select.options.length === names.length && [...select.options].every((option, i) => option.value === names[i])) return;
  select.replaceChildren(...names.map((name) => h("option", { value: name, selected: name === page.api.tenant }, name)));
}

/** @param {string} paymentId */
function showPayment(paymentId) {
  page.payment = paymentId;
  byId("payment-id", HTMLInputElement).value = paymentId;
  void act("", () => drawLedger(page.api));
}

/**
 * Runs a user's action, says how it went, and draws everything again.
 * @param {string} done what to say when it worked
 * @param {() => Promise<void>} action
 */
async function act(done, action) {
  try {
    await action();
    page.drawn = { ledger: "", journal: "" };
    await poll();
    if (done) say(done);
  } catch (error) {
    say(error instanceof Error ? error.message : String(error), true);
  }
}

function wire() {
  byId("tenant", HTMLSelectElement).addEventListener("change", (event) => {
    if (!(event.target instanceof HTMLSelectElement)) return;
    page.api = apiFor(event.target.value);
    page.payment = undefined;
    history.replaceState(null, "", `?tenant=${encodeURIComponent(page.api.tenant)}`);
    void act(`Tenant ${page.api.tenant}`, async () => {});
  });
  byId("advance", HTMLButtonElement).addEventListener("click", () => {
    const amount = Number(byId("advance-amount", HTMLInputElement).value);
    const unit = byId("advance-unit", HTMLSelectElement).value;
    if (unit !== "minutes" && unit !== "hours" && unit !== "days") return say(`There is no unit ${unit}.`, true);
    void act(`Clock moved ${amount} ${unit} on`, async () => void dataOf(await page.api.control.POST("/__sandbox/clock/advance", { body: { [unit]: amount } })));
  });
  byId("freeze", HTMLButtonElement).addEventListener("click", () => {
    const frozen = !page.clock?.frozen;
    void act(frozen ? "Clock frozen" : "Clock running", async () => {
      // Read at the moment of the click, so a running clock is frozen where it stands.
      const now = dataOf(await page.api.control.GET("/__sandbox/clock")).now;
      dataOf(await page.api.control.PUT("/__sandbox/clock", { body: { now, frozen } }));
    });
  });
  byId("reset", HTMLButtonElement).addEventListener("click", () => {
    page.payment = undefined;
    void act(`Tenant ${page.api.tenant} reset to its seed`, async () => void dataOf(await page.api.control.POST("/__sandbox/reset", { body: { to: "seed" } })));
  });
  byId("refresh", HTMLButtonElement).addEventListener("click", () => void act("", async () => {}));
  byId("payment-form", HTMLFormElement).addEventListener("submit", (event) => {
    event.preventDefault();
    const paymentId = byId("payment-id", HTMLInputElement).value.trim();
    if (paymentId) showPayment(paymentId);
  });
  byId("rule-form", HTMLFormElement).addEventListener("submit", (event) => {
    event.preventDefault();
    const form = byId("rule-form", HTMLFormElement);
    const error = byId("rule-error", HTMLOutputElement);
    error.textContent = "";
    void act("", async () => {
      const answer = await page.api.control.POST("/__sandbox/faults", { body: ruleFromForm(form) });
      try {
        say(`${dataOf(answer).id} added`);
        form.reset();
      } catch (refused) {
        error.textContent = refused instanceof Error ? refused.message : String(refused);
      }
    });
  });
}

/** Polls while the page is shown; a sandbox that stopped answering is said, and asked again. */
async function keepPolling() {
  if (document.visibilityState === "visible") {
    try {
      await poll();
      if (byId("message", HTMLOutputElement).className === "error" && byId("message", HTMLOutputElement).textContent?.startsWith("The sandbox")) say("");
    } catch (error) {
      say(`The sandbox did not answer: ${error instanceof Error ? error.message : String(error)}`, true);
    }
  }
  setTimeout(keepPolling, POLL_MS);
}

wire();
await keepPolling();
document.body.dataset.ready = "true";
