// @ts-check
/** The inspector's fault rules: the tenant's rules with their counters, and a rule made from the form. */
import { h } from "./dom.js";

/** @typedef {import("./api.js").ControlSchemas} ControlSchemas */

/**
 * The rules, oldest (first tried) first, each with a button that removes it.
 * @param {ControlSchemas["FaultRule"][]} rules
 * @param {(ruleId: string) => void} remove
 */
export function rulesTable(rules, remove) {
  if (rules.length === 0) return h("p", { class: "muted" }, "No fault rules: every request gets the real answer.");
  const head = h("tr", {}, ...["id", "name", "matches", "answers", "fired", "left", ""].map((name) => h("th", {}, name)));
  const rows = rules.map((rule) =>
    h(
      "tr",
      { "data-rule": rule.id },
      h("td", { class: "mono" }, rule.id),
      h("td", {}, rule.name ?? ""),
      h("td", { class: "mono" }, JSON.stringify(rule.match)),
      h("td", { class: "mono" }, JSON.stringify(rule.respond)),
      h("td", { class: "num" }, rule.hits),
      h("td", { class: "num" }, rule.remaining ?? "∞"),
      h("td", {}, h("button", { type: "button", "data-remove": rule.id, onclick: () => remove(rule.id) }, "Remove")),
    ),
  );
  return h("table", {}, h("thead", {}, head), h("tbody", {}, ...rows));
}

/**
 * The rule the form describes; blank fields are left out, and the control API judges the rest (a 400 says what is wrong).
 * @param {HTMLFormElement} form
 * @returns {ControlSchemas["FaultRuleInput"]}
 */
export function ruleFromForm(form) {
  const data = new FormData(form);
  const text = (/** @type {string} */ name) => {
    const value = data.get(name);
    return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
  };
  const number = (/** @type {string} */ name) => {
    const value = text(name);
    return value === undefined ? undefined : Number(value);
  };
  const fault = text("fault");
  /** @type {ControlSchemas["FaultRuleInput"]} */
  const rule = {
    match: { operationId: text("operationId"), method: text("method"), path: text("path") },
    respond: { status: number("status"), code: text("code"), delayMs: number("delayMs"), fault: fault === "connectionReset" || fault === "emptyResponse" ? fault : undefined },
    name: text("name"),
    times: number("times"),
  };
  // undefined fields are dropped by JSON.stringify, so the posted rule has only what was filled in.
  return rule;
}
