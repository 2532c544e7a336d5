/** Reads the examples and enums of the two original FinLego documentation pages kept in docs/seeds/. */
import { readFileSync } from "node:fs";
import { repoRoot, type Json } from "../support/spec.js";

const seedFile = (name: string) => readFileSync(`${repoRoot}/docs/seeds/${name}`, "utf8");

/** The cancel page (seed 000). */
export const cancelSeed = seedFile("000_5c1c2d4b007e7402.txt");
/** The bulk pend page (seed 004). */
export const bulkPendSeed = seedFile("004_6ff45dce67e95b96.txt");

/** Returns the JSON documents that follow an `Example` line in a seed page, in page order. */
export function seedExamples(text: string): Json[] {
  const examples: Json[] = [];
  let from = 0;
  for (;;) {
    const label = text.indexOf("Example\n{", from);
    if (label < 0) return examples;
    const start = text.indexOf("{", label);
    const end = matchingBrace(text, start);
    examples.push(JSON.parse(text.slice(start, end + 1)));
    from = end;
  }
}

function matchingBrace(text: string, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    if (text[i] === "{") depth++;
    if (text[i] === "}" && --depth === 0) return i;
  }
  throw new Error("unbalanced example in seed");
}

/** Returns the run-together enum values the page lists under `Allowed values:` (e.g. "transferpaymentRequest..."). */
export function seedAllowedValues(text: string): string[] {
  return [...text.matchAll(/Allowed values:\n(\S+)\n/g)].map((m) => m[1] ?? "");
}
