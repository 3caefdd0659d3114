// The sign form's script is bundled with the other browser scripts (src/build/bundle.ts, written by
// scripts.ts); this name stays for the tests that compare the built /assets/sign.js with a fresh bundle.
export { bundleSignScript } from "../build/bundle.ts";
