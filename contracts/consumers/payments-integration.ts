/**
 * The `payments-integration` consumer: a service that moves money through the GeneralLedger payments
 * (#49-#56): create, draft, pend, post and cancel, single and bulk, and the refusals it must handle (404 for
 * an unknown payment, 422 for an illegal step or missing funds). Written through the typed client.
 */
import { MatchersV3 } from "@pact-foundation/pact";
import { describe, expect, it } from "vitest";
import { createFinlegoClient, type components, type FinlegoClient } from "../../client/index.js";
import { consumerPact, paymentBody, problemResponse, withStates, type LegShape, type ProviderStates } from "./pact.js";

const { eachLike, fromProviderState, integer } = MatchersV3;

// The accounts and ids of the documentation's own examples (docs/seeds/), so the bulk pend can send its body verbatim.
const DEBTOR = "d9695c4c-f4a8-4c4e-b1b1-0b2201504693";
const CREDITOR = "0411bd28-c6c2-4498-8a47-b18d967449d7";
const RESTRICTED = "3d07c219-0a88-45be-9cfc-91e9d095a1e9";
const PARENT = "70850378-7d3c-4f45-91b7-942d4dfbbd43";
const SEED_PAYMENT = "497f6eca-6276-4993-bfeb-53cbbbba6f08";
const PAYMENT = "472e651e-5a1e-424d-8098-23858bf03ad7";
const SECOND_PAYMENT = "8f3c1a6d-2e5b-4d7a-9c4e-6b1f3a5d7e24";
const FEE = "5f2a8c6e-9d1b-4e3f-a7c5-2b8d4f6a1e37";

type Schemas = components["schemas"];

/** The bulk-pend request of docs/seeds/004_6ff45dce67e95b96.txt, verbatim. */
const SEED_BULK_PEND: Schemas["BulkPendPaymentsRequest"] = { paymentIds: [SEED_PAYMENT], parentId: PARENT, limitedIncomingAccountRestrictions: [{ accountId: RESTRICTED, limit: 0 }] };

const AMOUNT = 30.25;
/** A create of AMOUNT from DEBTOR to CREDITOR. */
const CREATE: Schemas["CreatePaymentRequest"] = { parentId: PARENT, parentType: "transfer", debtorAccountId: DEBTOR, creditorAccountId: CREDITOR, currency: "eur", amount: AMOUNT };
const ACCOUNT_HOLDS = "account {accountId} holds {amount} {currency}";
const funded = { accountId: DEBTOR, amount: 100.5, currency: "eur" };
const underfunded = { accountId: DEBTOR, amount: 10.5, currency: "eur" };
const empty = { accountId: CREDITOR, amount: 0, currency: "eur" };
/** A payment of AMOUNT from DEBTOR to CREDITOR under PARENT; the payment states take these parameters. */
const payment = (paymentId = PAYMENT) => ({ paymentId, parentId: PARENT, debtorAccountId: DEBTOR, creditorAccountId: CREDITOR, amount: AMOUNT, currency: "eur" });

const leg = (state: LegShape["state"], moves: LegShape["moves"]): LegShape => ({ state, amount: AMOUNT, currency: "eur", moves });
const PENDING = leg("pending", [["draft", "pending"]]);
const POSTED = leg("posted", [["draft", "pending"], ["pending", "posted"]]);
/** The path of a single-payment step, filled from the state's payment id. */
const stepPath = (step: Step) => fromProviderState(`/internal/Payments/\${paymentId}/${step}`, `/internal/Payments/${PAYMENT}/${step}`);

type Step = "pend" | "post" | "cancel";

/** A step on one payment that the states set up, and its answer: the payment's legs after it, or a refusal. */
interface SingleStep {
  title: string;
  description: string;
  states: ProviderStates;
  step: Step;
  answer: { legs: LegShape[] } | { status: number; code: string };
}

const SINGLE_STEPS: SingleStep[] = [
  { title: "pends a draft payment, holding the funds", description: "a request to pend a draft payment", states: [["payment {paymentId} is draft", payment()]], step: "pend", answer: { legs: [PENDING] } },
  {
    title: "is refused a pend the debtor cannot fund",
    description: "a request to pend a payment the debtor cannot fund",
    states: [[ACCOUNT_HOLDS, underfunded], ["payment {paymentId} is draft", payment()]],
    step: "pend",
    answer: { status: 422, code: "insufficientFunds" },
  },
  {
    title: "is refused a pend of a payment that is already posted",
    description: "a request to pend a payment that is already posted",
    states: [["payment {paymentId} is posted", payment()]],
    step: "pend",
    answer: { status: 422, code: "invalidStateTransition" },
  },
  {
    title: "is told a payment it names does not exist",
    description: "a request to pend an unknown payment",
    states: [["payment {paymentId} does not exist", { paymentId: PAYMENT }]],
    step: "pend",
    answer: { status: 404, code: "paymentNotFound" },
  },
  { title: "posts a pending payment", description: "a request to post a pending payment", states: [["payment {paymentId} is pending", payment()]], step: "post", answer: { legs: [POSTED] } },
  {
    title: "cancels a pending payment, paying the hold back",
    description: "a request to cancel a pending payment",
    states: [["payment {paymentId} is pending", payment()]],
    step: "cancel",
    answer: { legs: [leg("canceled", [["draft", "pending"], ["pending", "canceled"]])] },
  },
  {
    title: "is refused a cancel of a posted payment",
    description: "a request to cancel a posted payment",
    states: [["payment {paymentId} is posted", payment()]],
    step: "cancel",
    answer: { status: 422, code: "invalidStateTransition" },
  },
  {
    title: "is told a payment to cancel does not exist",
    description: "a request to cancel an unknown payment",
    states: [["payment {paymentId} does not exist", { paymentId: PAYMENT }]],
    step: "cancel",
    answer: { status: 404, code: "paymentNotFound" },
  },
];

/** The step through the typed client, on PAYMENT. */
function callStep(bank: FinlegoClient, step: Step) {
  const path = { params: { path: { paymentId: PAYMENT } } };
  if (step === "pend") return bank.POST("/internal/Payments/{paymentId}/pend", path);
  return step === "post" ? bank.POST("/internal/Payments/{paymentId}/post", path) : bank.POST("/internal/Payments/{paymentId}/cancel", path);
}

/** Registers the payments-integration consumer tests; the pact is written into `pactDir`. */
export function describePaymentsIntegration(pactDir: string): void {
  describe("consumer payments-integration", () => {
    const pact = consumerPact("payments-integration", pactDir);
    const bank = (baseUrl: string) => createFinlegoClient({ baseUrl });

    it("creates a payment, posted at once", async () => {
      await pact
        .addInteraction()
        .given(ACCOUNT_HOLDS, funded)
        .given(ACCOUNT_HOLDS, empty)
        .uponReceiving("a request to create a payment between two accounts")
        .withRequest("POST", "/internal/Payments", (request) => request.jsonBody(CREATE))
        .willRespondWith(200, (response) => response.jsonBody(paymentBody([leg("posted", [["draft", "posted"]])])))
        .executeTest(async (server) => {
          const { data } = await bank(server.url).POST("/internal/Payments", { body: CREATE });
          expect(data?.transactions[0]?.state).toBe("posted");
        });
    });

    it("is refused a payment the debtor cannot fund", async () => {
      await pact
        .addInteraction()
        .given(ACCOUNT_HOLDS, underfunded)
        .given(ACCOUNT_HOLDS, empty)
        .uponReceiving("a request to create a payment the debtor cannot fund")
        .withRequest("POST", "/internal/Payments", (request) => request.jsonBody(CREATE))
        .willRespondWith(422, problemResponse(422, "insufficientFunds"))
        .executeTest(async (server) => {
          const { error } = await bank(server.url).POST("/internal/Payments", { body: CREATE });
          expect(error?.code).toBe("insufficientFunds");
        });
    });

    it("drafts a payment with a principal and a fee leg, moving no money", async () => {
      const body: Schemas["CreateDraftPaymentRequest"] = {
        paymentId: PAYMENT,
        parentId: PARENT,
        parentType: "paymentRequest",
        transactions: [
          { debtorAccountId: DEBTOR, creditorAccountId: CREDITOR, currency: "eur", amount: AMOUNT },
          { debtorAccountId: DEBTOR, creditorAccountId: FEE, currency: "eur", amount: 1.5 },
        ],
      };
      await pact
        .addInteraction()
        .given(ACCOUNT_HOLDS, funded)
        .given(ACCOUNT_HOLDS, empty)
        .given(ACCOUNT_HOLDS, { accountId: FEE, amount: 0, currency: "eur", type: "fee" })
        .uponReceiving("a request to draft a payment with a principal and a fee leg")
        .withRequest("POST", "/internal/Payments/draft", (request) => request.jsonBody(body))
        .willRespondWith(200, (response) => response.jsonBody(paymentBody([leg("draft", []), { ...leg("draft", []), amount: 1.5 }], "paymentRequest")))
        .executeTest(async (server) => {
          const { data } = await bank(server.url).POST("/internal/Payments/draft", { body });
          expect(data?.transactions.map((t) => t.state)).toEqual(["draft", "draft"]);
        });
    });

    it.each(SINGLE_STEPS)("$title", async ({ description, states, step, answer }) => {
      const request = withStates(pact.addInteraction(), states).uponReceiving(description).withRequest("POST", stepPath(step));
      const expected = "legs" in answer ? request.willRespondWith(200, (response) => response.jsonBody(paymentBody(answer.legs))) : request.willRespondWith(answer.status, problemResponse(answer.status, answer.code));
      await expected.executeTest(async (server) => {
        const { data, error, response } = await callStep(bank(server.url), step);
        if ("legs" in answer) expect(data?.transactions.map((t) => t.state)).toEqual(answer.legs.map((l) => l.state));
        else expect([response.status, error?.code]).toEqual([answer.status, answer.code]);
      });
    });

    it("pends in bulk with the documentation's example body", async () => {
      await pact
        .addInteraction()
        .given(ACCOUNT_HOLDS, { accountId: RESTRICTED, amount: 0, currency: "eur" })
        .given("payment {paymentId} is draft", payment(SEED_PAYMENT))
        .uponReceiving("a bulk pend request with the documentation's example body")
        .withRequest("POST", "/internal/Payments/pend", (request) => request.jsonBody(SEED_BULK_PEND))
        .willRespondWith(200, (response) => response.jsonBody({ payments: [paymentBody([PENDING])] }))
        .executeTest(async (server) => {
          const { data } = await bank(server.url).POST("/internal/Payments/pend", { body: SEED_BULK_PEND });
          expect(data?.payments).toHaveLength(1);
        });
    });

    it("posts in bulk, answering in request order", async () => {
      const body: Schemas["BulkPaymentsRequest"] = { paymentIds: [PAYMENT, SECOND_PAYMENT], parentId: PARENT };
      await pact
        .addInteraction()
        .given("payment {paymentId} is pending", payment())
        .given("payment {paymentId} is pending", { paymentId: SECOND_PAYMENT, parentId: PARENT, amount: AMOUNT })
        .uponReceiving("a bulk post request")
        .withRequest("POST", "/internal/Payments/post", (request) => request.jsonBody(body))
        .willRespondWith(200, (response) => response.jsonBody({ payments: [paymentBody([POSTED]), paymentBody([POSTED])] }))
        .executeTest(async (server) => {
          const { data } = await bank(server.url).POST("/internal/Payments/post", { body });
          expect(data?.payments).toHaveLength(2);
        });
    });

    it("cancels in bulk, a draft and a pending payment together", async () => {
      const body: Schemas["BulkPaymentsRequest"] = { paymentIds: [PAYMENT, SECOND_PAYMENT], parentId: PARENT };
      await pact
        .addInteraction()
        .given("payment {paymentId} is draft", payment())
        .given("payment {paymentId} is pending", { paymentId: SECOND_PAYMENT, parentId: PARENT, amount: AMOUNT })
        .uponReceiving("a bulk cancel request")
        .withRequest("POST", "/internal/Payments/cancel", (request) => request.jsonBody(body))
        .willRespondWith(200, (response) =>
          response.jsonBody({
            payments: [paymentBody([leg("canceled", [["draft", "canceled"]])]), paymentBody([leg("canceled", [["draft", "pending"], ["pending", "canceled"]])])],
          }),
        )
        .executeTest(async (server) => {
          const { data } = await bank(server.url).POST("/internal/Payments/cancel", { body });
          expect(data?.payments.map((p) => p.transactions[0]?.state)).toEqual(["canceled", "canceled"]);
        });
    });

    it("reads a payment back through its legs", async () => {
      await pact
        .addInteraction()
        .given("payment {paymentId} is posted", payment())
        .uponReceiving("a request for a payment's legs")
        .withRequest("GET", "/internal/Transactions", (request) => request.query({ paymentId: fromProviderState("${paymentId}", PAYMENT) }))
        .willRespondWith(200, (response) => response.jsonBody({ items: eachLike(paymentBody([POSTED]).transactions[0]), totalCount: integer(1), page: 1, pageSize: 20 }))
        .executeTest(async (server) => {
          const { data } = await bank(server.url).GET("/internal/Transactions", { params: { query: { paymentId: PAYMENT } } });
          expect(data?.items[0]?.state).toBe("posted");
        });
    });
  });
}
