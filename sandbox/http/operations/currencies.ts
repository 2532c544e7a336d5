/** Handlers of the GeneralLedger Currencies operations (#57-#60) and the BaaS provider's list (#41). */
import { respond, type HandlerTable } from "./context.js";

/** Currencies handlers by operationId. */
export const currencyHandlers: HandlerTable = {
  getAvailableCurrencies: ({ ledger }) => ({ status: 200, body: ledger.availableCurrencies() }),
  listCurrencies: ({ ledger, params }) => {
    const wanted = params.query.isEnabled;
    const all = ledger.listCurrencies();
    return { status: 200, body: wanted === undefined ? all : all.filter((c) => c.isEnabled === wanted) };
  },
  addCurrency: ({ ledger, body }) => {
    const code = body.code;
    const current = ledger.getCurrency(code);
    if (current.ok && current.value.isEnabled) {
      return { error: { code: "currencyAlreadyExists", message: `Currency ${code} is already enabled; PUT /internal/Currencies/${code} changes it.` } };
    }
    return respond(ledger.setCurrencyEnabled(code, body.isEnabled ?? true, body.name), (c) => c);
  },
  getCurrency: ({ ledger, params }) => respond(ledger.getCurrency(params.path.code), (c) => c),
  updateCurrency: ({ ledger, params, body }) => {
    const found = ledger.getCurrency(params.path.code);
    if (!found.ok) return { error: found.error };
    return respond(ledger.setCurrencyEnabled(found.value.code, body.isEnabled ?? found.value.isEnabled, body.name), (c) => c);
  },
};
