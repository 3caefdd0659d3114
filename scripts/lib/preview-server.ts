// The child process of npm start (scripts/start.ts): serves the preview (src/eleventy/preview-server.ts),
// reports its address over the IPC channel, and stops when start.ts stops or dies (the channel closes),
// instead of serving on unattended.
// Usage: node --import tsx scripts/lib/preview-server.ts --port N --output DIR (root: OPEN_LETTERS_ROOT)
import { parseArgs } from "node:util";
import { servePreview } from "../../src/eleventy/preview-server.ts";

const { values } = parseArgs({ options: { port: { type: "string" }, output: { type: "string" } } });

let server: { stop(): Promise<void> } | undefined;
let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  // Closing the watcher and the server normally takes milliseconds; never hang on it.
  setTimeout(() => process.exit(0), 2000).unref();
  await server?.stop();
  process.exit(0);
}
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => void stop());
process.on("disconnect", () => void stop());

server = await servePreview({
  port: Number(values.port),
  output: values.output,
  onReady: (url) => process.send?.({ type: "ready", url }),
});
if (stopping) await server.stop();
