// Runs the whole suite with vitest and ends with the one plain line CI reads: "N passed, N failed".
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, renameSync, rmSync } from "node:fs";

// One file per run, so two runs at once (a developer and an editor, say) never read each other's results.
const resultsFile = `.vitest-results.${process.pid}.json`;
rmSync(resultsFile, { force: true });
const run = spawnSync(
  "npx",
  ["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${resultsFile}`, ...process.argv.slice(2)],
  { stdio: "inherit" },
);
let passed = 0;
let failed;
if (existsSync(resultsFile)) {
  const results = JSON.parse(readFileSync(resultsFile, "utf8"));
  passed = results.numPassedTests;
  // A file that fails to load has no tests in it; count it as a failure so it cannot pass silently.
  failed = results.numFailedTests + results.testResults.filter((f) => f.status === "failed" && f.assertionResults.length === 0).length;
} else {
  failed = 1;
}
console.log(`${passed} passed, ${failed} failed`);
// Kept as .vitest-results.json for reading failures afterwards (the last run to finish wins).
if (existsSync(resultsFile)) renameSync(resultsFile, ".vitest-results.json");
process.exit(run.status === 0 && failed === 0 ? 0 : 1);
