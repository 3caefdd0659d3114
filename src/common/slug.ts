// The slug of a name: what a one-signatory file is called (`jane-doe.yaml`). Shared by `check`, `sign`
// and the browser's sign form, so all three agree on a file name.
import slugify from "@sindresorhus/slugify";

/**
 * `Émile Durand` → `emile-durand`, `Ελένη` → `eleni`. Scripts the transliteration table lacks (Chinese,
 * for one) keep their letters, lowercased, rather than becoming an empty name: `李小龍` → `李小龍`.
 */
export function slugOf(name: string): string {
  const latin = asciiSlug(name);
  if (latin) return latin;
  return name
    .normalize("NFC")
    .toLowerCase()
    .split(/[^\p{L}\p{M}\p{N}]+/u)
    .filter(Boolean)
    .join("-");
}

// decamelize off: "McDonald" is one word, not "mc-donald".
const asciiSlug = (name: string) => slugify(name, { decamelize: false });

/**
 * What a new signatory file may be called: ASCII lower-case letters, digits and single hyphens, then
 * `.yaml`. Such a name means the same on every file system (no case to fold, no Unicode form to
 * normalise), needs no quoting in a shell or a URL, and cannot hide in a message or a record: `#jane`,
 * a line break, a space, a capital or `é` can.
 */
export const SAFE_SIGNATORY_FILE = /^[a-z0-9]+(?:-[a-z0-9]+)*\.yaml$/;

/** Longest stem a name gives (a 1,000-character name must still make a file name, at most 255 bytes). */
const MAX_STEM = 60;

/**
 * The stem of a new signatory file for `name`: its ASCII slug (`Émile Durand` → `emile-durand`), cut at
 * a word to 60 characters; a name that slugifies to nothing (`张伟`, `김민준`) gets a short id from its
 * letters instead, `signatory-<7 letters or digits>`, the same for the same name on every machine.
 */
export function fileStemOf(name: string): string {
  const slug = asciiSlug(name);
  if (!slug) return `signatory-${shortHash(name.normalize("NFC").trim())}`;
  if (slug.length <= MAX_STEM) return slug;
  const cut = slug.slice(0, MAX_STEM + 1);
  return (cut.includes("-") ? cut.slice(0, cut.lastIndexOf("-")) : cut.slice(0, MAX_STEM)).replace(/-+$/, "");
}

/** FNV-1a, 32 bits, in base 36: short, stable, and free of Node's crypto (this module runs in the browser). */
function shortHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36).padStart(7, "0");
}

/**
 * Whether `base` (a file name without extension) is named after `name`, allowing a `-2`, `-3`... suffix for
 * namesakes. A name with no ASCII slug (`张伟`) can be any safe name: `zhang-wei`, or the short id.
 */
export function fileNameMatchesName(base: string, name: string): boolean {
  const slug = asciiSlug(name) ? fileStemOf(name) : "";
  if (!slug) return SAFE_SIGNATORY_FILE.test(`${base}.yaml`);
  return base === slug || (base.startsWith(`${slug}-`) && /^\d+$/.test(base.slice(slug.length + 1)));
}
