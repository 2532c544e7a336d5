import type { IdGenerator } from "./types.js";

/** A seeded, resumable id generator: same seed and same calls give the same ids. */
export interface SeededIds extends IdGenerator {
  state(): number[];
  restore(state: number[]): void;
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True when the string has the 8-4-4-4-12 hex shape of a uuid (any version). */
export function isUuid(value: unknown): value is string {
  return typeof value === "string" && value.length === 36 && UUID_PATTERN.test(value);
}

/** Creates ids from the sfc32 generator seeded through splitmix32, as RFC 4122 v4-shaped uuids. */
export function createSeededIds(seed: number): SeededIds {
  const s = seedState(seed);
  const next = (): number => {
    // sfc32: small, fast, passes PractRand; all state is four 32-bit words, so it snapshots trivially.
    const t = (((s[0]! + s[1]!) | 0) + s[3]!) | 0;
    s[3] = (s[3]! + 1) | 0;
    s[0] = s[1]! ^ (s[1]! >>> 9);
    s[1] = (s[2]! + (s[2]! << 3)) | 0;
    s[2] = (s[2]! << 21) | (s[2]! >>> 11);
    s[2] = (s[2]! + t) | 0;
    return t >>> 0;
  };
  return {
    uuid: () => formatUuid(next(), next(), next(), next()),
    accountNumber: () => ["FL", nineDigits(next()), nineDigits(next())].join(""),
    state: () => [s[0]!, s[1]!, s[2]!, s[3]!],
    restore: (state) => {
      if (state.length !== 4 || !state.every((w) => Number.isInteger(w))) throw new Error("bad id generator state");
      for (let i = 0; i < 4; i++) s[i] = state[i]! | 0;
    },
  };
}

function seedState(seed: number): number[] {
  let x = seed >>> 0;
  const words: number[] = [];
  for (let i = 0; i < 4; i++) {
    // splitmix32 spreads a small integer seed over all 128 bits of state.
    x = (x + 0x9e3779b9) | 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    words.push((z ^ (z >>> 16)) | 0);
  }
  return words;
}

// Built with one String.fromCharCode call so the id is a flat string: concatenation would leave a
// rope of about a dozen nodes per id in memory for as long as the id is stored (~700 bytes per payment).
function formatUuid(a: number, b: number, c: number, d: number): string {
  return String.fromCharCode(
    h(a, 28), h(a, 24), h(a, 20), h(a, 16), h(a, 12), h(a, 8), h(a, 4), h(a, 0), DASH,
    h(b, 28), h(b, 24), h(b, 20), h(b, 16), DASH,
    FOUR, h(b, 8), h(b, 4), h(b, 0), DASH, // version 4
    HEX_CODES[8 | ((c >>> 28) & 3)]!, h(c, 24), h(c, 20), h(c, 16), DASH, // RFC 4122 variant 10xx
    h(c, 12), h(c, 8), h(c, 4), h(c, 0), h(d, 28), h(d, 24), h(d, 20), h(d, 16), h(d, 12), h(d, 8), h(d, 4), h(d, 0),
  );
}

const HEX_CODES: number[] = Array.from({ length: 16 }, (_, i) => i.toString(16).charCodeAt(0));
const DASH = 45;
const FOUR = 52;

function h(w: number, shift: number): number {
  return HEX_CODES[(w >>> shift) & 15]!;
}

function nineDigits(w: number): string {
  return String(w % 1_000_000_000).padStart(9, "0");
}
