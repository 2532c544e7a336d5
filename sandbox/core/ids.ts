import { createSeededRandom } from "./random.js";
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

/**
 * Creates ids from the seeded random generator (core/random.ts), as RFC 4122 v4-shaped uuids whose last
 * group is a sequence number (1, 2, 3, ...): the ledger's IdIndex files such ids by that number in an
 * array, so storing a millionth payment costs what storing the first did (no hash table of millions).
 */
export function createSeededIds(seed: number): SeededIds {
  const random = createSeededRandom(seed);
  const next = random.nextWord;
  let seq = 0;
  return {
    uuid: () => {
      seq++;
      return formatUuid(next(), next(), next(), Math.floor(seq / 0x1_0000_0000), seq >>> 0);
    },
    accountNumber: () => ["FL", nineDigits(next()), nineDigits(next())].join(""),
    state: () => [...random.state(), seq],
    restore: (state) => {
      // The sequence fills the uuid's last group (12 hex digits), so it must fit there.
      if (!Array.isArray(state) || state.length !== 5 || !Number.isSafeInteger(state[4]) || state[4]! < 0 || state[4]! >= 2 ** 48) {
        throw new Error("bad id generator state");
      }
      random.restore(state.slice(0, 4));
      seq = state[4]!;
    },
  };
}

/** The sequence number in the last group of an id, or -1 when that group is not 12 hex digits. */
export function idSequence(id: string): number {
  if (id.length !== 36) return -1;
  let value = 0;
  for (let i = 24; i < 36; i++) {
    const digit = HEX_VALUES[id.charCodeAt(i)] ?? -1;
    if (digit < 0) return -1;
    value = value * 16 + digit;
  }
  return value;
}

// Built with one String.fromCharCode call so the id is a flat string: concatenation would leave a
// rope of about a dozen nodes per id in memory for as long as the id is stored (~700 bytes per payment).
function formatUuid(a: number, b: number, c: number, seqHigh: number, seqLow: number): string {
  return String.fromCharCode(
    h(a, 28), h(a, 24), h(a, 20), h(a, 16), h(a, 12), h(a, 8), h(a, 4), h(a, 0), DASH,
    h(b, 28), h(b, 24), h(b, 20), h(b, 16), DASH,
    FOUR, h(b, 8), h(b, 4), h(b, 0), DASH, // version 4
    HEX_CODES[8 | ((c >>> 28) & 3)]!, h(c, 24), h(c, 20), h(c, 16), DASH, // RFC 4122 variant 10xx
    h(seqHigh, 12), h(seqHigh, 8), h(seqHigh, 4), h(seqHigh, 0),
    h(seqLow, 28), h(seqLow, 24), h(seqLow, 20), h(seqLow, 16), h(seqLow, 12), h(seqLow, 8), h(seqLow, 4), h(seqLow, 0),
  );
}

const HEX_VALUES: number[] = (() => {
  const values = new Array<number>(128).fill(-1);
  for (let i = 0; i < 16; i++) {
    values[i.toString(16).charCodeAt(0)] = i;
    values[i.toString(16).toUpperCase().charCodeAt(0)] = i;
  }
  return values;
})();

const HEX_CODES: number[] = Array.from({ length: 16 }, (_, i) => i.toString(16).charCodeAt(0));
const DASH = 45;
const FOUR = 52;

function h(w: number, shift: number): number {
  return HEX_CODES[(w >>> shift) & 15]!;
}

function nineDigits(w: number): string {
  return String(w % 1_000_000_000).padStart(9, "0");
}
