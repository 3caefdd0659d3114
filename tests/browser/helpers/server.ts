// A tiny static file server for the browser tests: serves a built site on 127.0.0.1 with the headers from
// its own _headers file, merged as Netlify or Cloudflare Pages merge them (tests/helpers/header-rules.ts),
// so the browser enforces the real policy.
import { readFile, stat } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, sep } from "node:path";
import { headersForPath, parseHeaderRules } from "../../helpers/header-rules.ts";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".csv": "text/csv; charset=utf-8",
  ".xml": "application/xml",
  ".txt": "text/plain; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".woff2": "font/woff2",
  ".pdf": "application/pdf",
};

export interface StaticServer {
  origin: string;
  /** Every path the server was asked for, in order. */
  requests: string[];
  close(): Promise<void>;
}

/** Headers for `path` from a _headers file, every matching rule's combined as Netlify and Cloudflare Pages do. */
export function headersFor(headersFile: string, path: string): Record<string, string> {
  return headersForPath(parseHeaderRules(headersFile), path);
}

export async function serve(root: string): Promise<StaticServer> {
  const headersFile = await readFile(join(root, "_headers"), "utf8").catch(() => "");
  const requests: string[] = [];
  const server: Server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
    requests.push(path);
    let file = normalize(join(root, path));
    if (file !== root && !file.startsWith(root + sep)) return void response.writeHead(403).end();
    try {
      if ((await stat(file)).isDirectory()) file = join(file, "index.html");
      const body = await readFile(file);
      response.writeHead(200, { "Content-Type": TYPES[extname(file)] ?? "application/octet-stream", ...headersFor(headersFile, path) });
      response.end(body);
    } catch {
      response.writeHead(404, { "Content-Type": "text/plain" }).end("Not found");
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
