/** Reads the Pact verifier's JSON results (pact_ffi's verifier JSON) into a verdict per interaction. */
import { isRecord, type PactDocument } from "../pact-file.js";

/** The verifier's verdict on one interaction. */
export interface VerifierVerdict {
  passed: boolean;
  mismatches: string[];
}

/** What one verifier run gave: verdicts by interaction description, or why it could not run. */
export interface VerifierOutcome {
  results: Map<string, VerifierVerdict>;
  error: string | undefined;
}

/** Parses the verifier's JSON (or the text of an error it threw instead) for the interactions of one pact. */
export function parseVerifierResults(text: string, document: PactDocument): VerifierOutcome {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { results: new Map(), error: `the Pact verifier did not run: ${text}` };
  }
  if (!isRecord(parsed) || !Array.isArray(parsed.interactionResults)) return { results: new Map(), error: `the Pact verifier gave no results: ${text.slice(0, 500)}` };
  const results = new Map<string, VerifierVerdict>();
  for (const entry of parsed.interactionResults) {
    if (isRecord(entry) && typeof entry.description === "string") results.set(entry.description, { passed: entry.result === "OK", mismatches: [] });
  }
  const errors = [...listOf(parsed.errors), ...listOf(parsed.pendingErrors)];
  for (const error of errors) {
    const description = interactionOf(String(error.interaction ?? ""), document);
    const verdict = description === undefined ? undefined : results.get(description);
    if (verdict) {
      verdict.passed = false;
      verdict.mismatches.push(...describeMismatch(error.mismatch));
    }
  }
  return { results, error: undefined };
}

function listOf(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

/**
 * The verifier names an interaction "Verifying a pact between C and P[ Given <states>] - <description>"; the
 * longest description the label ends with is the one (a description may itself hold " - ").
 */
function interactionOf(label: string, document: PactDocument): string | undefined {
  const candidates = document.interactions.map((i) => i.description).filter((description) => label.endsWith(` - ${description}`));
  return candidates.sort((a, b) => b.length - a.length)[0];
}

/**
 * One line per mismatch: where it is and what the verifier says. The same message at several places (every
 * element of a list missing one field) is one line naming all of them.
 */
function describeMismatch(mismatch: unknown): string[] {
  if (!isRecord(mismatch)) return [String(mismatch)];
  if (mismatch.type === "error") return [`error: ${String(mismatch.message ?? "")}`];
  const groups = new Map<string, { kind: string; message: string; places: string[] }>();
  for (const m of listOf(mismatch.mismatches)) {
    const [kind, place] = m.type === "StatusMismatch" ? ["status", ""] : m.type === "HeaderMismatch" ? ["header", String(m.key ?? "")] : m.type === "BodyMismatch" ? ["body", String(m.path ?? "$")] : [String(m.type ?? "mismatch"), ""];
    const message = String(m.mismatch ?? m.message ?? JSON.stringify(m));
    const key = JSON.stringify([kind, message]);
    const group = groups.get(key) ?? { kind, message, places: [] };
    group.places.push(place);
    groups.set(key, group);
  }
  return [...groups.values()].map(({ kind, message, places }) => {
    const at = places.filter((place) => place.length > 0).sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
    return `${kind}${at.length > 0 ? ` ${at.join(", ")}` : ""}: ${message}`;
  });
}
