// The preview's Eleventy server (npm start; scripts/start.ts runs it in a child process): Eleventy in
// serve mode through its programmatic API rather than its command line, so that
// - it serves on exactly the port it was given, never the next free one (start.ts checked it is free);
// - it reports the address it serves (start.ts prints it, once);
// - its log does not name the preview's trigger file (letters-watcher.ts logs the user's files instead).
import Eleventy from "@11ty/eleventy";
import { TRIGGER_DIR } from "./letters-watcher.ts";

export interface PreviewServerOptions {
  port: number;
  /** Output folder of the pages (Eleventy's --output). */
  output?: string;
  /** Called with the address once the server listens. */
  onReady(url: string): void;
}

interface EleventyInternals {
  logger: { forceLog(message: string): void };
  init(): Promise<void>;
  watch(): Promise<unknown>;
  serve(port: number): Promise<void>;
  stopWatch(): Promise<void>;
}

/** Builds, watches and serves the site from the Eleventy configuration in the working directory. */
export async function servePreview({ port, output, onReady }: PreviewServerOptions): Promise<{ stop(): Promise<void> }> {
  const eleventy = new Eleventy(undefined, output, {
    configPath: ".eleventy.ts",
    runMode: "serve",
    quietMode: true,
    config(eleventyConfig: { setServerOptions(options: object): void }) {
      // https://www.11ty.dev/docs/dev-server/#options
      eleventyConfig.setServerOptions({
        port,
        // The dev server would move to 8081 when 8080 is taken, and the user would read another
        // server's pages at the address they know. start.ts refuses a busy port instead.
        portReassignmentRetryCount: 0,
        messageOnStart({ localhostUrl }: { localhostUrl: string }) {
          onReady(localhostUrl);
          return false; // start.ts says it, with how to choose another port
        },
      });
    },
  }) as unknown as EleventyInternals;
  // Eleventy logs each change to a watched file with forceLog, which quiet mode does not silence.
  const forceLog = eleventy.logger.forceLog.bind(eleventy.logger);
  eleventy.logger.forceLog = (message: string) => {
    if (!String(message).includes(TRIGGER_DIR)) forceLog(message);
  };
  await eleventy.init();
  await eleventy.watch();
  await eleventy.serve(port);
  return { stop: () => eleventy.stopWatch() };
}
