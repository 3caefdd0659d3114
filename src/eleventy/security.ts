// Eleventy plugin: privacy and security headers. Writes _headers for hosts that read it and gives the
// layout the same Content-Security-Policy for a <meta> tag, for hosts that cannot set headers.
import { HEADERS_PATH } from "../outputs/data/files.ts";
import { contentSecurityPolicy, headersFile } from "../outputs/data/security.ts";
import type { SiteConfig } from "../model/types.ts";
import type { LetterOutline } from "../build/reuse.ts";
import { addGeneratedFile, type GeneratedFilesConfig } from "./generated.ts";

interface SecurityConfig extends GeneratedFilesConfig {
  addFilter(name: string, filter: (...args: never[]) => unknown): void;
}

export default function securityPlugin(eleventyConfig: SecurityConfig): void {
  addGeneratedFile(eleventyConfig, "headers", {
    permalink: () => HEADERS_PATH,
    // Every page of every letter, reused ones included (their outlines), for the framing rules.
    generate: (data) => headersFile(data.site as SiteConfig, [
      ...((data.outlines ?? []) as LetterOutline[]).flatMap((o) => o.urls),
      ...((data.privacyPages ?? []) as { url: string }[]).map((p) => p.url),
    ]),
  });
  // For the layout: `site | contentSecurityPolicy`, the policy as a <meta> tag may carry it.
  eleventyConfig.addFilter("contentSecurityPolicy", (site: SiteConfig) => contentSecurityPolicy(site, { forMeta: true }));
}
