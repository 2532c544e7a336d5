// Builds dist/ (JavaScript and .d.ts) from client/ and sandbox/ with tsc.
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";

rmSync("dist", { recursive: true, force: true });
const tsc = spawnSync("npx", ["tsc", "-p", "tsconfig.build.json"], { stdio: "inherit" });
process.exit(tsc.status ?? 1);
