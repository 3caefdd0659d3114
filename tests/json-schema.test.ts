import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { jsonSchemas } from "../src/outputs/json-schema.ts";
import { parseYaml } from "../src/load/yaml.ts";
import { buildFixture, fixture, PROJECT } from "./helpers/site.ts";

const committed = (file: string) => readFile(join(PROJECT, "schemas", file), "utf8");

describe("JSON Schemas", () => {
  it("committed in schemas/ are exactly what npm run schemas generates (run it after changing src/model/schema.ts)", async () => {
    const generated = jsonSchemas();
    expect((await readdir(join(PROJECT, "schemas"))).sort()).toEqual(generated.map((s) => s.file).sort());
    for (const { file, text } of generated) expect(await committed(file), file).toBe(text);
  });

  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
  const validator = async (file: string) => ajv.compile(JSON.parse(await committed(file)));
  const yaml = (text: string) => parseYaml(text, "t.yaml").value;

  it("accept the project's own site.yaml and signatories, and reject what the loader rejects", async () => {
    const signatory = await validator("signatory.schema.json");
    const site = await validator("site.schema.json");
    expect(site(yaml(await readFile(join(PROJECT, "letters/site.yaml"), "utf8")))).toBe(true);
    expect(signatory(yaml(await readFile(fixture("reference/letters/belgium-e2ee/signatories/original.yaml"), "utf8")))).toBe(true);
    expect(signatory(yaml("name: Jane\ncountry: BE\nurl: https://example.org\n"))).toBe(true);
    for (const bad of ["affilation: X\nname: Jane\n", "name: Jane\nurl: example.org\n", "name: '  '\n", "name: Jane\ncountry: be\n", "[]", "name: Jane\ntype: person\n"]) {
      expect(signatory(yaml(bad)), bad).toBe(false);
    }
  });

  it("describe front matter fields, so the README's example validates", async () => {
    const frontMatter = await validator("front-matter.schema.json");
    expect(frontMatter(yaml("title: T\ndate: 2021-09-29\nstatus: open\nsignatories:\n  order: alphabetical\n"))).toBe(true);
    expect(frontMatter(yaml("title: T\ndate: 2021-09-29\nstatus: published\n"))).toBe(false);
  });

  it("complete and check the keys of letters/i18n/<lang>.yaml, as the loader does", async () => {
    const interfaceText = await validator("interface-text.schema.json");
    expect(interfaceText(yaml(await readFile(fixture("interface-text/letters/i18n/de.yaml"), "utf8")))).toBe(true);
    expect(interfaceText(yaml("signHeding: Signez\n"))).toBe(false);
    expect(interfaceText(yaml("signHeading: 42\n"))).toBe(false);
  });

  it("check moderation.yaml and reviewed.yaml as the check does: the project's list, held_ok: lines with the name reviewed", async () => {
    const moderation = await validator("moderation.schema.json");
    const reviewed = await validator("reviewed.schema.json");
    expect(moderation(yaml(await readFile(join(PROJECT, "letters/moderation.yaml"), "utf8")))).toBe(true);
    for (const bad of ["word:\n  - test\n", "names: Elon Musk\n", "names:\n  - 42\n", "words:\n  - '  '\n"]) expect(moderation(yaml(bad)), bad).toBe(false);
    expect(reviewed(yaml(await readFile(fixture("moderation/letters/pledge/reviewed.yaml"), "utf8")))).toBe(true);
    expect(reviewed(yaml(await readFile(fixture("reviewed/letters/pledge/reviewed.yaml"), "utf8")))).toBe(true);
    for (const bad of ["held_ok:\n  - jane-doe.yaml\n", "held_ok:\n  - ../x.yaml#X\n", "heldok:\n  - a.yaml#A\n"]) expect(reviewed(yaml(bad)), bad).toBe(false);
  });

  it("point editors at the schema from the project's YAML files", async () => {
    expect(await readFile(join(PROJECT, "letters/site.yaml"), "utf8")).toMatch(/^# yaml-language-server: \$schema=\.\.\/schemas\/site\.schema\.json\n/);
    expect(await readFile(join(PROJECT, "letters/moderation.yaml"), "utf8")).toMatch(/^# yaml-language-server: \$schema=\.\.\/schemas\/moderation\.schema\.json\n/);
    const settings = JSON.parse(await readFile(join(PROJECT, ".vscode/settings.json"), "utf8"))["yaml.schemas"];
    expect(settings["./schemas/moderation.schema.json"]).toEqual(["letters/moderation.yaml", "letters/*/moderation.yaml"]);
    expect(settings["./schemas/reviewed.schema.json"]).toBe("letters/*/reviewed.yaml");
    // Every signatory file the project ships (the sample letter's, until a site deletes it).
    const letters = (await readdir(join(PROJECT, "letters"), { withFileTypes: true })).filter((e) => e.isDirectory());
    const files = (await Promise.all(letters.map(async (l) => (await readdir(join(PROJECT, "letters", l.name, "signatories")).catch(() => []))
      .filter((f) => f.endsWith(".yaml")).map((f) => `letters/${l.name}/signatories/${f}`)))).flat();
    for (const file of files) {
      expect(await readFile(join(PROJECT, file), "utf8"), file).toMatch(/^# yaml-language-server: \$schema=\.\.\/\.\.\/\.\.\/schemas\/signatory\.schema\.json\n/);
    }
  });

  it("are published with the site under /schemas/", async () => {
    const site = await buildFixture("basic");
    for (const { file, text } of jsonSchemas()) expect(await readFile(join(site, "schemas", file), "utf8")).toBe(text);
  });
});
