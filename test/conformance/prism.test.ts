/**
 * The sandbox judged from outside by Prism (`npm run conformance`, scripts/conformance/): the whole scenario
 * through `prism proxy --errors`, the judge itself, and the Prism limits that
 * docs/decisions/011-prism-beside-the-sandbox.md documents.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_IDS } from "../../sandbox/core/index.js";
import { operationHandlers } from "../../sandbox/http/operations/index.js";
import { formatReport, judgeRun, startJudgedSandbox, type JudgedSandbox } from "../../scripts/conformance/run.js";
import { PRISM_MAX_BODY_BYTES } from "../../scripts/conformance/exchanges.js";
import { runScenario } from "../../scripts/conformance/scenario.js";
import { formText, pdfText } from "../support/multipart.js";

const PARENT = "70850378-7d3c-4f45-91b7-942d4dfbbd43";

describe("the sandbox behind Prism's proxy", () => {
  let judged: JudgedSandbox;
  beforeAll(async () => {
    judged = await startJudgedSandbox();
  });
  afterAll(() => judged?.close());

  it("answers every exchange of the conformance scenario within the spec and reaches every documented status of every stateful operation", async () => {
    const exchanges = judged.exchanges();
    await runScenario(exchanges);
    const report = judgeRun(exchanges, 0);
    expect(report.failures, formatReport(report)).toEqual([]);
    expect(report.operations.map((o) => o.operationId).sort()).toEqual(Object.keys(operationHandlers).sort());
    for (const operation of report.operations) expect(operation.seen, operation.operationId).toEqual([...operation.documented].sort());
  });

  it("fails an exchange on a violation Prism reports in sl-violations, on an answer Prism made itself and on a 500 nobody asked for", async () => {
    const x = judged.exchanges();
    // A fault rule matched by path may answer any status; 502 is documented on no operation.
    await x.send("validating", "POST", "/__sandbox/faults", { body: { match: { path: "/internal/Currencies" }, respond: { status: 502 }, times: 1 } });
    await x.send("validating", "GET", "/internal/Currencies");
    expect(x.all.at(-1)!.violations.join("\n")).toMatch(/Warning at response: Unable to match the returned status code/);

    await x.send("validating", "POST", "/internal/Payments", { body: { parentId: PARENT, amount: "twelve" } });
    expect(x.all.at(-1)!.violations.join("\n")).toMatch(/Prism answered 422 itself \(UNPROCESSABLE_ENTITY\)/);

    await x.send("validating", "POST", "/__sandbox/faults", { body: { match: { path: "/internal/Currencies" }, respond: { status: 500 }, times: 1 } });
    await x.send("validating", "GET", "/internal/Currencies");
    expect(x.all.at(-1)!.violations.join("\n")).toMatch(/the sandbox answered 500/);

    await x.send("validating", "GET", "/internal/Currencies/xyz", {}, { status: 200 });
    expect(x.all.at(-1)!.mismatch).toBe("expected 200, got 404 currencyNotFound");
    expect(x.all.filter((e) => e.violations.length > 0 || e.mismatch)).toHaveLength(4);
  });

  describe("Prism's own limits, as docs/decisions/011-prism-beside-the-sandbox.md documents them", () => {
    it("matches paths case-sensitively: a path the sandbox serves in another case is Prism's own 404", async () => {
      const x = judged.exchanges();
      const reply = await x.send("validating", "GET", "/internal/currencies");
      expect(reply.status).toBe(404);
      expect(reply.json.type).toBe("https://stoplight.io/prism/errors#NO_PATH_MATCHED_ERROR");
    });

    it("answers a request without a bearer token with its own 401, even with --validate-request=false", async () => {
      const reply = await judged.exchanges().send("passing", "GET", "/Accounts");
      expect(reply.status).toBe(401);
      expect(reply.json.type).toBe("https://stoplight.io/prism/errors#UNAUTHORIZED");
    });

    it("decodes Prefer itself and answers a code that is not three digits with its own 422", async () => {
      const reply = await judged.exchanges().send("passing", "GET", "/internal/Currencies", { headers: { prefer: "code=abc" } });
      expect(reply.status).toBe(422);
      expect(reply.json.type).toBe("https://stoplight.io/prism/errors#UNPROCESSABLE_ENTITY");
    });

    it("reads a form's single files part as a string and refuses a valid one-file bulk upload with its own 422", async () => {
      const form = formText([{ name: "files", fileName: "one.pdf", contentType: "application/pdf", content: pdfText(100) }, { name: "documentType", content: "bankStatement" }]);
      const path = `/internal/Clients/${DEMO_IDS.clients.emmaSchneider}/Documents/upload/bulk`;
      const reply = await fetch(`${judged.upstreams.proxies.validating}${path}`, { method: "POST", headers: form.headers, body: form.rawBody });
      expect(reply.status).toBe(422);
      expect(JSON.stringify(await reply.json())).toContain("Request body property files must be array");
      const passed = await fetch(`${judged.upstreams.proxies.passing}${path}`, { method: "POST", headers: form.headers, body: form.rawBody });
      expect(passed.status).toBe(200);
    });

    it("refuses a body over 10 MB with its own 413, so such a request never reaches the sandbox through it", async () => {
      const body = JSON.stringify({ padding: "x".repeat(PRISM_MAX_BODY_BYTES) });
      const reply = await fetch(`${judged.upstreams.proxies.passing}/internal/Payments`, { method: "POST", headers: { "content-type": "application/json" }, body });
      expect(reply.status).toBe(413);
      expect(await reply.json()).toEqual({ error: { code: "request_entity_too_large", message: "Body exceeded 10mb limit" } });
    });

    it("parses a JSON body itself and answers malformed JSON with its own 400, which is not problem+json", async () => {
      const reply = await judged.exchanges().send("passing", "POST", "/internal/Payments", { rawBody: "{" });
      expect(reply.status).toBe(400);
      expect(reply.json).toEqual({ error: { code: "invalid_json", message: "Invalid JSON" } });
    });
  });
});
