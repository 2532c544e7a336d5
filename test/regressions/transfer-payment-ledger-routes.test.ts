/**
 * A transfer's payment moves only with its transfer. Found by the fuzzer: the GeneralLedger's pend, post and
 * cancel routes moved a transfer's own payment and answered 200, the transfer keeping its status; its snapshot
 * then no longer imported, and canceling the transfer answered 500.
 */
import { describe, expect, it } from "vitest";
import { DEMO_IDS } from "../../sandbox/core/index.js";
import { testSandbox } from "../support/http.js";

const asEmma = { authorization: `Bearer ${DEMO_IDS.clients.emmaSchneider}` };

describe("a transfer's payment on the ledger's own routes", () => {
  it("is refused by pend, post and cancel, single and bulk, changing nothing, and the transfer still moves it", async () => {
    const sandbox = testSandbox();
    await sandbox.call("PUT", "/__sandbox/transfers/processing", { body: { mode: "manual", processingDelayMs: 0, completionDelayMs: 0 } });
    const made = await sandbox.call("POST", "/Transfers/outgoing", { body: { accountId: DEMO_IDS.accounts.emmaEur, recipientId: DEMO_IDS.recipients.emmaSophie, amount: 20, currency: "eur" }, headers: asEmma });
    const paymentId = made.json.paymentIds[0] as string;
    const before = (await sandbox.call("GET", "/__sandbox/snapshot")).json;
    for (const [path, body] of [
      [`/internal/Payments/${paymentId}/pend`, undefined],
      [`/internal/Payments/${paymentId}/cancel`, undefined],
      ["/internal/Payments/pend", { paymentIds: [paymentId], parentId: made.json.id }],
      ["/internal/Payments/cancel", { paymentIds: [paymentId], parentId: made.json.id }],
    ] as const) {
      const refused = await sandbox.call("POST", path, body === undefined ? {} : { body });
      expect([refused.status, refused.json.code], path).toEqual([422, "invalidStateTransition"]);
      expect(refused.json.detail).toContain(made.json.id);
    }
    expect((await sandbox.call("GET", "/__sandbox/snapshot")).json).toEqual(before);

    expect((await sandbox.call("PUT", `/Transfers/outgoing/${made.json.id}/confirm`, { body: { code: "000000" }, headers: asEmma })).json.status).toBe("confirmed");
    for (const path of [`/internal/Payments/${paymentId}/post`, "/internal/Payments/post"]) {
      const refused = await sandbox.call("POST", path, path.includes(paymentId) ? {} : { body: { paymentIds: [paymentId], parentId: made.json.id } });
      expect([refused.status, refused.json.code], path).toEqual([422, "invalidStateTransition"]);
    }
    expect((await sandbox.call("PUT", `/Transfers/outgoing/${made.json.id}/cancel`, { headers: asEmma })).json.status).toBe("canceled");
    const snapshot = (await sandbox.call("GET", "/__sandbox/snapshot")).json;
    expect((await sandbox.call("PUT", "/__sandbox/snapshot", { body: snapshot })).status).toBe(200);
  });
});
