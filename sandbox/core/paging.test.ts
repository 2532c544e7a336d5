import { describe, expect, it } from "vitest";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, normalizePage, paginate } from "./paging.js";

// docs/domain/decisions.md#decision-12-one-paging-shape
describe("paging", () => {
  it("defaults to page 1 of 20, floors fractions and clamps the size to 1-100", () => {
    expect(normalizePage(undefined)).toEqual({ page: 1, pageSize: DEFAULT_PAGE_SIZE });
    expect(normalizePage({})).toEqual({ page: 1, pageSize: 20 });
    expect(normalizePage({ page: 3, pageSize: 7 })).toEqual({ page: 3, pageSize: 7 });
    expect(normalizePage({ page: 2.9, pageSize: 5.5 })).toEqual({ page: 2, pageSize: 5 });
    expect(normalizePage({ page: 1, pageSize: 1 })).toEqual({ page: 1, pageSize: 1 });
    expect(normalizePage({ page: 0, pageSize: 0 })).toEqual({ page: 1, pageSize: 20 });
    expect(normalizePage({ page: 0.5, pageSize: 0.5 })).toEqual({ page: 1, pageSize: 20 });
    expect(normalizePage({ page: -2, pageSize: -1 })).toEqual({ page: 1, pageSize: 20 });
    expect(normalizePage({ page: Number.NaN, pageSize: Number.POSITIVE_INFINITY })).toEqual({ page: 1, pageSize: 20 });
    expect(normalizePage({ pageSize: MAX_PAGE_SIZE })).toEqual({ page: 1, pageSize: 100 });
    expect(normalizePage({ pageSize: MAX_PAGE_SIZE + 1 })).toEqual({ page: 1, pageSize: 100 });
  });

  it("cuts one page, mapping only its items, and counts them all", () => {
    const seen: number[] = [];
    const view = (n: number) => {
      seen.push(n);
      return `#${n}`;
    };
    const all = [1, 2, 3, 4, 5, 6, 7];
    expect(paginate(all, { page: 1, pageSize: 3 }, view)).toEqual({ items: ["#1", "#2", "#3"], totalCount: 7, page: 1, pageSize: 3 });
    expect(paginate(all, { page: 3, pageSize: 3 }, view)).toEqual({ items: ["#7"], totalCount: 7, page: 3, pageSize: 3 });
    expect(paginate(all, { page: 4, pageSize: 3 }, view)).toEqual({ items: [], totalCount: 7, page: 4, pageSize: 3 });
    expect(seen).toEqual([1, 2, 3, 7]);
  });
});
