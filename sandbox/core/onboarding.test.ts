import { describe, expect, it } from "vitest";
import { addClient, blockClient, createClient, setClientStatus, updateClient } from "./clients.js";
import { createManualClock } from "./clock.js";
import { setCurrencyEnabled } from "./currencies.js";
import { createSeededIds } from "./ids.js";
import { importClient, MAX_IMPORT_ACCOUNTS, receiveSumsubEvent, simulateReview } from "./onboarding.js";
import type { ImportInput } from "./onboarding.js";
import { createState } from "./state.js";
import type { LedgerState } from "./state.js";
import { must, T0 } from "./test-helpers.js";
import type { AddClientInput, Client, ClientStatus, Result } from "./types.js";

const T1 = T0 + 60_000;
const APPLICANT = "aaaaaaaaaaaaaaaaaaaaaaaa";
const OTHER_APPLICANT = "bbbbbbbbbbbbbbbbbbbbbbbb";
const UNKNOWN_ID = "00000000-0000-4000-8000-000000000999";

const person: ImportInput = { type: "individual", email: "marie@example.com", firstName: "Marie", lastName: "Curie", dateOfBirth: "1867-11-07", country: "pl", externalId: "crm-1" };

/** A bare ledger state on a manual clock at T0 and seeded ids. */
function bare() {
  const clock = createManualClock(T0);
  const state = createState(clock, createSeededIds(7));
  return { state, clock };
}

/** The id the state's generator would draw next, compared with a twin's to tell whether an id was drawn. */
function nextId(state: LedgerState): string {
  return state.ids.uuid();
}

function errorOf(result: Result<unknown>) {
  if (result.ok) throw new Error("expected a refusal");
  return result.error;
}

/** Adds a client (an individual, active unless told) to a state; with `applicantId` it has that applicant. */
function seed(state: LedgerState, extra: Partial<AddClientInput> = {}): Client {
  return must(addClient(state, { type: "individual", email: `${extra.applicantId ?? "x"}-${state.clients.size}@example.com`, firstName: "Ada", lastName: "Lovelace", dateOfBirth: "1815-12-10", country: "GB", ...extra }));
}

/** A client with this underlying status; `blocked` is a manual block (reason "manual") over `before`. */
function clientIn(state: LedgerState, status: ClientStatus | { blockedOver: ClientStatus }, extra: Partial<AddClientInput> = {}): Client {
  if (typeof status === "string") return seed(state, { status, ...extra });
  const c = seed(state, { status: status.blockedOver, ...extra });
  return must(blockClient(state, c.id, "manual"));
}

function stored(state: LedgerState, id: string): Client {
  return structuredClone(state.clients.get(id)!);
}

describe("importClient", () => {
  it("creates the client as new and unverified by default, with no accounts, its creation not counted as a change", () => {
    const { state, clock } = bare();
    clock.set(T1);
    const made = must(importClient(state, person));
    expect(made.accounts).toEqual([]);
    expect(made.client).toEqual({
      id: made.client.id,
      type: "individual",
      status: "new",
      verificationStatus: "notStarted",
      email: "marie@example.com",
      phone: null,
      firstName: "Marie",
      lastName: "Curie",
      dateOfBirth: "1867-11-07",
      companyName: null,
      registrationNumber: null,
      country: "PL",
      address: null,
      plan: "standard",
      relatedIndividuals: [],
      externalId: "crm-1",
      applicantId: null,
      blockedReason: null,
      statusBeforeBlock: null,
      review: null,
      verificationUpdatedAt: T1,
      deletionRequest: null,
      createdAt: T1,
      updatedAt: null,
    });
    expect(stored(state, made.client.id)).toEqual(made.client);
    expect(state.clientsByExternalId.get("crm-1")?.id).toBe(made.client.id);
  });

  it.each<[ImportInput["verificationStatus"], Partial<Client>]>([
    ["notStarted", { status: "new", statusBeforeBlock: null, blockedReason: null }],
    ["pending", { status: "pendingVerification", statusBeforeBlock: null, blockedReason: null }],
    ["approved", { status: "active", statusBeforeBlock: null, blockedReason: null }],
    ["resubmissionRequested", { status: "pendingVerification", statusBeforeBlock: null, blockedReason: null }],
    ["rejected", { status: "blocked", statusBeforeBlock: "pendingVerification", blockedReason: "verificationRejected" }],
  ])("carries a verification %s over as a review would move a new client", (verificationStatus, expected) => {
    const { state } = bare();
    const made = must(importClient(state, { ...person, verificationStatus }));
    expect(made.client).toMatchObject({ ...expected, verificationStatus, review: null, verificationUpdatedAt: T0, updatedAt: null, applicantId: null });
    expect(stored(state, made.client.id)).toEqual(made.client);
  });

  it("opens each account active, for the client, in order, with its name or none", () => {
    const { state } = bare();
    const made = must(importClient(state, { ...person, verificationStatus: "approved", accounts: [{ currency: "eur", name: "Main" }, { currency: "pln" }, { currency: "eur", name: null }] }));
    expect(made.accounts.map((a) => [a.currency, a.type, a.status, a.clientId, a.name, a.balanceMinor])).toEqual([
      ["eur", "client", "active", made.client.id, "Main", 0],
      ["pln", "client", "active", made.client.id, null, 0],
      ["eur", "client", "active", made.client.id, null, 0],
    ]);
    expect(state.accounts.size).toBe(3);
    expect(made.accounts.map((a) => state.accounts.get(a.id)?.clientId)).toEqual(Array(3).fill(made.client.id));
  });

  it(`opens up to ${MAX_IMPORT_ACCOUNTS} accounts, and refuses one more before making anything`, () => {
    expect(MAX_IMPORT_ACCOUNTS).toBe(10);
    const { state } = bare();
    const made = must(importClient(state, { ...person, accounts: Array.from({ length: 10 }, () => ({ currency: "eur" as const })) }));
    expect(made.accounts).toHaveLength(10);

    const fresh = bare();
    const twin = bare();
    const refused = errorOf(importClient(fresh.state, { ...person, accounts: Array.from({ length: 11 }, () => ({ currency: "eur" as const })) }));
    expect(refused).toEqual({ code: "validationError", field: "accounts", message: "an import opens at most 10 accounts" });
    expect(fresh.state.clients.size).toBe(0);
    expect(fresh.state.accounts.size).toBe(0);
    expect(nextId(fresh.state)).toBe(nextId(twin.state));
  });

  it("refuses an account in a currency that is not one of the ten, naming its index, before making the client", () => {
    const { state } = bare();
    const twin = bare();
    const error = errorOf(importClient(state, { ...person, accounts: [{ currency: "eur" }, { currency: "xyz" as never }] }));
    expect(error).toEqual({ code: "currencyNotSupported", field: "accounts[1].currency", message: "Currency xyz is not supported by the BaaS provider" });
    expect(state.clients.size).toBe(0);
    expect(state.clientsByExternalId.size).toBe(0);
    expect(state.accounts.size).toBe(0);
    expect(nextId(state)).toBe(nextId(twin.state));
  });

  it("refuses an account in a currency the ledger has not enabled, and makes nothing", () => {
    const { state } = bare();
    must(setCurrencyEnabled(state, "nok", false));
    const error = errorOf(importClient(state, { ...person, accounts: [{ currency: "nok" }] }));
    expect(error).toEqual({ code: "currencyNotEnabled", field: "accounts[0].currency", message: "Currency nok is not enabled" });
    expect(state.clients.size).toBe(0);
    expect(state.accounts.size).toBe(0);
  });

  it("takes an account name of 200 characters and refuses 201 or a name that is not text, naming its index", () => {
    const { state } = bare();
    const made = must(importClient(state, { ...person, accounts: [{ currency: "eur", name: "n".repeat(200) }] }));
    expect(made.accounts[0]!.name).toBe("n".repeat(200));

    for (const name of ["n".repeat(201), 7 as unknown as string]) {
      const fresh = bare();
      const twin = bare();
      const error = errorOf(importClient(fresh.state, { ...person, accounts: [{ currency: "eur" }, { currency: "usd" }, { currency: "gbp", name }] }));
      expect(error).toEqual({ code: "validationError", field: "accounts[2].name", message: "name must be a string of at most 200 characters or null" });
      expect(fresh.state.clients.size).toBe(0);
      expect(fresh.state.accounts.size).toBe(0);
      expect(nextId(fresh.state)).toBe(nextId(twin.state));
    }
  });

  it("checks the accounts one by one: the first bad field is the one named", () => {
    const { state } = bare();
    const error = errorOf(importClient(state, { ...person, accounts: [{ currency: "eur", name: "n".repeat(201) }, { currency: "xyz" as never }] }));
    expect(error.field).toBe("accounts[0].name");
  });

  it("refuses a profile the API would refuse, an externalId already imported, and opens no account then", () => {
    const { state } = bare();
    const { dateOfBirth: _, ...noBirth } = person;
    expect(errorOf(importClient(state, { ...noBirth, accounts: [{ currency: "eur" }] }))).toMatchObject({ code: "validationError", field: "dateOfBirth" });
    expect(state.clients.size).toBe(0);
    expect(state.accounts.size).toBe(0);

    const first = must(importClient(state, person));
    const again = errorOf(importClient(state, { ...person, email: "other@example.com", accounts: [{ currency: "eur" }] }));
    expect(again.code).toBe("clientAlreadyExists");
    expect(again.message).toContain("crm-1");
    expect([...state.clients.keys()]).toEqual([first.client.id]);
    expect(state.accounts.size).toBe(0);
  });
});

describe("receiveSumsubEvent", () => {
  it("finds the client by applicant id and applies a GREEN review: approved, active, the review kept, the change dated", () => {
    const { state, clock } = bare();
    const c = seed(state, { status: "pendingVerification", applicantId: APPLICANT });
    clock.set(T1);
    const result = must(receiveSumsubEvent(state, { applicantId: APPLICANT, type: "applicantReviewed", review: { answer: "GREEN", rejectType: "RETRY", rejectLabels: ["IGNORED"] } }));
    const expected = { ...c, status: "active", verificationStatus: "approved", review: { answer: "GREEN", rejectType: null, rejectLabels: [] }, verificationUpdatedAt: T1, updatedAt: T1 };
    expect(result).toEqual({ client: expected, updatedAt: T1 });
    expect(stored(state, c.id)).toEqual(expected);
  });

  it("applies RED RETRY as a request to resubmit and RED FINAL as a rejection that blocks, keeping the labels", () => {
    const { state } = bare();
    const retry = seed(state, { status: "active", applicantId: APPLICANT });
    const final = seed(state, { status: "active", applicantId: OTHER_APPLICANT });
    const labels = ["BLURRY"];
    expect(must(receiveSumsubEvent(state, { applicantId: APPLICANT, type: "applicantReviewed", review: { answer: "RED", rejectType: "RETRY", rejectLabels: labels } })).client).toMatchObject({
      status: "pendingVerification",
      verificationStatus: "resubmissionRequested",
      review: { answer: "RED", rejectType: "RETRY", rejectLabels: ["BLURRY"] },
      blockedReason: null,
    });
    labels.push("LATER");
    expect(state.clients.get(retry.id)!.review!.rejectLabels).toEqual(["BLURRY"]);
    expect(must(receiveSumsubEvent(state, { applicantId: OTHER_APPLICANT, type: "applicantReviewed", review: { answer: "RED", rejectType: "FINAL" } })).client).toMatchObject({
      id: final.id,
      status: "blocked",
      statusBeforeBlock: "pendingVerification",
      blockedReason: "verificationRejected",
      verificationStatus: "rejected",
      review: { answer: "RED", rejectType: "FINAL", rejectLabels: [] },
    });
  });

  it("starts over on applicantCreated and applicantReset, and puts a new client under review on applicantPending", () => {
    const { state, clock } = bare();
    const c = seed(state, { status: "new", applicantId: APPLICANT });
    clock.set(T1);
    expect(must(receiveSumsubEvent(state, { applicantId: APPLICANT, type: "applicantPending" })).client).toMatchObject({ status: "pendingVerification", verificationStatus: "pending", review: null, verificationUpdatedAt: T1, updatedAt: T1 });
    must(receiveSumsubEvent(state, { applicantId: APPLICANT, type: "applicantReviewed", review: { answer: "RED", rejectType: "RETRY" } }));
    for (const type of ["applicantCreated", "applicantReset"]) {
      clock.set(T1 + 1000);
      const result = must(receiveSumsubEvent(state, { applicantId: APPLICANT, type }));
      expect(result.client).toMatchObject({ id: c.id, status: "pendingVerification", verificationStatus: "notStarted", review: null, verificationUpdatedAt: T1 + 1000 });
      expect(result.updatedAt).toBe(T1 + 1000);
      must(receiveSumsubEvent(state, { applicantId: APPLICANT, type: "applicantReviewed", review: { answer: "RED", rejectType: "RETRY" } }));
    }
  });

  it("acknowledges other types without changing the client, answering when its verification last changed", () => {
    const { state, clock } = bare();
    const c = seed(state, { status: "new", applicantId: APPLICANT });
    clock.set(T1);
    const untouched = must(receiveSumsubEvent(state, { applicantId: APPLICANT, type: "applicantOnHold" }));
    expect(untouched).toEqual({ client: c, updatedAt: T0 });
    expect(stored(state, c.id)).toEqual(c);

    clock.set(T1 + 5);
    must(updateClient(state, c.id, { phone: "+441234567890" }));
    clock.set(T1 + 10);
    expect(must(receiveSumsubEvent(state, { applicantId: APPLICANT, type: "applicantOnHold" })).updatedAt).toBe(T1 + 5);

    must(receiveSumsubEvent(state, { applicantId: APPLICANT, type: "applicantPending" }));
    clock.set(T1 + 20);
    expect(must(receiveSumsubEvent(state, { applicantId: APPLICANT, type: "applicantOnHold" }))).toMatchObject({ updatedAt: T1 + 10, client: { verificationUpdatedAt: T1 + 10, updatedAt: T1 + 10 } });
  });

  it("finds a client without the applicant by externalUserId, in any case, and gives it the applicant id", () => {
    const { state, clock } = bare();
    const c = seed(state, { status: "new" });
    clock.set(T1);
    const result = must(receiveSumsubEvent(state, { applicantId: APPLICANT, externalUserId: c.id.toUpperCase(), type: "applicantCreated" }));
    expect(result.client).toEqual({ ...c, applicantId: APPLICANT, verificationStatus: "notStarted", verificationUpdatedAt: T1, updatedAt: T1 });
    expect(state.clientsByApplicantId.get(APPLICANT)?.id).toBe(c.id);
    // Later webhooks find it by the applicant alone.
    expect(must(receiveSumsubEvent(state, { applicantId: APPLICANT, type: "applicantPending" })).client.id).toBe(c.id);
  });

  it("dates the applicant id given to a client even when the webhook's type changes nothing else", () => {
    const { state, clock } = bare();
    const c = seed(state, { status: "new" });
    clock.set(T1);
    const result = must(receiveSumsubEvent(state, { applicantId: APPLICANT, externalUserId: c.id, type: "applicantOnHold" }));
    expect(result).toEqual({ client: { ...c, applicantId: APPLICANT, updatedAt: T1 }, updatedAt: T1 });
  });

  it("prefers the applicant's client to the one named by externalUserId", () => {
    const { state } = bare();
    const owner = seed(state, { status: "new", applicantId: APPLICANT });
    const other = seed(state, { status: "new" });
    expect(must(receiveSumsubEvent(state, { applicantId: APPLICANT, externalUserId: other.id, type: "applicantPending" })).client.id).toBe(owner.id);
    expect(stored(state, other.id)).toEqual(other);
  });

  it("answers clientNotFound for an unknown applicant, naming it and any user id, and changes nothing", () => {
    const { state } = bare();
    const c = seed(state, { status: "new" });
    expect(errorOf(receiveSumsubEvent(state, { applicantId: APPLICANT, type: "applicantPending" }))).toEqual({ code: "clientNotFound", message: `No client has the Sumsub applicant ${APPLICANT}` });
    expect(errorOf(receiveSumsubEvent(state, { applicantId: APPLICANT, externalUserId: UNKNOWN_ID, type: "applicantPending" }))).toEqual({ code: "clientNotFound", message: `No client has the Sumsub applicant ${APPLICANT} or the id ${UNKNOWN_ID}` });
    expect(errorOf(receiveSumsubEvent(state, { applicantId: APPLICANT, externalUserId: "not-a-uuid", type: "applicantPending" })).code).toBe("clientNotFound");
    expect(errorOf(receiveSumsubEvent(state, { applicantId: APPLICANT, externalUserId: 7 as unknown as string, type: "applicantPending" })).code).toBe("clientNotFound");
    expect(stored(state, c.id)).toEqual(c);
    expect(state.clientsByApplicantId.size).toBe(0);
  });

  it("refuses applicantReviewed without a review, and RED without a reject type, changing nothing", () => {
    const { state, clock } = bare();
    const c = seed(state, { status: "new" });
    clock.set(T1);
    expect(errorOf(receiveSumsubEvent(state, { applicantId: APPLICANT, externalUserId: c.id, type: "applicantReviewed" }))).toEqual({ code: "validationError", field: "reviewResult", message: "an applicantReviewed webhook needs reviewResult" });
    expect(errorOf(receiveSumsubEvent(state, { applicantId: APPLICANT, externalUserId: c.id, type: "applicantReviewed", review: { answer: "RED" } }))).toEqual({
      code: "validationError",
      field: "reviewRejectType",
      message: "a RED review needs reviewRejectType RETRY or FINAL",
    });
    expect(stored(state, c.id)).toEqual(c);
    expect(state.clientsByApplicantId.size).toBe(0);
  });

  it("refuses a closed client's webhooks, by applicant or by user id, and changes nothing", () => {
    const { state } = bare();
    const byApplicant = seed(state, { status: "closed", applicantId: APPLICANT });
    const byUser = seed(state, { status: "closed" });
    expect(errorOf(receiveSumsubEvent(state, { applicantId: APPLICANT, type: "applicantPending" }))).toEqual({ code: "clientClosed", message: `Client ${byApplicant.id} is closed; its verification no longer changes` });
    expect(errorOf(receiveSumsubEvent(state, { applicantId: OTHER_APPLICANT, externalUserId: byUser.id, type: "applicantOnHold" })).code).toBe("clientClosed");
    expect(stored(state, byApplicant.id)).toEqual(byApplicant);
    expect(stored(state, byUser.id)).toEqual(byUser);
    expect(state.clientsByApplicantId.has(OTHER_APPLICANT)).toBe(false);
  });
});

describe("how a verification moves the client's status", () => {
  type Row = [string, ClientStatus | { blockedOver: ClientStatus }, { type: string; review?: { answer: "GREEN" | "RED"; rejectType?: "RETRY" | "FINAL" } }, Partial<Client>];
  const created = { type: "applicantCreated" };
  const pending = { type: "applicantPending" };
  const green = { type: "applicantReviewed", review: { answer: "GREEN" as const } };
  const retry = { type: "applicantReviewed", review: { answer: "RED" as const, rejectType: "RETRY" as const } };
  const final = { type: "applicantReviewed", review: { answer: "RED" as const, rejectType: "FINAL" as const } };
  const rows: Row[] = [];
  const after: Record<string, Partial<Record<ClientStatus, ClientStatus>>> = {
    notStarted: {},
    pending: { new: "pendingVerification" },
    approved: { new: "active", pendingVerification: "active" },
    resubmissionRequested: { new: "pendingVerification", active: "pendingVerification" },
    rejected: { new: "pendingVerification", active: "pendingVerification" },
  };
  const events = { notStarted: created, pending, approved: green, resubmissionRequested: retry, rejected: final };
  for (const [verification, event] of Object.entries(events)) {
    for (const from of ["new", "pendingVerification", "active"] as const) {
      const to = after[verification]![from] ?? from;
      const direct = verification === "rejected" ? { status: "blocked" as const, statusBeforeBlock: to, blockedReason: "verificationRejected" } : { status: to, statusBeforeBlock: null, blockedReason: null };
      rows.push([`${verification} from ${from}`, from, event, { verificationStatus: verification as Client["verificationStatus"], ...direct }]);
      rows.push([`${verification} from blocked over ${from}`, { blockedOver: from }, event, { verificationStatus: verification as Client["verificationStatus"], status: "blocked", statusBeforeBlock: to, blockedReason: "manual" }]);
    }
  }

  it.each(rows)("%s", (_name, from, event, expected) => {
    const { state } = bare();
    const c = clientIn(state, from, { applicantId: APPLICANT });
    const result = must(receiveSumsubEvent(state, { applicantId: APPLICANT, ...event }));
    expect(result.client).toEqual({ ...c, ...expected, review: result.client.review, verificationUpdatedAt: T0, updatedAt: T0 });
  });

  it("spells out the table's rows that move a status", () => {
    // A direct check of the table, independent of the loop above.
    const { state } = bare();
    const a = clientIn(state, "new", { applicantId: APPLICANT });
    expect(must(receiveSumsubEvent(state, { applicantId: APPLICANT, ...green })).client.status).toBe("active");
    expect(must(receiveSumsubEvent(state, { applicantId: APPLICANT, ...pending })).client.status).toBe("active");
    expect(must(receiveSumsubEvent(state, { applicantId: APPLICANT, ...retry })).client.status).toBe("pendingVerification");
    expect(must(receiveSumsubEvent(state, { applicantId: APPLICANT, ...green })).client.status).toBe("active");
    expect(must(receiveSumsubEvent(state, { applicantId: APPLICANT, ...final })).client).toMatchObject({ id: a.id, status: "blocked", statusBeforeBlock: "pendingVerification" });
    expect(must(receiveSumsubEvent(state, { applicantId: APPLICANT, ...green })).client).toMatchObject({ status: "blocked", statusBeforeBlock: "active", blockedReason: "verificationRejected" });
  });
});

describe("simulateReview", () => {
  it("refuses a request naming no client", () => {
    const { state } = bare();
    expect(errorOf(simulateReview(state, { review: { answer: "GREEN" } }))).toEqual({ code: "validationError", field: "clientId", message: "give clientId or applicantId" });
  });

  it("answers clientNotFound for an unknown client id or applicant id", () => {
    const { state } = bare();
    seed(state, { applicantId: APPLICANT });
    expect(errorOf(simulateReview(state, { clientId: UNKNOWN_ID, review: { answer: "GREEN" } }))).toEqual({ code: "clientNotFound", message: `Client ${UNKNOWN_ID} was not found` });
    expect(errorOf(simulateReview(state, { applicantId: OTHER_APPLICANT, review: { answer: "GREEN" } }))).toEqual({ code: "clientNotFound", message: `No client has the Sumsub applicant ${OTHER_APPLICANT}` });
  });

  it("gives a client without an applicant a fresh Sumsub-shaped one from the seeded ids, and approves it", () => {
    const { state, clock } = bare();
    const twin = bare();
    const c = seed(state, { status: "new" });
    seed(twin.state, { status: "new" });
    const expectedApplicant = twin.state.ids.uuid().replace(/-/g, "").slice(8);
    expect(expectedApplicant).toMatch(/^[0-9a-f]{24}$/);
    clock.set(T1);
    const result = must(simulateReview(state, { clientId: c.id, review: { answer: "GREEN" } }));
    expect(result).toEqual({
      client: { ...c, applicantId: expectedApplicant, status: "active", verificationStatus: "approved", review: { answer: "GREEN", rejectType: null, rejectLabels: [] }, verificationUpdatedAt: T1, updatedAt: T1 },
      updatedAt: T1,
    });
    expect(state.clientsByApplicantId.get(expectedApplicant)?.id).toBe(c.id);
  });

  it("draws again when the drawn applicant id is already another client's", () => {
    const { state } = bare();
    const twin = bare();
    const c = seed(state, { status: "new" });
    seed(twin.state, { status: "new" });
    const first = twin.state.ids.uuid().replace(/-/g, "").slice(8);
    const second = twin.state.ids.uuid().replace(/-/g, "").slice(8);
    // Another client takes the first id without drawing any (its id is given).
    seed(state, { id: UNKNOWN_ID, applicantId: first });
    expect(must(simulateReview(state, { clientId: c.id, review: { answer: "GREEN" } })).client.applicantId).toBe(second);
  });

  it("keeps a client's own applicant, drawing no id", () => {
    const { state } = bare();
    const twin = bare();
    const c = seed(state, { status: "new", applicantId: APPLICANT });
    seed(twin.state, { status: "new", applicantId: APPLICANT });
    expect(must(simulateReview(state, { clientId: c.id, review: { answer: "RED", rejectType: "RETRY", rejectLabels: ["SELFIE"] } })).client).toMatchObject({
      applicantId: APPLICANT,
      status: "pendingVerification",
      verificationStatus: "resubmissionRequested",
      review: { answer: "RED", rejectType: "RETRY", rejectLabels: ["SELFIE"] },
    });
    expect(nextId(state)).toBe(nextId(twin.state));
  });

  it("gives a client without an applicant the one named, drawing no id", () => {
    const { state } = bare();
    const twin = bare();
    const c = seed(state, { status: "new" });
    seed(twin.state, { status: "new" });
    expect(must(simulateReview(state, { clientId: c.id, applicantId: APPLICANT, review: { answer: "GREEN" } })).client.applicantId).toBe(APPLICANT);
    expect(state.clientsByApplicantId.get(APPLICANT)?.id).toBe(c.id);
    expect(nextId(state)).toBe(nextId(twin.state));
  });

  it("finds the client by its applicant id alone, or by both when they agree", () => {
    const { state } = bare();
    const c = seed(state, { status: "pendingVerification", applicantId: APPLICANT });
    expect(must(simulateReview(state, { applicantId: APPLICANT, review: { answer: "RED", rejectType: "FINAL" } })).client).toMatchObject({ id: c.id, status: "blocked", verificationStatus: "rejected", blockedReason: "verificationRejected" });
    expect(must(simulateReview(state, { clientId: c.id.toUpperCase(), applicantId: APPLICANT, review: { answer: "GREEN" } })).client).toMatchObject({ id: c.id, verificationStatus: "approved", statusBeforeBlock: "active" });
  });

  it("refuses an applicant id that is not the client's: another client's, or not the one it has", () => {
    const { state } = bare();
    const own = seed(state, { status: "new", applicantId: APPLICANT });
    const none = seed(state, { status: "new" });
    expect(errorOf(simulateReview(state, { clientId: own.id, applicantId: OTHER_APPLICANT, review: { answer: "GREEN" } }))).toEqual({ code: "validationError", field: "applicantId", message: `applicant ${OTHER_APPLICANT} is not client ${own.id}'s` });
    expect(errorOf(simulateReview(state, { clientId: none.id, applicantId: APPLICANT, review: { answer: "GREEN" } }))).toEqual({ code: "validationError", field: "applicantId", message: `applicant ${APPLICANT} is not client ${none.id}'s` });
    expect(stored(state, own.id)).toEqual(own);
    expect(stored(state, none.id)).toEqual(none);
  });

  it("refuses a RED review without a reject type before drawing an applicant id", () => {
    const { state } = bare();
    const twin = bare();
    const c = seed(state, { status: "new" });
    seed(twin.state, { status: "new" });
    expect(errorOf(simulateReview(state, { clientId: c.id, review: { answer: "RED" } }))).toMatchObject({ code: "validationError", field: "reviewRejectType" });
    expect(stored(state, c.id)).toEqual(c);
    expect(nextId(state)).toBe(nextId(twin.state));
  });

  it("refuses a closed client before drawing an applicant id", () => {
    const { state } = bare();
    const twin = bare();
    const c = seed(state, { status: "active" });
    must(setClientStatus(state, c.id, "closed", null));
    const t = seed(twin.state, { status: "active" });
    must(setClientStatus(twin.state, t.id, "closed", null));
    const closed = stored(state, c.id);
    expect(errorOf(simulateReview(state, { clientId: c.id, review: { answer: "GREEN" } }))).toEqual({ code: "clientClosed", message: `Client ${c.id} is closed; its verification no longer changes` });
    expect(stored(state, c.id)).toEqual(closed);
    expect(nextId(state)).toBe(nextId(twin.state));
  });

  it("moves a client created through the API as the table says", () => {
    const { state } = bare();
    const c = must(createClient(state, { type: "company", email: "co@example.com", companyName: "Co", registrationNumber: "HRB 1", country: "DE" }));
    expect(must(simulateReview(state, { clientId: c.id, review: { answer: "RED", rejectType: "RETRY" } })).client.status).toBe("pendingVerification");
  });
});
