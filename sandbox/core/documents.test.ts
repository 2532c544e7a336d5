import { describe, expect, it } from "vitest";
import { MAX_DOCUMENT_BYTES, MAX_TENANT_DOCUMENT_BYTES } from "./documents.js";
import type { UploadFile } from "./documents.js";
import { codeOf, makeWorld, must } from "./test-helpers.js";

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
