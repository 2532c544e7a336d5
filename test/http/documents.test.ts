import { beforeEach, describe, expect, it } from "vitest";
import { DEMO_IDS, MAX_DOCUMENT_BYTES } from "../../sandbox/core/index.js";
import type { SandboxResponse } from "../../sandbox/http/index.js";
import { testSandbox, type TestSandbox } from "../support/http.js";
import { FORM_HEADERS, formBytes, formText, pdfText, pngBytes, type FormPartSpec } from "../support/multipart.js";
import type { Json } from "../support/spec.js";

const EMMA = DEMO_IDS.clients.emmaSchneider;
const NORDLICHT = DEMO_IDS.clients.nordlichtDesign;
const DIRECTOR = DEMO_IDS.relatedIndividuals.nordlichtDirector;
const docs = (clientId: string = EMMA) => `/internal/Clients/${clientId}/Documents`;
const directorDocs = `/internal/Clients/${NORDLICHT}/related-individuals/${DIRECTOR}/documents`;
let sandbox: TestSandbox;

beforeEach(() => {
  sandbox = testSandbox();
});

/** Sends a multipart body as bytes, as the adapters do, and checks the answer against the spec (the entry does). */
async function upload(path: string, parts: FormPartSpec[]): Promise<{ status: number; json: Json }> {
  const answer = await sandbox.entry.handle({ method: "POST", path, query: "", headers: { ...FORM_HEADERS }, bytes: formBytes(parts) });
  expect(answer.status, answer.body).not.toBe(500);
  return { status: answer.status, json: JSON.parse(answer.body!) };
}

function download(path: string): Promise<SandboxResponse> {
  return sandbox.entry.handle({ method: "GET", path, query: "", headers: {} });
}

const png = (name = "selfie.png", contentType?: string): FormPartSpec => ({ name: "file", fileName: name, content: pngBytes(), ...(contentType && { contentType }) });
const type = (documentType: string): FormPartSpec => ({ name: "documentType", content: documentType });

describe("client documents", () => {
  it("stores an upload and downloads the same bytes with their content type and file name", async () => {
    const stored = await upload(`${docs()}/upload`, [png("selfie.png", "image/png"), type("selfie"), { name: "description", content: "Selfie with ID" }]);
    expect(stored.status).toBe(200);
    expect(stored.json).toMatchObject({ clientId: EMMA, relatedIndividualId: null, documentType: "selfie", fileName: "selfie.png", contentType: "image/png", size: pngBytes().length, description: "Selfie with ID" });
    const file = await download(`${docs()}/${stored.json.id}/download`);
    expect(file.status).toBe(200);
    expect(file.headers["content-type"]).toBe("image/png");
    expect(file.headers["content-disposition"]).toBe('attachment; filename="selfie.png"');
    expect(file.bytes).toEqual(pngBytes());
  });

  it("tells the type from the bytes when the part says octet-stream or nothing, and refuses bytes that are none of the three (415)", async () => {
    const sniffed = await upload(`${docs()}/upload`, [png("scan", "application/octet-stream"), type("other")]);
    expect(sniffed.json.contentType).toBe("image/png");
    const untyped = await upload(`${docs()}/upload`, [{ name: "file", fileName: "statement.pdf", content: pdfText() }, type("bankStatement")]);
    expect(untyped.json.contentType).toBe("application/pdf");
    const text = await upload(`${docs()}/upload`, [{ name: "file", fileName: "notes.txt", contentType: "text/plain", content: "hello" }, type("other")]);
    expect([text.status, text.json.code, text.json.detail]).toEqual([415, "unsupportedFileType", "notes.txt is text/plain; a document must be a PDF, JPEG or PNG file"]);
    const lying = await upload(`${docs()}/upload`, [png("fake.pdf", "application/pdf"), type("passport")]);
    expect([lying.status, lying.json.code]).toEqual([415, "unsupportedFileType"]);
    expect(lying.json.detail).toContain("declared application/pdf but its bytes are a image/png file");
  });

  it("refuses a file over 10 MiB (413 fileTooLarge), an empty file or missing parts (400), keeping the name without its path", async () => {
    const big = await upload(`${docs()}/upload`, [{ name: "file", fileName: "big.pdf", content: pdfText(MAX_DOCUMENT_BYTES + 1) }, type("other")]);
    expect([big.status, big.json.code]).toEqual([413, "fileTooLarge"]);
    const empty = await upload(`${docs()}/upload`, [{ name: "file", fileName: "empty.pdf", content: "" }, type("other")]);
    expect([empty.status, empty.json.errors]).toEqual([400, { file: ["empty.pdf is empty"] }]);
    const noFile = await upload(`${docs()}/upload`, [{ name: "file", content: "not a file part" }, type("other")]);
    expect([noFile.status, Object.keys(noFile.json.errors)]).toEqual([400, ["file"]]);
    const noType = await upload(`${docs()}/upload`, [png()]);
    expect([noType.status, Object.keys(noType.json.errors)]).toEqual([400, ["documentType"]]);
    const unknownPart = await upload(`${docs()}/upload`, [png(), type("selfie"), { name: "colour", content: "red" }]);
    expect([unknownPart.status, unknownPart.json.errors]).toEqual([400, { colour: ["is not a known field"] }]);
    const pathName = await upload(`${docs()}/upload`, [png("C:\\Users\\emma\\me.png"), type("selfie")]);
    expect(pathName.json.fileName).toBe("me.png");
    const garbled = await sandbox.call("POST", `${docs()}/upload`, { rawBody: "--nope\r\n", headers: { ...FORM_HEADERS } });
    expect([garbled.status, garbled.json.errors.$[0]]).toEqual([400, "The multipart body has no part opened by its boundary finlego-test-boundary."]);
  });

  it("stores a bulk upload atomically, in part order, and refuses all of it when one file is bad", async () => {
    const files = (second: FormPartSpec): FormPartSpec[] => [{ name: "files", fileName: "front.png", content: pngBytes() }, second, type("idCard")];
    const refused = await upload(`${docs()}/upload/bulk`, files({ name: "files", fileName: "back.txt", contentType: "text/plain", content: "x" }));
    expect([refused.status, refused.json.code]).toEqual([415, "unsupportedFileType"]);
    expect((await sandbox.call("GET", docs())).json.totalCount).toBe(0);
    const stored = await upload(`${docs()}/upload/bulk`, files({ name: "files", fileName: "back.png", content: pngBytes() }));
    expect(stored.json.map((d: Json) => [d.fileName, d.documentType])).toEqual([["front.png", "idCard"], ["back.png", "idCard"]]);
    const one = await upload(`${docs()}/upload/bulk`, [{ name: "files", fileName: "only.png", content: pngBytes() }, type("selfie")]);
    expect(one.json).toHaveLength(1);
  });

  it("lists a client's own documents oldest first, by type and page, and deletes one (a second delete is 404)", async () => {
    for (const [name, documentType] of [["a.png", "selfie"], ["b.png", "passport"], ["c.png", "selfie"]]) await upload(`${docs()}/upload`, [png(name), type(documentType!)]);
    await upload(`${directorDocs}/upload`, [png("director.png"), type("passport")]);
    const all = await sandbox.call("GET", docs());
    expect(all.json.items.map((d: Json) => d.fileName)).toEqual(["a.png", "b.png", "c.png"]);
    expect((await sandbox.call("GET", docs(), { query: { documentType: "selfie", pageSize: 1, page: 2 } })).json).toMatchObject({ totalCount: 2, items: [{ fileName: "c.png" }] });
    const first = all.json.items[0].id;
    expect((await sandbox.call("DELETE", `${docs()}/${first}`)).status).toBe(204);
    expect((await sandbox.call("DELETE", `${docs()}/${first}`)).json.code).toBe("documentNotFound");
    expect((await download(`${docs()}/${first}/download`)).status).toBe(404);
    expect((await sandbox.call("GET", docs())).json.totalCount).toBe(2);
    expect((await sandbox.call("GET", docs(DEMO_IDS.clients.lukasNowak))).json.totalCount).toBe(0);
  });

  it("keeps a related individual's documents apart from the company's; the company's delete route removes them", async () => {
    const director = await upload(`${directorDocs}/upload`, [png("passport.png"), type("passport")]);
    expect(director.json.relatedIndividualId).toBe(DIRECTOR);
    const own = await upload(`${docs(NORDLICHT)}/upload`, [png("register.png"), type("companyRegistration")]);
    expect((await sandbox.call("GET", directorDocs)).json.items.map((d: Json) => d.id)).toEqual([director.json.id]);
    expect((await sandbox.call("GET", docs(NORDLICHT))).json.items.map((d: Json) => d.id)).toEqual([own.json.id]);
    const bytes = await download(`${directorDocs}/${director.json.id}/download`);
    expect([bytes.status, bytes.headers["content-type"]]).toEqual([200, "image/png"]);
    expect(bytes.bytes).toEqual(pngBytes());
    expect((await download(`${docs(NORDLICHT)}/${director.json.id}/download`)).status).toBe(404);
    expect((await download(`${directorDocs}/${own.json.id}/download`)).status).toBe(404);
    expect((await sandbox.call("DELETE", `${docs(NORDLICHT)}/${director.json.id}`)).status).toBe(204);
    expect((await sandbox.call("GET", directorDocs)).json.totalCount).toBe(0);
  });

  it("names a non-ASCII file exactly in filename* and answers HEAD with the length only", async () => {
    const stored = await upload(`${docs()}/upload`, [png("Ausweis Müller.png"), type("idCard")]);
    const file = await download(`${docs()}/${stored.json.id}/download`);
    expect(file.headers["content-disposition"]).toBe(`attachment; filename="Ausweis M_ller.png"; filename*=UTF-8''Ausweis%20M%C3%BCller.png`);
    const head = await sandbox.entry.handle({ method: "HEAD", path: `${docs()}/${stored.json.id}/download`, query: "", headers: {} });
    expect([head.status, head.headers["content-length"], head.bytes, head.body]).toEqual([200, String(pngBytes().length), undefined, undefined]);
  });

  it("travels in the ledger's snapshot: an exported tenant imported elsewhere downloads the same bytes", async () => {
    const stored = await upload(`${docs()}/upload`, [png(), type("selfie")]);
    const snapshot = await sandbox.call("GET", "/__sandbox/snapshot");
    expect(snapshot.json.ledger.documents).toHaveLength(1);
    const other = testSandbox();
    expect((await other.call("PUT", "/__sandbox/snapshot", { body: snapshot.json })).status).toBe(200);
    const file = await other.entry.handle({ method: "GET", path: `${docs()}/${stored.json.id}/download`, query: "", headers: {} });
    expect(file.bytes).toEqual(pngBytes());
    const tampered = structuredClone(snapshot.json);
    tampered.ledger.documents[0].size += 1;
    const refused = await other.call("PUT", "/__sandbox/snapshot", { body: tampered });
    expect([refused.status, refused.json.code]).toEqual([400, "invalidSnapshot"]);
  });

  it("accepts the same upload sent as text (ASCII bytes) as the in-process helpers send it", async () => {
    const reply = await sandbox.call("POST", `${docs()}/upload`, formText([{ name: "file", fileName: "s.pdf", content: pdfText(100) }, type("bankStatement")]));
    expect([reply.status, reply.json.size, reply.json.contentType]).toEqual([200, 100, "application/pdf"]);
  });
});
