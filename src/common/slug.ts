// The slug of a name: what a one-signatory file is called (`jane-doe.yaml`). Shared by `check`, `sign`
// and the browser's sign form, so all three agree on a file name.
import slugify from "@sindresorhus/slugify";

/**
 * `Émile Durand` → `emile-durand`, `Ελένη` → `eleni`. Scripts the transliteration table lacks (Chinese,
 * for one) keep their letters, lowercased, rather than becoming an empty name: `李小龍` → `李小龍`.
 */
export function slugOf(name: string): string {
  // decamelize off: "McDonald" is one word, not "mc-donald".
  const latin = slugify(name, { decamelize: false });
  if (latin) return latin;
  return name
    .normalize("NFC")
    .toLowerCase()
    .split(/[^\p{L}\p{M}\p{N}]+/u)
    .filter(Boolean)
    .join("-");
}

/** Whether `base` (a file name without extension) is the slug of `name`, allowing a `-2`, `-3`... suffix for namesakes. */
export function fileNameMatchesName(base: string, name: string): boolean {
  const slug = slugOf(name);
  if (!slug) return true; // nothing to compare with (a name of punctuation only)
  return base === slug || (base.startsWith(`${slug}-`) && /^\d+$/.test(base.slice(slug.length + 1)));
}
