/** Starts the sandbox as an HTTP server: the programmatic API behind the CLI and the test suites. */
import { readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { createSandboxLedger, type Fixture } from "../core/index.js";
import { checkFixture, createHttpEntry, parseJson, TenantHost, type CorsOptions, type HttpEntry, type SandboxStateOptions } from "../http/index.js";
import { createExpressApp } from "./express-adapter.js";
import { pagesMiddleware } from "./pages.js";
import { openStateStore, type StateStore } from "./persistence.js";
import { createRequestLog, type RequestLogOptions } from "./request-log.js";

/** Options of startSandbox; all optional. */
export interface StartSandboxOptions {
  /** Port to listen on (default 4010; 0 picks a free one). */
  port?: number;
  /** Interface to bind (default 127.0.0.1). */
  host?: string;
  /** The fixture to seed from: a document or a JSON file's path (default: the demo dataset). */
  seed?: Fixture | string;
  /**
   * A lowdb JSON file that keeps the state across restarts, with its change log beside it (`<data>.log`):
   * every answered change is on disk before its answer leaves. A missing folder is created.
   */
  data?: string;
  /** With `data`: fdatasync the log after every batch, so answered changes survive an OS crash too (slower). */
  fsync?: boolean;
  /** With `data`: the log size that starts a background fold into the document (default COMPACT_LOG_BYTES). */
  compactAfterBytes?: number;
  /** With `data`: where persistence notices go (a torn record dropped, the state saved at close); default console.log. */
  notify?: (message: string) => void;
  /** With `data`: called if the log cannot be written; by default the server then stops listening. */
  onPersistenceFailure?: (error: Error) => void;
  /** Seed of the id generator (default 1). */
  idSeed?: number;
  /** Freeze the clock at this instant (ISO 8601 or epoch ms) for byte-identical runs. */
  frozenAt?: string | number;
  /** CORS policy (default any origin; false for none). */
  cors?: CorsOptions | false;
  /** Check every response against the spec (tests turn this on). */
  validateResponses?: boolean;
  /** Serve the start page, the API reference, the inspector and the specs beside the APIs (default true). */
  pages?: boolean;
  /** A line per request in this form (the command's default is `pretty`); none when absent. */
  log?: RequestLogOptions;
}

/** A running sandbox. */
export interface RunningSandbox {
  url: string;
  entry: HttpEntry;
  server: Server;
  /** The persistence store when `data` was given. */
  store: StateStore | undefined;
  /** Stops listening and, with `data`, saves the whole state into the document (and says so). */
  close(): Promise<void>;
}

/**
 * Reads a fixture document from a JSON file and checks it against the fixture schema
 * (openapi/fixture.schema.json); every error names the file and the field.
 */
export function readFixture(file: string): Fixture {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new Error(`cannot read the seed fixture ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { cause: error });
  }
  const parsed = parseJson(text);
  if (!parsed.ok) throw new Error(`the seed fixture ${file} ${parsed.message}`);
  const errors = checkFixture(parsed.value);
  if (errors) {
    const lines = Object.entries(errors).map(([field, messages]) => `  ${field}: ${messages.join("; ")}`);
    throw new Error(`the seed fixture ${file} does not match the fixture format (openapi/fixture.schema.json):\n${lines.join("\n")}`);
  }
  const fixture = parsed.value as Fixture;
  try {
    // Applied once to a scratch ledger, so a fixture that breaks a rule is refused here, with its file named.
    createSandboxLedger({ fixture });
  } catch (error) {
    throw new Error(`the seed fixture ${file} does not apply: ${(error as Error).message}`, { cause: error });
  }
  return fixture;
}

/** Starts a sandbox server and resolves once it listens. */
export async function startSandbox(options: StartSandboxOptions = {}): Promise<RunningSandbox> {
  const fixture = typeof options.seed === "string" ? readFixture(options.seed) : options.seed;
  // Before anything is opened: a page file missing from the install stops the start here.
  const pages = options.pages === false ? [] : [pagesMiddleware()];
  const frozenAt = typeof options.frozenAt === "string" ? Date.parse(options.frozenAt) : options.frozenAt;
  // A NaN clock would start a sandbox that answers 500 to every request that reads the time.
  if (frozenAt !== undefined && !Number.isSafeInteger(frozenAt)) throw new Error(`frozenAt must be an ISO 8601 date-time or integer epoch ms, got ${String(options.frozenAt)}`);
  const state: SandboxStateOptions = {
    ...(options.idSeed !== undefined && { seed: options.idSeed }),
    ...(fixture && { fixture }),
    ...(frozenAt !== undefined && { frozenAt }),
  };
  const stopped: { server?: Server } = {};
  const store = options.data
    ? await openStateStore(options.data, {
        state,
        ...(options.fsync !== undefined && { fsync: options.fsync }),
        ...(options.compactAfterBytes !== undefined && { compactAfterBytes: options.compactAfterBytes }),
        ...(options.notify && { notify: options.notify }),
        onFailure: options.onPersistenceFailure ?? (() => stopped.server?.close()),
      })
    : undefined;
  const host = new TenantHost({ state, ...(store?.snapshots && { snapshots: store.snapshots }) });
  const entry = createHttpEntry({
    host,
    ...(options.cors !== undefined && { cors: options.cors }),
    ...(options.validateResponses !== undefined && { validateResponses: options.validateResponses }),
    ...(store && { onCommit: (changes) => store.commit(changes) }),
    ...(options.log && { onAnswered: createRequestLog(options.log) }),
  });
  await store?.recover(entry);
  const server = (stopped.server = createExpressApp(entry, pages).listen(options.port ?? 4010, options.host ?? "127.0.0.1"));
  await new Promise<void>((resolve, reject) => {
    server.once("listening", resolve);
    server.once("error", reject);
  }).catch(async (error: unknown) => {
    await store?.close();
    throw error;
  });
  const { address, port } = server.address() as AddressInfo;
  const hostName = address.includes(":") ? `[${address}]` : address;
  return {
    url: `http://${hostName}:${port}`,
    entry,
    server,
    store,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await store?.close();
    },
  };
}
