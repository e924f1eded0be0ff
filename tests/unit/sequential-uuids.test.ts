// Ids for bulk inserts (lib/db/bulk.ts): valid version-7 UUIDs that carry their instant, sort in the order
// given (so a batch appends to the id indexes), and do not repeat.
import { describe, expect, it } from "vitest";
import { batchesOf, sequentialUuids } from "@/lib/db/bulk";
import { isUuid } from "@/lib/domain/keys";

const V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("sequentialUuids", () => {
  it("gives valid v7 UUIDs with the instant in their first 48 bits", () => {
    const at = new Date("2026-11-24T07:00:00.123Z");
    const ids = sequentialUuids(3, at);
    for (const id of ids) {
      expect(id).toMatch(V7);
      expect(isUuid(id)).toBe(true);
      expect(parseInt(id.replace(/-/g, "").slice(0, 12), 16)).toBe(at.getTime());
    }
  });

  it("sorts in the order given and never repeats, past the low counter's 14 bits", () => {
    const ids = sequentialUuids(40_000, new Date());
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    const other = sequentialUuids(40_000, new Date(0));
    expect(new Set([...ids, ...other]).size).toBe(80_000);
  });
});

describe("batchesOf", () => {
  it("cuts a list into runs of at most n, in order", () => {
    expect(batchesOf([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(batchesOf([], 3)).toEqual([]);
  });
});
