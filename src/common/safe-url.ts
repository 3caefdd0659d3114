// Which links may reach a page. Its own module, free of zod, so the browser's sign form bundles the same
// rule the loader validates with.

export const SAFE_URL = /^(https?:\/\/|mailto:)/i;

/** http(s) and mailto only: signatory data comes from strangers, and `javascript:` must never reach a page. */
export function isSafeUrl(value: string): boolean {
  if (!SAFE_URL.test(value)) return false;
  try {
    const url = new URL(value);
    if (url.protocol === "mailto:") return url.pathname.includes("@");
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname.includes(".");
  } catch {
    return false;
  }
}

/** A bare domain such as `example.org/page`, which people often type for a web address. */
export const BARE_DOMAIN = /^(www\.)?[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)+(\/\S*)?$/u;

/** The web address a person meant: adds `https://` to a bare domain; undefined unless the result is safe http(s). */
export function webAddress(input: string): string | undefined {
  const value = input.trim();
  const withScheme = BARE_DOMAIN.test(value) ? `https://${value}` : value;
  return /^https?:\/\//i.test(withScheme) && isSafeUrl(withScheme) ? withScheme : undefined;
}
