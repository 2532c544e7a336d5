import type { Fixture, FixtureAccount, FixtureClient } from "./fixtures.js";
import { CURRENCIES } from "./types.js";
import type { Address, Currency } from "./types.js";

// Fixed ids and numbers, so docs, Pact provider states and tests can name demo entities directly.

const TREASURY_IDS: Record<Currency, string> = {
  cad: "43c243ee-0945-46ce-9f76-663f8330df68",
  cny: "d01e13be-235f-461f-8392-3dd14744f3e0",
  dkk: "d8aaa1f6-d2b6-41ba-9e97-f5f843c901ee",
  nok: "44d09f3d-38c2-4ebb-95ba-b91cd20b52cf",
  sek: "54dc7651-89f8-46dc-9f93-26be5a7eff0d",
  chf: "dd75ef1b-a557-4e75-83c8-396ebe77367b",
  gbp: "31146644-0f9e-4cd3-a7aa-e4a6ac9448a7",
  usd: "b8134e77-a4c9-427d-af6c-72f9b192e0d9",
  eur: "5372f53f-f952-4fef-8839-5aad5fac0dba",
  pln: "abda62a8-5732-41ef-8c00-31d8dc083c34",
};

const FX_IDS: Record<Currency, string> = {
  cad: "7e3db9df-aff1-49b2-b923-93ee3864e7cf",
  cny: "af4d3d9c-ccd5-4984-9e50-ebf6a9a1c31e",
  dkk: "7ae28103-792c-43a4-9e79-39ce23a07864",
  nok: "45f21f1a-aece-4209-b6e2-2234faef57e1",
  sek: "03404ede-0b7e-4708-b1f5-92df36b41a2b",
  chf: "fe9406bd-ee81-49a6-bd63-1bd5e4c46e7b",
  gbp: "d64d03fe-6ac0-4edf-80a5-0c6a74c91ce0",
  usd: "d34ca2b0-b81c-4e01-a079-41a7bc65e0d6",
  eur: "0e218283-6cc7-4e3a-8792-9d3782a82922",
  pln: "b5f82bbd-bc77-42dd-aea1-5c7d8984b6e3",
};

/** Ids of the demo's clients, accounts and payments. */
export const DEMO_IDS = {
  clients: {
    emmaSchneider: "f5057fee-4c3e-4459-82dd-21250b729601",
    lukasNowak: "f41fcb28-e1ec-4229-9aa5-148c01a8c3f5",
    nordlichtDesign: "b7b3ff7b-623d-48df-8cd5-8cc6f137bdc5",
    harbourFinch: "e52fec14-2d75-4a6a-8584-0f4ce50ee168",
  },
  /** The companies' related individuals (directors and shareholders). */
  relatedIndividuals: {
    nordlichtDirector: "37184118-39a8-4e25-bd8b-539367dafaf8",
    harbourDirector: "04d9f0d7-4f41-4643-ace4-0a31fde805d9",
    harbourShareholder: "23873ee6-0c39-4e8b-90a5-d1a4b11d1533",
  },
  treasury: TREASURY_IDS,
  /** One fx account per currency: foreign exchange moves money through them (docs/domain/transfers.md#foreign-exchange). */
  fx: FX_IDS,
  fee: {
    eur: "93d544be-eeee-4355-af02-14835508e050",
    usd: "c24d025b-749f-4882-8e29-d80fb9f16842",
    gbp: "fa50dad1-f12a-41f0-9a18-19980e199f78",
  },
  accounts: {
    emmaEur: "657bf824-c301-4403-be88-c45db5a0e105",
    emmaUsd: "047e2168-6e50-4ddc-ace8-8f9bcedc842f",
    lukasPln: "0180d5e1-945c-407b-8118-9866d29e6868",
    lukasEur: "54920444-b948-4159-a8ce-b6fbfc188d19",
    nordlichtEur: "e06b6ca7-cc90-4e10-9a66-c6ae7e790030",
    nordlichtChf: "0b62aff1-f0a3-417a-aa8f-f4e9e1482dc5",
    harbourGbp: "085f4bc0-2132-4f32-9747-d1dfafee2375",
    harbourUsd: "54ef6e27-2222-4d3c-ab6b-0eed339364f8",
  },
  payments: {
    invoiceToEmma: "40797c0d-b39b-44e9-b624-06a0162ef271",
    paymentRequestToEmma: "2ccaafae-bea4-4bc0-9d02-ae8d63f96bd0",
    lukasToEmma: "d36173ae-83cb-4775-a04b-29c4e8a2c121",
    harbourMonthlyFee: "8a86387f-6757-4342-97d3-c89b151d1f66",
    emmaToLukasPending: "e945af39-de42-48db-bc90-d5c512be0517",
    harbourToEmmaCanceled: "483a045e-569f-42a7-98fb-cb36633645b4",
  },
  /** Saved payees (docs/domain/transfers.md#recipients): Emma's SEPA, internal and US ones, Harbour's UK supplier, a system utility. */
  recipients: {
    emmaSophie: "b6566a44-8517-4ed9-a8f0-ea0be8249e61",
    emmaLukas: "f9f90809-e250-49fc-8aa1-5d298f73bb0f",
    emmaAcme: "7eab69ef-c899-4c42-925e-04b0030a2d76",
    harbourThames: "2a90ba0d-b5e3-4066-80a7-0de3e6136ee4",
    hamburgEnergie: "96d18eac-114f-47de-8a9b-972024a346d2",
  },
} as const;

const PARENTS = [
  "fda1e09a-1bcb-4b4f-bc50-0d2b8201010f",
  "afe72170-2833-445b-88cf-d026790c080e",
  "dc69c097-d76f-4676-980d-5af781dd4c8d",
  "77a635ea-7bea-4505-ad66-b1e3bb27675e",
  "78ad8549-325e-44c6-9508-1262bc684bdd",
  "808dcdcd-7ce4-4aba-915b-b3b91a611bbf",
] as const;

const SYSTEM_AT = "2025-12-01T08:00:00Z";

// One treasury account per currency: money enters the ledger by debiting it
// (docs/domain/decisions.md#decision-10-client-and-system-accounts).
const TREASURY_ACCOUNTS: FixtureAccount[] = CURRENCIES.map((currency, i) => ({
  id: TREASURY_IDS[currency],
  accountNumber: `FL9900000000000000${String(i + 1).padStart(2, "0")}`,
  clientId: null,
  currency,
  type: "treasury",
  name: `Treasury ${currency.toUpperCase()}`,
  at: SYSTEM_AT,
}));

// One fx account per currency: an exchange pays the source currency into one and the target currency out of another.
const FX_ACCOUNTS: FixtureAccount[] = CURRENCIES.map((currency, i) => ({
  id: FX_IDS[currency],
  accountNumber: `FL9700000000000000${String(i + 1).padStart(2, "0")}`,
  clientId: null,
  currency,
  type: "fx",
  name: `FX ${currency.toUpperCase()}`,
  at: SYSTEM_AT,
}));

/** A ledger with only the ten treasury accounts. */
export const EMPTY_FIXTURE: Fixture = { clients: [], accounts: TREASURY_ACCOUNTS, payments: [] };

const C = DEMO_IDS.clients;
const A = DEMO_IDS.accounts;
const P = DEMO_IDS.payments;
const FEE = DEMO_IDS.fee;

const R = DEMO_IDS.relatedIndividuals;

// Profiles as the ClientProfile API shows them (docs/domain/clients.md): verified and active, on the plans
// that show the limits: Lukas on basic (10,000 per account), Emma on standard, the companies on business.
const DEMO_CLIENTS: FixtureClient[] = [
  {
    id: C.emmaSchneider, type: "individual", email: "emma.schneider@example.com", phone: "+493055501842", firstName: "Emma", lastName: "Schneider",
    dateOfBirth: "1991-03-14", country: "DE", address: address("Torstrasse 120", "Berlin", "10119", "DE"), plan: "standard", applicantId: "f13ad709099ef76aae224597",
    at: "2025-12-01T09:00:00Z",
  },
  {
    id: C.lukasNowak, type: "individual", email: "lukas.nowak@example.com", phone: "+48225550173", firstName: "Lukas", lastName: "Nowak",
    dateOfBirth: "1987-11-02", country: "PL", address: { ...address("ul. Marszalkowska 84", "Warszawa", "00-514", "PL"), region: "Mazowieckie" }, plan: "basic",
    applicantId: "d13204964d9c0db058588a23", at: "2025-12-01T09:05:00Z",
  },
  {
    id: C.nordlichtDesign, type: "company", email: "finance@nordlicht-design.example", phone: "+494055509920", companyName: "Nordlicht Design GmbH",
    registrationNumber: "HRB 154872", country: "DE", address: address("Grosse Elbstrasse 145", "Hamburg", "22767", "DE"), plan: "business", applicantId: "010a72395fda7657de4002c4",
    relatedIndividuals: [{ id: R.nordlichtDirector, firstName: "Jonas", lastName: "Becker", dateOfBirth: "1982-11-03", role: "director", ownershipPercentage: 60 }],
    at: "2025-12-01T09:10:00Z",
  },
  {
    id: C.harbourFinch, type: "company", email: "accounts@harbourfinch.example", phone: "+442079460321", companyName: "Harbour & Finch Ltd",
    registrationNumber: "09876543", country: "GB", address: address("12 Wharf Road", "London", "N1 7GS", "GB"), plan: "business", applicantId: "699eac56824ba315ed8383bd",
    relatedIndividuals: [
      { id: R.harbourDirector, firstName: "Olivia", lastName: "Finch", dateOfBirth: "1979-06-21", role: "director", ownershipPercentage: 50 },
      { id: R.harbourShareholder, firstName: "Thomas", lastName: "Harbour", dateOfBirth: "1975-01-30", role: "shareholder", ownershipPercentage: 50 },
    ],
    at: "2025-12-01T09:15:00Z",
  },
];

function address(line1: string, city: string, postalCode: string, country: string): Address {
  return { line1, line2: null, city, region: null, postalCode, country };
}

function fee(currency: "eur" | "usd" | "gbp", n: number): FixtureAccount {
  return { id: FEE[currency], accountNumber: `FL98000000000000000${n}`, clientId: null, currency, type: "fee", name: `Fees ${currency.toUpperCase()}`, at: SYSTEM_AT };
}

function clientAccount(id: string, clientId: string, currency: Currency, accountNumber: string, name: string, initialBalance: number, at: string): FixtureAccount {
  return { id, accountNumber, clientId, currency, type: "client", name, initialBalance, at };
}

const DEMO_ACCOUNTS: FixtureAccount[] = [
  ...TREASURY_ACCOUNTS,
  ...FX_ACCOUNTS,
  fee("eur", 1),
  fee("usd", 2),
  fee("gbp", 3),
  clientAccount(A.emmaEur, C.emmaSchneider, "eur", "FL100000000000000101", "Everyday EUR", 1500, "2025-12-01T10:00:00Z"),
  clientAccount(A.emmaUsd, C.emmaSchneider, "usd", "FL100000000000000102", "Travel USD", 250, "2025-12-01T10:01:00Z"),
  clientAccount(A.lukasPln, C.lukasNowak, "pln", "FL100000000000000201", "Konto PLN", 4200, "2025-12-01T10:02:00Z"),
  clientAccount(A.lukasEur, C.lukasNowak, "eur", "FL100000000000000202", "Savings EUR", 300, "2025-12-01T10:03:00Z"),
  clientAccount(A.nordlichtEur, C.nordlichtDesign, "eur", "FL100000000000000301", "Operating EUR", 25000, "2025-12-01T10:04:00Z"),
  clientAccount(A.nordlichtChf, C.nordlichtDesign, "chf", "FL100000000000000302", "Zurich office CHF", 8000, "2025-12-01T10:05:00Z"),
  clientAccount(A.harbourGbp, C.harbourFinch, "gbp", "FL100000000000000401", "Operating GBP", 12000, "2025-12-01T10:06:00Z"),
  clientAccount(A.harbourUsd, C.harbourFinch, "usd", "FL100000000000000402", "US receivables", 5000, "2025-12-01T10:07:00Z"),
];

/**
 * Demo data: two individual and two company clients with funded accounts in eur, usd, gbp, chf and pln,
 * a treasury account per currency, fee accounts in eur, usd and gbp, and a little payment history:
 * four posted payments, one pending payment with a fee leg, and one canceled.
 */
export const DEMO_FIXTURE: Fixture = {
  clients: DEMO_CLIENTS,
  accounts: DEMO_ACCOUNTS,
  payments: [
    { op: "create", paymentId: P.invoiceToEmma, parentId: PARENTS[0], parentType: "transfer", debtor: A.nordlichtEur, creditor: A.emmaEur, currency: "eur", amount: 1250, at: "2025-12-03T14:22:00Z" },
    { op: "create", paymentId: P.paymentRequestToEmma, parentId: PARENTS[1], parentType: "paymentRequest", debtor: A.harbourUsd, creditor: A.emmaUsd, currency: "usd", amount: 99.99, at: "2025-12-05T09:10:00Z" },
    { op: "create", paymentId: P.lukasToEmma, parentId: PARENTS[2], parentType: "transfer", debtor: A.lukasEur, creditor: A.emmaEur, currency: "eur", amount: 45.3, at: "2025-12-08T16:45:00Z" },
    { op: "create", paymentId: P.harbourMonthlyFee, parentId: PARENTS[3], parentType: "adjustingPayment", debtor: A.harbourGbp, creditor: FEE.gbp, currency: "gbp", amount: 5, at: "2025-12-15T10:00:00Z" },
    {
      op: "draft", paymentId: P.emmaToLukasPending, parentId: PARENTS[4], parentType: "transfer", at: "2025-12-20T12:00:00Z",
      transactions: [
        { debtor: A.emmaEur, creditor: A.lukasEur, currency: "eur", amount: 200 },
        { debtor: A.emmaEur, creditor: FEE.eur, currency: "eur", amount: 1.5 },
      ],
    },
    { op: "pend", paymentIds: [P.emmaToLukasPending], at: "2025-12-20T12:05:00Z" },
    {
      op: "draft", paymentId: P.harbourToEmmaCanceled, parentId: PARENTS[5], parentType: "transfer", at: "2025-12-22T08:30:00Z",
      transactions: [
        { debtor: A.harbourUsd, creditor: A.emmaUsd, currency: "usd", amount: 300 },
        { debtor: A.harbourUsd, creditor: FEE.usd, currency: "usd", amount: 2 },
      ],
    },
    { op: "pend", paymentIds: [P.harbourToEmmaCanceled], at: "2025-12-22T08:31:00Z" },
    { op: "cancel", paymentIds: [P.harbourToEmmaCanceled], at: "2025-12-22T15:00:00Z" },
  ],
  // Payees to send transfers to at once: a SEPA IBAN, another client of this bank (internal), a US account (local
  // in usd), a UK supplier (local in gbp) and a utility every client sees.
  recipients: [
    { id: DEMO_IDS.recipients.emmaSophie, clientId: C.emmaSchneider, name: "Sophie Wagner", accountNumber: "DE91100000000123456789", bic: "MARKDEF1100", bankName: "Bundesbank", country: "DE", currency: "eur", at: "2025-12-23T09:00:00Z" },
    { id: DEMO_IDS.recipients.emmaLukas, clientId: C.emmaSchneider, name: "Lukas Nowak", accountNumber: "FL100000000000000202", country: "PL", currency: "eur", at: "2025-12-23T09:05:00Z" },
    { id: DEMO_IDS.recipients.emmaAcme, clientId: C.emmaSchneider, name: "Acme Travel Inc", accountNumber: "026009593000123456", bankName: "Bank of America", country: "US", currency: "usd", at: "2025-12-23T09:10:00Z" },
    { id: DEMO_IDS.recipients.harbourThames, clientId: C.harbourFinch, name: "Thames Office Supplies Ltd", accountNumber: "GB33BUKB20201555555555", bic: "BUKBGB22", bankName: "Barclays", country: "GB", currency: "gbp", at: "2025-12-23T09:15:00Z" },
    { id: DEMO_IDS.recipients.hamburgEnergie, clientId: null, name: "Hamburg Energie GmbH", accountNumber: "DE75200400600526016800", country: "DE", currency: "eur", at: "2025-12-23T08:30:00Z" },
  ],
};
