// The pages import openapi-fetch from the address the sandbox serves it at (sandbox/server/pages.ts): this
// file gives that import the package's own types, so the page scripts are checked against both specs.
export { default } from "openapi-fetch";
export type * from "openapi-fetch";
