// Malformed and hostile input, table-driven: every case ends with a file:line:col error (exit 1, no
// stack trace, nothing written) or renders harmlessly. Limits are named settings in src/limits.ts.
import { existsSync } from "node:fs";
import { mkdir, readFile, symlink, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadSite } from "../src/index.ts";
import { limits } from "../src/model/limits.ts";
import { readPage, runScript, tempDir, text } from "./helpers/site.ts";

type Content = string | Buffer | ((path: string) => Promise<void>);

const LETTER = "---\ntitle: A letter\ndate: 2024-01-01\n---\n\nThe text.\n";
const SIG = (body: Content) => ["letters/x/signatories/s.yaml", body] as const;

/** [what, file written (relative to the site root), its content, expected message, expected line] */
const errorCases: [string, string, Content, RegExp, number?][] = [
  ["unclosed flow sequence", ...SIG("name: [Unclosed\n"), /YAML syntax error/],
  ["unclosed quote", ...SIG('name: "Jane\n'), /YAML syntax error: Missing closing "quote/],
  ["name is a number", ...SIG("name: 1984\n"), /"name" must be text, not a number/, 1],
  ["name is a list", ...SIG("name: [a, b]\n"), /"name" must be text, not a list/, 1],
  ["name is a mapping", ...SIG("name: {first: Jane}\n"), /"name" must be text, not a mapping/, 1],
  ["name is null", ...SIG("name:\n"), /"name" must be text, not empty/, 1],
  ["name is only spaces", ...SIG('name: "   "\n'), /"name" is empty/, 1],
  ["tab indentation", ...SIG("- name: Jane\n\taffiliation: X\n"), /YAML indentation uses spaces, not tabs/, 2],
  ["duplicate keys", ...SIG("name: Jane\nname: John\n"), /YAML syntax error: Map keys must be unique/, 2],
  ["alias bomb", ...SIG(`a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [${"*a,".repeat(9)}]\nc: &c [${"*b,".repeat(9)}]\nd: &d [${"*c,".repeat(9)}]\ne: [${"*d,".repeat(9)}]\n`), /Excessive alias count/],
  ["deep nesting", ...SIG(`name: ${"[".repeat(20000)}${"]".repeat(20000)}\n`), /nested too deeply/],
  ["multiple YAML documents", ...SIG("name: A\n---\nname: B\n"), /multiple documents/, 2],
  ["an unresolved tag", ...SIG("name: !include /etc/passwd\n"), /Unresolved tag: !include/, 1],
  ["a js/function tag", ...SIG("name: !!js/function 'function(){}'\n"), /Unresolved tag/, 1],
  ["a binary value", ...SIG("name: !!binary aGVsbG8=\n"), /"name" must be text, not a mapping/, 1],
  ["a YAML 1.1 merge key", ...SIG("<<: {name: X}\nname: Y\n"), /Unknown key "<<"/, 1],
  ["an empty file", ...SIG(""), /signatory file is empty/],
  ["only comments", ...SIG("# nobody\n"), /signatory file is empty/],
  ["a list item that is a string", ...SIG("- name: A\n- B\n"), /must be a mapping/, 2],
  ["unknown key with a typo", ...SIG("name: A\nafiliation: B\n"), /Unknown key "afiliation"/, 2],
  ["unknown type", ...SIG("name: A\ntype: robot\n"), /"type" is "robot"; it must be one of/, 2],
  ["javascript: URL", ...SIG("name: A\nurl: javascript:alert(1)\n"), /"url" "javascript:alert\(1\)" must start with https/, 2],
  ["data: URL", ...SIG("name: A\nurl: data:text/html,<script>x</script>\n"), /must start with https/, 2],
  ["URL hiding behind spaces", ...SIG('name: A\nurl: " javascript:alert(1)"\n'), /must start with https/, 2],
  ["URL without a host", ...SIG("name: A\nurl: https://\n"), /is not a valid http\(s\) or mailto URL/, 2],
  ["bad calendar date", ...SIG("name: A\nsigned: 2024-02-30\n"), /not a real calendar date/, 2],
  ["date as a number", ...SIG("name: A\nsigned: 20240101\n"), /"signed" must be text, not a number/, 2],
  ["lowercase country", ...SIG("name: A\ncountry: be\n"), /ISO 3166 two-letter country code/, 2],
  ["unassigned country", ...SIG("name: A\ncountry: XX\n"), /ISO 3166 two-letter country code/, 2],
  ["right-to-left override", ...SIG("name: \"Evil\u202Emoc.elgoog\"\n"), /text-direction characters/, 1],
  ["NUL byte in a name", ...SIG('name: "A\\0B"\n'), /invisible control/, 1],
  // Found by tests/fuzz-letters.test.ts: the check took it (a warning: no glyph) and the PDF typesetter failed as on a bug.
  ["a lone surrogate in a name", ...SIG('name: "Jane\\ud800 Doe"\n'), /lone surrogate/, 1],
  ["a lone surrogate in a title", "letters/x/letter.md", '---\ntitle: "A \\udfff letter"\ndate: 2024-01-01\n---\n\nThe text.\n', /lone surrogate/, 2],
  ["a 2,000-character name", ...SIG(`name: ${"A".repeat(2000)}\n`), /longer than 1000 characters/, 1],
  ["invalid UTF-8", ...SIG(Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x3a, 0x20, 0xc3, 0x28, 0x0a])), /not valid UTF-8/, 1],
  ["a 50 MB file", "letters/x/signatories/huge.yaml", async (path) => writeFile(path, Buffer.alloc(50 * 1024 * 1024, "a")), /over the 32\.0 MB limit/],
  ["a symlink out of the repository", "letters/x/signatories/link.yaml", async (path) => symlink("/etc/hostname", path), /symbolic link/],
  ["a folder named like a YAML file", "letters/x/signatories/dir.yaml", async (path) => mkdir(path), /not a regular file/],
  ["a file where the signatories folder goes", "letters/x/signatories", "name: Jane\n", /not a folder/],
  ["a non-YAML file among signatories", "letters/x/signatories/notes.txt", "hello\n", /not a YAML file/],
  ["front matter never closed", "letters/x/letter.md", "---\ntitle: A\ndate: 2024-01-01\n\nBody.\n", /front matter is never closed/, 1],
  ["no front matter", "letters/x/letter.md", "Just text.\n", /no front matter/, 1],
  ["front matter is a list", "letters/x/letter.md", "---\n- a\n- b\n---\n\nBody.\n", /must be a mapping/],
  ["unknown status", "letters/x/letter.md", "---\ntitle: A\ndate: 2024-01-01\nstatus: published\n---\n\nBody.\n", /"status" is "published"/, 4],
  ["a footnote without definition", "letters/x/letter.md", "---\ntitle: A\ndate: 2024-01-01\n---\n\nClaim.[^9]\n", /\[\^9\] is cited but never defined/, 6],
  ["an empty body", "letters/x/letter.md", "---\ntitle: A\ndate: 2024-01-01\n---\n", /no text after its front matter/],
  ["a folder name unusable in a URL", "letters/Bad Name/letter.md", LETTER, /cannot be used in a URL/],
  ["a letter folder without letter.md", "letters/empty-folder/README.txt", "notes\n", /has no letter\.md/],
  ["a manifest naming frozen files that do not exist", "letters/x/versions.yaml", `- version: 1\n  date: 2024-01-01\n  files:\n    letter.md: ${"a".repeat(64)}\n    signatories.txt: ${"b".repeat(64)}\n`, /Version 1's file .* is missing/],
  ["a malformed manifest", "letters/x/versions.yaml", "- version: one\n  date: 2024-01-01\n  files: {}\n", /"version" must be a number/, 1],
  ["a broken site config", "letters/site.yaml", "title: [Broken\n", /YAML syntax error/],
];

async function writeSite(root: string, files: [string, Content][]): Promise<void> {
  const all: [string, Content][] = [["letters/site.yaml", "title: Hostile\n"], ["letters/x/letter.md", LETTER], ...files];
  for (const [rel, content] of all) {
    const path = join(root, rel);
    await mkdir(dirname(path), { recursive: true });
    if (typeof content === "function") await content(path);
    else await writeFile(path, content);
  }
}

describe("malformed and hostile input is an error with its position", () => {
  it("has at least 40 distinct cases", () => {
    expect(new Set(errorCases.map((c) => c[0])).size).toBeGreaterThanOrEqual(40);
  });

  it.each(errorCases)("%s", async (_what, file, content, message, line) => {
    const root = await tempDir();
    await writeSite(root, [[file, content]]);
    const started = performance.now();
    const { site, problems } = await loadSite(root);
    expect(performance.now() - started).toBeLessThan(10_000); // no hang
    expect(site).toBeUndefined();
    const problem = problems.find((p) => message.test(p.message) && p.severity === "error");
    expect(problem, problems.map((p) => p.format()).join("\n")).toBeDefined();
    expect(problem!.format()).toMatch(/^\S.*:\d+:\d+: error: .+/);
    if (line !== undefined) expect(problem!.line).toBe(line);
  });

  it("reports a list over the length limit with the limit's value", async () => {
    const saved = limits.maxListLength;
    limits.maxListLength = 3;
    try {
      const root = await tempDir();
      await writeSite(root, [[...SIG("- name: A\n- name: B\n- name: C\n- name: D\n")]]);
      const { problems } = await loadSite(root);
      expect(problems[0]!.message).toBe("This list has 4 entries, over the limit of 3.");
    } finally {
      limits.maxListLength = saved;
    }
  });

  it("stops the build with every problem, exit 1, no stack trace, and leaves the previous site untouched", async () => {
    const root = await tempDir();
    // Every signatory case in its own file of one site: all reported in one run.
    await writeSite(root, errorCases.filter(([, file]) => file.startsWith("letters/x/signatories/")).map(([, file, content], i) => [file.replace(/\/([^/]+)$/, `/${i}-$1`), content]));
    const output = join(await tempDir(), "site");
    await mkdir(output);
    await writeFile(join(output, "index.html"), "previous");
    const result = await runScript("build.ts", ["--root", root, "--output", output]);
    expect(result.code).toBe(1);
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(result.stderr.match(/:\d+:\d+: error: /g)!.length).toBeGreaterThanOrEqual(30);
    expect(await readFile(join(output, "index.html"), "utf8")).toBe("previous");
    expect(existsSync(`${output}.tmp-${process.pid}`)).toBe(false);
  });
});

describe("hostile but valid content renders harmlessly", () => {
  const names = {
    script: "<script>alert(1)</script>",
    img: '"><img src=x onerror=alert(1)>',
    template: "{{ 7 * 7 }} {% raw %}",
    typst: "#sys.exit() *bold* $x$ <label> @ref [x] \\ = Heading",
    emoji: "🦄 Unicorn Collective 👩🏽‍💻",
    rtl: "مؤسسة الحرية الرقمية",
    zeroWidth: "Zero\u200BWidth\u200DJoiner",
    long: "W".repeat(900),
    entity: "Tom &amp; Jerry &lt;b&gt;",
  };
  let site: string;
  beforeAll(async () => {
    const root = await tempDir();
    const list = Object.values(names).map((n) => `- name: ${JSON.stringify(n)}\n  affiliation: ${JSON.stringify(`${n} Institute`)}\n  url: "https://example.org/\\"onmouseover=\\"alert(1)"\n`).join("");
    const body = [
      "Raw HTML: <iframe src=https://evil.example></iframe> <a href=\"javascript:alert(1)\">x</a>",
      "",
      "A [javascript link](javascript:alert(1)) and [data](data:text/html,x) and {{ 7 * 7 }}.",
    ].join("\n");
    await writeSite(root, [
      ["letters/x/letter.md", `\uFEFF---\r\ntitle: "</title><script>alert(1)</script>"\r\ndate: 2024-01-01\r\nsummary: "\\"><meta http-equiv=refresh content=0>"\r\n---\r\n\r\n${body.replace(/\n/g, "\r\n")}\r\n`],
      ["letters/x/signatories/list.yaml", list],
    ]);
    const { releaseLetter } = await import("../src/tools/release.ts");
    await releaseLetter(root, "x", { date: "2024-01-01" });
    const output = join(await tempDir(), "site");
    const result = await runScript("build.ts", ["--root", root, "--output", output]);
    expect(result.code).toBe(0);
    // Only warnings (the PDF font has no emoji or Arabic glyphs), never an error or a stack trace.
    expect(result.stderr).not.toMatch(/: error: |\n\s+at /);
    site = output;
  });

  it("reads a file with a BOM and Windows line endings", async () => {
    const page = await readPage(site, "x/index.html");
    expect(text(page.querySelector("h1"))).toBe("</title><script>alert(1)</script>");
  });

  it("shows every hostile name exactly as written, and adds no element or attribute", async () => {
    const page = await readPage(site, "x/index.html");
    const shown = [...page.querySelectorAll(".signatory-name")].map((e) => e.textContent);
    expect(shown).toEqual(Object.values(names));
    expect(page.querySelectorAll("script, iframe, img")).toHaveLength(0);
    // The one http-equiv is the site's own Content-Security-Policy; a name must never add another.
    expect([...page.querySelectorAll("meta[http-equiv]")].map((m) => m.getAttribute("http-equiv"))).toEqual(["Content-Security-Policy"]);
    for (const el of page.querySelectorAll("*")) {
      for (const attr of el.getAttributeNames()) expect(attr, el.outerHTML.slice(0, 80)).not.toMatch(/^on/);
    }
  });

  it("isolates names and roles from the text direction around them", async () => {
    const page = await readPage(site, "x/index.html");
    expect(page.querySelectorAll(".signatory bdi").length).toBe(Object.keys(names).length * 2);
  });

  it("keeps raw HTML and scripted links in the body as text", async () => {
    const page = await readPage(site, "x/index.html");
    const body = page.querySelector(".letter-body")!;
    expect(text(body)).toContain('<iframe src=https://evil.example></iframe> <a href="javascript:alert(1)">x</a>');
    expect(text(body)).toContain("{{ 7 * 7 }}");
    const hrefs = [...body.querySelectorAll("a")].map((a) => a.getAttribute("href"));
    expect(hrefs.filter((h) => /^(javascript|data):/i.test(h ?? ""))).toEqual([]);
  });

  it("keeps a quote in a URL inside its attribute", async () => {
    const page = await readPage(site, "x/index.html");
    expect(page.querySelector(".signatory a")!.getAttribute("href")).toBe('https://example.org/"onmouseover="alert(1)');
  });
});
