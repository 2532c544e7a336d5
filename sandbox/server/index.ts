/** The sandbox server: express adapter, lowdb persistence and startSandbox. */
export { createExpressApp, sandboxMiddleware } from "./express-adapter.js";
export { openStateStore, type PersistedState, type StateStore } from "./persistence.js";
export { readFixture, startSandbox, type RunningSandbox, type StartSandboxOptions } from "./start.js";
