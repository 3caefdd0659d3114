// Worker threads running a TypeScript module of the pipeline. Workers do not inherit tsx's loader, so
// a small module registers it first, then imports the worker's own module.
import { Worker } from "node:worker_threads";

/** A worker thread running `module` (a .ts file URL), given `workerData`. */
export function typeScriptWorker(module: URL, workerData?: unknown): Worker {
  const boot = `import { register } from ${JSON.stringify(import.meta.resolve("tsx/esm/api"))}; register(); await import(${JSON.stringify(module.href)});`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(boot)}`), { workerData });
}
