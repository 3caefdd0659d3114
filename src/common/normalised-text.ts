// One normaliser for "the same text": what a reader pastes from an e-mail or a PDF never matches the
// published file byte for byte (other line endings, decomposed accents, wrapped lines, doubled spaces).
// versions.json publishes the SHA-256 of each canonical text after this normalisation (textHash), and
// the verify page's script hashes pasted text the same way, so both sides must share this one function.
// No Node built-ins: it is bundled into the browser script too.

/**
 * The text as compared: Unicode NFC (composed accents), CRLF and CR as LF, then every run of white space
 * (line breaks, tabs, no-break spaces: JavaScript's \s) as one space, trimmed at both ends.
 */
export function normaliseText(text: string): string {
  return text
    .normalize("NFC")
    .replace(/\r\n?/g, "\n")
    .replace(/\s+/g, " ")
    .trim();
}
