import { describe, expect, it } from "vitest";
import { parseSignatoryFile } from "../src/load/signatories.ts";
import {
  PLACEHOLDERS, checkFields, forgeName, forgeOf, isPlaceholder, mailtoUrl, newFileUrl, placeholdersFor, signatoryFileName, signatoryPath, signatoryYaml, yamlString,
} from "../src/common/sign-fields.ts";
import { slugOf } from "../src/common/slug.ts";
import { parseYaml } from "../src/load/yaml.ts";
import { signView } from "../src/view/sign-section.ts";
import type { Letter, SiteConfig } from "../src/model/types.ts";

const REPO = "https://github.com/org/letters";

/** What GitHub reads back from the link: the file's path and content. */
function decodeNewFileUrl(link: string): { path: string; filename: string; value: string } {
  const url = new URL(link);
  return { path: url.pathname, filename: url.searchParams.get("filename")!, value: url.searchParams.get("value")! };
}

const hostileNames = [
  "Tom & Jerry #1",
  'Jane "JD" O\'Doe',
  "Evil\nurl: javascript:alert(1)",
  "Line\r\n- name: Injected",
  "李小龍",
  "Ελένη Παπαδοπούλου",
  "محمد الأحمد",
  "key: value # comment",
  "--- \n...",
  "\\\" \u2028 \u0085 \u007f back\\slash",
  "*alias &anchor !tag %directive @at `tick` {a: 1} [b] |",
];

describe("the new-file link of each forge", () => {
  const yaml = signatoryYaml({ name: "Zoë & \"Co\" #1", affiliation: "Université: Test", country: "be" });
  const path = signatoryPath("my-letter", signatoryFileName("Zoë & Co"));
  // Each forge's editor reads its own parameter names: decoding the link must give back the file exactly.
  const cases = [
    { forge: "github", repository: "https://github.com/org/letters", path: "/org/letters/new/release/2024", name: "filename", content: "value" },
    { forge: "gitlab", repository: "https://gitlab.com/group/sub/letters", path: "/group/sub/letters/-/new/release/2024/", name: "file_name", content: "content" },
    { forge: "gitea", repository: "https://codeberg.org/org/letters", path: "/org/letters/_new/release/2024/", name: "filename", content: "value" },
    { forge: "gitea", repository: "https://git.forgejo.example/org/letters", path: "/org/letters/_new/release/2024/", name: "filename", content: "value" },
    { forge: "gitlab", repository: "https://gitlab.example.org/org/letters", path: "/org/letters/-/new/release/2024/", name: "file_name", content: "content" },
  ] as const;
  it.each(cases)("$repository is $forge, and its link decodes back into the file", ({ forge, repository, path: urlPath, name, content }) => {
    expect(forgeOf(repository)).toBe(forge);
    const url = new URL(newFileUrl({ repository, branch: "release/2024", path, content: yaml }));
    expect(url.pathname).toBe(urlPath);
    expect(url.searchParams.get(name)).toBe(path);
    expect(url.searchParams.get(content)).toBe(yaml);
    expect([...url.searchParams.keys()].sort()).toEqual([content, name].sort());
  });

  it("follows site.yaml's forge: for a self-hosted forge whose host does not tell", () => {
    const url = new URL(newFileUrl({ repository: "https://code.example.org/org/letters", branch: "main", path, content: yaml, forge: "gitlab" }));
    expect(url.pathname).toBe("/org/letters/-/new/main/");
    expect(forgeOf("https://code.example.org/org/letters")).toBe("github");
  });
});

describe("the sign button and instructions name the forge the repository is on", () => {
  const config: SiteConfig = { title: "T", pathPrefix: "/", lang: "en", author: "T", branch: "main", linkIndividuals: true, paper: "a4", listThreshold: 500 };
  const letter = { status: "open", dir: "letters/x", title: "X", releases: [] } as unknown as Letter;
  const words = (repository: string, lang = "en", forge?: SiteConfig["forge"]) => signView(letter, { lang, title: "X" }, { ...config, repository, forge })!.forgeWords!;

  it.each([
    ["https://github.com/o/r", undefined, "GitHub"],
    ["https://gitlab.com/g/r", undefined, "GitLab"],
    ["https://gitlab.example.org/g/r", undefined, "GitLab"],
    ["https://codeberg.org/o/r", undefined, "Codeberg"],
    ["https://git.forgejo.example/o/r", undefined, "git.forgejo.example"],
    ["https://code.example.org/o/r", "gitlab", "GitLab"],
    ["https://code.example.org/o/r", "gitea", "code.example.org"],
  ] as const)("%s (forge: %s) is %s", (repository, forge, name) => {
    expect(forgeName(repository, forge)).toBe(name);
    expect(words(repository, "en", forge).button).toBe(`Sign on ${name}`);
    expect(words(repository, "en", forge).summary).toBe(`How signing works, and signing without a ${name} account`);
  });

  it("tells a Forgejo or Gitea signer to fork first, and a GitHub or GitLab signer that the forge offers the fork", () => {
    expect(words("https://gitlab.com/g/r").fork).toBe("GitLab offers to fork the repository and opens a pull request for you; a maintainer merges it.");
    expect(words("https://codeberg.org/o/r").fork).toMatch(/^Codeberg's editor needs write access: fork the repository first/);
    expect(words("https://github.com/o/r").fork).not.toContain("first");
  });

  it("says it in the page's language", () => {
    expect(words("https://codeberg.org/o/r", "de").button).toBe("Auf Codeberg unterzeichnen");
    expect(words("https://gitlab.com/g/r", "ja").button).toBe("GitLab で署名する");
    expect(words("https://gitlab.com/g/r", "fr").fork).toContain("GitLab propose");
  });
});

describe("the sign form's pre-filled file", () => {
  it.each(hostileNames)("round-trips %j through the GitHub link into one valid signatory", (name) => {
    const fields = { name, type: "individual", title: "Prof. #1 & co", affiliation: "Université: \"Test\"", url: "example.org/a?b=1&c=#d", country: "be", signed: "2024-05-01" };
    const yaml = signatoryYaml(fields);
    const link = newFileUrl({ repository: REPO, branch: "main", path: signatoryPath("my-letter", signatoryFileName(name)), content: yaml });
    const back = decodeNewFileUrl(link);
    expect(back.path).toBe("/org/letters/new/main");
    expect(back.filename).toMatch(/^letters\/my-letter\/signatories\/[^/]+\.yaml$/);
    expect(back.value).toBe(yaml);

    const { signatories, problems } = parseSignatoryFile(back.value, "s.yaml");
    expect(problems.map((p) => p.format())).toEqual([]);
    expect(signatories).toHaveLength(1);
    const s = signatories[0]!;
    // Exactly the typed text, on one line: white space (newlines too) collapsed, nothing else changed.
    expect(s.name).toBe(name.normalize("NFC").replace(/[\u007f\u0085\u2028]/g, " ").replace(/\s+/g, " ").trim());
    expect(s).toMatchObject({ type: "individual", title: "Prof. #1 & co", affiliation: 'Université: "Test"', country: "BE", signed: "2024-05-01" });
    expect(s.url).toBe("https://example.org/a?b=1&c=#d");
    // No key but the ones the form writes, whatever the name tried to add.
    expect(Object.keys(parseYaml(back.value, "s.yaml").value as object).sort()).toEqual(["affiliation", "country", "name", "signed", "title", "type", "url"]);
  });

  it("writes every value double-quoted, one key per line, in a fixed order", () => {
    expect(signatoryYaml({ name: "  Jane   Doe ", affiliation: "Acme", type: "individual" })).toBe('name: "Jane Doe"\ntype: "individual"\naffiliation: "Acme"\n');
  });

  it("escapes characters YAML would read differently from JSON", () => {
    expect(yamlString("a\u2028b\u0085c\ufeff")).toBe('"a\\u2028b\\u0085c\\ufeff"');
    expect(parseYaml(`x: ${yamlString("a\u2028b\u0085c")}\n`, "t.yaml").value).toEqual({ x: "a\u2028b\u0085c" });
  });

  it("keeps the e-mail route's body the same YAML, percent-encoded (spaces as %20)", () => {
    const yaml = signatoryYaml({ name: "Tom & Jerry #1" });
    const link = mailtoUrl({ to: "sign@example.org", subject: "Signature: A letter", body: yaml });
    expect(link.startsWith("mailto:sign@example.org?subject=Signature%3A%20A%20letter&body=")).toBe(true);
    expect(link).not.toContain("+");
    expect(new URL(link).searchParams.get("body")).toBe(yaml);
    expect(() => mailtoUrl({ to: "x@example.org?cc=evil@example.org", subject: "", body: "" })).toThrow();
  });

  it("refuses to build a link to something that is not an https repository", () => {
    expect(() => newFileUrl({ repository: "javascript:alert(1)//x/y", branch: "main", path: "a", content: "" })).toThrow();
    expect(newFileUrl({ repository: `${REPO}/`, branch: "release/2024", path: "a b.yaml", content: "" })).toBe(
      `${REPO}/new/release/2024?filename=a%20b.yaml&value=`,
    );
  });

  it("only accepts http(s) web addresses for the signer's link", () => {
    expect(checkFields({ name: "A", url: "javascript:alert(1)" })).toEqual([{ field: "url", code: "url" }]);
    expect(checkFields({ name: "A", url: "mailto:a@example.org" })).toHaveLength(1);
    expect(checkFields({ name: "A", url: "data:text/html,hi" })).toHaveLength(1);
    expect(checkFields({ name: "A", url: "example.org" })).toEqual([]);
    expect(signatoryYaml({ name: "A", url: "javascript:alert(1)" })).toContain('url: "javascript:alert(1)"'); // quoted; the loader then refuses it
    expect(parseSignatoryFile(signatoryYaml({ name: "A", url: "javascript:alert(1)" }), "a.yaml").problems).toHaveLength(1);
  });

  it("takes the British spelling of a type and writes the one the files use", () => {
    expect(checkFields({ name: "A", type: "organisation" })).toEqual([]);
    expect(checkFields({ name: "A", type: "Organisation" })).toEqual([]);
    expect(signatoryYaml({ name: "ACME", type: "organisation" })).toContain('type: "organization"');
  });

  it("asks for a name, a known type and a two-letter country", () => {
    expect(checkFields({ name: " \n " }).map((p) => p.field)).toEqual(["name"]);
    expect(checkFields({ name: "A", type: "robot", country: "Belgium" }).map((p) => p.field)).toEqual(["type", "country"]);
  });
});

describe("what every signing route writes", () => {
  it("writes the version read as a whole number, after the date, and leaves out anything else", () => {
    expect(signatoryYaml({ name: "A", signed: "2024-05-01", version: 3 })).toBe('name: "A"\nsigned: "2024-05-01"\nversion: 3\n');
    for (const version of [0, -1, 1.5, Number.NaN]) expect(signatoryYaml({ name: "A", version })).toBe('name: "A"\n');
    expect(parseSignatoryFile(signatoryYaml({ name: "A", version: 3 }), "a.yaml").signatories[0]!.version).toBe(3);
  });

  it("refuses a signing date after tomorrow (UTC), and takes tomorrow, for signers ahead of UTC", () => {
    const today = "2024-12-31";
    expect(checkFields({ name: "A", signed: "2025-01-01" }, { today })).toEqual([]);
    expect(checkFields({ name: "A", signed: "2025-01-02" }, { today })).toEqual([{ field: "signed", code: "future" }]);
    expect(checkFields({ name: "A", signed: "31/12/2024" }, { today })).toEqual([{ field: "signed", code: "date" }]);
  });

  it("refuses every example of the template, in every language, in the form and in the loader", () => {
    for (const [lang, examples] of Object.entries(PLACEHOLDERS)) {
      for (const [field, value] of Object.entries(examples)) {
        const fields = { name: "A Name", [field]: ` ${value!.toUpperCase()} ` };
        expect(checkFields(fields), `${lang} ${field}`).toEqual([{ field, code: "placeholder" }]);
        const { problems } = parseSignatoryFile(signatoryYaml(fields), "s.yaml");
        expect(problems.map((p) => [p.line, p.message.startsWith(`"${field}" is still the sign page's example`)]), `${lang} ${field}`).toEqual([[field === "name" ? 1 : 2, true]]);
      }
    }
    // A real value that merely contains an example is a real value.
    expect(checkFields({ name: "Your Name Foundation", affiliation: "Your organisation of choice" })).toEqual([]);
    expect(isPlaceholder("Jane Doe")).toBe(false);
  });

  it("picks the template's examples by the page's language, English for any other", () => {
    expect(placeholdersFor("fr-BE").name).toBe(PLACEHOLDERS.fr!.name);
    expect(placeholdersFor("pt-BR").name).toBe("O seu nome");
    expect(placeholdersFor("zh-TW").title).toBe(PLACEHOLDERS["zh-Hant"]!.title);
    expect(placeholdersFor("zh").title).toBe(PLACEHOLDERS.zh!.title);
    expect(placeholdersFor("ta").name).toBe("Your Name");
  });
});

describe("file names from names", () => {
  it.each([
    ["Jane Doe", "jane-doe.yaml"],
    ["Émile  Durand", "emile-durand.yaml"],
    ["Ελένη Παπαδοπούλου", "eleni-papadopoyloy.yaml"],
    // No ASCII slug: a short id from the name, the same on every machine, in safe characters only.
    ["李小龍", "signatory-1iip6fp.yaml"],
    ["张伟", "signatory-03vr19c.yaml"],
    ["Tom & Jerry #1", "tom-and-jerry-1.yaml"],
    ["McDonald", "mcdonald.yaml"],
    ["../../etc/passwd", "etc-passwd.yaml"],
    ["???", "signatory-0yciw7o.yaml"],
    ["W".repeat(900), `${"w".repeat(60)}.yaml`],
    [`${"Jane Doe ".repeat(30)}`, "jane-doe-jane-doe-jane-doe-jane-doe-jane-doe-jane-doe-jane.yaml"],
  ])("%j is written to %s", (name, file) => {
    expect(signatoryFileName(name)).toBe(file);
  });

  it("never contain a path separator or a dot segment", () => {
    for (const name of hostileNames) expect(slugOf(name)).toMatch(/^[^/\\.]*$/);
  });
});
