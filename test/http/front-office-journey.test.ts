/**
 * A client's way from onboarding to payments, through the typed clients over the entry's Fetch face: the
 * requests a frontend and its back office send, each answer checked against the spec by the entry.
 */
import { describe, expect, it } from "vitest";
import { createFinlegoClient, createSandboxControlClient } from "../../client/index.js";
import { DEMO_IDS } from "../../sandbox/core/index.js";
import { fetchHandler, SandboxState } from "../../sandbox/http/index.js";
import { pngBytes } from "../support/multipart.js";
import { validatedEntry } from "../support/validated.js";

const BASE_URL = "http://sandbox.test";
const PARENT = "70850378-7d3c-4f45-91b7-942d4dfbbd43";

describe("a front-office journey", () => {
  it("imports a client, approves it, reads its profile and plan, keeps its document byte for byte, stops its payments while it is blocked, and reports the day's balances as its transactions add up", async () => {
    const entry = validatedEntry({ state: new SandboxState({ frozenAt: Date.parse("2026-03-02T10:00:00Z") }) });
    const fetch = fetchHandler(entry);
    const backOffice = createFinlegoClient({ baseUrl: BASE_URL, fetch });
    const control = createSandboxControlClient({ baseUrl: BASE_URL, fetch });

    const imported = await backOffice.POST("/integration/ClientsImport/individual", {
      body: {
        externalId: "wl-journey-1", email: "lena.vogel@example.com", phone: "+491761234567", firstName: "Lena", lastName: "Vogel", dateOfBirth: "1996-08-09", country: "DE",
        address: { line1: "Bergmannstrasse 5", line2: null, city: "Berlin", region: null, postalCode: "10961", country: "DE" }, accounts: [{ currency: "eur", name: "Everyday" }],
      },
    });
    expect(imported.data?.status).toBe("new");
    const clientId = imported.data!.id;
    const accountId = imported.data!.accounts[0]!.id;

    const green = await backOffice.POST("/integration/sumsub-webhooks/simulate", { body: { clientId, reviewAnswer: "GREEN" } });
    expect(green.data).toMatchObject({ clientId, verificationStatus: "approved", clientStatus: "active" });

    const me = createFinlegoClient({ baseUrl: BASE_URL, fetch, token: clientId });
    const profile = await me.GET("/Client");
    expect(profile.data).toMatchObject({ id: clientId, firstName: "Lena", status: "active", verificationStatus: "approved", externalId: "wl-journey-1" });
    const plan = await me.GET("/Client/plan");
    expect(plan.data?.limits.find((l) => l.currency === "eur")?.maxBalance).toBe(1_000_000);

    const form = new FormData();
    form.append("file", new Blob([pngBytes()], { type: "image/png" }), "passport.png");
    form.append("documentType", "passport");
    const uploaded = await backOffice.POST("/internal/Clients/{clientId}/Documents/upload", {
      params: { path: { clientId } },
      body: { file: "passport.png", documentType: "passport" },
      bodySerializer: () => form,
    });
    expect(uploaded.data).toMatchObject({ fileName: "passport.png", contentType: "image/png", size: pngBytes().length });
    const downloaded = await backOffice.GET("/internal/Clients/{clientId}/Documents/{documentId}/download", {
      params: { path: { clientId, documentId: uploaded.data!.id } },
      parseAs: "arrayBuffer",
    });
    expect(downloaded.response.headers.get("content-type")).toBe("image/png");
    expect(new Uint8Array(downloaded.data as ArrayBuffer)).toEqual(pngBytes());

    expect((await control.POST("/__sandbox/simulations/incoming-payment", { body: { accountId, amount: 100 } })).response.status).toBe(200);
    const pay = () =>
      backOffice.POST("/internal/Payments", { body: { parentId: PARENT, parentType: "transfer", debtorAccountId: accountId, creditorAccountId: DEMO_IDS.accounts.emmaEur, currency: "eur", amount: 25 } });
    await backOffice.PUT("/internal/Clients/{clientId}/block", { params: { path: { clientId } }, body: { reason: "Card reported stolen" } });
    expect((await me.GET("/Client")).data).toMatchObject({ status: "blocked", blockedReason: "Card reported stolen" });
    const refused = await pay();
    expect([refused.response.status, refused.error?.code]).toEqual([422, "accountNotActive"]);
    await backOffice.PUT("/internal/Clients/{clientId}/unblock", { params: { path: { clientId } } });
    const paid = await pay();
    expect(paid.response.status).toBe(200);
    const account = await me.GET("/Accounts/{id}", { params: { path: { id: accountId } } });
    expect(account.data?.balance).toBe(75);

    // The next day, the day's balance report agrees with the day's transactions and with the balance.
    await control.POST("/__sandbox/clock/advance", { body: { days: 1 } });
    const days = await backOffice.POST("/internal/DailyAccountBalance", { body: { accountIds: [accountId], fromDate: "2026-03-02", toDate: "2026-03-02" } });
    const legs = (await backOffice.GET("/internal/Transactions", { params: { query: { accountId, state: "posted" } } })).data!.items;
    const credits = legs.filter((t) => t.creditorAccountId === accountId).reduce((sum, t) => sum + t.amount!, 0);
    const debits = legs.filter((t) => t.debtorAccountId === accountId).reduce((sum, t) => sum + t.amount!, 0);
    expect([credits, debits]).toEqual([100, 25]);
    expect(days.data).toEqual([expect.objectContaining({ accountId, date: "2026-03-02", openingBalance: 0, totalCredit: credits, totalDebit: debits, closingBalance: account.data?.balance })]);
  });

  it("sends money to a new recipient: the code, the hold, completion, and balance, transactions and payment agree with the transfer", async () => {
    const entry = validatedEntry({ state: new SandboxState({ frozenAt: Date.parse("2026-03-02T10:00:00Z") }) });
    const fetch = fetchHandler(entry);
    const control = createSandboxControlClient({ baseUrl: BASE_URL, fetch });
    const backOffice = createFinlegoClient({ baseUrl: BASE_URL, fetch });
    const emma = createFinlegoClient({ baseUrl: BASE_URL, fetch, token: DEMO_IDS.clients.emmaSchneider });
    const accountId = DEMO_IDS.accounts.emmaEur;
    const before = (await emma.GET("/Accounts/{id}", { params: { path: { id: accountId } } })).data!;

    const recipient = await emma.POST("/Recipients", { body: { name: "Lukas Meyer", accountNumber: "DE89370400440532013000", bic: "COBADEFFXXX", bankName: "Commerzbank", country: "DE", currency: "eur" } });
    const type = await emma.GET("/Transfers/type", { params: { query: { recipientAccount: "DE89370400440532013000", currency: "eur" } } });
    expect(type.data?.type).toBe("sepa");
    const created = await emma.POST("/Transfers/outgoing", { body: { accountId, recipientId: recipient.data!.id, amount: 42.5, currency: "eur", reference: "Invoice 2026-17" } });
    expect(created.data).toMatchObject({ status: "pendingConfirmation", type: "sepa", amount: 42.5, fee: null, counterpartyName: "Lukas Meyer" });
    const transferId = created.data!.id;

    const code = await emma.POST("/Confirmations/{transferId}", { params: { path: { transferId } } });
    expect(code.data).toMatchObject({ transferId, expiresAt: "2026-03-02T10:05:00.000Z" });
    const wrong = await emma.PUT("/Transfers/outgoing/{transferId}/confirm", { params: { path: { transferId } }, body: { code: "999999" } });
    expect(wrong.error?.code).toBe("invalidConfirmationCode");
    const confirmed = await emma.PUT("/Transfers/outgoing/{transferId}/confirm", { params: { path: { transferId } }, body: { code: "000000" } });
    expect(confirmed.data?.status).toBe("confirmed");
    const holding = (await emma.GET("/Accounts/{id}", { params: { path: { id: accountId } } })).data!;
    expect([holding.balance, holding.heldAmount, holding.availableBalance]).toEqual([before.balance, before.heldAmount + 42.5, before.availableBalance - 42.5]);

    expect((await emma.GET("/Transfers/{transferId}", { params: { path: { transferId } } })).data?.status).toBe("processing");
    await control.POST("/__sandbox/clock/advance", { body: { seconds: 10 } });
    const completed = (await emma.GET("/v2/Transfers/outgoing/{transferId}", { params: { path: { transferId } } })).data!;
    expect(completed).toMatchObject({ status: "completed", completedDate: "2026-03-02T10:00:10.000Z" });

    const after = (await emma.GET("/Accounts/{id}", { params: { path: { id: accountId } } })).data!;
    expect([after.balance, after.heldAmount, after.availableBalance]).toEqual([before.balance - 42.5, before.heldAmount, before.availableBalance - 42.5]);
    const mine = (await emma.GET("/Transactions", { params: { query: { accountId } } })).data!;
    const legs = mine.items.filter((t) => t.paymentId === completed.paymentIds[0]);
    expect(legs).toEqual([expect.objectContaining({ parentType: "transfer", parentId: transferId, debtorAccountId: accountId, amount: 42.5, currency: "eur", state: "posted" })]);
    expect(legs[0]!.stateChanges!.map((c) => c.to)).toEqual(["pending", "posted"]);
    const listed = (await emma.GET("/Transfers", { params: { query: { status: "completed" } } })).data!;
    expect(listed.items.map((t) => t.id)).toEqual([transferId]);
    const pdf = await emma.GET("/Documents/{fileName}", { params: { path: { fileName: `${transferId}.pdf` } }, parseAs: "arrayBuffer" });
    expect(pdf.response.headers.get("content-type")).toBe("application/pdf");
    expect(new TextDecoder().decode(pdf.data as ArrayBuffer)).toContain("Amount: 42.50 EUR");
    expect((await backOffice.GET("/internal/Transfers/outgoing/{transferId}", { params: { path: { transferId } } })).data).toEqual(completed);
  });
});
