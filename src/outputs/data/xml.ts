// Escaping for XML text and attribute values (Atom, sitemaps). Signatory and letter text comes from
// strangers: besides the five markup characters, characters that XML 1.0 forbids outright (control
// characters, lone surrogates, U+FFFE/U+FFFF) would make the whole feed unreadable, so they are dropped.
// https://www.w3.org/TR/xml/#charsets

const FORBIDDEN = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

export function escapeXml(value: string): string {
  return value.replace(FORBIDDEN, "").replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}
