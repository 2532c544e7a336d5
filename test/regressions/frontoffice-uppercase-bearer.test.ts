import { describe, expect, it } from "vitest";
import { DEMO_IDS } from "../../sandbox/core/index.js";
import { testSandbox } from "../support/http.js";

const EMMA = DEMO_IDS.clients.emmaSchneider;
const EMMA_EUR = DEMO_IDS.accounts.emmaEur;
// Uuids are case-insensitive (as .NET binds them), so an upper-case token names the same client.
const asEmmaUpper = { authorization: `Bearer ${EMMA.toUpperCase()}` };

describe("FrontOffice routes with an upper-case bearer token", () => {
  it("read the client's own account, as GET /Accounts already lists it", async () => {
    const sandbox = testSandbox();
    const list = await sandbox.call("GET", "/Accounts", { headers: asEmmaUpper });
    expect(list.json.map((a: { id: string }) => a.id)).toContain(EMMA_EUR);
    const one = await sandbox.call("GET", `/Accounts/${EMMA_EUR}`, { headers: asEmmaUpper });
    expect([one.status, one.json.id]).toEqual([200, EMMA_EUR]);
  });

  it("rename the client's own account and list its transactions", async () => {
    const sandbox = testSandbox();
    const renamed = await sandbox.call("PATCH", `/Accounts/${EMMA_EUR}`, { body: { name: "Daily" }, headers: asEmmaUpper });
    expect([renamed.status, renamed.json.name]).toEqual([200, "Daily"]);
    const mine = await sandbox.call("GET", "/Transactions", { query: { accountId: EMMA_EUR }, headers: asEmmaUpper });
    expect(mine.status).toBe(200);
    expect(mine.json.totalCount).toBeGreaterThan(0);
  });

  it("activate an account opened by the same client with its OTP", async () => {
    const sandbox = testSandbox();
    const opened = await sandbox.call("POST", "/Accounts", { body: { currency: "eur" }, headers: asEmmaUpper });
    expect(opened.status).toBe(200);
    const sent = await sandbox.call("POST", "/Accounts/send-otp", { body: { accountId: opened.json.id, operation: "activate" }, headers: asEmmaUpper });
    expect(sent.status).toBe(200);
    const verified = await sandbox.call("POST", "/Accounts/otp-verification", { body: { otpId: sent.json.otpId, code: "000000" }, headers: asEmmaUpper });
    expect([verified.status, verified.json.status]).toEqual([200, "active"]);
  });
});
