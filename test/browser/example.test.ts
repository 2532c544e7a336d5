// The browser example (examples/browser) in Debian's Chromium, driven by playwright-core: MSW's service
// worker serves the sandbox inside the page, and the balances the page shows after each button are exact.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { buildExample } from "../../examples/browser/build.js";
import { serveStatic, type StaticServer } from "../../examples/browser/serve.js";
import { BROWSER_ARTIFACTS as ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, chromiumMissing } from "../support/chromium.js";

type Balances = Record<string, { balance: string; held: string; incoming: string; available: string }>;

describe("the browser example on MSW's service worker, in Chromium", () => {
  let outDir = "";
  let server: StaticServer | undefined;
  let browser: Browser | undefined;
  let page: Page;
  const pageErrors: string[] = [];
  const missing = chromiumMissing();

  // Never skipped: without Chromium every test fails with how to install it (a failing beforeAll would
  // leave them counted as skipped), so the MSW worker cannot break unseen.
  beforeEach(() => {
    if (missing) throw missing;
  });

  beforeAll(async () => {
    if (missing) return;
    outDir = await buildExample(mkdtempSync(join(tmpdir(), "finlego-browser-example-")));
    server = await serveStatic(outDir);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    page = await browser.newPage();
    page.on("pageerror", (error) => pageErrors.push(error.message));
    mkdirSync(ARTIFACTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  async function open(query = ""): Promise<void> {
    await page.goto(`${server!.url}${query}`);
    await page.waitForSelector("body[data-ready=true]");
  }

  /** Presses a button (after typing an amount for it) and waits until the page has finished the action. */
  async function press(action: string, amount?: number): Promise<void> {
    if (amount !== undefined) await page.fill(`#${action}-amount`, String(amount));
    const done = Number((await page.getAttribute("body", "data-done")) ?? 0);
    await page.click(`button[data-action=${action}]`);
    await page.waitForSelector(`body[data-done="${done + 1}"]`);
  }

  const text = async (id: string) => (await page.textContent(`#${id}`))?.trim();
  const balances = () =>
    page.$$eval("tr[data-account]", (rows) =>
      Object.fromEntries(rows.map((row) => [row.getAttribute("data-account"), Object.fromEntries([...row.querySelectorAll("td")].map((td) => [td.dataset.field, td.textContent]))])),
    ) as Promise<Balances>;
  const accountIds = () => page.$$eval("tr[data-account]", (rows) => rows.map((row) => row.getAttribute("data-id")));
  const account = (balance: string, held: string, incoming: string, available: string) => ({ balance, held, incoming, available });
  const zero = account("0.00", "0.00", "0.00", "0.00");

  it("starts the worker and records the time from worker.start() to the first answer", async () => {
    await open();
    expect(await text("status")).toMatch(/^ready .*kept in localStorage/);
    expect(await balances()).toEqual({});
    const timings = await page.$eval("#timings", (element) => ({ ...element.dataset }));
    expect(Number(timings.firstAnswerMs)).toBeGreaterThan(0);
    // Reported, not asserted: how long the worker and the sandbox take to answer in this Chromium.
    writeFileSync(`${ARTIFACTS}/startup.json`, `${JSON.stringify({ chromium: browser!.version(), ...timings }, null, 2)}\n`);
  });

  it("creates, funds, drafts, pends and posts a payment, showing exact balances after each step", async () => {
    await press("create");
    expect(await balances()).toEqual({ a: zero, b: zero });
    await press("fund", 100);
    expect(await balances()).toEqual({ a: account("100.00", "0.00", "0.00", "100.00"), b: zero });
    await press("draft", 30);
    expect(await text("payment")).toMatch(/\(draft\)$/);
    expect(await balances()).toEqual({ a: account("100.00", "0.00", "0.00", "100.00"), b: zero });
    await press("pend");
    expect(await text("payment")).toMatch(/\(pending\)$/);
    expect(await balances()).toEqual({ a: account("100.00", "30.00", "0.00", "70.00"), b: account("0.00", "0.00", "30.00", "0.00") });
    await press("post");
    expect(await text("payment")).toMatch(/\(posted\)$/);
    expect(await balances()).toEqual({ a: account("70.00", "0.00", "0.00", "70.00"), b: account("30.00", "0.00", "0.00", "30.00") });
    expect(await text("last-error")).toBe("none");
  });

  it("pays a canceled hold back and shows the 422 of posting the canceled payment, changing nothing", async () => {
    await press("draft", 20.01);
    await press("pend");
    expect(await balances()).toEqual({ a: account("70.00", "20.01", "0.00", "49.99"), b: account("30.00", "0.00", "20.01", "30.00") });
    await press("cancel");
    expect(await text("payment")).toMatch(/\(canceled\)$/);
    await press("post");
    expect(await text("last-action")).toBe("post: 422");
    expect(await text("last-error")).toMatch(/^post: 422 invalidStateTransition: /);
    expect(await balances()).toEqual({ a: account("70.00", "0.00", "0.00", "70.00"), b: account("30.00", "0.00", "0.00", "30.00") });
  });

  it("shows the 422 of pending beyond the available funds", async () => {
    await press("draft", 70.01);
    await press("pend");
    expect(await text("last-error")).toMatch(/^pend: 422 insufficientFunds: /);
    expect(await text("payment")).toMatch(/\(draft\)$/);
    expect(await balances()).toEqual({ a: account("70.00", "0.00", "0.00", "70.00"), b: account("30.00", "0.00", "0.00", "30.00") });
    await page.screenshot({ path: `${ARTIFACTS}/lifecycle.png`, fullPage: true });
  });

  it("keeps the state across a reload with persistence on", async () => {
    await open();
    expect(await balances()).toEqual({ a: account("70.00", "0.00", "0.00", "70.00"), b: account("30.00", "0.00", "0.00", "30.00") });
    expect(await text("payment")).toMatch(/\(draft\)$/);
    // The drafted payment is still the sandbox's after the reload: with a cent more it can be held.
    await press("fund", 0.01);
    await press("pend");
    expect(await text("payment")).toMatch(/\(pending\)$/);
    expect(await balances()).toEqual({ a: account("70.01", "70.01", "0.00", "0.00"), b: account("30.00", "0.00", "70.01", "30.00") });
  });

  it("Reset starts over from the seed, and a reload after it keeps nothing", async () => {
    await press("reset");
    expect(await text("last-action")).toBe("reset: 200");
    expect(await balances()).toEqual({});
    expect(await page.evaluate(() => localStorage.getItem("finlego-sandbox"))).toBeNull();
    await open();
    expect(await balances()).toEqual({});
    await press("create");
    expect(await balances()).toEqual({ a: zero, b: zero });
    await page.screenshot({ path: `${ARTIFACTS}/after-reset.png`, fullPage: true });
  });

  it("without persistence a reload starts from the seed", async () => {
    await open("?persist=off");
    expect(await text("status")).toMatch(/not kept/);
    await press("create");
    const ids = await accountIds();
    await press("fund", 5);
    expect(await balances()).toEqual({ a: account("5.00", "0.00", "0.00", "5.00"), b: zero });
    await open("?persist=off");
    expect(await balances()).toEqual({});
    // From the seed again, the id generator gives the same ids; had the state been kept, it would have moved on.
    await press("create");
    expect(await accountIds()).toEqual(ids);
    expect(await balances()).toEqual({ a: zero, b: zero });
    expect(pageErrors).toEqual([]);
  });
});
