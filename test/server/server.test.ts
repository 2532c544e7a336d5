import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createFinlegoClient, createSandboxControlClient } from "../../client/index.js";
import { repoRoot } from "../support/spec.js";
import { startValidatedSandbox } from "../support/validated.js";

const PARENT = "70850378-7d3c-4f45-91b7-942d4dfbbd43";
const scratch = mkdtempSync(join(tmpdir(), "finlego-server-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("the sandbox server, used through the typed client", () => {
  // docs/domain/payments.md#worked-example
  it("runs the worked example over HTTP, every answer valid against the spec", async () => {
    const sandbox = await startValidatedSandbox({ port: 0 });
    try {
      const bank = createFinlegoClient({ baseUrl: sandbox.url });
      const { data: eur } = await bank.GET("/v2/ledger/internal/Accounts", { params: { query: { currency: "eur", pageSize: 100 } } });
      const clientId = eur!.items.find((a) => a.type === "client")!.clientId!;
      const treasury = eur!.items.find((a) => a.type === "treasury")!.id;
      const open = async (body: { clientId?: string; type: "client" | "fee" }) => (await bank.POST("/v2/internal/Accounts", { body: { currency: "eur", ...body } })).data!.id;
      const [a, b, f] = [await open({ clientId, type: "client" }), await open({ clientId, type: "client" }), await open({ type: "fee" })];
      const fund = await bank.POST("/internal/Payments", { body: { parentId: PARENT, parentType: "adjustingPayment", debtorAccountId: treasury, creditorAccountId: a, currency: "eur", amount: 100 } });
      expect(fund.response.status).toBe(200);

      const draft = await bank.POST("/internal/Payments/draft", {
        body: { parentId: PARENT, parentType: "transfer", transactions: [{ debtorAccountId: a, creditorAccountId: b, currency: "eur", amount: 30 }, { debtorAccountId: a, creditorAccountId: f, currency: "eur", amount: 1 }] },
      });
      const paymentId = draft.data!.paymentId;
      await bank.POST("/internal/Payments/{paymentId}/pend", { params: { path: { paymentId } } });
      const held = (await bank.GET("/v2/ledger/internal/Accounts/{accountId}", { params: { path: { accountId: a } } })).data!;
      expect([held.heldAmount, held.availableBalance]).toEqual([31, 69]);
      const posted = await bank.POST("/internal/Payments/{paymentId}/post", { params: { path: { paymentId } } });
      expect(posted.data!.transactions.map((t) => t.state)).toEqual(["posted", "posted"]);
      const balances = await bank.POST("/internal/Accounts/calculateBalances", { body: { accountIds: [a, b, f] } });
      expect(balances.data!.map((x) => x.balance)).toEqual([69, 30, 1]);
      const again = await bank.POST("/internal/Payments/{paymentId}/cancel", { params: { path: { paymentId } } });
      expect(again.response.status).toBe(422);
      expect(again.error).toMatchObject({ code: "invalidStateTransition" });

      const health = await createSandboxControlClient({ baseUrl: sandbox.url }).GET("/__sandbox/health");
      expect(health.data?.status).toBe("ok");
    } finally {
      await sandbox.close();
    }
  });

  it("answers a browser's CORS preflight from another origin", async () => {
    const sandbox = await startValidatedSandbox({ port: 0 });
    try {
      const pre = await fetch(`${sandbox.url}/internal/Payments`, {
        method: "OPTIONS",
        headers: { origin: "http://localhost:3000", "access-control-request-method": "POST", "access-control-request-headers": "x-sandbox-tenant,prefer" },
      });
      expect(pre.status).toBe(204);
      expect(pre.headers.get("access-control-allow-origin")).toBe("http://localhost:3000");
      expect(pre.headers.get("access-control-allow-headers")).toContain("X-Sandbox-Tenant");
    } finally {
      await sandbox.close();
    }
  });
});

describe("persistence with --data", () => {
  it("keeps the state across a restart, every answered change logged under a burst of requests", async () => {
    const file = join(scratch, "state.json");
    const first = await startValidatedSandbox({ port: 0, data: file, notify: () => {} });
    const bank = createFinlegoClient({ baseUrl: first.url });
    const { data: eur } = await bank.GET("/v2/ledger/internal/Accounts", { params: { query: { currency: "eur", pageSize: 100 } } });
    const treasury = eur!.items.find((a) => a.type === "treasury")!.id;
    const client = eur!.items.find((a) => a.type === "client")!;
    const burst = await Promise.all(
      Array.from({ length: 200 }, () => bank.POST("/internal/Payments", { body: { parentId: PARENT, parentType: "transfer", debtorAccountId: treasury, creditorAccountId: client.id, currency: "eur", amount: 0.5 } })),
    );
    expect(burst.every((r) => r.response.status === 200)).toBe(true);
    await first.close();
    // One record per answered payment; how many writes they took depends on the socket's timing (the batching
    // itself is checked deterministically in test/server/persistence.test.ts).
    expect(first.store!.stats.records).toBe(200);
    expect(JSON.parse(readFileSync(file, "utf8")).format).toBe("finlego-sandbox/state@3");

    const second = await startValidatedSandbox({ port: 0, data: file, notify: () => {} });
    try {
      const again = createFinlegoClient({ baseUrl: second.url });
      const after = await again.GET("/v2/ledger/internal/Accounts/{accountId}", { params: { path: { accountId: client.id } } });
      expect(after.data!.balance).toBe(client.balance + 100);
      const created = await again.POST("/internal/Payments", { body: { parentId: PARENT, parentType: "transfer", debtorAccountId: treasury, creditorAccountId: client.id, currency: "eur", amount: 1 } });
      // A restored sandbox keeps issuing fresh ids.
      const clash = burst.some((r) => r.data!.paymentId === created.data!.paymentId);
      expect(clash).toBe(false);
    } finally {
      await second.close();
    }
  });
});

describe("the finlego-sandbox command", () => {
  it("starts, prints the URL, the demo clients with an account id and a curl example, and serves", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "sandbox/server/cli.ts", "--port", "0"], { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"] });
    try {
      const output = await new Promise<string>((resolve, reject) => {
        let text = "";
        child.stdout.on("data", (chunk: Buffer) => {
          text += chunk.toString();
          if (text.includes("Control API")) resolve(text);
        });
        child.once("exit", (code) => reject(new Error(`exited ${code}: ${text}`)));
      });
      const url = /listening on (http:\/\/\S+)/.exec(output)![1]!;
      expect(output).toMatch(/client [0-9a-f-]{36}/);
      expect(output).toMatch(/eur account [0-9a-f-]{36}/);
      expect(output).toContain(`curl -s -X POST ${url}/internal/Payments`);
      const curlBody = /-d '(\{.*\})'/.exec(output)![1]!;
      const reply = await fetch(`${url}/internal/Payments`, { method: "POST", headers: { "content-type": "application/json" }, body: curlBody });
      expect(reply.status).toBe(200);
    } finally {
      child.kill();
    }
  });
});
