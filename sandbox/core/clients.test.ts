import { describe, expect, it } from "vitest";
import { decodeBase64, encodeBase64 } from "./base64.js";
import { importLedger } from "./ledger.js";
import { createSeededIds } from "./ids.js";
import { balancesOf, codeOf, makeWorld, must, T0 } from "./test-helpers.js";
import type { Ledger } from "./ledger.js";

const profile = { type: "individual" as const, email: "ida@example.com", phone: "+491700000003", firstName: "Ida", lastName: "Pfeiffer", dateOfBirth: "1797-10-14", country: "AT" };

function exported(ledger: Ledger): string {
  return JSON.stringify(ledger.exportState());
}

describe("client records", () => {
  it("creates through the API as new and unverified, on the standard plan, with a complete profile", () => {
    const w = makeWorld();
    const c = must(w.ledger.createClient(profile));
    expect(c).toMatchObject({ status: "new", verificationStatus: "notStarted", plan: "standard", statusBeforeBlock: null, updatedAt: null, createdAt: T0 });
    const { dateOfBirth: _, ...incomplete } = profile;
    expect(w.ledger.createClient(incomplete)).toMatchObject({ ok: false, error: { code: "validationError", field: "dateOfBirth" } });
  });

  it("refuses a record no operation could make before drawing any id: a refusal leaves the ledger as it was", () => {
    const w = makeWorld();
    const before = exported(w.ledger);
    expect(w.ledger.addClient({ ...profile, plan: "gold" })).toMatchObject({ ok: false, error: { code: "planNotFound" } });
    expect(w.ledger.addClient({ ...profile, email: "A@EXAMPLE.COM" })).toMatchObject({ ok: false, error: { code: "clientAlreadyExists", field: "email" } });
    expect(w.ledger.addClient({ ...profile, phone: "0170 1234" })).toMatchObject({ ok: false, error: { field: "phone" } });
    expect(w.ledger.addClient({ ...profile, companyName: "Ida GmbH" })).toMatchObject({ ok: false, error: { field: "companyName" } });
    expect(w.ledger.addClient({ ...profile, dateOfBirth: "1797-02-30" })).toMatchObject({ ok: false, error: { field: "dateOfBirth" } });
    expect(w.ledger.addClient({ ...profile, relatedIndividuals: [{ firstName: "A", lastName: "B", dateOfBirth: "1990-01-01", role: "director" }] })).toMatchObject({ ok: false, error: { field: "relatedIndividuals" } });
    const company = { type: "company" as const, email: "co@example.com", companyName: "Co", registrationNumber: "1", country: "DE" };
    expect(w.ledger.addClient({ ...company, relatedIndividuals: [{ firstName: "A", lastName: "B", dateOfBirth: "1990-01-01", role: "chairman" as never }] })).toMatchObject({ ok: false, error: { field: "relatedIndividuals[0].role" } });
    expect(exported(w.ledger)).toBe(before);
  });

  it("blocks and unblocks back to the status before, and refuses steps the lifecycle does not have", () => {
    const w = makeWorld();
    const id = must(w.ledger.createClient(profile)).id;
    expect(must(w.ledger.blockClient(id, "AML review"))).toMatchObject({ status: "blocked", blockedReason: "AML review", statusBeforeBlock: "new" });
    expect(codeOf(w.ledger.blockClient(id, null))).toBe("invalidStateTransition");
    expect(must(w.ledger.unblockClient(id))).toMatchObject({ status: "new", blockedReason: null, statusBeforeBlock: null });
    expect(codeOf(w.ledger.unblockClient(id))).toBe("invalidStateTransition");
    expect(codeOf(w.ledger.setClientStatus(id, "active", null))).toBe("verificationNotApproved");
    must(w.ledger.setClientStatus(id, "closed", "asked to leave"));
    expect(codeOf(w.ledger.setClientStatus(id, "new", null))).toBe("invalidStateTransition");
    expect(codeOf(w.ledger.updateClient(id, { phone: "+491700000004" }))).toBe("clientClosed");
    expect(codeOf(w.ledger.blockClient("00000000-0000-4000-8000-000000000999", null))).toBe("clientNotFound");
  });
});

describe("money and the client's status", () => {
  it("lets only an active client's accounts send or receive; a blocked client's holds can still be released", () => {
    const w = makeWorld();
    const a = w.account("eur", 10_000);
    const b = w.account("eur");
    const held = must(w.ledger.draftPayment({ parentId: w.parentId(), parentType: "transfer", legs: [{ debtor: { id: a.id }, creditor: { id: b.id }, currency: "eur", amountMinor: 2_500 }] })).payment;
    must(w.ledger.pendPayments({ paymentIds: [held.id] }));
    must(w.ledger.blockClient(w.clientId, null));
    const pay = () => w.ledger.createPayment({ parentId: w.parentId(), parentType: "transfer", debtor: { id: a.id }, creditor: { id: b.id }, currency: "eur", amountMinor: 100 });
    expect(codeOf(pay())).toBe("accountNotActive");
    expect(codeOf(w.ledger.fundFromTreasury(b.id, 100, "transfer"))).toBe("accountNotActive");
    expect(codeOf(w.ledger.postPayments({ paymentIds: [held.id] }))).toBe("accountNotActive");
    must(w.ledger.cancelPayments({ paymentIds: [held.id] }));
    expect(balancesOf(w.ledger, a.id)).toEqual([10_000, 0, 0, 10_000]);
    must(w.ledger.unblockClient(w.clientId));
    expect(codeOf(pay())).toBe("ok");
    expect(w.ledger.verify().ok).toBe(true);
  });

  it("caps an account at its client's plan maxBalance, with pending incoming, and refuses before drawing an id", () => {
    const w = makeWorld();
    must(w.ledger.updateClient(w.clientId, { plan: "basic" }));
    const a = w.account("eur", 999_000);
    const before = exported(w.ledger);
    const refused = w.ledger.fundFromTreasury(a.id, 1_001, "transfer");
    expect(refused).toMatchObject({ ok: false, error: { code: "incomingLimitExceeded" } });
    expect(exported(w.ledger)).toBe(before);
    must(w.ledger.fundFromTreasury(a.id, 1_000, "transfer"));
    // A lower restriction of the request still wins; the plan cap applies with none.
    must(w.ledger.updateClient(w.clientId, { plan: "business" }));
    expect(codeOf(w.ledger.fundFromTreasury(a.id, 50_000_000, "transfer"))).toBe("ok");
  });
});

describe("the ledger snapshot with clients and documents", () => {
  it("round-trips every client field and document byte, and reads a snapshot made before these fields with their defaults", () => {
    const w = makeWorld();
    const id = must(w.ledger.createClient({ ...profile, address: { line1: "Ring 1", line2: null, city: "Wien", region: null, postalCode: "1010", country: "at" } })).id;
    must(w.ledger.blockClient(id, "check"));
    must(w.ledger.requestDeletion(id, "bye"));
    const bytes = Uint8Array.of(0xff, 0xd8, 0xff, 0x00, 0x0d, 0x0a, 0x80);
    must(w.ledger.uploadDocuments({ clientId: id, documentType: "selfie", files: [{ field: "file", fileName: "me.jpg", declaredType: undefined, bytes }] }));
    const snapshot = w.ledger.exportState();
    const again = importLedger(structuredClone(snapshot), { clock: w.clock, ids: createSeededIds(1) });
    expect(JSON.stringify(again.exportState())).toBe(JSON.stringify(snapshot));
    expect(must(again.readDocument({ clientId: id }, snapshot.documents![0]!.id)).content).toEqual(bytes);
    const old = structuredClone(snapshot);
    delete old.documents;
    old.clients = old.clients.map(({ id: cid, type, status, email, phone, firstName, lastName, companyName, country, createdAt }) => ({ id: cid, type, status, email, phone, firstName, lastName, companyName, country, createdAt }));
    const upgraded = importLedger(old, { clock: w.clock, ids: createSeededIds(1) });
    // A blocked client of an older snapshot returns to active when unblocked, as a fixture's blocked client does.
    expect(upgraded.getClient(id)).toMatchObject({ status: "blocked", verificationStatus: "approved", statusBeforeBlock: "active", plan: "standard", address: null, relatedIndividuals: [] });
  });
});

describe("base64", () => {
  it("encodes and decodes every byte value and every padding length, and refuses text that is not canonical", () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    for (const length of [0, 1, 2, 3, 4, 255, 256]) {
      const bytes = all.subarray(0, length);
      const text = encodeBase64(bytes);
      expect(text).toBe(Buffer.from(bytes).toString("base64"));
      expect(decodeBase64(text)).toEqual(bytes);
    }
    expect(encodeBase64(new Uint8Array(30_000))).toBe(Buffer.alloc(30_000).toString("base64"));
    for (const bad of ["A", "AB=C", "ÄAAA", "QQ=", "QR==", "===="]) expect(decodeBase64(bad), bad).toBeUndefined();
  });
});
