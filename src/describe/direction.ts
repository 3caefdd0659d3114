// Which way a language reads, for pages and PDFs alike.
import { oncePerText } from "../common/once-per.ts";

const RTL_SCRIPTS = new Set(["Arab", "Hebr", "Thaa", "Syrc", "Nkoo", "Adlm", "Rohg"]);

/**
 * Writing direction of a language, from its likely script (Intl.Locale.maximize adds it). Pages and
 * PDFs both ask here, so a letter never reads right to left in one and left to right in the other.
 */
export const textDirection: (lang: string) => "ltr" | "rtl" = oncePerText((lang) => {
  try {
    const script = new Intl.Locale(lang).maximize().script;
    return script && RTL_SCRIPTS.has(script) ? "rtl" : "ltr";
  } catch {
    return "ltr";
  }
});
