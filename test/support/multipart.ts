/** Builds multipart/form-data bodies for tests and error triggers, as text (ASCII content) or as bytes. */

/** One part: a text field, or a file when it has a fileName. */
export interface FormPartSpec {
  name: string;
  fileName?: string;
  contentType?: string;
  content: string | Uint8Array;
}

/** The boundary every test body uses. */
export const TEST_BOUNDARY = "finlego-test-boundary";

/** The Content-Type header of a body built here. */
export const FORM_HEADERS = { "content-type": `multipart/form-data; boundary=${TEST_BOUNDARY}` };

/** A body as bytes: binary file contents survive as they are. */
export function formBytes(parts: FormPartSpec[]): Uint8Array<ArrayBuffer> {
  const encoder = new TextEncoder();
  const chunks: Uint8Array[] = [];
  for (const part of parts) {
    const file = part.fileName === undefined ? "" : `; filename="${part.fileName}"`;
    const type = part.contentType === undefined ? "" : `\r\nContent-Type: ${part.contentType}`;
    chunks.push(encoder.encode(`--${TEST_BOUNDARY}\r\nContent-Disposition: form-data; name="${part.name}"${file}${type}\r\n\r\n`));
    chunks.push(typeof part.content === "string" ? encoder.encode(part.content) : part.content);
    chunks.push(encoder.encode("\r\n"));
  }
  chunks.push(encoder.encode(`--${TEST_BOUNDARY}--\r\n`));
  return concatBytes(chunks);
}

/** The chunks one after the other, text as UTF-8. */
export function concatBytes(chunks: (string | Uint8Array)[]): Uint8Array<ArrayBuffer> {
  const encoder = new TextEncoder();
  const parts = chunks.map((c) => (typeof c === "string" ? encoder.encode(c) : c));
  const bytes = new Uint8Array(parts.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.length;
  }
  return bytes;
}

/**
 * A body as text, for `call(..., { rawBody })` over any transport (the entry reads a text body as its UTF-8
 * bytes): only for ASCII contents.
 */
export function formText(parts: FormPartSpec[]): { rawBody: string; headers: Record<string, string> } {
  return { rawBody: new TextDecoder().decode(formBytes(parts)), headers: { ...FORM_HEADERS } };
}

/** A PDF-looking file of `size` bytes (it starts with `%PDF-`, which is how the sandbox tells a PDF). */
export function pdfText(size = 64): string {
  const head = "%PDF-1.7\n";
  return head + "x".repeat(Math.max(0, size - head.length));
}

/** A PNG-looking file: the PNG signature, then every byte value, so a lossy text transport would show. */
export function pngBytes(): Uint8Array<ArrayBuffer> {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  return Uint8Array.from([...signature, ...Array.from({ length: 256 }, (_, i) => i), 0x0d, 0x0a, 0x2d, 0x2d]);
}
