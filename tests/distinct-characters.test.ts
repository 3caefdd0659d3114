import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DistinctCharacters } from "../src/common/distinct-characters.ts";

// The reference: the characters a string iterates to (code points, an unpaired surrogate as itself), each once.
const naive = (texts: string[], ignoreBelow = 0) =>
  [...new Set(texts.flatMap((t) => [...t]))].filter((ch) => ch.codePointAt(0)! >= ignoreBelow).sort().join("");

describe("distinct characters of many texts", () => {
  it("collects each character once, in code-unit order, across texts", () => {
    const seen = new DistinctCharacters();
    seen.add("Zoë Ångström");
    seen.add("Zoë 陈静 😀");
    expect(seen.text()).toBe(naive(["Zoë Ångström", "Zoë 陈静 😀"]));
    expect([...seen.text()]).toContain("😀");
  });

  it("leaves out the code points below ignoreBelow (ASCII for the web fonts)", () => {
    const seen = new DistinctCharacters(0x80);
    seen.add("Plain ASCII, then é and ß");
    expect(seen.text()).toBe("ßé");
  });

  it("reports each new character once, as a code point, astral ones whole", () => {
    const added: number[] = [];
    const seen = new DistinctCharacters();
    seen.add("aa😀😀", (cp) => added.push(cp));
    seen.add("a😀b", (cp) => added.push(cp));
    expect(added).toEqual([0x61, 0x1f600, 0x62]);
  });

  it("counts an unpaired surrogate as itself, also at the end of a text", () => {
    const seen = new DistinctCharacters();
    seen.add("x\ud83d");
    seen.add("\ude00y\ud83d\ude00");
    expect(seen.text()).toBe(naive(["x\ud83d", "\ude00y\ud83d\ude00"]));
    expect(seen.text()).toContain("\ud83d\ude00");
  });

  it("agrees with iterating every string, on any texts", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: "binary" })), fc.constantFrom(0, 0x80), (texts, below) => {
        const seen = new DistinctCharacters(below);
        for (const t of texts) seen.add(t);
        expect(seen.text()).toBe(naive(texts, below));
      }),
    );
  });
});
