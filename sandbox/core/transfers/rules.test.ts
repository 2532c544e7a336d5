import { describe, expect, it } from "vitest";
import { makeWorld, must } from "../test-helpers.js";
import { CURRENCIES } from "../types.js";
import type { Currency } from "../types.js";
import { externalTypeOf, feeOf, ibanCountry, NETWORK_REJECTED_ACCOUNT_NUMBER, SEPA_COUNTRIES, SWIFT_FEE_MINOR } from "./rules.js";

const SEPA = ["AD", "AT", "BE", "BG", "CH", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GB", "GR", "HR", "HU", "IE", "IS", "IT", "LI", "LT", "LU", "LV", "MC", "MT", "NL", "NO", "PL", "PT", "RO", "SE", "SI", "SK", "SM", "VA"];
const LOCAL: [string, Currency][] = [["GB", "gbp"], ["PL", "pln"], ["CH", "chf"], ["LI", "chf"], ["DK", "dkk"], ["NO", "nok"], ["SE", "sek"], ["US", "usd"], ["CA", "cad"], ["CN", "cny"]];

/** An IBAN-shaped account number of a country. */
const iban = (country: string) => `${country}89370400440532013000`;

describe("the country of an account number", () => {
  it("is the first two letters of an IBAN: two upper-case letters, then two digits", () => {
    expect(ibanCountry("DE89370400440532013000")).toBe("DE");
    expect(ibanCountry("GB29")).toBe("GB");
    for (const notIban of ["12345678", "DE8X370400", "D189370400", "de89370400", "1DE89370400", "DEU89370400", "DE", "DE8"]) expect(ibanCountry(notIban), notIban).toBeUndefined();
  });
});

describe("the type of a transfer to an account elsewhere", () => {
  it("is sepa for eur to an IBAN of each SEPA country, and of no other", () => {
    expect([...SEPA_COUNTRIES].sort()).toEqual(SEPA);
    for (const country of SEPA) expect(externalTypeOf(iban(country), "eur"), country).toBe("sepa");
    for (const country of ["US", "TR", "RS", "UA", "CA", "CN", "XK"]) expect(externalTypeOf(iban(country), "eur"), country).toBe("swift");
  });

  it("is local for a country's own currency, and swift for any other currency there", () => {
    for (const [country, own] of LOCAL) {
      for (const currency of CURRENCIES) {
        const expected = currency === own ? "local" : currency === "eur" && SEPA.includes(country) ? "sepa" : "swift";
        expect(externalTypeOf(iban(country), currency), `${country} ${currency}`).toBe(expected);
      }
    }
    expect(externalTypeOf(iban("DE"), "gbp")).toBe("swift");
    expect(externalTypeOf(iban("FR"), "usd")).toBe("swift");
  });

  it("takes the recipient's country for a number that is not an IBAN, and the IBAN's over it; without either it is swift", () => {
    expect(externalTypeOf("12345678", "gbp", "GB")).toBe("local");
    expect(externalTypeOf("12345678", "eur", "FR")).toBe("sepa");
    expect(externalTypeOf("12345678", "usd", "FR")).toBe("swift");
    expect(externalTypeOf("12345678", "gbp")).toBe("swift");
    expect(externalTypeOf("12345678", "eur")).toBe("swift");
    expect(externalTypeOf(iban("DE"), "eur", "US")).toBe("sepa");
    expect(externalTypeOf(iban("US"), "usd", "DE")).toBe("local");
    expect(externalTypeOf(iban("DE"), "usd", "US")).toBe("swift");
  });
});

describe("the type of a transfer by the ledger's accounts", () => {
  it("is internal to a client account at this bank, in any currency, and never to a system account", () => {
    const w = makeWorld();
    const mine = w.account("eur");
    const numbered = must(w.ledger.createAccount({ clientId: w.clientId, currency: "gbp", type: "client", accountNumber: "GB29NWBK60161331926819" }));
    expect(w.ledger.transferType(mine.accountNumber, "eur")).toBe("internal");
    expect(w.ledger.transferType(mine.accountNumber, "usd")).toBe("internal");
    expect(w.ledger.transferType(numbered.accountNumber, "eur")).toBe("internal");
    const treasury = w.ledger.getAccount(w.treasury.eur!)!.accountNumber;
    expect(w.ledger.transferType(treasury, "eur")).toBe("swift");
    const fees = must(w.ledger.createAccount({ currency: "eur", type: "fee", accountNumber: "FR7630006000011234567890189" }));
    expect(w.ledger.transferType(fees.accountNumber, "eur")).toBe("sepa");
    expect(w.ledger.transferType("GB29NWBK60161331926810", "gbp")).toBe("local");
    expect(w.ledger.transferType("12345678", "eur")).toBe("swift");
  });
});

describe("fees and magic values", () => {
  it("charges 15.00 for swift only", () => {
    expect(SWIFT_FEE_MINOR).toBe(1_500);
    expect(feeOf("swift")).toBe(1_500);
    for (const type of ["sepa", "local", "internal"] as const) expect(feeOf(type), type).toBeNull();
  });

  it("names the account number the network always rejects", () => {
    expect(NETWORK_REJECTED_ACCOUNT_NUMBER).toBe("DE00REJECT000000000000");
  });
});
