import { beforeEach, describe, expect, it } from "vitest";
import { DEMO_IDS } from "../../sandbox/core/index.js";
import { testSandbox, type TestSandbox } from "../support/http.js";
import type { Json } from "../support/spec.js";

const C = DEMO_IDS.clients;
const A = DEMO_IDS.accounts;
const TREASURY_EUR = DEMO_IDS.treasury.eur;
const PARENT = "70850378-7d3c-4f45-91b7-942d4dfbbd43";
const asEmma = { authorization: `Bearer ${C.emmaSchneider}` };
const address = { line1: "Kastanienallee 7", line2: null, city: "Berlin", region: null, postalCode: "10435", country: "DE" };
const person = { type: "individual", email: "jana.kraus@example.com", phone: "+491709876543", firstName: "Jana", lastName: "Kraus", dateOfBirth: "1993-05-17", country: "DE", address };
let sandbox: TestSandbox;

beforeEach(() => {
  sandbox = testSandbox();
});

const pay = (debtor: string, creditor: string, amount: number) =>
  sandbox.call("POST", "/internal/Payments", { body: { parentId: PARENT, parentType: "transfer", debtorAccountId: debtor, creditorAccountId: creditor, currency: "eur", amount } });

describe("the current client (FrontOffice)", () => {
  it("reads its own profile and plan with its bearer token; without one it is 401", async () => {
    const me = await sandbox.call("GET", "/Client", { headers: asEmma });
    expect(me.status).toBe(200);
    expect(me.json).toMatchObject({ id: C.emmaSchneider, type: "individual", status: "active", verificationStatus: "approved", plan: "standard", phone: "+493055501842", dateOfBirth: "1991-03-14" });
    expect(me.json.address).toMatchObject({ city: "Berlin", country: "DE" });
    const plan = await sandbox.call("GET", "/Client/plan", { headers: asEmma });
    expect(plan.json.code).toBe("standard");
    expect(plan.json.limits).toHaveLength(10);
    expect(plan.json.limits.find((l: Json) => l.currency === "eur")).toEqual({ currency: "eur", maxBalance: 1_000_000, monthlyIncomingLimit: 250_000, monthlyOutgoingLimit: 100_000 });
    const lukas = await sandbox.call("GET", "/Client/plan", { headers: { authorization: `Bearer ${C.lukasNowak}` } });
    expect(lukas.json.limits[0].maxBalance).toBe(10_000);
    expect((await sandbox.call("GET", "/Client")).status).toBe(401);
  });

  it("records one deletion request and refuses a second, leaving the status to the back office", async () => {
    const first = await sandbox.call("POST", "/Client/deletion-notifications", { body: { reason: "Moving abroad." }, headers: asEmma });
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ clientId: C.emmaSchneider, reason: "Moving abroad.", createdDate: "2026-03-02T10:00:00.000Z" });
    const second = await sandbox.call("POST", "/Client/deletion-notifications", { headers: asEmma });
    expect([second.status, second.json.code]).toEqual([422, "deletionAlreadyRequested"]);
    expect((await sandbox.call("GET", "/Client", { headers: asEmma })).json.status).toBe("active");
  });
});

describe("client records (System)", () => {
  it("creates an individual as new and unverified, and a company with related individuals that get ids", async () => {
    const made = await sandbox.call("POST", "/internal/Clients", { body: person });
    expect(made.status).toBe(200);
    expect(made.json).toMatchObject({ status: "new", verificationStatus: "notStarted", country: "DE", plan: "standard", companyName: null, relatedIndividuals: [], updatedDate: null });
    expect((await sandbox.call("GET", `/internal/Clients/${made.json.id}`)).json).toEqual(made.json);
    const company = await sandbox.call("POST", "/internal/Clients", {
      body: { type: "company", email: "ops@kranich.example", phone: "+493012345678", companyName: "Kranich AG", registrationNumber: "HRB 9", country: "DE", address, plan: "business",
        relatedIndividuals: [{ firstName: "Ida", lastName: "Kranich", dateOfBirth: "1970-02-02", role: "beneficialOwner", ownershipPercentage: 80 }] },
    });
    expect(company.status).toBe(200);
    expect(company.json.relatedIndividuals[0]).toMatchObject({ firstName: "Ida", role: "beneficialOwner", ownershipPercentage: 80 });
    expect(company.json.relatedIndividuals[0].id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("refuses an incomplete or mixed profile (400), a taken email in any case and an unknown plan (422)", async () => {
    const { dateOfBirth: _, ...noBirth } = person;
    const incomplete = await sandbox.call("POST", "/internal/Clients", { body: noBirth });
    expect([incomplete.status, Object.keys(incomplete.json.errors)]).toEqual([400, ["dateOfBirth"]]);
    const mixed = await sandbox.call("POST", "/internal/Clients", { body: { ...person, companyName: "Oops" } });
    expect([mixed.status, Object.keys(mixed.json.errors)]).toEqual([400, ["companyName"]]);
    const related = await sandbox.call("POST", "/internal/Clients", { body: { ...person, relatedIndividuals: [{ firstName: "A", lastName: "B", dateOfBirth: "1990-01-01", role: "director" }] } });
    expect(related.status).toBe(400);
    const taken = await sandbox.call("POST", "/internal/Clients", { body: { ...person, email: "Emma.Schneider@EXAMPLE.com" } });
    expect([taken.status, taken.json.code]).toEqual([422, "clientAlreadyExists"]);
    const plan = await sandbox.call("POST", "/internal/Clients", { body: { ...person, plan: "gold" } });
    expect([plan.status, plan.json.code]).toEqual([422, "planNotFound"]);
    expect((await sandbox.call("GET", "/internal/Clients", { query: { search: "kraus" } })).json.totalCount).toBe(0);
  });

  it("lists with filters and paging, oldest first", async () => {
    await sandbox.call("POST", "/internal/Clients", { body: person });
    const all = await sandbox.call("GET", "/internal/Clients");
    expect(all.json.totalCount).toBe(5);
    expect(all.json.items.map((c: Json) => c.id).slice(0, 4)).toEqual([C.emmaSchneider, C.lukasNowak, C.nordlichtDesign, C.harbourFinch]);
    expect((await sandbox.call("GET", "/internal/Clients", { query: { type: "company" } })).json.items.map((c: Json) => c.companyName)).toEqual(["Nordlicht Design GmbH", "Harbour & Finch Ltd"]);
    expect((await sandbox.call("GET", "/internal/Clients", { query: { status: "new" } })).json.items.map((c: Json) => c.email)).toEqual([person.email]);
    expect((await sandbox.call("GET", "/internal/Clients", { query: { verificationStatus: "approved" } })).json.totalCount).toBe(4);
    expect((await sandbox.call("GET", "/internal/Clients", { query: { search: "HARBOUR" } })).json.items[0].id).toBe(C.harbourFinch);
    const page = await sandbox.call("GET", "/internal/Clients", { query: { page: 2, pageSize: 2 } });
    expect([page.json.totalCount, page.json.page, page.json.items.map((c: Json) => c.id)]).toEqual([5, 2, [C.nordlichtDesign, C.harbourFinch]]);
  });

  it("updates given fields only and keeps emails unique; a closed client is frozen", async () => {
    const updated = await sandbox.call("PUT", `/internal/Clients/${C.emmaSchneider}`, { body: { phone: "+491700000001", address } });
    expect(updated.json).toMatchObject({ phone: "+491700000001", address, email: "emma.schneider@example.com", updatedDate: "2026-03-02T10:00:00.000Z" });
    const wrongType = await sandbox.call("PUT", `/internal/Clients/${C.emmaSchneider}`, { body: { companyName: "Emma GmbH" } });
    expect([wrongType.status, Object.keys(wrongType.json.errors)]).toEqual([400, ["companyName"]]);
    const taken = await sandbox.call("PUT", `/internal/Clients/${C.emmaSchneider}`, { body: { email: "LUKAS.nowak@example.com" } });
    expect([taken.status, taken.json.code]).toEqual([422, "clientAlreadyExists"]);
    // Her old email is free again once she changed it.
    expect((await sandbox.call("PUT", `/internal/Clients/${C.emmaSchneider}`, { body: { email: "emma@example.com" } })).status).toBe(200);
    expect((await sandbox.call("PUT", `/internal/Clients/${C.lukasNowak}`, { body: { email: "emma.schneider@example.com" } })).status).toBe(200);
    await sandbox.call("PUT", `/internal/Clients/${C.harbourFinch}/status`, { body: { status: "closed" } });
    const frozen = await sandbox.call("PUT", `/internal/Clients/${C.harbourFinch}`, { body: { phone: "+442000000000" } });
    expect([frozen.status, frozen.json.code]).toEqual([422, "clientClosed"]);
  });

  it("moves through statuses: closed is final, active needs an approved verification", async () => {
    const made = (await sandbox.call("POST", "/internal/Clients", { body: person })).json;
    const activate = await sandbox.call("PUT", `/internal/Clients/${made.id}/status`, { body: { status: "active" } });
    expect([activate.status, activate.json.code]).toEqual([422, "verificationNotApproved"]);
    const same = await sandbox.call("PUT", `/internal/Clients/${made.id}/status`, { body: { status: "new" } });
    expect([same.status, same.json.code]).toEqual([422, "invalidStateTransition"]);
    const blocked = await sandbox.call("PUT", `/internal/Clients/${made.id}/status`, { body: { status: "blocked", reason: "Compliance hold" } });
    expect(blocked.json).toMatchObject({ status: "blocked", blockedReason: "Compliance hold" });
    expect((await sandbox.call("PUT", `/internal/Clients/${made.id}/unblock`)).json).toMatchObject({ status: "new", blockedReason: null });
    expect((await sandbox.call("PUT", `/internal/Clients/${made.id}/status`, { body: { status: "closed" } })).json.status).toBe("closed");
    const reopen = await sandbox.call("PUT", `/internal/Clients/${made.id}/status`, { body: { status: "new" } });
    expect([reopen.status, reopen.json.code]).toEqual([422, "invalidStateTransition"]);
    const block = await sandbox.call("PUT", `/internal/Clients/${made.id}/block`);
    expect([block.status, block.json.code]).toEqual([422, "invalidStateTransition"]);
  });
});

describe("blocking a client", () => {
  it("stops its accounts sending and receiving, keeps its profile readable, and unblocking restores them", async () => {
    const blocked = await sandbox.call("PUT", `/internal/Clients/${C.emmaSchneider}/block`, { body: { reason: "Suspicious activity" } });
    expect(blocked.json).toMatchObject({ status: "blocked", blockedReason: "Suspicious activity" });
    expect((await sandbox.call("GET", "/Client", { headers: asEmma })).json.status).toBe("blocked");
    const send = await pay(A.emmaEur, A.lukasEur, 1);
    expect([send.status, send.json.code]).toEqual([422, "accountNotActive"]);
    expect(send.json.detail).toContain("who is blocked");
    const receive = await pay(A.lukasEur, A.emmaEur, 1);
    expect([receive.status, receive.json.code]).toEqual([422, "accountNotActive"]);
    // The demo's pending payment from Emma can neither post, but it can be canceled (holds are always released).
    const pending = DEMO_IDS.payments.emmaToLukasPending;
    expect((await sandbox.call("POST", `/internal/Payments/${pending}/post`)).json.code).toBe("accountNotActive");
    const unblocked = await sandbox.call("PUT", `/internal/Clients/${C.emmaSchneider}/unblock`);
    expect(unblocked.json).toMatchObject({ status: "active", blockedReason: null });
    expect((await pay(A.emmaEur, A.lukasEur, 1)).status).toBe(200);
    expect((await sandbox.call("POST", `/internal/Payments/${pending}/post`)).status).toBe(200);
  });

  it("keeps a closed client's accounts out of new drafts too", async () => {
    const drafted = () => sandbox.call("POST", "/internal/Payments/draft", { body: { parentId: PARENT, parentType: "transfer", transactions: [{ debtorAccountId: A.harbourUsd, creditorAccountId: A.emmaUsd, currency: "usd", amount: 1 }] } });
    await sandbox.call("PUT", `/internal/Clients/${C.harbourFinch}/block`);
    expect((await drafted()).status).toBe(200);
    await sandbox.call("PUT", `/internal/Clients/${C.harbourFinch}/status`, { body: { status: "closed" } });
    expect((await drafted()).json.code).toBe("accountNotActive");
  });
});

describe("the plan's maxBalance as the ledger's incoming limit", () => {
  it("refuses a payment or pend that would take an account past it, counting pending incoming", async () => {
    const lukasEur = (await sandbox.call("GET", `/v2/ledger/internal/Accounts/${A.lukasEur}`)).json;
    const room = Math.round((10_000 - lukasEur.balance - lukasEur.pendingIncomingAmount) * 100) / 100;
    const over = await pay(TREASURY_EUR, A.lukasEur, room + 0.01);
    expect([over.status, over.json.code]).toEqual([422, "incomingLimitExceeded"]);
    expect(over.json.detail).toContain("plan basic");
    const draft = await sandbox.call("POST", "/internal/Payments/draft", { body: { parentId: PARENT, parentType: "transfer", transactions: [{ debtorAccountId: TREASURY_EUR, creditorAccountId: A.lukasEur, currency: "eur", amount: room }] } });
    expect((await sandbox.call("POST", `/internal/Payments/${draft.json.paymentId}/pend`)).status).toBe(200);
    // The pending incoming now fills the room: one cent more is refused.
    expect((await pay(TREASURY_EUR, A.lukasEur, 0.01)).json.code).toBe("incomingLimitExceeded");
    // A request's own restriction may cap lower; the plan cap holds even without one.
    await sandbox.call("PUT", `/internal/Clients/${C.lukasNowak}`, { body: { plan: "premium" } });
    expect((await pay(TREASURY_EUR, A.lukasEur, 50_000)).status).toBe(200);
  });
});
