/** The per-interaction report of `contracts check` and `contracts verify`, as text. */
import type { ContractsReport, InteractionReport } from "./provider/verify.js";

/** How many interactions passed and failed (pending ones that failed are counted apart). */
export interface ReportCounts {
  passed: number;
  failed: number;
  pendingFailed: number;
}

/** True when an interaction met the spec and, when verified, the provider. */
export function hasPassed(interaction: InteractionReport): boolean {
  return interaction.spec.length === 0 && interaction.provider !== "failed";
}

/** Counts the interactions of a report. */
export function countInteractions(report: ContractsReport): ReportCounts {
  const counts: ReportCounts = { passed: 0, failed: 0, pendingFailed: 0 };
  for (const interaction of report.pacts.flatMap((pact) => pact.interactions)) {
    if (hasPassed(interaction)) counts.passed += 1;
    else if (interaction.pending) counts.pendingFailed += 1;
    else counts.failed += 1;
  }
  return counts;
}

/** The report as lines of text: each pact, each interaction with what failed, then the verdict. */
export function formatReport(report: ContractsReport): string {
  const lines: string[] = [];
  for (const pact of report.pacts) {
    lines.push(`${pact.consumer} -> ${pact.provider}  (${pact.file}, pact specification ${pact.specification})`);
    for (const problem of pact.problems) lines.push(`  PROBLEM  ${problem}`);
    for (const interaction of pact.interactions) {
      const verdict = hasPassed(interaction) ? "PASS" : interaction.pending ? "PENDING-FAIL" : "FAIL";
      const states = interaction.states.length > 0 ? `  given ${interaction.states.map((s) => `"${s}"`).join(", ")}` : "";
      lines.push(`  ${verdict.padEnd(4)}  ${interaction.description}  [${interaction.operationId ?? "no operation"}]${states}`);
      for (const problem of interaction.spec) lines.push(`          spec: ${problem}`);
      for (const mismatch of interaction.mismatches) lines.push(`          provider: ${mismatch}`);
    }
    lines.push("");
  }
  lines.push(...report.notices.map((notice) => `Note: ${notice}`));
  const against = report.target
    ? `openapi/finlego.yaml and ${report.target.startedForRun ? `a sandbox started for this run (${report.target.url})` : report.target.url}`
    : "openapi/finlego.yaml only (no provider)";
  const counts = countInteractions(report);
  const pending = counts.pendingFailed > 0 ? `, ${counts.pendingFailed} pending failed` : "";
  const total = counts.passed + counts.failed + counts.pendingFailed;
  lines.push(`Checked against ${against}.`, `${total} interaction${total === 1 ? "" : "s"}: ${counts.passed} passed, ${counts.failed} failed${pending}.`);
  return lines.join("\n");
}
