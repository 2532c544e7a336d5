import { describe, expect, it } from "vitest";
import { ShardedMap } from "./sharded-map.js";

describe("ShardedMap", () => {
  it("behaves as a Map for set, get, has, delete and size across all shards", () => {
    const map = new ShardedMap<number>();
    const keys = Array.from({ length: 64 }, (_, i) => `key-${i.toString(16)}`);
    keys.forEach((key, i) => expect(map.set(key, i)).toBe(map));
    expect(map.size).toBe(64);
    keys.forEach((key, i) => {
      expect(map.has(key)).toBe(true);
      expect(map.get(key)).toBe(i);
    });
    expect(map.has("absent")).toBe(false);
    expect(map.get("absent")).toBeUndefined();
    map.set("key-0", 100);
    expect(map.get("key-0")).toBe(100);
    expect(map.size).toBe(64);
    expect(map.delete("key-1")).toBe(true);
    expect(map.delete("key-1")).toBe(false);
    expect(map.has("key-1")).toBe(false);
    expect(map.size).toBe(63);
    expect([...map.values()].sort((a, b) => a - b)).toEqual([...Array.from({ length: 64 }, (_, i) => i).filter((i) => i !== 0 && i !== 1), 100]);
  });

  it("keeps keys that end in the same character apart", () => {
    const map = new ShardedMap<string>();
    map.set("a0", "first");
    map.set("b0", "second");
    expect(map.get("a0")).toBe("first");
    expect(map.get("b0")).toBe("second");
    expect(map.size).toBe(2);
  });

  it("spreads keys over sixteen shards by their last character", () => {
    const map = new ShardedMap<number>();
    // Last characters "?" down to "0" (codes 63..48) pick shards 15..0; inserted from shard 15 down.
    const keys = Array.from({ length: 16 }, (_, i) => `id-${String.fromCharCode(63 - i)}`);
    keys.forEach((key, i) => map.set(key, i));
    // Iteration goes shard by shard, so the values come back from shard 0 up: the reverse of insertion.
    expect([...map.values()]).toEqual(Array.from({ length: 16 }, (_, i) => 15 - i));
  });
});
