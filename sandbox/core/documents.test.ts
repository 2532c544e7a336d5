import { describe, expect, it } from "vitest";
import { createManualClock } from "./clock.js";
import { MAX_DOCUMENT_BYTES, MAX_DOCUMENT_DESCRIPTION_LENGTH, MAX_FILE_NAME_LENGTH, MAX_FILES_PER_UPLOAD, MAX_TENANT_DOCUMENT_BYTES } from "./documents.js";
import type { UploadFile, UploadInput } from "./documents.js";
import { LedgerInvariantError } from "./errors.js";
import { createSeededIds } from "./ids.js";
import { importLedger } from "./ledger.js";
import type { LedgerSnapshot } from "./snapshot.js";
import { codeOf, invariantErrorOf, makeWorld, must, T0 } from "./test-helpers.js";
import type { World } from "./test-helpers.js";

const PDF = new TextEncoder().encode("%PDF-1.7\n%\u00e2\u00e3\n");
const file = (bytes: Uint8Array, fileName = "a.pdf", declaredType?: string): UploadFile => ({ field: "file", fileName, declaredType, bytes });

describe("documents", () => {
  it("stores a copy of the bytes: changing the request's buffer or a read copy changes nothing stored", () => {
    const w = makeWorld();
    const bytes = PDF.slice();
    const [doc] = must(w.ledger.uploadDocuments({ clientId: w.clientId, documentType: "passport", files: [file(bytes)] }));
    bytes[0] = 0;
    const read = must(w.ledger.readDocument({ clientId: w.clientId }, doc!.id));
    read.content[1] = 0;
    expect(must(w.ledger.readDocument({ clientId: w.clientId }, doc!.id)).content).toEqual(PDF);
  });

  it("refuses a whole upload for one bad file, and a ledger past its document limit, changing nothing", () => {
    const w = makeWorld();
    const before = JSON.stringify(w.ledger.exportState());
    const upload = (files: UploadFile[]) => w.ledger.uploadDocuments({ clientId: w.clientId, documentType: "other", files });
    expect(codeOf(upload([file(PDF), file(new TextEncoder().encode("plain"), "b.txt")]))).toBe("unsupportedFileType");
    expect(codeOf(upload([file(PDF), file(new Uint8Array(MAX_DOCUMENT_BYTES + 1).fill(0x25))]))).toBe("fileTooLarge");
    expect(upload([file(new Uint8Array(0))])).toMatchObject({ ok: false, error: { code: "validationError", field: "file" } });
    expect(codeOf(upload([file(PDF, "bad\u0007name.pdf")]))).toBe("validationError");
    expect(JSON.stringify(w.ledger.exportState())).toBe(before);
    const largest = new Uint8Array(MAX_DOCUMENT_BYTES).fill(0x20);
    largest.set(PDF);
    const big = (): UploadFile => file(largest);
    for (let i = 0; i < Math.floor(MAX_TENANT_DOCUMENT_BYTES / MAX_DOCUMENT_BYTES); i++) must(upload([big()]));
    expect(codeOf(upload([big()]))).toBe("documentStorageFull");
    const first = must(w.ledger.listDocuments({ clientId: w.clientId }, undefined, { page: 1, pageSize: 1 })).items[0]!;
    must(w.ledger.deleteDocument(w.clientId, first.id));
    expect(codeOf(upload([big()]))).toBe("ok");
  });

  it("keeps a related individual's documents under the individual, and refuses an individual of another client", () => {
    const w = makeWorld();
    const company = must(w.ledger.createClient({ type: "company", email: "co@example.com", companyName: "Co", registrationNumber: "1", country: "DE", relatedIndividuals: [{ firstName: "A", lastName: "B", dateOfBirth: "1980-01-01", role: "director" }] }));
    const director = company.relatedIndividuals[0]!.id;
    const [doc] = must(w.ledger.uploadDocuments({ clientId: company.id, relatedIndividualId: director.toUpperCase(), documentType: "passport", files: [file(PDF)] }));
    expect(doc!.relatedIndividualId).toBe(director);
    expect(must(w.ledger.listDocuments({ clientId: company.id, relatedIndividualId: director }, "passport", { page: 1, pageSize: 20 })).totalCount).toBe(1);
    expect(must(w.ledger.listDocuments({ clientId: company.id }, undefined, { page: 1, pageSize: 20 })).totalCount).toBe(0);
    expect(codeOf(w.ledger.listDocuments({ clientId: w.clientId, relatedIndividualId: director }, undefined, { page: 1, pageSize: 20 }))).toBe("relatedIndividualNotFound");
    expect(codeOf(w.ledger.readDocument({ clientId: w.clientId }, doc!.id))).toBe("documentNotFound");
  });
});

describe("onboarding", () => {
  const person = { type: "individual" as const, email: "m@example.com", firstName: "M", lastName: "N", dateOfBirth: "1990-01-01", country: "PL" };

  it("imports a client with its accounts, or nothing at all when an account's currency is refused", () => {
    const w = makeWorld();
    must(w.ledger.setCurrencyEnabled("nok", false));
    const before = JSON.stringify(w.ledger.exportState());
    expect(w.ledger.importClient({ ...person, externalId: "x1", accounts: [{ currency: "pln" }, { currency: "nok" }] })).toMatchObject({ ok: false, error: { code: "currencyNotEnabled", field: "accounts[1].currency" } });
    expect(JSON.stringify(w.ledger.exportState())).toBe(before);
    const made = must(w.ledger.importClient({ ...person, externalId: "x1", verificationStatus: "approved", accounts: [{ currency: "pln" }] }));
    expect(made.client).toMatchObject({ status: "active", externalId: "x1", updatedAt: null });
    expect(made.accounts.map((a) => [a.currency, a.status, a.clientId])).toEqual([["pln", "active", made.client.id]]);
    expect(codeOf(w.ledger.importClient({ ...person, email: "other@example.com", externalId: "x1" }))).toBe("clientAlreadyExists");
  });

  it("moves a blocked client's way back, not its block, when a review arrives", () => {
    const w = makeWorld();
    const id = must(w.ledger.createClient(person)).id;
    must(w.ledger.blockClient(id, "manual"));
    const green = must(w.ledger.simulateReview({ clientId: id, review: { answer: "GREEN" } }));
    expect(green.client).toMatchObject({ status: "blocked", blockedReason: "manual", statusBeforeBlock: "active", verificationStatus: "approved" });
    expect(must(w.ledger.unblockClient(id)).status).toBe("active");
    const final = must(w.ledger.receiveSumsubEvent({ applicantId: green.client.applicantId!, type: "applicantReviewed", review: { answer: "RED", rejectType: "FINAL", rejectLabels: ["FORGERY"] } }));
    expect(final.client).toMatchObject({ status: "blocked", blockedReason: "verificationRejected", statusBeforeBlock: "pendingVerification", review: { answer: "RED", rejectType: "FINAL", rejectLabels: ["FORGERY"] } });
    must(w.ledger.setClientStatus(id, "closed", null));
    const before = JSON.stringify(w.ledger.exportState());
    expect(codeOf(w.ledger.simulateReview({ clientId: id, review: { answer: "GREEN" } }))).toBe("clientClosed");
    expect(JSON.stringify(w.ledger.exportState())).toBe(before);
  });
});

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16]);
const UNKNOWN_ID = "00000000-0000-4000-8000-0000000000aa";
const FIRST_PAGE = { page: 1, pageSize: 100 };

/** A file of `size` bytes that starts as a PDF does. */
function pdfOf(size: number): Uint8Array {
  const bytes = new Uint8Array(size).fill(0x20);
  bytes.set(PDF.subarray(0, Math.min(size, PDF.length)));
  return bytes;
}

/** A world with a company whose director has documents of their own. */
function withCompany(w: World) {
  const company = must(w.ledger.createClient({ type: "company", email: "co@example.com", companyName: "Co", registrationNumber: "1", country: "DE", relatedIndividuals: [{ firstName: "A", lastName: "B", dateOfBirth: "1980-01-01", role: "director" }] }));
  return { company: company.id, director: company.relatedIndividuals[0]!.id };
}

/**
 * Uploads to the world's client and answers the error; the refusal must change nothing: the whole export, ids
 * drawn included, or (`whole` false, where megabytes of documents make exporting slow) the client's documents.
 */
function refusedUpload(w: World, input: Partial<UploadInput>, whole = true) {
  const state = () => (whole ? JSON.stringify(w.ledger.exportState()) : JSON.stringify(w.ledger.listDocuments({ clientId: w.clientId }, undefined, FIRST_PAGE)));
  const before = state();
  const result = w.ledger.uploadDocuments({ clientId: w.clientId, documentType: "other", files: [file(PDF)], ...input });
  expect(result.ok).toBe(false);
  expect(state()).toBe(before);
  return result.ok ? undefined : result.error;
}

describe("uploading documents", () => {
  it("stores a file with its type told by its bytes, its name, size, description and time, and answers it", () => {
    const w = makeWorld();
    w.clock.advance(1234);
    const [doc] = must(w.ledger.uploadDocuments({ clientId: w.clientId.toUpperCase(), documentType: "passport", description: "front page", files: [file(PDF)] }));
    expect(doc).toEqual({ id: expect.any(String), clientId: w.clientId, relatedIndividualId: null, documentType: "passport", fileName: "a.pdf", contentType: "application/pdf", size: PDF.length, description: "front page", uploadedAt: T0 + 1234 });
    const [plain] = must(w.ledger.uploadDocuments({ clientId: w.clientId, documentType: "selfie", files: [file(JPEG, "me.jpg")] }));
    expect(plain).toMatchObject({ contentType: "image/jpeg", description: null, documentType: "selfie" });
    expect(must(w.ledger.readDocument({ clientId: w.clientId }, plain!.id)).content).toEqual(JPEG);
  });

  it("keeps only the last segment of a path as the file name", () => {
    const w = makeWorld();
    const names = ["dir/sub/a.pdf", "C:\\Users\\me\\b.pdf", "c/d\\e.pdf", "x\\y/f.pdf"].map((name) => must(w.ledger.uploadDocuments({ clientId: w.clientId, documentType: "other", files: [file(PDF, name)] }))[0]!.fileName);
    expect(names).toEqual(["a.pdf", "b.pdf", "e.pdf", "f.pdf"]);
  });

  it(`takes a file name of ${MAX_FILE_NAME_LENGTH} characters and refuses a longer, an empty one or one with control characters`, () => {
    const w = makeWorld();
    const longest = "n".repeat(MAX_FILE_NAME_LENGTH - 4) + ".pdf";
    expect(must(w.ledger.uploadDocuments({ clientId: w.clientId, documentType: "other", files: [file(PDF, longest)] }))[0]!.fileName).toBe(longest);
    expect(must(w.ledger.uploadDocuments({ clientId: w.clientId, documentType: "other", files: [file(PDF, "a ~.pdf")] }))[0]!.fileName).toBe("a ~.pdf");
    const message = `the file name must be 1-${MAX_FILE_NAME_LENGTH} characters without control characters`;
    for (const name of ["n" + longest, "", "dir/", "a\u0000.pdf", "a\u001f.pdf", "a\u007f.pdf", "\n.pdf"]) {
      expect(refusedUpload(w, { files: [file(PDF, name)] })).toEqual({ code: "validationError", field: "file", message });
    }
  });

  it(`takes a file of ${MAX_DOCUMENT_BYTES} bytes and refuses one byte more, or an empty file, naming the file's field`, () => {
    const w = makeWorld();
    expect(must(w.ledger.uploadDocuments({ clientId: w.clientId, documentType: "other", files: [file(pdfOf(MAX_DOCUMENT_BYTES))] }))[0]!.size).toBe(MAX_DOCUMENT_BYTES);
    const big = { field: "files[1]", fileName: "big.pdf", declaredType: undefined, bytes: pdfOf(MAX_DOCUMENT_BYTES + 1) };
    expect(refusedUpload(w, { files: [file(PDF), big] }, false)).toEqual({ code: "fileTooLarge", field: "files[1]", message: `big.pdf has ${MAX_DOCUMENT_BYTES + 1} bytes; a document may have at most ${MAX_DOCUMENT_BYTES} (10 MiB)` });
    expect(refusedUpload(w, { files: [{ ...big, bytes: new Uint8Array(0), fileName: "e.pdf" }] }, false)).toEqual({ code: "validationError", field: "files[1]", message: "e.pdf is empty" });
  });

  it("tells PDF, PNG and JPEG by their first bytes, and takes a declared type that matches them or says nothing", () => {
    const w = makeWorld();
    const typeOf = (bytes: Uint8Array, declaredType?: string) => must(w.ledger.uploadDocuments({ clientId: w.clientId, documentType: "other", files: [file(bytes, "f", declaredType)] }))[0]!.contentType;
    expect(typeOf(PDF)).toBe("application/pdf");
    expect(typeOf(PNG)).toBe("image/png");
    expect(typeOf(JPEG.subarray(0, 3))).toBe("image/jpeg");
    expect(typeOf(PNG, "application/octet-stream")).toBe("image/png");
    expect(typeOf(JPEG, "Image/JPEG")).toBe("image/jpeg");
    expect(typeOf(PDF, "application/pdf")).toBe("application/pdf");
  });

  it("refuses bytes that start as no accepted type does, a declared type it does not accept, and one the bytes contradict", () => {
    const w = makeWorld();
    const refusal = (bytes: Uint8Array, declaredType?: string) => refusedUpload(w, { files: [file(bytes, "f.bin", declaredType)] });
    const notOne = { code: "unsupportedFileType", field: "file", message: "f.bin is not a PDF, JPEG or PNG file: its bytes do not start as one does" };
    expect(refusal(new TextEncoder().encode("%PDF1.7"))).toEqual(notOne);
    expect(refusal(PNG.map((b, i) => (i === 7 ? 0 : b)))).toEqual(notOne);
    expect(refusal(new Uint8Array([0xff, 0xd8]))).toEqual(notOne);
    expect(refusal(new TextEncoder().encode("GIF89a"), "application/octet-stream")).toEqual(notOne);
    expect(refusal(PDF, "text/plain")).toEqual({ code: "unsupportedFileType", field: "file", message: "f.bin is text/plain; a document must be a PDF, JPEG or PNG file" });
    expect(refusal(new TextEncoder().encode("GIF89a"), "image/gif")).toMatchObject({ message: "f.bin is image/gif; a document must be a PDF, JPEG or PNG file" });
    expect(refusal(PDF, "image/png")).toEqual({ code: "unsupportedFileType", field: "file", message: "f.bin is declared image/png but its bytes are a application/pdf file" });
  });

  it(`takes 1 to ${MAX_FILES_PER_UPLOAD} files in one upload, all stored in order`, () => {
    const w = makeWorld();
    const files = Array.from({ length: MAX_FILES_PER_UPLOAD }, (_, i) => file(PDF, `f${i}.pdf`));
    const stored = must(w.ledger.uploadDocuments({ clientId: w.clientId, documentType: "bankStatement", files }));
    expect(stored.map((d) => d.fileName)).toEqual(files.map((f) => f.fileName));
    expect(new Set(stored.map((d) => d.id)).size).toBe(MAX_FILES_PER_UPLOAD);
    const message = `an upload carries 1-${MAX_FILES_PER_UPLOAD} files`;
    expect(refusedUpload(w, { files: [...files, file(PDF)] })).toEqual({ code: "validationError", field: "files", message });
    expect(refusedUpload(w, { files: [] })).toEqual({ code: "validationError", field: "files", message });
  });

  it("stores all files of a bulk upload or none when one is refused, drawing no id", () => {
    const w = makeWorld();
    const bad = { field: "files[2]", fileName: "c.txt", declaredType: undefined, bytes: new TextEncoder().encode("text") };
    expect(refusedUpload(w, { files: [file(PDF), file(PNG, "b.png"), bad] })).toMatchObject({ code: "unsupportedFileType", field: "files[2]" });
    expect(must(w.ledger.listDocuments({ clientId: w.clientId }, undefined, FIRST_PAGE)).totalCount).toBe(0);
  });

  it(`takes a description of ${MAX_DOCUMENT_DESCRIPTION_LENGTH} characters or null, and refuses a longer one or one that is not text`, () => {
    const w = makeWorld();
    const longest = "d".repeat(MAX_DOCUMENT_DESCRIPTION_LENGTH);
    expect(must(w.ledger.uploadDocuments({ clientId: w.clientId, documentType: "other", description: longest, files: [file(PDF)] }))[0]!.description).toBe(longest);
    expect(must(w.ledger.uploadDocuments({ clientId: w.clientId, documentType: "other", description: null, files: [file(PDF)] }))[0]!.description).toBeNull();
    const refused = { code: "validationError", field: "description", message: `description must be at most ${MAX_DOCUMENT_DESCRIPTION_LENGTH} characters` };
    expect(refusedUpload(w, { description: longest + "d" })).toEqual(refused);
    expect(refusedUpload(w, { description: 5 as unknown as string })).toEqual(refused);
    expect(refusedUpload(w, { description: ["d"] as unknown as string })).toEqual(refused);
  });

  it("refuses an unknown document type, an unknown or closed client and a related individual the client does not have", () => {
    const w = makeWorld();
    expect(refusedUpload(w, { documentType: "diploma" as "other" })).toEqual({ code: "validationError", field: "documentType", message: expect.stringContaining("documentType must be one of passport, idCard,") });
    expect(refusedUpload(w, { clientId: UNKNOWN_ID })).toMatchObject({ code: "clientNotFound" });
    expect(refusedUpload(w, { relatedIndividualId: UNKNOWN_ID })).toEqual({ code: "relatedIndividualNotFound", message: `Client ${w.clientId} has no related individual ${UNKNOWN_ID}` });
    must(w.ledger.setClientStatus(w.clientId, "closed", null));
    expect(refusedUpload(w, {})).toEqual({ code: "clientClosed", message: `Client ${w.clientId} is closed; it takes no new documents` });
  });

  it("fills the ledger's document storage up to its limit exactly, and refuses a byte more, also within one upload", () => {
    const w = makeWorld();
    const ten = pdfOf(MAX_DOCUMENT_BYTES);
    // Four files of 10 MiB in one upload pass the 32 MiB limit although each is allowed.
    expect(refusedUpload(w, { files: [file(ten), file(ten), file(ten), file(ten)] })).toEqual({
      code: "documentStorageFull",
      message: `The sandbox holds 0 bytes of documents; ${4 * MAX_DOCUMENT_BYTES} more would pass its limit of ${MAX_TENANT_DOCUMENT_BYTES} (delete documents or reset the tenant)`,
    });
    const rest = MAX_TENANT_DOCUMENT_BYTES - 3 * MAX_DOCUMENT_BYTES - PDF.length;
    must(w.ledger.uploadDocuments({ clientId: w.clientId, documentType: "other", files: [file(ten), file(ten), file(ten), file(pdfOf(rest))] }));
    const [last] = must(w.ledger.uploadDocuments({ clientId: w.clientId, documentType: "other", files: [file(PDF)] }));
    expect(refusedUpload(w, { files: [file(JPEG)] }, false)).toMatchObject({ code: "documentStorageFull", message: expect.stringContaining(`holds ${MAX_TENANT_DOCUMENT_BYTES} bytes of documents; ${JPEG.length} more`) });
    // Deleting gives back exactly the bytes of the deleted file.
    must(w.ledger.deleteDocument(w.clientId, last!.id));
    must(w.ledger.uploadDocuments({ clientId: w.clientId, documentType: "other", files: [file(PDF)] }));
  });
});

describe("listing, reading and deleting documents", () => {
  it("lists an owner's documents oldest first, of one type when asked, page by page", () => {
    const w = makeWorld();
    const upload = (documentType: "passport" | "other", name: string) => must(w.ledger.uploadDocuments({ clientId: w.clientId, documentType, files: [file(PDF, name)] }))[0]!;
    upload("passport", "1.pdf");
    upload("other", "2.pdf");
    upload("passport", "3.pdf");
    const names = (documentType: "passport" | undefined, page = FIRST_PAGE) => must(w.ledger.listDocuments({ clientId: w.clientId }, documentType, page)).items.map((d) => d.fileName);
    expect(names(undefined)).toEqual(["1.pdf", "2.pdf", "3.pdf"]);
    expect(names("passport")).toEqual(["1.pdf", "3.pdf"]);
    expect(names(undefined, { page: 2, pageSize: 2 })).toEqual(["3.pdf"]);
    expect(must(w.ledger.listDocuments({ clientId: w.clientId }, "passport", { page: 1, pageSize: 1 }))).toMatchObject({ totalCount: 2, page: 1, pageSize: 1 });
    expect(codeOf(w.ledger.listDocuments({ clientId: UNKNOWN_ID }, undefined, FIRST_PAGE))).toBe("clientNotFound");
  });

  it("keeps a client's and its related individual's documents apart, and finds an individual by an id in any case", () => {
    const w = makeWorld();
    const { company, director } = withCompany(w);
    const [own] = must(w.ledger.uploadDocuments({ clientId: company, documentType: "companyRegistration", files: [file(PDF, "reg.pdf")] }));
    const [theirs] = must(w.ledger.uploadDocuments({ clientId: company, relatedIndividualId: director, documentType: "passport", files: [file(PNG, "pass.png")] }));
    expect(theirs!.relatedIndividualId).toBe(director);
    const list = (relatedIndividualId?: string) => must(w.ledger.listDocuments({ clientId: company, relatedIndividualId }, undefined, FIRST_PAGE)).items.map((d) => d.id);
    expect(list()).toEqual([own!.id]);
    expect(list(director.toUpperCase())).toEqual([theirs!.id]);
    expect(must(w.ledger.readDocument({ clientId: company, relatedIndividualId: director.toUpperCase() }, theirs!.id.toUpperCase())).content).toEqual(PNG);
    const notFound = (owner: { clientId: string; relatedIndividualId?: string }, id: string) => w.ledger.readDocument(owner, id);
    expect(notFound({ clientId: company }, theirs!.id)).toEqual({ ok: false, error: { code: "documentNotFound", message: `Document ${theirs!.id} was not found` } });
    expect(codeOf(notFound({ clientId: company, relatedIndividualId: director }, own!.id))).toBe("documentNotFound");
    expect(codeOf(notFound({ clientId: w.clientId }, own!.id))).toBe("documentNotFound");
    expect(codeOf(notFound({ clientId: company }, UNKNOWN_ID))).toBe("documentNotFound");
    expect(codeOf(notFound({ clientId: UNKNOWN_ID }, own!.id))).toBe("clientNotFound");
    expect(codeOf(notFound({ clientId: company, relatedIndividualId: UNKNOWN_ID }, theirs!.id))).toBe("relatedIndividualNotFound");
  });

  it("deletes a document of the client or of its related individual, keeping the others in order", () => {
    const w = makeWorld();
    const { company, director } = withCompany(w);
    const docs = [1, 2, 3].map((n) => must(w.ledger.uploadDocuments({ clientId: company, relatedIndividualId: director, documentType: "other", files: [file(PDF, `${n}.pdf`)] }))[0]!);
    must(w.ledger.deleteDocument(company.toUpperCase(), docs[1]!.id.toUpperCase()));
    const owner = { clientId: company, relatedIndividualId: director };
    expect(must(w.ledger.listDocuments(owner, undefined, FIRST_PAGE)).items.map((d) => d.fileName)).toEqual(["1.pdf", "3.pdf"]);
    expect(codeOf(w.ledger.readDocument(owner, docs[1]!.id))).toBe("documentNotFound");
    expect(w.ledger.exportState().documents!.map((d) => d.id)).toEqual([docs[0]!.id, docs[2]!.id]);
  });

  it("refuses to delete another client's document or one that is gone, changing nothing", () => {
    const w = makeWorld();
    const { company } = withCompany(w);
    const [doc] = must(w.ledger.uploadDocuments({ clientId: company, documentType: "other", files: [file(PDF)] }));
    const before = JSON.stringify(w.ledger.exportState());
    expect(w.ledger.deleteDocument(w.clientId, doc!.id)).toEqual({ ok: false, error: { code: "documentNotFound", message: `Document ${doc!.id} was not found` } });
    expect(codeOf(w.ledger.deleteDocument(company, UNKNOWN_ID))).toBe("documentNotFound");
    expect(codeOf(w.ledger.deleteDocument(UNKNOWN_ID, doc!.id))).toBe("clientNotFound");
    expect(JSON.stringify(w.ledger.exportState())).toBe(before);
    must(w.ledger.deleteDocument(company, doc!.id));
    expect(codeOf(w.ledger.deleteDocument(company, doc!.id))).toBe("documentNotFound");
  });
});

describe("documents in a snapshot", () => {
  /** A snapshot with a document of the client and one of a company's director. */
  function documented() {
    const w = makeWorld();
    const { company, director } = withCompany(w);
    must(w.ledger.uploadDocuments({ clientId: w.clientId, documentType: "passport", description: "front", files: [file(PDF)] }));
    must(w.ledger.uploadDocuments({ clientId: company, relatedIndividualId: director, documentType: "idCard", files: [file(PNG, "id.png")] }));
    return { w, company, director, snapshot: w.ledger.exportState() };
  }

  const restore = (snapshot: LedgerSnapshot) => importLedger(snapshot, { clock: createManualClock(T0), ids: createSeededIds(1) });

  /** The message of the refusal of the snapshot with its first document changed. */
  function refusal(snapshot: LedgerSnapshot, change: (d: Record<string, unknown>, all: Record<string, unknown>[]) => void): string {
    const copy = JSON.parse(JSON.stringify(snapshot)) as LedgerSnapshot;
    const all = copy.documents as unknown as Record<string, unknown>[];
    change(all[0]!, all);
    return invariantErrorOf(() => restore(copy)).message.replace(`invalid ledger snapshot: document ${String(all[0]!.id)} `, "");
  }

  it("carry their bytes in base64 and come back byte for byte, under their owners", () => {
    const { snapshot, w, company, director } = documented();
    expect(snapshot.documents!.map((d) => [d.fileName, d.contentBase64])).toEqual([["a.pdf", Buffer.from(PDF).toString("base64")], ["id.png", Buffer.from(PNG).toString("base64")]]);
    const restored = restore(JSON.parse(JSON.stringify(snapshot)));
    const [mine] = must(restored.listDocuments({ clientId: w.clientId }, undefined, FIRST_PAGE)).items;
    expect(mine).toMatchObject({ fileName: "a.pdf", description: "front", documentType: "passport" });
    expect(must(restored.readDocument({ clientId: w.clientId }, mine!.id)).content).toEqual(PDF);
    const [theirs] = must(restored.listDocuments({ clientId: company, relatedIndividualId: director }, undefined, FIRST_PAGE)).items;
    expect(must(restored.readDocument({ clientId: company, relatedIndividualId: director }, theirs!.id)).content).toEqual(PNG);
    expect(JSON.stringify(restored.exportState())).toBe(JSON.stringify(snapshot));
  });

  it("are refused without a lower-case uuid id, or twice", () => {
    const { snapshot } = documented();
    const why = "has no lower-case uuid id or is duplicated";
    expect(refusal(snapshot, (d) => (d.id = String(d.id).toUpperCase()))).toBe(why);
    expect(refusal(snapshot, (d) => (d.id = "doc-1"))).toBe(why);
    // The second carries the first one's id: the message names that id.
    expect(refusal(snapshot, (d, all) => (all[1]!.id = d.id))).toBe(why);
  });

  it("are refused for a client that does not exist or a related individual the client does not have", () => {
    const { snapshot, director } = documented();
    expect(refusal(snapshot, (d) => (d.clientId = UNKNOWN_ID))).toBe("names a client that does not exist");
    expect(refusal(snapshot, (d) => (d.relatedIndividualId = director))).toBe("names a related individual its client does not have");
  });

  it("are refused with an unknown document type or content type", () => {
    const { snapshot } = documented();
    expect(refusal(snapshot, (d) => (d.documentType = "diploma"))).toBe("has an unknown documentType or contentType");
    expect(refusal(snapshot, (d) => (d.contentType = "image/gif"))).toBe("has an unknown documentType or contentType");
  });

  it("are refused with a bad file name or description", () => {
    const { snapshot } = documented();
    for (const change of [{ fileName: "" }, { fileName: "n".repeat(MAX_FILE_NAME_LENGTH + 1) }, { fileName: "a\u0001" }, { fileName: 5 }, { fileName: ["a.pdf"] }, { description: "d".repeat(MAX_DOCUMENT_DESCRIPTION_LENGTH + 1) }, { description: 5 }, { description: ["d"] }]) {
      expect(refusal(snapshot, (d) => Object.assign(d, change))).toBe("has a bad fileName or description");
    }
    const longest = JSON.parse(JSON.stringify(snapshot)) as LedgerSnapshot;
    Object.assign(longest.documents![0]!, { fileName: "n".repeat(MAX_FILE_NAME_LENGTH), description: null });
    expect(restore(longest).exportState().documents![0]).toMatchObject({ fileName: "n".repeat(MAX_FILE_NAME_LENGTH), description: null });
  });

  it("are refused when the base64 is not base64 of size bytes, from 1 to the largest file", () => {
    const { snapshot } = documented();
    const why = "has contentBase64 that is not base64 of size bytes (1 to MAX_DOCUMENT_BYTES)";
    expect(refusal(snapshot, (d) => (d.contentBase64 = "%%%"))).toBe(why);
    expect(refusal(snapshot, (d) => (d.size = Number(d.size) + 1))).toBe(why);
    expect(refusal(snapshot, (d) => Object.assign(d, { contentBase64: "", size: 0 }))).toBe(why);
    const tooBig = pdfOf(MAX_DOCUMENT_BYTES + 1);
    expect(refusal(snapshot, (d) => Object.assign(d, { contentBase64: Buffer.from(tooBig).toString("base64"), size: tooBig.length }))).toBe(why);
  });

  it("are refused when the bytes are not a file of the content type, or the time is not epoch ms", () => {
    const { snapshot } = documented();
    expect(refusal(snapshot, (d) => (d.contentType = "image/png"))).toBe("has bytes that are not a image/png file");
    expect(refusal(snapshot, (d) => (d.uploadedAt = 1.5))).toBe("has an uploadedAt that is not epoch ms");
  });

  it("are refused past the ledger's document limit, and taken up to it", () => {
    const { snapshot } = documented();
    const [small, other] = snapshot.documents!;
    // Four files fill the limit exactly, with the two documents already there.
    const room = MAX_TENANT_DOCUMENT_BYTES - small!.size - other!.size;
    // The largest file a document may have, and three that fill the rest.
    const third = Math.floor((room - MAX_DOCUMENT_BYTES) / 3);
    const sizes = [MAX_DOCUMENT_BYTES, third, third, room - MAX_DOCUMENT_BYTES - 2 * third];
    const ids = [1, 2, 3, 4, 5].map((n) => `00000000-0000-4000-8000-0000000000d${n}`);
    const large = sizes.map((size, i) => ({ ...small!, id: ids[i]!, size, contentBase64: Buffer.from(pdfOf(size)).toString("base64") }));
    const full = { ...snapshot, documents: [small!, other!, ...large] };
    expect(restore(full).listDocuments({ clientId: small!.clientId }, undefined, FIRST_PAGE)).toMatchObject({ ok: true, value: { totalCount: 5 } });
    const over = { ...full, documents: [...full.documents, { ...small!, id: ids[4]! }] };
    expect(() => restore(over)).toThrow(new LedgerInvariantError(`invalid ledger snapshot: document ${ids[4]} passes the ledger's document limit of ${MAX_TENANT_DOCUMENT_BYTES} bytes`));
  });

});
