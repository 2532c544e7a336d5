import { describe, expect, it } from "vitest";
import { IdIndex } from "./id-index.js";
import { createSeededIds, idSequence } from "./ids.js";

describe("IdIndex", () => {
  it("finds generated ids, client-given ids and ids that collide with a generated slot", () => {
    const ids = createSeededIds(3);
    const index = new IdIndex<{ id: string; label: string }>();
    const put = (id: string, label: string) => index.set(id, { id, label });
    const label = (id: string) => index.get(id)?.label;
    const generated = Array.from({ length: 50 }, () => ids.uuid());
    // A client-given id whose last group names slot 60, which the generator has not reached yet.
    const squatter = "11111111-2222-4333-8444-00000000003c";
    put(squatter, "client");
    for (const id of generated) put(id, `g${idSequence(id)}`);
    const later = Array.from({ length: 20 }, () => ids.uuid());
    for (const id of later) put(id, `g${idSequence(id)}`);
    put("c0ffee00-0000-4000-8000-ffffffffffff", "far");

    for (const id of [...generated, ...later]) expect(label(id)).toBe(`g${idSequence(id)}`);
    expect(later.some((id) => idSequence(id) === 60)).toBe(true);
    expect(label(squatter)).toBe("client");
    expect(label("c0ffee00-0000-4000-8000-ffffffffffff")).toBe("far");
    expect(index.get("c0ffee00-0000-4000-8000-000000000001")).toBeUndefined();
    expect(index.size).toBe(72);
    expect([...index.values()]).toHaveLength(72);

    expect(index.delete(generated[0]!)).toBe(true);
    expect(index.has(generated[0]!)).toBe(false);
    expect(index.delete(squatter)).toBe(true);
    expect(index.size).toBe(70);
  });

  it("reads the sequence number of a generated id and rejects other shapes", () => {
    const ids = createSeededIds(9);
    expect(idSequence(ids.uuid())).toBe(1);
    expect(idSequence(ids.uuid())).toBe(2);
    expect(idSequence("not-an-id")).toBe(-1);
    expect(idSequence("11111111-2222-4333-8444-00000000zzzz")).toBe(-1);
  });
});
