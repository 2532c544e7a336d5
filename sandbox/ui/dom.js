// @ts-check
/** Building the pages' elements: text is always set as text, never parsed as HTML. */

/** @typedef {Node | string | number | null | undefined | false} Child */

/**
 * An element with attributes (an `on…` function becomes a listener; false or undefined leaves one out) and children.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, string | number | boolean | undefined | ((event: Event) => void)>} [attributes]
 * @param {...Child} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    if (typeof value === "function") element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children) if (child !== null && child !== undefined && child !== false) element.append(typeof child === "number" ? String(child) : child);
  return element;
}

/**
 * The element with this id; a page without it is a bug of the page.
 * @template {HTMLElement} T
 * @param {string} id
 * @param {new () => T} type
 * @returns {T}
 */
export function byId(id, type) {
  const element = document.getElementById(id);
  if (!(element instanceof type)) throw new Error(`the page has no ${type.name} #${id}`);
  return element;
}

/**
 * An amount in major units as the API gives it, with its two decimals.
 * @param {number} amount
 */
export function money(amount) {
  return amount.toFixed(2);
}

/**
 * An ISO 8601 instant as `2026-03-02 10:00:00.000` (UTC, as the API gives it).
 * @param {string} iso
 */
export function instant(iso) {
  return iso.replace("T", " ").replace("Z", "");
}
