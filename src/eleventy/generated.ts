// Generated files: a template type for files that src/ produces whole (XML, JSON, CSV, PNG), so Eleventy
// only writes them, under the path prefix and into the same atomic build as the pages. A custom template
// type, unlike an 11ty.js template, passes a Buffer through untouched, which binary files need.
// https://www.11ty.dev/docs/languages/custom/

const EXTENSION = "generated";
const registered = new WeakSet<object>();

type Data = Record<string, unknown>;

export interface GeneratedFile {
  /**
   * Site-relative output path, or false to write nothing (e.g. a feed when the site has no URL). Only for
   * files without pagination: Eleventy 3.1 writes none of a paginated template's pages once one returns
   * false, so paginated files leave items out with `pagination.filter` instead.
   */
  permalink: (data: Data) => string | false;
  /** Set to write one file per item of a global data list, e.g. per letter page; `filter` picks the items. */
  pagination?: { data: string; alias: string; filter?: (item: never) => boolean };
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
    ...(file.pagination ? { pagination: paginate(file.pagination) } : {}),
    eleventyExcludeFromCollections: true,
    generate: file.generate,
  });
}

function paginate({ data, alias, filter }: NonNullable<GeneratedFile["pagination"]>): Data {
  // `before` runs on the list before it is split into pages: https://www.11ty.dev/docs/pagination/#the-before-callback
  const before = filter ? (items: never[]) => items.filter(filter) : undefined;
  return { data, alias, size: 1, addAllPagesToCollections: false, ...(before ? { before } : {}) };
}
