/**
 * Builds the browser example into one folder a static server can serve: index.html, app.js (app.ts and
 * the sandbox bundled by esbuild for the browser) and mockServiceWorker.js, the worker script
 * `npx msw init` writes, copied from the installed msw so it always matches msw's version (MSW checks
 * that the two agree when the worker starts); nothing generated is committed.
 */
import { build } from "esbuild";
import { copyFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const here = fileURLToPath(new URL(".", import.meta.url));

/** Where `npm run example:browser` builds to (ignored by git). */
export const DEFAULT_OUT_DIR = `${here}dist`;

/** Bundles the example into `outDir`; returns the folder. */
export async function buildExample(outDir = DEFAULT_OUT_DIR): Promise<string> {
  mkdirSync(outDir, { recursive: true });
  await build({
    entryPoints: [`${here}app.ts`],
    outfile: `${outDir}/app.js`,
    bundle: true,
    platform: "browser",
    format: "esm",
    target: "es2022",
    sourcemap: true,
    logLevel: "warning",
  });
  copyFileSync(`${here}index.html`, `${outDir}/index.html`);
  copyFileSync(createRequire(import.meta.url).resolve("msw/mockServiceWorker.js"), `${outDir}/mockServiceWorker.js`);
  return outDir;
}
