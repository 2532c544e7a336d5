/**
 * Fault rules (WireMock-like): requests that match a rule get the rule's answer instead of the real one —
 * an error status and code, a delay, or a broken connection. Rules fire in creation order; `times` makes a
 * rule expire after N firings, and `probability` with a `seed` makes it fire on a reproducible share of
 * the matching requests. Pure and deterministic: the caller supplies ids and the parsed request.
 */
import { createSeededRandom } from "./random.js";
import { fail, invalid, ok } from "./errors.js";
import { jsonEqual } from "./json-equal.js";
import type { Result } from "./types.js";

/** Broken-connection faults; only a real socket can show `emptyResponse`. */
export const FAULT_KINDS = ["connectionReset", "emptyResponse"] as const;
/** A broken-connection fault. */
export type FaultKind = (typeof FAULT_KINDS)[number];

/** Longest delay a rule may add. */
export const MAX_FAULT_DELAY_MS = 10_000;

/** Which requests a rule applies to; every given field must match. */
export interface FaultMatch {
  operationId?: string;
  method?: string;
  /** Path pattern: segments match case-insensitively, `*` matches one segment, `**` any number of them. */
  path?: string;
  /** Query parameters and the values they must have. */
  query?: Record<string, string>;
  /** Body fields, as dot paths (`transactions.0.amount`), and the JSON values they must equal. */
  body?: Record<string, unknown>;
}

/** What a firing rule answers. */
export interface FaultResponse {
  status?: number;
  code?: string;
  delayMs?: number;
  fault?: FaultKind;
}

/** A rule as a client posts it. */
export interface FaultRuleInput {
  name?: string;
  match: FaultMatch;
  respond: FaultResponse;
  times?: number;
  probability?: number;
  seed?: number;
}

/** A stored rule with its counters. */
export interface FaultRule extends FaultRuleInput {
  id: string;
  /** How often it fired. */
  hits: number;
  /** Firings left before it expires, or null for no limit. */
  remaining: number | null;
}

/** The request facts a rule can match on. */
export interface FaultRequest {
  operationId: string | null;
  method: string;
  path: string;
  query: Record<string, unknown>;
  body: unknown;
}

interface LiveRule {
  rule: FaultRule;
  pathPattern: string[] | undefined;
  random: () => number;
}

/** The fault rules of one sandbox tenant. */
export class FaultRuleSet {
  private rules: LiveRule[] = [];
  private nextId = 1;

  /** Checks and stores a rule; it applies to the next request on. */
  add(input: FaultRuleInput): Result<FaultRule> {
    const problem = checkRule(input);
    if (problem) return problem;
    const rule: FaultRule = { ...structuredClone(input), id: `rule-${this.nextId++}`, hits: 0, remaining: input.times ?? null };
    this.rules.push(live(rule));
    return ok(rule);
  }

  /** How many rules are stored. */
  get size(): number {
    return this.rules.length;
  }

  /** The stored rules, oldest first (expired ones are gone). */
  list(): FaultRule[] {
    return this.rules.map((r) => ({ ...r.rule }));
  }

  /** Deletes a rule; false when there is none with that id. */
  remove(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((r) => r.rule.id !== id);
    return this.rules.length < before;
  }

  /** Deletes every rule and returns how many there were. */
  clear(): number {
    const count = this.rules.length;
    this.rules = [];
    return count;
  }

  /** Finds the first rule that matches and fires, counting the firing; expired rules are removed. */
  fire(request: FaultRequest): FaultRule | undefined {
    for (const entry of this.rules) {
      if (!matches(entry, request)) continue;
      // The draw happens on every match, so the sequence of firings depends only on the seed and the requests.
      if (entry.rule.probability !== undefined && entry.random() >= entry.rule.probability) continue;
      entry.rule.hits++;
      if (entry.rule.remaining !== null) entry.rule.remaining--;
      if (entry.rule.remaining === 0) this.rules = this.rules.filter((r) => r !== entry);
      return { ...entry.rule };
    }
    return undefined;
  }
}

function live(rule: FaultRule): LiveRule {
  return { rule, pathPattern: rule.match.path?.split("/").filter((s) => s.length > 0), random: createSeededRandom(rule.seed ?? 1).nextUnit };
}

function checkRule(input: FaultRuleInput): Result<FaultRule> | undefined {
  const { respond, times, probability, seed } = input;
  if (respond.status === undefined && respond.delayMs === undefined && respond.fault === undefined) {
    return invalid("respond", "respond needs a status, a delayMs or a fault");
  }
  if (respond.status !== undefined && (!Number.isInteger(respond.status) || respond.status < 400 || respond.status > 599)) {
    return invalid("respond.status", "status must be an error status, 400-599");
  }
  if (respond.fault !== undefined && respond.status !== undefined) return invalid("respond.fault", "a broken connection has no status");
  if (respond.delayMs !== undefined && (!Number.isInteger(respond.delayMs) || respond.delayMs < 0 || respond.delayMs > MAX_FAULT_DELAY_MS)) {
    return invalid("respond.delayMs", `delayMs must be 0-${MAX_FAULT_DELAY_MS}`);
  }
  if (times !== undefined && (!Number.isInteger(times) || times < 1)) return invalid("times", "times must be a positive integer");
  if (probability !== undefined && !(probability > 0 && probability <= 1)) return invalid("probability", "probability must be in (0, 1]");
  if (seed !== undefined && !Number.isInteger(seed)) return invalid("seed", "seed must be an integer");
  const m = input.match;
  // Each `**` multiplies the ways a path can match; two are plenty and keep matching cheap on any path.
  if (m.path !== undefined && m.path.split("/").filter((part) => part === "**").length > 2) return invalid("match.path", "a path pattern may hold at most two **");
  if (!m.operationId && !m.method && !m.path && !m.query && !m.body) return fail("validationError", "match needs at least one of operationId, method, path, query, body", "match");
  return undefined;
}

function matches(entry: LiveRule, request: FaultRequest): boolean {
  const m = entry.rule.match;
  if (m.operationId !== undefined && m.operationId !== request.operationId) return false;
  if (m.method !== undefined && m.method.toUpperCase() !== request.method.toUpperCase()) return false;
  if (entry.pathPattern && !matchPath(entry.pathPattern, request.path.split("/").filter((s) => s.length > 0), 0, 0)) return false;
  for (const [key, value] of Object.entries(m.query ?? {})) {
    // Own properties only: a rule on `constructor` must not see Object.prototype's.
    const actual = Object.hasOwn(request.query, key) ? request.query[key] : undefined;
    if (Array.isArray(actual) ? !actual.map(String).includes(value) : String(actual) !== value) return false;
  }
  for (const [path, value] of Object.entries(m.body ?? {})) {
    if (!jsonEqual(readPath(request.body, path), value)) return false;
  }
  return true;
}

function matchPath(pattern: string[], segments: string[], p: number, s: number): boolean {
  if (p === pattern.length) return s === segments.length;
  const part = pattern[p]!;
  if (part === "**") {
    for (let skip = s; skip <= segments.length; skip++) if (matchPath(pattern, segments, p + 1, skip)) return true;
    return false;
  }
  if (s === segments.length) return false;
  if (part !== "*" && part.toLowerCase() !== segments[s]!.toLowerCase()) return false;
  return matchPath(pattern, segments, p + 1, s + 1);
}

function readPath(value: unknown, path: string): unknown {
  let at = value;
  for (const key of path.split(".")) {
    if (at === null || typeof at !== "object" || !Object.hasOwn(at, key)) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}
