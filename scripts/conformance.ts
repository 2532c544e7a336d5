/**
 * `npm run conformance`: the sandbox judged from outside by Prism. Starts the sandbox on a free port and
 * `prism proxy openapi/finlego.yaml <sandbox> --errors` in front of it (twice: validating requests, and with
 * `--validate-request=false` for the requests meant to be invalid), drives the scenario of
 * scripts/conformance/scenario.ts through them and prints the exchanges and violations by operation.
 * Exits 1 on any violation, unexpected answer or documented status left unreached.
 */
import { formatReport, runConformance } from "./conformance/run.js";

const report = await runConformance();
console.log(formatReport(report));
process.exit(report.failures.length === 0 ? 0 : 1);
