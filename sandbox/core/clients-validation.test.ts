// The rules a client record must meet (clientRecordProblem): what addClient and updateClient check their result
// with and what a snapshot's import checks each record with (docs/domain/clients.md).
import { describe, expect, it } from "vitest";
import { checkUnique, clientDefaults, clientRecordProblem, indexClient, isCountry, isDate } from "./clients.js";
import { createManualClock } from "./clock.js";
import { createSeededIds } from "./ids.js";
import { createState } from "./state.js";
import { T0 } from "./test-helpers.js";
import type { Client } from "./types.js";

const ID = "0a1b2c3d-0000-4000-8000-000000000001";
const RI1 = "0a1b2c3d-0000-4000-8000-0000000000a1";
const RI2 = "0a1b2c3d-0000-4000-8000-0000000000a2";

/** A complete, valid individual: every rule below is broken on a copy of it. */
function individual(): Client {
  return {
    id: ID,
    type: "individual",
    status: "active",
    verificationStatus: "approved",
    email: "ida@example.com",
    phone: "+491700000003",
    firstName: "Ida",
    lastName: "Pfeiffer",
    dateOfBirth: "1797-10-14",
    companyName: null,
    registrationNumber: null,
    country: "AT",
    address: { line1: "Ring 1", line2: "Stiege 2", city: "Wien", region: "Wien", postalCode: "1010", country: "AT" },
    plan: "standard",
    relatedIndividuals: [],
    externalId: "ext-1",
    applicantId: "app-1",
    blockedReason: null,
    statusBeforeBlock: null,
    review: null,
    verificationUpdatedAt: null,
    deletionRequest: null,
    createdAt: T0,
    updatedAt: null,
  };
}

/** A complete, valid company with two related individuals. */
function company(): Client {
  return {
    ...individual(),
    type: "company",
    email: "co@example.com",
    firstName: null,
    lastName: null,
    dateOfBirth: null,
    companyName: "Nordlicht Design GmbH",
    registrationNumber: "HRB 1",
    relatedIndividuals: [
      { id: RI1, firstName: "Ada", lastName: "Lovelace", dateOfBirth: "1815-12-10", role: "director", ownershipPercentage: 50 },
      { id: RI2, firstName: "Bob", lastName: "Byte", dateOfBirth: "1990-01-01", role: "shareholder", ownershipPercentage: null },
    ],
  };
}

type Change = (c: Client) => void;
const set = (field: string, value: unknown): Change => (c) => {
  (c as unknown as Record<string, unknown>)[field] = value;
};
const setAddress = (field: string, value: unknown): Change => (c) => {
  (c.address as unknown as Record<string, unknown>)[field] = value;
};
const setRelated = (field: string, value: unknown): Change => (c) => {
  (c.relatedIndividuals[1] as unknown as Record<string, unknown>)[field] = value;
};

function problemOf(base: () => Client, change: Change, unassignedIds = false) {
  const c = base();
  change(c);
  return clientRecordProblem(c, unassignedIds);
}

describe("clientRecordProblem: valid records", () => {
  it.each<[string, () => Client, Change]>([
    ["a complete individual", individual, () => undefined],
    ["a complete company", company, () => undefined],
    ["an individual with no phone, address, externalId or applicantId", individual, (c) => Object.assign(c, { phone: null, address: null, externalId: null, applicantId: null })],
    ["an individual with no names or date of birth", individual, (c) => Object.assign(c, { firstName: null, lastName: null, dateOfBirth: null })],
    ["an email of exactly 254 characters", individual, set("email", `${"e".repeat(242)}@example.com`)],
    ["an email of one character", individual, set("email", "e")],
    ["free text of exactly 1000 characters", individual, set("firstName", "f".repeat(1000))],
    ["a phone of the shortest E.164 length (7 digits)", individual, set("phone", "+1234567")],
    ["a phone of the longest E.164 length (15 digits)", individual, set("phone", "+123456789012345")],
    ["a leap day", individual, set("dateOfBirth", "2024-02-29")],
    ["an empty line2 and region", individual, (c) => Object.assign(c.address!, { line2: "", region: "" })],
    ["null line2 and region", individual, (c) => Object.assign(c.address!, { line2: null, region: null })],
    ["address texts at their limits", individual, (c) => Object.assign(c.address!, { line1: "l".repeat(200), line2: "m".repeat(200), city: "c".repeat(100), region: "r".repeat(100), postalCode: "p".repeat(20) })],
    ["one-character address texts", individual, (c) => Object.assign(c.address!, { line1: "l", city: "c", postalCode: "p" })],
    ["each plan", individual, set("plan", "business")],
    ["a company without related individuals", company, set("relatedIndividuals", [])],
    ["related names of 100 characters and 1", company, (c) => Object.assign(c.relatedIndividuals[1]!, { firstName: "a".repeat(100), lastName: "b" })],
    ["an ownership of 0", company, setRelated("ownershipPercentage", 0)],
    ["an ownership of 100", company, setRelated("ownershipPercentage", 100)],
    ["every role", company, (c) => (c.relatedIndividuals = (["director", "shareholder", "beneficialOwner", "authorizedRepresentative"] as const).map((role, i) => ({ ...c.relatedIndividuals[0]!, id: `0a1b2c3d-0000-4000-8000-00000000000${i}`, role })))],
    ["a blocked client returning to new, with a reason", individual, (c) => Object.assign(c, { status: "blocked", statusBeforeBlock: "new", blockedReason: "AML review" })],
    ["a blocked client returning to pendingVerification", individual, (c) => Object.assign(c, { status: "blocked", statusBeforeBlock: "pendingVerification" })],
    ["a blocked client returning to active", individual, (c) => Object.assign(c, { status: "blocked", statusBeforeBlock: "active" })],
    ["a GREEN review", individual, set("review", { answer: "GREEN", rejectType: null, rejectLabels: [] })],
    ["a RED RETRY review with labels", individual, set("review", { answer: "RED", rejectType: "RETRY", rejectLabels: ["BAD_PHOTO", "EXPIRED"] })],
    ["a RED FINAL review", individual, set("review", { answer: "RED", rejectType: "FINAL", rejectLabels: [] })],
    ["a deletion request without a reason", individual, set("deletionRequest", { id: RI1, reason: null, createdAt: T0 })],
    ["a deletion request with a reason", individual, set("deletionRequest", { id: RI1, reason: "bye", createdAt: T0 })],
    ["update and verification times", individual, (c) => Object.assign(c, { updatedAt: T0 + 1, verificationUpdatedAt: 0 })],
    ["a closed client", individual, set("status", "closed")],
  ])("accepts %s", (_what, base, change) => {
    expect(problemOf(base, change)).toBeUndefined();
  });
});

describe("clientRecordProblem: refusals", () => {
  const textOrNull = (field: string) => ({ field, message: `${field} must be a non-empty string or null` });
  it.each<[string, () => Client, Change, { field: string; message: string }]>([
    ["an id that is not a uuid", individual, set("id", "client-1"), { field: "id", message: "id must be a lower-case uuid" }],
    ["an upper-case id", individual, set("id", ID.toUpperCase()), { field: "id", message: "id must be a lower-case uuid" }],
    ["an id still to be drawn", individual, set("id", ""), { field: "id", message: "id must be a lower-case uuid" }],
    ["an unknown type", individual, set("type", "robot"), { field: "type", message: "type must be individual or company" }],
    ["an unknown status", individual, set("status", "frozen"), { field: "status", message: "unknown status or verificationStatus" }],
    ["an unknown verificationStatus", individual, set("verificationStatus", "maybe"), { field: "status", message: "unknown status or verificationStatus" }],
    ["an empty email", individual, set("email", ""), { field: "email", message: "email must be 1-254 characters" }],
    ["an email of 255 characters", individual, set("email", `${"e".repeat(243)}@example.com`), { field: "email", message: "email must be 1-254 characters" }],
    ["an email that is not a string", individual, set("email", 7), { field: "email", message: "email must be 1-254 characters" }],
    ["an email in a list", individual, set("email", ["ida@example.com"]), { field: "email", message: "email must be 1-254 characters" }],
    ["a lower-case country", individual, set("country", "at"), { field: "country", message: "country must be an upper-case ISO 3166-1 alpha-2 code" }],
    ["a three-letter country", individual, set("country", "AUT"), { field: "country", message: "country must be an upper-case ISO 3166-1 alpha-2 code" }],
    ["an empty phone", individual, set("phone", ""), textOrNull("phone")],
    ["an empty firstName", individual, set("firstName", ""), textOrNull("firstName")],
    ["a lastName of 1001 characters", individual, set("lastName", "l".repeat(1001)), textOrNull("lastName")],
    ["a companyName that is not a string", company, set("companyName", 5), textOrNull("companyName")],
    ["an empty registrationNumber", company, set("registrationNumber", ""), textOrNull("registrationNumber")],
    ["an empty externalId", individual, set("externalId", ""), textOrNull("externalId")],
    ["an empty applicantId", individual, set("applicantId", ""), textOrNull("applicantId")],
    ["an empty blockedReason", individual, (c) => Object.assign(c, { status: "blocked", statusBeforeBlock: "active", blockedReason: "" }), textOrNull("blockedReason")],
    ["a phone without +", individual, set("phone", "491701234567"), { field: "phone", message: "phone must be in E.164 format, e.g. +491701234567" }],
    ["a phone with 6 digits", individual, set("phone", "+123456"), { field: "phone", message: "phone must be in E.164 format, e.g. +491701234567" }],
    ["a phone with 16 digits", individual, set("phone", "+1234567890123456"), { field: "phone", message: "phone must be in E.164 format, e.g. +491701234567" }],
    ["a phone whose country code starts with 0", individual, set("phone", "+0491701234"), { field: "phone", message: "phone must be in E.164 format, e.g. +491701234567" }],
    ["a phone with text before it", individual, set("phone", "tel+491701234567"), { field: "phone", message: "phone must be in E.164 format, e.g. +491701234567" }],
    ["a phone with text after it", individual, set("phone", "+491701234567 ext"), { field: "phone", message: "phone must be in E.164 format, e.g. +491701234567" }],
    ["a date that does not exist", individual, set("dateOfBirth", "2023-02-29"), { field: "dateOfBirth", message: "dateOfBirth must be a date (YYYY-MM-DD)" }],
    ["a date in another form", individual, set("dateOfBirth", "14.10.1797"), { field: "dateOfBirth", message: "dateOfBirth must be a date (YYYY-MM-DD)" }],
    ["an individual's companyName", individual, set("companyName", "Ida GmbH"), { field: "companyName", message: "companyName does not apply to an individual" }],
    ["an individual's registrationNumber", individual, set("registrationNumber", "HRB 2"), { field: "registrationNumber", message: "registrationNumber does not apply to an individual" }],
    ["a company's firstName", company, set("firstName", "Nord"), { field: "firstName", message: "firstName does not apply to a company" }],
    ["a company's lastName", company, set("lastName", "Licht"), { field: "lastName", message: "lastName does not apply to a company" }],
    ["a company's dateOfBirth", company, set("dateOfBirth", "2000-01-01"), { field: "dateOfBirth", message: "dateOfBirth does not apply to a company" }],
    ["an address that is not an object", individual, set("address", "Ring 1, Wien"), { field: "address.$", message: "address must be an object" }],
    ["an empty line1", individual, setAddress("line1", ""), { field: "address.line1", message: "line1 must be 1-200 characters" }],
    ["a line1 of 201 characters", individual, setAddress("line1", "l".repeat(201)), { field: "address.line1", message: "line1 must be 1-200 characters" }],
    ["a line2 of 201 characters", individual, setAddress("line2", "l".repeat(201)), { field: "address.line2", message: "line2 must be at most 200 characters or null" }],
    ["a line2 that is not a string", individual, setAddress("line2", 2), { field: "address.line2", message: "line2 must be at most 200 characters or null" }],
    ["a line2 in a list", individual, setAddress("line2", ["Stiege 2"]), { field: "address.line2", message: "line2 must be at most 200 characters or null" }],
    ["an empty city", individual, setAddress("city", ""), { field: "address.city", message: "city must be 1-100 characters" }],
    ["a city of 101 characters", individual, setAddress("city", "c".repeat(101)), { field: "address.city", message: "city must be 1-100 characters" }],
    ["a region of 101 characters", individual, setAddress("region", "r".repeat(101)), { field: "address.region", message: "region must be at most 100 characters or null" }],
    ["a region that is not a string", individual, setAddress("region", 3), { field: "address.region", message: "region must be at most 100 characters or null" }],
    ["a region in a list", individual, setAddress("region", ["Wien"]), { field: "address.region", message: "region must be at most 100 characters or null" }],
    ["an empty postalCode", individual, setAddress("postalCode", ""), { field: "address.postalCode", message: "postalCode must be 1-20 characters" }],
    ["a postalCode of 21 characters", individual, setAddress("postalCode", "p".repeat(21)), { field: "address.postalCode", message: "postalCode must be 1-20 characters" }],
    ["a lower-case address country", individual, setAddress("country", "at"), { field: "address.country", message: "country must be an upper-case ISO 3166-1 alpha-2 code" }],
    ["an unknown plan", individual, set("plan", "gold"), { field: "plan", message: "plan must be the code of a plan" }],
    ["a plan that is not a string", individual, set("plan", 1), { field: "plan", message: "plan must be the code of a plan" }],
    ["relatedIndividuals that are not a list", company, set("relatedIndividuals", {}), { field: "relatedIndividuals", message: "relatedIndividuals must be a list" }],
    ["an individual's related individual", individual, (c) => (c.relatedIndividuals = company().relatedIndividuals.slice(0, 1)), { field: "relatedIndividuals", message: "only a company has related individuals" }],
    ["a related individual that is not an object", company, (c) => (c.relatedIndividuals[1] = null as never), { field: "relatedIndividuals[1].$", message: "must be an object" }],
    ["a related individual that is a string", company, (c) => (c.relatedIndividuals[1] = "Bob" as never), { field: "relatedIndividuals[1].$", message: "must be an object" }],
    ["two related individuals with one id", company, setRelated("id", RI1), { field: "relatedIndividuals[1].id", message: "id must be a lower-case uuid, unique in the company" }],
    ["a related id in upper case", company, setRelated("id", "0A1B2C3D-0000-4000-8000-0000000000A2"), { field: "relatedIndividuals[1].id", message: "id must be a lower-case uuid, unique in the company" }],
    ["a related id still to be drawn", company, setRelated("id", ""), { field: "relatedIndividuals[1].id", message: "id must be a lower-case uuid, unique in the company" }],
    ["an empty related firstName", company, setRelated("firstName", ""), { field: "relatedIndividuals[1].firstName", message: "firstName and lastName must be 1-100 characters" }],
    ["a related firstName of 101 characters", company, setRelated("firstName", "a".repeat(101)), { field: "relatedIndividuals[1].firstName", message: "firstName and lastName must be 1-100 characters" }],
    ["a related lastName of 101 characters", company, setRelated("lastName", "b".repeat(101)), { field: "relatedIndividuals[1].firstName", message: "firstName and lastName must be 1-100 characters" }],
    ["a related lastName that is missing", company, setRelated("lastName", undefined), { field: "relatedIndividuals[1].firstName", message: "firstName and lastName must be 1-100 characters" }],
    ["a related date that does not exist", company, setRelated("dateOfBirth", "1990-13-01"), { field: "relatedIndividuals[1].dateOfBirth", message: "dateOfBirth must be a date (YYYY-MM-DD)" }],
    ["a related date that is missing", company, setRelated("dateOfBirth", null), { field: "relatedIndividuals[1].dateOfBirth", message: "dateOfBirth must be a date (YYYY-MM-DD)" }],
    ["an unknown role", company, setRelated("role", "chairman"), { field: "relatedIndividuals[1].role", message: "role must be one of director, shareholder, beneficialOwner, authorizedRepresentative" }],
    ["an ownership below 0", company, setRelated("ownershipPercentage", -0.5), { field: "relatedIndividuals[1].ownershipPercentage", message: "ownershipPercentage must be 0-100 or null" }],
    ["an ownership above 100", company, setRelated("ownershipPercentage", 100.5), { field: "relatedIndividuals[1].ownershipPercentage", message: "ownershipPercentage must be 0-100 or null" }],
    ["an ownership that is not a number", company, setRelated("ownershipPercentage", "50"), { field: "relatedIndividuals[1].ownershipPercentage", message: "ownershipPercentage must be 0-100 or null" }],
    ["an ownership that is missing", company, setRelated("ownershipPercentage", undefined), { field: "relatedIndividuals[1].ownershipPercentage", message: "ownershipPercentage must be 0-100 or null" }],
  ])("refuses %s", (_what, base, change, expected) => {
    expect(problemOf(base, change)).toEqual(expected);
  });

  const badBookkeeping = { field: "statusBeforeBlock", message: "a blocked client needs the status it returns to (new, pendingVerification or active); no other client has one" };
  it.each<[string, Change]>([
    ["a blocked client without the status it returns to", (c) => Object.assign(c, { status: "blocked", statusBeforeBlock: null })],
    ["a blocked client returning to blocked", (c) => Object.assign(c, { status: "blocked", statusBeforeBlock: "blocked" })],
    ["a blocked client returning to closed", (c) => Object.assign(c, { status: "blocked", statusBeforeBlock: "closed" })],
    ["a blocked client returning to an unknown status", (c) => Object.assign(c, { status: "blocked", statusBeforeBlock: "frozen" })],
    ["an active client with a status to return to", set("statusBeforeBlock", "new")],
    ["a closed client with a status to return to", (c) => Object.assign(c, { status: "closed", statusBeforeBlock: "active" })],
  ])("refuses the status bookkeeping of %s", (_what, change) => {
    expect(problemOf(individual, change)).toEqual(badBookkeeping);
  });

  it("refuses a blockedReason on a client that is not blocked", () => {
    expect(problemOf(individual, set("blockedReason", "AML review"))).toEqual({ field: "blockedReason", message: "only a blocked client has a blockedReason" });
  });

  const badReview = { field: "review", message: "review must be null or {answer: GREEN|RED, rejectType: RETRY|FINAL|null, rejectLabels: [string]}" };
  it.each<[string, unknown]>([
    ["a string", "GREEN"],
    ["an unknown answer", { answer: "YELLOW", rejectType: null, rejectLabels: [] }],
    ["an unknown rejectType", { answer: "RED", rejectType: "SOFT", rejectLabels: [] }],
    ["a missing rejectType", { answer: "RED", rejectLabels: [] }],
    ["labels that are not a list", { answer: "RED", rejectType: "FINAL", rejectLabels: "BAD_PHOTO" }],
    ["a label that is not a string", { answer: "RED", rejectType: "FINAL", rejectLabels: ["BAD_PHOTO", 3] }],
  ])("refuses a review that is %s", (_what, review) => {
    expect(problemOf(individual, set("review", review))).toEqual(badReview);
  });

  const badDeletion = { field: "deletionRequest", message: "deletionRequest must be null or {id: uuid, reason: string|null, createdAt: epoch ms}" };
  it.each<[string, unknown]>([
    ["a string", "yes"],
    ["without a uuid", { id: "d-1", reason: null, createdAt: T0 }],
    ["with a reason that is not a string", { id: RI1, reason: 5, createdAt: T0 }],
    ["with a missing reason", { id: RI1, createdAt: T0 }],
    ["with a time that is not whole ms", { id: RI1, reason: null, createdAt: T0 + 0.5 }],
  ])("refuses a deletion request %s", (_what, deletion) => {
    expect(problemOf(individual, set("deletionRequest", deletion))).toEqual(badDeletion);
  });

  it.each<[string, Change]>([
    ["a createdAt that is not whole ms", set("createdAt", T0 + 0.5)],
    ["a createdAt that is missing", set("createdAt", null)],
    ["an updatedAt that is text", set("updatedAt", "2026-01-01")],
    ["a verificationUpdatedAt that is not a number", set("verificationUpdatedAt", Number.NaN)],
  ])("refuses %s", (_what, change) => {
    expect(problemOf(individual, change)).toEqual({ field: "createdAt", message: "times must be epoch ms" });
  });

  it("lets ids still to be drawn through only when asked to, and then any number of related ones", () => {
    const unassigned: Change = (c) => {
      c.id = "";
      for (const r of c.relatedIndividuals) r.id = "";
    };
    expect(problemOf(company, unassigned, true)).toBeUndefined();
    expect(problemOf(company, unassigned)).toEqual({ field: "id", message: "id must be a lower-case uuid" });
    // Assigned ids stay checked: upper case and duplicates are refused even so.
    expect(problemOf(company, set("id", ID.toUpperCase()), true)).toEqual({ field: "id", message: "id must be a lower-case uuid" });
    expect(problemOf(company, setRelated("id", RI1), true)?.field).toBe("relatedIndividuals[1].id");
  });
});

describe("clientDefaults", () => {
  it("gives each status the verification it implies, and a blocked one active to return to", () => {
    const common = { dateOfBirth: null, registrationNumber: null, address: null, plan: "standard", relatedIndividuals: [], externalId: null, applicantId: null, blockedReason: null, review: null, verificationUpdatedAt: null, deletionRequest: null, updatedAt: null };
    expect(clientDefaults("new")).toEqual({ ...common, verificationStatus: "notStarted", statusBeforeBlock: null });
    expect(clientDefaults("pendingVerification")).toEqual({ ...common, verificationStatus: "pending", statusBeforeBlock: null });
    expect(clientDefaults("active")).toEqual({ ...common, verificationStatus: "approved", statusBeforeBlock: null });
    expect(clientDefaults("blocked")).toEqual({ ...common, verificationStatus: "approved", statusBeforeBlock: "active" });
    expect(clientDefaults("closed")).toEqual({ ...common, verificationStatus: "approved", statusBeforeBlock: null });
  });

  it("gives each record a list of related individuals of its own", () => {
    const a = clientDefaults("new");
    a.relatedIndividuals.push(company().relatedIndividuals[0]!);
    expect(clientDefaults("new").relatedIndividuals).toEqual([]);
  });
});

describe("checkUnique", () => {
  function registry() {
    const state = createState(createManualClock(T0), createSeededIds(1));
    const stored = individual();
    indexClient(state, stored);
    return { state, stored };
  }
  const other = (fields: Partial<Client>): Client => ({ ...individual(), id: RI1, email: "other@example.com", externalId: null, applicantId: null, ...fields });

  it("refuses an email, externalId or applicantId another client has, the email in any case", () => {
    const { state } = registry();
    expect(checkUnique(state, other({ email: "IDA@Example.COM" }))).toEqual({ ok: false, error: { code: "clientAlreadyExists", message: "Another client has the email IDA@Example.COM", field: "email" } });
    expect(checkUnique(state, other({ externalId: "ext-1" }))).toEqual({ ok: false, error: { code: "clientAlreadyExists", message: "Client ext-1 was imported already", field: "externalId" } });
    expect(checkUnique(state, other({ applicantId: "app-1" }))).toEqual({ ok: false, error: { code: "clientAlreadyExists", message: "Another client has the applicant app-1", field: "applicantId" } });
  });

  it("accepts new values, and lets a client keep its own", () => {
    const { state, stored } = registry();
    expect(checkUnique(state, other({}))).toBeUndefined();
    expect(checkUnique(state, other({ externalId: "ext-2", applicantId: "app-2" }))).toBeUndefined();
    expect(checkUnique(state, { ...stored, email: "IDA@example.com" }, stored)).toBeUndefined();
    // A copy is another client, not the stored one.
    expect(checkUnique(state, { ...stored }, { ...stored })).toMatchObject({ ok: false, error: { field: "email" } });
  });
});

describe("isCountry and isDate", () => {
  it("takes exactly two upper-case letters as a country", () => {
    expect(isCountry("DE")).toBe(true);
    for (const bad of ["de", "De", "D", "DEU", " DE", "DE ", "D1", 49, ["DE"], null]) expect(isCountry(bad), String(bad)).toBe(false);
  });

  it("takes real calendar dates written YYYY-MM-DD", () => {
    for (const good of ["2024-02-29", "1797-10-14", "0001-01-01", "9999-12-31"]) expect(isDate(good), good).toBe(true);
    for (const bad of ["2023-02-29", "2024-04-31", "2024-13-01", "2024-00-10", "2024-1-01", "24-01-01", "2024-01-01T00:00:00Z", " 2024-01-01", "2024-01-01 ", 20240101, ["2024-01-01"], null]) expect(isDate(bad), String(bad)).toBe(false);
  });
});
