// Typesetting independent PDFs in parallel: a bounded pool of worker threads, one task in flight per
// worker, as many workers as cores (never more than there are PDFs to typeset). A few PDFs, or one core,
// are typeset in this thread: starting a worker (fonts, compiler) costs about as much as typesetting
// ten small letters (measured: 11 PDFs took 5.0 s with two workers, 3.7 s without).
import { availableParallelism } from "node:os";
import type { Worker } from "node:worker_threads";
import { typeScriptWorker } from "../../model/threads.ts";
import { compilePdf, pointFontconfigAtNothing, TypstError, type Compiled } from "../typst/compile.ts";

interface Task {
  source: string;
  inputs: Record<string, string>;
  resolve(compiled: Compiled): void;
  reject(error: Error): void;
}

export type Compile = (source: string, inputs: Record<string, string>) => Promise<Compiled>;

/** Fewer PDFs than this waiting at once are typeset in this thread, unless they are long (below). */
export const MIN_PDFS_FOR_WORKERS = 16;

/**
 * Characters of letter data (JSON) waiting at once above which even two PDFs go to workers: about
 * 5,000 signatories, half a second of typesetting, more than starting a worker costs. Two 100,000-name
 * PDFs (a letter and its released version) then take the time of one.
 */
export const MIN_WORK_FOR_WORKERS = 1_000_000;

/**
 * Worker threads wanted for `tasks` PDFs, at most `max` (BuildOptions.pdfWorkers; 0 or 1: none). In the
 * `background`, while this thread has other work (the build renders the pages meanwhile), one PDF may
 * have a worker of its own.
 */
export function workerCount(tasks: number, max = availableParallelism(), background = false): number {
  if (max <= 1) return 0;
  const wanted = Math.min(max, tasks);
  return wanted > 1 || (background && wanted === 1) ? wanted : 0;
}

/**
 * Whether `count` PDFs waiting at once, with `work` characters of data in all, are worth starting workers.
 * A single long one is, in the `background` only: otherwise this thread would wait for it anyway.
 */
export function worthWorkers(count: number, work: number, background = false): boolean {
  return count >= MIN_PDFS_FOR_WORKERS || ((count > 1 || background) && count > 0 && work >= MIN_WORK_FOR_WORKERS);
}

export class CompilePool {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly queue: Task[] = [];
  private restoreFontconfig: (() => void) | undefined;

  constructor(private readonly size: number, private readonly background = false) {}

  readonly compile: Compile = (source, inputs) => {
    if (this.size === 0) return Promise.resolve().then(() => compilePdf(source, inputs));
    return new Promise((resolve, reject) => {
      this.queue.push({ source, inputs, resolve, reject });
      this.schedule();
    });
  };

  private scheduled = false;

  /** Decides after the current cache look-ups have queued their misses, not at the first one. */
  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      const work = this.queue.reduce((sum, task) => sum + (task.inputs.data?.length ?? 0), 0);
      if (this.workers.length === 0 && !worthWorkers(this.queue.length, work, this.background)) this.drainHere();
      else this.pump();
    });
  }

  private drainHere(): void {
    for (let task = this.queue.shift(); task; task = this.queue.shift()) {
      try {
        task.resolve(compilePdf(task.source, task.inputs));
      } catch (error) {
        task.reject(error as Error);
      }
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
    this.restoreFontconfig?.();
  }

  private pump(): void {
    while (this.queue.length) {
      const worker = this.idle.pop() ?? (this.workers.length < this.size ? this.spawn() : undefined);
      if (!worker) return;
      this.run(worker, this.queue.shift()!);
    }
  }

  private spawn(): Worker {
    // Set in this thread, where the environment is the process's: workers' compilers see no system font.
    this.restoreFontconfig ??= pointFontconfigAtNothing();
    const worker = typeScriptWorker(new URL("./worker.ts", import.meta.url));
    this.workers.push(worker);
    return worker;
  }

  private run(worker: Worker, task: Task): void {
    const onError = (error: Error) => {
      worker.off("message", onMessage);
      task.reject(error);
    };
    const onMessage = (m: { bytes?: Uint8Array; pages?: number; warnings?: string[]; error?: string; typst?: boolean }) => {
      worker.off("error", onError);
      if (m.error !== undefined) task.reject(m.typst ? new TypstError(m.error) : new Error(m.error));
      else task.resolve({ bytes: m.bytes!, pages: m.pages!, warnings: m.warnings! });
      this.idle.push(worker);
      this.pump();
    };
    worker.once("message", onMessage);
    worker.once("error", onError);
    worker.postMessage({ source: task.source, inputs: task.inputs });
  }
}
