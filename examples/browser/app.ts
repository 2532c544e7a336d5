/**
 * The browser example: the sandbox served by MSW's service worker inside the page, driven from buttons
 * through the typed client over the page's own fetch. In an app of yours the imports are
 * `finlego-sandbox/msw` and `finlego-sandbox/client`; here they are the repository's sources, bundled by
 * build.ts. `?persist=off` (or `sessionStorage`) picks where the state is kept; the default is localStorage.
 */
import { setupWorker } from "msw/browser";
import { createFinlegoClient, createSandboxControlClient, type components } from "../../client/index.js";
import { createMswSandbox, type PersistOption } from "../../sandbox/msw/index.js";

/** Where the page thinks the bank is: under its own origin, so the worker answers same-origin requests. */
const BASE_URL = "/api";
/** The transfer every drafted payment belongs to (any id will do in the sandbox). */
const PARENT_ID = "70850378-7d3c-4f45-91b7-942d4dfbbd43";
/** The page's own memory (which accounts and payment it works with), kept beside the sandbox's state. */
const PAGE_KEY = "finlego-example";

type Account = components["schemas"]["AccountDto"];
type Problem = { code?: string; title?: string; detail?: string };
interface PageState {
  accounts?: { a: string; b: string };
  payment?: { id: string; state: string };
}

const appStartMs = performance.now();
const persist = persistOption(new URLSearchParams(location.search).get("persist"));
const sandbox = createMswSandbox({ baseUrl: BASE_URL, ...(persist && { persist }) });
const sandboxMs = performance.now() - appStartMs;
const bank = createFinlegoClient({ baseUrl: `${location.origin}${BASE_URL}` });
const control = createSandboxControlClient({ baseUrl: `${location.origin}${BASE_URL}` });
const pageStorage = persist ? globalThis[typeof persist === "string" ? persist : persist.storage] : undefined;
let page: PageState = JSON.parse(pageStorage?.getItem(PAGE_KEY) ?? "{}") as PageState;
let done = 0;

function persistOption(value: string | null): PersistOption {
  if (value === "off") return false;
  return value === "sessionStorage" ? "sessionStorage" : "localStorage";
}

function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`the page has no #${id}`);
  return found as T;
}

function amountOf(id: string): number {
  return Number(element<HTMLInputElement>(id).value);
}

function remember(next: PageState): void {
  page = next;
  pageStorage?.setItem(PAGE_KEY, JSON.stringify(page));
}

/** Shows a failed answer as `status code: detail`; a network error (a fault rule) as what fetch said. */
function showError(action: string, status: number, problem: Problem | undefined): void {
  element("last-error").textContent = `${action}: ${status} ${problem?.code ?? ""}${problem?.detail ? `: ${problem.detail}` : ""}`;
}

async function render(): Promise<void> {
  const rows = element("balances");
  rows.replaceChildren();
  element("payment").textContent = page.payment ? `${page.payment.id} (${page.payment.state})` : "none";
  if (!page.accounts) {
    rows.append(row("no accounts yet: press Create accounts", []));
    return;
  }
  for (const [name, id] of Object.entries(page.accounts)) {
    const { data, response } = await bank.GET("/v2/ledger/internal/Accounts/{accountId}", { params: { path: { accountId: id } } });
    if (!data) {
      // The sandbox no longer knows the account (its state was not kept): forget the page's memory too.
      remember({});
      element("last-error").textContent = `account ${name}: ${response.status} (the sandbox's state was not kept)`;
      return render();
    }
    rows.append(row(name.toUpperCase(), accountCells(data), { name, id }));
  }
}

function accountCells(account: Account): [string, string][] {
  return [
    ["balance", account.balance.toFixed(2)],
    ["held", account.heldAmount.toFixed(2)],
    ["incoming", account.pendingIncomingAmount.toFixed(2)],
    ["available", account.availableBalance.toFixed(2)],
  ];
}

function row(label: string, cells: [string, string][], account?: { name: string; id: string }): HTMLTableRowElement {
  const tr = document.createElement("tr");
  const th = document.createElement("th");
  th.textContent = label;
  tr.append(th);
  for (const [field, text] of cells) {
    const td = document.createElement("td");
    td.textContent = text;
    td.dataset.field = field;
    tr.append(td);
  }
  if (account) Object.assign(tr.dataset, { account: account.name, id: account.id });
  return tr;
}

/** The buttons' work: each returns the answer's status and, when it failed, its problem. */
const actions: Record<string, () => Promise<{ status: number; problem?: Problem }>> = {
  async create() {
    const list = await bank.GET("/v2/ledger/internal/Accounts", { params: { query: { pageSize: 100 } } });
    const clientId = list.data?.items.find((account) => account.type === "client")?.clientId;
    if (!clientId) return { status: list.response.status, problem: list.error ?? { detail: "the sandbox has no client" } };
    const open = () => bank.POST("/v2/internal/Accounts", { body: { clientId, currency: "eur", type: "client" } });
    const a = await open();
    if (!a.data) return { status: a.response.status, problem: a.error };
    const b = await open();
    if (!b.data) return { status: b.response.status, problem: b.error };
    remember({ accounts: { a: a.data.id, b: b.data.id } });
    return { status: b.response.status };
  },
  async fund() {
    if (!page.accounts) return { status: 0, problem: { detail: "create the accounts first" } };
    const { response, error } = await control.POST("/__sandbox/simulations/incoming-payment", { body: { accountId: page.accounts.a, amount: amountOf("fund-amount") } });
    return { status: response.status, ...(error && { problem: error }) };
  },
  async draft() {
    if (!page.accounts) return { status: 0, problem: { detail: "create the accounts first" } };
    const transactions = [{ debtorAccountId: page.accounts.a, creditorAccountId: page.accounts.b, currency: "eur" as const, amount: amountOf("draft-amount") }];
    const { data, response, error } = await bank.POST("/internal/Payments/draft", { body: { parentId: PARENT_ID, parentType: "transfer", transactions } });
    if (data) remember({ ...page, payment: { id: data.paymentId, state: data.transactions[0]?.state ?? "draft" } });
    return { status: response.status, ...(error && { problem: error }) };
  },
  pend: () => step("pend"),
  post: () => step("post"),
  cancel: () => step("cancel"),
  async reset() {
    // The documented way to start over: the control API's reset, then forget the kept state.
    const { response, error } = await sandbox.control.POST("/__sandbox/reset", { body: { to: "seed" } });
    sandbox.clearPersisted();
    pageStorage?.removeItem(PAGE_KEY);
    page = {};
    element("last-error").textContent = "none";
    return { status: response.status, ...(error && { problem: error }) };
  },
};

async function step(action: "pend" | "post" | "cancel") {
  if (!page.payment) return { status: 0, problem: { detail: "draft a payment first" } };
  const { data, response, error } = await bank.POST(`/internal/Payments/{paymentId}/${action}`, { params: { path: { paymentId: page.payment.id } } });
  if (data) remember({ ...page, payment: { id: data.paymentId, state: data.transactions[0]?.state ?? action } });
  return { status: response.status, ...(error && { problem: error }) };
}

async function run(action: string, work: () => Promise<{ status: number; problem?: Problem }>): Promise<void> {
  try {
    const { status, problem } = await work();
    element("last-action").textContent = `${action}: ${status}`;
    if (problem) showError(action, status, problem);
  } catch (error) {
    element("last-action").textContent = `${action}: failed`;
    element("last-error").textContent = `${action}: ${(error as Error).message}`;
  }
  await render();
  // The test (and a curious reader) can wait for this counter instead of guessing when an action is over.
  document.body.dataset.done = String(++done);
}

async function start(): Promise<void> {
  const worker = setupWorker(...sandbox.handlers);
  const startMs = performance.now();
  await worker.start({ onUnhandledRequest: "bypass", quiet: true });
  const health = await control.GET("/__sandbox/health");
  const firstAnswerMs = performance.now() - startMs;
  const timings = element("timings");
  Object.assign(timings.dataset, { appStartMs: appStartMs.toFixed(1), sandboxMs: sandboxMs.toFixed(1), firstAnswerMs: firstAnswerMs.toFixed(1) });
  timings.textContent = `page load to module start ${appStartMs.toFixed(0)} ms; createMswSandbox ${sandboxMs.toFixed(0)} ms; worker.start() to the first answer ${firstAnswerMs.toFixed(0)} ms`;
  for (const button of document.querySelectorAll<HTMLButtonElement>("button[data-action]")) {
    const work = actions[button.dataset.action ?? ""];
    if (work) button.addEventListener("click", () => void run(button.dataset.action ?? "", work));
  }
  await render();
  const kept = persist ? `kept in ${typeof persist === "string" ? persist : persist.storage}: a reload keeps it` : "not kept: a reload starts from the seed";
  element("status").textContent = `ready (sandbox ${health.data?.version ?? "?"}); the state is ${kept}`;
  document.body.dataset.ready = "true";
}

start().catch((error: unknown) => {
  element("status").textContent = `the worker did not start: ${(error as Error).message}`;
});
