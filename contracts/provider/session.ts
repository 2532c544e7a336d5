/**
 * Applies provider states to one tenant of a sandbox during a verification run. Each interaction starts
 * from the tenant's seed (the demo data: what pacts without states verify against); its states build one
 * fixture document that is seeded through the control API, and its teardown puts the seed back.
 */
import { createFinlegoClient, createSandboxControlClient, type SandboxControlClient } from "../../client/index.js";
import { PROVIDER_STATES, ProviderStateError, StateDocument, type StateApi } from "./states.js";

/** Where states are applied: a sandbox's base URL and the tenant the run uses. */
export interface StateTarget {
  baseUrl: string;
  tenant: string;
}

/** A state that could not be set up, or a reset around an interaction that failed, kept for the report (the Pact verifier only logs it). */
export interface StateFailure {
  kind: "state" | "reset";
  state: string;
  params: unknown;
  message: string;
}

/** The provider-state side of one verification run against a sandbox. */
export class ProviderStateSession {
  readonly failures: StateFailure[] = [];
  private readonly control: SandboxControlClient;
  private document: StateDocument | undefined;
  /** The state whose action ran (an OTP sent): a later state would seed over it. */
  private acted: string | undefined;

  constructor(private readonly target: StateTarget) {
    this.control = createSandboxControlClient(target);
  }

  /** The tenant the run's requests and states act on. */
  get tenant(): string {
    return this.target.tenant;
  }

  /** Before each interaction: the tenant back to its seed, and an empty document. */
  async begin(): Promise<void> {
    this.document = undefined;
    this.acted = undefined;
    await this.record("reset", "before the interaction", {}, () => this.reset());
  }

  /** Sets up one state: adds it to the document, seeds the tenant, runs its action; returns the values for the request. */
  async setup(name: string, params: unknown): Promise<Record<string, string | number>> {
    return this.record("state", name, params, async () => {
      const state = PROVIDER_STATES.get(name);
      if (!state) throw new ProviderStateError(unknownStateMessage(name));
      if (this.acted) throw new ProviderStateError(`it follows "${this.acted}", which must be the interaction's last state`);
      const document = (this.document ??= new StateDocument());
      const outcome = state.apply(document, params);
      await this.seed(document);
      if (!outcome.act) return outcome.values;
      this.acted = name;
      return { ...outcome.values, ...(await outcome.act(this.api())) };
    });
  }

  /** After each interaction (every state's teardown): the tenant back to its seed, once. */
  async end(): Promise<void> {
    if (this.document === undefined) return;
    this.document = undefined;
    this.acted = undefined;
    await this.record("reset", "after the interaction", {}, () => this.reset());
  }

  /** Forgets the run's tenant. */
  async close(): Promise<void> {
    await this.control.DELETE("/__sandbox/tenants/{tenant}", { params: { path: { tenant: this.target.tenant } } });
  }

  private async record<T>(kind: StateFailure["kind"], state: string, params: unknown, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      this.failures.push({ kind, state, params, message: (error as Error).message });
      throw error;
    }
  }

  private async reset(): Promise<void> {
    const { error } = await this.control.POST("/__sandbox/reset", { body: { to: "seed" } });
    if (error) throw new ProviderStateError(`the sandbox refused to reset tenant ${this.target.tenant}: ${error.code}: ${error.detail ?? error.title}`);
  }

  private async seed(document: StateDocument): Promise<void> {
    const { error } = await this.control.POST("/__sandbox/seed", { body: { document: document.toFixture() } });
    if (error) throw new ProviderStateError(`the sandbox refused the states' fixture: ${error.detail ?? error.title}`);
  }

  private api(): StateApi {
    return {
      sendCloseOtp: async (clientId, accountId) => {
        const bank = createFinlegoClient({ ...this.target, token: clientId });
        const { data, error } = await bank.POST("/Accounts/send-otp", { body: { accountId, operation: "close" } });
        if (!data) throw new ProviderStateError(`the sandbox refused to send a close OTP for account ${accountId}: ${error?.code}: ${error?.detail}`);
        return data.otpId;
      },
      createTransfer: async (clientId, transfer) => {
        const bank = createFinlegoClient({ ...this.target, token: clientId });
        const { data, error } = await bank.POST("/Transfers/outgoing", { body: transfer });
        if (!data) throw new ProviderStateError(`the sandbox refused to create the transfer from account ${transfer.accountId}: ${error?.code}: ${error?.detail}`);
        return data.id;
      },
    };
  }
}

/** The message for a state the sandbox does not know, naming it and the known ones. */
export function unknownStateMessage(name: string): string {
  return `unknown provider state "${name}"; the sandbox knows: ${[...PROVIDER_STATES.keys()].map((known) => `"${known}"`).join(", ")} (\`finlego-sandbox contracts states\` lists their parameters)`;
}
