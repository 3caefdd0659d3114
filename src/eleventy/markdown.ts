// Eleventy plugin: Markdown templates use the project's one markdown-it instance.
import { markdown } from "../render/markdown.ts";

export default function markdownPlugin(eleventyConfig: { setLibrary(name: string, library: unknown): void }): void {
  eleventyConfig.setLibrary("md", markdown);
}
