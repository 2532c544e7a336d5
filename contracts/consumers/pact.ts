/**
 * What both consumer suites share: the provider's name, the Pact they write into, and the matchers for the
 * FinLego shapes they read (a leg, a payment, a problem). Matchers keep ids, times and amounts out of the
 * contract except where the state decides them; literal values are the rules (a state, a code, a count).
 */
import { MatchersV3, PactV4 } from "@pact-foundation/pact";
// Type-only: pact does not export its builder types from its index.
import type { V4ResponseBuilder, V4UnconfiguredInteraction } from "@pact-foundation/pact/src/v4/http/types.js";
import { CURRENCIES, PARENT_TYPES, type Currency, type ParentType } from "../../sandbox/core/index.js";
import type { components } from "../../client/index.js";
import { keepPactOffline } from "../pact-library.js";

const { datetime, decimal, regex, string, uuid } = MatchersV3;

/** The provider every pact of this repository names: the FinLego API, which the sandbox stands in for. */
export const PROVIDER = "finlego-core-banking";

/** ISO 8601 UTC with milliseconds, as FinLego (and the sandbox) write times. */
export const ISO_DATE_TIME = "yyyy-MM-dd'T'HH:mm:ss.SSSX";

/** The consumer's Pact, written (V4) into `dir`. */
export function consumerPact(consumer: string, dir: string): PactV4 {
  keepPactOffline();
  return new PactV4({ consumer, provider: PROVIDER, dir, logLevel: "warn" });
}

/** Provider states with their parameters, in order. */
export type ProviderStates = [name: string, params: Record<string, string | number>][];

/** The interaction given all the states. */
export function withStates(interaction: V4UnconfiguredInteraction, states: ProviderStates): V4UnconfiguredInteraction {
  return states.reduce((given, [name, params]) => given.given(name, params), interaction);
}

/** A time in the response, any instant. */
export const timestamp = (example = "2026-01-01T09:00:00.000Z") => datetime(ISO_DATE_TIME, example);

/** One of the ten currencies. */
export const currencyCode = (example: Currency) => regex(`^(${CURRENCIES.join("|")})$`, example);

/** One of the three parent types. */
export const parentTypeOf = (example: ParentType) => regex(`^(${PARENT_TYPES.join("|")})$`, example);

/** The Content-Type of every error answer. */
export const PROBLEM_CONTENT_TYPE = regex("^application/problem\\+json", "application/problem+json");

/** An RFC 9457 problem whose status and code are the contract; the wording is not. */
export function problemBody(status: number, code: string) {
  return { type: string("https://tools.ietf.org/html/rfc9110#section-15.5.21"), title: string("Refused"), status, code, detail: string(`${code}: why, in words`) };
}

/** The expected answer of a refused request: problem+json with that status and code. */
export function problemResponse(status: number, code: string): (response: V4ResponseBuilder) => void {
  return (response) => {
    response.headers({ "Content-Type": PROBLEM_CONTENT_TYPE }).jsonBody(problemBody(status, code));
  };
}

type TransactionState = components["schemas"]["TransactionState"];

/** What a leg looks like in a given state: the moves it went through are literal, ids and times are matched. */
export interface LegShape {
  state: TransactionState;
  amount: number;
  currency: Currency;
  /** Its state changes, oldest first, as [from, to]. */
  moves: [TransactionState, TransactionState][];
  parentType?: ParentType;
}

/** A TransactionDto (a payment's leg). Amounts in these contracts always carry cents, so `decimal` holds. */
export function legBody({ state, amount, currency, moves, parentType = "transfer" }: LegShape) {
  return {
    id: uuid("497f6eca-6276-4993-bfeb-53cbbbba6f08"),
    paymentId: uuid("472e651e-5a1e-424d-8098-23858bf03ad7"),
    parentId: uuid("70850378-7d3c-4f45-91b7-942d4dfbbd43"),
    parentType: parentTypeOf(parentType),
    debtorAccountId: uuid("d9695c4c-f4a8-4c4e-b1b1-0b2201504693"),
    debtorAccountNumber: string("FL100000000000000001"),
    creditorAccountId: uuid("0411bd28-c6c2-4498-8a47-b18d967449d7"),
    creditorAccountNumber: string("FL100000000000000002"),
    currency: currencyCode(currency),
    amount: decimal(amount),
    state,
    stateReason: state === "canceled" ? "canceledByRequest" : null,
    createdDate: timestamp(),
    postedDate: state === "posted" ? timestamp() : null,
    stateChanges: moves.map(([from, to]) => ({ paymentId: uuid("472e651e-5a1e-424d-8098-23858bf03ad7"), from, to, timestamp: timestamp() })),
  };
}

/** A PaymentDto with the given legs. */
export function paymentBody(legs: LegShape[], parentType: ParentType = "transfer") {
  return {
    paymentId: uuid("472e651e-5a1e-424d-8098-23858bf03ad7"),
    parentId: uuid("70850378-7d3c-4f45-91b7-942d4dfbbd43"),
    parentType: parentTypeOf(parentType),
    transactions: legs.map((leg) => legBody({ ...leg, parentType })),
  };
}
