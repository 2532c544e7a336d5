import { describe, expect, it } from "vitest";
import { decodeBase64, encodeBase64 } from "./base64.js";

const text = (s: string) => new TextEncoder().encode(s);
/** The platform's own encoder (btoa over a binary string), as the reference. */
const reference = (bytes: Uint8Array) => btoa(Array.from(bytes, (b) => String.fromCharCode(b)).join(""));

// The test vectors of RFC 4648, section 10.
const RFC_4648 = [
  ["", ""],
  ["f", "Zg=="],
  ["fo", "Zm8="],
  ["foo", "Zm9v"],
  ["foob", "Zm9vYg=="],
  ["fooba", "Zm9vYmE="],
  ["foobar", "Zm9vYmFy"],
] as const;

describe("base64", () => {
  it.each(RFC_4648)("encodes %j as %j and decodes it back", (plain, encoded) => {
    expect(encodeBase64(text(plain))).toBe(encoded);
    expect(decodeBase64(encoded)).toEqual(text(plain));
  });

  it("agrees with the platform's btoa on every byte value and on inputs longer than one chunk", () => {
    const every = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(encodeBase64(every)).toBe(reference(every));
    // 8,192 characters are built per chunk: 6,144 bytes fill one exactly; these lengths meet and cross it.
    for (const length of [6_143, 6_144, 6_145, 12_289]) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 131 + 7) & 255);
      const encoded = encodeBase64(bytes);
      expect(encoded).toBe(reference(bytes));
      expect(decodeBase64(encoded)).toEqual(bytes);
    }
  });

  it("decodes the characters + and / and the high values", () => {
    expect(decodeBase64("+/+/")).toEqual(Uint8Array.from([0xfb, 0xff, 0xbf]));
    expect(decodeBase64("////")).toEqual(Uint8Array.from([255, 255, 255]));
    expect(decodeBase64("AAAA")).toEqual(Uint8Array.from([0, 0, 0]));
  });

  it.each([
    ["a length that is not a multiple of 4", "Zm9"],
    ["a character outside the alphabet", "Zm9*"],
    ["a character beyond ASCII", "Zm9é"],
    ["a URL-safe character", "Zm9-"],
    ["padding in the middle", "Zg==Zm9v"],
    ["three padding characters", "Z==="],
    ["padding where a character must be", "=Zm9"],
    ["non-zero bits under two padding characters", "Zh=="],
    ["non-zero bits under one padding character", "Zm9="],
    ["not a string", 42 as unknown as string],
  ])("refuses %s", (_what, input) => {
    expect(decodeBase64(input)).toBeUndefined();
  });
});
