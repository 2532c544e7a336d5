// The pages the server serves beside the APIs: the start page, the API reference, the inspector, the specs, and
// every asset they reference, all from this origin; the HTTP entry itself still answers only the specs' operations.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type RunningSandbox } from "../../sandbox/server/index.js";
import { crawlPages, PAGE_PATHS, type Crawl } from "../support/pages.js";
import { readYaml, repoRoot } from "../support/spec.js";
import { sharedFromFirstTest, startValidatedSandbox, validatedEntry } from "../support/validated.js";

/** Everything of the pages' own (sandbox/ui: markup, scripts, style, icon) together stays under this: the pages are small. */
const MAX_OWN_PAGE_BYTES = 64 * 1024;

// Made in the first test (see sharedFromFirstTest), so that mutation testing sees which tests run its requests.
const shared = sharedFromFirstTest(
  async (): Promise<{ sandbox: RunningSandbox; crawl: Crawl }> => {
    const sandbox = await startValidatedSandbox({ port: 0, frozenAt: "2026-03-02T10:00:00Z" });
    return { sandbox, crawl: await crawlPages(sandbox.url) };
  },
  ({ sandbox }) => sandbox.close(),
);

const get = (path: string, init?: RequestInit) => fetch(`${shared().sandbox.url}${path}`, init);

describe("the pages and everything they reference", () => {
  it("answers each page and each asset it references 200, with its media type, and reaches nothing outside the sandbox", () => {
    const paths = [...shared().crawl.fetched.keys()];
    // The crawl reached the renderer, the inspector's modules, the style sheet's source map and the specs.
    for (const expected of ["/__sandbox/ui/vendor/swagger-ui/swagger-ui-bundle.js", "/__sandbox/ui/vendor/swagger-ui/swagger-ui.css.map", "/__sandbox/ui/vendor/openapi-fetch/index.mjs", "/__sandbox/ui/vendor/openapi-fetch/index.mjs.map", "/__sandbox/ui/payments.js", "/__sandbox/ui/favicon.svg", "/openapi.yaml", "/sandbox-control.json", "/docs?spec=control"]) {
      expect(paths).toContain(expected);
    }
    const broken = [...shared().crawl.fetched].filter(([, f]) => f.status !== 200 || f.bytes === 0).map(([path, f]) => `${path} ${f.status} (from ${f.from})`);
    expect(broken).toEqual([]);
    expect(shared().crawl.external).toEqual([]);
    const types = Object.fromEntries([...shared().crawl.fetched].map(([path, f]) => [path.replace(/\?.*/, ""), f.type]));
    expect(types).toMatchObject({ "/": "text/html; charset=utf-8", "/__sandbox/ui/inspector.js": "text/javascript; charset=utf-8", "/__sandbox/ui/style.css": "text/css; charset=utf-8", "/openapi.json": "application/json; charset=utf-8", "/openapi.yaml": "application/yaml; charset=utf-8" });
  });

  it("keeps the pages' own files small", () => {
    const ui = join(repoRoot, "sandbox", "ui");
    const own = readdirSync(ui).filter((name) => /\.(html|js|css|svg)$/.test(name)).reduce((sum, name) => sum + statSync(join(ui, name)).size, 0);
    expect(own).toBeGreaterThan(0);
    expect(own).toBeLessThan(MAX_OWN_PAGE_BYTES);
  });

  it("serves the specs as they are in openapi/: YAML byte for byte, and JSON of the same document", async () => {
    for (const [path, file] of [["/openapi", "openapi/finlego.yaml"], ["/sandbox-control", "openapi/sandbox-control.yaml"]] as const) {
      expect(await (await get(`${path}.yaml`)).text()).toBe(readFileSync(join(repoRoot, file), "utf8"));
      expect(await (await get(`${path}.json`)).json()).toEqual(readYaml(file));
    }
  });

  it("sends each page with a policy that allows scripts, styles and requests from this origin only", async () => {
    for (const path of PAGE_PATHS) {
      const policy = (await get(path)).headers.get("content-security-policy") ?? "";
      expect(policy, path).toContain("default-src 'self'");
      expect(policy, path).not.toMatch(/https?:|\*/);
    }
  });

  it("answers HEAD with the GET's headers and no body, and the pages' addresses with or without a trailing slash", async () => {
    const head = await get("/docs", { method: "HEAD" });
    expect([head.status, head.headers.get("content-length"), (await head.arrayBuffer()).byteLength]).toEqual([200, String(shared().crawl.fetched.get("/docs")!.bytes), 0]);
    expect(await (await get("/__sandbox/ui/")).text()).toBe(await (await get("/__sandbox/ui")).text());
  });
});

describe("what the pages do not take over", () => {
  it("leaves other methods on the pages' paths, and files of sandbox/ui that are no assets, to the APIs' 404 and 405", async () => {
    const post = await get("/docs", { method: "POST" });
    expect([post.status, (await post.json()).code]).toEqual([404, "routeNotFound"]);
    const config = await get("/__sandbox/ui/tsconfig.json");
    expect([config.status, (await config.json()).code]).toEqual([404, "routeNotFound"]);
  });

  it("are not operations of the entry: in-process (and so in MSW) / and /__sandbox/ui are the APIs' 404", async () => {
    const entry = validatedEntry();
    for (const path of ["/", "/docs", "/__sandbox/ui", "/openapi.yaml"]) {
      const answer = await entry.handle({ method: "GET", path, query: "", headers: {} });
      expect([path, answer.status, JSON.parse(answer.body!).code]).toEqual([path, 404, "routeNotFound"]);
    }
  });

  it("are not served when startSandbox is told pages: false", async () => {
    const bare = await startValidatedSandbox({ port: 0, pages: false });
    try {
      expect((await fetch(`${bare.url}/docs`)).status).toBe(404);
    } finally {
      await bare.close();
    }
  });
});
