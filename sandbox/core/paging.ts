import type { Page, Paged } from "./types.js";

/** Default and maximum page sizes (docs/domain/decisions.md#decision-12-one-paging-shape). */
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** Clamps a page request to page >= 1 and 1 <= pageSize <= 100 (the HTTP layer rejects worse ones first). */
export function normalizePage(page: Partial<Page> | undefined): Page {
  const p = page?.page;
  const s = page?.pageSize;
  return {
    page: typeof p === "number" && Number.isFinite(p) && p >= 1 ? Math.floor(p) : 1,
    pageSize: typeof s === "number" && Number.isFinite(s) && s >= 1 ? Math.min(MAX_PAGE_SIZE, Math.floor(s)) : DEFAULT_PAGE_SIZE,
  };
}

/** Cuts one page out of a full, already ordered result list, mapping only the items returned. */
export function paginate<R, T>(all: readonly R[], page: Page, view: (r: R) => T): Paged<T> {
  const start = (page.page - 1) * page.pageSize;
  const items = all.slice(start, start + page.pageSize).map(view);
  return { items, totalCount: all.length, page: page.page, pageSize: page.pageSize };
}
