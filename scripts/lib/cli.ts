// Shared helpers for the thin CLIs in scripts/: argument parsing, and the one error printer they all use.
import { readFileSync } from "node:fs";
import { inspect, parseArgs, type ParseArgsConfig } from "node:util";
import { OpenLettersError, printable } from "../../src/model/errors.ts";

/** The command was called wrongly: print the message and the usage. */
export class UsageError extends OpenLettersError {}

/** A flag's value cannot be used: print what is wrong with it, without the whole usage around it. */
export class OptionValueError extends OpenLettersError {}

/** Parses flags with node:util, turning unknown flags into a usage message instead of a stack trace. */
export function parseFlags<T extends ParseArgsConfig["options"]>(options: T, args = process.argv.slice(2), allowPositionals = false) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message, { cause: error });
  }
}

/** Where to report a bug: package.json's bugs or repository, once the project names one. */
function issuesUrl(): string | undefined {
  try {
    const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
      bugs?: string | { url?: string };
      repository?: string | { url?: string };
    };
    const bugs = typeof pkg.bugs === "string" ? pkg.bugs : pkg.bugs?.url;
    if (bugs) return bugs;
    const repository = (typeof pkg.repository === "string" ? pkg.repository : pkg.repository?.url)?.replace(/^git\+/, "").replace(/\.git$/, "");
    return repository?.startsWith("https://") ? `${repository}/issues` : undefined;
  } catch {
    return undefined;
  }
}

/**
 * What a CLI prints for an error. A failure the user can cause (an OpenLettersError) is its message with
 * the place and the fix, and no stack trace: the stack is about our code, not about what to change.
 * Anything else is a bug in open-letters, so the stack is exactly what a report needs.
 */
export function errorText(error: unknown, help?: string): string {
  if (error instanceof UsageError && help) return `${error.format()}\n\n${help.trim()}`;
  if (error instanceof OpenLettersError) return error.format();
  const where = issuesUrl();
  // inspect, not .stack: it adds the cause and fields such as an fs error's path, which a report needs too.
  // Each line made inert, as OpenLettersError.format does: an fs error's path may be a hostile file name.
  const stack = inspect(error).split("\n").map(printable).join("\n");
  return (
    `${stack}\n\nThis is a bug in open-letters; please report it ${where ? `at ${where} ` : "to its maintainers "}` +
    "with the command you ran and the output above."
  );
}

export type CliMain = () => Promise<number | void>;

/**
 * Where a host that runs scripts in its own process (the tests' warm script server,
 * tests/helpers/script-server.ts) collects their main functions instead of running them on import.
 */
export const CLI_HOOK = Symbol.for("open-letters.cli");

/** Runs a CLI's main function; user mistakes print a message and exit 1, never a stack trace. */
export function runCli(main: CliMain, help: string): void {
  const host = (globalThis as Record<symbol, unknown>)[CLI_HOOK];
  if (typeof host === "function") return void host(main, help);
  // Output piped to a reader that stopped (`npm run release -- x | head -1`): the work is done or goes
  // on; what is left to print has nobody to read it, which is no crash to report with a stack trace.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
  });
  if (process.argv.includes("--help") || process.argv.includes("-h")) {
    console.log(help.trim());
    return;
  }
  main().then(
    (code) => {
      process.exitCode = code ?? 0;
    },
    (error: unknown) => {
      console.error(errorText(error, help));
      process.exitCode = 1;
    },
  );
}
