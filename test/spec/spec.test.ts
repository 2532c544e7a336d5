import { describe, expect, it } from "vitest";
import { validate } from "@readme/openapi-parser";
import { bundleSpec, fixtureSchemaFile, specModule } from "../../scripts/bundle-spec.js";
import { createSpecAjv, examplesOf, listOperations, readYaml, repoRoot, validateAgainst, type Json } from "../support/spec.js";
import { operationHandlers } from "../../sandbox/http/operations/index.js";
import { inventory } from "./inventory.js";
import { bulkPendSeed, cancelSeed, seedAllowedValues, seedExamples } from "./seeds.js";
import { readFileSync } from "node:fs";

const spec = readYaml("openapi/finlego.yaml");
const operations = listOperations(spec);
const ajv = createSpecAjv(spec);
const schemas = spec.components.schemas;
const isFrontOffice = (path: string) => !/\/(internal|integration)(\/|$)/i.test(path);
const byOperationId = (id: string) => operations.find((o) => o.operation.operationId === id)?.operation;

describe("openapi/finlego.yaml", () => {
  it("is the up-to-date bundle of openapi/src", () => {
    expect(readFileSync(`${repoRoot}/openapi/finlego.yaml`, "utf8")).toBe(bundleSpec());
  });

  it("ships the fixture format as openapi/fixture.schema.json, cut from the control spec, up to date", () => {
    expect(readFileSync(`${repoRoot}/openapi/fixture.schema.json`, "utf8")).toBe(fixtureSchemaFile());
  });

  it("is carried as data by sandbox/http/generated/specs.ts, up to date", () => {
    expect(readFileSync(`${repoRoot}/sandbox/http/generated/specs.ts`, "utf8")).toBe(specModule(bundleSpec()));
  });

  it("is a valid OpenAPI 3.1.0 document", async () => {
    expect(spec.openapi).toBe("3.1.0");
    const result = await validate(`${repoRoot}/openapi/finlego.yaml`);
    expect("errors" in result ? result.errors : []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("has every inventory row exactly once, with an operationId", () => {
    const missing: string[] = [];
    for (const row of inventory) {
      // Row #32 (GET /Accounts/{accountNumber}) shares #25's path template; it is an alias there
      // (docs/domain/inventory.md#aliases-and-twins).
      const matches = operations.filter(
        (o) => o.method === row.method && (o.path === row.path || (o.operation["x-finlego-aliases"] ?? []).includes(row.path)),
      );
      if (matches.length !== 1 || !matches[0]?.operation.operationId) missing.push(`#${row.n} ${row.method} ${row.path} (${matches.length})`);
    }
    expect(missing).toEqual([]);
    expect(operations).toHaveLength(105);
  });

  it("uses each operationId once", () => {
    const ids = operations.map((o) => o.operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("keeps the FOUND navigation titles as summaries", () => {
    const wrong = inventory
      .filter((row) => row.foundSummary)
      .filter((row) => {
        const op = operations.find((o) => o.method === row.method && o.path === row.path);
        return op?.operation.summary !== row.foundSummary;
      })
      .map((row) => `#${row.n}`);
    expect(wrong).toEqual([]);
  });

  it("gives every operation a tag of its service part and a 2xx response with a schema", () => {
    const tagNames = new Set(spec.tags.map((t: Json) => t.name));
    for (const { method, path, operation } of operations) {
      const where = `${method} ${path}`;
      expect(operation.tags?.length, where).toBeGreaterThan(0);
      for (const tag of operation.tags) expect(tagNames.has(tag), `${where} tag ${tag}`).toBe(true);
      const success = Object.entries<Json>(operation.responses).filter(([status]) => /^2\d\d$/.test(status));
      expect(success.length, where).toBeGreaterThan(0);
      for (const [status, response] of success) {
        if (status === "204") continue;
        const media = Object.values<Json>(resolve(response).content ?? {});
        expect(media.length, `${where} ${status}`).toBeGreaterThan(0);
        for (const m of media) expect(m.schema, `${where} ${status}`).toBeDefined();
      }
    }
  });

  it("documents problem+json errors: 500 everywhere, 401 on FrontOffice routes, 404 on payment operations", () => {
    for (const { method, path, operation } of operations) {
      const where = `${method} ${path}`;
      expect(operation.responses["500"], where).toBeDefined();
      if (isFrontOffice(path)) expect(operation.responses["401"], where).toBeDefined();
      for (const [status, response] of Object.entries<Json>(operation.responses)) {
        if (/^[45]\d\d$/.test(status)) expect(Object.keys(resolve(response).content ?? {}), `${where} ${status}`).toEqual(["application/problem+json"]);
      }
    }
    for (const id of ["pendPayment", "pendPayments", "postPayment", "postPayments", "cancelPayment", "cancelPayments"]) {
      const op = byOperationId(id);
      const withBody = op.requestBody ? ["413", "415"] : [];
      expect(Object.keys(op.responses).sort(), id).toEqual(["200", "400", "404", ...withBody, "422", "500", "503"]);
    }
  });

  it("documents 413 and 415 on every operation that takes a body, and 501 on exactly the operations the sandbox does not implement yet", () => {
    for (const { method, path, operation } of operations) {
      const where = `${method} ${path}`;
      const takesBody = operation.requestBody !== undefined;
      expect([operation.responses["413"] !== undefined, operation.responses["415"] !== undefined], where).toEqual([takesBody, takesBody]);
      expect(operation.responses["501"] !== undefined, where).toBe(!(operation.operationId in operationHandlers));
    }
  });

  it("has an example for every request body and every 200 response, and each validates against its schema", () => {
    const failures: string[] = [];
    for (const { method, path, operation } of operations) {
      const bodies = [["request", operation.requestBody && resolve(operation.requestBody)]] as [string, Json][];
      for (const [status, response] of Object.entries<Json>(operation.responses)) bodies.push([status, resolve(response)]);
      for (const [label, body] of bodies) {
        for (const [type, media] of Object.entries<Json>(body?.content ?? {})) {
          const examples = examplesOf(media);
          // A binary download (a file of its media type) has no meaningful YAML example; its schema says it all.
          const binary = type === "application/octet-stream" || type === "application/pdf" || type.startsWith("image/");
          const needsExample = (label === "request" || label === "200" || label === "201") && !binary;
          if (needsExample && examples.length === 0) failures.push(`${method} ${path} ${label} ${type}: no example`);
          if (type.startsWith("multipart/") || binary) continue;
          for (const { name, value } of examples) {
            const error = validateAgainst(ajv, media.schema, value);
            if (error) failures.push(`${method} ${path} ${label} ${type} ${name}: ${error}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
  });
});

describe("the FOUND parts match the seed pages exactly", () => {
  const [cancelExample] = seedExamples(cancelSeed);
  const [bulkPendRequest, bulkPendResponse] = seedExamples(bulkPendSeed);

  it("has the FOUND enums, values in the documented order", () => {
    expect(seedAllowedValues(cancelSeed)).toEqual([
      schemas.ParentType.enum.join(""),
      schemas.ParentType.enum.join(""),
      schemas.Currency.enum.join(""),
      schemas.TransactionState.enum.join(""),
    ]);
    expect(schemas.Currency.enum).toEqual(["cad", "cny", "dkk", "nok", "sek", "chf", "gbp", "usd", "eur", "pln"]);
    expect(schemas.TransactionState.enum).toEqual(["draft", "pending", "posted", "canceled", "error"]);
  });

  it("has exactly the FOUND fields on TransactionDto, StateChangesDto and PaymentDto", () => {
    const transaction = cancelExample.transactions[0];
    expect(Object.keys(schemas.TransactionDto.properties)).toEqual(Object.keys(transaction));
    expect(Object.keys(schemas.StateChangesDto.properties)).toEqual(Object.keys(transaction.stateChanges[0]));
    expect(Object.keys(schemas.PaymentDto.properties).sort()).toEqual(Object.keys(bulkPendResponse.payments[0]).sort());
    expect(schemas.PaymentDto.required.sort()).toEqual(["parentId", "parentType", "paymentId", "transactions"]);
    expect(schemas.TransactionDto.required ?? []).toEqual([]);
  });

  it("shows the seed examples verbatim on bulk pend and cancel", () => {
    const pend = byOperationId("pendPayments");
    expect(examplesOf(pend.requestBody.content["application/json"]).map((e) => e.value)).toContainEqual(bulkPendRequest);
    const cancel = byOperationId("cancelPayment");
    expect(examplesOf(cancel.responses["200"].content["application/json"]).map((e) => e.value)).toContainEqual(cancelExample);
    // The page's response example says `"currency": "string"`, which the enum forbids: that one value is fixed
    // (docs/domain/README.md#the-bulk-pend-examples-currency).
    const fixed = structuredClone(bulkPendResponse);
    const shown = examplesOf(pend.responses["200"].content["application/json"]).map((e) => e.value as Json);
    const match = shown.find((value) => value.payments?.[0]?.paymentId === fixed.payments[0].paymentId);
    expect(match).toBeDefined();
    fixed.payments[0].transactions[0].currency = match.payments[0].transactions[0].currency;
    expect(match).toEqual(fixed);
  });
});

/** Follows a `$ref` to a component of the spec. */
function resolve(node: Json): Json {
  if (!node?.$ref) return node;
  const parts = node.$ref.replace(/^#\//, "").split("/");
  return parts.reduce((at: Json, key: string) => at[key], spec);
}
