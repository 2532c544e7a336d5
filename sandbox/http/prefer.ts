/**
 * The `Prefer` header convention (as Prism users know it): `code=<status>` answers that documented error of
 * the operation without touching state, `error=<code>` picks one of the operation's listed codes, and
 * `delay=<ms>` delays the real answer. Anything else is a 400 that says what is allowed.
 */

/** Longest delay a request may ask for. */
export const MAX_DELAY_MS = 10_000;

/** What a Prefer header asks for. */
export interface Preference {
  status?: number;
  error?: string;
  delayMs?: number;
}

const ALLOWED = "Prefer accepts code=<status>, error=<code> and delay=<ms> (0-10000), comma-separated, e.g. 'code=404' or 'code=422, error=insufficientFunds, delay=200'";

/** Parses a Prefer header; undefined header gives an empty preference. */
export function parsePrefer(header: string | undefined): { preference: Preference } | { problem: string } {
  const preference: Preference = {};
  if (header === undefined || header.trim() === "") return { preference };
  for (const token of header.split(/[,;]/)) {
    const trimmed = token.trim();
    if (trimmed === "") continue;
    const match = /^([a-z]+)\s*=\s*"?([^"\s]+)"?$/i.exec(trimmed);
    if (!match) return { problem: `'${trimmed}' is not a key=value preference. ${ALLOWED}.` };
    const key = match[1]!.toLowerCase();
    const value = match[2]!;
    if (key === "code") {
      if (!/^[1-5]\d\d$/.test(value)) return { problem: `code must be an HTTP status, got '${value}'. ${ALLOWED}.` };
      preference.status = Number(value);
    } else if (key === "error") {
      if (!/^[A-Za-z][A-Za-z0-9]*$/.test(value)) return { problem: `error must be an error code such as insufficientFunds, got '${value}'. ${ALLOWED}.` };
      preference.error = value;
    } else if (key === "delay") {
      const ms = Number(value);
      if (!/^\d+$/.test(value) || ms > MAX_DELAY_MS) return { problem: `delay must be 0-${MAX_DELAY_MS} ms, got '${value}'. ${ALLOWED}.` };
      preference.delayMs = ms;
    } else {
      return { problem: `Unknown preference '${key}'. ${ALLOWED}.` };
    }
  }
  if (preference.error !== undefined && preference.status === undefined) return { problem: `error=<code> needs code=<status>. ${ALLOWED}.` };
  return { preference };
}
