import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFinlegoClient, createSandboxControlClient } from "../../client/index.js";
import { generateTypes, generatedClients } from "../../scripts/generate-client.js";
import { repoRoot } from "../support/spec.js";

describe("the generated client", () => {
  it.each(generatedClients)("regenerating $output from $spec yields no difference", async ({ spec, output }) => {
    expect(await generateTypes(spec)).toBe(readFileSync(`${repoRoot}/${output}`, "utf8"));
  });

  it("rejects a wrong path, a misspelled body field and a wrong enum value at compile time", () => {
    const tsc = spawnSync("npx", ["tsc", "--noEmit", "-p", "test/client/tsconfig.type-tests.json"], {
      cwd: repoRoot,
      encoding: "utf8",
    });
    expect(tsc.stdout + tsc.stderr).not.toMatch(/error TS/);
    expect(tsc.status).toBe(0);
  });
});

describe("createFinlegoClient against a local server", () => {
  const seen: { method?: string; url?: string; headers: IncomingMessage["headers"]; body: string }[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      seen.push({ method: req.method, url: req.url, headers: req.headers, body });
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ status: "ok", version: "test", startedAt: "2026-01-01T00:00:00Z" }));
    });
  });
  let baseUrl = "";

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("sends the base URL, the bearer token, the tenant header and the JSON body", async () => {
    const client = createFinlegoClient({ baseUrl, token: "client-token", tenant: "team-a" });
    const parentId = "70850378-7d3c-4f45-91b7-942d4dfbbd43";
    const paymentIds = ["497f6eca-6276-4993-bfeb-53cbbbba6f08"];
    await client.POST("/internal/Payments/pend", { body: { paymentIds, parentId } });
    const request = seen.at(-1);
    expect(request?.method).toBe("POST");
    expect(request?.url).toBe("/api/internal/Payments/pend");
    expect(request?.headers.authorization).toBe("Bearer client-token");
    expect(request?.headers["x-sandbox-tenant"]).toBe("team-a");
    expect(JSON.parse(request?.body ?? "null")).toEqual({ paymentIds, parentId });
  });

  it("sends no credentials or tenant when none are given, and fills path parameters", async () => {
    const client = createFinlegoClient({ baseUrl });
    await client.POST("/internal/Payments/{paymentId}/cancel", {
      params: { path: { paymentId: "472e651e-5a1e-424d-8098-23858bf03ad7" } },
    });
    const request = seen.at(-1);
    expect(request?.url).toBe("/api/internal/Payments/472e651e-5a1e-424d-8098-23858bf03ad7/cancel");
    expect(request?.headers.authorization).toBeUndefined();
    expect(request?.headers["x-sandbox-tenant"]).toBeUndefined();
  });

  it("uses a fetch installed after the client was made", async () => {
    const client = createSandboxControlClient({ baseUrl, tenant: "late" });
    const original = globalThis.fetch;
    const urls: string[] = [];
    globalThis.fetch = (input, init) => {
      urls.push(input instanceof Request ? input.url : String(input));
      return original(input, init);
    };
    try {
      const { data } = await client.GET("/__sandbox/health");
      expect(data?.status).toBe("ok");
    } finally {
      globalThis.fetch = original;
    }
    expect(urls).toEqual([`${baseUrl}/__sandbox/health`]);
    expect(seen.at(-1)?.headers["x-sandbox-tenant"]).toBe("late");
  });
});
