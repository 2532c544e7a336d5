// Lints the code (ESLint) and both specs (Redocly, recommended rules); fails on any error.
import { spawnSync } from "node:child_process";

const steps = [
  ["npx", ["eslint", "--max-warnings=0", "."]],
  ["npx", ["redocly", "lint", "--format=stylish", "openapi/finlego.yaml", "openapi/sandbox-control.yaml"]],
];
let failed = false;
for (const [cmd, args] of steps) {
  console.log(`$ ${cmd} ${args.join(" ")}`);
  const run = spawnSync(cmd, args, { stdio: "inherit" });
  if (run.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
