/**
 * Open bugs the fuzzer has found and someone is fixing: answers they explain are counted, not failed, so the
 * bounded run in `npm test` stays a check of everything else. Each entry names the bug and matches only its
 * symptom; delete the entry with the fix (`npm run fuzz -- --strict` ignores this list).
 */
import type { Observation } from "./oracle.js";

/** One open bug and how to recognise its answers. */
export interface OpenBug {
  id: string;
  description: string;
  matches(observation: Observation, problems: string[]): boolean;
}

/** The GeneralLedger's pend, post and cancel routes, one payment or in bulk. */
const PAYMENT_TRANSITION = /^\/internal\/payments(\/[^/]+)?\/(pend|post|cancel)$/i;
/** checkLedger's finding that a transfer's status and its payment's state disagree (oracle.ts, transferRecords). */
const TRANSFER_OUT_OF_STEP = /^tenant .+?: transfer: \S+ is \w+ but its payment \S+ is [\w/]+, not \w+$/;

/** The open bugs; empty when the sandbox has none the fuzzer knows of. */
export const OPEN_BUGS: OpenBug[] = [
  {
    id: "transfer-payment-moved-by-ledger-route",
    description:
      "POST /internal/Payments/{id}/cancel (or pend, post, or the bulk routes by the transfer's id as parentId) moves a transfer's own payment and answers 200, the transfer keeping its status: its snapshot no longer imports and cancelling it answers 500",
    matches: (o, problems) => PAYMENT_TRANSITION.test(o.request.path) && o.response.status >= 200 && o.response.status < 300 && problems.every((p) => TRANSFER_OUT_OF_STEP.test(p)),
  },
];
