/**
 * Magic values: documented inputs that always fail one way, for UIs that cannot set a Prefer header.
 * None of them occurs in the demo data, and the sandbox never issues the magic account number.
 */
import { NETWORK_REJECTED_ACCOUNT_NUMBER, RESERVED_ACCOUNT_NUMBER, toMinor, type Ledger } from "../core/index.js";

/** One magic value, as `GET /__sandbox/magic-values` lists it; `status` and `code` only for one that fails the request itself. */
export interface MagicValue {
  field: string;
  value: unknown;
  operations: string[];
  effect: string;
  status?: number;
  code?: string;
}

/** An amount that is always refused for insufficient funds. */
export const MAGIC_INSUFFICIENT_FUNDS_AMOUNT = 666.66;
/** An amount that always meets a FinLego outage. */
export const MAGIC_OUTAGE_AMOUNT = 503.03;
/** An account number that is never found (no account can be created with it). */
export const MAGIC_UNKNOWN_ACCOUNT_NUMBER = RESERVED_ACCOUNT_NUMBER;

/** The documented magic values. */
export const MAGIC_VALUES: MagicValue[] = [
  {
    field: "amount",
    value: MAGIC_INSUFFICIENT_FUNDS_AMOUNT,
    operations: ["createPayment", "pendPayment", "pendPayments"],
    effect: "A payment (or any leg of a drafted payment) of this amount is refused for insufficient funds when it is created or pended, whatever the balance; nothing changes.",
    status: 422,
    code: "insufficientFunds",
  },
  {
    field: "amount",
    value: MAGIC_OUTAGE_AMOUNT,
    operations: ["createPayment", "draftPayment"],
    effect: "A payment with an amount (or leg amount) of this value meets a simulated outage; nothing changes.",
    status: 503,
    code: "serviceUnavailable",
  },
  {
    field: "debtorAccountNumber / creditorAccountNumber / accountNumbers / {id}",
    value: MAGIC_UNKNOWN_ACCOUNT_NUMBER,
    operations: ["createPayment", "draftPayment", "getAccount", "getAccountsByAccountNumbers"],
    effect: "This account number never exists: payments naming it are 404 accountNotFound, lookups find nothing, and creating an account with it is refused.",
    status: 404,
    code: "accountNotFound",
  },
  {
    field: "accountNumber (of the recipient paid)",
    value: NETWORK_REJECTED_ACCOUNT_NUMBER,
    operations: ["addRecipient", "createOutgoingTransfer", "createIntegrationOutgoingTransfer", "createIntegrationPaymentRequestTransfer", "continueOutgoingTransfer", "executeTransfer"],
    effect:
      "A transfer to a recipient with this account (a German IBAN, so sepa in eur) is created, confirmed and its funds held like any other; when it reaches the payment network (automatically, or by continue or execute) the network rejects it: rejected, statusReason rejectedByNetwork, its payment canceled and the hold released.",
  },
];

/** A forced answer a magic value calls for. */
export interface MagicOutcome {
  status: number;
  code: string;
  detail: string;
}

/** A field of a parsed JSON body, read as an own property only (a body is the client's, `constructor` included). */
function fieldOf(value: unknown, name: string): unknown {
  return typeof value === "object" && value !== null && Object.hasOwn(value, name) ? (value as Record<string, unknown>)[name] : undefined;
}

/** The amounts of a create body, or of each leg of a draft body. */
function legAmounts(body: unknown): unknown[] {
  const legs = fieldOf(body, "transactions");
  return Array.isArray(legs) ? legs.map((leg) => fieldOf(leg, "amount")) : [fieldOf(body, "amount")];
}

/** Checks a request (its body already valid against the spec) for magic values; the account number needs no check (it never exists). */
export function magicOutcome(operationId: string, body: unknown, ledger: Ledger, pathPaymentId: string | undefined): MagicOutcome | undefined {
  if (operationId === "createPayment" || operationId === "draftPayment") {
    const amounts = legAmounts(body);
    if (amounts.includes(MAGIC_OUTAGE_AMOUNT)) return { status: 503, code: "serviceUnavailable", detail: `Amount ${MAGIC_OUTAGE_AMOUNT} always meets a simulated outage (magic value).` };
    if (operationId === "createPayment" && amounts.includes(MAGIC_INSUFFICIENT_FUNDS_AMOUNT)) return insufficient();
  }
  if (operationId === "pendPayment" || operationId === "pendPayments") {
    const listed = fieldOf(body, "paymentIds");
    const ids: unknown[] = operationId === "pendPayment" ? [pathPaymentId] : Array.isArray(listed) ? listed : [];
    // Converted here, not at import, so that mutation testing can place toMinor on the tests that reach it.
    const magicMinor = toMinor(MAGIC_INSUFFICIENT_FUNDS_AMOUNT);
    for (const id of ids) {
      const payment = typeof id === "string" ? ledger.getPayment(id) : undefined;
      if (payment?.transactions.some((t) => t.amountMinor === magicMinor && t.state === "draft")) return insufficient();
    }
  }
  return undefined;
}

function insufficient(): MagicOutcome {
  return { status: 422, code: "insufficientFunds", detail: `Amount ${MAGIC_INSUFFICIENT_FUNDS_AMOUNT} is always refused for insufficient funds (magic value).` };
}
