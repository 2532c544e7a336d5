/**
 * The provider states the sandbox knows. A state adds what it needs to one fixture document per interaction
 * (clients, accounts with balances, payments in a state of their lifecycle); the document is seeded into an
 * isolated tenant through the control API (`POST /__sandbox/seed`), the same function `--seed` and the
 * control API use. A state that needs the API itself (an OTP, a transfer) acts after seeding. The list is in
 * docs/contracts.md; `finlego-sandbox contracts states` prints it.
 */
import { ACCOUNT_TYPES, CLIENT_TYPES, CURRENCIES, EMPTY_FIXTURE, PARENT_TYPES } from "../../sandbox/core/index.js";
import type { AccountType, Currency, Fixture, FixtureAccount, FixtureClient, FixturePaymentStep, FixtureRecipient, ParentType } from "../../sandbox/core/index.js";
import type { JsonSchema } from "../../sandbox/http/openapi-types.js";
import { createAjv } from "../../sandbox/http/validation.js";

/** The client that owns accounts whose state names no `clientId`. */
export const DEFAULT_STATE_CLIENT_ID = "5d8a3c3e-7f1b-4c2a-9e4d-2b6f8a1c9e70";
/** The amount of a payment whose state names no `amount` (major units). */
export const DEFAULT_STATE_PAYMENT_AMOUNT = 25.5;
/** The currency of accounts and payments whose state names none and whose accounts do not decide it. */
export const DEFAULT_STATE_CURRENCY: Currency = "eur";

/** A state's parameter as the docs and `contracts states` list it. */
export interface ProviderStateParam {
  name: string;
  type: string;
  required: boolean;
  description: string;
}

/** A provider state the sandbox can set up. */
export interface ProviderStateDefinition {
  name: string;
  description: string;
  params: ProviderStateParam[];
  /** Validates the parameters and adds the state to the interaction's document; values for the request come back. */
  apply(document: StateDocument, params: unknown): StateOutcome;
}

/** What applying a state asks for: the values the interaction may use, and an action to run once seeded. */
export interface StateOutcome {
  values: Record<string, string | number>;
  /** Runs after the document is seeded (through the FinLego API); returns more values (an OTP id, say). */
  act?: (api: StateApi) => Promise<Record<string, string>>;
}

/** What a state's action may call: the FinLego API as a given client, on the interaction's tenant. */
export interface StateApi {
  sendCloseOtp(clientId: string, accountId: string): Promise<string>;
  /** Creates an outgoing transfer as the client would (awaiting its code); answers its id. */
  createTransfer(clientId: string, transfer: { accountId: string; recipientId: string; amount: number; currency: Currency }): Promise<string>;
}

/** A provider state that cannot be set up as asked; the message says why. */
export class ProviderStateError extends Error {}

/** The fixture one interaction's states build: the empty ledger's treasury accounts, then what the states add. */
export class StateDocument {
  readonly clients: FixtureClient[] = [];
  readonly accounts: FixtureAccount[] = EMPTY_FIXTURE.accounts.map((account) => ({ ...account }));
  readonly payments: FixturePaymentStep[] = [];
  readonly recipients: FixtureRecipient[] = [];
  private readonly paymentIds = new Set<string>();
  private readonly absentPaymentIds = new Set<string>();

  /** Adds a client unless it is there already. */
  ensureClient(id: string, type: FixtureClient["type"] = "individual"): void {
    if (this.clients.some((client) => client.id === id)) return;
    const name = type === "company" ? { companyName: `Pact Client ${id.slice(0, 8)}` } : { firstName: "Pact", lastName: `Client ${id.slice(0, 8)}` };
    this.clients.push({ id, type, email: `client-${id.slice(0, 8)}@example.com`, country: "DE", ...name });
  }

  /** The account with this id, if a state added it. */
  account(id: string): FixtureAccount | undefined {
    return this.accounts.find((account) => account.id === id);
  }

  /** Adds an account; an id used twice is a contradiction between states. */
  addAccount(account: FixtureAccount): void {
    if (account.id !== undefined && this.account(account.id)) throw new ProviderStateError(`account ${account.id} is set up by two provider states`);
    this.accounts.push(account);
  }

  /**
   * The reference (id or account number) of a payment's debtor or creditor: the account a state added, an
   * account added now with that id, or a fresh one when the state names none; a new debtor holds `fundMajor`.
   */
  paymentAccount(id: string | undefined, role: "debtor" | "creditor", currency: Currency, fundMajor: number): string {
    if (id !== undefined && this.account(id)) return id;
    // An account without an id is named by a number of its own, which the payment's steps use.
    const reference = id ?? `PACT${role.toUpperCase()}${this.payments.length + 1}`;
    this.ensureClient(DEFAULT_STATE_CLIENT_ID);
    this.addAccount({
      ...(id !== undefined ? { id } : { accountNumber: reference }),
      clientId: DEFAULT_STATE_CLIENT_ID,
      currency,
      type: "client",
      ...(role === "debtor" && fundMajor > 0 && { initialBalance: fundMajor }),
    });
    return reference;
  }

  /** Adds a payment's steps; a payment id set up twice, or also said not to exist, is a contradiction. */
  addPayment(paymentId: string, steps: FixturePaymentStep[]): void {
    if (this.paymentIds.has(paymentId) || this.absentPaymentIds.has(paymentId)) throw new ProviderStateError(`payment ${paymentId} is set up by two provider states`);
    this.paymentIds.add(paymentId);
    this.payments.push(...steps);
  }

  /** Records that a payment must not exist. */
  markPaymentAbsent(paymentId: string): void {
    if (this.paymentIds.has(paymentId)) throw new ProviderStateError(`payment ${paymentId} is set up by one provider state and said not to exist by another`);
    this.absentPaymentIds.add(paymentId);
  }

  /** Adds a recipient; an id used twice is a contradiction between states. */
  addRecipient(recipient: FixtureRecipient & { id: string }): void {
    if (this.recipients.some((r) => r.id === recipient.id)) throw new ProviderStateError(`recipient ${recipient.id} is set up by two provider states`);
    this.recipients.push(recipient);
  }

  /** The recipient with this id, if a state added it. */
  recipient(id: string): FixtureRecipient | undefined {
    return this.recipients.find((r) => r.id === id);
  }

  /** The document to seed. */
  toFixture(): Fixture {
    return { clients: this.clients, accounts: this.accounts, payments: this.payments, recipients: this.recipients };
  }
}

const uuid = (description: string): JsonSchema => ({ type: "string", format: "uuid", description });
const oneOf = (values: readonly string[], description: string): JsonSchema => ({ type: "string", enum: [...values], description });
const amount = (description: string): JsonSchema => ({ type: "number", minimum: 0, description });

/** Builds a state from its parameter schema (required names, then properties) and what it adds. */
function defineState<P>(
  name: string,
  description: string,
  schema: { required: (keyof P & string)[]; properties: Record<keyof P & string, JsonSchema> },
  apply: (document: StateDocument, params: P) => StateOutcome,
): ProviderStateDefinition {
  const validate = createAjv().compile<P>({ type: "object", additionalProperties: false, ...schema });
  const params = Object.entries<JsonSchema>(schema.properties).map(([param, property]) => ({
    name: param,
    type: Array.isArray(property.enum) ? property.enum.join(" | ") : `${String(property.type)}${property.format ? ` (${String(property.format)})` : ""}`,
    required: (schema.required as string[]).includes(param),
    description: String(property.description ?? ""),
  }));
  return {
    name,
    description,
    params,
    apply: (document, raw) => {
      if (!validate(raw)) {
        const errors = (validate.errors ?? []).map((e) => `${e.instancePath || "params"} ${e.message ?? "is invalid"}${e.keyword === "additionalProperties" ? ` (${String(e.params.additionalProperty)})` : ""}`);
        throw new ProviderStateError(`parameters ${JSON.stringify(raw ?? {})} do not fit: ${errors.join("; ")}`);
      }
      return apply(document, raw);
    },
  };
}

interface ClientParams {
  clientId: string;
  type?: FixtureClient["type"];
}

interface AccountParams {
  accountId: string;
  amount: number;
  currency: Currency;
  clientId?: string;
  type?: AccountType;
  accountNumber?: string;
  name?: string;
}

interface PaymentParams {
  paymentId: string;
  parentId?: string;
  parentType?: ParentType;
  debtorAccountId?: string;
  creditorAccountId?: string;
  amount?: number;
  currency?: Currency;
  transactionId?: string;
}

interface AccountRefParams {
  accountId: string;
}

interface RecipientParams {
  clientId: string;
  recipientId: string;
  name?: string;
  accountNumber?: string;
  country?: string;
  currency?: Currency;
}

interface TransferParams {
  accountId: string;
  recipientId: string;
  amount?: number;
}

/** A recipient a state names no account number for: a German IBAN, so a transfer in eur to it is sepa. */
const DEFAULT_RECIPIENT_ACCOUNT = "DE89370400440532013000";

interface PaymentRefParams {
  paymentId: string;
}

/** The lifecycle states a payment can be set up in, and the fixture steps that lead there from draft. */
const PAYMENT_PATHS: Record<"draft" | "pending" | "posted" | "canceled", ("pend" | "post" | "cancel")[]> = {
  draft: [],
  pending: ["pend"],
  posted: ["pend", "post"],
  canceled: ["cancel"],
};

const paymentProperties: Record<keyof PaymentParams, JsonSchema> = {
  paymentId: uuid("the payment's id"),
  parentId: uuid("its parentId (default: a fresh id)"),
  parentType: oneOf(PARENT_TYPES, "its parentType (default transfer)"),
  debtorAccountId: uuid("the paying account: one an account state set up, else a client account made here holding the amount (default: a fresh account)"),
  creditorAccountId: uuid("the paid account: one an account state set up, else an empty client account made here (default: a fresh account)"),
  amount: amount(`the amount in major units (default ${DEFAULT_STATE_PAYMENT_AMOUNT})`),
  currency: oneOf(CURRENCIES, `the currency (default: the debtor's, else ${DEFAULT_STATE_CURRENCY})`),
  transactionId: uuid("the id of its one leg (default: a fresh id)"),
};

function paymentState(state: keyof typeof PAYMENT_PATHS): ProviderStateDefinition {
  const description = `A one-leg payment in state ${state}${state === "draft" ? "" : ` (drafted, then ${PAYMENT_PATHS[state].join(", then ")})`}.`;
  return defineState<PaymentParams>(`payment {paymentId} is ${state}`, description, { required: ["paymentId"], properties: paymentProperties }, (document, p) => {
    const declaredDebtor = p.debtorAccountId === undefined ? undefined : document.account(p.debtorAccountId);
    const currency = p.currency ?? declaredDebtor?.currency ?? DEFAULT_STATE_CURRENCY;
    const amountMajor = p.amount ?? DEFAULT_STATE_PAYMENT_AMOUNT;
    const debtor = document.paymentAccount(p.debtorAccountId, "debtor", currency, amountMajor);
    const creditor = document.paymentAccount(p.creditorAccountId, "creditor", currency, 0);
    const leg = { ...(p.transactionId !== undefined && { id: p.transactionId }), debtor, creditor, currency, amount: amountMajor };
    const draft: FixturePaymentStep = { op: "draft", paymentId: p.paymentId, ...(p.parentId !== undefined && { parentId: p.parentId }), parentType: p.parentType ?? "transfer", transactions: [leg] };
    document.addPayment(p.paymentId, [draft, ...PAYMENT_PATHS[state].map((op) => ({ op, paymentIds: [p.paymentId] }))]);
    return { values: { ...p, currency, amount: amountMajor } };
  });
}

/** Every provider state the sandbox knows, by name. */
export const PROVIDER_STATES: ReadonlyMap<string, ProviderStateDefinition> = new Map(
  [
    defineState<ClientParams>(
      "client {clientId} exists",
      "An active client; its id is the bearer token of FrontOffice requests.",
      { required: ["clientId"], properties: { clientId: uuid("the client's id"), type: oneOf(CLIENT_TYPES, "individual (default) or company") } },
      (document, p) => {
        document.ensureClient(p.clientId, p.type);
        return { values: { ...p } };
      },
    ),
    defineState<AccountParams>(
      "account {accountId} holds {amount} {currency}",
      "An active account whose posted balance is the amount (paid in from the currency's treasury account, one posted transaction).",
      {
        required: ["accountId", "amount", "currency"],
        properties: {
          accountId: uuid("the account's id"),
          amount: amount("its balance in major units (at most 2 decimals)"),
          currency: oneOf(CURRENCIES, "its currency"),
          clientId: uuid(`its owner, added when no state did (default ${DEFAULT_STATE_CLIENT_ID}); none for system accounts`),
          type: oneOf(ACCOUNT_TYPES, "client (default) or a system account type"),
          accountNumber: { type: "string", pattern: "^[A-Za-z0-9]{1,34}$", description: "its account number (default: a fresh FL number)" },
          name: { type: "string", maxLength: 200, description: "its display name" },
        },
      },
      (document, p) => {
        const type = p.type ?? "client";
        if (type !== "client" && p.clientId !== undefined) throw new ProviderStateError(`a ${type} account has no client, but clientId ${p.clientId} was given`);
        const clientId = type === "client" ? (p.clientId ?? DEFAULT_STATE_CLIENT_ID) : null;
        if (clientId !== null) document.ensureClient(clientId);
        document.addAccount({
          id: p.accountId,
          clientId,
          currency: p.currency,
          type,
          ...(p.accountNumber !== undefined && { accountNumber: p.accountNumber }),
          ...(p.name !== undefined && { name: p.name }),
          ...(p.amount > 0 && { initialBalance: p.amount }),
        });
        return { values: { ...p, ...(clientId !== null && { clientId }) } };
      },
    ),
    paymentState("draft"),
    paymentState("pending"),
    paymentState("posted"),
    paymentState("canceled"),
    defineState<PaymentRefParams>(
      "payment {paymentId} does not exist",
      "No payment has the id (the ledger holds only what the interaction's other states set up).",
      { required: ["paymentId"], properties: { paymentId: uuid("the id no payment has") } },
      (document, p) => {
        document.markPaymentAbsent(p.paymentId);
        return { values: { ...p } };
      },
    ),
    defineState<RecipientParams>(
      "client {clientId} saved recipient {recipientId}",
      "A visible recipient the client saved (`POST /Recipients`); the client is added when no state did.",
      {
        required: ["clientId", "recipientId"],
        properties: {
          clientId: uuid("the client who saved it"),
          recipientId: uuid("the recipient's id"),
          name: { type: "string", minLength: 1, maxLength: 140, description: "the payee's name (default Lukas Meyer)" },
          accountNumber: { type: "string", pattern: "^[A-Z0-9]{5,34}$", description: `the payee's account number or IBAN (default ${DEFAULT_RECIPIENT_ACCOUNT}, a sepa payee)` },
          country: { type: "string", pattern: "^[A-Z]{2}$", description: "the country of the payee's account (default DE)" },
          currency: oneOf(CURRENCIES, `the currency it is paid in (default ${DEFAULT_STATE_CURRENCY})`),
        },
      },
      (document, p) => {
        document.ensureClient(p.clientId);
        const recipient = { id: p.recipientId, clientId: p.clientId, name: p.name ?? "Lukas Meyer", accountNumber: p.accountNumber ?? DEFAULT_RECIPIENT_ACCOUNT, country: p.country ?? "DE", currency: p.currency ?? DEFAULT_STATE_CURRENCY };
        document.addRecipient(recipient);
        return { values: { ...p, name: recipient.name, accountNumber: recipient.accountNumber, country: recipient.country, currency: recipient.currency } };
      },
    ),
    defineState<TransferParams>(
      "a transfer from account {accountId} to recipient {recipientId} awaits confirmation",
      "An outgoing transfer the account's owner created (`POST /Transfers/outgoing`) and has not confirmed: nothing is held yet; gives `transferId` to the request. The account and the recipient are those other states set up, of the same client and currency. Must come after them, and last.",
      {
        required: ["accountId", "recipientId"],
        properties: {
          accountId: uuid("the paying account, set up by an account state"),
          recipientId: uuid("the recipient, set up by a recipient state"),
          amount: amount(`the amount in major units (default ${DEFAULT_STATE_PAYMENT_AMOUNT})`),
        },
      },
      (document, p) => {
        const account = document.account(p.accountId);
        const recipient = document.recipient(p.recipientId);
        if (!account?.clientId || !recipient) throw new ProviderStateError(`the transfer needs a client account ${p.accountId} and a recipient ${p.recipientId} set up by earlier states`);
        if (recipient.clientId !== account.clientId || recipient.currency !== account.currency) {
          throw new ProviderStateError(`recipient ${p.recipientId} and account ${p.accountId} must belong to one client and share a currency`);
        }
        const owner = account.clientId;
        const transfer = { accountId: p.accountId, recipientId: p.recipientId, amount: p.amount ?? DEFAULT_STATE_PAYMENT_AMOUNT, currency: account.currency };
        return { values: { ...p, amount: transfer.amount, clientId: owner }, act: async (api) => ({ transferId: await api.createTransfer(owner, transfer) }) };
      },
    ),
    defineState<AccountRefParams>(
      "a close OTP was sent for account {accountId}",
      "A close OTP for the account, sent as its owner would (`POST /Accounts/send-otp`); gives `otpId` to the request. An account no other state set up is made empty, for the default client. Must be the interaction's last state.",
      { required: ["accountId"], properties: { accountId: uuid("the client account to close") } },
      (document, p) => {
        if (!document.account(p.accountId)) {
          document.ensureClient(DEFAULT_STATE_CLIENT_ID);
          document.addAccount({ id: p.accountId, clientId: DEFAULT_STATE_CLIENT_ID, currency: DEFAULT_STATE_CURRENCY, type: "client" });
        }
        const owner = document.account(p.accountId)?.clientId;
        if (!owner) throw new ProviderStateError(`account ${p.accountId} is a system account: only a client closes its account with an OTP`);
        return { values: { ...p, clientId: owner }, act: async (api) => ({ otpId: await api.sendCloseOtp(owner, p.accountId) }) };
      },
    ),
  ].map((state) => [state.name, state]),
);
