/** The request journal: what the sandbox answered, newest last, bounded so it never grows without limit. */

/** One answered request. */
export interface JournalEntry {
  /** Sequence number within the tenant, from 1. */
  seq: number;
  /** When it arrived (wall clock, ISO 8601). */
  at: string;
  method: string;
  path: string;
  query: string;
  operationId: string | null;
  status: number;
  durationMs: number;
  /** How the answer was forced, when it was: `prefer`, `rule:<id>` or `magic`. */
  fault: string | null;
}

/** Filters of journal queries; all optional, all must match. */
export interface JournalFilter {
  method?: string;
  operationId?: string;
  status?: number;
  /** Case-insensitive substring of the path. */
  path?: string;
}

/** Most entries a tenant's journal keeps; older ones are dropped first. */
export const JOURNAL_LIMIT = 1000;

/** A bounded, filterable list of answered requests. */
export class Journal {
  private entries: JournalEntry[] = [];
  private next = 1;

  constructor(private readonly limit = JOURNAL_LIMIT) {}

  /** Records an answered request. */
  record(entry: Omit<JournalEntry, "seq">): void {
    this.entries.push({ seq: this.next++, ...entry });
    // Drop in chunks so recording stays O(1) amortised.
    if (this.entries.length > this.limit * 1.25) this.entries = this.entries.slice(-this.limit);
  }

  /** The matching entries, oldest first, at most `limit` of the newest. */
  find(filter: JournalFilter, limit = this.limit): JournalEntry[] {
    const matching = this.kept().filter((e) => matches(e, filter));
    return matching.slice(Math.max(0, matching.length - limit));
  }

  /** How many kept entries match. */
  count(filter: JournalFilter): number {
    return this.kept().filter((e) => matches(e, filter)).length;
  }

  /** Forgets every entry; sequence numbers go on. */
  clear(): number {
    const dropped = this.kept().length;
    this.entries = [];
    return dropped;
  }

  private kept(): JournalEntry[] {
    return this.entries.length > this.limit ? this.entries.slice(-this.limit) : this.entries;
  }
}

function matches(entry: JournalEntry, filter: JournalFilter): boolean {
  if (filter.method !== undefined && entry.method !== filter.method.toUpperCase()) return false;
  if (filter.operationId !== undefined && entry.operationId !== filter.operationId) return false;
  if (filter.status !== undefined && entry.status !== filter.status) return false;
  if (filter.path !== undefined && !entry.path.toLowerCase().includes(filter.path.toLowerCase())) return false;
  return true;
}
