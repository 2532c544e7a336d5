// Prints the mutation scores held in stryker-incremental.json (the results of every part run so far) as the
// markdown table of docs/testing.md: per file, then per folder. `npm run mutation:scores [-- <report.json>]`.
import { readFileSync } from "node:fs";

interface Mutant {
  status: string;
}
interface Report {
  files: Record<string, { mutants: Mutant[] }>;
}

/** Mutant counts of one file or folder. */
interface Counts {
  mutants: number;
  killed: number;
  timeout: number;
  survived: number;
  noCoverage: number;
}

const zero = (): Counts => ({ mutants: 0, killed: 0, timeout: 0, survived: 0, noCoverage: 0 });

function add(into: Counts, mutants: Mutant[]): Counts {
  into.mutants += mutants.length;
  for (const { status } of mutants) {
    if (status === "Killed") into.killed++;
    else if (status === "Timeout") into.timeout++;
    else if (status === "Survived") into.survived++;
    else if (status === "NoCoverage") into.noCoverage++;
  }
  return into;
}

/** Killed and timed-out mutants over all mutants with coverage (the score docs/testing.md states targets for). */
function score(c: Counts): string {
  const covered = c.killed + c.timeout + c.survived;
  return covered === 0 ? "-" : `${((100 * (c.killed + c.timeout)) / covered).toFixed(1)} %`;
}

const row = (name: string, c: Counts) => `| ${name} | ${c.mutants} | ${c.killed} | ${c.timeout} | ${c.survived} | ${c.noCoverage} | ${score(c)} |`;

const report = JSON.parse(readFileSync(process.argv[2] ?? "stryker-incremental.json", "utf8")) as Report;
const folders = new Map<string, Counts>();
const lines = ["| file | mutants | killed | timed out | survived | no coverage | score (covered) |", "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"];
for (const [file, { mutants }] of Object.entries(report.files).sort(([a], [b]) => a.localeCompare(b))) {
  lines.push(row(`\`${file}\``, add(zero(), mutants)));
  const folder = file.split("/").slice(0, 2).join("/");
  folders.set(folder, add(folders.get(folder) ?? zero(), mutants));
}
lines.push("", "| folder (files measured so far) | mutants | killed | timed out | survived | no coverage | score (covered) |", "| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
for (const [folder, c] of [...folders].sort(([a], [b]) => a.localeCompare(b))) lines.push(row(`\`${folder}\``, c));
console.log(lines.join("\n"));
