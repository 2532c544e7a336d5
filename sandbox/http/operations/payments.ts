/** Handlers of the eight GeneralLedger Payments operations (#49-#56). */
import type { BulkInput, DraftLegInput, IncomingRestriction, Result } from "../../core/index.js";
import { InputReader, paymentJson } from "../dto.js";
import { pathParam, type Handler, type HandlerOutcome, type OperationContext } from "./context.js";

/** Answers 200 with the JSON text of a successful result, or the result's error. */
function answer<T>(result: Result<T>, toJson: (value: T) => string): HandlerOutcome {
  return result.ok ? { status: 200, json: toJson(result.value) } : { error: result.error };
}

interface RestrictionBody {
  accountId: string;
  limit: number;
}

function restrictions(reader: InputReader, list: RestrictionBody[] | undefined): IncomingRestriction[] | undefined {
  return list?.map((r, i) => ({ accountId: r.accountId, limitMinor: reader.limit(r.limit, `limitedIncomingAccountRestrictions[${i}].limit`) }));
}

const createPayment: Handler = ({ ledger, body }) => {
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

const draftPayment: Handler = ({ ledger, body }) => {
  const reader = new InputReader();
  const legs: DraftLegInput[] = (body.transactions as Record<string, unknown>[]).map((leg, i) => ({
    ...(typeof leg.id === "string" && { id: leg.id }),
    debtor: reader.accountRef(leg, "debtor", `transactions[${i}].`),
    creditor: reader.accountRef(leg, "creditor", `transactions[${i}].`),
    currency: leg.currency as DraftLegInput["currency"],
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

/** The single forms act on the path's payment; their answer is that one PaymentDto. */
function single(step: BulkStep): Handler {
  return (ctx) => {
    const reader = new InputReader();
    const input: BulkInput = { paymentIds: [pathParam(ctx, "paymentId")] };
    const limits = restrictions(reader, ctx.body?.limitedIncomingAccountRestrictions);
    if (limits) input.restrictions = limits;
    if (!reader.ok) return { fieldErrors: reader.errors };
    return answer(ctx.ledger[step](input), (payments) => paymentJson(payments[0]!));
  };
}

/** The bulk forms check the parent, act atomically and answer `{payments}` in request order. */
function bulk(step: BulkStep): Handler {
  return ({ ledger, body }: OperationContext): HandlerOutcome => {
    const reader = new InputReader();
    const input: BulkInput = { paymentIds: body.paymentIds, parentId: body.parentId };
    const limits = restrictions(reader, body.limitedIncomingAccountRestrictions);
    if (limits) input.restrictions = limits;
    if (!reader.ok) return { fieldErrors: reader.errors };
    return answer(ledger[step](input), (payments) => `{"payments":[${payments.map(paymentJson).join(",")}]}`);
  };
}

/** Payments handlers by operationId. */
export const paymentHandlers: Record<string, Handler> = {
  createPayment,
  draftPayment,
  pendPayment: single("pendPayments"),
  pendPayments: bulk("pendPayments"),
  postPayment: single("postPayments"),
  postPayments: bulk("postPayments"),
  cancelPayment: single("cancelPayments"),
  cancelPayments: bulk("cancelPayments"),
};
