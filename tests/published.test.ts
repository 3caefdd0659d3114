import { describe, expect, it } from "vitest";
import { publishedSignatory, type PublishingRules } from "../src/describe/published.ts";
import type { Signatory } from "../src/model/types.ts";
import { parseSignatoryFile } from "../src/load/signatories.ts";
import { page, signatory, siteConfig } from "./helpers/model.ts";

const linkAll = { linkIndividuals: true };
const publishedSignatories = (list: Signatory[], rules: PublishingRules) => list.map((s) => publishedSignatory(s, rules));

describe("what of a signatory is published", () => {
  it("leaves withdrawn signatures out of the page and its list", () => {
    const view = page({ signatories: [signatory({ name: "Stays" }), signatory({ name: "Gone", withdrawn: "2024-02-01" })] });
    expect(view.signatories.list.map((s) => s.name)).toEqual(["Stays"]);
    expect(JSON.stringify(view)).not.toContain("Gone");
  });

  it("never publishes a mailto: address, nor any link that is not http(s)", () => {
    const list = publishedSignatories([
      signatory({ name: "Mail", type: "organization", url: "mailto:someone@example.org" }),
      signatory({ name: "Script", type: "organization", url: "javascript:alert(1)" }),
      signatory({ name: "Web", type: "organization", url: "https://example.org/" }),
    ], linkAll);
    expect(list.map((s) => s.url)).toEqual([undefined, undefined, "https://example.org/"]);
    expect(JSON.stringify(list)).not.toContain("someone@example.org");
  });

  it("shows the name without its link when the signatory asks with hide_url", () => {
    const [hidden] = publishedSignatories([signatory({ name: "Shy", type: "individual", url: "https://shy.example.org", hide_url: true })], linkAll);
    expect(hidden).toEqual({ name: "Shy", type: "individual" });
  });

  it("links no individual, typed or not, when the site sets link_individuals: false, but keeps organisations linked", () => {
    const list = publishedSignatories([
      signatory({ name: "Person", type: "individual", url: "https://person.example.org" }),
      signatory({ name: "Untyped", url: "https://untyped.example.org" }),
      signatory({ name: "Org", type: "organization", url: "https://org.example.org" }),
    ], { linkIndividuals: false });
    expect(list.map((s) => [s.name, s.url])).toEqual([["Person", undefined], ["Untyped", undefined], ["Org", "https://org.example.org"]]);
  });

  it("keeps only public fields, in a fixed order, whatever order the file used", () => {
    const [s] = publishedSignatories([signatory({
      url: "https://x.example.org", signed: "2024-01-01", group: "G", country: "BE", affiliation: "Aff", title: "T", type: "individual",
      name: "N", reconfirmed: "2024-02-02", hide_url: false,
    })], linkAll);
    expect(Object.keys(JSON.parse(JSON.stringify(s)))).toEqual(["name", "type", "title", "affiliation", "country", "group", "signed", "url"]);
    expect(JSON.stringify(s)).not.toMatch(/source|test\.yaml|hide_url|withdrawn/);
  });

  it("is what the letter page shows and counts", () => {
    const view = page({
      signatories: [
        signatory({ name: "A", type: "individual", url: "https://a.example.org" }),
        signatory({ name: "B", withdrawn: "2024-01-01" }),
        signatory({ name: "C", type: "organization", url: "mailto:c@example.org" }),
      ],
    }, siteConfig({ linkIndividuals: false }));
    expect(view.signatories.count).toBe(2);
    expect(view.signatories.countText).toBe("2 signatories");
    const shown = view.signatories.groups.flatMap((g) => g.signatories);
    expect(shown.map(({ name, type, url }) => ({ name, type, url }))).toEqual([{ name: "A", type: "individual", url: undefined }, { name: "C", type: "organization", url: undefined }]);
    // The entry's file position is kept for warnings, but never in the published list.
    expect(shown[0]!.source).toBe("letters/x/signatories/test.yaml:1:1");
    expect(JSON.stringify(view.signatories.list)).not.toContain("test.yaml");
    expect(view.signatories.list.map((s) => s.name)).toEqual(["A", "C"]);
  });
});

describe("e-mail addresses in signatory text", () => {
  it("are refused by validation, with the field and how to fix it, because every field is published", () => {
    const { signatories, problems } = parseSignatoryFile("name: Jane Doe jane.doe@example.org\naffiliation: Mail me at x@y.example\n", "s.yaml");
    expect(signatories).toEqual([]);
    expect(problems.map((p) => p.format())).toEqual([
      expect.stringMatching(/^s\.yaml:1:7: error: .*name.* contains an e-mail address.*remove it/),
      expect.stringMatching(/^s\.yaml:2:14: error: .*affiliation.* contains an e-mail address/),
    ]);
  });

  it("do not catch ordinary names with an @ handle or initials", () => {
    const { problems } = parseSignatoryFile("name: \"@encryption collective\"\ntitle: Dr. J. R. R. Smith\n", "s.yaml");
    expect(problems).toEqual([]);
  });
});
