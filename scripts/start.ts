// npm start: the local preview. Checks the port, then runs the Eleventy server (scripts/lib/preview-server.ts)
// as a child, restarts it when the code under src/ changes (Node caches imported modules, so a running
// server never sees new code), and stops it with itself. It replaces `tsx watch` around Eleventy's
// command line, which moved to the next port when 8080 was taken and, stopped from outside, left
// Eleventy serving.
// Run with `node --import tsx` (package.json), not the tsx command, which would be one more process
// between npm and the server for signals to cross.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { readFileSync, watch, type FSWatcher } from "node:fs";
import { rm } from "node:fs/promises";
import { createServer } from "node:net";
import { join, relative, resolve } from "node:path";
import { PortInUseError } from "../src/model/errors.ts";
import { UsageError, errorText, parseFlags } from "./lib/cli.ts";

const PROJECT = resolve(import.meta.dirname, "..");
const SERVER = join(PROJECT, "scripts/lib/preview-server.ts");
const DEFAULT_PORT = 8080;
const DEFAULT_OUTPUT = ".cache/preview";

const HELP = `
Usage: npm start [-- --port N] [--root DIR] [--output DIR]

Serves the site, drafts included, at http://localhost:8080/, and rebuilds it on every save under
letters/. Each page shows, at its top, the problems of its letter and of site.yaml. A change to the
code under src/ restarts the server. Ctrl-C stops it and everything it started.

  --port N      port to serve on (default ${DEFAULT_PORT}). A port already in use is refused, never
                swapped for the next free one: the address you open must be this preview's.
  --root DIR    folder holding letters/ (default: $OPEN_LETTERS_ROOT, or .)
  --output DIR  folder for the preview's pages (default ${DEFAULT_OUTPUT}, emptied at start)
`;

/** Resolves when `port` can be listened on the way the dev server listens (every address); throws if not. */
function claimable(port: number): Promise<void> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EADDRINUSE") {
        fail(new PortInUseError(`Port ${port} is already in use: another npm start, or another program, is serving on it.`, {
          hint: `Stop that one, or choose another port: npm start -- --port ${port === 65535 ? port - 1 : port + 1}.`,
        }));
      } else {
        fail(new PortInUseError(`The preview cannot listen on port ${port} (${error.code ?? error.message}).`, {
          hint: "Choose another port with npm start -- --port N (ports below 1024 need administrator rights).",
        }));
      }
    });
    probe.listen({ port }, () => probe.close(() => done()));
  });
}

/** The parent of process `pid`, from /proc on Linux or `ps` elsewhere; undefined where neither answers. */
function parentOf(pid: number): number | undefined {
  try {
    // /proc/<pid>/stat: "pid (command) state ppid ..."; the command may hold spaces and parentheses.
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    try {
      const ppid = Number(execFileSync("ps", ["-o", "ppid=", "-p", String(pid)], { encoding: "utf8" }).trim());
      return Number.isInteger(ppid) && ppid > 0 ? ppid : undefined;
    } catch {
      return undefined;
    }
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM"; // exists, owned by someone else
  }
}

async function main(): Promise<void> {
  if (process.argv.includes("--help") || process.argv.includes("-h")) {
    console.log(HELP.trim());
    return;
  }
  const { values } = parseFlags({ port: { type: "string" }, root: { type: "string" }, output: { type: "string" } });
  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new UsageError(`--port must be a number from 1 to 65535, not "${values.port}".`);
  const root = resolve(values.root ?? process.env.OPEN_LETTERS_ROOT ?? ".");
  const output = resolve(values.output ?? join(PROJECT, DEFAULT_OUTPUT));
  await claimable(port);
  // Pages an earlier session wrote (a letter since removed, an old version) would be served as if
  // current: start from an empty folder. Only the default one, which nothing else uses.
  if (values.output === undefined) await rm(output, { recursive: true, force: true });

  let child: ChildProcess | undefined;
  let everReady = false;
  let stopping = false;

  const startServer = () => {
    let ready = false;
    const server = spawn(process.execPath, ["--import", "tsx", SERVER, "--port", String(port), "--output", output], {
      cwd: PROJECT,
      env: { ...process.env, OPEN_LETTERS_ROOT: root },
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    server.on("message", (message: { type?: string; url?: string }) => {
      if (message.type !== "ready" || ready) return;
      ready = true;
      if (!everReady) console.log(`Preview: ${message.url} (port ${port}; npm start -- --port N for another). Ctrl-C stops it.`);
      else console.log(`Preview restarted: ${message.url}`);
      everReady = true;
    });
    server.on("exit", (code, signal) => {
      if (child === server) child = undefined;
      if (stopping || restarting) return;
      if (!everReady) {
        console.error(`The preview server stopped before it started (${signal ?? `exit code ${code}`}); see the messages above.`);
        void stop(1);
      } else {
        console.error(`The preview server stopped (${signal ?? `exit code ${code}`}); it starts again when a file under src/ changes.`);
      }
    });
    child = server;
  };

  const stopServer = async () => {
    const server = child;
    if (!server || server.exitCode !== null || server.signalCode !== null) return;
    const exited = new Promise((done) => server.once("exit", done));
    server.kill("SIGTERM");
    const timer = setTimeout(() => server.kill("SIGKILL"), 5000);
    await exited;
    clearTimeout(timer);
  };

  // Code changes restart the server; Eleventy itself rebuilds for letters/ and templates/.
  let restarting = false;
  let again = false;
  let timer: NodeJS.Timeout | undefined;
  const restart = async (file: string) => {
    if (restarting) {
      again = true;
      return;
    }
    restarting = true;
    console.log(`${relative(process.cwd(), file) || file} changed: restarting the preview server.`);
    await stopServer();
    restarting = false;
    if (stopping) return;
    startServer();
    if (again) {
      again = false;
      void restart(file);
    }
  };
  const codeChanged = (file: string) => {
    clearTimeout(timer);
    timer = setTimeout(() => void restart(file), 200);
  };
  const watchers: FSWatcher[] = [
    watch(join(PROJECT, "src"), { recursive: true, persistent: false }, (_event, name) => name && codeChanged(join(PROJECT, "src", name.toString()))),
    watch(PROJECT, { persistent: false }, (_event, name) => name?.toString() === ".eleventy.ts" && codeChanged(join(PROJECT, ".eleventy.ts"))),
  ];

  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    clearTimeout(timer);
    clearInterval(orphaned);
    for (const watcher of watchers) watcher.close();
    await stopServer();
    process.exit(code);
  };
  // Ctrl-C reaches every process of the terminal's group, the server too; `kill` or npm forwarding a
  // signal reaches this one only. Either way the server is stopped and waited for before exiting.
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => void stop(0));
  // When the parent dies, this process is handed to another one and gets no signal: notice it and stop,
  // rather than serve unattended. Under npm the parent is the `sh -c` npm runs scripts with, which
  // outlives a killed npm, so npm (the grandparent) is watched too.
  const parent = process.ppid;
  const grandparent = parentOf(parent);
  const orphaned = setInterval(() => {
    if (process.ppid !== parent || (grandparent !== undefined && !alive(grandparent))) void stop(0);
  }, 500);

  startServer();
}

main().catch((error: unknown) => {
  console.error(errorText(error, HELP));
  process.exit(1);
});
