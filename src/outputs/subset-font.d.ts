// subset-font ships no types. https://github.com/papandreou/subset-font#readme
declare module "subset-font" {
  export default function subsetFont(
    font: Buffer | Uint8Array,
    text: string,
    options?: { targetFormat?: "sfnt" | "woff" | "woff2" | "truetype"; preserveNameIds?: number[] },
  ): Promise<Buffer>;
}
