/**
 * TransferOrchestrator transfers over HTTP (docs/domain/transfers.md): the outgoing lifecycle with its hold,
 * how transfers move on, internal, fx, incoming and integration transfers, documents and who sees what.
 * Every answer is checked against the spec by the entry.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { DEMO_IDS, NETWORK_REJECTED_ACCOUNT_NUMBER } from "../../sandbox/core/index.js";
import { testSandbox, type TestSandbox } from "../support/http.js";
import type { Json } from "../support/spec.js";

const C = DEMO_IDS.clients;
const A = DEMO_IDS.accounts;
const as = (clientId: string) => ({ authorization: `Bearer ${clientId}` });
const asEmma = as(C.emmaSchneider);
const sepaPayee = { name: "Lukas Meyer", accountNumber: "DE89370400440532013000", country: "DE", currency: "eur" };
let sandbox: TestSandbox;

beforeEach(() => {
  sandbox = testSandbox();
});

async function account(id: string): Promise<Json> {
  return (await sandbox.call("GET", `/v2/ledger/internal/Accounts/${id}`)).json;
}

async function recipient(clientId: string, payee: Json = sepaPayee): Promise<string> {
  const added = await sandbox.call("POST", "/internal/Recipients", { body: { ...payee, clientId } });
  expect(added.status, added.text).toBe(200);
  return added.json.id;
}

async function send(clientId: string, accountId: string, recipientId: string, amount: number, currency = "eur"): Promise<Json> {
  const made = await sandbox.call("POST", "/Transfers/outgoing", { body: { accountId, recipientId, amount, currency, reference: "Invoice 7" }, headers: as(clientId) });
  expect(made.status, made.text).toBe(200);
  return made.json;
}

async function confirm(clientId: string, transferId: string, code = "000000") {
  return sandbox.call("PUT", `/Transfers/outgoing/${transferId}/confirm`, { body: { code }, headers: as(clientId) });
}

async function manual() {
  const set = await sandbox.call("PUT", "/__sandbox/transfers/processing", { body: { mode: "manual", processingDelayMs: 0, completionDelayMs: 0 } });
  expect(set.status, set.text).toBe(200);
}

async function payment(paymentId: string): Promise<Json[]> {
  return (await sandbox.call("GET", "/internal/Transactions", { query: { paymentId } })).json.items;
}

async function advance(seconds: number) {
  expect((await sandbox.call("POST", "/__sandbox/clock/advance", { body: { seconds } })).status).toBe(200);
}

describe("an outgoing transfer's lifecycle", () => {
  it("waits for the code with nothing held, holds amount on confirmation, processes at once and completes 10 s later by posting its payment", async () => {
    const before = await account(A.emmaEur);
    const payee = await recipient(C.emmaSchneider);
    const made = await send(C.emmaSchneider, A.emmaEur, payee, 30);
    expect(made).toMatchObject({ direction: "outgoing", type: "sepa", status: "pendingConfirmation", fee: null, amount: 30, counterpartyName: "Lukas Meyer", recipientId: payee });
    const [draft] = await payment(made.paymentIds[0]);
    expect(draft).toMatchObject({ state: "draft", parentType: "transfer", parentId: made.id, debtorAccountId: A.emmaEur, creditorAccountId: DEMO_IDS.treasury.eur, amount: 30 });
    expect((await account(A.emmaEur)).heldAmount).toBe(before.heldAmount);

    const wrong = await confirm(C.emmaSchneider, made.id, "123456");
    expect([wrong.status, wrong.json.code]).toEqual([422, "invalidConfirmationCode"]);
    const confirmed = await confirm(C.emmaSchneider, made.id);
    expect(confirmed.json.status).toBe("confirmed");
    expect(await account(A.emmaEur)).toMatchObject({ heldAmount: before.heldAmount + 30, availableBalance: before.availableBalance - 30, balance: before.balance });
    expect((await payment(made.paymentIds[0]))[0].state).toBe("pending");

    expect((await sandbox.call("GET", `/Transfers/${made.id}`, { headers: asEmma })).json.status).toBe("processing");
    await advance(9);
    expect((await sandbox.call("GET", `/v2/Transfers/outgoing/${made.id}`, { headers: asEmma })).json.status).toBe("processing");
    await advance(1);
    const done = (await sandbox.call("GET", `/Transfers/outgoing/${made.id}`, { headers: asEmma })).json;
    expect(done).toMatchObject({ status: "completed", completedDate: "2026-03-02T10:00:10.000Z" });
    expect(await account(A.emmaEur)).toMatchObject({ balance: before.balance - 30, heldAmount: before.heldAmount, availableBalance: before.availableBalance - 30 });
    expect((await payment(made.paymentIds[0]))[0]).toMatchObject({ state: "posted", postedDate: "2026-03-02T10:00:10.000Z" });
  });

  it("refuses an expired code until a new one is sent, and sends codes only while confirmation is awaited", async () => {
    const made = await send(C.emmaSchneider, A.emmaEur, await recipient(C.emmaSchneider), 20);
    await advance(5 * 60 + 1);
    const expired = await confirm(C.emmaSchneider, made.id);
    expect([expired.status, expired.json.code]).toEqual([422, "confirmationCodeExpired"]);
    const code = await sandbox.call("POST", `/Confirmations/${made.id}`, { headers: asEmma });
    expect(code.json).toEqual({ transferId: made.id, sentTo: "+49305*****42", expiresAt: "2026-03-02T10:10:01.000Z" });
    expect((await confirm(C.emmaSchneider, made.id)).json.status).toBe("confirmed");
    const again = await sandbox.call("POST", `/Confirmations/${made.id}`, { headers: asEmma });
    expect([again.status, again.json.code]).toEqual([422, "invalidStateTransition"]);
  });

  it("cancels before and after confirmation, releasing the hold, and refuses once the transfer is processing", async () => {
    await manual();
    const before = await account(A.emmaEur);
    const payee = await recipient(C.emmaSchneider);
    const unconfirmed = await send(C.emmaSchneider, A.emmaEur, payee, 10);
    const canceledEarly = await sandbox.call("PUT", `/Transfers/outgoing/${unconfirmed.id}/cancel`, { headers: asEmma });
    expect(canceledEarly.json).toMatchObject({ status: "canceled", statusReason: "canceledByClient" });
    expect((await payment(unconfirmed.paymentIds[0]))[0].state).toBe("canceled");

    const held = await send(C.emmaSchneider, A.emmaEur, payee, 40);
    await confirm(C.emmaSchneider, held.id);
    expect((await account(A.emmaEur)).heldAmount).toBe(before.heldAmount + 40);
    expect((await sandbox.call("GET", `/Transfers/${held.id}`, { headers: asEmma })).json.status).toBe("confirmed");
    const canceled = await sandbox.call("PUT", `/v2/Transfers/outgoing/${held.id}/cancel`, { headers: asEmma });
    expect(canceled.json.status).toBe("canceled");
    expect(await account(A.emmaEur)).toMatchObject({ heldAmount: before.heldAmount, balance: before.balance, availableBalance: before.availableBalance });

    const third = await send(C.emmaSchneider, A.emmaEur, payee, 5);
    await confirm(C.emmaSchneider, third.id);
    expect((await sandbox.call("POST", `/internal/Transfers/outgoing/${third.id}/continue`)).json.status).toBe("processing");
    const late = await sandbox.call("PUT", `/Transfers/outgoing/${third.id}/cancel`, { headers: asEmma });
    expect([late.status, late.json.code]).toEqual([422, "invalidStateTransition"]);
    const executed = await sandbox.call("POST", `/internal/Transfers/${third.id}/execute`);
    expect(executed.json).toMatchObject({ status: "completed", completedDate: "2026-03-02T10:00:00.000Z" });
    expect((await account(A.emmaEur)).balance).toBe(before.balance - 5);
  });

  it("holds a transfer in any state and makes it fail or be rejected through the control API, releasing the hold", async () => {
    await manual();
    const before = await account(A.emmaEur);
    const payee = await recipient(C.emmaSchneider);
    const first = await send(C.emmaSchneider, A.emmaEur, payee, 12);
    await confirm(C.emmaSchneider, first.id);
    const processing = await sandbox.call("POST", `/__sandbox/simulations/transfers/${first.id}`, { body: { outcome: "processing" } });
    expect(processing.json).toMatchObject({ status: "processing", statusReason: null });
    const failed = await sandbox.call("POST", `/__sandbox/simulations/transfers/${first.id}`, { body: { outcome: "failed", reason: "beneficiaryBankUnreachable" } });
    expect(failed.json).toMatchObject({ status: "failed", statusReason: "beneficiaryBankUnreachable", completedDate: null });
    const second = await send(C.emmaSchneider, A.emmaEur, payee, 13);
    await confirm(C.emmaSchneider, second.id);
    expect((await sandbox.call("POST", `/__sandbox/simulations/transfers/${second.id}`, { body: { outcome: "rejected" } })).json.statusReason).toBe("rejectedByNetwork");
    expect(await account(A.emmaEur)).toMatchObject({ heldAmount: before.heldAmount, balance: before.balance });
    const over = await sandbox.call("POST", `/__sandbox/simulations/transfers/${second.id}`, { body: { outcome: "completed" } });
    expect([over.status, over.json.code]).toEqual([422, "invalidStateTransition"]);
    const unknown = await sandbox.call("POST", "/__sandbox/simulations/transfers/00000000-0000-4000-8000-000000000000", { body: { outcome: "completed" } });
    expect([unknown.status, unknown.json.code]).toEqual([404, "transferNotFound"]);
  });

  it("lets the network reject the magic account when the transfer reaches it, releasing the hold", async () => {
    const magic = (await sandbox.call("GET", "/__sandbox/magic-values")).json.find((m: Json) => m.value === NETWORK_REJECTED_ACCOUNT_NUMBER);
    expect(magic.operations).toContain("createOutgoingTransfer");
    const before = await account(A.emmaEur);
    const made = await send(C.emmaSchneider, A.emmaEur, await recipient(C.emmaSchneider, { ...sepaPayee, accountNumber: NETWORK_REJECTED_ACCOUNT_NUMBER }), 25);
    expect((await confirm(C.emmaSchneider, made.id)).json.status).toBe("confirmed");
    const rejected = (await sandbox.call("GET", `/Transfers/${made.id}`, { headers: asEmma })).json;
    expect(rejected).toMatchObject({ status: "rejected", statusReason: "rejectedByNetwork" });
    expect(await account(A.emmaEur)).toMatchObject({ heldAmount: before.heldAmount, balance: before.balance });
    expect((await payment(made.paymentIds[0]))[0].state).toBe("canceled");
  });

  it("moves scheduled steps at their own instants, whenever the tenant is next asked, and lets the mode be read", async () => {
    expect((await sandbox.call("GET", "/__sandbox/transfers/processing")).json).toEqual({ mode: "auto", processingDelayMs: 0, completionDelayMs: 10_000 });
    await sandbox.call("PUT", "/__sandbox/transfers/processing", { body: { mode: "auto", processingDelayMs: 60_000, completionDelayMs: 120_000 } });
    const made = await send(C.emmaSchneider, A.emmaEur, await recipient(C.emmaSchneider), 9);
    await confirm(C.emmaSchneider, made.id);
    await advance(3600);
    const done = (await sandbox.call("GET", `/Transfers/${made.id}`, { headers: asEmma })).json;
    expect(done).toMatchObject({ status: "completed", completedDate: "2026-03-02T10:03:00.000Z" });
  });
});

describe("transfer refusals change nothing", () => {
  it("refuses a blocked client, another client's account, a recipient in another currency, and insufficient funds at confirmation", async () => {
    const payee = await recipient(C.emmaSchneider);
    const before = await sandbox.call("GET", "/__sandbox/snapshot");
    const attempts: [Json, string, number, string][] = [
      [{ accountId: A.lukasEur, recipientId: payee, amount: 1, currency: "eur" }, C.emmaSchneider, 404, "accountNotFound"],
      [{ accountId: A.emmaEur, recipientId: payee, amount: 1, currency: "usd" }, C.emmaSchneider, 422, "currencyMismatch"],
      [{ accountId: A.emmaUsd, recipientId: payee, amount: 1, currency: "usd" }, C.emmaSchneider, 422, "currencyMismatch"],
      [{ accountId: A.emmaEur, recipientId: "00000000-0000-4000-8000-000000000000", amount: 1, currency: "eur" }, C.emmaSchneider, 404, "recipientNotFound"],
      [{ accountId: A.lukasEur, recipientId: payee, amount: 1, currency: "eur" }, C.lukasNowak, 404, "recipientNotFound"],
    ];
    for (const [body, clientId, status, code] of attempts) {
      const refused = await sandbox.call("POST", "/Transfers/outgoing", { body, headers: as(clientId) });
      expect([refused.status, refused.json.code], JSON.stringify(body)).toEqual([status, code]);
    }
    expect((await sandbox.call("GET", "/__sandbox/snapshot")).json).toEqual(before.json);

    const big = await send(C.emmaSchneider, A.emmaEur, payee, 50_000);
    const poor = await confirm(C.emmaSchneider, big.id);
    expect([poor.status, poor.json.code]).toEqual([422, "insufficientFunds"]);
    expect((await sandbox.call("GET", `/Transfers/${big.id}`, { headers: asEmma })).json.status).toBe("pendingConfirmation");

    await sandbox.call("PUT", `/internal/Clients/${C.emmaSchneider}/block`, { body: { reason: "Fraud check" } });
    const blocked = await sandbox.call("POST", "/Transfers/outgoing", { body: { accountId: A.emmaEur, recipientId: payee, amount: 1, currency: "eur" }, headers: asEmma });
    expect([blocked.status, blocked.json.code]).toEqual([422, "clientNotActive"]);
    const stuck = await confirm(C.emmaSchneider, big.id);
    expect([stuck.status, stuck.json.code]).toEqual([422, "accountNotActive"]);
  });

  it("hides a client's transfers from every other client (404), documents included", async () => {
    const made = await send(C.emmaSchneider, A.emmaEur, await recipient(C.emmaSchneider), 3);
    const asLukas = as(C.lukasNowak);
    for (const [method, path, body] of [
      ["GET", `/Transfers/${made.id}`],
      ["GET", `/v2/Transfers/${made.id}`],
      ["GET", `/Transfers/outgoing/${made.id}`],
      ["PUT", `/Transfers/outgoing/${made.id}/confirm`, { code: "000000" }],
      ["PUT", `/Transfers/outgoing/${made.id}/cancel`],
      ["POST", `/Confirmations/${made.id}`],
      ["GET", `/Transfers/incoming/${made.id}`],
    ] as const) {
      const reply = await sandbox.call(method, path, { headers: asLukas, ...(body && { body }) });
      expect([reply.status, reply.json.code], `${method} ${path}`).toEqual([404, "transferNotFound"]);
    }
    expect((await sandbox.call("GET", "/Transfers", { headers: asLukas })).json.totalCount).toBe(0);
    const document = await sandbox.call("GET", `/Documents/${made.id}.pdf`, { headers: asLukas });
    expect([document.status, document.json.code]).toEqual([404, "documentNotFound"]);
  });

  it("keeps each client's monthly outgoing limit, counting this month's transfers that were not undone", async () => {
    const payee = await recipient(C.lukasNowak, { ...sepaPayee, accountNumber: "PL61109010140000071219812874", country: "PL", currency: "pln" });
    const first = await send(C.lukasNowak, A.lukasPln, payee, 2_000, "pln");
    expect(first.type).toBe("local");
    const over = await sandbox.call("POST", "/Transfers/outgoing", { body: { accountId: A.lukasPln, recipientId: payee, amount: 600, currency: "pln" }, headers: as(C.lukasNowak) });
    expect([over.status, over.json.code]).toEqual([422, "outgoingLimitExceeded"]);
    await sandbox.call("PUT", `/Transfers/outgoing/${first.id}/cancel`, { headers: as(C.lukasNowak) });
    expect((await send(C.lukasNowak, A.lukasPln, payee, 600, "pln")).status).toBe("pendingConfirmation");
  });
});

describe("transfer types, fees and transfers within the bank", () => {
  it("answers the type by account and currency", async () => {
    const cases: [string, string, string][] = [
      ["DE89370400440532013000", "eur", "sepa"],
      ["GB29NWBK60161331926819", "gbp", "local"],
      ["GB29NWBK60161331926819", "usd", "swift"],
      ["PL61109010140000071219812874", "eur", "sepa"],
      ["021000021123456789", "usd", "swift"],
      ["FL100000000000000202", "eur", "internal"],
    ];
    for (const [recipientAccount, currency, type] of cases) {
      const reply = await sandbox.call("GET", "/Transfers/type", { query: { recipientAccount, currency }, headers: asEmma });
      expect(reply.json, recipientAccount).toEqual({ recipientAccount, currency, type });
    }
  });

  it("charges a swift transfer its fee on top of the amount, held and posted to the fee account", async () => {
    await manual();
    const before = await account(A.emmaEur);
    const fees = await account(DEMO_IDS.fee.eur);
    const payee = await recipient(C.emmaSchneider, { name: "Acme Inc", accountNumber: "021000021123456789", country: "US", currency: "eur" });
    const made = await send(C.emmaSchneider, A.emmaEur, payee, 100);
    expect(made).toMatchObject({ type: "swift", fee: 15 });
    await confirm(C.emmaSchneider, made.id);
    expect((await account(A.emmaEur)).heldAmount).toBe(before.heldAmount + 115);
    await sandbox.call("POST", `/internal/Transfers/${made.id}/execute`);
    expect((await account(A.emmaEur)).balance).toBe(before.balance - 115);
    expect((await account(DEMO_IDS.fee.eur)).balance).toBe(fees.balance + 15);
    const legs = (await payment(made.paymentIds[0])).map((leg: Json) => [leg.creditorAccountId, leg.amount, leg.state]);
    expect(legs.sort((x: Json, y: Json) => y[1] - x[1])).toEqual([[DEMO_IDS.treasury.eur, 100, "posted"], [DEMO_IDS.fee.eur, 15, "posted"]]);
  });

  it("credits an account of another client at this bank, who then sees an incoming transfer, within that client's balance cap", async () => {
    const lukasBefore = await account(A.lukasEur);
    const made = await send(C.emmaSchneider, A.emmaEur, DEMO_IDS.recipients.emmaLukas, 50);
    expect(made).toMatchObject({ type: "internal", direction: "outgoing" });
    await confirm(C.emmaSchneider, made.id);
    expect((await account(A.lukasEur)).pendingIncomingAmount).toBe(lukasBefore.pendingIncomingAmount + 50);
    await advance(10);
    expect((await account(A.lukasEur)).balance).toBe(lukasBefore.balance + 50);
    const incoming = (await sandbox.call("GET", "/Transfers", { query: { direction: "incoming" }, headers: as(C.lukasNowak) })).json.items;
    expect(incoming).toHaveLength(1);
    expect(incoming[0]).toMatchObject({ type: "internal", status: "completed", amount: 50, accountId: A.lukasEur, counterpartyName: "Emma Schneider", counterpartyAccountNumber: "FL100000000000000101", paymentIds: made.paymentIds });
    expect((await sandbox.call("GET", `/Transfers/incoming/${incoming[0].id}`, { headers: as(C.lukasNowak) })).json.id).toBe(incoming[0].id);

    // Lukas is on the basic plan: his account holds at most 10,000.
    const rich = await recipient(C.nordlichtDesign, { name: "Lukas Nowak", accountNumber: "FL100000000000000202", country: "PL", currency: "eur" });
    const tooMuch = await send(C.nordlichtDesign, A.nordlichtEur, rich, 9_900);
    const refused = await confirm(C.nordlichtDesign, tooMuch.id);
    expect([refused.status, refused.json.code]).toEqual([422, "incomingLimitExceeded"]);
  });

  it("moves money between a client's own accounts as an internal transfer that the monthly limit does not count", async () => {
    await sandbox.call("POST", `/__sandbox/simulations/incoming-payment`, { body: { accountId: A.lukasPln, amount: 1000 } });
    const own = await recipient(C.nordlichtDesign, { name: "Nordlicht EUR", accountNumber: "FL100000000000000301", country: "DE", currency: "eur" });
    const other = await sandbox.call("POST", "/v2/internal/Accounts", { body: { clientId: C.nordlichtDesign, currency: "eur", type: "client" } });
    const payee = await recipient(C.nordlichtDesign, { name: "Nordlicht reserve", accountNumber: other.json.accountNumber, country: "DE", currency: "eur" });
    expect(own).not.toBe(payee);
    const made = await send(C.nordlichtDesign, A.nordlichtEur, payee, 700);
    expect(made).toMatchObject({ direction: "internal", type: "internal" });
    const self = await sandbox.call("POST", "/Transfers/outgoing", { body: { accountId: A.nordlichtEur, recipientId: own, amount: 1, currency: "eur" }, headers: as(C.nordlichtDesign) });
    expect(self.status).toBe(400);
  });
});

describe("foreign exchange", () => {
  it("exchanges at the table's rate through the fx accounts in two legs, and every currency still sums to zero", async () => {
    const eur = await account(A.emmaEur);
    const usd = await account(A.emmaUsd);
    const fx = await sandbox.call("POST", "/v2/Transfers/fx", { body: { accountId: A.emmaEur, targetAccountId: A.emmaUsd, amount: 100, currency: "eur", targetCurrency: "usd" }, headers: asEmma });
    expect(fx.json).toMatchObject({ direction: "fx", type: "internal", status: "completed", rate: 1.0825, targetAmount: 108.25, targetCurrency: "usd", targetAccountId: A.emmaUsd });
    expect((await account(A.emmaEur)).balance).toBe(eur.balance - 100);
    expect((await account(A.emmaUsd)).balance).toBeCloseTo(usd.balance + 108.25, 10);
    const legs = (await payment(fx.json.paymentIds[0])).map((leg: Json) => [leg.debtorAccountId, leg.creditorAccountId, leg.currency, leg.amount, leg.state]);
    expect(legs.sort((x: Json, y: Json) => (x[2] < y[2] ? -1 : 1))).toEqual([
      [A.emmaEur, DEMO_IDS.fx.eur, "eur", 100, "posted"],
      [DEMO_IDS.fx.usd, A.emmaUsd, "usd", 108.25, "posted"],
    ]);
    const totals = (await sandbox.call("GET", "/v2/ledger/internal/Accounts/getAggregatedAmounts")).json;
    for (const currency of ["eur", "usd"]) {
      const sum = totals.filter((t: Json) => t.currency === currency).reduce((s: number, t: Json) => s + Math.round(t.totalBalance * 100), 0);
      expect(sum, currency).toBe(0);
    }
    for (const path of [`/Transfers/fx/${fx.json.id}`, `/v2/Transfers/fx/${fx.json.id}`]) expect((await sandbox.call("GET", path, { headers: asEmma })).json).toEqual(fx.json);
    expect((await sandbox.call("GET", `/internal/Transfers/fx/${fx.json.id}`)).json).toEqual(fx.json);
    expect((await sandbox.call("GET", "/internal/Transfers/fx", { query: { clientId: C.emmaSchneider } })).json.items).toEqual([fx.json]);
  });

  it("rounds the rate and the credited amount half to even, at rates set through the control API", async () => {
    const set = await sandbox.call("PATCH", "/__sandbox/fx-rates", { body: { rates: [{ currency: "usd", rate: 1.5 }, { currency: "chf", rate: 3 }] } });
    expect(set.json.rates).toContainEqual({ currency: "usd", rate: 1.5 });
    const exchange = async (amount: number, targetAccountId: string, currency: string, targetCurrency: string, from: string = A.emmaEur) =>
      (await sandbox.call("POST", "/v2/Transfers/fx", { body: { accountId: from, targetAccountId, amount, currency, targetCurrency }, headers: asEmma })).json;
    expect(await exchange(0.01, A.emmaUsd, "eur", "usd")).toMatchObject({ rate: 1.5, targetAmount: 0.02 });
    expect(await exchange(0.03, A.emmaUsd, "eur", "usd")).toMatchObject({ rate: 1.5, targetAmount: 0.04 });
    // usd to eur: 1 / 1.5 = 0.666666666... -> 0.666667; 10.00 usd buys 6.66667 -> 6.67 eur.
    expect(await exchange(10, A.emmaEur, "usd", "eur", A.emmaUsd)).toMatchObject({ rate: 0.666667, targetAmount: 6.67 });
    const bad = await sandbox.call("PATCH", "/__sandbox/fx-rates", { body: { rates: [{ currency: "eur", rate: 2 }] } });
    expect(bad.status).toBe(400);
    const tooFine = await sandbox.call("PATCH", "/__sandbox/fx-rates", { body: { rates: [{ currency: "gbp", rate: 0.1234567 }] } });
    expect(tooFine.status).toBe(400);
    expect((await sandbox.call("GET", "/__sandbox/fx-rates")).json.rates).toContainEqual({ currency: "gbp", rate: 0.8425 });
  });

  it("refuses the same currency, another client's account, a target in another currency, and insufficient funds", async () => {
    const before = await sandbox.call("GET", "/__sandbox/snapshot");
    const tries: [Json, number, string | undefined][] = [
      [{ accountId: A.emmaEur, targetAccountId: A.emmaUsd, amount: 1, currency: "eur", targetCurrency: "eur" }, 400, undefined],
      [{ accountId: A.emmaEur, targetAccountId: A.harbourUsd, amount: 1, currency: "eur", targetCurrency: "usd" }, 404, "accountNotFound"],
      [{ accountId: A.emmaEur, targetAccountId: A.emmaUsd, amount: 1, currency: "eur", targetCurrency: "gbp" }, 422, "currencyMismatch"],
      [{ accountId: A.emmaEur, targetAccountId: A.emmaUsd, amount: 50_000, currency: "eur", targetCurrency: "usd" }, 422, "insufficientFunds"],
    ];
    for (const [body, status, code] of tries) {
      const reply = await sandbox.call("POST", "/v2/Transfers/fx", { body, headers: asEmma });
      expect([reply.status, reply.json.code], JSON.stringify(body)).toEqual([status, code ?? "validationError"]);
    }
    expect((await sandbox.call("GET", "/__sandbox/snapshot")).json).toEqual(before.json);
  });
});

describe("incoming transfers and requests", () => {
  const arriving = { amount: 120, currency: "gbp", senderName: "Oliver Smith", senderAccountNumber: "GB29NWBK60161331926819", reference: "Consulting fee" };

  it("credits a client from the treasury on arrival, and holds an unrecognized one until it is assigned", async () => {
    const before = await account(A.harbourGbp);
    const known = await sandbox.call("POST", "/__sandbox/simulations/incoming-transfer", { body: { ...arriving, recipientAccountNumber: "FL100000000000000401" } });
    expect(known.json).toMatchObject({ requestStatus: "processed", transfer: { direction: "incoming", status: "completed" } });
    expect((await account(A.harbourGbp)).balance).toBe(before.balance + 120);
    const detail = (await sandbox.call("GET", `/internal/Transfers/incoming/${known.json.transfer.id}`)).json;
    expect(detail).toMatchObject({ type: "local", clientId: C.harbourFinch, accountId: A.harbourGbp, counterpartyName: "Oliver Smith" });

    const lost = await sandbox.call("POST", "/__sandbox/simulations/incoming-transfer", { body: { ...arriving, recipientAccountNumber: "FL100000000000009999" } });
    const id = lost.json.transfer.id;
    expect((await sandbox.call("GET", `/internal/Transfers/incoming/${id}`)).json).toMatchObject({ status: "unrecognized", statusReason: "recipientAccountNotFound", clientId: null, accountId: null, paymentIds: [] });
    const wrongCurrency = await sandbox.call("PUT", `/internal/Transfers/incoming/${id}/assign`, { body: { clientId: C.harbourFinch, accountId: A.harbourUsd } });
    expect([wrongCurrency.status, wrongCurrency.json.code]).toEqual([422, "currencyMismatch"]);
    const notTheirs = await sandbox.call("PUT", `/internal/Transfers/incoming/${id}/assign`, { body: { clientId: C.emmaSchneider, accountId: A.harbourGbp } });
    expect([notTheirs.status, notTheirs.json.code]).toEqual([404, "accountNotFound"]);
    const assigned = await sandbox.call("PUT", `/internal/Transfers/incoming/${id}/assign`, { body: { clientId: C.harbourFinch, accountId: A.harbourGbp } });
    expect(assigned.json).toMatchObject({ status: "completed", statusReason: null, clientId: C.harbourFinch, accountId: A.harbourGbp });
    expect((await account(A.harbourGbp)).balance).toBe(before.balance + 240);
    const twice = await sandbox.call("PUT", `/internal/Transfers/incoming/${id}/assign`, { body: { clientId: C.harbourFinch, accountId: A.harbourGbp } });
    expect([twice.status, twice.json.code]).toEqual([422, "invalidStateTransition"]);
    const listed = (await sandbox.call("GET", "/internal/Transfers/incoming", { query: { clientId: C.harbourFinch } })).json.items.map((t: Json) => t.id);
    expect(listed).toEqual([id, known.json.transfer.id]);
  });

  it("leaves pending and failed requests for processing by hand, once", async () => {
    const pending = await sandbox.call("POST", "/__sandbox/simulations/incoming-transfer", { body: { ...arriving, recipientAccountNumber: "FL100000000000000401", outcome: "pending" } });
    expect(pending.json).toEqual({ requestId: pending.json.requestId, requestStatus: "pending", transfer: null });
    const failed = await sandbox.call("POST", "/__sandbox/simulations/incoming-transfer", { body: { ...arriving, recipientAccountNumber: "FL100000000000000401", outcome: "failed" } });
    const requests = (await sandbox.call("GET", "/internal/IncomingRequests")).json;
    expect(requests.items.map((r: Json) => [r.id, r.status, r.error])).toEqual([
      [failed.json.requestId, "failed", "Processing timed out at the payment network."],
      [pending.json.requestId, "pending", null],
    ]);
    const processed = await sandbox.call("POST", `/internal/IncomingRequests/${failed.json.requestId}/process`);
    expect(processed.json).toMatchObject({ status: "processed", error: null, processedDate: "2026-03-02T10:00:00.000Z" });
    expect((await sandbox.call("GET", `/internal/Transfers/incoming/${processed.json.transferId}`)).json.status).toBe("completed");
    const again = await sandbox.call("POST", `/internal/IncomingRequests/${failed.json.requestId}/process`);
    expect([again.status, again.json.code]).toEqual([422, "invalidStateTransition"]);
    expect((await sandbox.call("GET", "/internal/IncomingRequests", { query: { status: "pending" } })).json.items.map((r: Json) => r.id)).toEqual([pending.json.requestId]);
    const unknown = await sandbox.call("POST", "/internal/IncomingRequests/00000000-0000-4000-8000-000000000000/process");
    expect([unknown.status, unknown.json.code]).toEqual([404, "incomingRequestNotFound"]);
  });

  it("rejects an incoming transfer that would pass the client's plan cap", async () => {
    const over = await sandbox.call("POST", "/__sandbox/simulations/incoming-transfer", { body: { ...arriving, currency: "eur", amount: 20_000, recipientAccountNumber: "FL100000000000000202" } });
    expect(over.json.transfer).toMatchObject({ status: "rejected", statusReason: "incomingLimitExceeded", paymentIds: [] });
  });
});

describe("integration transfers", () => {
  it("creates confirmed transfers with the funds held at once, and pays a payment request once", async () => {
    await manual();
    const before = await account(A.emmaEur);
    const utility = (await sandbox.call("POST", "/internal/integration/Recipients", { body: { name: "Berliner Stadtwerke", accountNumber: "DE02120300000000202051", country: "DE", currency: "eur" } })).json.id;
    const plain = await sandbox.call("POST", "/internal/integration/Transfers/outgoing", { body: { clientId: C.emmaSchneider, accountId: A.emmaEur, recipientId: utility, amount: 64.9, currency: "eur" } });
    expect(plain.json).toMatchObject({ status: "confirmed", paymentRequestId: null });
    const request = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
    const body = { clientId: C.emmaSchneider, accountId: A.emmaEur, recipientId: utility, amount: 19.99, currency: "eur", paymentRequestId: request };
    const paying = await sandbox.call("POST", "/internal/integration/Transfers/outgoing/payment-request", { body });
    expect(paying.json).toMatchObject({ status: "confirmed", paymentRequestId: request });
    expect((await payment(paying.json.paymentIds[0]))[0]).toMatchObject({ parentType: "paymentRequest", parentId: request, state: "pending" });
    expect((await account(A.emmaEur)).heldAmount).toBeCloseTo(before.heldAmount + 84.89, 10);
    const duplicate = await sandbox.call("POST", "/internal/integration/Transfers/outgoing/payment-request", { body });
    expect([duplicate.status, duplicate.json.code]).toEqual([422, "duplicatePaymentRequest"]);
    await sandbox.call("POST", `/__sandbox/simulations/transfers/${paying.json.id}`, { body: { outcome: "failed" } });
    expect((await sandbox.call("POST", "/internal/integration/Transfers/outgoing/payment-request", { body })).status).toBe(200);
    const poor = await sandbox.call("POST", "/internal/integration/Transfers/outgoing", { body: { clientId: C.emmaSchneider, accountId: A.emmaEur, recipientId: utility, amount: 50_000, currency: "eur" } });
    expect([poor.status, poor.json.code]).toEqual([422, "insufficientFunds"]);
    const listed = (await sandbox.call("GET", "/internal/Transfers/outgoing", { query: { clientId: C.emmaSchneider, status: "confirmed" } })).json.items;
    expect(listed).toHaveLength(2);
  });
});

describe("transfer documents and lists", () => {
  it("downloads a completed transfer's payment confirmation as a PDF, for the client and internally", async () => {
    const made = await send(C.emmaSchneider, A.emmaEur, await recipient(C.emmaSchneider), 30);
    const early = await sandbox.call("GET", `/Documents/${made.id}.pdf`, { headers: asEmma });
    expect([early.status, early.json.code]).toEqual([404, "documentNotFound"]);
    await confirm(C.emmaSchneider, made.id);
    await advance(10);
    const pdf = await sandbox.entry.handle({ method: "GET", path: `/Documents/${made.id}.pdf`, query: "", headers: asEmma });
    expect(pdf.status).toBe(200);
    expect(pdf.headers).toMatchObject({ "content-type": "application/pdf", "content-disposition": `attachment; filename="${made.id}.pdf"` });
    const text = new TextDecoder().decode(pdf.bytes);
    expect(text.startsWith("%PDF-1.4\n")).toBe(true);
    expect(text.trimEnd().endsWith("%%EOF")).toBe(true);
    expect(text).toContain(`Transfer: ${made.id}`);
    expect(text).toContain("Amount: 30.00 EUR");
    // The cross-reference table's offsets point at the objects.
    const offsets = [...text.matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
    expect(offsets).toHaveLength(5);
    offsets.forEach((offset, i) => expect(text.slice(offset, offset + 7)).toBe(`${i + 1} 0 obj`));
    const internal = await sandbox.entry.handle({ method: "GET", path: `/internal/Documents/${C.emmaSchneider}/${made.id}.pdf`, query: "", headers: {} });
    expect(internal.bytes).toEqual(pdf.bytes);
    const noClient = await sandbox.call("GET", `/internal/Documents/00000000-0000-4000-8000-000000000000/${made.id}.pdf`);
    expect([noClient.status, noClient.json.code]).toEqual([404, "clientNotFound"]);
  });

  it("lists newest first with filters and pages, and refuses fromDate after toDate", async () => {
    await manual();
    const payee = await recipient(C.emmaSchneider);
    const first = await send(C.emmaSchneider, A.emmaEur, payee, 1);
    await advance(60);
    const second = await send(C.emmaSchneider, A.emmaEur, payee, 2);
    await confirm(C.emmaSchneider, second.id);
    const list = async (query: Record<string, string | number>) => (await sandbox.call("GET", "/Transfers", { query, headers: asEmma })).json;
    expect((await list({})).items.map((t: Json) => t.id)).toEqual([second.id, first.id]);
    expect((await list({ pageSize: 1, page: 2 })).items.map((t: Json) => t.id)).toEqual([first.id]);
    expect((await list({ status: "confirmed" })).items.map((t: Json) => t.id)).toEqual([second.id]);
    expect((await list({ fromDate: "2026-03-02T10:01:00Z" })).items.map((t: Json) => t.id)).toEqual([second.id]);
    expect((await list({ toDate: "2026-03-02T10:01:00Z" })).items.map((t: Json) => t.id)).toEqual([first.id]);
    expect((await list({ currency: "usd" })).totalCount).toBe(0);
    expect((await list({ accountId: A.emmaUsd })).totalCount).toBe(0);
    const bad = await sandbox.call("GET", "/v2/Transfers", { query: { fromDate: "2026-03-03T00:00:00Z", toDate: "2026-03-02T00:00:00Z" }, headers: asEmma });
    expect(bad.status).toBe(400);
    expect((await sandbox.call("GET", "/internal/Transfers/internal")).json.totalCount).toBe(0);
  });
});
