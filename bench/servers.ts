/**
 * The servers the HTTP benchmark compares, each run in its own process so the load generator does not
 * share its event loop: `baseline` is the floor express sets (one middleware answering a fixed JSON),
 * `sandbox` is finlego-sandbox on the same express. Prints the port when listening.
 */
import express from "express";
import type { AddressInfo } from "node:net";
import { startSandbox } from "../sandbox/server/index.js";

const kind = process.argv[2];

if (kind === "baseline") {
  const app = express();
  app.disable("x-powered-by");
  app.set("etag", false);
  const answer = { paymentId: "472e651e-5a1e-424d-8098-23858bf03ad7", parentType: "transfer", transactions: [] };
  app.use((_req, res) => {
    res.json(answer);
  });
  const server = app.listen(0, "127.0.0.1", () => console.log(`PORT ${(server.address() as AddressInfo).port}`));
} else if (kind === "sandbox") {
  const sandbox = await startSandbox({ port: 0, frozenAt: "2026-01-01T09:00:00Z" });
  console.log(`PORT ${new URL(sandbox.url).port}`);
} else {
  console.error("usage: servers.ts baseline|sandbox");
  process.exit(2);
}

// Exit cleanly on a signal so `node --cpu-prof` can write its profile.
process.on("SIGINT", () => process.exit(0));
process.on("SIGTERM", () => process.exit(0));
