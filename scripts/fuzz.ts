/**
 * `npm run fuzz -- --runs N --seed S`: a longer fuzz campaign than the bounded test in `npm test`, with the same
 * property (test/fuzz/). Prints what it reached and, on a failure, the smallest failing request fast-check
 * shrank it to, with the requests before it; exits 1 on a failure. Same seed, same requests.
 *
 * Options: --runs N (default 500), --seed S (default: the time), --max-steps M (requests per scenario,
 * default 24), --strict (open bugs listed in test/fuzz/known-bugs.ts fail the run too), --show TEXT (also list
 * the answers of the operations whose key contains TEXT, e.g. `--show Payment`).
 */
import { parseArgs } from "node:util";
import { OPEN_BUGS } from "../test/fuzz/known-bugs.js";
import { abbreviate } from "../test/fuzz/materialize.js";
import { fuzz, type FuzzStats } from "../test/fuzz/property.js";
import { operationKeys } from "../test/fuzz/requests.js";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "500" },
    seed: { type: "string" },
    "max-steps": { type: "string", default: "24" },
    strict: { type: "boolean", default: false },
    show: { type: "string" },
    help: { type: "boolean", default: false },
  },
});

if (values.help) {
  console.log("npm run fuzz -- [--runs N] [--seed S] [--max-steps M] [--strict] [--show TEXT]");
  process.exit(0);
}

const runs = Number(values.runs);
const seed = values.seed === undefined ? Date.now() % 2 ** 31 : Number(values.seed);
const maxSteps = Number(values["max-steps"]);
if (![runs, seed, maxSteps].every(Number.isSafeInteger) || runs < 1 || maxSteps < 1) {
  console.error("--runs, --seed and --max-steps take integers (runs and max-steps at least 1).");
  process.exit(2);
}

console.log(`fuzzing: ${runs} scenarios of up to ${maxSteps} requests, seed ${seed}${values.strict ? ", strict" : ""}`);
const result = await fuzz({ runs, seed, maxSteps, strict: values.strict });
printSummary(result.stats, result.durationMs);

if (result.failure) {
  const { error, counterexample, numShrinks } = result.failure;
  console.log(`\nFAILED (shrunk ${numShrinks} times). The smallest failing scenario:`);
  console.log(abbreviate(JSON.stringify(counterexample), 4000));
  console.log(`\n${error instanceof Error ? error.message : String(error)}`);
  console.log(`\nReproduce: npm run fuzz -- --runs ${runs} --seed ${seed} --max-steps ${maxSteps}${values.strict ? " --strict" : ""}`);
  process.exit(1);
}
console.log("\nno failures");

function printSummary(stats: FuzzStats, durationMs: number): void {
  const reached = stats.succeeded();
  const never = operationKeys.filter((key) => !reached.has(key));
  console.log(`${stats.requests} requests in ${(durationMs / 1000).toFixed(1)} s (digest of the requests ${stats.digest().slice(0, 16)}: the same seed gives the same one)`);
  console.log(`operations answered 2xx (${reached.size} of ${operationKeys.length}): ${[...reached].sort().join(", ")}`);
  console.log(`never answered 2xx (${never.length}), with what they answered:`);
  const answers = (key: string) => [...(stats.answers.get(key) ?? new Map<string, number>())].sort(([a], [b]) => a.localeCompare(b)).map(([answer, n]) => `${answer} x${n}`);
  for (const key of never) console.log(`  ${key}: ${answers(key).join(", ") || "not reached"}`);
  if (values.show !== undefined) {
    console.log(`answers of the operations matching '${values.show}':`);
    for (const key of operationKeys.filter((k) => k.includes(values.show!))) console.log(`  ${key}: ${answers(key).join(", ") || "not reached"}`);
  }
  for (const [id, hits] of stats.openBugHits) console.log(`open bug ${id} (${OPEN_BUGS.find((b) => b.id === id)?.description ?? ""}): ${hits} answer(s)`);
}
