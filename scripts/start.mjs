// `npm start`: the sandbox's command (sandbox/server/cli.ts) run as plain JavaScript. The TypeScript sources
// are transpiled file by file with esbuild (no bundling, the same module layout as dist/) into a folder of
// node_modules/.cache/finlego-sandbox/start/ named by the sources' fingerprint, once per change, and the
// command is imported from there: a start without a change skips TypeScript altogether, which tsx's loader
// compiled on every start (about 1.1 s to the first answer, against about 0.4 s now; bench/cold-start.ts).
// Works on a fresh clone after `npm ci` (esbuild is a dev dependency, as tsx is).
import { createHash } from "node:crypto";
import { existsSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";

const root = join(import.meta.dirname, "..");
const caches = join(root, "node_modules", ".cache", "finlego-sandbox", "start");
// The folders the command imports from at run time (client/ holds types it imports as types only, and code the package exports).
const SOURCE_FOLDERS = ["sandbox", "client"];

/** Every TypeScript source the command may import, with what tells a change: its path, size and modification time. */
function sources() {
  const found = [];
  const walk = (folder) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts") && !entry.name.endsWith(".test.ts")) found.push(path);
    }
  };
  for (const folder of SOURCE_FOLDERS) walk(join(root, folder));
  return found.sort();
}

function fingerprint(files) {
  return JSON.stringify(files.map((file) => {
    const { size, mtimeMs } = statSync(file);
    return [relative(root, file), size, mtimeMs];
  }));
}

/** Transpiles every source into a fresh folder, put in place in one rename; older copies are removed. */
async function transpile(files, cache) {
  const { build } = await import("esbuild");
  const fresh = `${cache}.${process.pid}`;
  rmSync(fresh, { recursive: true, force: true });
  await build({ entryPoints: files, outdir: fresh, outbase: root, format: "esm", platform: "node", target: "node20", sourcemap: "linked", logLevel: "warning" });
  try {
    renameSync(fresh, cache);
  } catch (error) {
    // Another start put the same sources in place first.
    if (!existsSync(cache)) throw error;
    rmSync(fresh, { recursive: true, force: true });
  }
  for (const older of readdirSync(caches)) if (join(caches, older) !== cache && !older.includes(".")) rmSync(join(caches, older), { recursive: true, force: true });
}

const files = sources();
const cache = join(caches, createHash("sha256").update(fingerprint(files)).digest("hex").slice(0, 16));
if (!existsSync(cache)) await transpile(files, cache);
await import(pathToFileURL(join(cache, "sandbox", "server", "cli.js")).href);
