/** Every implemented FinLego operation's handler, by operationId; the rest answer 501. */
import { accountHandlers } from "./accounts.js";
import type { Handler } from "./context.js";
import { currencyHandlers } from "./currencies.js";
import { paymentHandlers } from "./payments.js";
import { transactionHandlers } from "./transactions.js";

/** Handlers by operationId. */
export const operationHandlers: Record<string, Handler> = {
  ...paymentHandlers,
  ...accountHandlers,
  ...transactionHandlers,
  ...currencyHandlers,
};
