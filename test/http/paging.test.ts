/**
 * Paging, by what comes back: walking the pages of a list with a small page size gives exactly the items
 * of the one-page list, in its order, each once (docs/domain/decisions.md#decision-12-one-paging-shape).
 */
import { describe, expect, it } from "vitest";
import { DEMO_IDS } from "../../sandbox/core/index.js";
import { testSandbox, type TestSandbox } from "../support/http.js";
import type { Json } from "../support/spec.js";

/** A page size that splits the lists below into several pages, the last one short. */
const SMALL_PAGE = 3;
const WHOLE_LIST = 100;

/** One paged list: how to ask for a page of it. */
interface PagedList {
  name: string;
  /** The page size to walk it by (SMALL_PAGE unless the demo list is too short for it). */
  pageSize?: number;
  page(sandbox: TestSandbox, page: number, pageSize: number): Promise<Json>;
}

const lists: PagedList[] = [
  { name: "GET /v2/ledger/internal/Accounts", page: async (sb, page, pageSize) => (await sb.call("GET", "/v2/ledger/internal/Accounts", { query: { page, pageSize } })).json },
  { name: "POST /v2/ledger/internal/Accounts/search", page: async (sb, page, pageSize) => (await sb.call("POST", "/v2/ledger/internal/Accounts/search", { body: { currencies: ["eur", "usd"], page, pageSize } })).json },
  { name: "GET /internal/Transactions", page: async (sb, page, pageSize) => (await sb.call("GET", "/internal/Transactions", { query: { page, pageSize } })).json },
  { name: "POST /internal/Transactions/query", page: async (sb, page, pageSize) => (await sb.call("POST", "/internal/Transactions/query", { body: { sortBy: "amount", sortDirection: "asc", page, pageSize } })).json },
  {
    name: "GET /Transactions (FrontOffice)",
    page: async (sb, page, pageSize) => (await sb.call("GET", "/Transactions", { query: { page, pageSize }, headers: { authorization: `Bearer ${DEMO_IDS.clients.emmaSchneider}` } })).json,
  },
  // Four demo clients: pages of one.
  { name: "GET /internal/Clients", pageSize: 1, page: async (sb, page, pageSize) => (await sb.call("GET", "/internal/Clients", { query: { page, pageSize } })).json },
];

describe("paged lists", () => {
  it.each(lists.map((list) => [list.name, list] as const))("%s: the pages together are the whole list, in order, each item once", async (_name, list) => {
    const sandbox = testSandbox();
    const size = list.pageSize ?? SMALL_PAGE;
    const whole = await list.page(sandbox, 1, WHOLE_LIST);
    const ids: string[] = whole.items.map((item: Json) => item.id);
    expect(ids.length).toBe(whole.totalCount);
    // Enough items for at least two full pages and a short last one, so a repeated or skipped item shows.
    expect(ids.length).toBeGreaterThan(2 * size);
    const walked: string[] = [];
    const pages = Math.ceil(ids.length / size);
    for (let page = 1; page <= pages; page++) {
      const one = await list.page(sandbox, page, size);
      expect({ page: one.page, pageSize: one.pageSize, totalCount: one.totalCount }).toEqual({ page, pageSize: size, totalCount: ids.length });
      expect(one.items.length, `page ${page}`).toBe(page < pages ? size : ids.length - (pages - 1) * size);
      walked.push(...one.items.map((item: Json) => item.id));
    }
    expect(walked).toEqual(ids);
    expect((await list.page(sandbox, pages + 1, size)).items).toEqual([]);
  });
});
