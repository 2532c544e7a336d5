/**
 * The GeneralLedger Payments handlers over HTTP: the field errors of values the spec's formats let through (a
 * leap-second obligatoryDate, amounts and limits with more than 2 decimals), named by their place in the body,
 * and the ids a caller gives to a draft's transactions.
 */
import { describe, expect, it } from "vitest";
import { scenario, testSandbox } from "../support/http.js";

const PARENT = "70850378-7d3c-4f45-91b7-942d4dfbbd43";
const LEG_ID = "11111111-2222-4333-8444-555555555556";
/** A leap second: the date-time format admits it, but it names no instant the sandbox can place. */
const LEAP = "2026-06-30T23:59:60Z";

async function setUp() {
  const sandbox = testSandbox();
  const s = await scenario(sandbox);
  const account = await s.clientAccount(10);
  const leg = (amount: number) => ({ debtorAccountId: account, creditorAccountId: s.treasuryEur, currency: "eur", amount });
  const snapshot = () => JSON.stringify(sandbox.entry.state.export());
  const refused = async (path: string, body: unknown, errors: Record<string, string[]>) => {
    const before = snapshot();
    const reply = await sandbox.call("POST", path, { body });
    expect([reply.status, reply.json.code, reply.json.errors], path).toEqual([400, "validationError", errors]);
    expect(snapshot()).toBe(before);
  };
  return { sandbox, s, account, leg, refused };
}

describe("field errors of the Payments family", () => {
  it("names a leap-second obligatoryDate of a created or drafted payment", async () => {
    const { leg, refused } = await setUp();
    const error = { obligatoryDate: ["must be an ISO 8601 date-time"] };
    await refused("/internal/Payments", { parentId: PARENT, parentType: "transfer", ...leg(1), obligatoryDate: LEAP }, error);
    await refused("/internal/Payments/draft", { parentId: PARENT, parentType: "transfer", obligatoryDate: LEAP, transactions: [leg(1)] }, error);
  });

  it("names the transaction whose amount has more than 2 decimals", async () => {
    const { leg, refused } = await setUp();
    await refused("/internal/Payments/draft", { parentId: PARENT, parentType: "transfer", transactions: [leg(1), leg(1.005)] }, {
      "transactions[1].amount": ["must be a positive amount with at most 2 decimals"],
    });
  });

  it("names the restriction whose limit has more than 2 decimals, on create and on the single and bulk pend", async () => {
    const { sandbox, account, leg, refused } = await setUp();
    const restrictions = [{ accountId: account, limit: 5 }, { accountId: account, limit: 1.005 }];
    const error = { "limitedIncomingAccountRestrictions[1].limit": ["must be zero or more with at most 2 decimals"] };
    await refused("/internal/Payments", { parentId: PARENT, parentType: "transfer", ...leg(1), limitedIncomingAccountRestrictions: restrictions }, error);
    const drafted = await sandbox.call("POST", "/internal/Payments/draft", { body: { parentId: PARENT, parentType: "transfer", transactions: [leg(1)] } });
    expect(drafted.status, drafted.text).toBe(200);
    const paymentId = drafted.json.paymentId;
    await refused(`/internal/Payments/${paymentId}/pend`, { limitedIncomingAccountRestrictions: restrictions }, error);
    await refused("/internal/Payments/pend", { paymentIds: [paymentId], parentId: PARENT, limitedIncomingAccountRestrictions: restrictions }, error);
  });
});

describe("a draft's transactions", () => {
  it("keep the id the caller gave a leg, and get a new one otherwise", async () => {
    const { sandbox, leg } = await setUp();
    const drafted = await sandbox.call("POST", "/internal/Payments/draft", { body: { parentId: PARENT, parentType: "transfer", transactions: [{ id: LEG_ID, ...leg(1) }, leg(2)] } });
    expect(drafted.status, drafted.text).toBe(200);
    const [given, generated] = drafted.json.transactions;
    expect([given.id, given.amount]).toEqual([LEG_ID, 1]);
    expect(generated.amount).toBe(2);
    expect(generated.id).not.toBe(LEG_ID);
    expect(generated.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
