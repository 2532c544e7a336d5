import { accountsByNumbers, listAccounts } from "./account-queries.js";
import { clientAccountRecs, closeAccount, createAccount, openClientAccount, reorderAccounts, updateAccount } from "./accounts.js";
import { aggregatedAmounts, calculateBalances, recalculate } from "./balances.js";
import { addClient, blockClient, clientPlan, createClient, findClient, listClients, requestDeletion, setClientStatus, unblockClient, updateClient } from "./clients.js";
import type { ClientFilter } from "./clients.js";
import { deleteDocument, listDocuments, readDocument, uploadDocuments } from "./documents.js";
import type { DocumentOwner, UploadInput } from "./documents.js";
import { importClient, receiveSumsubEvent, simulateReview } from "./onboarding.js";
import type { ImportInput, SimulatedReview, SumsubEvent } from "./onboarding.js";
import { availableCurrencies, getCurrency, listCurrencies, setCurrencyEnabled } from "./currencies.js";
import { dailyBalances, dailyCheck, recalculateDailyBalances } from "./daily-balances.js";
import { verifyState } from "./invariants.js";
import { sendOtp, verifyOtp } from "./otp.js";
import { createPayment, draftPayment } from "./payments.js";
import { findAccountRec, getById } from "./refs.js";
import { checkAccountBalances, reconciliationReport, treasurySummary } from "./reports.js";
import { addRecipient, addSystemRecipient, getRecipient, listRecipients, setRecipientVisibility } from "./transfers/index.js";
import type { RecipientFilter, RecipientInput } from "./transfers/index.js";
import { exportSnapshot, importSnapshot } from "./snapshot.js";
import { listFxRates, setFxRates } from "./transfers/index.js";
import type { FxRate } from "./transfers/index.js";
import { assignIncoming, listIncomingRequests, processIncomingRequest, receiveIncoming } from "./transfers/index.js";
import type { IncomingInput, IncomingRequestFilter } from "./transfers/index.js";
import { transferDocument } from "./transfers/index.js";
import { transferTypeOf } from "./transfers/index.js";
import {
  cancelOutgoing, confirmOutgoing, continueOutgoing, createFx, createOutgoing, executeTransfer, findTransfer, listTransfers, sendConfirmationCode,
  setTransferProcessing, settleDueTransfers, simulateOutcome, transferView,
} from "./transfers/index.js";
import type { FxInput, OutgoingInput, SimulatedOutcome, TransferFilter, TransferScope } from "./transfers/index.js";
import type { LedgerSnapshot } from "./snapshot.js";
import { ok } from "./errors.js";
import { createState } from "./state.js";
import type { LedgerState } from "./state.js";
import { getTransaction, queryTransactions, transactionsReport } from "./transactions.js";
import { transitionPayments } from "./transitions.js";
import { fundFromTreasury } from "./treasury.js";
import type {
  AccountFilter, AccountType, AddClientInput, BulkInput, ClientPatch, ClientStatus, Clock, CreateAccountInput, CreatePaymentInput, Currency,
  DocumentType, DraftPaymentInput, IdGenerator, Page, ParentType, TransactionFilter, TransactionSort, TransferProcessing,
} from "./types.js";
import { accountView, clientView, paymentView } from "./views.js";

// Each method is a one-line delegation, so the domain stays in small modules over an explicit state.
class StateLedger {
  constructor(private readonly state: LedgerState) {}
  get clock(): Clock { return this.state.clock; }
  get ids(): IdGenerator { return this.state.ids; }
  addClient(input: AddClientInput) { return addClient(this.state, input); }
  getClient(id: string) { const c = getById(this.state.clients, id); return c && clientView(c); }
  /** Creates a client through the API: `new`, verification `notStarted`, a complete profile (core/clients.ts). */
  createClient(input: Parameters<typeof createClient>[1]) { return createClient(this.state, input); }
  /** The client of an id, or clientNotFound. */
  findClient(id: string) { const found = findClient(this.state, id); return found.ok ? ok(clientView(found.value)) : found; }
  clientPlan(id: string) { return clientPlan(this.state, id); }
  listClients(filter: ClientFilter, page: Page) { return listClients(this.state, filter, page); }
  updateClient(id: string, patch: ClientPatch) { return updateClient(this.state, id, patch); }
  blockClient(id: string, reason: string | null) { return blockClient(this.state, id, reason); }
  unblockClient(id: string) { return unblockClient(this.state, id); }
  setClientStatus(id: string, status: ClientStatus, reason: string | null) { return setClientStatus(this.state, id, status, reason); }
  requestDeletion(id: string, reason: string | null) { return requestDeletion(this.state, id, reason); }
  importClient(input: ImportInput) { return importClient(this.state, input); }
  receiveSumsubEvent(event: SumsubEvent) { return receiveSumsubEvent(this.state, event); }
  simulateReview(input: SimulatedReview) { return simulateReview(this.state, input); }
  uploadDocuments(input: UploadInput) { return uploadDocuments(this.state, input); }
  listDocuments(owner: DocumentOwner, documentType: DocumentType | undefined, page: Page) { return listDocuments(this.state, owner, documentType, page); }
  readDocument(owner: DocumentOwner, documentId: string) { return readDocument(this.state, owner, documentId); }
  deleteDocument(clientId: string, documentId: string) { return deleteDocument(this.state, clientId, documentId); }
  /** Saves a recipient for a client; its own route also refuses a blocked client (core/transfers/recipients.ts). */
  addRecipient(clientId: string, input: RecipientInput, refuseBlocked: boolean, id?: string) { return addRecipient(this.state, clientId, input, refuseBlocked, id); }
  addSystemRecipient(input: RecipientInput, id?: string) { return addSystemRecipient(this.state, input, id); }
  listRecipients(clientId: string, filter: RecipientFilter, page: Page) { return listRecipients(this.state, clientId, filter, page); }
  getRecipient(clientId: string, recipientId: string) { return getRecipient(this.state, clientId, recipientId); }
  setRecipientVisibility(clientId: string, recipientId: string, isVisible: boolean) { return setRecipientVisibility(this.state, clientId, recipientId, isVisible); }
  /** Creates an outgoing transfer: awaiting the client's code (FrontOffice) or confirmed with its funds held (integration); core/transfers/outgoing.ts. */
  createOutgoingTransfer(input: OutgoingInput, route: "frontOffice" | "integration") { return createOutgoing(this.state, input, route); }
  sendConfirmationCode(clientId: string, transferId: string) { return sendConfirmationCode(this.state, clientId, transferId); }
  confirmTransfer(clientId: string, transferId: string, code: string) { return confirmOutgoing(this.state, clientId, transferId, code); }
  cancelTransfer(clientId: string, transferId: string) { return cancelOutgoing(this.state, clientId, transferId); }
  continueTransfer(transferId: string) { return continueOutgoing(this.state, transferId); }
  executeTransfer(transferId: string) { return executeTransfer(this.state, transferId); }
  simulateTransferOutcome(transferId: string, outcome: SimulatedOutcome, reason?: string) { return simulateOutcome(this.state, transferId, outcome, reason); }
  createFxTransfer(input: FxInput) { return createFx(this.state, input); }
  findTransfer(transferId: string, scope: TransferScope) { const found = findTransfer(this.state, transferId, scope); return found.ok ? ok(transferView(found.value)) : found; }
  listTransfers(filter: TransferFilter, page: Page) { return listTransfers(this.state, filter, page); }
  transferType(accountNumber: string, currency: Currency) { return transferTypeOf(this.state, accountNumber, currency); }
  transferDocument(clientId: string, fileName: string) { return transferDocument(this.state, clientId, fileName); }
  transferProcessing(): TransferProcessing { return { ...this.state.transferProcessing }; }
  setTransferProcessing(input: TransferProcessing) { return setTransferProcessing(this.state, input); }
  /** Runs the automatic transfer steps due by the clock; returns how many ran (core/transfers/outgoing.ts). */
  settleDue() { return settleDueTransfers(this.state); }
  receiveIncoming(input: IncomingInput) { return receiveIncoming(this.state, input); }
  processIncomingRequest(requestId: string) { return processIncomingRequest(this.state, requestId); }
  assignIncomingTransfer(transferId: string, clientId: string, accountId: string) { return assignIncoming(this.state, transferId, clientId, accountId); }
  listIncomingRequests(filter: IncomingRequestFilter, page: Page) { return listIncomingRequests(this.state, filter, page); }
  fxRates() { return listFxRates(this.state); }
  setFxRates(rates: FxRate[]) { return setFxRates(this.state, rates); }
  listCurrencies() { return listCurrencies(this.state); }
  getCurrency(code: string) { return getCurrency(this.state, code); }
  setCurrencyEnabled(code: Currency, isEnabled: boolean, name?: string) { return setCurrencyEnabled(this.state, code, isEnabled, name); }
  availableCurrencies() { return availableCurrencies(); }
  openClientAccount(input: { clientId: string; currency: Currency; name?: string | null }) { return openClientAccount(this.state, input); }
  createAccount(input: CreateAccountInput) { return createAccount(this.state, input); }
  getAccount(id: string) { const a = getById(this.state.accounts, id); return a && accountView(a); }
  getAccountByNumber(n: string) { const a = this.state.accountsByNumber.get(n); return a && accountView(a); }
  findAccount(idOrNumber: string) { const a = findAccountRec(this.state, idOrNumber); return a && accountView(a); }
  listAccounts(filter: AccountFilter, page: Page) { return listAccounts(this.state, filter, page); }
  listClientAccounts(clientId: string) { return clientAccountRecs(this.state, clientId).map(accountView); }
  accountsByNumbers(numbers: string[]) { return accountsByNumbers(this.state, numbers); }
  updateAccount(id: string, patch: { name?: string | null }) { return updateAccount(this.state, id, patch); }
  closeAccount(id: string) { return closeAccount(this.state, id); }
  reorderAccounts(clientId: string, accountIds: string[]) { return reorderAccounts(this.state, clientId, accountIds); }
  sendOtp(input: { accountId: string; operation: "activate" | "close" }) { return sendOtp(this.state, input); }
  /** Verifies an OTP; with `clientId`, only an OTP of that client's account is found. */
  verifyOtp(input: { otpId: string; code: string; clientId?: string }) { return verifyOtp(this.state, input); }
  calculateBalances(accountIds: string[], asOf?: number) { return calculateBalances(this.state, accountIds, asOf); }
  recalculate(accountIds?: string[]) { return recalculate(this.state, accountIds); }
  aggregatedAmounts(filter: { currency?: Currency; type?: AccountType; clientId?: string }) { return aggregatedAmounts(this.state, filter); }
  /** Daily balances per account and UTC day (days since 1970-01-01), stored rows where a day was stored (core/daily-balances.ts). */
  dailyBalances(accountIds: string[], fromDay: number, toDay: number) { return dailyBalances(this.state, accountIds, fromDay, toDay); }
  recalculateDailyBalances(accountIds: string[] | undefined, fromDay: number, toDay: number) { return recalculateDailyBalances(this.state, accountIds, fromDay, toDay); }
  dailyCheck(day?: number) { return dailyCheck(this.state, day); }
  reconciliationReport(currency: Currency, day?: number) { return reconciliationReport(this.state, currency, day); }
  treasurySummary(currency?: Currency) { return treasurySummary(this.state, currency); }
  checkAccountBalances(currency?: Currency) { return checkAccountBalances(this.state, currency); }
  createPayment(input: CreatePaymentInput) { return createPayment(this.state, input); }
  /** Pays an account from its currency's treasury: how money from outside enters (core/treasury.ts). */
  fundFromTreasury(accountId: string, amountMinor: number, parentType: ParentType) { return fundFromTreasury(this.state, { accountId, amountMinor, parentType }); }
  draftPayment(input: DraftPaymentInput) { return draftPayment(this.state, input); }
  pendPayments(input: BulkInput) { return transitionPayments(this.state, "pend", input); }
  postPayments(input: BulkInput) { return transitionPayments(this.state, "post", input); }
  cancelPayments(input: BulkInput) { return transitionPayments(this.state, "cancel", input); }
  getPayment(id: string) { const p = getById(this.state.payments, id); return p && paymentView(p); }
  getTransaction(id: string) { return getTransaction(this.state, id); }
  queryTransactions(filter: TransactionFilter, sort: TransactionSort, page: Page) { return queryTransactions(this.state, filter, sort, page); }
  transactionsReport(accountId: string, fromAt: number | undefined, toAt: number | undefined) { return transactionsReport(this.state, accountId, fromAt, toAt); }
  verify() { return verifyState(this.state); }
  exportState() { return exportSnapshot(this.state); }
}

/** The ledger: every operation of the GeneralLedger domain over one isolated state (the class's public face). */
export type Ledger = Pick<StateLedger, keyof StateLedger>;

/** Creates an empty ledger (all ten currencies enabled, no accounts) over an injected clock and id generator. */
export function createLedger(options: { clock: Clock; ids: IdGenerator }): Ledger {
  return new StateLedger(createState(options.clock, options.ids));
}

/** Rebuilds a ledger from exportState(); resumes the id generator when it can; throws LedgerInvariantError on a bad snapshot. */
export function importLedger(snapshot: LedgerSnapshot, options: { clock: Clock; ids: IdGenerator }): Ledger {
  return new StateLedger(importSnapshot(snapshot, options.clock, options.ids));
}
