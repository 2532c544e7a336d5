/** Every implemented FinLego operation's handler, by operationId; the rest answer 501. */
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
};
