#!/usr/bin/env -S node --max-old-space-size=8192
/** The `finlego-sandbox` command: starts the sandbox server and prints how to use it. */
import { parseArgs } from "node:util";
import { toMajor, type Account, type Ledger } from "../core/index.js";
import { SANDBOX_VERSION } from "../http/index.js";
import { REQUEST_LOG_FORMATS, type RequestLogFormat, type RequestLogOptions } from "./request-log.js";
import { startSandbox, type RunningSandbox } from "./start.js";

const usage = `finlego-sandbox - an offline, stateful FinLego Core Banking API

Usage: finlego-sandbox [options]
       finlego-sandbox contracts <check|verify|states> ...   Pact contracts (contracts --help)

  --port <n>            port to listen on (default 4010)
  --host <addr>         interface to bind (default 127.0.0.1)
  --data <file>         keep the state in this JSON file across restarts (lowdb), every
                        answered change logged beside it in <file>.log first
  --fsync               with --data: fdatasync the log before answering (survives an OS crash)
  --seed <file>         seed from this fixture file instead of the demo dataset
  --id-seed <n>         seed of the id generator (default 1)
  --frozen-at <iso>     freeze the clock at this instant (byte-identical runs)
  --cors-origin <url>   allow only this browser origin (repeatable; default: any origin)
  --no-cors             send no CORS headers
  --log <form>          the request log on stdout: pretty (default; coloured on a terminal) or
                        json (one object per line; the banner then goes to stderr)
  -q, --quiet           no request log
  -v, --version         print the version and exit
  -h, --help            show this help`;

function parse() {
  const { values } = parseArgs({
    options: {
      port: { type: "string" },
      host: { type: "string" },
      data: { type: "string" },
      fsync: { type: "boolean" },
      seed: { type: "string" },
      "id-seed": { type: "string" },
      "frozen-at": { type: "string" },
      "cors-origin": { type: "string", multiple: true },
      "no-cors": { type: "boolean" },
      log: { type: "string" },
      quiet: { type: "boolean", short: "q" },
      help: { type: "boolean", short: "h" },
      version: { type: "boolean", short: "v" },
    },
  });
  return values;
}

function describe(sandbox: RunningSandbox): string {
  const ledger: Ledger = sandbox.entry.state.ledger;
  const lines = [`finlego-sandbox listening on ${sandbox.url}`, "", "Clients (Bearer token = client id) and their accounts:"];
  const snapshot = ledger.exportState();
  let example: [Account, Account] | undefined;
  for (const client of snapshot.clients) {
    const accounts = ledger.listClientAccounts(client.id);
    const name = client.companyName ?? `${client.firstName ?? ""} ${client.lastName ?? ""}`.trim();
    lines.push(`  ${name} (${client.type}) client ${client.id}`);
    for (const a of accounts) lines.push(`    ${a.currency} account ${a.id}  ${a.accountNumber}  balance ${toMajor(a.balanceMinor).toFixed(2)}`);
    const eur = accounts.find((a) => a.currency === "eur" && a.status === "active");
    if (eur && !example) example = [eur, eur];
    else if (eur && example && example[1] === example[0]) example[1] = eur;
  }
  if (example && example[0] !== example[1]) {
    const body = JSON.stringify({ parentId: "70850378-7d3c-4f45-91b7-942d4dfbbd43", parentType: "transfer", debtorAccountId: example[0].id, creditorAccountId: example[1].id, currency: "eur", amount: 12.5 });
    lines.push("", "Try it:", `  curl -s -X POST ${sandbox.url}/internal/Payments -H 'Content-Type: application/json' -d '${body}'`);
    lines.push(`  curl -s ${sandbox.url}/v2/ledger/internal/Accounts/${example[0].id}`);
  }
  lines.push(
    "",
    `In a browser: ${sandbox.url}/ (start page), ${sandbox.url}/docs (API reference), ${sandbox.url}/__sandbox/ui (inspector)`,
    `Control API: ${sandbox.url}/__sandbox/health, /__sandbox/reset, /__sandbox/faults, /__sandbox/journal, /__sandbox/clock (see openapi/sandbox-control.yaml)`,
    "Faults on demand: add 'Prefer: code=404' (or 422, 503, delay=500) to any request; X-Sandbox-Tenant: <name> isolates a test run.",
  );
  return lines.join("\n");
}

/** The request log the flags ask for: `pretty` unless told otherwise, coloured on a terminal unless NO_COLOR is set. */
function requestLog(format: string | undefined, quiet: boolean): RequestLogOptions | undefined {
  if (quiet && format !== undefined) throw new Error("--quiet and --log exclude each other: --quiet turns the request log off");
  if (quiet) return undefined;
  if (format !== undefined && !isLogFormat(format)) throw new Error(`--log must be one of ${REQUEST_LOG_FORMATS.join(", ")}, got ${format}`);
  const noColor = process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== "";
  return { format: format ?? "pretty", color: process.stdout.isTTY === true && !noColor };
}

function isLogFormat(format: string): format is RequestLogFormat {
  return REQUEST_LOG_FORMATS.some((known) => known === format);
}

async function main(): Promise<void> {
  // Loaded only for this subcommand: the server never pays for the contracts code (or Pact).
  if (process.argv[2] === "contracts") {
    const { runContractsCommand } = await import("../../contracts/command.js");
    process.exitCode = await runContractsCommand(process.argv.slice(3));
    return;
  }
  let values: ReturnType<typeof parse>;
  try {
    values = parse();
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${usage}`);
    process.exit(2);
  }
  if (values.help) return console.log(usage);
  if (values.version) return console.log(SANDBOX_VERSION);
  // Decimal digits only: Number() would also take "0x10" (port 16), "1e3" or " 80".
  const port = values.port === undefined ? undefined : /^\d{1,5}$/.test(values.port) ? Number(values.port) : Number.NaN;
  if (port !== undefined && !(port >= 0 && port <= 65535)) throw new Error(`--port must be a decimal number 0-65535, got ${values.port}`);
  const frozenAt = values["frozen-at"];
  // An offset is required: without one, Date.parse would read the time in this machine's zone.
  if (frozenAt !== undefined && (!/(Z|[+-]\d\d:\d\d)$/i.test(frozenAt) || Number.isNaN(Date.parse(frozenAt)))) {
    throw new Error(`--frozen-at must be an ISO 8601 date-time with Z or an offset, got ${frozenAt}`);
  }
  const log = requestLog(values.log, values.quiet === true);
  const idSeed = values["id-seed"];
  if (idSeed !== undefined && !/^\d{1,10}$/.test(idSeed)) throw new Error(`--id-seed must be a non-negative integer, got ${idSeed}`);
  const sandbox = await startSandbox({
    ...(port !== undefined && { port }),
    ...(values.host && { host: values.host }),
    ...(values.data && { data: values.data }),
    ...(values.fsync && { fsync: true }),
    onPersistenceFailure: () => process.exit(1),
    ...(values.seed && { seed: values.seed }),
    ...(values["id-seed"] && { idSeed: Number(values["id-seed"]) }),
    ...(values["frozen-at"] && { frozenAt: values["frozen-at"] }),
    ...(values["no-cors"] ? { cors: false as const } : values["cors-origin"] ? { cors: { origins: values["cors-origin"] } } : {}),
    ...(log && { log }),
    // With the JSON log, stdout carries nothing but its lines.
    ...(log?.format === "json" && { notify: (line: string) => console.error(line) }),
  });
  if (log?.format === "json") console.error(describe(sandbox));
  else console.log(describe(sandbox));
  let stopping: Promise<void> | undefined;
  // With --data, close() saves the whole state into the document and says so; the log stays if it cannot.
  const stop = () => {
    stopping ??= sandbox.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`finlego-sandbox: ${(error as Error).message}`);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error(`finlego-sandbox: ${(error as Error).message}`);
  process.exit(1);
});
