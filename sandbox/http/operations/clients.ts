/** Handlers of the ClientProfile Client (FrontOffice, #1-#3) and Clients (System, #4-#10) operations. */
import { normalizePage } from "../../core/index.js";
import { clientDto, iso, planDto } from "../dto.js";
import { respond, type HandlerTable } from "./context.js";

/** ClientProfile client handlers by operationId; FrontOffice routes act on the client of the bearer token. */
export const clientHandlers: HandlerTable = {
  getCurrentClient: ({ ledger, clientId }) => respond(ledger.findClient(clientId ?? ""), clientDto),

  requestClientDeletion: ({ ledger, body, clientId }) =>
    respond(ledger.requestDeletion(clientId ?? "", body?.reason ?? null), (c) => {
      // The request was just recorded, so the client has one.
      const request = c.deletionRequest!;
      return { id: request.id, clientId: c.id, reason: request.reason, createdDate: iso(request.createdAt) };
    }),

  getClientPlan: ({ ledger, clientId }) => respond(ledger.clientPlan(clientId ?? ""), planDto),

  createClient: ({ ledger, body }) => respond(ledger.createClient(body), clientDto),

  listClients: ({ ledger, params }) => {
    const { page, pageSize, ...filter } = params.query;
    const result = ledger.listClients(filter, normalizePage({ page, pageSize }));
    return { status: 200, body: { ...result, items: result.items.map(clientDto) } };
  },

  blockClient: ({ ledger, params, body }) => respond(ledger.blockClient(params.path.clientId, body?.reason ?? null), clientDto),

  unblockClient: ({ ledger, params }) => respond(ledger.unblockClient(params.path.clientId), clientDto),

  updateClient: ({ ledger, params, body }) => respond(ledger.updateClient(params.path.clientId, body), clientDto),

  getClient: ({ ledger, params }) => respond(ledger.findClient(params.path.clientId), clientDto),

  setClientStatus: ({ ledger, params, body }) => respond(ledger.setClientStatus(params.path.clientId, body.status, body.reason ?? null), clientDto),
};
