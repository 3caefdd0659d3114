// Shared helpers for the thin CLIs in scripts/: argument parsing, and errors without stack traces.
import { parseArgs, type ParseArgsConfig } from "node:util";
import { ContentProblemsError, formatProblems } from "../../src/model/errors.ts";

/** The command was called wrongly: print the message and the usage. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** The user asked for something that cannot be done: print the message alone. */
export class UserError extends Error {
  override name = "UserError";
}

/** Parses flags with node:util, turning unknown flags into a usage message instead of a stack trace. */
export function parseFlags<T extends ParseArgsConfig["options"]>(options: T, args = process.argv.slice(2), allowPositionals = false) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** Runs a CLI's main function; user mistakes print a message and exit 1, never a stack trace. */
export function runCli(main: () => Promise<number | void>, help: string): void {
  if (process.argv.includes("--help") || process.argv.includes("-h")) {
    console.log(help.trim());
    return;
  }
  main().then(
    (code) => {
      process.exitCode = code ?? 0;
    },
    (error: unknown) => {
      if (error instanceof ContentProblemsError) console.error(formatProblems(error.problems));
      else if (error instanceof UsageError) console.error(`${error.message}\n\n${help.trim()}`);
      else if (error instanceof UserError) console.error(error.message);
      else console.error(error);
      process.exitCode = 1;
    },
  );
}
