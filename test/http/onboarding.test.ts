import { beforeEach, describe, expect, it } from "vitest";
import { DEMO_IDS } from "../../sandbox/core/index.js";
import { testSandbox, type TestSandbox } from "../support/http.js";
import type { Json } from "../support/spec.js";

const address = { line1: "ul. Prosta 51", line2: null, city: "Warszawa", region: "Mazowieckie", postalCode: "00-838", country: "PL" };
const individual = { externalId: "wl-onb-000184", email: "marta.nowak@example.com", phone: "+48601234567", firstName: "Marta", lastName: "Nowak", dateOfBirth: "1994-07-21", country: "PL", address };
const company = {
  externalId: "wl-onb-000217", email: "office@vistula.example", phone: "+48221234567", companyName: "Vistula Logistics", registrationNumber: "KRS 0000123456", country: "PL", address,
  relatedIndividuals: [{ firstName: "Piotr", lastName: "Zielinski", dateOfBirth: "1979-02-14", role: "beneficialOwner", ownershipPercentage: 75 }],
};
let sandbox: TestSandbox;

beforeEach(() => {
  sandbox = testSandbox();
});

const importIndividual = (extra: Json = {}) => sandbox.call("POST", "/integration/ClientsImport/individual", { body: { ...individual, ...extra } });
const webhook = (body: Json) => sandbox.call("POST", "/integration/sumsub-webhooks/update-state", { body });
const simulate = (body: Json) => sandbox.call("POST", "/integration/sumsub-webhooks/simulate", { body });
const client = async (id: string) => (await sandbox.call("GET", `/internal/Clients/${id}`)).json;

describe("ClientsImport", () => {
  it("imports an individual as new by default, with the accounts asked for, active at once", async () => {
    const made = await importIndividual({ accounts: [{ currency: "pln", name: "Konto PLN" }, { currency: "eur" }] });
    expect(made.status).toBe(200);
    expect(made.json).toMatchObject({ type: "individual", status: "new", verificationStatus: "notStarted", externalId: "wl-onb-000184", updatedDate: null });
    expect(made.json.accounts.map((a: Json) => [a.currency, a.name, a.status, a.clientId])).toEqual([["pln", "Konto PLN", "active", made.json.id], ["eur", null, "active", made.json.id]]);
    const { accounts: _, ...profile } = made.json;
    expect(await client(made.json.id)).toEqual(profile);
  });

  it("carries the onboarding system's verification over to the status", async () => {
    const statusOf = async (verificationStatus: string, n: number) => (await importIndividual({ externalId: `wl-${n}`, email: `v${n}@example.com`, verificationStatus })).json;
    expect((await statusOf("approved", 1)).status).toBe("active");
    expect((await statusOf("pending", 2)).status).toBe("pendingVerification");
    expect((await statusOf("resubmissionRequested", 3)).status).toBe("pendingVerification");
    expect(await statusOf("rejected", 4)).toMatchObject({ status: "blocked", blockedReason: "verificationRejected" });
  });

  it("imports a company with its related individuals", async () => {
    const made = await sandbox.call("POST", "/integration/ClientsImport/company", { body: company });
    expect(made.json).toMatchObject({ type: "company", companyName: "Vistula Logistics", status: "new", accounts: [] });
    expect(made.json.relatedIndividuals[0]).toMatchObject({ firstName: "Piotr", role: "beneficialOwner" });
  });

  it("refuses a duplicate import, changing nothing, and opens no account when one currency is not enabled", async () => {
    expect((await importIndividual()).status).toBe(200);
    const again = await importIndividual({ email: "someone.else@example.com" });
    expect([again.status, again.json.code]).toEqual([422, "clientAlreadyExists"]);
    await sandbox.call("PUT", "/internal/Currencies/nok", { body: { name: "Norwegian Krone", isEnabled: false } });
    const accountsBefore = (await sandbox.call("GET", "/v2/ledger/internal/Accounts", { query: { pageSize: 100 } })).json.totalCount;
    const refused = await importIndividual({ externalId: "wl-nok", email: "nok@example.com", accounts: [{ currency: "eur" }, { currency: "nok" }] });
    expect([refused.status, refused.json.code, Object.keys(refused.json)]).toEqual([422, "currencyNotEnabled", expect.any(Array)]);
    expect((await sandbox.call("GET", "/internal/Clients", { query: { search: "nok@" } })).json.totalCount).toBe(0);
    expect((await sandbox.call("GET", "/v2/ledger/internal/Accounts", { query: { pageSize: 100 } })).json.totalCount).toBe(accountsBefore);
  });
});

describe("Sumsub verification", () => {
  it("follows an applicant from created through pending to GREEN: the client becomes active", async () => {
    const id = (await importIndividual()).json.id;
    const created = await webhook({ applicantId: "65f2d1b3c4e5f6a708192a3b", externalUserId: id, type: "applicantCreated" });
    expect(created.json).toMatchObject({ clientId: id, applicantId: "65f2d1b3c4e5f6a708192a3b", verificationStatus: "notStarted", clientStatus: "new" });
    const pending = await webhook({ applicantId: "65f2d1b3c4e5f6a708192a3b", type: "applicantPending", reviewStatus: "pending" });
    expect(pending.json).toMatchObject({ verificationStatus: "pending", clientStatus: "pendingVerification" });
    const green = await webhook({ applicantId: "65f2d1b3c4e5f6a708192a3b", type: "applicantReviewed", reviewStatus: "completed", reviewResult: { reviewAnswer: "GREEN" } });
    expect(green.json).toMatchObject({ verificationStatus: "approved", clientStatus: "active", reviewAnswer: "GREEN", reviewRejectType: null, rejectLabels: [], updatedDate: "2026-03-02T10:00:00.000Z" });
    expect(await client(id)).toMatchObject({ status: "active", verificationStatus: "approved", applicantId: "65f2d1b3c4e5f6a708192a3b" });
  });

  it("maps RED with RETRY to resubmission requested and RED with FINAL to rejected and blocked", async () => {
    const emma = DEMO_IDS.clients.emmaSchneider;
    const retry = await simulate({ clientId: emma, reviewAnswer: "RED", reviewRejectType: "RETRY", rejectLabels: ["DOCUMENT_PAGE_MISSING"] });
    expect(retry.json).toMatchObject({ verificationStatus: "resubmissionRequested", clientStatus: "pendingVerification", reviewAnswer: "RED", reviewRejectType: "RETRY", rejectLabels: ["DOCUMENT_PAGE_MISSING"] });
    const final = await simulate({ clientId: emma, reviewAnswer: "RED", reviewRejectType: "FINAL", rejectLabels: ["FORGERY"] });
    expect(final.json).toMatchObject({ verificationStatus: "rejected", clientStatus: "blocked" });
    expect((await client(emma)).blockedReason).toBe("verificationRejected");
    // Unblocking returns the client to verification, not to active: its verification is rejected.
    expect((await sandbox.call("PUT", `/internal/Clients/${emma}/unblock`)).json.status).toBe("pendingVerification");
    expect((await simulate({ clientId: emma, reviewAnswer: "GREEN" })).json.clientStatus).toBe("active");
  });

  it("gives a client without an applicant a Sumsub-shaped one, and finds clients by it afterwards", async () => {
    const id = (await sandbox.call("POST", "/internal/Clients", { body: { type: "individual", email: "new@example.com", firstName: "N", lastName: "C", dateOfBirth: "1990-01-01", phone: "+491700000002", country: "DE", address: { ...address, country: "DE" } } })).json.id;
    const result = await simulate({ clientId: id, reviewAnswer: "GREEN" });
    expect(result.json.applicantId).toMatch(/^[0-9a-f]{24}$/);
    const byApplicant = await simulate({ applicantId: result.json.applicantId, reviewAnswer: "RED", reviewRejectType: "RETRY" });
    expect(byApplicant.json).toMatchObject({ clientId: id, verificationStatus: "resubmissionRequested" });
    const foreign = await simulate({ clientId: id, applicantId: "f13ad709099ef76aae224597", reviewAnswer: "GREEN" });
    expect([foreign.status, Object.keys(foreign.json.errors)]).toEqual([400, ["applicantId"]]);
  });

  it("refuses an unknown applicant (404), a RED without reject type or a review without result (400), and acknowledges other types", async () => {
    const unknown = await webhook({ applicantId: "000000000000000000000000", type: "applicantReviewed", reviewResult: { reviewAnswer: "GREEN" } });
    expect([unknown.status, unknown.json.code]).toEqual([404, "clientNotFound"]);
    const applicant = "f13ad709099ef76aae224597";
    expect((await webhook({ applicantId: applicant, type: "applicantReviewed" })).status).toBe(400);
    expect((await webhook({ applicantId: applicant, type: "applicantReviewed", reviewResult: { reviewAnswer: "RED" } })).status).toBe(400);
    expect((await simulate({ reviewAnswer: "GREEN" })).status).toBe(400);
    const hold = await webhook({ applicantId: applicant, type: "applicantOnHold", someFieldSumsubAdds: { x: 1 } });
    expect(hold.json).toMatchObject({ clientId: DEMO_IDS.clients.emmaSchneider, verificationStatus: "approved", clientStatus: "active" });
  });
});
