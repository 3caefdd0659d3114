// A worker thread that typesets PDFs for the pool (pool.ts): one compiler per thread, one task at a time.
import { parentPort } from "node:worker_threads";
import { compilePdf, TypstError } from "../typst/compile.ts";

parentPort!.on("message", ({ source, inputs }: { source: string; inputs: Record<string, string> }) => {
  try {
    const { bytes, pages, warnings } = compilePdf(source, inputs);
    const copy = bytes.slice(); // an owned buffer, transferred without copying again
    parentPort!.postMessage({ bytes: copy, pages, warnings }, [copy.buffer]);
  } catch (error) {
    parentPort!.postMessage({ error: (error as Error).message, typst: error instanceof TypstError });
  }
});
