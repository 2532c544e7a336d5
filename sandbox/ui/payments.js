// @ts-check
/** The inspector's payments: the newest ones, and one payment's timeline of state changes. */
import { h, instant, money } from "./dom.js";

/** @typedef {import("./api.js").Schemas} Schemas */
/** @typedef {Schemas["TransactionDto"]} Leg */

/** The newest payments listed. */
export const RECENT_PAYMENTS = 12;

/**
 * The newest payments of the legs given (newest first), each with a button that shows its timeline.
 * @param {Leg[]} legs
 * @param {(paymentId: string) => void} show
 */
export function paymentsTable(legs, show) {
  /** @type {Map<string, Leg[]>} */
  const payments = new Map();
  for (const leg of legs) if (leg.paymentId !== undefined) payments.set(leg.paymentId, [...(payments.get(leg.paymentId) ?? []), leg]);
  if (payments.size === 0) return h("p", { class: "muted" }, "No payments yet.");
  const head = h("tr", {}, ...["state", "amount", "from → to", "created", "payment"].map((name, i) => h("th", { class: i === 1 ? "num" : undefined }, name)));
  const rows = [...payments].slice(0, RECENT_PAYMENTS).map(([paymentId, own]) => {
    const first = own[0];
    const more = own.length > 1 ? ` +${own.length - 1} leg${own.length > 2 ? "s" : ""}` : "";
    return h(
      "tr",
      {},
      h("td", {}, first?.state ?? ""),
      h("td", { class: "num" }, `${money(own.reduce((sum, leg) => sum + (leg.amount ?? 0), 0))} ${first?.currency ?? ""}`),
      h("td", { class: "mono" }, `${first?.debtorAccountNumber ?? "?"} → ${first?.creditorAccountNumber ?? "?"}`, h("span", { class: "muted" }, more)),
      h("td", { class: "mono" }, instant(first?.createdDate ?? "")),
      h("td", {}, h("button", { type: "button", class: "link mono", "data-payment": paymentId, onclick: () => show(paymentId) }, paymentId.slice(0, 8))),
    );
  });
  return h("table", {}, h("thead", {}, head), h("tbody", {}, ...rows));
}

/**
 * A payment's timeline, oldest first: its creation and each state change with its time, and the legs each moved.
 * @param {string} paymentId
 * @param {Leg[]} legs
 */
export function timeline(paymentId, legs) {
  if (legs.length === 0) return h("p", { class: "error", "data-timeline": paymentId }, `The tenant has no payment ${paymentId}.`);
  /** @type {Map<string, { at: string, from: string | undefined, to: string, legs: Leg[] }>} */
  const steps = new Map();
  const step = (/** @type {string} */ at, /** @type {string | undefined} */ from, /** @type {string} */ to, /** @type {Leg} */ leg) => {
    const key = `${at} ${from} ${to}`;
    const found = steps.get(key) ?? { at, from, to, legs: [] };
    found.legs.push(leg);
    steps.set(key, found);
  };
  for (const leg of legs) {
    const changes = leg.stateChanges ?? [];
    step(leg.createdDate ?? "", undefined, changes[0]?.from ?? leg.state ?? "?", leg);
    for (const change of changes) step(change.timestamp ?? "", change.from, change.to ?? "?", leg);
  }
  const ordered = [...steps.values()].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const items = ordered.map(({ at, from, to, legs: moved }) =>
    h(
      "li",
      { "data-state": to },
      h("span", { class: "mono" }, instant(at)),
      " ",
      from === undefined ? `created as ${to}` : `${from} → ${to}`,
      h("span", { class: "muted" }, ` · ${moved.map((leg) => `${money(leg.amount ?? 0)} ${leg.currency ?? ""}`).join(", ")}`),
    ),
  );
  return h("div", { "data-timeline": paymentId }, h("h3", {}, "Payment ", h("span", { class: "mono" }, paymentId)), h("ol", { class: "timeline" }, ...items));
}
