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
  /** How the answer was forced or delayed, when it was: `prefer`, `rule:<id>` or `magic`. */
  fault: string | null;
}

/** What the entry records; the time is kept as a number and formatted only when the journal is read. */
export type JournalRecord = Omit<JournalEntry, "seq" | "at"> & { atMs: number };

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

/** A bounded, filterable list of answered requests: a ring buffer, so recording never copies or grows. */
export class Journal {
  private readonly ring: (JournalRecord & { seq: number })[] = [];
  private next = 1;
  private start = 0;

  constructor(private readonly limit = JOURNAL_LIMIT) {}

  /** Records an answered request. */
  record(entry: JournalRecord): void {
    const stored = Object.assign(entry, { seq: this.next++ });
    if (this.ring.length < this.limit) this.ring.push(stored);
    else {
      this.ring[this.start] = stored;
      this.start = (this.start + 1) % this.limit;
    }
  }

  /** The matching entries, oldest first, at most `limit` of the newest. */
  find(filter: JournalFilter, limit = this.limit): JournalEntry[] {
    const matching = this.kept().filter((e) => matches(e, filter));
    return matching.slice(Math.max(0, matching.length - limit)).map(toEntry);
  }

  /** How many kept entries match. */
  count(filter: JournalFilter): number {
    return this.kept().filter((e) => matches(e, filter)).length;
  }

  /** Forgets every entry; sequence numbers go on. */
  clear(): number {
    const dropped = this.ring.length;
    this.ring.length = 0;
    this.start = 0;
    return dropped;
  }

  private kept(): (JournalRecord & { seq: number })[] {
    return this.start === 0 ? this.ring : [...this.ring.slice(this.start), ...this.ring.slice(0, this.start)];
  }
}

function toEntry(r: JournalRecord & { seq: number }): JournalEntry {
  return { seq: r.seq, at: new Date(r.atMs).toISOString(), method: r.method, path: r.path, query: r.query, operationId: r.operationId, status: r.status, durationMs: r.durationMs, fault: r.fault };
}

function matches(entry: JournalRecord, filter: JournalFilter): boolean {
  if (filter.method !== undefined && entry.method !== filter.method.toUpperCase()) return false;
  if (filter.operationId !== undefined && entry.operationId !== filter.operationId) return false;
  if (filter.status !== undefined && entry.status !== filter.status) return false;
  if (filter.path !== undefined && !entry.path.toLowerCase().includes(filter.path.toLowerCase())) return false;
  return true;
}
