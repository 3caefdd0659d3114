// outputs/typst/: the one Typst set-up that PDFs and cards share: the compiler, its only fonts and their
// character maps.
//
// Reads which Unicode code points a TrueType/OpenType font maps to glyphs (its `cmap` table), so the build
// can warn about text the PDF font cannot print. Only the two subtable formats that carry Unicode in
// practice are read: 4 (the Basic Multilingual Plane) and 12 (all planes).
// Spec: https://learn.microsoft.com/en-us/typography/opentype/spec/cmap
import { InternalError } from "../../model/errors.ts";

/** A set of code points, stored as sorted, non-overlapping [first, last] ranges. */
export class CodePointSet {
  private readonly starts: Uint32Array;
  private readonly ends: Uint32Array;

  constructor(ranges: Array<[number, number]>) {
    const sorted = ranges.filter(([a, b]) => a <= b).sort((a, b) => a[0] - b[0]);
    const merged: Array<[number, number]> = [];
    for (const [a, b] of sorted) {
      const last = merged.at(-1);
      if (last && a <= last[1] + 1) last[1] = Math.max(last[1], b);
      else merged.push([a, b]);
    }
    this.starts = Uint32Array.from(merged, (r) => r[0]);
    this.ends = Uint32Array.from(merged, (r) => r[1]);
  }

  has(codePoint: number): boolean {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (codePoint < this.starts[mid]!) hi = mid - 1;
      else if (codePoint > this.ends[mid]!) lo = mid + 1;
      else return true;
    }
    return false;
  }

  /** Code points present in both sets. */
  intersect(other: CodePointSet): CodePointSet {
    const out: Array<[number, number]> = [];
    let i = 0;
    let j = 0;
    while (i < this.starts.length && j < other.starts.length) {
      const a = Math.max(this.starts[i]!, other.starts[j]!);
      const b = Math.min(this.ends[i]!, other.ends[j]!);
      if (a <= b) out.push([a, b]);
      if (this.ends[i]! < other.ends[j]!) i++;
      else j++;
    }
    return new CodePointSet(out);
  }

  /** Code points present in either set. */
  union(other: CodePointSet): CodePointSet {
    return new CodePointSet([...this.ranges(), ...other.ranges()]);
  }

  private ranges(): Array<[number, number]> {
    return Array.from(this.starts, (start, i) => [start, this.ends[i]!] as [number, number]);
  }
}

/** The code points that `font` (the bytes of a .ttf or .otf file) has a glyph for. */
export function readCmap(font: Uint8Array): CodePointSet {
  const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const cmap = tableOffset(view, "cmap");
  const count = view.getUint16(cmap + 2);
  // Prefer the full-repertoire subtable (format 12) and fall back to the BMP one (format 4).
  let best: { offset: number; format: number } | undefined;
  for (let i = 0; i < count; i++) {
    const record = cmap + 4 + i * 8;
    const platform = view.getUint16(record);
    const encoding = view.getUint16(record + 2);
    const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
    if (!unicode) continue;
    const offset = cmap + view.getUint32(record + 4);
    const format = view.getUint16(offset);
    if (format === 12 && best?.format !== 12) best = { offset, format };
    else if (format === 4 && !best) best = { offset, format };
  }
  // Only the fonts listed in fonts.ts are read, all known to have one: a failure here is a bug.
  if (!best) throw new InternalError("The font has no Unicode cmap subtable (format 4 or 12).");
  return best.format === 12 ? readFormat12(view, best.offset) : readFormat4(view, best.offset);
}

function tableOffset(view: DataView, tag: string): number {
  const tables = view.getUint16(4);
  for (let i = 0; i < tables; i++) {
    const record = 12 + i * 16;
    const name = String.fromCharCode(view.getUint8(record), view.getUint8(record + 1), view.getUint8(record + 2), view.getUint8(record + 3));
    if (name === tag) return view.getUint32(record + 8);
  }
  throw new InternalError(`The font has no "${tag}" table.`);
}

function readFormat4(view: DataView, offset: number): CodePointSet {
  const segments = view.getUint16(offset + 6) / 2;
  const ends = offset + 14;
  const starts = ends + segments * 2 + 2; // +2 skips reservedPad
  const deltas = starts + segments * 2;
  const rangeOffsets = deltas + segments * 2;
  const ranges: Array<[number, number]> = [];
  for (let s = 0; s < segments; s++) {
    const start = view.getUint16(starts + s * 2);
    const end = view.getUint16(ends + s * 2);
    if (start === 0xffff) continue; // the mandatory final segment maps nothing
    const delta = view.getUint16(deltas + s * 2);
    const rangeOffset = view.getUint16(rangeOffsets + s * 2);
    if (rangeOffset === 0) {
      // Every code point maps to (c + delta) mod 65536; glyph 0 (.notdef) means "no glyph".
      for (let c = start; c <= end; c++) if (((c + delta) & 0xffff) !== 0) pushPoint(ranges, c);
      continue;
    }
    for (let c = start; c <= end; c++) {
      const at = rangeOffsets + s * 2 + rangeOffset + (c - start) * 2;
      const glyph = view.getUint16(at);
      if (glyph !== 0 && ((glyph + delta) & 0xffff) !== 0) pushPoint(ranges, c);
    }
  }
  return new CodePointSet(ranges);
}

function readFormat12(view: DataView, offset: number): CodePointSet {
  const groups = view.getUint32(offset + 12);
  const ranges: Array<[number, number]> = [];
  for (let g = 0; g < groups; g++) {
    const group = offset + 16 + g * 12;
    const first = view.getUint32(group);
    const last = view.getUint32(group + 4);
    const glyph = view.getUint32(group + 8);
    // A group starting at glyph 0 maps its first code point to .notdef.
    ranges.push([glyph === 0 ? first + 1 : first, last]);
  }
  return new CodePointSet(ranges);
}

function pushPoint(ranges: Array<[number, number]>, c: number): void {
  const last = ranges.at(-1);
  if (last && last[1] === c - 1) last[1] = c;
  else ranges.push([c, c]);
}
