/** Handlers of the TransferOrchestrator Recipients operations (FrontOffice #63-#68, System #89 and #100). */
import type { Ledger, RecipientFilter } from "../../core/index.js";
import { normalizePage } from "../../core/index.js";
import { recipientDto } from "../dto.js";
import { respond, type HandlerTable } from "./context.js";

function list(ledger: Ledger, clientId: string | undefined, query: RecipientFilter & { page?: number; pageSize?: number }) {
  const { page, pageSize, ...filter } = query;
  return respond(ledger.listRecipients(clientId ?? "", filter, normalizePage({ page, pageSize })), (p) => ({ ...p, items: p.items.map(recipientDto) }));
}

/** Recipient handlers by operationId; FrontOffice routes act on the client of the bearer token. */
export const recipientHandlers: HandlerTable = {
  listRecipients: ({ ledger, params, clientId }) => list(ledger, clientId, params.query),

  listRecipientsV2: ({ ledger, params, clientId }) => list(ledger, clientId, params.query),

  addRecipient: ({ ledger, body, clientId }) => respond(ledger.addRecipient(clientId ?? "", body, true), recipientDto),

  getRecipient: ({ ledger, params, clientId }) => respond(ledger.getRecipient(clientId ?? "", params.path.recipientId), recipientDto),

  getRecipientV2: ({ ledger, params, clientId }) => respond(ledger.getRecipient(clientId ?? "", params.path.recipientId), recipientDto),

  updateRecipientVisibility: ({ ledger, params, body, clientId }) =>
    respond(ledger.setRecipientVisibility(clientId ?? "", params.path.recipientId, body.isVisible), recipientDto),

  addRecipientInternal: ({ ledger, body }) => {
    const { clientId, ...input } = body;
    return respond(ledger.addRecipient(clientId, input, false), recipientDto);
  },

  addSystemRecipient: ({ ledger, body }) => respond(ledger.addSystemRecipient(body), recipientDto),
};
