/**
 * Public types of the ledger core. Amounts are integer minor units (`...Minor`), times are epoch
 * milliseconds from the injected clock; the HTTP layer converts both at the edge.
 */

/** The ten FinLego currencies, in the order the API's enum lists them. */
export const CURRENCIES = ["cad", "cny", "dkk", "nok", "sek", "chf", "gbp", "usd", "eur", "pln"] as const;
/** A lower-case ISO 4217 code of one of the ten FinLego currencies. */
export type Currency = (typeof CURRENCIES)[number];

/** What a payment belongs to, in the order the API's enum lists them. */
export const PARENT_TYPES = ["transfer", "paymentRequest", "adjustingPayment"] as const;
/** The business object a payment belongs to. */
export type ParentType = (typeof PARENT_TYPES)[number];

/** Transaction (leg) states, in the order the API's enum lists them. */
export const TRANSACTION_STATES = ["draft", "pending", "posted", "canceled", "error"] as const;
/** The state of one leg; all legs of a payment share it. */
export type TransactionState = (typeof TRANSACTION_STATES)[number];

/** Account kinds: `client` accounts never go below zero available, system kinds may. */
export const ACCOUNT_TYPES = ["client", "treasury", "transit", "fee", "fx", "adjustment"] as const;
/** The kind of an account. */
export type AccountType = (typeof ACCOUNT_TYPES)[number];

/** Account lifecycle states. */
export const ACCOUNT_STATUSES = ["pending", "active", "blocked", "closed"] as const;
/** The lifecycle state of an account; only `active` accounts move money. */
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

/** Client kinds. */
export const CLIENT_TYPES = ["individual", "company"] as const;
/** Client lifecycle states (docs/domain/clients.md#statuses). */
export const CLIENT_STATUSES = ["new", "pendingVerification", "active", "blocked", "closed"] as const;
/** The lifecycle state of a client; only `active` clients' accounts move money. */
export type ClientStatus = (typeof CLIENT_STATUSES)[number];
/** Identity verification (KYC/KYB) states, mapped from Sumsub's review answers (docs/domain/clients.md#verification). */
export const VERIFICATION_STATUSES = ["notStarted", "pending", "approved", "rejected", "resubmissionRequested"] as const;
/** A client's verification state. */
export type VerificationStatus = (typeof VERIFICATION_STATUSES)[number];
/** The roles of a company's related individuals. */
export const RELATED_INDIVIDUAL_ROLES = ["director", "shareholder", "beneficialOwner", "authorizedRepresentative"] as const;
/** What kinds of document a client may upload, in the order the API's enum lists them. */
export const DOCUMENT_TYPES = [
  "passport", "idCard", "drivingLicense", "residencePermit", "proofOfAddress", "selfie",
  "companyRegistration", "articlesOfAssociation", "shareholderRegister", "bankStatement", "other",
] as const;
/** What a document is. */
export type DocumentType = (typeof DOCUMENT_TYPES)[number];
/** The file types a document may have (docs/domain/clients.md#documents). */
export const DOCUMENT_CONTENT_TYPES = ["application/pdf", "image/jpeg", "image/png"] as const;
/** The media type of a stored document. */
export type DocumentContentType = (typeof DOCUMENT_CONTENT_TYPES)[number];

/** Stable machine-readable error codes, each named after the rule it breaks (docs/domain/errors.md#codes). */
export type ErrorCode =
  | "validationError"
  | "paymentNotFound"
  | "accountNotFound"
  | "clientNotFound"
  | "transactionNotFound"
  | "currencyNotFound"
  | "otpNotFound"
  | "invalidStateTransition"
  | "insufficientFunds"
  | "currencyMismatch"
  | "accountNotActive"
  | "incomingLimitExceeded"
  | "parentMismatch"
  | "paymentIdConflict"
  | "accountNotEmpty"
  | "currencyNotEnabled"
  | "currencyNotSupported"
  | "invalidOtp"
  | "otpExpired"
  | "duplicateAccountNumber"
  | "invalidAccountOrder"
  | "currencyAlreadyExists"
  | "documentNotFound"
  | "relatedIndividualNotFound"
  | "clientAlreadyExists"
  | "clientClosed"
  | "planNotFound"
  | "deletionAlreadyRequested"
  | "verificationNotApproved"
  | "documentStorageFull"
  | "fileTooLarge"
  | "unsupportedFileType"
  | "recipientNotFound"
  | "recipientAlreadyExists"
  | "recipientNotEditable"
  | "clientNotActive"
  | "transferNotFound"
  | "incomingRequestNotFound"
  | "invalidConfirmationCode"
  | "confirmationCodeExpired"
  | "outgoingLimitExceeded"
  | "duplicatePaymentRequest";

/** An expected failure; `field` names the request field for validation errors, e.g. `transactions[1].amount`. */
export interface DomainError {
  code: ErrorCode;
  message: string;
  field?: string;
}

/** The outcome of every core operation that can fail for an expected reason. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: DomainError };

/** The injected source of time (epoch milliseconds). */
export interface Clock {
  now(): number;
}

/** The injected source of identifiers; `state`/`restore` let a snapshot resume it without reusing ids. */
export interface IdGenerator {
  uuid(): string;
  accountNumber(): string;
  state?(): number[];
  restore?(state: number[]): void;
}

/** A postal address; countries are upper-case ISO 3166-1 alpha-2 codes. */
export interface Address {
  line1: string;
  line2: string | null;
  city: string;
  region: string | null;
  postalCode: string;
  country: string;
}

/** A person related to a company client; `dateOfBirth` is an ISO 8601 date (YYYY-MM-DD). */
export interface RelatedIndividual {
  id: string;
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  role: (typeof RELATED_INDIVIDUAL_ROLES)[number];
  ownershipPercentage: number | null;
}

/** The last identity review applied to a client (Sumsub's answer). */
export interface VerificationReview {
  answer: "GREEN" | "RED";
  rejectType: "RETRY" | "FINAL" | null;
  rejectLabels: string[];
}

/** A client's request to be deleted, recorded for the back office. */
export interface DeletionRequest {
  id: string;
  reason: string | null;
  createdAt: number;
}

/** A bank client: profile, lifecycle and verification (docs/domain/clients.md). */
export interface Client {
  id: string;
  type: "individual" | "company";
  status: ClientStatus;
  verificationStatus: VerificationStatus;
  email: string;
  phone: string | null;
  firstName: string | null;
  lastName: string | null;
  dateOfBirth: string | null;
  companyName: string | null;
  registrationNumber: string | null;
  country: string;
  address: Address | null;
  /** Code of the tariff plan (core/plans.ts), whose maxBalance caps the client's accounts. */
  plan: string;
  relatedIndividuals: RelatedIndividual[];
  externalId: string | null;
  applicantId: string | null;
  blockedReason: string | null;
  /** The status a blocked client returns to when unblocked; null unless blocked. */
  statusBeforeBlock: ClientStatus | null;
  review: VerificationReview | null;
  verificationUpdatedAt: number | null;
  deletionRequest: DeletionRequest | null;
  createdAt: number;
  updatedAt: number | null;
}

/** A stored document's metadata; its bytes are read separately. */
export interface ClientDocument {
  id: string;
  clientId: string;
  relatedIndividualId: string | null;
  documentType: DocumentType;
  fileName: string;
  contentType: DocumentContentType;
  size: number;
  description: string | null;
  uploadedAt: number;
}

/**
 * A saved payee (docs/domain/transfers.md#recipients): a client's own, or a system recipient (`clientId` null)
 * shared by every client. Hidden recipients stay saved and payable; system ones are always visible.
 */
export interface Recipient {
  id: string;
  clientId: string | null;
  name: string;
  accountNumber: string;
  bic: string | null;
  bankName: string | null;
  country: string;
  currency: Currency;
  isVisible: boolean;
  createdAt: number;
}

/** Which way a transfer moves money for its client (docs/domain/transfers.md#transfers). */
export const TRANSFER_DIRECTIONS = ["outgoing", "incoming", "fx", "internal"] as const;
/** The direction of a transfer. */
export type TransferDirection = (typeof TRANSFER_DIRECTIONS)[number];
/** The rail a transfer uses (docs/domain/transfers.md#transfer-types). */
export const TRANSFER_TYPES = ["internal", "sepa", "swift", "local"] as const;
/** The type of a transfer. */
export type TransferType = (typeof TRANSFER_TYPES)[number];
/** Transfer statuses, in the order the API's enum lists them (docs/domain/transfers.md#lifecycle). */
export const TRANSFER_STATUSES = ["created", "pendingConfirmation", "confirmed", "processing", "completed", "canceled", "failed", "rejected", "unrecognized"] as const;
/** The status of a transfer. */
export type TransferStatus = (typeof TRANSFER_STATUSES)[number];
/** Incoming request statuses. */
export const INCOMING_REQUEST_STATUSES = ["pending", "processed", "failed"] as const;
/** The status of an incoming request. */
export type IncomingRequestStatus = (typeof INCOMING_REQUEST_STATUSES)[number];
/** The automatic step a confirmed transfer waits for (docs/domain/transfers.md#processing). */
export type TransferStep = "process" | "complete";

/**
 * A transfer as the core stores it and a snapshot carries it: the API's TransferDto in minor units and epoch
 * ms, plus what the orchestrator keeps for itself (the account an internal transfer credits, the code's expiry,
 * the next scheduled step).
 */
export interface Transfer {
  id: string;
  direction: TransferDirection;
  type: TransferType;
  status: TransferStatus;
  statusReason: string | null;
  clientId: string | null;
  accountId: string | null;
  recipientId: string | null;
  counterpartyName: string | null;
  counterpartyAccountNumber: string | null;
  amountMinor: number;
  currency: Currency;
  feeMinor: number | null;
  targetAccountId: string | null;
  targetAmountMinor: number | null;
  targetCurrency: Currency | null;
  /** Units of targetCurrency per unit of currency, times 1,000,000 (an fx transfer's rate); null otherwise. */
  rateMicros: number | null;
  reference: string;
  paymentRequestId: string | null;
  paymentIds: string[];
  createdAt: number;
  completedAt: number | null;
  /** The account at this bank that an internal outgoing transfer credits; null otherwise. */
  creditAccountId: string | null;
  /** When the last confirmation code stops being accepted; null when none is outstanding. */
  codeExpiresAt: number | null;
  /** The automatic step the transfer waits for and when it is due; both null when none is scheduled. */
  nextStep: TransferStep | null;
  dueAt: number | null;
}

/** A notification from the payment network of money arriving for an account at this bank. */
export interface IncomingRequest {
  id: string;
  status: IncomingRequestStatus;
  amountMinor: number;
  currency: Currency;
  senderName: string;
  senderAccountNumber: string;
  recipientAccountNumber: string;
  reference: string;
  transferId: string | null;
  error: string | null;
  receivedAt: number;
  processedAt: number | null;
}

/**
 * How confirmed transfers move on by themselves: `auto` takes them to processing and then to completed after
 * the delays on the sandbox clock; `manual` leaves them until the system routes or the control API move them.
 */
export interface TransferProcessing {
  mode: "auto" | "manual";
  processingDelayMs: number;
  completionDelayMs: number;
}

/** A ledger account with its stored balances; available = balance - held. */
export interface Account {
  id: string;
  accountNumber: string;
  clientId: string | null;
  name: string | null;
  currency: Currency;
  type: AccountType;
  status: AccountStatus;
  allowNegativeBalance: boolean;
  balanceMinor: number;
  heldMinor: number;
  pendingIncomingMinor: number;
  order: number;
  createdAt: number;
  updatedAt: number | null;
  closedAt: number | null;
}

/** One transition of a leg. */
export interface StateChange {
  from: TransactionState;
  to: TransactionState;
  at: number;
}

/** One leg of a payment: moves `amountMinor` from the debtor to the creditor account. */
export interface Transaction {
  id: string;
  paymentId: string;
  parentId: string;
  parentType: ParentType;
  debtorAccountId: string;
  debtorAccountNumber: string;
  creditorAccountId: string;
  creditorAccountNumber: string;
  currency: Currency;
  amountMinor: number;
  state: TransactionState;
  stateReason: string | null;
  createdAt: number;
  postedAt: number | null;
  stateChanges: StateChange[];
}

/** A payment: one or more legs that always change state together. */
export interface Payment {
  id: string;
  parentId: string;
  parentType: ParentType;
  obligatoryAt: number | null;
  createdAt: number;
  transactions: Transaction[];
}

/** Names an account by id, by number, or both (then both must name the same account). */
export interface AccountRef {
  id?: string;
  number?: string;
}

/** Caps a creditor: after the operation balance + pendingIncoming <= limitMinor (docs/domain/payments.md#incoming-limits). */
export interface IncomingRestriction {
  accountId: string;
  limitMinor: number;
}

/** Input of createPayment: one leg, posted at once. */
export interface CreatePaymentInput {
  paymentId?: string;
  parentId: string;
  parentType: ParentType;
  debtor: AccountRef;
  creditor: AccountRef;
  currency: Currency;
  amountMinor: number;
  obligatoryAt?: number | null;
  restrictions?: IncomingRestriction[];
}

/** One leg of a draft payment. */
export interface DraftLegInput {
  id?: string;
  debtor: AccountRef;
  creditor: AccountRef;
  currency: Currency;
  amountMinor: number;
}

/** Input of draftPayment: N legs in draft, no money moves. */
export interface DraftPaymentInput {
  paymentId?: string;
  parentId: string;
  parentType: ParentType;
  obligatoryAt?: number | null;
  legs: DraftLegInput[];
}

/** Input of pend/post/cancel; a single-payment call passes one id and no parentId. */
export interface BulkInput {
  paymentIds: string[];
  parentId?: string;
  restrictions?: IncomingRestriction[];
}

/** A page request; page counts from 1. */
export interface Page {
  page: number;
  pageSize: number;
}

/** A page of results (docs/domain/decisions.md#decision-12-one-paging-shape). */
export interface Paged<T> {
  items: T[];
  totalCount: number;
  page: number;
  pageSize: number;
}

/** Filters for queryTransactions; empty arrays mean "no filter". */
export interface TransactionFilter {
  accountIds?: string[];
  paymentIds?: string[];
  parentIds?: string[];
  parentTypes?: ParentType[];
  states?: TransactionState[];
  currencies?: Currency[];
  clientId?: string;
  fromAt?: number;
  toAt?: number;
  minAmountMinor?: number;
  maxAmountMinor?: number;
  /** Only legs still draft or pending whose payment's obligatoryDate is before this instant (overdue). */
  overdueAt?: number;
}

/** Sort order of queryTransactions; the API's default is createdDate desc. */
export interface TransactionSort {
  by: "createdDate" | "amount";
  direction: "asc" | "desc";
}

/** Filters for listAccounts; empty arrays mean "no filter". */
export interface AccountFilter {
  accountIds?: string[];
  accountNumbers?: string[];
  clientIds?: string[];
  currencies?: Currency[];
  types?: AccountType[];
  statuses?: AccountStatus[];
}

/** Balances of one account, now or as of a moment. */
export interface BalanceView {
  accountId: string;
  currency: Currency;
  balanceMinor: number;
  heldMinor: number;
  pendingIncomingMinor: number;
  availableMinor: number;
  asOf: number;
}

/** A currency as /internal/Currencies shows it. */
export interface CurrencyInfo {
  code: Currency;
  name: string;
  decimals: 2;
  isEnabled: boolean;
}

/** Totals per currency and account type (getAggregatedAmounts). */
export interface AggregatedAmount {
  currency: Currency;
  accountType: AccountType;
  accountsCount: number;
  totalBalanceMinor: number;
  totalHeldMinor: number;
  totalAvailableMinor: number;
}

/** An account statement over a period. */
export interface TransactionsReport {
  account: Account;
  openingBalanceMinor: number;
  closingBalanceMinor: number;
  transactions: Transaction[];
}

/** A related individual as given on create or import; the ledger assigns the id unless a fixture names one. */
export type RelatedIndividualInput = Omit<RelatedIndividual, "id" | "ownershipPercentage"> & { id?: string; ownershipPercentage?: number | null };

/** Input of addClient: profile fields that are left out are null; status `active`, plan `standard` by default. */
export interface AddClientInput {
  id?: string;
  type: Client["type"];
  status?: ClientStatus;
  /** Defaults from the status (docs/domain/clients.md#verification). */
  verificationStatus?: VerificationStatus;
  email: string;
  phone?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  dateOfBirth?: string | null;
  companyName?: string | null;
  registrationNumber?: string | null;
  country: string;
  address?: Address | null;
  plan?: string;
  relatedIndividuals?: RelatedIndividualInput[];
  externalId?: string | null;
  applicantId?: string | null;
  blockedReason?: string | null;
}

/** The profile fields an update may change; absent fields keep their values. */
export type ClientPatch = Partial<Pick<Client, "email" | "phone" | "firstName" | "lastName" | "dateOfBirth" | "companyName" | "registrationNumber" | "country" | "address" | "plan">>;

/** Input of createAccount (system route); `id` is a sandbox extra used by fixtures. */
export interface CreateAccountInput {
  id?: string;
  clientId?: string | null;
  currency: Currency;
  type: AccountType;
  name?: string | null;
  accountNumber?: string;
  allowNegativeBalance?: boolean;
}
