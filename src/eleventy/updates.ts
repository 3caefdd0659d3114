// Eleventy plugin: the files attached to a letter's updates (a scanned reply, a photo of the delivery),
// copied byte for byte to /<slug>/updates/<name>; the updates themselves are on the letter page.
import { readFile } from "node:fs/promises";
import type { SiteData } from "../view/pages.ts";
import { addGeneratedFile, type GeneratedFilesConfig } from "./generated.ts";

type Attachment = SiteData["attachments"][number];

export default function updatesPlugin(eleventyConfig: GeneratedFilesConfig): void {
  addGeneratedFile(eleventyConfig, "attachment", {
    pagination: { data: "attachments", alias: "attachment" },
    permalink: (data) => (data.attachment as Attachment).url,
    generate: (data) => readFile((data.attachment as Attachment).path),
  });
}
