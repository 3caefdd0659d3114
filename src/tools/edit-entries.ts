// Setting fields of signatory entries in place (ids written by release, withdrawn:/reconfirmed: written by
// npm run withdraw and reconfirm). A field is added as one line after the entry's last line, or its value
// replaced where it stands, so comments and layout stay as the signer wrote them; the result is parsed
// again and must read back as the same entries with only those fields changed.
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { isMap, isScalar, type Node, type Pair } from "yaml";
import { InternalError } from "../model/errors.ts";
import { assertWritable, normaliseNewlines, rootOfSignatoryFile } from "../load/files.ts";
import { parseYaml } from "../load/yaml.ts";
import type { Signatory } from "../model/types.ts";
import { yamlString } from "../common/sign-fields.ts";
import { SIGNATURE_ID } from "../model/schema.ts";

export type FieldValues = Record<string, string | number>;

export interface EntryEdit {
  signatory: Signatory;
  set: FieldValues;
}

/** Applies the edits, file by file; returns the files written (as the signatories name them). */
export function editEntries(edits: readonly EntryEdit[]): string[] {
  const byFile = new Map<string, EntryEdit[]>();
  for (const edit of edits) byFile.set(edit.signatory.source.file, [...(byFile.get(edit.signatory.source.file) ?? []), edit]);
  for (const [file, fileEdits] of byFile) {
    const path = resolve(file);
    // Signatory files only, so their repository is four folders up: nothing outside it is written.
    assertWritable(rootOfSignatoryFile(path), path);
    const raw = readFileSync(path, "utf8");
    const crlf = raw.includes("\r\n");
    const bom = raw.startsWith("\uFEFF") ? "\uFEFF" : "";
    const edited = setFields(normaliseNewlines(raw).replace(/^\uFEFF/, ""), file, fileEdits.map((e) => ({ line: e.signatory.source.line, set: e.set })));
    writeFileSync(path, bom + (crlf ? edited.replace(/\n/g, "\r\n") : edited));
  }
  return [...byFile.keys()];
}

/**
 * A value as YAML: numbers, dates and ids (the tools' own values) plain, as the files have always had
 * them; any other text (a corrected name, from a stranger) a double-quoted string, so it can add no key.
 */
function scalarText(value: string | number): string {
  if (typeof value === "number" || /^\d{4}-\d{2}-\d{2}$/.test(value) || SIGNATURE_ID.test(value)) return String(value);
  return yamlString(value);
}

/** `text` with the fields set on the entries starting at the given lines (a one-signatory file has one). */
export function setFields(text: string, file: string, edits: readonly { line: number; set: FieldValues }[]): string {
  const parsed = parseYaml(text, file);
  if (parsed.problems.length) throw new InternalError(`${file} cannot be edited: it does not parse (${parsed.problems[0]!.format()}).`);
  const list = Array.isArray(parsed.value);
  const paths = list ? (parsed.value as unknown[]).map((_, i) => [i]) : [[]];
  const expected = structuredClone(parsed.value) as Record<string, unknown> | Record<string, unknown>[];
  const inserts: { at: number; remove: number; text: string }[] = [];
  for (const edit of edits) {
    const path = paths.find((p) => parsed.positionOf(p).line === edit.line);
    const node = path && (path.length ? parsed.doc.getIn(path, true) : parsed.doc.contents);
    if (!path || !isMap(node) || node.flow) throw new InternalError(`${file}:${edit.line}: no block entry starts on this line to edit.`);
    const entry = (list ? (expected as Record<string, unknown>[])[path[0]!] : expected) as Record<string, unknown>;
    for (const [key, value] of Object.entries(edit.set)) {
      entry[key] = value;
      const pair = (node.items as Pair<Node, Node>[]).find((p) => isScalar(p.key) && p.key.value === key);
      if (pair && isScalar(pair.value) && pair.value.range) {
        inserts.push({ at: pair.value.range[0], remove: pair.value.range[1] - pair.value.range[0], text: scalarText(value) });
        continue;
      }
      const first = node.items[0] as Pair<Node, Node>;
      const last = node.items.at(-1) as Pair<Node, Node>;
      const keyStart = first.key.range![0];
      const indent = keyStart - text.lastIndexOf("\n", keyStart - 1) - 1;
      const valueEnd = (last.value ?? last.key).range![1];
      const lineEnd = text.indexOf("\n", valueEnd > 0 ? valueEnd - 1 : 0);
      const at = lineEnd === -1 ? text.length : lineEnd;
      inserts.push({ at, remove: 0, text: `\n${" ".repeat(indent)}${key}: ${scalarText(value)}` });
    }
  }
  let out = text;
  for (const edit of inserts.sort((a, b) => b.at - a.at)) out = out.slice(0, edit.at) + edit.text + out.slice(edit.at + edit.remove);
  if (!out.endsWith("\n")) out += "\n";
  const again = parseYaml(out, file);
  if (again.problems.length || JSON.stringify(again.value) !== JSON.stringify(expected)) {
    throw new InternalError(`${file}: setting ${edits.map((e) => Object.keys(e.set).join(", ")).join("; ")} would change other values; edit it by hand.`);
  }
  return out;
}
