/**
 * Verification against providers that are not the sandbox as it is: one that breaks the contract (a
 * renamed field, a wrong status) must fail naming the mismatch; one that is not a sandbox at all gets
 * no provider states, and says so.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSandbox } from "../sandbox/server/start.js";
import { startValidatedSandbox } from "../test/support/validated.js";
import { editedPact, interactionIn, PACTS_DIR, runContractsCli, type CommandRun } from "./test-helpers.js";

/** How a stand-in provider bends the sandbox's FinLego answers (the control API passes through, unless hidden). */
interface Breakage {
  renameField?: { from: string; to: string };
  status?: { from: number; to: number };
  hideControlApi?: boolean;
}

/** Headers that belong to one connection, not to the request: fetch refuses to forward them. */
const HOP_BY_HOP = new Set(["host", "connection", "keep-alive", "content-length", "transfer-encoding", "upgrade"]);

/** A provider in front of a sandbox that answers as the sandbox does, except for the breakage. */
async function standIn(targetUrl: string, breakage: Breakage): Promise<Server> {
  const server = createServer((request, response) => {
    forward(request, targetUrl, breakage).then(
      ({ status, contentType, text }) => response.writeHead(status, contentType ? { "content-type": contentType } : {}).end(text),
      (error: unknown) => response.writeHead(502, { "content-type": "text/plain" }).end(String(error)),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return server;
}

async function forward(request: IncomingMessage, targetUrl: string, breakage: Breakage) {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(Buffer.from(chunk));
  const isControl = (request.url ?? "").toLowerCase().startsWith("/__sandbox");
  if (isControl && breakage.hideControlApi) return { status: 404, contentType: "text/plain", text: "Not Found" };
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) if (typeof value === "string" && !HOP_BY_HOP.has(name)) headers.set(name, value);
  const answer = await fetch(`${targetUrl}${request.url}`, { method: request.method, headers, ...(chunks.length > 0 && { body: Buffer.concat(chunks) }) });
  let text = await answer.text();
  let status = answer.status;
  if (!isControl && breakage.renameField) text = text.replaceAll(`"${breakage.renameField.from}":`, `"${breakage.renameField.to}":`);
  if (!isControl && breakage.status?.from === status) status = breakage.status.to;
  return { status, contentType: answer.headers.get("content-type"), text };
}

const urlOf = (server: Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

describe("contracts verify against a provider that breaks the contract", () => {
  let sandbox: RunningSandbox;
  let broken: Server;
  let run: CommandRun;

  beforeAll(async () => {
    sandbox = await startValidatedSandbox({ port: 0 });
    broken = await standIn(sandbox.url, { renameField: { from: "availableBalance", to: "available" }, status: { from: 422, to: 400 } });
    run = await runContractsCli(["verify", "--pact", PACTS_DIR, "--base-url", urlOf(broken)]);
  });
  afterAll(async () => {
    broken?.close();
    await sandbox?.close();
  });

  it("fails, with exit status 1 and the failing interactions in the report", () => {
    expect(run.code, run.stderr).toBe(1);
    expect(run.report?.ok).toBe(false);
    expect(run.report?.target).toMatchObject({ sandbox: true, startedForRun: false });
    expect(run.stdout).toContain("FAIL  a request for one of the client's accounts");
  });

  it("names the renamed field", () => {
    const interaction = interactionIn(run.report, "a request for one of the client's accounts");
    expect(interaction?.provider).toBe("failed");
    expect(interaction?.mismatches.join("\n")).toMatch(/body \$: Actual map is missing the following keys: availableBalance/);
  });

  it("names the wrong status", () => {
    const interaction = interactionIn(run.report, "a request to pend a payment that is already posted");
    expect(interaction?.provider).toBe("failed");
    expect(interaction?.mismatches).toContain("status: expected 422 but was 400");
  });

  it("still passes what the provider gets right", () => {
    expect(interactionIn(run.report, "a request to close an empty account")?.provider).toBe("passed");
    expect(interactionIn(run.report, "a request to post a pending payment")?.provider).toBe("passed");
  });
});

describe("contracts verify against a provider that is not a sandbox", () => {
  let sandbox: RunningSandbox;
  let plain: Server;

  beforeAll(async () => {
    sandbox = await startValidatedSandbox({ port: 0 });
    plain = await standIn(sandbox.url, { hideControlApi: true });
  });
  afterAll(async () => {
    plain?.close();
    await sandbox?.close();
  });

  it("applies no provider states, says so, and verifies what needs none", async () => {
    const stateless = "a request for the accounts without credentials";
    const run = await runContractsCli(["verify", "--pact", editedPact("finlego-web-finlego-core-banking.json", {}, [stateless]), "--base-url", urlOf(plain)]);
    expect(run.code, run.stdout).toBe(0);
    expect(run.report?.target).toMatchObject({ sandbox: false });
    expect(run.report?.notices.join(" ")).toContain("is not a finlego-sandbox: provider states are not applied");
    expect(interactionIn(run.report, stateless)?.provider).toBe("passed");
  });
});
