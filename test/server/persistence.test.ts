/**
 * Persistence with --data: the change log written before answers, replay after a crash (simulated by
 * copying the data folder while the server runs: every answered change is on disk by then), torn and
 * damaged records, foreign files, unusable paths, folding the log into the document, control requests.
 */
import { spawn, spawnSync } from "node:child_process";
import { appendFileSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { encodeRecord, readLog, type LoggedChange } from "../../sandbox/server/change-log.js";
import { DEMO_IDS, type Fixture } from "../../sandbox/core/index.js";
import { foldingFileOf, logFileOf } from "../../sandbox/server/persistence.js";
import { type RunningSandbox, type StartSandboxOptions } from "../../sandbox/server/index.js";
import { repoRoot } from "../support/spec.js";
import { startValidatedSandbox } from "../support/validated.js";

const PARENT = "70850378-7d3c-4f45-91b7-942d4dfbbd43";
const scratch = mkdtempSync(join(tmpdir(), "finlego-persistence-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let folders = 0;
/** A fresh data file path in a folder of its own. */
function dataFile(): string {
  const folder = join(scratch, `case-${++folders}`);
  mkdirSync(folder);
  return join(folder, "state.json");
}

/** Starts a sandbox on `file`, collecting its notices. */
async function open(file: string, options: StartSandboxOptions = {}) {
  const notices: string[] = [];
  const sandbox = await startValidatedSandbox({ port: 0, data: file, notify: (line) => notices.push(line), ...options });
  return { sandbox, notices, call: caller(sandbox) };
}

/** What a crash right now would leave: the data folder copied while the server runs. */
function crashCopy(file: string): string {
  const copy = dataFile();
  for (const [from, to] of [[file, copy], [logFileOf(file), logFileOf(copy)], [foldingFileOf(file), foldingFileOf(copy)]] as const) {
    if (existsSync(from)) copyFileSync(from, to);
  }
  return copy;
}

type Call = (method: string, path: string, body?: unknown, tenant?: string) => Promise<{ status: number; text: string; json: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any -- answers are checked field by field

function caller(sandbox: RunningSandbox): Call {
  return async (method, path, body, tenant) => {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers["content-type"] = "application/json";
    if (tenant) headers["x-sandbox-tenant"] = tenant;
    const answer = await fetch(`${sandbox.url}${path}`, { method, headers, ...(body !== undefined && { body: JSON.stringify(body) }) });
    const text = await answer.text();
    return { status: answer.status, text, json: text ? JSON.parse(text) : undefined };
  };
}

/** The eur treasury and an active eur client account of a tenant. */
async function eurAccounts(call: Call, tenant?: string): Promise<{ treasury: string; client: string; other: string }> {
  const { json } = await call("GET", "/v2/ledger/internal/Accounts?currency=eur&pageSize=100", undefined, tenant);
  const items = json.items as { id: string; type: string; status: string }[];
  const clients = items.filter((a) => a.type === "client" && a.status === "active");
  return { treasury: items.find((a) => a.type === "treasury")!.id, client: clients[0]!.id, other: clients[1]!.id };
}

/** Creates a posted payment treasury -> client; answers its id. */
async function pay(call: Call, tenant?: string, amount = 1.25): Promise<string> {
  const { treasury, client } = await eurAccounts(call, tenant);
  const made = await call("POST", "/internal/Payments", { parentId: PARENT, parentType: "transfer", debtorAccountId: treasury, creditorAccountId: client, currency: "eur", amount }, tenant);
  expect(made.status).toBe(200);
  return made.json.paymentId as string;
}

/** A tenant's ledger as the control API exports it (its clock left out: clocks are not persisted). */
async function ledgerOf(call: Call, tenant?: string): Promise<string> {
  const { json } = await call("GET", "/__sandbox/snapshot", undefined, tenant);
  return JSON.stringify(json.ledger);
}

/** Restarts on each data file in turn and expects every tenant's ledger as given. */
async function expectRestartsFind(files: string[], ledgers: Record<string, string>): Promise<void> {
  for (const restarted of files) {
    const again = await open(restarted);
    try {
      for (const [tenant, ledger] of Object.entries(ledgers)) expect(await ledgerOf(again.call, tenant), `${restarted} ${tenant}`).toBe(ledger);
    } finally {
      await again.sandbox.close();
    }
  }
}

describe("the change log", () => {
  it("holds an answered change before the answer leaves, the requests of one tick in one write", async () => {
    const file = dataFile();
    const { sandbox, call } = await open(file);
    try {
      const paymentId = await pay(call);
      const last = readLog(logFileOf(file)).records.at(-1)!.change;
      expect(last).toMatchObject({ kind: "request", tenant: "default", method: "POST", path: "/internal/Payments", status: 200 });
      expect(last.kind === "request" && JSON.parse(last.body!)).toMatchObject({ parentId: PARENT, amount: 1.25 });

      const { treasury, client } = await eurAccounts(call);
      const before = { ...sandbox.store!.stats };
      const body = JSON.stringify({ parentId: PARENT, parentType: "transfer", debtorAccountId: treasury, creditorAccountId: client, currency: "eur", amount: 0.5 });
      const answers = await Promise.all(
        Array.from({ length: 25 }, () => sandbox.entry.handle({ method: "POST", path: "/internal/Payments", query: "", headers: { "content-type": "application/json" }, body })),
      );
      expect(answers.map((a) => a.status)).toEqual(Array(25).fill(200));
      expect(sandbox.store!.stats.records - before.records).toBe(25);
      expect(sandbox.store!.stats.batches - before.batches).toBe(1);
      expect(readLog(logFileOf(file)).records.filter((r) => r.change.kind === "request")).toHaveLength(26);
      expect(paymentId).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      await sandbox.close();
    }
  });

  it("syncs each batch to disk when asked, and replays it alike", async () => {
    const file = dataFile();
    const { sandbox, call } = await open(file, { fsync: true });
    let copy: string;
    let ledger: string;
    try {
      await pay(call);
      await pay(call, "synced");
      ledger = await ledgerOf(call, "synced");
      copy = crashCopy(file);
    } finally {
      await sandbox.close();
    }
    const again = await open(copy, { fsync: true });
    try {
      expect(await ledgerOf(again.call, "synced")).toBe(ledger);
    } finally {
      await again.sandbox.close();
    }
  });

  it("logs neither reads, refused requests, forced errors nor clock and fault-rule settings", async () => {
    const file = dataFile();
    const { sandbox, call } = await open(file);
    try {
      const { treasury, client } = await eurAccounts(call);
      const body = { parentId: PARENT, parentType: "transfer", debtorAccountId: treasury, creditorAccountId: client, currency: "eur", amount: 1 };
      await call("GET", "/v2/ledger/internal/Accounts");
      await call("POST", "/internal/Payments", { ...body, amount: -1 });
      await call("POST", "/internal/Payments", { ...body, amount: 666.66 });
      const forced = await fetch(`${sandbox.url}/internal/Payments`, { method: "POST", headers: { "content-type": "application/json", prefer: "code=422" }, body: JSON.stringify(body) });
      expect(forced.status).toBe(422);
      expect((await call("POST", "/__sandbox/clock/advance", { hours: 1 })).status).toBe(200);
      expect((await call("POST", "/__sandbox/faults", { match: { method: "DELETE" }, respond: { status: 503 } })).status).toBe(201);
      expect(readLog(logFileOf(file)).records).toEqual([]);
    } finally {
      await sandbox.close();
    }
  });
});

describe("a restart after a crash", () => {
  it("replays the log to byte-identical answers, for every tenant, with the clock running", async () => {
    const file = dataFile();
    const { sandbox, call } = await open(file);
    let copy: string;
    const reads: Record<string, string[]> = {};
    const paths = ["/v2/ledger/internal/Accounts?pageSize=100", "/v2/ledger/internal/Accounts?currency=eur&pageSize=100"];
    try {
      for (const tenant of [undefined, "team-b"]) {
        await pay(call, tenant);
        const { client, other } = await eurAccounts(call, tenant);
        const draft = await call("POST", "/internal/Payments/draft", { parentId: PARENT, parentType: "transfer", transactions: [{ debtorAccountId: client, creditorAccountId: other, currency: "eur", amount: 3 }] }, tenant);
        expect((await call("POST", `/internal/Payments/${draft.json.paymentId}/pend`, undefined, tenant)).status).toBe(200);
        await pay(call, tenant, 7);
      }
      for (const tenant of ["default", "team-b"]) reads[tenant] = [...(await Promise.all(paths.map(async (p) => (await call("GET", p, undefined, tenant)).text))), await ledgerOf(call, tenant)];
      copy = crashCopy(file);
    } finally {
      await sandbox.close();
    }
    const again = await open(copy);
    try {
      expect(again.notices.join("\n")).toContain("replayed");
      for (const tenant of ["default", "team-b"]) {
        const now = [...(await Promise.all(paths.map(async (p) => (await again.call("GET", p, undefined, tenant)).text))), await ledgerOf(again.call, tenant)];
        expect(now, tenant).toEqual(reads[tenant]);
      }
      const tenants = (await again.call("GET", "/__sandbox/tenants")).json as { name: string }[];
      expect(tenants.map((t) => t.name)).toEqual(["default", "team-b"]);
    } finally {
      await again.sandbox.close();
    }
  });

  it("keeps transfers, the rate table and the processing mode, and replays the steps a read found due at their instants", async () => {
    const file = dataFile();
    const { sandbox, call } = await open(file);
    const emma = "f5057fee-4c3e-4459-82dd-21250b729601";
    const bearer = { authorization: `Bearer ${emma}`, "content-type": "application/json" };
    const asEmma = async (method: string, path: string, body?: unknown) => {
      const answer = await fetch(`${sandbox.url}${path}`, { method, headers: bearer, ...(body !== undefined && { body: JSON.stringify(body) }) });
      return { status: answer.status, json: await answer.json() };
    };
    let copy: string;
    let before: string;
    try {
      expect((await call("PUT", "/__sandbox/transfers/processing", { mode: "auto", processingDelayMs: 0, completionDelayMs: 30 })).status).toBe(200);
      expect((await call("PATCH", "/__sandbox/fx-rates", { rates: [{ currency: "usd", rate: 1.2 }] })).status).toBe(200);
      const payee = await call("POST", "/internal/Recipients", { clientId: emma, name: "Lukas Meyer", accountNumber: "DE89370400440532013000", country: "DE", currency: "eur" });
      const made = await asEmma("POST", "/Transfers/outgoing", { accountId: "657bf824-c301-4403-be88-c45db5a0e105", recipientId: payee.json.id, amount: 30, currency: "eur" });
      expect((await asEmma("PUT", `/Transfers/outgoing/${made.json.id}/confirm`, { code: "000000" })).json.status).toBe("confirmed");
      await new Promise((resolve) => setTimeout(resolve, 60));
      // A read finds both steps due and runs them; nothing else is asked of the tenant afterwards.
      expect((await asEmma("GET", `/Transfers/${made.json.id}`)).json.status).toBe("completed");
      before = await ledgerOf(call);
      copy = crashCopy(file);
    } finally {
      await sandbox.close();
    }
    const kinds = readLog(logFileOf(copy)).records.map((r) => r.change.kind);
    expect(kinds).toContain("settle");
    const again = await open(copy);
    try {
      expect(await ledgerOf(again.call)).toBe(before);
      const ledger = JSON.parse(before);
      expect(ledger.transfers[0]).toMatchObject({ status: "completed", nextStep: null });
      expect(ledger.fxRates).toContainEqual({ currency: "usd", perBaseMicros: 1_200_000 });
      expect(ledger.transferProcessing).toEqual({ mode: "auto", processingDelayMs: 0, completionDelayMs: 30 });
    } finally {
      await again.sandbox.close();
    }
  });

  it("keeps the changes of PUT, PATCH and DELETE requests in every tenant, through the log and through the document saved at close", async () => {
    const file = dataFile();
    const { sandbox, call } = await open(file);
    let copy: string;
    const expected: Record<string, string> = {};
    try {
      for (const tenant of ["default", "team-c"]) {
        const headers = { "content-type": "application/json", authorization: `Bearer ${DEMO_IDS.clients.emmaSchneider}`, "x-sandbox-tenant": tenant };
        const send = async (method: string, path: string, body?: unknown) =>
          (await fetch(`${sandbox.url}${path}`, { method, headers, ...(body !== undefined && { body: JSON.stringify(body) }) })).status;
        expect(await send("PATCH", `/Accounts/${DEMO_IDS.accounts.emmaEur}`, { name: `Renamed in ${tenant}` })).toBe(200);
        expect(await send("PUT", `/internal/Clients/${DEMO_IDS.clients.lukasNowak}/block`, { reason: tenant })).toBe(200);
        const empty = await call("POST", "/v2/internal/Accounts", { clientId: DEMO_IDS.clients.emmaSchneider, currency: "eur", type: "client" }, tenant);
        expect(await send("DELETE", `/Accounts/${empty.json.id}`)).toBe(204);
        expected[tenant] = await ledgerOf(call, tenant);
        expect(expected[tenant]).toContain(`Renamed in ${tenant}`);
      }
      copy = crashCopy(file);
    } finally {
      await sandbox.close();
    }
    // The crash copy restarts from its log; the closed sandbox's file from the document it saved.
    await expectRestartsFind([copy, file], expected);
  });

  it("makes a tenant again as of the instant it was first made, from a seed without dates", async () => {
    const client = "0b5e9f64-7d1c-4b8e-9a57-3c2f1e0d9b8a";
    const seed: Fixture = {
      clients: [{ id: client, type: "individual", email: "ada@example.com", country: "DE", firstName: "Ada", lastName: "Lovelace" }],
      accounts: [{ currency: "eur", type: "treasury" }, { clientId: client, currency: "eur", type: "client", initialBalance: 100 }],
    };
    const file = dataFile();
    const { sandbox, call } = await open(file, { seed });
    let copy: string;
    let before: string;
    try {
      await new Promise((resolve) => setTimeout(resolve, 25));
      before = (await call("GET", "/v2/ledger/internal/Accounts?pageSize=100", undefined, "late")).text;
      copy = crashCopy(file);
    } finally {
      await sandbox.close();
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
    const again = await open(copy, { seed });
    try {
      expect((await again.call("GET", "/v2/ledger/internal/Accounts?pageSize=100", undefined, "late")).text).toBe(before);
    } finally {
      await again.sandbox.close();
    }
  });

  it("keeps what control requests changed: reset, seed, snapshot import, incoming payment, tenant delete", async () => {
    const file = dataFile();
    const { sandbox, call } = await open(file);
    let copy: string;
    const expected: Record<string, string> = {};
    try {
      await pay(call, "source");
      const snapshot = (await call("GET", "/__sandbox/snapshot", undefined, "source")).json;
      expect((await call("POST", "/__sandbox/seed", { fixture: "empty" }, "imported")).status).toBe(200);
      expect((await call("PUT", "/__sandbox/snapshot", snapshot, "imported")).status).toBe(200);
      const { client } = await eurAccounts(call, "imported");
      expect((await call("POST", "/__sandbox/simulations/incoming-payment", { accountId: client, amount: 42 }, "imported")).status).toBe(200);
      await pay(call, "wiped");
      expect((await call("POST", "/__sandbox/reset", { to: "empty" }, "wiped")).status).toBe(200);
      await pay(call, "gone");
      expect((await call("DELETE", "/__sandbox/tenants/gone")).status).toBe(204);
      await pay(call);
      expect((await call("DELETE", "/__sandbox/tenants/default", undefined, "source")).status).toBe(204);
      for (const tenant of ["default", "source", "imported", "wiped"]) expected[tenant] = await ledgerOf(call, tenant);
      copy = crashCopy(file);
    } finally {
      await sandbox.close();
    }
    const again = await open(copy);
    try {
      const tenants = (await again.call("GET", "/__sandbox/tenants")).json as { name: string; payments: number }[];
      expect(tenants.map((t) => t.name)).toEqual(["default", "source", "imported", "wiped"]);
      for (const tenant of Object.keys(expected)) expect(await ledgerOf(again.call, tenant), tenant).toBe(expected[tenant]);
      expect(tenants.find((t) => t.name === "wiped")!.payments).toBe(0);
    } finally {
      await again.sandbox.close();
    }
  });

  it("drops a torn last record with a one-line notice", async () => {
    const file = dataFile();
    const { sandbox, call } = await open(file);
    let copy: string;
    let ledger: string;
    try {
      await pay(call);
      ledger = await ledgerOf(call);
      copy = crashCopy(file);
    } finally {
      await sandbox.close();
    }
    const record = encodeRecord({ kind: "tenant", tenant: "never-made", atMs: 1 });
    const whole = readFileSync(logFileOf(copy)).length;
    appendFileSync(logFileOf(copy), record.slice(0, 30));
    const again = await open(copy);
    try {
      const notice = again.notices.find((line) => line.includes("torn"));
      expect(notice).toBe(`${logFileOf(copy)}: dropped a torn last record (record 2, 30 bytes at byte ${whole}), cut short by a crash`);
      expect(await ledgerOf(again.call)).toBe(ledger);
      expect((await again.call("GET", "/__sandbox/tenants")).json).toHaveLength(1);
    } finally {
      await again.sandbox.close();
    }
  });

  it("refuses a log damaged before its last record, naming the file and the record, and changes nothing", async () => {
    const file = dataFile();
    const { sandbox, call } = await open(file);
    let copy: string;
    try {
      for (let i = 0; i < 3; i++) await pay(call);
      copy = crashCopy(file);
    } finally {
      await sandbox.close();
    }
    const log = logFileOf(copy);
    const bytes = readFileSync(log);
    const lines = bytes.toString("latin1").split("\n");
    const second = lines.slice(0, 2).join("\n").length + 1 + 40; // inside record 2's JSON
    bytes[second] = bytes[second] === 0x61 ? 0x62 : 0x61;
    writeFileSync(log, bytes);
    await expect(open(copy)).rejects.toThrow(`${log} is damaged at record 2`);
    expect(readFileSync(log).equals(bytes)).toBe(true);
  });

  it("refuses a log whose replay answers differently, naming the record", async () => {
    const file = dataFile();
    const { sandbox, call } = await open(file);
    let copy: string;
    try {
      await pay(call);
      copy = crashCopy(file);
    } finally {
      await sandbox.close();
    }
    const log = logFileOf(copy);
    const { records } = readLog(log);
    const header = readFileSync(log, "latin1").split("\n")[0]!;
    const change = { ...records[0]!.change, status: 201 } as LoggedChange;
    writeFileSync(log, `${header}\n${encodeRecord(change)}`);
    await expect(open(copy)).rejects.toThrow(/state\.json\.log record 1 \(POST \/internal\/Payments\) was answered 201 but answers 200 on replay/);
  });

  it("refuses a log written by a sandbox with another id seed", async () => {
    const file = dataFile();
    const { sandbox, call } = await open(file);
    let copy: string;
    try {
      await pay(call);
      copy = crashCopy(file);
    } finally {
      await sandbox.close();
    }
    await expect(open(copy, { idSeed: 2 })).rejects.toThrow(`${logFileOf(copy)} was written by a sandbox started with another --seed or --id-seed`);
  });
});

describe("files that are not the sandbox's", () => {
  it("refuses a foreign document or log and leaves it as it was", async () => {
    const cases: [string, string, RegExp][] = [
      ["package.json", JSON.stringify({ name: "app", version: "1.0.0" }), /is not a state file this version of finlego-sandbox reads: it has no finlego-sandbox format/],
      ["notes.txt", "remember the milk\n", /is not a finlego-sandbox state file: it is not JSON/],
      ["future.json", JSON.stringify({ format: "finlego-sandbox/state@9", tenants: {} }), /its format is finlego-sandbox\/state@9/],
    ];
    for (const [name, text, message] of cases) {
      const file = join(scratch, name);
      writeFileSync(file, text);
      await expect(open(file), name).rejects.toThrow(message);
      expect(readFileSync(file, "utf8"), name).toBe(text);
      expect(existsSync(logFileOf(file)), name).toBe(false);
    }
    const file = dataFile();
    await (await open(file)).sandbox.close();
    writeFileSync(logFileOf(file), "2026-01-01 app started\n2026-01-01 app stopped\n");
    await expect(open(file)).rejects.toThrow(`${logFileOf(file)} is not a finlego-sandbox log: it does not start with a log header`);
    expect(readFileSync(logFileOf(file), "utf8")).toContain("app stopped");
  });

  it("creates a missing folder, and refuses a path it cannot write, naming it", async () => {
    const nested = join(scratch, "new", "deeper", "state.json");
    const { sandbox } = await open(nested);
    await sandbox.close();
    expect(JSON.parse(readFileSync(nested, "utf8")).format).toBe("finlego-sandbox/state@3");

    const blocker = join(scratch, "a-file");
    writeFileSync(blocker, "");
    await expect(open(join(blocker, "state.json"))).rejects.toThrow(`cannot keep the state file ${join(blocker, "state.json")}: ${blocker} is not a folder`);
    // Even as root, sysfs takes no new files.
    if (existsSync("/sys/kernel")) await expect(open("/sys/kernel/finlego-state.json")).rejects.toThrow("/sys/kernel/finlego-state.json");
  });

  it("refuses a data file another sandbox is using, and takes over one whose process is gone", async () => {
    const file = dataFile();
    const first = await open(file);
    try {
      await expect(open(file)).rejects.toThrow(`${file} is in use by process ${process.pid} (this one)`);
    } finally {
      await first.sandbox.close();
    }
    writeFileSync(`${file}.lock`, "999999999");
    const again = await open(file);
    await again.sandbox.close();
    expect(existsSync(`${file}.lock`)).toBe(false);
  });

  it("the command prints the refusal in one line and exits non-zero, without a stack trace", () => {
    const foreign = join(scratch, "foreign.json");
    writeFileSync(foreign, "[1, 2, 3]");
    const runs = [
      [foreign, `finlego-sandbox: ${foreign} is not a state file this version of finlego-sandbox reads`],
      ["/sys/kernel/finlego/state.json", "finlego-sandbox: cannot create the folder /sys/kernel/finlego for the state file /sys/kernel/finlego/state.json"],
    ] as const;
    for (const [data, message] of runs) {
      if (data.startsWith("/sys") && !existsSync("/sys/kernel")) continue;
      const run = spawnSync(process.execPath, ["--import", "tsx", "sandbox/server/cli.ts", "--port", "0", "--data", data], { cwd: repoRoot, encoding: "utf8", timeout: 30_000 });
      expect(run.status, data).toBe(1);
      expect(run.stderr, data).toContain(message);
      expect(run.stderr, data).not.toMatch(/\n\s+at /);
    }
  });
});

describe("folding the log into the document", () => {
  it("happens in the background when the log passes its limit, and a restart sees the same state", async () => {
    const file = dataFile();
    const { sandbox, call } = await open(file, { compactAfterBytes: 8 * 1024 });
    let copy: string;
    const ledgers: Record<string, string> = {};
    try {
      for (let i = 0; i < 40; i++) await pay(call, i % 3 ? undefined : "other");
      const store = sandbox.store!;
      while (store.stats.compactions < 1) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(store.stats.lastCompaction!.records).toBeGreaterThan(0);
      expect(JSON.parse(readFileSync(file, "utf8")).generation).toBeGreaterThan(1);
      for (let i = 0; i < 5; i++) await pay(call);
      for (const tenant of ["default", "other"]) ledgers[tenant] = await ledgerOf(call, tenant);
      copy = crashCopy(file);
    } finally {
      await sandbox.close();
    }
    await expectRestartsFind([copy, file], ledgers);
  });

  it("happens when the command is stopped with SIGTERM, which says so", async () => {
    const file = dataFile();
    const child = spawn(process.execPath, ["--import", "tsx", "sandbox/server/cli.ts", "--port", "0", "--data", file], { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    while (!output.includes("Control API")) await new Promise((resolve) => setTimeout(resolve, 20));
    const url = /listening on (http:\/\/\S+)/.exec(output)![1]!;
    const paymentId = await pay(async (method, path, body) => {
      const answer = await fetch(`${url}${path}`, { method, headers: { "content-type": "application/json" }, ...(body !== undefined && { body: JSON.stringify(body) }) });
      const text = await answer.text();
      return { status: answer.status, text, json: JSON.parse(text) };
    });
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(output).toContain(`saved the sandbox state to ${file} (1 tenants,`);
    expect(existsSync(logFileOf(file))).toBe(false);
    const saved = JSON.parse(readFileSync(file, "utf8")) as { tenants: { default: { payments: { id: string }[] } } };
    expect(saved.tenants.default.payments.some((p) => p.id === paymentId)).toBe(true);
  });

  it("happens at close, which removes the log and says so", async () => {
    const file = dataFile();
    const { sandbox, call, notices } = await open(file);
    await pay(call);
    await sandbox.close();
    expect(existsSync(logFileOf(file))).toBe(false);
    expect(notices.at(-1)).toMatch(new RegExp(`^saved the sandbox state to ${file.replaceAll(".", "\\.")} \\(1 tenants, \\d+ payments, [\\d.]+ MiB\\) in \\d+ ms; the change log is folded in$`));
  });
});
