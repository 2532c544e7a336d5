/**
 * The `contracts` command's own behaviour (usage, pact files of every specification version, Pact not
 * installed) and the provider states' rules, without a provider.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { repoRoot } from "../test/support/spec.js";
import { describeStates, runContractsCommand } from "./command.js";
import { explainMissingPact, PACT_MISSING_MESSAGE } from "./pact-library.js";
import { PROVIDER_STATES, StateDocument, type ProviderStateDefinition } from "./provider/states.js";
import { checkContracts } from "./provider/verify.js";
import { interactionIn } from "./test-helpers.js";

/** Runs the command in this process, collecting what it prints. */
async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, "log").mockImplementation((text: string) => void out.push(text));
  vi.spyOn(console, "error").mockImplementation((text: string) => void err.push(text));
  const code = await runContractsCommand(args);
  return { code, out: out.join("\n"), err: err.join("\n") };
}
afterEach(() => vi.restoreAllMocks());

function writePact(document: unknown): string {
  const file = join(mkdtempSync(join(tmpdir(), "finlego-pact-")), "pact.json");
  writeFileSync(file, JSON.stringify(document));
  return file;
}

const state = (name: string): ProviderStateDefinition => {
  const found = PROVIDER_STATES.get(name);
  if (!found) throw new Error(`no state ${name}`);
  return found;
};

describe("finlego-sandbox contracts", () => {
  it("answers wrong usage with the usage and exit status 2", async () => {
    expect(await run(["check"])).toMatchObject({ code: 2, err: expect.stringContaining("give at least one --pact") });
    expect(await run(["prove", "--pact", "x.json"])).toMatchObject({ code: 2, err: expect.stringContaining("unknown action: prove") });
    expect(await run(["check", "--pact", "contracts/pacts", "--base-url", "http://127.0.0.1:1"])).toMatchObject({ code: 2 });
    expect(await run(["--help"])).toMatchObject({ code: 0, out: expect.stringContaining("finlego-sandbox contracts verify --pact") });
  });

  it("names a pact path that does not exist, or a file that is not a pact, with exit status 1", async () => {
    expect(await run(["check", "--pact", "no/such/pacts"])).toMatchObject({ code: 1, err: "finlego-sandbox contracts check: no/such/pacts does not exist" });
    const notAPact = writePact({ hello: "world" });
    expect(await run(["check", "--pact", notAPact])).toMatchObject({ code: 1, err: expect.stringContaining(`${notAPact} is not a pact: it needs consumer.name, provider.name and interactions`) });
  });

  it("checks the committed pacts against the spec and says how many passed", async () => {
    const { code, out } = await run(["check", "--pact", join(repoRoot, "contracts", "pacts")]);
    expect(code).toBe(0);
    expect(out).toMatch(/^Checked against openapi\/finlego\.yaml only \(no provider\)\.\n32 interactions: 32 passed, 0 failed\.$/m);
  });

  it("lists every provider state with its parameters, as docs/contracts.md does", async () => {
    const { code, out } = await run(["states"]);
    expect(code).toBe(0);
    expect(out).toBe(describeStates());
    const docs = readFileSync(join(repoRoot, "docs", "contracts.md"), "utf8");
    for (const known of PROVIDER_STATES.values()) {
      expect(out).toContain(`"${known.name}"`);
      expect(docs, known.name).toContain(`### \`${known.name}\``);
      // A state's section runs from its heading to the end of the first parameter table after it.
      const start = docs.indexOf(`### \`${known.name}\``);
      const section = docs.slice(start, docs.indexOf("\n#", docs.indexOf("| parameter |", start)));
      for (const param of known.params) expect(section, `${known.name}: ${param.name}`).toContain(`| \`${param.name}\` |`);
    }
  });
});

describe("pact files a user brings", () => {
  const interaction = { description: "list the currencies", request: { method: "GET", path: "/internal/Currencies" }, response: { status: 200, body: [{ code: "eur", isEnabled: true }] } };

  it("reads V2 (one providerState, a query string) and V3 pacts", () => {
    const v2 = writePact({
      consumer: { name: "old-app" },
      provider: { name: "finlego" },
      metadata: { pactSpecification: { version: "2.0.0" } },
      interactions: [{ ...interaction, description: "list posted legs", providerState: "the demo data", request: { method: "GET", path: "/internal/Transactions", query: "state=posted&pageSize=500" }, response: { status: 200 } }],
    });
    const v3 = writePact({ consumer: { name: "app" }, provider: { name: "finlego" }, metadata: { pactSpecification: { version: "3.0.0" } }, interactions: [interaction] });
    const report = checkContracts([v2, v3]);
    expect(report.pacts.map((pact) => [pact.specification, pact.interactions[0]?.states])).toEqual([["2.0.0", ["the demo data"]], ["3.0.0", []]]);
    expect(report.pacts[0]?.interactions[0]?.spec).toEqual(["request: pageSize must be <= 100"]);
    expect(interactionIn(report, "list the currencies")?.spec).toEqual([]);
  });

  it("fails an interaction on a path no operation serves, and a message interaction", () => {
    const file = writePact({
      consumer: { name: "app" },
      provider: { name: "finlego" },
      interactions: [{ ...interaction, description: "a guessed route", request: { method: "GET", path: "/api/v1/payments" } }, { type: "Asynchronous/Messages", description: "a payment event" }],
    });
    const report = checkContracts([file]);
    expect(report.ok).toBe(false);
    expect(interactionIn(report, "a guessed route")?.spec).toEqual(["no operation of openapi/finlego.yaml serves GET /api/v1/payments"]);
    expect(report.pacts[0]?.problems).toEqual(['"a payment event" is a Asynchronous/Messages interaction: the FinLego API has only HTTP request/response interactions']);
  });
});

describe("@pact-foundation/pact, an optional peer dependency", () => {
  it("is asked for by name when it is not installed", async () => {
    const error: unknown = await import(/* @vite-ignore */ ["@pact-foundation", "not-installed"].join("/")).catch((e: unknown) => e);
    expect(() => explainMissingPact(error)).toThrow(PACT_MISSING_MESSAGE);
    expect(PACT_MISSING_MESSAGE).toContain("npm install --save-dev @pact-foundation/pact@^16.5.0");
  });

  it("is the range package.json names as an optional peer", () => {
    const pkg = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8"));
    expect(pkg.peerDependencies["@pact-foundation/pact"]).toBe("^16.5.0");
    expect(pkg.peerDependenciesMeta["@pact-foundation/pact"]).toEqual({ optional: true });
  });
});

describe("provider states", () => {
  it("add clients, funded accounts and payment steps to one document", () => {
    const document = new StateDocument();
    state("account {accountId} holds {amount} {currency}").apply(document, { accountId: "3a9f6c2e-1b7d-4e8a-a5c3-9d2f4b6e8a10", amount: 10.5, currency: "eur" });
    const outcome = state("payment {paymentId} is posted").apply(document, { paymentId: "472e651e-5a1e-424d-8098-23858bf03ad7", debtorAccountId: "3a9f6c2e-1b7d-4e8a-a5c3-9d2f4b6e8a10" });
    const fixture = document.toFixture();
    expect(fixture.clients.map((c) => c.id)).toEqual(["5d8a3c3e-7f1b-4c2a-9e4d-2b6f8a1c9e70"]);
    expect(fixture.accounts.filter((a) => a.type === "client").map((a) => [a.id ?? a.accountNumber, a.initialBalance])).toEqual([
      ["3a9f6c2e-1b7d-4e8a-a5c3-9d2f4b6e8a10", 10.5],
      ["PACTCREDITOR1", undefined],
    ]);
    expect(fixture.payments?.map((step) => step.op)).toEqual(["draft", "pend", "post"]);
    expect(outcome.values).toMatchObject({ paymentId: "472e651e-5a1e-424d-8098-23858bf03ad7", amount: 25.5, currency: "eur" });
  });

  it("refuse parameters that do not fit, naming them", () => {
    expect(() => state("account {accountId} holds {amount} {currency}").apply(new StateDocument(), { accountId: "a1", amount: "ten", currency: "eur" })).toThrow(
      /\/accountId must match format "uuid".*\/amount must be number/,
    );
    expect(() => state("client {clientId} exists").apply(new StateDocument(), { clientId: "5d8a3c3e-7f1b-4c2a-9e4d-2b6f8a1c9e70", colour: "blue" })).toThrow(
      "must NOT have additional properties (colour)",
    );
  });

  it("refuse states that contradict each other", () => {
    const document = new StateDocument();
    const account = { accountId: "3a9f6c2e-1b7d-4e8a-a5c3-9d2f4b6e8a10", amount: 1, currency: "eur" };
    state("account {accountId} holds {amount} {currency}").apply(document, account);
    expect(() => state("account {accountId} holds {amount} {currency}").apply(document, account)).toThrow("account 3a9f6c2e-1b7d-4e8a-a5c3-9d2f4b6e8a10 is set up by two provider states");
    state("payment {paymentId} does not exist").apply(document, { paymentId: "472e651e-5a1e-424d-8098-23858bf03ad7" });
    expect(() => state("payment {paymentId} is draft").apply(document, { paymentId: "472e651e-5a1e-424d-8098-23858bf03ad7" })).toThrow("set up by two provider states");
    expect(() => state("account {accountId} holds {amount} {currency}").apply(document, { ...account, accountId: "9c4e7a1b-2d6f-4b3a-8e5c-1a7d9f3b5c92", type: "fee", clientId: "5d8a3c3e-7f1b-4c2a-9e4d-2b6f8a1c9e70" })).toThrow(
      "a fee account has no client",
    );
  });
});
