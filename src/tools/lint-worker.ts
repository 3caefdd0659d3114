// The lint of a large site in a worker thread (lint-thread.ts starts it): the loader and the build's
// checks keep the main thread busy meanwhile, and a machine has a second core.
import { parentPort, workerData } from "node:worker_threads";
import { lintSite } from "./lint.ts";
import { sentProblem } from "./lint-thread.ts";

const { root, cache } = workerData as { root: string; cache: boolean };
try {
  const { problems, fixes } = await lintSite(root, { cache });
  parentPort!.postMessage({ problems: problems.map(sentProblem), fixes });
} catch (error) {
  parentPort!.postMessage({ failed: (error as Error).message });
}
