/**
 * Handlers of the TransferOrchestrator transfer operations (#61, #62, #69-#88, #90-#99, #101, #102): outgoing,
 * internal, fx and incoming transfers, confirmation codes, incoming requests and transfer documents.
 * FrontOffice routes act on the client of the bearer token; docs/domain/transfers.md holds the rules.
 */
import type { Ledger, OutgoingInput, Result, Transfer, TransferDirection, TransferFilter, TransferStatus } from "../../core/index.js";
import { normalizePage, OUTGOING_DIRECTIONS } from "../../core/index.js";
import type { Currency } from "../../core/index.js";
import { confirmationCodeDto, incomingRequestDto, InputReader, transferDto } from "../dto.js";
import { respond, type HandlerTable } from "./context.js";
import { attachment } from "./documents.js";

/** The query of a transfer list. */
interface ListQuery {
  clientId?: string;
  accountId?: string;
  direction?: TransferDirection;
  status?: TransferStatus;
  currency?: Currency;
  fromDate?: string;
  toDate?: string;
  page?: number;
  pageSize?: number;
}

/** One page of transfers: `fixed` narrows what the route lists (a client's own, one direction, internal ones). */
function list(ledger: Ledger, query: ListQuery, fixed: TransferFilter) {
  const reader = new InputReader();
  const fromAt = reader.time(query.fromDate, "fromDate");
  const toAt = reader.time(query.toDate, "toDate");
  if (!reader.ok) return { fieldErrors: reader.errors };
  const filter: TransferFilter = {
    ...(query.clientId !== undefined && { clientId: query.clientId.toLowerCase() }),
    ...(query.accountId !== undefined && { accountId: query.accountId }),
    ...(query.direction !== undefined && { directions: [query.direction] }),
    ...(query.status !== undefined && { status: query.status }),
    ...(query.currency !== undefined && { currency: query.currency }),
    ...(fromAt !== null && { fromAt }),
    ...(toAt !== null && { toAt }),
    ...fixed,
  };
  // A route's own direction and a query's must both hold: a query naming another direction lists nothing.
  if (query.direction !== undefined && fixed.directions !== undefined && !fixed.directions.includes(query.direction)) filter.directions = [];
  return respond(ledger.listTransfers(filter, normalizePage(query)), (p) => ({ ...p, items: p.items.map(transferDto) }));
}

function one(ledger: Ledger, transferId: string, clientId: string | undefined, directions?: readonly TransferDirection[]) {
  return respond(ledger.findTransfer(transferId, { ...(clientId !== undefined && { clientId }), ...(directions !== undefined && { directions }) }), transferDto);
}

const answer = (result: Result<Transfer>) => respond(result, transferDto);

/** Creates an outgoing transfer from its body, the amount converted (a bad amount is a field error). */
function outgoing(
  ledger: Ledger,
  body: { accountId: string; recipientId: string; amount: number; currency: Currency; reference?: string; paymentRequestId?: string },
  clientId: string,
  route: "frontOffice" | "integration",
) {
  const reader = new InputReader();
  const amountMinor = reader.amount(body.amount, "amount");
  if (!reader.ok) return { fieldErrors: reader.errors };
  const input: OutgoingInput = {
    clientId,
    accountId: body.accountId,
    recipientId: body.recipientId,
    amountMinor,
    currency: body.currency,
    ...(body.reference !== undefined && { reference: body.reference }),
    ...(body.paymentRequestId !== undefined && { paymentRequestId: body.paymentRequestId }),
  };
  return answer(ledger.createOutgoingTransfer(input, route));
}

function download(ledger: Ledger, clientId: string, fileName: string) {
  const found = ledger.transferDocument(clientId, fileName);
  if (!found.ok) return { error: found.error };
  const document = found.value;
  return { status: 200 as const, contentType: document.contentType, bytes: document.bytes, headers: { "content-disposition": attachment(document.fileName) } };
}

const ONLY_INCOMING: readonly TransferDirection[] = ["incoming"];
const ONLY_FX: readonly TransferDirection[] = ["fx"];

/** Transfer handlers by operationId. */
export const transferHandlers: HandlerTable = {
  generateTransferConfirmationCode: ({ ledger, params, clientId }) => respond(ledger.sendConfirmationCode(clientId ?? "", params.path.transferId), confirmationCodeDto),

  downloadTransferDocument: ({ ledger, params, clientId }) => download(ledger, clientId ?? "", params.path.fileName),

  downloadClientTransferDocument: ({ ledger, params }) => download(ledger, params.path.clientId, params.path.fileName),

  listTransfers: ({ ledger, params, clientId }) => list(ledger, params.query, { clientId: clientId ?? "" }),

  listTransfersV2: ({ ledger, params, clientId }) => list(ledger, params.query, { clientId: clientId ?? "" }),

  getTransfer: ({ ledger, params, clientId }) => one(ledger, params.path.transferId, clientId ?? ""),

  getTransferV2: ({ ledger, params, clientId }) => one(ledger, params.path.transferId, clientId ?? ""),

  createOutgoingTransfer: ({ ledger, body, clientId }) => outgoing(ledger, body, clientId ?? "", "frontOffice"),

  getOutgoingTransfer: ({ ledger, params, clientId }) => one(ledger, params.path.transferId, clientId ?? "", OUTGOING_DIRECTIONS),

  getOutgoingTransferV2: ({ ledger, params, clientId }) => one(ledger, params.path.transferId, clientId ?? "", OUTGOING_DIRECTIONS),

  confirmOutgoingTransfer: ({ ledger, params, body, clientId }) => answer(ledger.confirmTransfer(clientId ?? "", params.path.transferId, body.code)),

  confirmOutgoingTransferV2: ({ ledger, params, body, clientId }) => answer(ledger.confirmTransfer(clientId ?? "", params.path.transferId, body.code)),

  cancelOutgoingTransfer: ({ ledger, params, clientId }) => answer(ledger.cancelTransfer(clientId ?? "", params.path.transferId)),

  cancelOutgoingTransferV2: ({ ledger, params, clientId }) => answer(ledger.cancelTransfer(clientId ?? "", params.path.transferId)),

  getIncomingTransfer: ({ ledger, params, clientId }) => one(ledger, params.path.transferId, clientId ?? "", ONLY_INCOMING),

  getIncomingTransferV2: ({ ledger, params, clientId }) => one(ledger, params.path.transferId, clientId ?? "", ONLY_INCOMING),

  getFxTransfer: ({ ledger, params, clientId }) => one(ledger, params.path.transferId, clientId ?? "", ONLY_FX),

  getFxTransferV2: ({ ledger, params, clientId }) => one(ledger, params.path.transferId, clientId ?? "", ONLY_FX),

  createFxTransfer: ({ ledger, body, clientId }) => {
    const reader = new InputReader();
    const amountMinor = reader.amount(body.amount, "amount");
    if (!reader.ok) return { fieldErrors: reader.errors };
    const { amount: _amount, ...rest } = body;
    return answer(ledger.createFxTransfer({ ...rest, clientId: clientId ?? "", amountMinor }));
  },

  getTransferType: ({ ledger, params }) => {
    const { recipientAccount, currency } = params.query;
    return { status: 200, body: { recipientAccount, currency, type: ledger.transferType(recipientAccount, currency) } };
  },

  listIncomingRequests: ({ ledger, params }) => {
    const q = params.query;
    const reader = new InputReader();
    const fromAt = reader.time(q.fromDate, "fromDate");
    const toAt = reader.time(q.toDate, "toDate");
    if (!reader.ok) return { fieldErrors: reader.errors };
    const filter = { ...(q.status !== undefined && { status: q.status }), ...(q.currency !== undefined && { currency: q.currency }), ...(fromAt !== null && { fromAt }), ...(toAt !== null && { toAt }) };
    return respond(ledger.listIncomingRequests(filter, normalizePage(q)), (p) => ({ ...p, items: p.items.map(incomingRequestDto) }));
  },

  processIncomingRequest: ({ ledger, params }) => respond(ledger.processIncomingRequest(params.path.requestId), incomingRequestDto),

  listInternalTransfers: ({ ledger, params }) => list(ledger, params.query, { type: "internal" }),

  listOutgoingTransfers: ({ ledger, params }) => list(ledger, params.query, { directions: OUTGOING_DIRECTIONS }),

  listIncomingTransfers: ({ ledger, params }) => list(ledger, params.query, { directions: ONLY_INCOMING }),

  listFxTransfers: ({ ledger, params }) => list(ledger, params.query, { directions: ONLY_FX }),

  getOutgoingTransferInternal: ({ ledger, params }) => one(ledger, params.path.transferId, undefined, OUTGOING_DIRECTIONS),

  getIncomingTransferInternal: ({ ledger, params }) => one(ledger, params.path.transferId, undefined, ONLY_INCOMING),

  getFxTransferInternal: ({ ledger, params }) => one(ledger, params.path.transferId, undefined, ONLY_FX),

  assignIncomingTransfer: ({ ledger, params, body }) => answer(ledger.assignIncomingTransfer(params.path.transferId, body.clientId, body.accountId)),

  continueOutgoingTransfer: ({ ledger, params }) => answer(ledger.continueTransfer(params.path.transferId)),

  executeTransfer: ({ ledger, params }) => answer(ledger.executeTransfer(params.path.transferId)),

  createIntegrationOutgoingTransfer: ({ ledger, body }) => outgoing(ledger, body, body.clientId, "integration"),

  createIntegrationPaymentRequestTransfer: ({ ledger, body }) => outgoing(ledger, body, body.clientId, "integration"),
};
