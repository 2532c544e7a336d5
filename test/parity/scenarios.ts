/**
 * The parity scenarios: written once, run with identical expectations against every way the sandbox is
 * served (the in-process entry, express over HTTP, MSW's setupServer), always through the typed clients.
 * Each test works in a tenant of its own, so targets need no reset between tests.
 */
import { describe, expect, it } from "vitest";
import type { FinlegoClient, SandboxControlClient } from "../../client/index.js";

/** One way of serving the sandbox, as the scenarios see it. */
export interface ParityTarget {
  finlego(options: { tenant: string; token?: string; headers?: Record<string, string> }): FinlegoClient;
  control(tenant: string): SandboxControlClient;
}

/** The instant every target's clocks stand at, so answers carry the same dates everywhere. */
export const PARITY_FROZEN_AT = "2026-03-02T10:00:00.000Z";

const PARENT = "70850378-7d3c-4f45-91b7-942d4dfbbd43";
const UNKNOWN = "00000000-0000-4000-8000-000000000000";
let tenants = 0;

/** Registers the scenarios; `target` is read when the tests run (after the suite's beforeAll). */
export function parityScenarios(target: () => ParityTarget): void {
  /** A fresh tenant with two new active eur client accounts of one demo client; the first is funded. */
  async function world(fundMajor: number) {
    const tenant = `parity-${++tenants}`;
    const api = target().finlego({ tenant });
    const control = target().control(tenant);
    const list = await api.GET("/v2/ledger/internal/Accounts", { params: { query: { pageSize: 100 } } });
    const clientId = list.data!.items.find((a) => a.type === "client")!.clientId!;
    const open = async () => {
      const made = await api.POST("/v2/internal/Accounts", { body: { clientId, currency: "eur", type: "client" } });
      expect(made.response.status).toBe(200);
      return made.data!.id;
    };
    const [a, b] = [await open(), await open()];
    if (fundMajor > 0) {
      const funded = await control.POST("/__sandbox/simulations/incoming-payment", { body: { accountId: a, amount: fundMajor } });
      expect([funded.response.status, funded.data?.balance]).toEqual([200, fundMajor]);
    }
    const balances = async (id: string) => {
      const { data } = await api.GET("/v2/ledger/internal/Accounts/{accountId}", { params: { path: { accountId: id } } });
      return { balance: data!.balance, held: data!.heldAmount, incoming: data!.pendingIncomingAmount, available: data!.availableBalance };
    };
    const draft = (amount: number) =>
      api.POST("/internal/Payments/draft", { body: { parentId: PARENT, parentType: "transfer", transactions: [{ debtorAccountId: a, creditorAccountId: b, currency: "eur", amount }] } });
    const step = (paymentId: string, action: "pend" | "post" | "cancel") => api.POST(`/internal/Payments/{paymentId}/${action}`, { params: { path: { paymentId } } });
    return { tenant, api, control, a, b, balances, draft, step };
  }

  describe("the payment lifecycle", () => {
    it("draft, pend (held), post, and a pended payment canceled with its hold paid back: exact balances", async () => {
      const w = await world(100);
      const drafted = await w.draft(30);
      expect([drafted.response.status, drafted.data!.transactions[0]!.state]).toEqual([200, "draft"]);
      expect(await w.balances(w.a)).toEqual({ balance: 100, held: 0, incoming: 0, available: 100 });
      const id = drafted.data!.paymentId;
      expect((await w.step(id, "pend")).data!.transactions[0]!.state).toBe("pending");
      expect(await w.balances(w.a)).toEqual({ balance: 100, held: 30, incoming: 0, available: 70 });
      expect(await w.balances(w.b)).toEqual({ balance: 0, held: 0, incoming: 30, available: 0 });
      expect((await w.step(id, "post")).data!.transactions[0]!.state).toBe("posted");
      expect(await w.balances(w.a)).toEqual({ balance: 70, held: 0, incoming: 0, available: 70 });
      expect(await w.balances(w.b)).toEqual({ balance: 30, held: 0, incoming: 0, available: 30 });

      const second = (await w.draft(20.01)).data!.paymentId;
      await w.step(second, "pend");
      expect(await w.balances(w.a)).toEqual({ balance: 70, held: 20.01, incoming: 0, available: 49.99 });
      expect((await w.step(second, "cancel")).data!.transactions[0]!.state).toBe("canceled");
      expect(await w.balances(w.a)).toEqual({ balance: 70, held: 0, incoming: 0, available: 70 });
      expect(await w.balances(w.b)).toEqual({ balance: 30, held: 0, incoming: 0, available: 30 });
    });

    it("refuses an illegal step with 422 invalidStateTransition and an unknown payment with 404, changing nothing", async () => {
      const w = await world(50);
      const id = (await w.draft(10)).data!.paymentId;
      await w.step(id, "cancel");
      const illegal = await w.step(id, "post");
      expect([illegal.response.status, illegal.error?.code]).toEqual([422, "invalidStateTransition"]);
      const unknown = await w.step(UNKNOWN, "pend");
      expect([unknown.response.status, unknown.error?.code]).toEqual([404, "paymentNotFound"]);
      expect(await w.balances(w.a)).toEqual({ balance: 50, held: 0, incoming: 0, available: 50 });
    });

    it("refuses a pend beyond the available funds with 422 insufficientFunds", async () => {
      const w = await world(25);
      const id = (await w.draft(25.01)).data!.paymentId;
      const refused = await w.step(id, "pend");
      expect([refused.response.status, refused.error?.code]).toEqual([422, "insufficientFunds"]);
      expect(await w.balances(w.a)).toEqual({ balance: 25, held: 0, incoming: 0, available: 25 });
    });

    it("bulk pend is atomic: when one payment cannot be held, none is", async () => {
      const w = await world(50);
      const first = (await w.draft(30)).data!.paymentId;
      const second = (await w.draft(30)).data!.paymentId;
      const bulk = await w.api.POST("/internal/Payments/pend", { body: { paymentIds: [first, second], parentId: PARENT } });
      expect([bulk.response.status, bulk.error?.code]).toEqual([422, "insufficientFunds"]);
      expect(await w.balances(w.a)).toEqual({ balance: 50, held: 0, incoming: 0, available: 50 });
      const one = await w.api.POST("/internal/Payments/pend", { body: { paymentIds: [first], parentId: PARENT } });
      expect(one.data!.payments.map((p) => p.transactions[0]!.state)).toEqual(["pending"]);
      expect(await w.balances(w.a)).toEqual({ balance: 50, held: 30, incoming: 0, available: 20 });
    });
  });

  describe("faults and validation", () => {
    it("answers a Prefer-forced 404 and 422 in the documented shape, changing nothing", async () => {
      const w = await world(40);
      const id = (await w.draft(10)).data!.paymentId;
      const forced = target().finlego({ tenant: w.tenant, headers: { Prefer: "code=422, error=insufficientFunds" } });
      const refused = await forced.POST("/internal/Payments/{paymentId}/pend", { params: { path: { paymentId: id } } });
      expect([refused.response.status, refused.error?.code, refused.response.headers.get("content-type")]).toEqual([422, "insufficientFunds", "application/problem+json"]);
      const missing = await target()
        .finlego({ tenant: w.tenant, headers: { Prefer: "code=404" } })
        .GET("/v2/ledger/internal/Accounts/{accountId}", { params: { path: { accountId: w.a } } });
      expect([missing.response.status, missing.error?.code]).toEqual([404, "accountNotFound"]);
      expect(await w.balances(w.a)).toEqual({ balance: 40, held: 0, incoming: 0, available: 40 });
    });

    it("a fault rule answers its status once, then a broken connection rejects the client's fetch", async () => {
      const w = await world(0);
      const rule = await w.control.POST("/__sandbox/faults", { body: { match: { operationId: "getLedgerAccount" }, respond: { status: 503 }, times: 1 } });
      expect(rule.response.status).toBe(201);
      const read = () => w.api.GET("/v2/ledger/internal/Accounts/{accountId}", { params: { path: { accountId: w.a } } });
      expect([(await read()).response.status, (await read()).response.status]).toEqual([503, 200]);
      await w.control.POST("/__sandbox/faults", { body: { match: { operationId: "getLedgerAccount" }, respond: { fault: "connectionReset" }, times: 1 } });
      await expect(read()).rejects.toThrow(TypeError);
      expect((await read()).response.status).toBe(200);
    });

    it("a body that breaks the schema is a 400 naming the field", async () => {
      const w = await world(0);
      const bad = await w.draft(-5);
      expect([bad.response.status, bad.error?.code]).toEqual([400, "validationError"]);
      expect(Object.keys(bad.error!.errors ?? {}).some((field) => field.endsWith("amount"))).toBe(true);
    });

    it("tenants are isolated: a payment made in one is unknown in another", async () => {
      const w = await world(10);
      const id = (await w.draft(5)).data!.paymentId;
      const other = await world(0);
      const elsewhere = await other.step(id, "pend");
      expect([elsewhere.response.status, elsewhere.error?.code]).toEqual([404, "paymentNotFound"]);
      expect((await w.step(id, "pend")).response.status).toBe(200);
    });
  });

  describe("the control API", () => {
    it("sets the clock, keeps a journal and resets to the seed", async () => {
      const w = await world(10);
      const set = await w.control.PUT("/__sandbox/clock", { body: { now: "2027-01-15T08:00:00.000Z", frozen: true } });
      expect(set.data).toEqual({ now: "2027-01-15T08:00:00.000Z", frozen: true });
      const made = await w.draft(1);
      expect(made.data!.transactions[0]!.createdDate).toBe("2027-01-15T08:00:00.000Z");
      const journal = await w.control.GET("/__sandbox/journal", { params: { query: { operationId: "draftPayment" } } });
      expect(journal.data!.entries.map((e) => [e.method, e.status])).toEqual([["POST", 200]]);
      const reset = await w.control.POST("/__sandbox/reset", { body: { to: "seed" } });
      expect(reset.response.status).toBe(200);
      const gone = await w.step(made.data!.paymentId, "pend");
      expect([gone.response.status, gone.error?.code]).toEqual([404, "paymentNotFound"]);
    });
  });

  describe("transfers", () => {
    it("a client's transfer: the code, the hold, completion on the clock, the PDF confirmation, and 404 for another client", async () => {
      const tenant = `parity-${++tenants}`;
      const emma = "f5057fee-4c3e-4459-82dd-21250b729601";
      const emmaEur = "657bf824-c301-4403-be88-c45db5a0e105";
      const me = target().finlego({ tenant, token: emma });
      const control = target().control(tenant);
      const account = async () => (await me.GET("/Accounts/{id}", { params: { path: { id: emmaEur } } })).data!;
      const before = await account();
      const recipient = await me.POST("/Recipients", { body: { name: "Sophie Wagner", accountNumber: "DE12500105170648489890", country: "DE", currency: "eur" } });
      const made = await me.POST("/Transfers/outgoing", { body: { accountId: emmaEur, recipientId: recipient.data!.id, amount: 12.34, currency: "eur" } });
      expect(made.data).toMatchObject({ status: "pendingConfirmation", type: "sepa" });
      const transferId = made.data!.id;
      const confirmed = await me.PUT("/Transfers/outgoing/{transferId}/confirm", { params: { path: { transferId } }, body: { code: "000000" } });
      expect(confirmed.data?.status).toBe("confirmed");
      expect((await account()).heldAmount).toBe(before.heldAmount + 12.34);
      await control.POST("/__sandbox/clock/advance", { body: { seconds: 10 } });
      const done = await me.GET("/Transfers/{transferId}", { params: { path: { transferId } } });
      expect(done.data).toMatchObject({ status: "completed", completedDate: "2026-03-02T10:00:10.000Z" });
      expect(await account()).toMatchObject({ balance: before.balance - 12.34, heldAmount: before.heldAmount });
      const pdf = await me.GET("/Documents/{fileName}", { params: { path: { fileName: `${transferId}.pdf` } }, parseAs: "arrayBuffer" });
      expect(pdf.response.headers.get("content-type")).toBe("application/pdf");
      expect(new TextDecoder().decode(pdf.data as ArrayBuffer).startsWith("%PDF-1.4")).toBe(true);
      const lukas = target().finlego({ tenant, token: "f41fcb28-e1ec-4229-9aa5-148c01a8c3f5" });
      const hidden = await lukas.GET("/Transfers/{transferId}", { params: { path: { transferId } } });
      expect([hidden.response.status, hidden.error?.code]).toEqual([404, "transferNotFound"]);
    });
  });
}
