import { beforeAll, describe, expect, it } from "vitest";
import { readReference, type ReferenceLetter } from "./helpers/reference.ts";
import { buildFixture, fixture, readPage, text } from "./helpers/site.ts";
import { loadSite } from "../src/load/site.ts";

describe("the reference letter (Belgium, 29 September 2021)", () => {
  let reference: ReferenceLetter;
  let page: Document;
  let site: string;
  beforeAll(async () => {
    reference = readReference();
    // A copy of the sample letter the project ships in letters/, which a site that uses it deletes.
    site = await buildFixture("reference");
    page = await readPage(site, "belgium-e2ee/index.html");
  });

  it("parses the reference the way we expect (sanity check of the test's reader)", () => {
    expect(reference.paragraphs).toHaveLength(6);
    expect(reference.footnoteUrls).toHaveLength(5);
    expect(reference.signatories).toHaveLength(49);
  });

  it("shows the date, the three addressees, the title and the salutation", () => {
    expect(text(page.querySelector(".letter-date"))).toBe(reference.date);
    expect([...page.querySelectorAll(".addressees li")].map(text)).toEqual(reference.addressees);
    expect(text(page.querySelector("h1"))).toBe(reference.title);
    expect(text(page.querySelector(".salutation"))).toBe(reference.salutation);
  });

  it("holds every paragraph word for word, with the italic title of the draft law", () => {
    const paragraphs = [...page.querySelectorAll(".letter-body > p")].map((p) => {
      const copy = p.cloneNode(true) as Element; // other tests read the footnote marks
      for (const sup of copy.querySelectorAll("sup")) sup.remove();
      return text(copy);
    });
    expect(paragraphs).toEqual(reference.paragraphs);
    expect(text(page.querySelector(".letter-body em"))).toMatch(/^Draft law on the collection and storage .* by the authorities$/);
  });

  it("cites the five footnotes at the right places with their URLs", () => {
    const refs = [...page.querySelectorAll(".letter-body sup.footnote-ref a")];
    expect(refs.map((a) => a.textContent)).toEqual(["1", "2", "3", "4", "5"]);
    const urls = refs.map((a) => page.getElementById(a.getAttribute("href")!.slice(1))!.querySelector("a[href^='http']")!.getAttribute("href"));
    expect(urls).toEqual(reference.footnoteUrls);
    // Footnote 1 follows "by the authorities", footnote 4 follows "puts all its users at risk."
    expect(refs[0]!.closest("p")!.innerHTML).toMatch(/authorities<\/em>,<sup class="footnote-ref"><a href="#fn-belgium-e2ee-1"/);
    expect(refs[3]!.closest("p")!.innerHTML).toMatch(/at risk\.<sup class="footnote-ref"><a href="#fn-belgium-e2ee-4"/);
  });

  it("lists all 49 signatories in the reference's order, each as name, role and affiliation", () => {
    const entries = [...page.querySelectorAll(".signatory")].map(text);
    expect(entries).toEqual(reference.signatories);
    expect(text(page.querySelector(".signatories h2"))).toBe("Signatories*");
    expect(text(page.querySelector(".signatory-note"))).toBe(reference.note);
  });

  it("keeps each individual's name, role and affiliation in their own fields", async () => {
    const { site } = await loadSite(fixture("reference"));
    const bart = site!.letters[0]!.signatories.find((s) => s.name === "Bart Preneel");
    expect(bart).toMatchObject({ type: "individual", title: "Prod. dr. ir.", affiliation: "University of Leuven" });
  });

  it("is published as version 1, released on 29 September 2021 with all 49 signatories, at a permanent URL", async () => {
    const v1 = await readPage(site, "belgium-e2ee/v1/index.html");
    expect([...v1.querySelectorAll(".signatory")].map(text)).toEqual(reference.signatories);
    expect(v1.querySelector(".letter-version time")!.getAttribute("datetime")).toBe("2021-09-29");
    expect(v1.querySelector(".banner")).toBeNull(); // version 1 is the current version
    expect(page.querySelector(".letter-version a[href='/belgium-e2ee/v1/']")).not.toBeNull();
  });
});
