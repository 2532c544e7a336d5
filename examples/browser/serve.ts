/**
 * A tiny static server for the built example (and for the browser test): files under one folder, on
 * 127.0.0.1, which browsers treat as a secure context, as service workers require.
 * `npm run example:browser [-- --port 5173]` builds the example and serves it.
 */
import { createReadStream, statSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { buildExample } from "./build.js";

/** The port `npm run example:browser` listens on unless `--port` says otherwise. */
export const DEFAULT_PORT = 5173;

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".map": "application/json",
};

/** A running static server: its URL (ending in `/`) and a way to stop it. */
export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

/** Serves the files under `root` on 127.0.0.1 (`port` 0: a free one); `/` is index.html. */
export async function serveStatic(root: string, port = 0): Promise<StaticServer> {
  const base = resolve(root);
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://localhost").pathname;
    // The URL parser has already removed `..`; the check below keeps any other escape out of the folder.
    const file = normalize(join(base, path === "/" ? "index.html" : path));
    const isFile = file.startsWith(base + sep) && statSync(file, { throwIfNoEntry: false })?.isFile();
    if (!isFile) {
      response.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    response.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream", "cache-control": "no-store" });
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(port, "127.0.0.1", resolve));
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}/`,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const flag = process.argv.indexOf("--port");
  const port = flag >= 0 ? Number(process.argv[flag + 1]) : DEFAULT_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new RangeError(`--port: ${process.argv[flag + 1]} is not a port`);
  const { url } = await serveStatic(await buildExample(), port);
  console.log(`The browser example: open ${url} (Ctrl-C stops it)`);
}
