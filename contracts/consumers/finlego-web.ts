/**
 * The `finlego-web` consumer: the bank's front-office web app, as a client signed in with a bearer token.
 * It reads the client's accounts and transactions, uses the FrontOffice account operations (open, rename,
 * reorder, close, the close OTP, the supported currencies) and sends a transfer to a saved recipient,
 * confirmed with its code, through the typed client.
 */
import { MatchersV3 } from "@pact-foundation/pact";
import { describe, expect, it } from "vitest";
import { createFinlegoClient } from "../../client/index.js";
import { consumerPact, currencyCode, legBody, problemResponse, timestamp } from "./pact.js";

const { decimal, eachLike, fromProviderState, integer, regex, string, uuid } = MatchersV3;

/** The signed-in client and its accounts, as the states set them up. */
const CLIENT = "b0c8e2f4-6a1d-4e3b-9c5f-7d2a8e4b1c60";
const OTHER_CLIENT = "c4e1a7b9-3d5f-4a2c-8e6b-0f9d1c3a5e72";
const MAIN_EUR = "3a9f6c2e-1b7d-4e8a-a5c3-9d2f4b6e8a10";
const TRAVEL_USD = "7e2b5d9a-4c1f-4a6e-b8d3-5f0a2c4e6b81";
const SAVINGS_EUR = "9c4e7a1b-2d6f-4b3a-8e5c-1a7d9f3b5c92";
const OTHERS_EUR = "e8a3c6f1-5b2d-4c9e-a7f4-3b6d8e1a2c03";
const OTP = "6b1d4f8a-3c7e-4a2b-9d5f-8e0c2a4b6d13";
const RECIPIENT = "2d7f9b1c-5e3a-4c8d-9b6e-1f4a7c2e5d38";
const TRANSFER = "8f3b6d1e-9a2c-4e5f-b7d4-6c1a3e8f2b59";
const SAVED_RECIPIENT = "client {clientId} saved recipient {recipientId}";
const AWAITS_CONFIRMATION = "a transfer from account {accountId} to recipient {recipientId} awaits confirmation";

const mainEur = { accountId: MAIN_EUR, amount: 1250.5, currency: "eur", clientId: CLIENT, name: "Main EUR" };
const travelUsd = { accountId: TRAVEL_USD, amount: 80.25, currency: "usd", clientId: CLIENT, name: "Travel USD" };
const emptySavings = { accountId: SAVINGS_EUR, amount: 0, currency: "eur", clientId: CLIENT, name: "Savings" };
const ACCOUNT_HOLDS = "account {accountId} holds {amount} {currency}";

/** The bearer token: the state's client (the sandbox's scheme; another provider gives its own). */
const bearer = () => ({ Authorization: fromProviderState("Bearer ${clientId}", `Bearer ${CLIENT}`) });

/** What the web app reads of an account. */
function accountBody(overrides: Record<string, unknown> = {}) {
  return {
    id: uuid(MAIN_EUR),
    accountNumber: regex("^[A-Za-z0-9]{1,34}$", "FL100000000000000001"),
    name: string("Main EUR"),
    currency: currencyCode("eur"),
    type: "client",
    status: "active",
    balance: decimal(1250.5),
    heldAmount: integer(0),
    availableBalance: decimal(1250.5),
    order: integer(1),
    createdDate: timestamp(),
    ...overrides,
  };
}

/** What the web app reads of a transfer to the saved recipient, in a status it names. */
function transferBody(status: "pendingConfirmation" | "confirmed") {
  return {
    id: uuid(TRANSFER),
    direction: "outgoing",
    type: "sepa",
    status,
    clientId: uuid(CLIENT),
    accountId: uuid(MAIN_EUR),
    recipientId: uuid(RECIPIENT),
    counterpartyName: string("Lukas Meyer"),
    amount: decimal(30.25),
    currency: currencyCode("eur"),
    fee: null,
    paymentIds: eachLike(uuid("b3d5f7a9-2c4e-4a6b-8d0f-3e5a7c9b1d2f")),
    createdDate: timestamp(),
    completedDate: null,
  };
}

/** Registers the finlego-web consumer tests; the pact is written into `pactDir`. */
export function describeFinlegoWeb(pactDir: string): void {
  describe("consumer finlego-web", () => {
    const pact = consumerPact("finlego-web", pactDir);
    const bank = (baseUrl: string, token: string | undefined = CLIENT) => createFinlegoClient({ baseUrl, ...(token !== undefined && { token }) });

    it("lists the signed-in client's accounts in display order", async () => {
      await pact
        .addInteraction()
        .given(ACCOUNT_HOLDS, mainEur)
        .given(ACCOUNT_HOLDS, travelUsd)
        .uponReceiving("a request for the client's accounts")
        .withRequest("GET", "/Accounts", (request) => request.headers(bearer()))
        .willRespondWith(200, (response) => response.jsonBody(eachLike(accountBody())))
        .executeTest(async (server) => {
          const { data, response } = await bank(server.url).GET("/Accounts");
          expect(response.status).toBe(200);
          expect(data?.every((account) => account.status === "active")).toBe(true);
        });
    });

    it("shows one account's details", async () => {
      await pact
        .addInteraction()
        .given(ACCOUNT_HOLDS, mainEur)
        .uponReceiving("a request for one of the client's accounts")
        .withRequest("GET", fromProviderState("/Accounts/${accountId}", `/Accounts/${MAIN_EUR}`), (request) => request.headers(bearer()))
        .willRespondWith(200, (response) => response.jsonBody({ ...accountBody(), pendingIncomingAmount: integer(0), clientId: uuid(CLIENT) }))
        .executeTest(async (server) => {
          const { data } = await bank(server.url).GET("/Accounts/{id}", { params: { path: { id: MAIN_EUR } } });
          expect(data?.availableBalance).toBe(1250.5);
        });
    });

    it("cannot see another client's account", async () => {
      await pact
        .addInteraction()
        .given("client {clientId} exists", { clientId: CLIENT })
        .given(ACCOUNT_HOLDS, { accountId: OTHERS_EUR, amount: 10.5, currency: "eur", clientId: OTHER_CLIENT })
        .uponReceiving("a request for another client's account")
        .withRequest("GET", `/Accounts/${OTHERS_EUR}`, (request) => request.headers({ Authorization: `Bearer ${CLIENT}` }))
        .willRespondWith(404, problemResponse(404, "accountNotFound"))
        .executeTest(async (server) => {
          const { error, response } = await bank(server.url).GET("/Accounts/{id}", { params: { path: { id: OTHERS_EUR } } });
          expect(response.status).toBe(404);
          expect(error?.code).toBe("accountNotFound");
        });
    });

    it("is refused without credentials", async () => {
      await pact
        .addInteraction()
        .uponReceiving("a request for the accounts without credentials")
        .withRequest("GET", "/Accounts")
        .willRespondWith(401, problemResponse(401, "unauthorized"))
        .executeTest(async (server) => {
          const { error, response } = await bank(server.url, undefined).GET("/Accounts");
          expect(response.status).toBe(401);
          expect(error?.code).toBe("unauthorized");
        });
    });

    it("lists an account's posted transactions, one page", async () => {
      await pact
        .addInteraction()
        .given(ACCOUNT_HOLDS, mainEur)
        .uponReceiving("a request for an account's posted transactions")
        .withRequest("GET", "/Transactions", (request) =>
          request.headers(bearer()).query({ accountId: fromProviderState("${accountId}", MAIN_EUR), state: "posted", page: "1", pageSize: "20" }),
        )
        .willRespondWith(200, (response) =>
          response.jsonBody({
            items: eachLike(legBody({ state: "posted", amount: 1250.5, currency: "eur", moves: [["draft", "posted"]], parentType: "adjustingPayment" })),
            totalCount: integer(1),
            page: 1,
            pageSize: 20,
          }),
        )
        .executeTest(async (server) => {
          const { data } = await bank(server.url).GET("/Transactions", { params: { query: { accountId: MAIN_EUR, state: "posted", page: 1, pageSize: 20 } } });
          expect(data?.items.every((leg) => leg.state === "posted")).toBe(true);
        });
    });

    it("opens a new account, pending until an OTP activates it", async () => {
      await pact
        .addInteraction()
        .given("client {clientId} exists", { clientId: CLIENT })
        .uponReceiving("a request to open an account")
        .withRequest("POST", "/Accounts", (request) => request.headers(bearer()).jsonBody({ currency: "usd", name: "Travel USD" }))
        .willRespondWith(200, (response) =>
          response.jsonBody(accountBody({ id: uuid(TRAVEL_USD), name: "Travel USD", currency: "usd", status: "pending", balance: 0, availableBalance: 0 })),
        )
        .executeTest(async (server) => {
          const { data } = await bank(server.url).POST("/Accounts", { body: { currency: "usd", name: "Travel USD" } });
          expect(data?.status).toBe("pending");
        });
    });

    it("renames an account", async () => {
      await pact
        .addInteraction()
        .given(ACCOUNT_HOLDS, mainEur)
        .uponReceiving("a request to rename an account")
        .withRequest("PATCH", fromProviderState("/Accounts/${accountId}", `/Accounts/${MAIN_EUR}`), (request) =>
          request.headers(bearer()).jsonBody({ name: "Everyday EUR" }),
        )
        .willRespondWith(200, (response) => response.jsonBody(accountBody({ name: "Everyday EUR", updatedDate: timestamp() })))
        .executeTest(async (server) => {
          const { data } = await bank(server.url).PATCH("/Accounts/{id}", { params: { path: { id: MAIN_EUR } }, body: { name: "Everyday EUR" } });
          expect(data?.name).toBe("Everyday EUR");
        });
    });

    it("puts the accounts in the order the client chose", async () => {
      await pact
        .addInteraction()
        .given(ACCOUNT_HOLDS, mainEur)
        .given(ACCOUNT_HOLDS, travelUsd)
        .uponReceiving("a request to reorder the accounts")
        .withRequest("PUT", "/Accounts/reorder-accounts", (request) => request.headers(bearer()).jsonBody({ accountIds: [TRAVEL_USD, MAIN_EUR] }))
        .willRespondWith(200, (response) =>
          response.jsonBody([
            { id: uuid(TRAVEL_USD), currency: currencyCode("usd"), order: 1 },
            { id: uuid(MAIN_EUR), currency: currencyCode("eur"), order: 2 },
          ]),
        )
        .executeTest(async (server) => {
          const { data } = await bank(server.url).PUT("/Accounts/reorder-accounts", { body: { accountIds: [TRAVEL_USD, MAIN_EUR] } });
          expect(data?.map((account) => account.order)).toEqual([1, 2]);
        });
    });

    it("closes an empty account", async () => {
      await pact
        .addInteraction()
        .given(ACCOUNT_HOLDS, emptySavings)
        .uponReceiving("a request to close an empty account")
        .withRequest("DELETE", fromProviderState("/Accounts/${accountId}", `/Accounts/${SAVINGS_EUR}`), (request) => request.headers(bearer()))
        .willRespondWith(204)
        .executeTest(async (server) => {
          const { response } = await bank(server.url).DELETE("/Accounts/{id}", { params: { path: { id: SAVINGS_EUR } } });
          expect(response.status).toBe(204);
        });
    });

    it("cannot close an account that still holds money", async () => {
      await pact
        .addInteraction()
        .given(ACCOUNT_HOLDS, mainEur)
        .uponReceiving("a request to close an account that still holds money")
        .withRequest("DELETE", fromProviderState("/Accounts/${accountId}", `/Accounts/${MAIN_EUR}`), (request) => request.headers(bearer()))
        .willRespondWith(422, problemResponse(422, "accountNotEmpty"))
        .executeTest(async (server) => {
          const { error } = await bank(server.url).DELETE("/Accounts/{id}", { params: { path: { id: MAIN_EUR } } });
          expect(error?.code).toBe("accountNotEmpty");
        });
    });

    it("asks for a one-time password to close an account", async () => {
      await pact
        .addInteraction()
        .given(ACCOUNT_HOLDS, emptySavings)
        .uponReceiving("a request for a close OTP")
        .withRequest("POST", "/Accounts/send-otp", (request) =>
          request.headers(bearer()).jsonBody({ accountId: fromProviderState("${accountId}", SAVINGS_EUR), operation: "close" }),
        )
        .willRespondWith(200, (response) => response.jsonBody({ otpId: uuid(OTP), expiresAt: timestamp("2026-01-01T09:05:00.000Z") }))
        .executeTest(async (server) => {
          const { data } = await bank(server.url).POST("/Accounts/send-otp", { body: { accountId: SAVINGS_EUR, operation: "close" } });
          expect(data?.otpId).toBe(OTP);
        });
    });

    it("closes the account with the one-time password", async () => {
      await pact
        .addInteraction()
        .given(ACCOUNT_HOLDS, emptySavings)
        .given("a close OTP was sent for account {accountId}", { accountId: SAVINGS_EUR })
        .uponReceiving("a request to confirm a close OTP")
        .withRequest("POST", "/Accounts/otp-verification", (request) =>
          request.headers(bearer()).jsonBody({ otpId: fromProviderState("${otpId}", OTP), code: "000000" }),
        )
        .willRespondWith(200, (response) => response.jsonBody(accountBody({ id: uuid(SAVINGS_EUR), name: string("Savings"), status: "closed", balance: 0, availableBalance: 0, closedDate: timestamp() })))
        .executeTest(async (server) => {
          const { data } = await bank(server.url).POST("/Accounts/otp-verification", { body: { otpId: OTP, code: "000000" } });
          expect(data?.status).toBe("closed");
        });
    });

    it("is told when the one-time password is wrong", async () => {
      await pact
        .addInteraction()
        .given(ACCOUNT_HOLDS, emptySavings)
        .given("a close OTP was sent for account {accountId}", { accountId: SAVINGS_EUR })
        .uponReceiving("a request to confirm an OTP with a wrong code")
        .withRequest("POST", "/Accounts/otp-verification", (request) =>
          request.headers(bearer()).jsonBody({ otpId: fromProviderState("${otpId}", OTP), code: "123456" }),
        )
        .willRespondWith(422, problemResponse(422, "invalidOtp"))
        .executeTest(async (server) => {
          const { error } = await bank(server.url).POST("/Accounts/otp-verification", { body: { otpId: OTP, code: "123456" } });
          expect(error?.code).toBe("invalidOtp");
        });
    });

    it("sends money to a saved recipient, awaiting the code the client receives", async () => {
      await pact
        .addInteraction()
        .given(ACCOUNT_HOLDS, mainEur)
        .given(SAVED_RECIPIENT, { clientId: CLIENT, recipientId: RECIPIENT })
        .uponReceiving("a request to send 30.25 eur to a saved recipient")
        .withRequest("POST", "/Transfers/outgoing", (request) =>
          request.headers(bearer()).jsonBody({ accountId: fromProviderState("${accountId}", MAIN_EUR), recipientId: fromProviderState("${recipientId}", RECIPIENT), amount: 30.25, currency: "eur", reference: "Rent March" }),
        )
        .willRespondWith(200, (response) => response.jsonBody({ ...transferBody("pendingConfirmation"), reference: "Rent March" }))
        .executeTest(async (server) => {
          const { data } = await bank(server.url).POST("/Transfers/outgoing", { body: { accountId: MAIN_EUR, recipientId: RECIPIENT, amount: 30.25, currency: "eur", reference: "Rent March" } });
          expect(data?.status).toBe("pendingConfirmation");
        });
    });

    it("confirms a transfer with the code, which holds its amount", async () => {
      await pact
        .addInteraction()
        .given(ACCOUNT_HOLDS, mainEur)
        .given(SAVED_RECIPIENT, { clientId: CLIENT, recipientId: RECIPIENT })
        .given(AWAITS_CONFIRMATION, { accountId: MAIN_EUR, recipientId: RECIPIENT, amount: 30.25 })
        .uponReceiving("a request to confirm a transfer with the right code")
        .withRequest("PUT", fromProviderState("/Transfers/outgoing/${transferId}/confirm", `/Transfers/outgoing/${TRANSFER}/confirm`), (request) =>
          request.headers(bearer()).jsonBody({ code: "000000" }),
        )
        .willRespondWith(200, (response) => response.jsonBody(transferBody("confirmed")))
        .executeTest(async (server) => {
          const { data } = await bank(server.url).PUT("/Transfers/outgoing/{transferId}/confirm", { params: { path: { transferId: TRANSFER } }, body: { code: "000000" } });
          expect(data?.status).toBe("confirmed");
        });
    });

    it("is told when the transfer's code is wrong", async () => {
      await pact
        .addInteraction()
        .given(ACCOUNT_HOLDS, mainEur)
        .given(SAVED_RECIPIENT, { clientId: CLIENT, recipientId: RECIPIENT })
        .given(AWAITS_CONFIRMATION, { accountId: MAIN_EUR, recipientId: RECIPIENT })
        .uponReceiving("a request to confirm a transfer with a wrong code")
        .withRequest("PUT", fromProviderState("/Transfers/outgoing/${transferId}/confirm", `/Transfers/outgoing/${TRANSFER}/confirm`), (request) =>
          request.headers(bearer()).jsonBody({ code: "123456" }),
        )
        .willRespondWith(422, problemResponse(422, "invalidConfirmationCode"))
        .executeTest(async (server) => {
          const { error } = await bank(server.url).PUT("/Transfers/outgoing/{transferId}/confirm", { params: { path: { transferId: TRANSFER } }, body: { code: "123456" } });
          expect(error?.code).toBe("invalidConfirmationCode");
        });
    });

    it("offers the currencies the bank supports", async () => {
      await pact
        .addInteraction()
        .given("client {clientId} exists", { clientId: CLIENT })
        .uponReceiving("a request for the currencies the bank supports")
        .withRequest("GET", "/BaasProvider/available-currencies", (request) => request.headers(bearer()))
        .willRespondWith(200, (response) => response.jsonBody(eachLike(currencyCode("eur"))))
        .executeTest(async (server) => {
          const { data } = await bank(server.url).GET("/BaasProvider/available-currencies");
          expect(data).toContain("eur");
        });
    });
  });
}
