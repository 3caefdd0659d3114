// Debian's Chromium driven by playwright-core: npm cannot download a browser here, so we point Playwright at
// /usr/bin/chromium (CHROMIUM_PATH overrides). The flags keep Chromium from phoning home, which would both
// fail on a closed network and show up as third-party requests.
import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`No Chromium at ${CHROMIUM}. Install it with "apt-get install -y chromium", or set CHROMIUM_PATH.`);
  }
  // Playwright gives every launch a fresh, empty user-data-dir of its own.
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}
