/** Handlers of the sandbox's own control API (openapi/sandbox-control.yaml). */
import type { HandlerOutcome, OperationContext } from "./operations/context.js";
import type { ResetTarget, SandboxState } from "./state.js";

/** What the control handlers act on. */
export interface ControlContext {
  state: SandboxState;
  startedAt: string;
  version: string;
}

type ControlHandler = (ctx: OperationContext, control: ControlContext) => HandlerOutcome;

/** Control handlers by operationId. */
export const controlHandlers: Record<string, ControlHandler> = {
  getSandboxHealth: (_ctx, { startedAt, version }) => ({ status: 200, body: { status: "ok", version, startedAt } }),

  resetSandbox: ({ body }, { state }) => {
    const to: ResetTarget = body?.to ?? "seed";
    const ledger = state.reset(to);
    const snapshot = ledger.exportState();
    return { status: 200, body: { to, clients: snapshot.clients.length, accounts: snapshot.accounts.length } };
  },
};
