// Eleventy plugin: the browser scripts from src/browser/, bundled with esbuild into assets/ after each
// build. Pages load them with <script type="module" src>, never inline.
import { bundleBrowserScripts } from "../build/bundle.ts";
import { writeFiles } from "../build/write-output.ts";

interface EleventyConfigLike {
  on(event: string, callback: (...args: never[]) => unknown): void;
}

export default function scriptsPlugin(eleventyConfig: EleventyConfigLike): void {
  eleventyConfig.on("eleventy.after", async ({ directories }: { directories: { output: string } }) => {
    await writeFiles(directories.output, await bundleBrowserScripts());
  });
}
