/**
 * The sandbox's one seeded random generator: sfc32 (small, fast, passes PractRand) seeded through splitmix32,
 * so a small integer seed spreads over all 128 bits of state. Ids and fault-rule draws both come from it:
 * the same seed gives the same draws everywhere, and all state is four 32-bit words, so it snapshots trivially.
 */

/** A seeded generator of 32-bit words whose state can be saved and restored. */
export interface SeededRandom {
  /** The next unsigned 32-bit word. */
  nextWord(): number;
  /** The next number in [0, 1). */
  nextUnit(): number;
  /** The four words of state. */
  state(): number[];
  /** Restores a state from state(); throws on one that is not four integers. */
  restore(words: number[]): void;
}

const WORD_RANGE = 0x1_0000_0000;

/** A generator seeded with an integer (taken modulo 2^32). */
export function createSeededRandom(seed: number): SeededRandom {
  const s = seedWords(seed);
  const nextWord = (): number => {
    const t = (((s[0]! + s[1]!) | 0) + s[3]!) | 0;
    s[3] = (s[3]! + 1) | 0;
    s[0] = s[1]! ^ (s[1]! >>> 9);
    s[1] = (s[2]! + (s[2]! << 3)) | 0;
    s[2] = (s[2]! << 21) | (s[2]! >>> 11);
    s[2] = (s[2]! + t) | 0;
    return t >>> 0;
  };
  return {
    nextWord,
    nextUnit: () => nextWord() / WORD_RANGE,
    state: () => [s[0]!, s[1]!, s[2]!, s[3]!],
    restore(words) {
      if (!Array.isArray(words) || words.length !== 4 || !words.every((w) => Number.isSafeInteger(w))) throw new Error("bad random generator state");
      for (let i = 0; i < 4; i++) s[i] = words[i]! | 0;
    },
  };
}

function seedWords(seed: number): number[] {
  let x = seed >>> 0;
  const words: number[] = [];
  for (let i = 0; i < 4; i++) {
    x = (x + 0x9e3779b9) | 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    words.push((z ^ (z >>> 16)) | 0);
  }
  return words;
}
