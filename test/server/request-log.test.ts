// The request log: a line per request on stdout, pretty (coloured on a terminal) or JSON, off with --quiet.
import { spawn, spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { DEMO_IDS } from "../../sandbox/core/index.js";
import { type RequestLogOptions, type RunningSandbox } from "../../sandbox/server/index.js";
import { repoRoot } from "../support/spec.js";
import { sharedFromFirstTest, startValidatedSandbox } from "../support/validated.js";

const PARENT = "70850378-7d3c-4f45-91b7-942d4dfbbd43";
const ACCOUNT = `/v2/ledger/internal/Accounts/${DEMO_IDS.accounts.emmaEur}`;
const TIME = String.raw`\d\d:\d\d:\d\d\.\d{3}`;
const payment = (amount: number) => ({ parentId: PARENT, parentType: "transfer", debtorAccountId: DEMO_IDS.treasury.eur, creditorAccountId: DEMO_IDS.accounts.emmaEur, currency: "eur", amount });

/** A sandbox whose log lines are kept, and a fetch that waits for each request's line. */
async function logged(log: Omit<RequestLogOptions, "write">): Promise<{ sandbox: RunningSandbox; lines: string[]; send(path: string, init?: RequestInit): Promise<number> }> {
  const lines: string[] = [];
  const sandbox = await startValidatedSandbox({ port: 0, frozenAt: "2026-03-02T10:00:00Z", log: { ...log, write: (line) => lines.push(line) } });
  const send = async (path: string, init: RequestInit = {}) => {
    const reply = await fetch(`${sandbox.url}${path}`, { ...init, headers: { "content-type": "application/json", ...init.headers } });
    await reply.arrayBuffer();
    return reply.status;
  };
  return { sandbox, lines, send };
}

/** Every kind of request once: plain, a tenant's Prefer, a rule, a magic value, an observer's read, control reads and changes. */
async function sendEveryKind(send: (path: string, init?: RequestInit) => Promise<number>): Promise<void> {
  expect(await send("/internal/Payments", { method: "POST", body: JSON.stringify(payment(1.5)) })).toBe(200);
  expect(await send(ACCOUNT, { headers: { "x-sandbox-tenant": "team-a", prefer: "code=404" } })).toBe(404);
  const rule = { match: { operationId: "listCurrencies" }, respond: { status: 503 }, times: 1 };
  expect(await send("/__sandbox/faults", { method: "POST", body: JSON.stringify(rule) })).toBe(201);
  expect(await send("/internal/Currencies?isEnabled=true")).toBe(503);
  expect(await send("/internal/Payments", { method: "POST", body: JSON.stringify(payment(666.66)) })).toBe(422);
  expect(await send(ACCOUNT, { headers: { "x-sandbox-observer": "inspector" } })).toBe(200);
  expect(await send("/__sandbox/journal")).toBe(200);
}

describe("the request log", () => {
  // Made in the first test (see sharedFromFirstTest), so that mutation testing sees which tests run its requests.
  const sharedPlain = sharedFromFirstTest(
    async () => {
      const made = await logged({ format: "pretty" });
      await sendEveryKind(made.send);
      return made;
    },
    (made) => made.sandbox.close(),
  );

  it("writes a plain line per FinLego request and control change: time, tenant when not default, method, path, status, duration, how it was forced", () => {
    const patterns = [
      `POST /internal/Payments 200 \\d+\\.\\d ms`,
      `\\[team-a\\] GET ${ACCOUNT} 404 \\d+\\.\\d ms \\(Prefer\\)`,
      `POST /__sandbox/faults 201 \\d+\\.\\d ms`,
      `GET /internal/Currencies\\?isEnabled=true 503 \\d+\\.\\d ms \\(rule rule-1\\)`,
      `POST /internal/Payments 422 \\d+\\.\\d ms \\(magic value\\)`,
    ];
    expect(sharedPlain().lines).toHaveLength(patterns.length);
    sharedPlain().lines.forEach((line, i) => expect(line).toMatch(new RegExp(`^${TIME} ${patterns[i]}$`)));
  });

  it("leaves out an observer's read and the control API's reads (what the inspector and tests poll)", () => {
    expect(sharedPlain().lines.filter((line) => line.includes("/__sandbox/journal"))).toEqual([]);
    expect(sharedPlain().lines.filter((line) => line.includes(ACCOUNT))).toHaveLength(1);
  });

  it("colours the status by its class, the forcing and the tenant when asked to, and never without", async () => {
    const colored = await logged({ format: "pretty", color: true });
    try {
      await sendEveryKind(colored.send);
      expect(colored.lines[0]).toContain("\u001b[32m200\u001b[39m");
      expect(colored.lines[1]).toContain("\u001b[36m[team-a]\u001b[39m");
      expect(colored.lines[3]).toContain("\u001b[31m503\u001b[39m");
      expect(colored.lines[4]).toContain("\u001b[33m422\u001b[39m");
      expect(colored.lines[4]).toContain("\u001b[35m(magic value)\u001b[39m");
      expect(sharedPlain().lines.join("\n")).not.toContain("\u001b");
    } finally {
      await colored.sandbox.close();
    }
  });

  it("writes one JSON object per line with the journal's fields, the tenant and whether it was a control request", async () => {
    const json = await logged({ format: "json" });
    try {
      await sendEveryKind(json.send);
      const records = json.lines.map((line) => JSON.parse(line));
      expect(records.map((r) => [r.tenant, r.control, r.method, r.path, r.query, r.operationId, r.status, r.fault])).toEqual([
        ["default", false, "POST", "/internal/Payments", "", "createPayment", 200, null],
        ["team-a", false, "GET", ACCOUNT, "", "getLedgerAccount", 404, "prefer"],
        ["default", true, "POST", "/__sandbox/faults", "", "addFaultRule", 201, null],
        ["default", false, "GET", "/internal/Currencies", "isEnabled=true", "listCurrencies", 503, "rule:rule-1"],
        ["default", false, "POST", "/internal/Payments", "", "createPayment", 422, "magic"],
      ]);
      for (const record of records) {
        expect(Date.parse(record.at)).not.toBeNaN();
        expect(record.durationMs).toBeGreaterThanOrEqual(0);
      }
    } finally {
      await json.sandbox.close();
    }
  });
});

/** Starts the command with these flags, sends one request once it listens, and answers what it printed. */
async function runCommand(flags: string[], { lineExpected = true } = {}): Promise<{ stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "sandbox/server/cli.ts", "--port", "0", ...flags], { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const check = () => {
        const found = /listening on (http:\/\/\S+)/.exec(stdout + stderr)?.[1];
        if (found && (stdout + stderr).includes("Control API")) resolve(found);
      };
      child.stdout.on("data", check);
      child.stderr.on("data", check);
      child.once("exit", (code) => reject(new Error(`exited ${code}: ${stdout}${stderr}`)));
    });
    await (await fetch(`${url}/internal/Currencies`)).arrayBuffer();
    // The line may reach this process after the answer does: wait for it (quiet, for a while in which it would have come).
    const waitMs = lineExpected ? 5000 : 300;
    for (let waited = 0; waited < waitMs && !stdout.includes("/internal/Currencies"); waited += 50) await new Promise((r) => setTimeout(r, 50));
    return { stdout, stderr };
  } finally {
    child.kill();
  }
}

describe("the command's log flags", () => {
  it("logs in plain text by default when stdout is not a terminal, after the banner", async () => {
    const { stdout } = await runCommand([]);
    expect(stdout).toContain("Control API");
    expect(stdout).toMatch(new RegExp(`\\n${TIME} GET /internal/Currencies 200 \\d+\\.\\d ms\\n`));
    expect(stdout).not.toContain("\u001b[");
  });

  it("with --log json writes nothing but JSON lines on stdout, the banner on stderr", async () => {
    const { stdout, stderr } = await runCommand(["--log", "json"]);
    expect(stderr).toContain("listening on");
    const lines = stdout.trim().split("\n");
    expect(lines.map((line) => JSON.parse(line).path)).toEqual(["/internal/Currencies"]);
  });

  it("with --quiet prints the banner and no request line", async () => {
    const { stdout } = await runCommand(["--quiet"], { lineExpected: false });
    expect(stdout).toContain("listening on");
    expect(stdout).not.toContain("/internal/Currencies");
  });

  it("refuses an unknown --log form and --quiet with --log, saying why", () => {
    const run = (args: string[]) => spawnSync(process.execPath, ["--import", "tsx", "sandbox/server/cli.ts", "--port", "0", ...args], { cwd: repoRoot, encoding: "utf8", timeout: 30_000 });
    const xml = run(["--log", "xml"]);
    expect([xml.status, xml.stderr.trim()]).toEqual([1, "finlego-sandbox: --log must be one of pretty, json, got xml"]);
    const both = run(["--quiet", "--log", "json"]);
    expect([both.status, both.stderr.trim()]).toEqual([1, "finlego-sandbox: --quiet and --log exclude each other: --quiet turns the request log off"]);
  });
});
