import { describe, expect, it } from "vitest";
import { MadeFrom, oncePer, oncePerText } from "../src/common/once-per.ts";

describe("values made once", () => {
  it("per object: made on the first call only, again for another object", () => {
    let calls = 0;
    const size = oncePer((o: { items: number[] }) => (calls++, o.items.length));
    const a = { items: [1, 2] };
    expect([size(a), size(a), size({ items: [] })]).toEqual([2, 2, 0]);
    expect(calls).toBe(2);
  });

  it("per string: one formatter per language, and a key whose making throws is tried again", () => {
    const made: string[] = [];
    const format = oncePerText((lang) => {
      made.push(lang);
      return new Intl.DateTimeFormat(lang, { timeZone: "UTC", month: "long" });
    });
    expect(format("fr")).toBe(format("fr"));
    expect(format("fr")).not.toBe(format("de"));
    expect(() => format("not a tag")).toThrow(RangeError);
    expect(() => format("not a tag")).toThrow(RangeError);
    expect(made).toEqual(["fr", "de", "not a tag", "not a tag"]);
  });

  it("from inputs: remembered while each input is the same object, made again when one is replaced", () => {
    const lists = new MadeFrom<object, number>();
    const letter = {};
    const names = ["a", "b"];
    let calls = 0;
    const count = (of: string[]) => lists.get(letter, [of, of.length], () => (calls++, of.length));
    expect(count(names)).toBe(2);
    expect(count(names)).toBe(2);
    names.push("c"); // the same array, grown: its length is an input too
    expect(count(names)).toBe(3);
    expect(count(["x"])).toBe(1);
    expect(calls).toBe(3);
  });
});
