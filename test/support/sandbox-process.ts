/**
 * A sandbox server in a process of its own, for tests that kill it: `node --import tsx
 * test/support/sandbox-process.ts <data file> [compactAfterBytes]`. Prints `URL <url>` once it listens.
 */
import { startValidatedSandbox } from "./validated.js";

const [data, compactAfterBytes] = process.argv.slice(2);
const sandbox = await startValidatedSandbox({
  port: 0,
  data: data!,
  ...(compactAfterBytes && { compactAfterBytes: Number(compactAfterBytes) }),
  notify: (line) => console.error(line),
});
console.log(`URL ${sandbox.url}`);
