/**
 * The servers the HTTP benchmark compares, each run in its own process so the load generator does not
 * share its event loop. Prints `PORT <n>` when listening.
 *
 * - `floor`: what express itself costs. One middleware writes a fixed JSON text with `res.writeHead` and
 *   `res.end` (no `res.json`, no serialisation); the sandbox's own adapter is one express middleware too.
 * - `ceiling`: bare node:http doing the same; nothing on this machine answers HTTP faster.
 * - `sandbox`: finlego-sandbox as `startSandbox` serves it (express adapter, demo data, frozen clock).
 *
 * The fixed answer is a one-leg PaymentDto as the sandbox answers a create, byte for byte the same length,
 * so every server writes the same bytes per request.
 */
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { startSandbox } from "../sandbox/server/index.js";

/** The kinds of server this file starts. */
export type BenchServerKind = "floor" | "ceiling" | "sandbox";

/** A payment create's answer, as the sandbox writes it (same ids, same length). */
const FIXED_ANSWER = JSON.stringify({
  paymentId: "e65308fa-7ef0-4837-8333-00000001e9ad",
  parentId: "70850378-7d3c-4f45-91b7-942d4dfbbd43",
  obligatoryDate: null,
  parentType: "transfer",
  transactions: [
    {
      id: "75ad6e5d-a9f8-4ca3-bbb6-00000001e9ae",
      paymentId: "e65308fa-7ef0-4837-8333-00000001e9ad",
      parentId: "70850378-7d3c-4f45-91b7-942d4dfbbd43",
      parentType: "transfer",
      debtorAccountId: "5372f53f-f952-4fef-8839-5aad5fac0dba",
      debtorAccountNumber: "FL990000000000000009",
      creditorAccountId: "657bf824-c301-4403-be88-c45db5a0e105",
      creditorAccountNumber: "FL100000000000000101",
      currency: "eur",
      amount: 1.25,
      state: "posted",
      stateReason: null,
      createdDate: "2026-01-01T09:00:00.000Z",
      postedDate: "2026-01-01T09:00:00.000Z",
      stateChanges: [{ paymentId: "e65308fa-7ef0-4837-8333-00000001e9ad", from: "draft", to: "posted", timestamp: "2026-01-01T09:00:00.000Z" }],
    },
  ],
});

const HEADERS = { "content-type": "application/json; charset=utf-8", "content-length": String(Buffer.byteLength(FIXED_ANSWER)) };

function answer(res: ServerResponse): void {
  res.writeHead(200, HEADERS);
  res.end(FIXED_ANSWER);
}

async function main(kind: string | undefined): Promise<void> {
  if (kind === "floor") {
    const app = express();
    app.disable("x-powered-by");
    app.set("etag", false);
    app.use((_req, res) => answer(res));
    const server = app.listen(0, "127.0.0.1", () => console.log(`PORT ${(server.address() as AddressInfo).port}`));
  } else if (kind === "ceiling") {
    const server = createServer((_req, res) => answer(res)).listen(0, "127.0.0.1", () => console.log(`PORT ${(server.address() as AddressInfo).port}`));
  } else if (kind === "sandbox") {
    const sandbox = await startSandbox({ port: 0, frozenAt: "2026-01-01T09:00:00Z" });
    console.log(`PORT ${new URL(sandbox.url).port}`);
  } else {
    console.error("usage: servers.ts floor|ceiling|sandbox");
    process.exit(2);
  }
  // Exit cleanly on a signal so `node --cpu-prof` can write its profile.
  process.on("SIGINT", () => process.exit(0));
  process.on("SIGTERM", () => process.exit(0));
}

await main(process.argv[2]);
