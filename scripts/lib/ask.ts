// Questions in a terminal for the interactive CLIs (new-letter, sign): each answer is checked as soon as
// it is typed, and asked again with the reason, so a mistake in the third answer is never found only
// after the tenth.
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import { UsageError } from "./cli.ts";

export interface Question {
  prompt: string;
  /** Taken for an empty answer, and shown in brackets. */
  fallback?: string;
  /** Why the answer (after the fallback) cannot be taken, or undefined when it can. */
  check?: (answer: string) => string | undefined;
}

export interface Asker {
  ask(question: Question): Promise<string>;
  close(): void;
}

export function asker(input: Readable, output: Writable): Asker {
  const rl = createInterface({ input, terminal: false });
  // Reading lines through the iterator, not rl.question(), keeps answers typed (or piped) ahead of a prompt.
  const lines = rl[Symbol.asyncIterator]();
  return {
    async ask({ prompt, fallback = "", check }) {
      for (;;) {
        output.write(`${prompt}${fallback ? ` [${fallback}]` : ""}: `);
        const line = await lines.next();
        const answer = (line.done ? "" : String(line.value)).trim() || fallback;
        const reason = check?.(answer);
        if (!reason) return answer;
        // Input ended (piped answers ran out): asking again would wait for ever.
        if (line.done) throw new UsageError(`${prompt}: ${reason}`);
        output.write(`  ${reason}\n`);
      }
    },
    close: () => rl.close(),
  };
}
