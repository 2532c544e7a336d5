/** The sandbox server: express adapter, lowdb persistence and startSandbox. */
export { createExpressApp, sandboxMiddleware } from "./express-adapter.js";
export { COMPACT_LOG_BYTES, openStateStore, StateFileError, STATE_FORMAT, type PersistedState, type PersistenceStats, type StateStore, type StateStoreOptions } from "./persistence.js";
export { readFixture, startSandbox, type RunningSandbox, type StartSandboxOptions } from "./start.js";
export { createRequestLog, isLogged, REQUEST_LOG_FORMATS, type RequestLogFormat, type RequestLogOptions } from "./request-log.js";
export { pageRoutes, pagesMiddleware, UI_PATH } from "./pages.js";
