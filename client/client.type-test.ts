/**
 * Compile-time tests of the generated client: each `@ts-expect-error` line must fail to compile, and tsc
 * reports an unused directive if it ever compiles, so these checks cannot pass vacuously.
 * Checked by `npm run typecheck` and by test/client/types.test.ts.
 */
import { createFinlegoClient } from "./index.js";

const client = createFinlegoClient({ baseUrl: "http://127.0.0.1:4010" });
const paymentId = "472e651e-5a1e-424d-8098-23858bf03ad7";
const leg = { debtorAccountId: paymentId, creditorAccountId: paymentId, currency: "eur", amount: 1 } as const;

/** A correct call compiles, and its response is typed. */
export async function correctCalls(): Promise<string | undefined> {
  const { data } = await client.POST("/internal/Payments/draft", {
    body: { parentId: paymentId, parentType: "transfer", transactions: [leg] },
  });
  await client.POST("/internal/Payments/{paymentId}/cancel", { params: { path: { paymentId } } });
  return data?.transactions[0]?.state;
}

/** A path the spec does not have does not compile. */
export async function wrongPath(): Promise<void> {
  // @ts-expect-error -- "/internal/Payment/draft" is not a path of the spec
  await client.POST("/internal/Payment/draft", { body: {} });
}

/** A misspelled body field does not compile. */
export async function misspelledField(): Promise<void> {
  await client.POST("/internal/Payments/draft", {
    // @ts-expect-error -- `parentTyp` is not a field of CreateDraftPaymentRequest
    body: { parentId: paymentId, parentTyp: "transfer", transactions: [leg] },
  });
}

/** An enum value the spec does not list does not compile. */
export async function wrongEnumValue(): Promise<void> {
  await client.POST("/internal/Payments/draft", {
    // @ts-expect-error -- "eu" is not a Currency
    body: { parentId: paymentId, parentType: "transfer", transactions: [{ ...leg, currency: "eu" }] },
  });
}
