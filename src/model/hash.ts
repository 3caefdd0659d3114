// SHA-256 as lowercase hex: content hashes for frozen versions, PDFs, cards and caches.
import { createHash } from "node:crypto";

/** The hash of the parts one after another, as if concatenated (no separator: add one where parts could run together). */
export function sha256(...parts: readonly (string | Uint8Array)[]): string {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(part);
  return hash.digest("hex");
}
