import { idSequence } from "./ids.js";

/** Most array slots an index keeps before new ids go to its map (about 64M: beyond any sandbox's reach). */
const MAX_SLOTS = 1 << 26;

/**
 * A map from id to record that files ids made by createSeededIds by their sequence number in an array and
 * any other id (client-given ones) in a Map. Storing and finding a generated id touches one array slot
 * instead of probing a hash table of millions, so the cost per operation does not grow with the ledger.
 * A slot is checked against the record's own `id`, so the index keeps no copy of the keys.
 * Iteration order is by slot, then by map insertion.
 */
export class IdIndex<V extends { id: string }> {
  private readonly slots: (V | undefined)[] = [];
  private readonly others = new Map<string, V>();
  private slotted = 0;

  get(key: string): V | undefined {
    const seq = idSequence(key);
    const slot = seq >= 0 && seq < this.slots.length ? this.slots[seq] : undefined;
    if (slot !== undefined && slot.id === key) return slot;
    return this.others.size === 0 ? undefined : this.others.get(key);
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  /** Stores a record under its own id (the key must be `value.id`). */
  set(key: string, value: V): this {
    const seq = idSequence(key);
    const slot = seq >= 0 && seq < this.slots.length ? this.slots[seq] : undefined;
    if (slot !== undefined && slot.id === key) {
      this.slots[seq] = value;
    } else if (key === value.id && seq >= 0 && seq < MAX_SLOTS && seq <= this.slots.length + 1024 && slot === undefined && !this.others.has(key)) {
      // Sequence numbers arrive nearly in order, so the array stays dense (holes of a few slots at most).
      while (this.slots.length < seq) this.slots.push(undefined);
      this.slots[seq] = value;
      this.slotted++;
    } else {
      this.others.set(key, value);
    }
    return this;
  }

  delete(key: string): boolean {
    const seq = idSequence(key);
    const slot = seq >= 0 && seq < this.slots.length ? this.slots[seq] : undefined;
    if (slot !== undefined && slot.id === key) {
      this.slots[seq] = undefined;
      this.slotted--;
      return true;
    }
    return this.others.delete(key);
  }

  get size(): number {
    return this.slotted + this.others.size;
  }

  *values(): IterableIterator<V> {
    for (const slot of this.slots) if (slot !== undefined) yield slot;
    yield* this.others.values();
  }
}
