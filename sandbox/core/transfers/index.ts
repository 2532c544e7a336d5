/**
 * TransferOrchestrator in the core (docs/domain/transfers.md): recipients, outgoing, internal, fx and incoming
 * transfers, the rules that type and price them, their documents and their part of a snapshot. The ledger and
 * the snapshot reach this folder through here only.
 */
export { addRecipient, addSystemRecipient, exportRecipients, getRecipient, listRecipients, MAX_RECIPIENT_NAME_LENGTH, restoreRecipient, setRecipientVisibility } from "./recipients.js";
export type { RecipientFilter, RecipientInput } from "./recipients.js";
export {
  cancelOutgoing, confirmOutgoing, continueOutgoing, createFx, createOutgoing, executeTransfer, findTransfer, listTransfers, MAX_TRANSFER_DELAY_MS,
  MAX_TRANSFER_REFERENCE_LENGTH, OUTGOING_DIRECTIONS, sendConfirmationCode, setTransferProcessing, settleDueTransfers, simulateOutcome, transferView,
} from "./outgoing.js";
export type { ConfirmationCode, FxInput, OutgoingInput, SimulatedOutcome, TransferFilter, TransferScope } from "./outgoing.js";
export { assignIncoming, DEFAULT_INCOMING_ERROR, listIncomingRequests, processIncomingRequest, receiveIncoming } from "./incoming.js";
export type { IncomingInput, IncomingRequestFilter } from "./incoming.js";
export { FX_BASE_CURRENCY, listFxRates, setFxRates } from "./fx.js";
export type { FxRate } from "./fx.js";
export { NETWORK_REJECTED_ACCOUNT_NUMBER, SWIFT_FEE_MINOR, transferTypeOf } from "./rules.js";
export { transferDocument } from "./document.js";
export type { TransferDocument } from "./document.js";
export { exportTransfers, importTransfers } from "./snapshot.js";
export type { TransferSnapshot } from "./snapshot.js";
