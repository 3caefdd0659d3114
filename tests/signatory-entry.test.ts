// A signatory's list item, as the letter page and the list pages print it (src/outputs/signatory-entry.ts).
import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { signatoryEntriesHtml, signatoryEntryHtml } from "../src/outputs/signatory-entry.ts";
import type { SignatoryLine } from "../src/describe/letter-document.ts";

const parse = (html: string) => (parseHTML(`<!doctype html><html><body><ol>${html}</ol></body></html>`).document as unknown as Document).querySelector("ol")!;
const base: SignatoryLine = { id: "s1", name: "Ada Lovelace", source: "letters/x/signatories/ada.yaml:1:1" };

describe("a signatory's list entry", () => {
  it("shows the name alone, isolated, when that is all there is", () => {
    const ol = parse(signatoryEntryHtml(base));
    const li = ol.querySelector("li")!;
    expect(li.className).toBe("signatory");
    expect(li.id).toBe("");
    expect(li.querySelector("bdi.signatory-name")?.textContent).toBe("Ada Lovelace");
    expect(li.querySelectorAll("a, span")).toHaveLength(0);
  });

  it("links the name, marks type and featured, and keeps the parts in reading order with pauses between", () => {
    const li = parse(signatoryEntryHtml({
      ...base, type: "organization", anchor: "s42", url: "https://example.org/?a=1&b=2",
      featured: { text: "Initiator" }, role: "Director, Example Lab",
      account: { login: "ada", url: "https://github.com/ada", text: "signed from @ada" },
      signedVersion: { version: 1, text: "signed version 1", url: "/x/v1/" },
    })).querySelector("li")!;
    expect(li.className).toBe("signatory signatory-organization signatory-featured");
    expect(li.id).toBe("s42");
    const name = li.querySelector("a.signatory-name")!;
    expect(name.getAttribute("href")).toBe("https://example.org/?a=1&b=2");
    expect(name.getAttribute("rel")).toBe("nofollow ugc noopener");
    expect(name.querySelector("bdi")?.textContent).toBe("Ada Lovelace");
    expect([...li.children].map((c) => c.className)).toEqual(["signatory-name", "featured-label", "signatory-role", "signatory-account", "signed-version"]);
    expect(li.textContent?.trim()).toBe("Ada Lovelace, Initiator, Director, Example Lab, signed from @ada, signed version 1");
    expect(li.querySelector(".signatory-role bdi")?.textContent).toBe("Director, Example Lab");
    expect(li.querySelector(".signatory-account a")?.getAttribute("rel")).toBe("nofollow ugc noopener");
    expect(li.querySelector(".signed-version a")?.getAttribute("href")).toBe("/x/v1/");
    expect(li.querySelectorAll(".visually-hidden")).toHaveLength(4);
  });

  it("prints markup in any field as text, and cannot break out of an attribute", () => {
    const hostile = `"><script>alert(1)</script><img src=x onerror='alert(2)'> & co`;
    const html = signatoryEntryHtml({
      ...base, name: hostile, role: hostile, type: `x" onclick="alert(3)`, anchor: `a" onfocus="alert(4)`,
      url: `https://example.org/"><script>alert(5)</script>`, featured: { text: hostile },
      account: { login: "x", url: `https://github.com/x'"><b>`, text: hostile },
    });
    const li = parse(html).querySelector("li")!;
    expect(li.ownerDocument.querySelectorAll("script, img, b")).toHaveLength(0);
    expect(li.getAttribute("onclick")).toBeNull();
    expect(li.getAttribute("onfocus")).toBeNull();
    expect(li.className).toBe(`signatory signatory-x" onclick="alert(3) signatory-featured`);
    expect(li.id).toBe(`a" onfocus="alert(4)`);
    expect(li.querySelector(".signatory-name bdi")?.textContent).toBe(hostile);
    expect(li.querySelector(".signatory-name")?.getAttribute("href")).toBe(`https://example.org/"><script>alert(5)</script>`);
    expect(li.querySelector(".signatory-account a")?.getAttribute("href")).toBe(`https://github.com/x'"><b>`);
    expect(html).not.toMatch(/<script|<img|<b>/);
  });

  it("puts a group's entries one per line, in order", () => {
    const html = signatoryEntriesHtml([base, { ...base, id: "s2", name: "Grace Hopper" }]);
    expect(html.split("\n").filter((line) => line.startsWith("<li"))).toHaveLength(2);
    expect([...parse(html).querySelectorAll("li")].map((li) => li.textContent?.trim())).toEqual(["Ada Lovelace", "Grace Hopper"]);
    expect(signatoryEntriesHtml([])).toBe("");
  });
});
