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
  // A failed file with no failed test in it (it did not load, or a beforeAll threw and its tests were
  // skipped) counts its tests that did not pass, at least one, so it cannot pass silently.
  const silent = results.testResults.filter((f) => f.status === "failed" && !f.assertionResults.some((a) => a.status === "failed"));
  failed = results.numFailedTests + silent.reduce((sum, f) => sum + Math.max(1, f.assertionResults.filter((a) => a.status !== "passed").length), 0);
} else {
  failed = 1;
}
console.log(`${passed} passed, ${failed} failed`);
// Kept as .vitest-results.json for reading failures afterwards (the last run to finish wins).
if (existsSync(resultsFile)) renameSync(resultsFile, ".vitest-results.json");
process.exit(run.status === 0 && failed === 0 ? 0 : 1);
