import { describe, expect, it } from "vitest";
import { createAccount } from "./accounts.js";
import { decodeBase64, encodeBase64 } from "./base64.js";
import { addClient, blockClient, clientPlan, clientRefusal, createClient, findClient, listClients, moveStatus, requestDeletion, setClientStatus, unblockClient, updateClient } from "./clients.js";
import { createManualClock } from "./clock.js";
import { importLedger } from "./ledger.js";
import { createSeededIds, isUuid } from "./ids.js";
import { createState } from "./state.js";
import { balancesOf, codeOf, exported, makeWorld, must, T0 } from "./test-helpers.js";
import type { AddClientInput, Client, ClientPatch, Result } from "./types.js";
import { clientView } from "./views.js";

const profile = { type: "individual" as const, email: "ida@example.com", phone: "+491700000003", firstName: "Ida", lastName: "Pfeiffer", dateOfBirth: "1797-10-14", country: "AT" };

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

/** A bare ledger state on a manual clock at T0, and the client operations' refusals as their errors. */
function bareState(seed = 1) {
  const clock = createManualClock(T0);
  return { state: createState(clock, createSeededIds(seed)), clock };
}

function errorOf(result: Result<unknown>) {
  if (result.ok) throw new Error("expected a refusal");
  return result.error;
}

const UNKNOWN_ID = "0a1b2c3d-0000-4000-8000-000000000999";
const companyProfile = { type: "company" as const, email: "co@example.com", companyName: "Nordlicht Design GmbH", registrationNumber: "HRB 1", country: "DE" };
const director = { firstName: "Ada", lastName: "Lovelace", dateOfBirth: "1815-12-10", role: "director" as const };

describe("addClient", () => {
  it("registers an active, approved client on the standard plan with every field the input leaves out null", () => {
    const { state } = bareState();
    const c = must(addClient(state, { type: "individual", email: "Ida@Example.com", country: "at" }));
    expect(c).toEqual({
      id: c.id, type: "individual", status: "active", verificationStatus: "approved", email: "Ida@Example.com", phone: null, firstName: null, lastName: null,
      dateOfBirth: null, companyName: null, registrationNumber: null, country: "AT", address: null, plan: "standard", relatedIndividuals: [], externalId: null,
      applicantId: null, blockedReason: null, statusBeforeBlock: null, review: null, verificationUpdatedAt: null, deletionRequest: null, createdAt: T0, updatedAt: null,
    });
    expect(isUuid(c.id) && c.id === c.id.toLowerCase()).toBe(true);
    expect(must(findClient(state, c.id))).toEqual(c);
  });

  it("keeps every given field, an id and an address country in upper case stored in their canonical case", () => {
    const { state } = bareState();
    const address = { line1: "Ring 1", line2: null, city: "Wien", region: null, postalCode: "1010", country: "at" };
    const id = "0A1B2C3D-0000-4000-8000-00000000000F";
    const c = must(addClient(state, { ...profile, id, status: "pendingVerification", verificationStatus: "resubmissionRequested", address, plan: "premium", externalId: "ext-1", applicantId: "app-1" }));
    expect(c).toMatchObject({ ...profile, id: id.toLowerCase(), status: "pendingVerification", verificationStatus: "resubmissionRequested", address: { ...address, country: "AT" }, plan: "premium", externalId: "ext-1", applicantId: "app-1" });
    // The stored address is a copy: changing the input or the answer changes nothing stored.
    address.city = "Graz";
    c.address!.line1 = "Elsewhere";
    expect(must(findClient(state, id)).address).toEqual({ line1: "Ring 1", line2: null, city: "Wien", region: null, postalCode: "1010", country: "AT" });
  });

  it.each([
    ["new", "notStarted"],
    ["pendingVerification", "pending"],
    ["active", "approved"],
    ["closed", "approved"],
  ] as const)("gives a %s client the verification %s when none is given", (status, verificationStatus) => {
    const { state } = bareState();
    expect(must(addClient(state, { ...profile, status }))).toMatchObject({ status, verificationStatus, statusBeforeBlock: null, blockedReason: null });
  });

  it("registers a blocked client with its reason, returning to active", () => {
    const { state } = bareState();
    expect(must(addClient(state, { ...profile, status: "blocked", blockedReason: "AML review" }))).toMatchObject({ status: "blocked", verificationStatus: "approved", statusBeforeBlock: "active", blockedReason: "AML review" });
  });

  it("registers a company with its related individuals, each given a fresh lower-case id unless one is given", () => {
    const { state } = bareState();
    const given = "0A1B2C3D-0000-4000-8000-0000000000A1";
    const c = must(addClient(state, { ...companyProfile, relatedIndividuals: [{ ...director, ownershipPercentage: 25 }, { ...director, id: given, role: "shareholder" }] }));
    const [first, second] = c.relatedIndividuals;
    expect(first).toEqual({ id: first!.id, ...director, ownershipPercentage: 25 });
    expect(second).toEqual({ ...director, id: given.toLowerCase(), role: "shareholder", ownershipPercentage: null });
    expect(isUuid(first!.id)).toBe(true);
    expect(new Set([c.id, first!.id, second!.id]).size).toBe(3);
    // The answer is a copy.
    first!.firstName = "Changed";
    expect(must(findClient(state, c.id)).relatedIndividuals[0]!.firstName).toBe("Ada");
  });

  it.each<[string, Partial<AddClientInput>, object]>([
    ["an id that is not a uuid", { id: "client-1" }, { code: "validationError", field: "id", message: "id must be a uuid no client has" }],
    ["an unknown status", { status: "frozen" as never }, { code: "validationError", field: "status", message: "unknown client status" }],
    ["a blockedReason for a client that is not blocked", { blockedReason: "AML review" }, { code: "validationError", field: "blockedReason", message: "only a blocked client has a blockedReason" }],
    ["a blockedReason for a new client", { status: "new", blockedReason: "AML review" }, { code: "validationError", field: "blockedReason", message: "only a blocked client has a blockedReason" }],
    ["an unknown plan", { plan: "gold" }, { code: "planNotFound", field: "plan", message: "There is no plan gold" }],
    ["an unknown plan before a bad field", { plan: "gold", phone: "0170" }, { code: "planNotFound", field: "plan" }],
    ["a plan that is not a string", { plan: 3 as never }, { code: "validationError", field: "plan", message: "plan must be the code of a plan" }],
    ["a country that is not a string", { country: 49 as never }, { code: "validationError", field: "country" }],
    ["an address country that is not a string", { address: { line1: "Ring 1", line2: null, city: "Wien", region: null, postalCode: "1010", country: 43 as never } }, { code: "validationError", field: "address.country" }],
    ["a related individual id that is not a uuid", { ...companyProfile, firstName: null, lastName: null, dateOfBirth: null, relatedIndividuals: [{ ...director, id: 5 as never }] }, { code: "validationError", field: "relatedIndividuals[0].id" }],
    ["a bad phone", { phone: "0170 1234" }, { code: "validationError", field: "phone", message: "phone must be in E.164 format, e.g. +491701234567" }],
  ])("refuses %s, drawing no id and storing nothing", (_what, change, expected) => {
    const { state } = bareState();
    expect(errorOf(addClient(state, { ...profile, ...change } as AddClientInput))).toMatchObject(expected);
    expect(state.clients.size).toBe(0);
    expect(state.clientsByEmail.size).toBe(0);
    // The first id drawn afterwards is the one a fresh state draws first.
    expect(must(addClient(state, profile)).id).toBe(must(addClient(bareState().state, profile)).id);
  });

  it("refuses a related individual of a company without drawing an id for the others", () => {
    const { state } = bareState();
    const refused = addClient(state, { ...companyProfile, relatedIndividuals: [director, { ...director, role: "chairman" as never }] });
    expect(errorOf(refused)).toMatchObject({ code: "validationError", field: "relatedIndividuals[1].role" });
    expect(must(addClient(state, profile)).id).toBe(must(addClient(bareState().state, profile)).id);
  });

  it("refuses an id, email, externalId or applicantId another client has, in any case for the id and email", () => {
    const { state } = bareState();
    const first = must(addClient(state, { ...profile, externalId: "ext-1", applicantId: "app-1" }));
    const other = { ...profile, email: "other@example.com" };
    expect(errorOf(addClient(state, { ...other, id: first.id.toUpperCase() }))).toEqual({ code: "validationError", field: "id", message: "id must be a uuid no client has" });
    expect(errorOf(addClient(state, { ...other, email: "IDA@EXAMPLE.COM" }))).toEqual({ code: "clientAlreadyExists", field: "email", message: "Another client has the email IDA@EXAMPLE.COM" });
    expect(errorOf(addClient(state, { ...other, externalId: "ext-1" }))).toEqual({ code: "clientAlreadyExists", field: "externalId", message: "Client ext-1 was imported already" });
    expect(errorOf(addClient(state, { ...other, applicantId: "app-1" }))).toEqual({ code: "clientAlreadyExists", field: "applicantId", message: "Another client has the applicant app-1" });
    expect([...state.clients.keys()]).toEqual([first.id]);
    expect(must(addClient(state, { ...other, externalId: "ext-2", applicantId: "app-2" })).email).toBe("other@example.com");
  });
});

describe("createClient", () => {
  it("creates a complete individual or company as new, verification not started", () => {
    const { state } = bareState();
    expect(must(createClient(state, profile))).toMatchObject({ ...profile, status: "new", verificationStatus: "notStarted", plan: "standard", createdAt: T0 });
    expect(must(createClient(state, companyProfile))).toMatchObject({ ...companyProfile, status: "new", verificationStatus: "notStarted", firstName: null });
  });

  it.each<[string, AddClientInput, string, string]>([
    ["an individual without a firstName", { ...profile, firstName: undefined }, "firstName", "firstName is required for an individual"],
    ["an individual with a null lastName", { ...profile, lastName: null }, "lastName", "lastName is required for an individual"],
    ["an individual without a dateOfBirth", { ...profile, dateOfBirth: undefined }, "dateOfBirth", "dateOfBirth is required for an individual"],
    ["a company without a companyName", { ...companyProfile, companyName: undefined }, "companyName", "companyName is required for a company"],
    ["a company with a null registrationNumber", { ...companyProfile, registrationNumber: null }, "registrationNumber", "registrationNumber is required for a company"],
  ])("refuses %s", (_what, input, field, message) => {
    const { state } = bareState();
    expect(errorOf(createClient(state, input))).toEqual({ code: "validationError", field, message });
    expect(state.clients.size).toBe(0);
  });

  it("still refuses what addClient refuses", () => {
    const { state } = bareState();
    expect(errorOf(createClient(state, { ...profile, plan: "gold" })).code).toBe("planNotFound");
  });
});

describe("findClient and clientPlan", () => {
  it("finds a client by its id in any case, and says which id it did not find", () => {
    const { state } = bareState();
    const c = must(addClient(state, profile));
    expect(must(findClient(state, c.id.toUpperCase())).id).toBe(c.id);
    expect(errorOf(findClient(state, UNKNOWN_ID))).toEqual({ code: "clientNotFound", message: `Client ${UNKNOWN_ID} was not found` });
  });

  it("answers the client's plan, clientNotFound for no client, and planNotFound for a stored plan that does not exist", () => {
    const { state } = bareState();
    const c = must(addClient(state, { ...profile, plan: "basic" }));
    expect(must(clientPlan(state, c.id))).toMatchObject({ code: "basic", name: "Basic" });
    expect(errorOf(clientPlan(state, UNKNOWN_ID)).code).toBe("clientNotFound");
    state.clients.get(c.id)!.plan = "retired";
    expect(errorOf(clientPlan(state, c.id))).toEqual({ code: "planNotFound", message: `Client ${c.id} is on plan retired, which does not exist` });
  });
});

describe("listClients", () => {
  function registry() {
    const { state } = bareState();
    const ida = must(addClient(state, { ...profile, status: "new" }));
    const nord = must(addClient(state, { ...companyProfile, status: "pendingVerification" }));
    const ada = must(addClient(state, { type: "individual", email: "ada@lovelace.org", firstName: "Ada", lastName: "Lovelace", country: "GB" }));
    const harbour = must(addClient(state, { type: "company", email: "info@harbour.co.uk", companyName: "Harbour & Finch Ltd", registrationNumber: "1", country: "GB", verificationStatus: "pending" }));
    return { state, ida, nord, ada, harbour };
  }
  const page = { page: 1, pageSize: 20 };
  const emails = (p: { items: Client[] }) => p.items.map((c) => c.email);

  it("lists every client oldest first with no filter", () => {
    const { state } = registry();
    expect(listClients(state, {}, page)).toMatchObject({ totalCount: 4, page: 1, pageSize: 20 });
    expect(emails(listClients(state, {}, page))).toEqual(["ida@example.com", "co@example.com", "ada@lovelace.org", "info@harbour.co.uk"]);
  });

  it("filters by type, status and verificationStatus, each alone and together", () => {
    const { state } = registry();
    expect(emails(listClients(state, { type: "company" }, page))).toEqual(["co@example.com", "info@harbour.co.uk"]);
    expect(emails(listClients(state, { status: "active" }, page))).toEqual(["ada@lovelace.org", "info@harbour.co.uk"]);
    expect(emails(listClients(state, { verificationStatus: "pending" }, page))).toEqual(["co@example.com", "info@harbour.co.uk"]);
    expect(emails(listClients(state, { type: "company", status: "active" }, page))).toEqual(["info@harbour.co.uk"]);
    expect(emails(listClients(state, { type: "individual", verificationStatus: "approved" }, page))).toEqual(["ada@lovelace.org"]);
    expect(listClients(state, { status: "closed" }, page)).toEqual({ items: [], totalCount: 0, page: 1, pageSize: 20 });
  });

  it("searches email, first name, last name and company name, in any case", () => {
    const { state } = registry();
    expect(emails(listClients(state, { search: "LOVELACE.ORG" }, page))).toEqual(["ada@lovelace.org"]);
    expect(emails(listClients(state, { search: "ida" }, page))).toEqual(["ida@example.com"]);
    expect(emails(listClients(state, { search: "pfeif" }, page))).toEqual(["ida@example.com"]);
    expect(emails(listClients(state, { search: "FINCH" }, page))).toEqual(["info@harbour.co.uk"]);
    expect(emails(listClients(state, { search: "example" }, page))).toEqual(["ida@example.com", "co@example.com"]);
    expect(emails(listClients(state, { search: "nobody" }, page))).toEqual([]);
    expect(emails(listClients(state, { search: "" }, page))).toHaveLength(4);
    expect(emails(listClients(state, { search: "a", type: "company", status: "pendingVerification" }, page))).toEqual(["co@example.com"]);
  });

  it("pages the matches and answers copies", () => {
    const { state, nord } = registry();
    expect(listClients(state, {}, { page: 2, pageSize: 3 })).toMatchObject({ totalCount: 4, page: 2, pageSize: 3, items: [{ email: "info@harbour.co.uk" }] });
    const listed = listClients(state, { type: "company" }, { page: 1, pageSize: 1 });
    expect(listed).toMatchObject({ totalCount: 2, items: [{ id: nord.id }] });
    listed.items[0]!.companyName = "Changed";
    expect(must(findClient(state, nord.id)).companyName).toBe("Nordlicht Design GmbH");
  });
});

describe("updateClient", () => {
  it("changes the given fields only, upper-cases the country, and stamps updatedAt", () => {
    const { state, clock } = bareState();
    const c = must(addClient(state, { ...profile, externalId: "ext-1" }));
    clock.advance(60_000);
    const updated = must(updateClient(state, c.id.toUpperCase(), { phone: "+441234567890", lastName: undefined, country: "gb", plan: "basic" }));
    expect(updated).toEqual({ ...c, phone: "+441234567890", country: "GB", plan: "basic", updatedAt: T0 + 60_000 });
    expect(must(findClient(state, c.id))).toEqual(updated);
  });

  it("clears a field set to null", () => {
    const { state } = bareState();
    const c = must(addClient(state, profile));
    expect(must(updateClient(state, c.id, { phone: null, address: null }))).toMatchObject({ phone: null, address: null, firstName: "Ida" });
  });

  it("moves the email index with a new email: the old one is free, the new one taken, and the client keeps its own in another case", () => {
    const { state } = bareState();
    const c = must(addClient(state, profile));
    must(updateClient(state, c.id, { email: "Ida.New@Example.com" }));
    expect(must(updateClient(state, c.id, { email: "ida.new@example.com" })).email).toBe("ida.new@example.com");
    expect(errorOf(addClient(state, { ...profile, email: "IDA.NEW@example.com" }))).toMatchObject({ code: "clientAlreadyExists", field: "email" });
    expect(must(addClient(state, profile)).email).toBe("ida@example.com");
  });

  it.each<[string, ClientPatch, object]>([
    ["an unknown plan", { plan: "gold" }, { code: "planNotFound", field: "plan", message: "There is no plan gold" }],
    ["a bad phone", { phone: "12" }, { code: "validationError", field: "phone" }],
    ["a field of the other type", { companyName: "Ida GmbH" }, { code: "validationError", field: "companyName", message: "companyName does not apply to an individual" }],
    ["an email another client has", { email: "CO@example.com" }, { code: "clientAlreadyExists", field: "email", message: "Another client has the email CO@example.com" }],
    ["a country that is not a code", { country: "Austria" }, { code: "validationError", field: "country" }],
  ])("refuses %s and changes nothing", (_what, patch, expected) => {
    const { state, clock } = bareState();
    const c = must(addClient(state, profile));
    must(addClient(state, companyProfile));
    clock.advance(1_000);
    expect(errorOf(updateClient(state, c.id, patch))).toMatchObject(expected);
    expect(must(findClient(state, c.id))).toEqual(c);
    expect(state.clientsByEmail.get("ida@example.com")?.id).toBe(c.id);
  });

  it("refuses an unknown client, and a closed one whose profile no longer changes", () => {
    const { state } = bareState();
    expect(errorOf(updateClient(state, UNKNOWN_ID, { phone: null })).code).toBe("clientNotFound");
    const c = must(addClient(state, { ...profile, status: "closed" }));
    expect(errorOf(updateClient(state, c.id, { phone: null }))).toEqual({ code: "clientClosed", message: `Client ${c.id} is closed; its profile can no longer change` });
    expect(must(findClient(state, c.id))).toEqual(c);
  });
});

describe("block, unblock and set status", () => {
  it("blocks remembering the status, stamps updatedAt, and unblocks back to it, forgetting the reason", () => {
    const { state, clock } = bareState();
    const c = must(addClient(state, { ...profile, status: "pendingVerification" }));
    clock.advance(1_000);
    expect(must(blockClient(state, c.id, "AML review"))).toEqual({ ...c, status: "blocked", statusBeforeBlock: "pendingVerification", blockedReason: "AML review", updatedAt: T0 + 1_000 });
    clock.advance(1_000);
    expect(must(unblockClient(state, c.id.toUpperCase()))).toEqual({ ...c, status: "pendingVerification", statusBeforeBlock: null, blockedReason: null, updatedAt: T0 + 2_000 });
  });

  it("stores an empty reason as none", () => {
    const { state } = bareState();
    const c = must(addClient(state, profile));
    expect(must(blockClient(state, c.id, ""))).toMatchObject({ status: "blocked", blockedReason: null, statusBeforeBlock: "active" });
  });

  it("refuses to block a blocked or closed client, or to unblock one that is not blocked, saying why", () => {
    const { state } = bareState();
    const blocked = must(addClient(state, { ...profile, status: "blocked", blockedReason: "r" }));
    const closed = must(addClient(state, { ...profile, email: "closed@example.com", status: "closed" }));
    const active = must(addClient(state, { ...profile, email: "active@example.com" }));
    expect(errorOf(blockClient(state, blocked.id, "again"))).toEqual({ code: "invalidStateTransition", message: `Client ${blocked.id} is already blocked` });
    expect(errorOf(blockClient(state, closed.id, null))).toEqual({ code: "invalidStateTransition", message: `Client ${closed.id} is closed; closed is final` });
    expect(errorOf(unblockClient(state, active.id))).toEqual({ code: "invalidStateTransition", message: `Client ${active.id} is active, not blocked` });
    expect(errorOf(unblockClient(state, closed.id))).toEqual({ code: "invalidStateTransition", message: `Client ${closed.id} is closed, not blocked` });
    expect(errorOf(unblockClient(state, UNKNOWN_ID)).code).toBe("clientNotFound");
    expect(errorOf(blockClient(state, UNKNOWN_ID, null)).code).toBe("clientNotFound");
    expect([blocked, closed, active].map((c) => must(findClient(state, c.id)))).toEqual([blocked, closed, active]);
  });

  it("moves to any other status, active only with an approved verification", () => {
    const { state, clock } = bareState();
    const c = must(addClient(state, { ...profile, status: "new" }));
    expect(errorOf(setClientStatus(state, c.id, "active", null))).toEqual({ code: "verificationNotApproved", message: `Client ${c.id} cannot be active: its verification is notStarted, not approved` });
    expect(must(findClient(state, c.id))).toEqual(c);
    clock.advance(5);
    expect(must(setClientStatus(state, c.id, "pendingVerification", "ignored"))).toEqual({ ...c, status: "pendingVerification", updatedAt: T0 + 5 });
    expect(errorOf(setClientStatus(state, c.id, "pendingVerification", null))).toEqual({ code: "invalidStateTransition", message: `Client ${c.id} is already pendingVerification` });
    const approved = must(addClient(state, { ...profile, email: "ok@example.com", status: "new", verificationStatus: "approved" }));
    expect(must(setClientStatus(state, approved.id, "active", null)).status).toBe("active");
  });

  it("sets blocked with its bookkeeping, and leaving blocked for another status forgets it", () => {
    const { state } = bareState();
    const c = must(addClient(state, profile));
    expect(must(setClientStatus(state, c.id, "blocked", "fraud"))).toMatchObject({ status: "blocked", statusBeforeBlock: "active", blockedReason: "fraud" });
    expect(must(setClientStatus(state, c.id, "closed", "asked to leave"))).toMatchObject({ status: "closed", statusBeforeBlock: null, blockedReason: null });
    expect(errorOf(setClientStatus(state, c.id, "active", null))).toEqual({ code: "invalidStateTransition", message: `Client ${c.id} is closed; closed is final` });
  });

  it("refuses an unknown status before anything else about the client, but after finding it", () => {
    const { state } = bareState();
    const closed = must(addClient(state, { ...profile, status: "closed" }));
    expect(errorOf(setClientStatus(state, closed.id, "frozen" as never, null))).toEqual({ code: "validationError", field: "status", message: "unknown client status" });
    expect(errorOf(setClientStatus(state, UNKNOWN_ID, "frozen" as never, null)).code).toBe("clientNotFound");
  });

  it("keeps the status to return to when a blocked client is blocked again", () => {
    const { state } = bareState();
    const c = must(addClient(state, { ...profile, status: "new" }));
    must(blockClient(state, c.id, "first"));
    const stored = state.clients.get(c.id)!;
    moveStatus(stored, "blocked", "second", T0 + 9);
    expect(clientView(stored)).toMatchObject({ status: "blocked", statusBeforeBlock: "new", blockedReason: "second", updatedAt: T0 + 9 });
  });
});

describe("requestDeletion", () => {
  it("records one request with its reason and time, leaving the status as it is", () => {
    const { state, clock } = bareState();
    const c = must(addClient(state, profile));
    clock.advance(2_000);
    const asked = must(requestDeletion(state, c.id.toUpperCase(), "moving abroad"));
    expect(asked).toMatchObject({ status: "active", deletionRequest: { reason: "moving abroad", createdAt: T0 + 2_000 } });
    expect(isUuid(asked.deletionRequest!.id)).toBe(true);
    expect(asked.deletionRequest!.id).not.toBe(c.id);
    expect(errorOf(requestDeletion(state, c.id, null))).toEqual({ code: "deletionAlreadyRequested", message: `Client ${c.id} asked for deletion on 2026-01-01T09:00:02.000Z already` });
    expect(must(findClient(state, c.id)).deletionRequest).toEqual(asked.deletionRequest);
  });

  it("records a request without a reason, and refuses an unknown or closed client", () => {
    const { state } = bareState();
    const c = must(addClient(state, profile));
    expect(must(requestDeletion(state, c.id, null)).deletionRequest).toMatchObject({ reason: null, createdAt: T0 });
    const closed = must(addClient(state, { ...profile, email: "gone@example.com", status: "closed" }));
    expect(errorOf(requestDeletion(state, closed.id, "bye"))).toEqual({ code: "clientClosed", message: `Client ${closed.id} is closed already` });
    expect(must(findClient(state, closed.id)).deletionRequest).toBeNull();
    expect(errorOf(requestDeletion(state, UNKNOWN_ID, null)).code).toBe("clientNotFound");
  });
});

describe("clientRefusal", () => {
  function accounts() {
    const { state } = bareState();
    const c = must(addClient(state, profile));
    const own = state.accounts.get(must(createAccount(state, { clientId: c.id, currency: "eur", type: "client" })).id)!;
    const fee = state.accounts.get(must(createAccount(state, { currency: "eur", type: "fee" })).id)!;
    return { state, c, own, fee };
  }

  it("lets an active client's accounts and accounts of no client move money", () => {
    const { state, own, fee } = accounts();
    expect(clientRefusal(state, own, true)).toBeUndefined();
    expect(clientRefusal(state, own, false)).toBeUndefined();
    expect(clientRefusal(state, fee, true)).toBeUndefined();
  });

  it("refuses a client's account that needs an active client, and any step for a closed client's account", () => {
    const { state, c, own } = accounts();
    must(blockClient(state, c.id, null));
    expect(clientRefusal(state, own, true)).toEqual({ ok: false, error: { code: "accountNotActive", message: `Account ${own.id} belongs to client ${c.id}, who is blocked: only an active client's accounts can send or receive` } });
    expect(clientRefusal(state, own, false)).toBeUndefined();
    must(setClientStatus(state, c.id, "closed", null));
    expect(errorOf(clientRefusal(state, own, false)!).message).toContain("who is closed");
    expect(errorOf(clientRefusal(state, own, true)!).code).toBe("accountNotActive");
  });

  it("does not refuse an account whose client is not in the registry", () => {
    const { state, own } = accounts();
    expect(clientRefusal(state, { ...own, clientId: UNKNOWN_ID }, true)).toBeUndefined();
  });
});
