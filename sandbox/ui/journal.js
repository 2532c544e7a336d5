// @ts-check
/** The inspector's journal: the tenant's answered FinLego requests, newest first. */
import { h } from "./dom.js";

/** @typedef {import("./api.js").ControlSchemas} ControlSchemas */

/** The journal entries the inspector reads and shows, the newest ones. */
export const JOURNAL_ROWS = 50;

/**
 * The entries as a table, newest first; a forced answer says how (Prefer, a rule, a magic value).
 * @param {ControlSchemas["JournalPage"]} journal
 */
export function journalTable(journal) {
  const head = h("tr", {}, ...["#", "arrived (wall clock)", "method", "path", "status", "ms", "forced by"].map((name) => h("th", {}, name)));
  const rows = [...journal.entries].reverse().map((entry) =>
    h(
      "tr",
      { "data-seq": entry.seq },
      h("td", { class: "muted" }, entry.seq),
      h("td", { class: "mono" }, entry.at.slice(11, 23)),
      h("td", {}, entry.method),
      h("td", { class: "mono" }, entry.query ? `${entry.path}?${entry.query}` : entry.path),
      h("td", { class: `status-${String(entry.status)[0]}` }, entry.status),
      h("td", { class: "num" }, entry.durationMs.toFixed(1)),
      h("td", { class: "forced" }, entry.fault ?? ""),
    ),
  );
  const caption = h("caption", { class: "muted" }, journal.total === 0 ? "No FinLego request yet." : `${journal.total} kept; the newest ${journal.entries.length} shown.`);
  return h("table", {}, caption, h("thead", {}, head), h("tbody", {}, ...rows));
}
