/** The finlego-sandbox domain core: a deterministic, browser-safe double-entry ledger. */
export * from "./types.js";
export { LedgerInvariantError } from "./errors.js";
export { toMinor, toMajor, formatMinor, isValidAmountMinor, MAX_AMOUNT_MINOR } from "./money.js";
export { createSeededIds, isUuid } from "./ids.js";
export type { SeededIds } from "./ids.js";
export { createFixedClock, createManualClock } from "./clock.js";
export type { ManualClock } from "./clock.js";
export { createLedger, importLedger } from "./ledger.js";
export type { Ledger } from "./ledger.js";
export type { LedgerSnapshot, PaymentSnapshot } from "./snapshot.js";
export { SANDBOX_OTP_CODE, OTP_VALIDITY_MS } from "./otp.js";
export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, normalizePage } from "./paging.js";
export { CURRENCY_NAMES } from "./state.js";
export { applyFixture, createSandboxLedger, DEFAULT_SANDBOX_START_MS } from "./fixtures.js";
export type { Fixture, FixtureAccount, FixtureClient, FixturePaymentStep, FixtureOutcome, SandboxLedger } from "./fixtures.js";
export { DEMO_FIXTURE, DEMO_IDS, EMPTY_FIXTURE } from "./demo-data.js";
export { FaultRuleSet, FAULT_KINDS, MAX_FAULT_DELAY_MS } from "./faults.js";
export type { FaultKind, FaultMatch, FaultRequest, FaultResponse, FaultRule, FaultRuleInput } from "./faults.js";
