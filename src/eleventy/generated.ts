// Generated files: a template type for files that src/ produces whole (XML, JSON, CSV, PNG), so Eleventy
// only writes them, under the path prefix and into the same atomic build as the pages. A custom template
// type, unlike an 11ty.js template, passes a Buffer through untouched, which binary files need.
// https://www.11ty.dev/docs/languages/custom/

const EXTENSION = "generated";
const registered = new WeakSet<object>();

type Data = Record<string, unknown>;

export interface GeneratedFile {
  /** Site-relative output path, or false to write nothing (e.g. a feed when the site has no URL). */
  permalink: (data: Data) => string | false;
  /** Set to write one file per item of a global data list, e.g. per letter. */
  pagination?: { data: string; alias: string };
  generate: (data: Data) => string | Buffer | Promise<string | Buffer>;
}

export interface GeneratedFilesConfig {
  addExtension(name: string, options: Record<string, unknown>): void;
  addTemplateFormats(name: string): void;
  addTemplate(path: string, content: string, data: Data): void;
}

export function addGeneratedFile(eleventyConfig: GeneratedFilesConfig, name: string, file: GeneratedFile): void {
  if (!registered.has(eleventyConfig)) {
    registered.add(eleventyConfig);
    eleventyConfig.addExtension(EXTENSION, {
      outputFileExtension: "txt",
      useLayouts: false,
      read: false,
      compile: () => (data: Data) => (data.generate as GeneratedFile["generate"])(data),
    });
    eleventyConfig.addTemplateFormats(EXTENSION);
  }
  eleventyConfig.addTemplate(`generated/${name}.${EXTENSION}`, "", {
    permalink: file.permalink,
    ...(file.pagination ? { pagination: { ...file.pagination, size: 1, addAllPagesToCollections: false } } : {}),
    eleventyExcludeFromCollections: true,
    generate: file.generate,
  });
}
