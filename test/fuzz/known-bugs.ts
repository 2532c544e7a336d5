/**
 * Open bugs the fuzzer has found and someone is fixing: answers they explain are counted, not failed, so the
 * bounded run in `npm test` stays a check of everything else. Each entry names the bug and matches only its
 * symptom; delete the entry with the fix (`npm run fuzz -- --strict` ignores this list).
 */
import type { Observation } from "./oracle.js";

/** One open bug and how to recognise its answers. */
export interface OpenBug {
  id: string;
  description: string;
  matches(observation: Observation, problems: string[]): boolean;
}

/** The open bugs; empty when the sandbox has none the fuzzer knows of. */
export const OPEN_BUGS: OpenBug[] = [];
