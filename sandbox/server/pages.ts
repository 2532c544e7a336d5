/**
 * The pages a person opens in a browser, served by the Node server beside the HTTP entry, never through it
 * (the entry answers the specs' operations only): the start page `/`, the API reference `/docs` (Swagger UI,
 * its files read from node_modules), the inspector `/__sandbox/ui`, and both specs as YAML and JSON.
 * The pages are static files in sandbox/ui, shipped as they are (docs/decisions/016-pages-log-and-inspector.md).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { RequestHandler } from "express";
import { finlegoSpec, sandboxControlSpec } from "../http/index.js";

/** Where the pages' own files are served from; the inspector's address is this folder's. */
export const UI_PATH = "/__sandbox/ui";

/** The name in the package.json that marks the package's folder. */
const PACKAGE_NAME = "finlego-sandbox";

/** The media types of what the pages are made of; a file of another kind in sandbox/ui is not served. */
const MEDIA_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".map": "application/json; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".yaml": "application/yaml; charset=utf-8",
};

/**
 * Scripts, styles and requests from this origin only: the pages work offline and nothing they show comes from
 * elsewhere. Inline styles are allowed because Swagger UI sets them.
 */
const PAGE_POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/** The kinds of file in sandbox/ui served beside the pages (its tsconfig.json and type declarations are not). */
const UI_ASSET_TYPES = new Set([".js", ".css", ".svg"]);

/** The renderer's files and the inspector's fetch client, by package: only these are served from node_modules. */
const VENDOR_FILES: { prefix: string; packageFile: string; folder: string; files: string[] }[] = [
  { prefix: `${UI_PATH}/vendor/swagger-ui/`, packageFile: "swagger-ui-dist/package.json", folder: ".", files: ["swagger-ui-bundle.js", "swagger-ui.css", "swagger-ui.css.map"] },
  { prefix: `${UI_PATH}/vendor/openapi-fetch/`, packageFile: "openapi-fetch/package.json", folder: "dist", files: ["index.mjs", "index.mjs.map"] },
];

/** One thing the page server answers: a file read when asked for, or a text made once. */
interface Page {
  type: string;
  read(): Promise<Buffer | string>;
}

/** Every page, asset and spec by path, checked to exist: a missing one stops the start rather than answering 404 later. */
export function pageRoutes(): Map<string, Page> {
  const root = packageRoot();
  const ui = join(root, "sandbox", "ui");
  const routes = new Map<string, Page>();
  const file = (path: string): Page => {
    if (!existsSync(path)) throw new Error(`finlego-sandbox cannot serve its pages: ${path} is missing`);
    return { type: MEDIA_TYPES[extname(path)] ?? "application/octet-stream", read: () => readFile(path) };
  };
  for (const [path, name] of [["/", "index.html"], ["/docs", "docs.html"], [UI_PATH, "inspector.html"]] as const) {
    routes.set(path, file(join(ui, name)));
    if (path !== "/") routes.set(`${path}/`, routes.get(path)!);
  }
  for (const name of readdirSync(ui)) {
    if (!UI_ASSET_TYPES.has(extname(name))) continue;
    routes.set(`${UI_PATH}/${name}`, file(join(ui, name)));
  }
  for (const vendor of VENDOR_FILES) {
    const folder = join(dirname(fileURLToPath(import.meta.resolve(vendor.packageFile))), vendor.folder);
    for (const name of vendor.files) routes.set(`${vendor.prefix}${name}`, file(join(folder, name)));
  }
  routes.set("/openapi.yaml", file(join(root, "openapi", "finlego.yaml")));
  routes.set("/sandbox-control.yaml", file(join(root, "openapi", "sandbox-control.yaml")));
  routes.set("/openapi.json", jsonOf(finlegoSpec));
  routes.set("/sandbox-control.json", jsonOf(sandboxControlSpec));
  return routes;
}

/** The middleware that answers GET and HEAD of the pages' paths and hands everything else on to the entry. */
export function pagesMiddleware(routes: Map<string, Page> = pageRoutes()): RequestHandler {
  return (req, res, next) => {
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    const q = req.url.indexOf("?");
    const page = routes.get(q < 0 ? req.url : req.url.slice(0, q));
    if (!page) return next();
    page.read().then(
      (body) => {
        const headers: Record<string, string> = { "content-type": page.type, "content-length": String(Buffer.byteLength(body)), "cache-control": "no-cache", "x-content-type-options": "nosniff" };
        if (page.type.startsWith("text/html")) headers["content-security-policy"] = PAGE_POLICY;
        res.writeHead(200, headers);
        res.end(req.method === "HEAD" ? undefined : body);
      },
      (error: unknown) => next(error),
    );
  };
}

/** A spec as JSON, stringified on first use. */
function jsonOf(spec: object): Page {
  let text: string | undefined;
  return { type: MEDIA_TYPES[".json"]!, read: async () => (text ??= JSON.stringify(spec)) };
}

/**
 * The package's folder: the nearest one above this module whose package.json names finlego-sandbox. It is
 * two folders up from the sources, three from dist/, and more from the copy `npm start` runs (node_modules/.cache).
 */
function packageRoot(): string {
  for (let folder = dirname(fileURLToPath(import.meta.url)); ; folder = dirname(folder)) {
    const manifest = join(folder, "package.json");
    if (existsSync(manifest) && isPackageManifest(JSON.parse(readFileSync(manifest, "utf8")))) return folder;
    if (dirname(folder) === folder) throw new Error(`finlego-sandbox cannot find its package folder above ${fileURLToPath(import.meta.url)}`);
  }
}

function isPackageManifest(manifest: unknown): boolean {
  return typeof manifest === "object" && manifest !== null && "name" in manifest && manifest.name === PACKAGE_NAME;
}
