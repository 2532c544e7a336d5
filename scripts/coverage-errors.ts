/**
 * `npm run coverage:errors`: prints, for every operation of the spec, each documented 404 and 422, its codes,
 * the triggers that reach it (natural state, magic value, fault rule; Prefer reaches all of them) and the test
 * that proves each. Exits 1 when a documented 404 or 422 of a stateful operation has no trigger.
 */
import { coverageRows, triggerTitle, uncovered } from "../test/errors/coverage.js";

const rows = coverageRows();
const lines: string[] = [];
for (const row of rows) {
  const head = `${row.operationId} (${row.method} ${row.path}) ${row.status} [${row.codes.join(", ")}]`;
  lines.push(head);
  if (!row.stateful) lines.push("    prefer only: the operation is not stateful in the sandbox yet (it answers 501)");
  for (const trigger of row.triggers) {
    lines.push(`    ${trigger.kind.padEnd(7)} ${trigger.code}: ${trigger.how}`);
    lines.push(`            test: test/errors/triggers.test.ts > ${triggerTitle(trigger)}`);
  }
  lines.push(`    prefer  ${row.codes[0] ?? "?"}: Prefer: code=${row.status}`);
  lines.push(`            test: test/errors/triggers.test.ts > ${row.operationId} ${row.status}`);
}
console.log(lines.join("\n"));
const preferOnly = statefulCodesWithoutTrigger();
if (preferOnly.length > 0) console.log(`\nListed codes of stateful operations that only Prefer reaches: ${preferOnly.join(", ")}`);
const missing = uncovered(rows);
const stateful = rows.filter((r) => r.stateful);
console.log(`\n${rows.length} documented 404/422 responses; ${stateful.length} of stateful operations, ${stateful.length - missing.length} of them reached by a trigger.`);
if (missing.length > 0) {
  console.error(`No trigger for: ${missing.map((r) => `${r.operationId} ${r.status}`).join(", ")}`);
  process.exit(1);
}

function statefulCodesWithoutTrigger(): string[] {
  return rows
    .filter((r) => r.stateful)
    .flatMap((r) => r.codes.filter((code) => !r.triggers.some((t) => t.code === code)).map((code) => `${r.operationId} ${r.status} ${code}`));
}
