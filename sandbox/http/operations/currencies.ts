/** Handlers of the GeneralLedger Currencies operations (#57-#60) and the BaaS provider's list (#41). */
import type { Currency } from "../../core/index.js";
import { pathParam, respond, type Handler } from "./context.js";

/** Currencies handlers by operationId. */
export const currencyHandlers: Record<string, Handler> = {
  getAvailableCurrencies: ({ ledger }) => ({ status: 200, body: ledger.availableCurrencies() }),
  listCurrencies: ({ ledger, params }) => {
    const wanted = params.query.isEnabled;
    const all = ledger.listCurrencies();
    return { status: 200, body: wanted === undefined ? all : all.filter((c) => c.isEnabled === wanted) };
  },
  addCurrency: ({ ledger, body }) => {
    const code = body.code as Currency;
    const current = ledger.getCurrency(code);
    if (current.ok && current.value.isEnabled) {
      return { error: { code: "currencyAlreadyExists", message: `Currency ${code} is already enabled; PUT /internal/Currencies/${code} changes it.` } };
    }
    return respond(ledger.setCurrencyEnabled(code, body.isEnabled ?? true, body.name), (c) => c);
  },
  getCurrency: (ctx) => respond(ctx.ledger.getCurrency(pathParam(ctx, "code")), (c) => c),
  updateCurrency: (ctx) => {
    const found = ctx.ledger.getCurrency(pathParam(ctx, "code"));
    if (!found.ok) return { error: found.error };
    return respond(ctx.ledger.setCurrencyEnabled(found.value.code, ctx.body.isEnabled ?? found.value.isEnabled, ctx.body.name), (c) => c);
  },
};
