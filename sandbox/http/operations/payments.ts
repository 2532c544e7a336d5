/** Handlers of the eight GeneralLedger Payments operations (#49-#56). */
import type { BulkInput, DraftLegInput, IncomingRestriction, Ledger, Result } from "../../core/index.js";
import type { components } from "../../../client/generated/finlego.js";
import { InputReader, paymentJson } from "../dto.js";
import type { HandlerFailure, HandlerTable, OperationHandler } from "./context.js";

/** Answers 200 with the JSON text of a successful result, or the result's error. */
function answer<T>(result: Result<T>, toJson: (value: T) => string): { status: 200; json: string } | HandlerFailure {
  return result.ok ? { status: 200, json: toJson(result.value) } : { error: result.error };
}

function restrictions(reader: InputReader, list: components["schemas"]["AccountRestriction"][] | undefined): IncomingRestriction[] | undefined {
  return list?.map((r, i) => ({ accountId: r.accountId, limitMinor: reader.limit(r.limit, `limitedIncomingAccountRestrictions[${i}].limit`) }));
}

const createPayment: OperationHandler<"createPayment"> = ({ ledger, body }) => {
  const reader = new InputReader();
  const input = {
    ...(body.paymentId !== undefined && { paymentId: body.paymentId }),
    parentId: body.parentId,
    parentType: body.parentType,
    debtor: reader.accountRef(body, "debtor", ""),
    creditor: reader.accountRef(body, "creditor", ""),
    currency: body.currency,
    amountMinor: reader.amount(body.amount, "amount"),
    obligatoryAt: reader.time(body.obligatoryDate, "obligatoryDate"),
    restrictions: restrictions(reader, body.limitedIncomingAccountRestrictions),
  };
  if (!reader.ok) return { fieldErrors: reader.errors };
  return answer(ledger.createPayment(input), ({ payment }) => paymentJson(payment));
};

const draftPayment: OperationHandler<"draftPayment"> = ({ ledger, body }) => {
  const reader = new InputReader();
  const legs: DraftLegInput[] = body.transactions.map((leg, i) => ({
    ...(leg.id !== undefined && { id: leg.id }),
    debtor: reader.accountRef(leg, "debtor", `transactions[${i}].`),
    creditor: reader.accountRef(leg, "creditor", `transactions[${i}].`),
    currency: leg.currency,
    amountMinor: reader.amount(leg.amount, `transactions[${i}].amount`),
  }));
  const input = {
    ...(body.paymentId !== undefined && { paymentId: body.paymentId }),
    parentId: body.parentId,
    parentType: body.parentType,
    obligatoryAt: reader.time(body.obligatoryDate, "obligatoryDate"),
    legs,
  };
  if (!reader.ok) return { fieldErrors: reader.errors };
  return answer(ledger.draftPayment(input), ({ payment }) => paymentJson(payment));
};

type BulkStep = "pendPayments" | "postPayments" | "cancelPayments";
type Restrictions = components["schemas"]["AccountRestriction"][] | undefined;

/** Runs one step on the given payments, with the incoming limits the body gave (pend only); a bulk form names the parent. */
function step(ledger: Ledger, name: BulkStep, input: BulkInput, limits: Restrictions): { status: 200; json: string } | HandlerFailure {
  const reader = new InputReader();
  const restricted = restrictions(reader, limits);
  if (restricted) input.restrictions = restricted;
  if (!reader.ok) return { fieldErrors: reader.errors };
  const single = input.parentId === undefined;
  return answer(ledger[name](input), (payments) => (single ? paymentJson(payments[0]!) : `{"payments":[${payments.map(paymentJson).join(",")}]}`));
}

/** The single forms act on the path's payment; their answer is that one PaymentDto. */
const single =
  (name: BulkStep) =>
  ({ ledger, params, body }: { ledger: Ledger; params: { path: { paymentId: string } }; body: { limitedIncomingAccountRestrictions?: Restrictions } | undefined }) =>
    step(ledger, name, { paymentIds: [params.path.paymentId] }, body?.limitedIncomingAccountRestrictions);

/** The bulk forms check the parent, act atomically and answer `{payments}` in request order. */
const bulk =
  (name: BulkStep) =>
  ({ ledger, body }: { ledger: Ledger; body: { paymentIds: string[]; parentId: string; limitedIncomingAccountRestrictions?: Restrictions } }) =>
    step(ledger, name, { paymentIds: body.paymentIds, parentId: body.parentId }, body.limitedIncomingAccountRestrictions);

/** Payments handlers by operationId. */
export const paymentHandlers: HandlerTable = {
  createPayment,
  draftPayment,
  pendPayment: single("pendPayments"),
  pendPayments: bulk("pendPayments"),
  postPayment: single("postPayments"),
  postPayments: bulk("postPayments"),
  cancelPayment: single("cancelPayments"),
  cancelPayments: bulk("cancelPayments"),
};
