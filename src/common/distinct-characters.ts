// The distinct characters of texts that repeat the same few hundred characters millions of times (every
// name of a letter, every page of a site): a character already seen is skipped by its code unit, before a
// string or a regular expression is made for it.

export class DistinctCharacters {
  private readonly bmp = new Uint8Array(0x10000);
  private readonly astral = new Set<number>();
  private readonly found: number[] = [];

  /** `ignoreBelow`: code points under it are never collected (0x80: everything but ASCII). */
  constructor(ignoreBelow = 0) {
    this.bmp.fill(1, 0, ignoreBelow);
  }

  /** Adds the characters of `text`; `added` is called with each one not seen before. An unpaired surrogate counts as itself. */
  add(text: string, added?: (codePoint: number) => void): void {
    const { bmp, astral, found } = this;
    for (let i = 0; i < text.length; i++) {
      let cp = text.charCodeAt(i);
      if (cp < 0x10000 && bmp[cp] && (cp < 0xd800 || cp > 0xdbff)) continue;
      if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < text.length) {
        const low = text.charCodeAt(i + 1);
        if (low >= 0xdc00 && low <= 0xdfff) {
          cp = (cp - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
          i++;
        }
      }
      if (cp < 0x10000) {
        if (bmp[cp]) continue;
        bmp[cp] = 1;
      } else {
        if (astral.has(cp)) continue;
        astral.add(cp);
      }
      found.push(cp);
      added?.(cp);
    }
  }

  /** Every character collected, as a string in UTF-16 code-unit order (as Array.prototype.sort orders them). */
  text(): string {
    return this.found.map((cp) => String.fromCodePoint(cp)).sort().join("");
  }
}
