// Every message names values that strangers wrote (names, keys, file names). Printed, none of them may
// act: no line of its own (in Actions a line starting with "::" is a workflow command), no terminal
// escape sequence, no reordering by bidirectional controls. Made harmless once, where messages are
// formatted (OpenLettersError.format, githubAnnotation), and tested here with a table of hostile values.
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { ContentError, OpenLettersError, printablePath } from "../src/model/errors.ts";
import type { Signatory } from "../src/model/types.ts";
import { githubAnnotation } from "../src/tools/annotations.ts";
import { findSignature } from "../src/tools/signature-status.ts";
import { runScript, tempDir } from "./helpers/site.ts";

/** [what, the hostile value] */
const hostile: [string, string][] = [
  ["a workflow command after a line break", "Jane\n::warning file=letters/x/letter.md::pwned"],
  ["a workflow command after a carriage return", "Jane\r::error::pwned"],
  ["a workflow command after CRLF", "Jane\r\n::add-mask::secret"],
  ["a line separator", "Jane\u2028::error::pwned"],
  ["a paragraph separator", "Jane\u2029::error::pwned"],
  ["a next-line control (C1)", "Jane\u0085::error::pwned"],
  ["a terminal escape sequence", "\u001b[2J\u001b[31mJane\u001b[0m"],
  ["an operating system command sequence", "\u001b]0;title\u0007Jane"],
  ["a C1 control sequence introducer", "\u009b31mJane"],
  ["a backspace", "Jane\b\b\b\bJohn"],
  ["a right-to-left override", "Jane\u202eeoD"],
  ["a right-to-left isolate", "\u2067Jane\u2069"],
  ["a right-to-left mark", "Jane\u200f Doe"],
  ["an Arabic letter mark", "Jane\u061c Doe"],
  ["a tab", "Jane\tDoe"],
];

/** Characters that must never reach a terminal or a log as they are. */
const ACTING = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;

describe("a hostile value in a message", () => {
  it.each(hostile)("%s is shown inert in text", (_what, value) => {
    const problem = new ContentError(`letters/x/signatories/${value}.yaml`, { line: 2, column: 3 }, `"name" ${JSON.stringify(value)} and ${value}.`, `Hint ${value}.`);
    const text = problem.format();
    expect(text).not.toMatch(ACTING);
    expect(text.split(/\r\n|\r|\n/)).toHaveLength(1);
    expect(text).toMatch(/^"letters\/x\/signatories\/.*\.yaml":2:3: error: /);
  });

  it.each(hostile)("%s is shown inert in a GitHub annotation", (_what, value) => {
    const problem = new ContentError(`letters/x/${value}.yaml`, { line: 2, column: 3 }, `Name ${value}.`, `Hint ${value}.`);
    const annotation = githubAnnotation(problem);
    expect(annotation).not.toMatch(ACTING);
    expect(annotation).not.toMatch(/[\r\n]/);
    expect(annotation).toMatch(/^::error file=letters\/x\/[^,:]*\.yaml,line=2,col=3,title=Content::Name /);
  });

  it.each(hostile)("%s keeps a message of several lines (npm run withdraw's namesakes) to its own lines", (_what, value) => {
    const signatory = (line: number) => ({ name: `Jane ${value}`, key: `s${line}`, source: { file: `letters/x/signatories/${value}.yaml`, line, column: 1 } }) as Signatory;
    let error: unknown;
    try {
      findSignature([signatory(1), signatory(2)], { name: `Jane ${value}` });
    } catch (e) {
      error = e;
    }
    const text = (error as OpenLettersError).format();
    expect(text.replace(/\n/g, "")).not.toMatch(ACTING);
    expect(text.split(/\r\n|\r|\n/)).toEqual([expect.stringMatching(/^2 signatures are named /), expect.stringMatching(/^ {2}"Jane /), expect.stringMatching(/^ {2}"Jane /), "Say which with --affiliation."]);
  });

  it("leaves plain paths as they are, so editors still link them, and quotes the rest", () => {
    expect(printablePath("letters/x/signatories/jane-doe.yaml")).toBe("letters/x/signatories/jane-doe.yaml");
    expect(printablePath("letters/x/signatories/émile.yaml")).toBe("letters/x/signatories/émile.yaml");
    expect(printablePath("letters/x/signatories/#jane.yaml")).toBe('"letters/x/signatories/#jane.yaml"');
    expect(printablePath("letters/x/a b:1:1.yaml")).toBe('"letters/x/a b:1:1.yaml"');
    expect(printablePath("letters/x/\u001b[31m.yaml")).toBe('"letters/x/\\u001b[31m.yaml"');
  });
});

describe("npm run check with hostile names and file names", () => {
  let texts = 0;
  /** A site whose problems carry every hostile value: in names (a duplicate), keys and file names. */
  async function hostileSite(): Promise<string> {
    const root = await tempDir();
    const files: Record<string, string> = {
      "letters/site.yaml": "title: Hostile\nrepository: https://github.com/org/letters\n",
      "letters/x/letter.md": "---\ntitle: A letter\ndate: 2024-01-01\nstatus: draft\n---\n\nThe text.\n",
    };
    hostile.forEach(([, value], i) => {
      // The same name twice: the duplicate error quotes it; an unknown key names it; a stray file is named by it.
      const entry = `name: ${JSON.stringify(`Person ${value}`)}\n`;
      files[`letters/x/signatories/p${i}.yaml`] = `- ${entry}- ${entry}`;
      files[`letters/x/signatories/k${i}.yaml`] = `name: Key ${i}\n${JSON.stringify(`key ${value}`)}: 1\n`;
      files[`letters/x/signatories/${value.replace(/\//g, "_")}.txt`] = "stray\n";
    });
    for (const [rel, content] of Object.entries(files)) {
      await mkdir(dirname(join(root, rel)), { recursive: true });
      await writeFile(join(root, rel), content);
    }
    return root;
  }

  it("prints one line per problem in text, none of them a workflow command or an escape sequence", async () => {
    const root = await hostileSite();
    const result = await runScript("check.ts", ["--root", root]);
    expect(result.code).toBe(1);
    const lines = result.stderr.split(/\r\n|\r|\n/).filter(Boolean);
    expect(result.stderr).not.toMatch(ACTING.source.includes("\\u000a") ? ACTING : /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/);
    for (const line of lines.slice(0, -1)) expect(line).toMatch(/^("[^"]+(\\"[^"]*)*"|\S+):\d+:\d+: (error|warning): /);
    expect(lines.at(-1)).toMatch(/^\d+ error\(s\), \d+ warning\(s\)\./);
    expect(lines.filter((l) => l.startsWith("::"))).toEqual([]);
    // Every hostile value was reported: as a duplicate or a name refused, an unknown key, a stray file.
    hostile.forEach((_, i) => {
      expect(lines.filter((l) => l.includes(`letters/x/signatories/p${i}.yaml:2:`) && l.includes(": error: ")).length, `p${i}.yaml`).toBeGreaterThan(0);
      expect(lines.filter((l) => l.includes(`letters/x/signatories/k${i}.yaml:2:1: error: Unknown key "key `)), `k${i}.yaml`).toHaveLength(1);
    });
    expect(lines.filter((l) => /not a YAML file/.test(l))).toHaveLength(hostile.length);
    texts = lines.length - 1;
  }, 60_000);

  it("prints one annotation per line with --format github, and nothing else that Actions would run", async () => {
    const root = await hostileSite();
    const result = await runScript("check.ts", ["--root", root, "--format", "github"]);
    expect(result.code).toBe(1);
    const lines = result.stdout.split(/\r\n|\r|\n/).filter(Boolean);
    expect(result.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/);
    expect(lines.length).toBeGreaterThanOrEqual(3 * hostile.length);
    for (const line of lines) expect(line).toMatch(/^::(error|warning) file=[^:]*,line=\d+,col=\d+,title=[^:]*::[^:]/);
    expect(lines).toHaveLength(texts); // one annotation per problem, and no other line
  }, 60_000);
});
