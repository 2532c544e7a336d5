/**
 * Documents over a socket: a multipart upload reaches the express adapter as bytes and a download leaves it
 * as bytes, byte for byte; with --data the upload is logged (base64) and replayed, and a shutdown writes the
 * documents into the state document.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEMO_IDS, MAX_DOCUMENT_BYTES } from "../../sandbox/core/index.js";
import { type RunningSandbox } from "../../sandbox/server/index.js";
import { FORM_HEADERS, formBytes, pngBytes } from "../support/multipart.js";
import { startValidatedSandbox } from "../support/validated.js";

const scratch = mkdtempSync(join(tmpdir(), "finlego-documents-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const EMMA = DEMO_IDS.clients.emmaSchneider;

async function upload(sandbox: RunningSandbox, bytes: Uint8Array<ArrayBuffer>, fileName = "scan.png"): Promise<{ status: number; json: { id: string; size: number; code?: string } }> {
  const body = formBytes([{ name: "file", fileName, contentType: "image/png", content: bytes }, { name: "documentType", content: "selfie" }]);
  const answer = await fetch(`${sandbox.url}/internal/Clients/${EMMA}/Documents/upload`, { method: "POST", headers: FORM_HEADERS, body });
  return { status: answer.status, json: await answer.json() };
}

async function download(sandbox: RunningSandbox, id: string): Promise<{ type: string | null; bytes: Uint8Array }> {
  const answer = await fetch(`${sandbox.url}/internal/Clients/${EMMA}/Documents/${id}/download`);
  expect(answer.status).toBe(200);
  return { type: answer.headers.get("content-type"), bytes: new Uint8Array(await answer.arrayBuffer()) };
}

/** A PNG of `size` bytes whose body holds every byte value over and over. */
function bigPng(size: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = i & 255;
  bytes.set(pngBytes().subarray(0, 8));
  return bytes;
}

/** Byte equality without a deep comparison of millions of elements. */
function same(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.length).equals(Buffer.from(b.buffer, b.byteOffset, b.length));
}

describe("documents over express", () => {
  it("uploads and downloads binary files byte for byte, up to the 10 MiB limit, and refuses one byte more with 413", async () => {
    const sandbox = await startValidatedSandbox({ port: 0, frozenAt: "2026-03-02T10:00:00Z" });
    try {
      const small = await upload(sandbox, pngBytes());
      expect(small.status).toBe(200);
      const got = await download(sandbox, small.json.id);
      expect([got.type, same(got.bytes, pngBytes())]).toEqual(["image/png", true]);
      const largest = bigPng(MAX_DOCUMENT_BYTES);
      const stored = await upload(sandbox, largest, "large.png");
      expect([stored.status, stored.json.size]).toEqual([200, MAX_DOCUMENT_BYTES]);
      expect(same((await download(sandbox, stored.json.id)).bytes, largest)).toBe(true);
      const over = await upload(sandbox, bigPng(MAX_DOCUMENT_BYTES + 1));
      expect([over.status, over.json.code]).toEqual([413, "fileTooLarge"]);
    } finally {
      await sandbox.close();
    }
  }, 60_000);

  it("keeps uploads across restarts: the change log replays them, and a shutdown writes them into the state document", async () => {
    const file = join(scratch, "state.json");
    const first = await startValidatedSandbox({ port: 0, data: file, notify: () => undefined });
    const stored = await upload(first, bigPng(4096));
    expect(stored.status).toBe(200);
    const log = readFileSync(`${file}.log`, "utf8");
    expect(log).toContain('"bodyBase64":');
    // A copy taken while it runs is what a crash leaves: the document without the upload, the log with it.
    const crashed = join(scratch, "crashed.json");
    for (const suffix of ["", ".log"]) rmSync(`${crashed}${suffix}`, { force: true });
    for (const suffix of ["", ".log"]) writeCopy(`${file}${suffix}`, `${crashed}${suffix}`);
    await first.close();
    const document = JSON.parse(readFileSync(file, "utf8")) as { tenants: Record<string, { documents?: unknown[] }> };
    expect(Object.values(document.tenants).some((ledger) => ledger.documents?.length === 1)).toBe(true);
    for (const restored of [file, crashed]) {
      const again = await startValidatedSandbox({ port: 0, data: restored, notify: () => undefined });
      try {
        expect(same((await download(again, stored.json.id)).bytes, bigPng(4096))).toBe(true);
      } finally {
        await again.close();
      }
    }
  }, 60_000);
});

function writeCopy(from: string, to: string): void {
  rmSync(to, { force: true });
  const bytes = readFileSync(from);
  writeFileSync(to, bytes);
}
