import { idSequence } from "./ids.js";

/** Most array slots an index keeps before new ids go to its map (about 64M: beyond any sandbox's reach). */
const MAX_SLOTS = 1 << 26;

/**
 * A map from id to record that files ids made by createSeededIds by their sequence number in an array and
 * any other id (client-given ones) in a Map. Storing and finding a generated id touches one array slot
 * instead of probing a hash table of millions, so the cost per operation does not grow with the ledger.
 * Iteration order is by slot, then by map insertion.
 */
export class IdIndex<V> {
  private readonly keys: (string | undefined)[] = [];
  private readonly vals: (V | undefined)[] = [];
  private readonly others = new Map<string, V>();
  private slotted = 0;

  get(key: string): V | undefined {
    const seq = idSequence(key);
    if (seq >= 0 && seq < this.keys.length && this.keys[seq] === key) return this.vals[seq];
    return this.others.size === 0 ? undefined : this.others.get(key);
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  set(key: string, value: V): this {
    const seq = idSequence(key);
    if (seq >= 0 && seq < this.keys.length && this.keys[seq] === key) {
      this.vals[seq] = value;
    } else if (seq >= 0 && seq < MAX_SLOTS && seq <= this.keys.length + 1024 && this.keys[seq] === undefined && !this.others.has(key)) {
      // Sequence numbers arrive nearly in order, so the arrays stay dense (holes of a few slots at most).
      while (this.keys.length < seq) {
        this.keys.push(undefined);
        this.vals.push(undefined);
      }
      this.keys[seq] = key;
      this.vals[seq] = value;
      this.slotted++;
    } else {
      this.others.set(key, value);
    }
    return this;
  }

  delete(key: string): boolean {
    const seq = idSequence(key);
    if (seq >= 0 && seq < this.keys.length && this.keys[seq] === key) {
      this.keys[seq] = undefined;
      this.vals[seq] = undefined;
      this.slotted--;
      return true;
    }
    return this.others.delete(key);
  }

  get size(): number {
    return this.slotted + this.others.size;
  }

  *values(): IterableIterator<V> {
    for (let i = 0; i < this.vals.length; i++) {
      if (this.keys[i] !== undefined) yield this.vals[i]!;
    }
    yield* this.others.values();
  }
}
