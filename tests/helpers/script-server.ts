// A warm process for the tests' CLI runs: started once per test file (through tsx, so Eleventy can load
// .eleventy.ts), it runs each `npm run <script>` the tests ask for inside itself, one at a time, with the
// arguments, environment, output and exit code a spawned script would have. Starting tsx and loading
// Eleventy, Typst and the pipeline costs about 0.6 s a run; the suite runs about 200 of them.
// The scripts are the same files: each registers its main function with runCli (scripts/lib/cli.ts)
// when imported here instead of running it. Scripts that own the process (start.ts: servers, signals)
// are spawned as before (helpers/site.ts).
import { pathToFileURL } from "node:url";
import { CLI_HOOK, errorText, type CliMain } from "../../scripts/lib/cli.ts";

interface Request {
  id: number;
  script: string;
  args: string[];
  env: Record<string, string>;
}

const mains = new Map<string, { main: CliMain; help: string }>();
let registering: string | undefined;
(globalThis as Record<symbol, unknown>)[CLI_HOOK] = (main: CliMain, help: string) => {
  if (registering) mains.set(registering, { main, help });
};

const out = { stdout: "", stderr: "" };
const write = (stream: "stdout" | "stderr") => (chunk: string | Uint8Array, encoding?: unknown, callback?: unknown) => {
  out[stream] += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
  const done = typeof encoding === "function" ? encoding : callback;
  if (typeof done === "function") (done as () => void)();
  return true;
};

async function run({ script, args, env }: Request): Promise<{ code: number; stdout: string; stderr: string }> {
  // process.env is changed in place, never replaced: native code (fontconfig, through Typst) reads the
  // real environment, which only this object writes through to.
  const savedEnv = { ...process.env };
  const savedArgv = process.argv;
  // A script may move to the repository it reads (changes, verify-accounts): the next run starts where a spawn would.
  const savedCwd = process.cwd();
  const savedWrite = { stdout: process.stdout.write, stderr: process.stderr.write };
  out.stdout = "";
  out.stderr = "";
  replaceEnv(env);
  process.argv = [process.execPath, script, ...args];
  process.stdout.write = write("stdout") as typeof process.stdout.write;
  process.stderr.write = write("stderr") as typeof process.stderr.write;
  let code: number;
  try {
    let entry = mains.get(script);
    if (!entry) {
      registering = script;
      await import(pathToFileURL(script).href);
      registering = undefined;
      entry = mains.get(script);
      if (!entry) throw new Error(`${script} registered no main with runCli`);
    }
    if (args.includes("--help") || args.includes("-h")) {
      console.log(entry.help.trim());
      code = 0;
    } else {
      try {
        code = (await entry.main()) ?? 0;
      } catch (error) {
        console.error(errorText(error, entry.help));
        code = 1;
      }
    }
  } finally {
    process.stdout.write = savedWrite.stdout;
    process.stderr.write = savedWrite.stderr;
    replaceEnv(savedEnv);
    process.argv = savedArgv;
    process.chdir(savedCwd);
  }
  return { code, ...out };
}

function replaceEnv(next: Record<string, string | undefined>): void {
  for (const key of Object.keys(process.env)) if (!(key in next)) delete process.env[key];
  for (const [key, value] of Object.entries(next)) if (value !== undefined && process.env[key] !== value) process.env[key] = value;
}

// One request at a time: a run owns process.argv, process.env and the output until it ends.
let queue = Promise.resolve();
process.on("message", (request: Request) => {
  queue = queue.then(async () => {
    let reply;
    try {
      reply = { id: request.id, ...(await run(request)) };
    } catch (error) {
      reply = { id: request.id, code: 1, stdout: out.stdout, stderr: `${out.stderr}${errorText(error)}\n` };
    }
    process.send!(reply);
  });
});
process.send!({ ready: true });
