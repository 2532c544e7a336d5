/**
 * Base64 (RFC 4648, with padding) between bytes and text, for documents in snapshots and bytes bodies in the
 * change log. Browser-safe: no Buffer, and no btoa/atob, which need a binary string of the whole file.
 */

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const CODES = Array.from(ALPHABET, (c) => c.charCodeAt(0));
const VALUES: Int16Array = (() => {
  const values = new Int16Array(128).fill(-1);
  CODES.forEach((code, i) => (values[code] = i));
  return values;
})();
const PAD = 61; // "="
/** Characters built per String.fromCharCode call: well under every engine's argument limit. */
const CHUNK_CHARS = 8192;

/** Encodes bytes as base64 text. */
export function encodeBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  const codes = new Array<number>(CHUNK_CHARS);
  let n = 0;
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!;
    const b = i + 1 < bytes.length ? bytes[i + 1]! : 0;
    const c = i + 2 < bytes.length ? bytes[i + 2]! : 0;
    codes[n++] = CODES[a >> 2]!;
    codes[n++] = CODES[((a & 3) << 4) | (b >> 4)]!;
    codes[n++] = i + 1 < bytes.length ? CODES[((b & 15) << 2) | (c >> 6)]! : PAD;
    codes[n++] = i + 2 < bytes.length ? CODES[c & 63]! : PAD;
    if (n === CHUNK_CHARS) {
      parts.push(String.fromCharCode(...codes));
      n = 0;
    }
  }
  if (n > 0) parts.push(String.fromCharCode(...codes.slice(0, n)));
  return parts.join("");
}

/** Decodes base64 text; undefined when it is not canonical padded base64 (wrong length, characters or padding). */
export function decodeBase64(text: string): Uint8Array | undefined {
  if (typeof text !== "string" || text.length % 4 !== 0) return undefined;
  const padding = text.endsWith("==") ? 2 : text.endsWith("=") ? 1 : 0;
  const bytes = new Uint8Array((text.length / 4) * 3 - padding);
  let out = 0;
  for (let i = 0; i < text.length; i += 4) {
    const last = i + 4 === text.length;
    const v0 = valueAt(text, i);
    const v1 = valueAt(text, i + 1);
    const v2 = last && padding === 2 ? 0 : valueAt(text, i + 2);
    const v3 = last && padding >= 1 ? 0 : valueAt(text, i + 3);
    if (v0 < 0 || v1 < 0 || v2 < 0 || v3 < 0) return undefined;
    const word = (v0 << 18) | (v1 << 12) | (v2 << 6) | v3;
    bytes[out++] = word >> 16;
    if (out < bytes.length) bytes[out++] = (word >> 8) & 255;
    if (out < bytes.length) bytes[out++] = word & 255;
  }
  // Canonical only: the bits that padding drops must be zero, so one text stands for one byte string.
  if (padding > 0 && encodeBase64(bytes.subarray(bytes.length - (3 - padding))).slice(0, 4 - padding) !== text.slice(-4, text.length - padding)) return undefined;
  return bytes;
}

function valueAt(text: string, i: number): number {
  const code = text.charCodeAt(i);
  return code < 128 ? VALUES[code]! : -1;
}
