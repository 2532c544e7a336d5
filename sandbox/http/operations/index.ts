/** Every FinLego operation's handler, by operationId (a spec test checks that none is missing). */
import { accountHandlers } from "./accounts.js";
import { clientHandlers } from "./clients.js";
import { documentHandlers } from "./documents.js";
import { onboardingHandlers } from "./onboarding.js";
import type { HandlerTable } from "./context.js";
import { currencyHandlers } from "./currencies.js";
import { paymentHandlers } from "./payments.js";
import { recipientHandlers } from "./recipients.js";
import { reportHandlers } from "./reports.js";
import { transactionHandlers } from "./transactions.js";
import { transferHandlers } from "./transfers.js";

/** Handlers by operationId. */
export const operationHandlers: HandlerTable = {
  ...paymentHandlers,
  ...accountHandlers,
  ...transactionHandlers,
  ...currencyHandlers,
  ...clientHandlers,
  ...documentHandlers,
  ...onboardingHandlers,
  ...reportHandlers,
  ...recipientHandlers,
  ...transferHandlers,
};
