/**
 * Crawls the sandbox's pages over HTTP as a browser would load them: every `src` and `href` of a page, every
 * module a script imports, every `url()` of a style sheet and every source map, each fetched once. Used by
 * test/server/pages.test.ts and, on the packed package, by test/package/pack.test.ts.
 */

/** The pages a person opens first. */
export const PAGE_PATHS = ["/", "/docs", "/__sandbox/ui"];

/** One fetched address: what answered, and what referenced it first. */
export interface Fetched {
  status: number;
  type: string;
  bytes: number;
  from: string;
}

/** What the crawl found: every same-origin address fetched, and every reference that left the origin. */
export interface Crawl {
  fetched: Map<string, Fetched>;
  external: { reference: string; from: string }[];
}

/** Fetches the pages and everything they reference, following links between the pages too. */
export async function crawlPages(baseUrl: string, starts: string[] = PAGE_PATHS): Promise<Crawl> {
  const origin = new URL(baseUrl).origin;
  const fetched = new Map<string, Fetched>();
  const external: Crawl["external"] = [];
  const queue = starts.map((path) => ({ url: new URL(path, origin), from: "(start)" }));
  for (let next = queue.shift(); next; next = queue.shift()) {
    const { url, from } = next;
    const key = url.pathname + url.search;
    if (fetched.has(key)) continue;
    const reply = await fetch(url);
    const body = Buffer.from(await reply.arrayBuffer());
    const type = reply.headers.get("content-type") ?? "";
    fetched.set(key, { status: reply.status, type, bytes: body.length, from });
    for (const reference of references(type, body.toString("utf8"))) {
      const target = new URL(reference, url);
      if (target.origin !== origin) external.push({ reference, from: key });
      else queue.push({ url: new URL(target.pathname + target.search, origin), from: key });
    }
  }
  return { fetched, external };
}

/** The addresses a page, script or style sheet makes the browser load (anchors within a page aside). */
export function references(type: string, text: string): string[] {
  const found: string[] = [];
  const all = (pattern: RegExp) => {
    for (const match of text.matchAll(pattern)) found.push(match[1]!);
  };
  if (type.startsWith("text/javascript") || type.startsWith("text/css")) all(/[#@] sourceMappingURL=([^\s*]+)/g);
  // Comments hold no references (a JSDoc type's import("...") loads nothing).
  if (type.startsWith("text/javascript")) text = text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
  if (type.startsWith("text/html")) all(/\s(?:src|href)="([^"#][^"]*)"/g);
  if (type.startsWith("text/javascript")) {
    all(/^\s*(?:import|export)\s[^;'"]*?from\s*["']([^"']+)["']/gm);
    all(/^\s*import\s*["']([^"']+)["']/gm);
    all(/\bimport\(\s*["']([^"']+)["']\s*\)/g);
  }
  if (type.startsWith("text/css")) all(/url\(\s*["']?(?!data:)([^"')]+)["']?\s*\)/g);
  return found;
}
