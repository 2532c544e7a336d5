/**
 * What the MSW adapter costs a browser app: `finlego-sandbox/msw` bundled by esbuild for the browser,
 * minified, with msw itself left out (the app has it anyway), measured in bytes minified and gzipped, and
 * split by the parts that make it up (`npm run bundle:browser`). test/browser-safety bundles the same way.
 */
import { build, type Metafile } from "esbuild";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const root = fileURLToPath(new URL("..", import.meta.url));

/** The adapter's entry: the core, the HTTP entry, the spec data, the validators and the client, less msw. */
export const MSW_ENTRY = "sandbox/msw/index.ts";

/** A bundle for the browser: its code and esbuild's account of which input became how many bytes. */
export interface BrowserBundle {
  code: Uint8Array;
  metafile: Metafile;
}

/** Bundles one source file (relative to the repository) for `platform: "browser"`, with no Node polyfills; msw stays an import. */
export async function bundleForBrowser(entry: string, options: { minify?: boolean } = {}): Promise<BrowserBundle> {
  const result = await build({
    entryPoints: [`${root}/${entry}`],
    absWorkingDir: root,
    bundle: true,
    platform: "browser",
    format: "esm",
    external: ["msw", "msw/*"],
    minify: options.minify ?? false,
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const [output] = result.outputFiles;
  if (!output) throw new Error(`esbuild wrote nothing for ${entry}`);
  return { code: output.contents, metafile: result.metafile };
}

/** The part of the bundle an input belongs to: a package, the spec data, or a folder of ours. */
export function partOf(input: string): string {
  const pkg = /^node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  if (pkg) return `${pkg[1]} (package)`;
  if (input === "sandbox/http/generated/specs.ts") return "spec data (sandbox/http/generated/specs.ts)";
  return input.split("/").slice(0, input.startsWith("sandbox/") ? 2 : 1).join("/");
}

/** Bytes minified and gzipped, in all and per part (largest first). */
export async function measureBrowserBundle(entry = MSW_ENTRY): Promise<{ minified: number; gzipped: number; parts: [string, number][] }> {
  const { code, metafile } = await bundleForBrowser(entry, { minify: true });
  const parts = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) parts.set(partOf(input), (parts.get(partOf(input)) ?? 0) + bytesInOutput);
  }
  return { minified: code.byteLength, gzipped: gzipSync(code).byteLength, parts: [...parts].sort(([, a], [, b]) => b - a) };
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
  const { minified, gzipped, parts } = await measureBrowserBundle();
  console.log(`${MSW_ENTRY} for the browser, msw excluded: ${kib(minified)} minified, ${kib(gzipped)} gzipped`);
  for (const [part, bytes] of parts) console.log(`  ${kib(bytes).padStart(10)}  ${part}`);
}
