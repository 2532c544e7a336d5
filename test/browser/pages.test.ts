// The sandbox's own pages in Debian's Chromium, driven by playwright-core: the inspector follows what curl does
// to a tenant and steers it (fault rules, clock, reset) through the public APIs; the API reference renders both
// specs from this origin and tries requests against the sandbox; the start page lists the demo clients.
import { mkdirSync, writeFileSync } from "node:fs";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEMO_IDS } from "../../sandbox/core/index.js";
import { type RunningSandbox } from "../../sandbox/server/index.js";
import { BROWSER_ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, chromiumMissing } from "../support/chromium.js";
import { startValidatedSandbox } from "../support/validated.js";

const PARENT = "70850378-7d3c-4f45-91b7-942d4dfbbd43";
const EMMA_EUR = DEMO_IDS.accounts.emmaEur;
const LUKAS_EUR = DEMO_IDS.accounts.lukasEur;
/** How long the page may take to show what a request did: its poll interval (1 s) and a draw, with room to spare. */
const SHOWN_WITHIN_MS = 5000;

describe("the sandbox's pages in Chromium", () => {
  let sandbox: RunningSandbox;
  let browser: Browser | undefined;
  let page: Page;
  const problems: string[] = [];
  const offOrigin: string[] = [];
  /** Bytes received per page load, by the page's path. */
  const weights: Record<string, { requests: number; bytes: number }> = {};
  const missing = chromiumMissing();

  beforeEach(() => {
    if (missing) throw missing;
  });

  beforeAll(async () => {
    if (missing) return;
    sandbox = await startValidatedSandbox({ port: 0, frozenAt: "2026-03-02T10:00:00Z" });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    // A refused script or style (the content security policy) shows up here as a console error.
    page.on("console", (message) => {
      if (message.type() === "error" && !expectedErrors.some((expected) => message.text().includes(expected))) problems.push(`console: ${message.text()}`);
    });
    page.on("request", (request) => {
      if (!request.url().startsWith(sandbox.url) && !request.url().startsWith("data:")) offOrigin.push(request.url());
    });
    mkdirSync(BROWSER_ARTIFACTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await sandbox?.close();
  });

  /** Console errors a test provokes on purpose (a refused rule is a 400 the browser reports). */
  const expectedErrors: string[] = [];

  /** Opens a page, waits until its script is done, and notes what it weighed. */
  async function open(path: string): Promise<void> {
    const loaded = { requests: 0, bytes: 0 };
    const count = (response: { body(): Promise<Buffer> }) => void response.body().then((body) => ((loaded.requests += 1), (loaded.bytes += body.length)), () => {});
    page.on("response", count);
    await page.goto(`${sandbox.url}${path}`);
    await page.waitForSelector("body[data-ready=true]");
    await page.waitForLoadState("networkidle");
    page.off("response", count);
    weights[path] ??= loaded;
  }

  const api = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const reply = await fetch(`${sandbox.url}${path}`, { method, headers: { "content-type": "application/json", ...headers }, ...(body !== undefined && { body: JSON.stringify(body) }) });
    const text = await reply.text();
    return { status: reply.status, json: text ? JSON.parse(text) : undefined };
  };
  const cell = (account: string, field: string) => page.textContent(`tr[data-account="${account}"] td[data-field="${field}"]`);
  const shown = { timeout: SHOWN_WITHIN_MS };

  describe("the inspector", () => {
    let paymentId = "";

    it("shows a payment drafted and pended by curl: in the payments, its timeline with times, the held amount and the journal", async () => {
      await open("/__sandbox/ui");
      expect(await cell(EMMA_EUR, "held")).toBe("201.50");
      const drafted = await api("POST", "/internal/Payments/draft", { parentId: PARENT, parentType: "transfer", transactions: [{ debtorAccountId: EMMA_EUR, creditorAccountId: LUKAS_EUR, currency: "eur", amount: 30 }] });
      paymentId = drafted.json.paymentId;
      await api("POST", "/__sandbox/clock/advance", { minutes: 5 });
      expect((await api("POST", `/internal/Payments/${paymentId}/pend`)).status).toBe(200);

      await page.click(`[data-payment="${paymentId}"]`, shown);
      const steps = page.locator(`[data-timeline="${paymentId}"] li`);
      await expect.poll(() => steps.allTextContents(), shown).toEqual([
        expect.stringMatching(/^2026-03-02 10:00:00\.000 created as draft · 30\.00 eur$/),
        expect.stringMatching(/^2026-03-02 10:05:00\.000 draft → pending · 30\.00 eur$/),
      ]);
      expect([await cell(EMMA_EUR, "held"), await cell(EMMA_EUR, "available"), await cell(LUKAS_EUR, "pendingIncoming")]).toEqual(["231.50", "2563.80", "230.00"]);
      const journal = await page.locator("#journal tbody tr td:nth-child(4)").allTextContents();
      expect(journal).toEqual([`/internal/Payments/${paymentId}/pend`, "/internal/Payments/draft"]);
    });

    it("adds a fault rule that fires on the next request, and shows the firing in the journal and the rule expiring", async () => {
      await page.fill("#rule-form [name=operationId]", "getLedgerAccount");
      await page.fill("#rule-form [name=status]", "503");
      await page.fill("#rule-form [name=times]", "1");
      await page.fill("#rule-form [name=name]", "accounts are down");
      await page.click("#rule-form button");
      await page.waitForSelector("#rules tr[data-rule=rule-1]", shown);
      await page.screenshot({ path: `${BROWSER_ARTIFACTS}/inspector.png`, fullPage: true });

      const refused = await api("GET", `/v2/ledger/internal/Accounts/${EMMA_EUR}`);
      expect([refused.status, refused.json.code]).toEqual([503, "serviceUnavailable"]);
      await page.waitForSelector("#rules tr[data-rule=rule-1]", { ...shown, state: "detached" });
      const newest = page.locator("#journal tbody tr").first();
      expect(await newest.locator("td").allTextContents()).toEqual([expect.any(String), expect.any(String), "GET", `/v2/ledger/internal/Accounts/${EMMA_EUR}`, "503", expect.any(String), "rule:rule-1"]);
    });

    it("says why the control API refuses a rule, and adds none", async () => {
      expectedErrors.push("status of 400");
      await page.click("#rule-form button");
      await expect.poll(() => page.textContent("#rule-error"), shown).toBe("400 validationError: match: must NOT have fewer than 1 properties, respond: must NOT have fewer than 1 properties");
      expect((await api("GET", "/__sandbox/faults")).json).toEqual([]);
    });

    it("reads without filling the journal or using up a rule meant for the app, and removes a rule", async () => {
      const rule = await api("POST", "/__sandbox/faults", { match: { operationId: "listAccounts" }, respond: { status: 503 }, times: 1 });
      const before = (await api("GET", "/__sandbox/journal/count")).json.count;
      await page.click("#refresh");
      await page.waitForSelector(`#rules tr[data-rule=${rule.json.id}]`, shown);
      expect((await api("GET", "/__sandbox/journal/count")).json.count).toBe(before);
      expect((await api("GET", "/__sandbox/faults")).json.map((r: { remaining: number }) => r.remaining)).toEqual([1]);
      await page.click(`[data-remove=${rule.json.id}]`);
      await page.waitForSelector(`#rules tr[data-rule=${rule.json.id}]`, { ...shown, state: "detached" });
      expect((await api("GET", "/__sandbox/faults")).json).toEqual([]);
    });

    it("reads the clock, advances it, lets it run and freezes it again", async () => {
      await expect.poll(() => page.textContent("#clock"), shown).toBe("2026-03-02 10:05:00.000 UTC, frozen");
      await page.fill("#advance-amount", "2");
      await page.selectOption("#advance-unit", "hours");
      await page.click("#advance");
      await expect.poll(() => page.textContent("#clock"), shown).toBe("2026-03-02 12:05:00.000 UTC, frozen");
      expect((await api("GET", "/__sandbox/clock")).json).toEqual({ now: "2026-03-02T12:05:00.000Z", frozen: true });
      await page.click("#freeze");
      await expect.poll(async () => (await api("GET", "/__sandbox/clock")).json.frozen, shown).toBe(false);
      await page.waitForSelector("#freeze:has-text('Freeze')", shown);
      await page.click("#freeze");
      await expect.poll(async () => (await api("GET", "/__sandbox/clock")).json.frozen, shown).toBe(true);
    });

    it("resets the tenant to its seed: the payment is gone and the hold with it", async () => {
      await page.click("#reset");
      await page.waitForSelector(`[data-payment="${paymentId}"]`, { ...shown, state: "detached" });
      await expect.poll(() => cell(EMMA_EUR, "held"), shown).toBe("201.50");
      expect((await api("GET", "/internal/Transactions", undefined, {})).json.items.some((leg: { paymentId: string }) => leg.paymentId === paymentId)).toBe(false);
    });

    it("switches to another tenant and shows that tenant's requests only", async () => {
      await api("GET", "/internal/Currencies", undefined, { "x-sandbox-tenant": "team-b" });
      await page.waitForSelector("#tenant option[value=team-b]", { ...shown, state: "attached" });
      await page.selectOption("#tenant", "team-b");
      await page.waitForURL(/\?tenant=team-b$/);
      await expect.poll(() => page.locator("#journal tbody tr td:nth-child(4)").allTextContents(), shown).toEqual(["/internal/Currencies"]);
    });
  });

  describe("the API reference", () => {
    it("renders the FinLego spec from this origin, and Try it out answers from the sandbox itself", async () => {
      await open("/docs#/GeneralLedger%20Currencies/listCurrencies");
      const operation = page.locator("#operations-GeneralLedger_Currencies-listCurrencies");
      await operation.locator(".execute").click(shown);
      await expect.poll(() => operation.locator(".live-responses-table tbody .response-col_status").first().textContent(), shown).toBe("200");
      const journal = await api("GET", "/__sandbox/journal", undefined);
      expect(journal.json.entries.at(-1)).toMatchObject({ method: "GET", path: "/internal/Currencies", status: 200, fault: null });
      expect(await page.locator(".opblock-tag").count()).toBeGreaterThan(15);
      await page.screenshot({ path: `${BROWSER_ARTIFACTS}/docs.png` });
    });

    it("renders the control spec beside it", async () => {
      await open("/docs?spec=control");
      await expect.poll(() => page.locator(".opblock-tag").allTextContents(), shown).toEqual(expect.arrayContaining([expect.stringMatching(/^Faults/), expect.stringMatching(/^Journal/), expect.stringMatching(/^Clock/)]));
    });

    it("says which specs there are when asked for another", async () => {
      await open("/docs?spec=payments");
      expect(await page.textContent("#reference")).toBe('There is no spec "payments": ask for ?spec=finlego (the FinLego API) or ?spec=control (the control API).');
    });
  });

  describe("the start page", () => {
    it("lists the demo clients with their accounts and links to the reference, the inspector and the specs", async () => {
      await open("/");
      expect(await page.textContent(`#clients tr[data-client="${DEMO_IDS.clients.emmaSchneider}"]`)).toContain("Emma Schneider");
      expect(await cell(EMMA_EUR, "balance")).toBe("2795.30");
      const links = await page.locator("main a").evaluateAll((anchors) => anchors.map((a) => a.getAttribute("href")));
      expect(links).toEqual(expect.arrayContaining(["/docs", "/docs?spec=control", "/__sandbox/ui", "/openapi.yaml", "/openapi.json", "/sandbox-control.yaml", "/sandbox-control.json"]));
      expect(await page.textContent("pre")).toContain(`curl -s '${sandbox.url}/v2/ledger/internal/Accounts?currency=eur'`);
    });
  });

  it("loaded nothing from outside the sandbox, broke no rule of the pages' policy, and records what each page weighed", () => {
    expect(offOrigin).toEqual([]);
    expect(problems).toEqual([]);
    writeFileSync(`${BROWSER_ARTIFACTS}/page-weights.json`, `${JSON.stringify(weights, null, 2)}\n`);
  });
});
