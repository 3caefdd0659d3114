// SHA-256 as lowercase hex: content hashes for frozen versions, PDFs and caches.
import { createHash } from "node:crypto";

export function sha256(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}
