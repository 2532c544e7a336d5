/**
 * A Map split into 16 shards by the last character of the key. Lookups cost the same as one Map, but
 * when a shard outgrows its table only 1/16 of the entries are rehashed, so a ledger of millions of
 * payments never stalls one request for a whole-table rehash. Iteration order is by shard, not insertion.
 */
export class ShardedMap<V> {
  private readonly shards: Map<string, V>[] = Array.from({ length: 16 }, () => new Map<string, V>());

  private shard(key: string): Map<string, V> {
    return this.shards[key.charCodeAt(key.length - 1) & 15]!;
  }

  get(key: string): V | undefined {
    return this.shard(key).get(key);
  }

  has(key: string): boolean {
    return this.shard(key).has(key);
  }

  set(key: string, value: V): this {
    this.shard(key).set(key, value);
    return this;
  }

  delete(key: string): boolean {
    return this.shard(key).delete(key);
  }

  get size(): number {
    let n = 0;
    for (const s of this.shards) n += s.size;
    return n;
  }

  *values(): IterableIterator<V> {
    for (const s of this.shards) yield* s.values();
  }
}
