import { describe, expect, it } from "vitest";
import { createSeededRandom } from "./random.js";

// Known answers from an independent implementation of splitmix32 seeding and sfc32 (the algorithm the module
// names), written from the published algorithm, not from this code.
const SEED_1_WORDS = [587941090, 3698788925, 2524488572, 3535790054, 330041027];
const SEED_1_STATE_AFTER_5 = [227115985, -142569226, 1820642330, 2041432044];
const SEED_42_WORDS = [3910993901, 1565048137, 3362278356];

describe("createSeededRandom", () => {
  it("draws the sfc32 words of a splitmix32-spread seed", () => {
    const random = createSeededRandom(1);
    expect(Array.from({ length: 5 }, () => random.nextWord())).toEqual(SEED_1_WORDS);
    expect(random.state()).toEqual(SEED_1_STATE_AFTER_5);
    const other = createSeededRandom(42);
    expect(Array.from({ length: 3 }, () => other.nextWord())).toEqual(SEED_42_WORDS);
  });

  it("takes the seed modulo 2^32", () => {
    const big = createSeededRandom(2 ** 32 + 42);
    expect(Array.from({ length: 3 }, () => big.nextWord())).toEqual(SEED_42_WORDS);
  });

  it("gives units in [0, 1) that are the words over 2^32", () => {
    const words = createSeededRandom(7);
    const units = createSeededRandom(7);
    for (let i = 0; i < 1000; i++) {
      const word = words.nextWord();
      const unit = units.nextUnit();
      expect(unit).toBe(word / 2 ** 32);
      expect(unit).toBeGreaterThanOrEqual(0);
      expect(unit).toBeLessThan(1);
    }
  });

  it("restores a saved state and continues the same sequence from it", () => {
    const random = createSeededRandom(1);
    random.nextWord();
    random.nextWord();
    const saved = random.state();
    const rest = [random.nextWord(), random.nextWord(), random.nextWord()];
    const other = createSeededRandom(99);
    other.restore(saved);
    expect(other.state()).toEqual(saved);
    expect([other.nextWord(), other.nextWord(), other.nextWord()]).toEqual(rest);
    expect(rest).toEqual(SEED_1_WORDS.slice(2));
  });

  it("state() is a copy: changing it does not move the generator", () => {
    const random = createSeededRandom(1);
    const state = random.state();
    state[0] = 0;
    expect(random.nextWord()).toBe(SEED_1_WORDS[0]);
  });

  it.each([
    ["not an array", "1,2,3,4"],
    ["three words", [1, 2, 3]],
    ["five words", [1, 2, 3, 4, 5]],
    ["a fraction", [1, 2, 3.5, 4]],
    ["a string", [1, 2, "3", 4]],
    ["an unsafe integer", [1, 2, 2 ** 53, 4]],
  ])("refuses to restore a state that is %s and keeps its own", (_what, words) => {
    const random = createSeededRandom(1);
    expect(() => random.restore(words as number[])).toThrow("bad random generator state");
    expect(random.nextWord()).toBe(SEED_1_WORDS[0]);
  });
});
