import { describe, expect, it } from "vitest";
import { MAX_DELAY_MS, parsePrefer } from "./prefer.js";

const ALLOWED = "Prefer accepts code=<status>, error=<code> and delay=<ms> (0-10000), comma-separated, e.g. 'code=404' or 'code=422, error=insufficientFunds, delay=200'.";

describe("parsePrefer", () => {
  it("reads code, error and delay, separated by commas or semicolons, in any case, spaced or quoted", () => {
    expect(parsePrefer(undefined)).toEqual({ preference: {} });
    expect(parsePrefer("  ")).toEqual({ preference: {} });
    expect(parsePrefer("code=404")).toEqual({ preference: { status: 404 } });
    expect(parsePrefer("CODE = 422 ; Error=insufficientFunds, delay=\"200\"")).toEqual({ preference: { status: 422, error: "insufficientFunds", delayMs: 200 } });
    expect(parsePrefer("code=503,, delay=0,")).toEqual({ preference: { status: 503, delayMs: 0 } });
    expect(parsePrefer(`delay=${MAX_DELAY_MS}`)).toEqual({ preference: { delayMs: MAX_DELAY_MS } });
    expect(parsePrefer("code=100")).toEqual({ preference: { status: 100 } });
    expect(parsePrefer("code=599, error=a1")).toEqual({ preference: { status: 599, error: "a1" } });
  });

  it("refuses anything else with one sentence naming the token and what Prefer accepts", () => {
    const refusals: [string, string][] = [
      ["code", "'code' is not a key=value preference."],
      ["x code=404", "'x code=404' is not a key=value preference."],
      ["code=404 x", "'code=404 x' is not a key=value preference."],
      ["code=4o4", "code must be an HTTP status, got '4o4'."],
      ["code=600", "code must be an HTTP status, got '600'."],
      ["code=099", "code must be an HTTP status, got '099'."],
      ["code=4040", "code must be an HTTP status, got '4040'."],
      ["code=1404", "code must be an HTTP status, got '1404'."],
      ["code=422, error=1nsufficient", "error must be an error code such as insufficientFunds, got '1nsufficient'."],
      ["code=422, error=insufficient_funds", "error must be an error code such as insufficientFunds, got 'insufficient_funds'."],
      ["code=422, error=funds!", "error must be an error code such as insufficientFunds, got 'funds!'."],
      [`delay=${MAX_DELAY_MS + 1}`, `delay must be 0-${MAX_DELAY_MS} ms, got '${MAX_DELAY_MS + 1}'.`],
      ["delay=-1", "delay must be 0-10000 ms, got '-1'."],
      ["delay=1e3", "delay must be 0-10000 ms, got '1e3'."],
      ["delay=5ms", "delay must be 0-10000 ms, got '5ms'."],
      ["colour=red", "Unknown preference 'colour'."],
      ["error=insufficientFunds", "error=<code> needs code=<status>."],
    ];
    for (const [header, problem] of refusals) expect(parsePrefer(header), header).toEqual({ problem: `${problem} ${ALLOWED}` });
  });
});
