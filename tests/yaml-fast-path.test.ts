// Signatory files are read with js-yaml first and with the `yaml` package when anything is wrong
// (src/yaml.ts). Which parser read a file must never show: same values, same positions, same messages.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { parseSignatoryFile } from "../src/load/signatories.ts";
import { parseYaml, parseYamlFast, yamlLimits } from "../src/load/yaml.ts";

const FIXTURES = join(import.meta.dirname, "fixtures");

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return yamlFiles(path);
    return /\.ya?ml$/.test(entry.name) ? [path] : [];
  });
}

describe("reading signatory files with the fast parser", () => {
  const files = yamlFiles(FIXTURES).filter((f) => f.includes("/signatories/"));

  it("covers the fixtures' signatory files", () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it("gives the values and entry positions the yaml package gives, for every fixture file it accepts", () => {
    let accepted = 0;
    for (const file of files) {
      const text = readFileSync(file, "utf8").replace(/\r\n?/g, "\n");
      const name = relative(FIXTURES, file);
      const fast = parseYamlFast(text, name);
      const exact = parseYaml(text, name);
      if (!fast) continue;
      accepted++;
      expect(exact.problems, name).toEqual([]);
      expect(fast.value, name).toEqual(exact.value);
      expect(fast.positionOf([]), name).toEqual(exact.positionOf([]));
      if (Array.isArray(exact.value)) {
        for (const i of exact.value.keys()) expect(fast.positionOf([i]), `${name} entry ${i}`).toEqual(exact.positionOf([i]));
      }
    }
    expect(accepted).toBeGreaterThan(20);
  });

  it("finds entries after comments, blank lines, a document marker and a multi-line value", () => {
    const text = "# Signed at the conference\n---\n\n- name: Ada\n  role: |\n    Line one\n    - not an entry\n-\n  name: Grace\n- {name: Linus}\n";
    const fast = parseYamlFast(text, "list.yaml")!;
    const exact = parseYaml(text, "list.yaml");
    expect(fast.value).toEqual(exact.value);
    expect([0, 1, 2].map((i) => fast.positionOf([i]))).toEqual([{ line: 4, column: 3 }, { line: 9, column: 3 }, { line: 10, column: 3 }]);
    expect([0, 1, 2].map((i) => fast.positionOf([i]))).toEqual([0, 1, 2].map((i) => exact.positionOf([i])));
  });

  it("answers any deeper position from a full reading by the yaml package", () => {
    const text = "- name: Ada\n  country: BE\n- name: Grace\n  country: FR\n";
    const fast = parseYamlFast(text, "list.yaml")!;
    expect(fast.positionOf([1, "country"])).toEqual({ line: 4, column: 12 });
    expect(fast.positionOf([1, "country"], "key")).toEqual({ line: 4, column: 3 });
  });

  it.each([
    ["an anchor and an alias", "- &a {name: Ada}\n- *a\n"],
    ["a tag", "name: !include /etc/passwd\n"],
    ["a syntax error", "name: [unclosed\n"],
    ["a duplicate key", "name: Ada\nname: Grace\n"],
    ["two documents", "name: Ada\n---\nname: Grace\n"],
    ["a byte order mark", "\uFEFFname: Ada\n"],
    ["deep flow nesting", `name: ${"[".repeat(5000)}${"]".repeat(5000)}\n`],
    ["deep block nesting on one line", `${"- ".repeat(5000)}x\n`],
  ])("leaves %s to the yaml package", (_, text) => {
    expect(parseYamlFast(text, "x.yaml")).toBeUndefined();
  });

  it("keeps names with an ampersand or an asterisk inside a word on the fast path", () => {
    expect(parseYamlFast("name: Smith & Sons\naffiliation: AT&T, R*D lab\n", "x.yaml")?.value).toEqual({ name: "Smith & Sons", affiliation: "AT&T, R*D lab" });
  });

  it("reports a problem in a list with the position the yaml package finds", () => {
    const { problems } = parseSignatoryFile("- name: Ada\n- name: Grace\n  country: be\n", "list.yaml");
    expect(problems.map((p) => p.format())[0]).toMatch(/^list\.yaml:3:12: error: .*country/);
  });

  it("reads yes, no, dates and numbers-as-text exactly as the yaml package's core schema does", () => {
    const text = 'name: No\ntitle: yes\nsigned: 2024-03-01\naffiliation: "1984"\n';
    expect(parseYamlFast(text, "x.yaml")!.value).toEqual(parseYaml(text, "x.yaml").value);
    expect(parseSignatoryFile(text, "x.yaml").signatories[0]).toMatchObject({ name: "No", title: "yes", signed: "2024-03-01", affiliation: "1984" });
  });
});

describe("the nesting limit", () => {
  // A block mapping holding flow lists: the mapping is the first level.
  const nested = (levels: number) => `name: ${"[".repeat(levels - 1)}x${"]".repeat(levels - 1)}\n`;

  it("reads a file exactly as deep as the limit", () => {
    expect(parseYaml(nested(yamlLimits.maxDepth), "ok.yaml").problems).toEqual([]);
  });

  it("stops one level deeper, at the collection that crosses the limit, before reading it", () => {
    const { problems } = parseYaml(`# a comment\n${nested(yamlLimits.maxDepth + 1)}`, "deep.yaml");
    // Line 2: "name: " is 6 columns, then the brackets of levels 2, 3, ...: level 65 opens at column 70.
    expect(problems.map((p) => p.format())).toEqual([expect.stringMatching(/^deep\.yaml:2:70: error: The YAML is nested too deeply to read\./)]);
  });

  it("measures a 150,000-line file without running out of stack", { timeout: 30_000 }, () => {
    const { problems, value } = parseYaml("- a\n".repeat(150_000), "long.yaml");
    expect(problems).toEqual([]);
    expect((value as unknown[]).length).toBe(150_000);
  });

  it("tells twenty thousand levels apart without running out of stack", () => {
    expect(parseSignatoryFile(nested(20_000), "bomb.yaml").problems.map((p) => p.message)).toEqual(["The YAML is nested too deeply to read."]);
  });
});
