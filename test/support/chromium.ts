/** Debian's Chromium for the browser tests, driven by playwright-core, with where their artifacts go. */
import { existsSync } from "node:fs";
import { repoRoot } from "./spec.js";

/** Debian's Chromium (`apt-get install -y chromium`); CHROMIUM_PATH points elsewhere. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
/** Headless, and none of the background connections this machine's closed network refuses. */
export const CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];
/** Screenshots and measurements, kept after the run (ignored by git). */
export const BROWSER_ARTIFACTS = `${repoRoot}/test-artifacts/browser`;

/** Why the browser tests cannot run here, or undefined when Chromium is there. */
export function chromiumMissing(): Error | undefined {
  if (existsSync(CHROMIUM)) return undefined;
  const how = "install Debian's Chromium with `apt-get install -y chromium` (sudo if not root), or set CHROMIUM_PATH to a Chromium";
  return new Error(process.env.CI ? `CI has no Chromium at ${CHROMIUM} (.ci/run installs it): ${how}` : `the browser test needs Chromium at ${CHROMIUM}: ${how}`);
}
