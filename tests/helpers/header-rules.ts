// A _headers file read the way Netlify and Cloudflare Pages read it, to test what a page really gets:
// every rule whose path matches applies (not only the first or the most specific), and the values of a
// header set by several matching rules are joined with ", ". In a path, `*` (a splat) matches anything,
// slashes included, and `:name` (a placeholder) one path segment.
// https://developers.cloudflare.com/pages/configuration/headers/ · https://docs.netlify.com/routing/headers/

export interface HeaderRule {
  path: string;
  headers: [string, string][];
}

export function parseHeaderRules(file: string): HeaderRule[] {
  const rules: HeaderRule[] = [];
  for (const line of file.split("\n")) {
    if (!line.trim() || line.trimStart().startsWith("#")) continue;
    if (!/^\s/.test(line)) {
      rules.push({ path: line.trim(), headers: [] });
      continue;
    }
    const colon = line.indexOf(":");
    if (colon < 0 || !rules.length) throw new Error(`not a header line: ${line}`);
    rules.at(-1)!.headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
  }
  return rules;
}

/** Whether a rule's path pattern matches a request path. */
export function pathMatches(pattern: string, path: string): boolean {
  const source = pattern
    .split(/(\*|:[A-Za-z]\w*)/)
    .map((part) => (part === "*" ? ".*" : part.startsWith(":") && part.length > 1 ? "[^/]+" : part.replace(/[.+?^${}()|[\]\\]/g, "\\$&")))
    .join("");
  return new RegExp(`^${source}$`).test(path);
}

/** The headers a request for `path` gets: every matching rule's, same names joined with ", " (names lowercase). */
export function headersForPath(rules: readonly HeaderRule[], path: string): Record<string, string> {
  const merged: Record<string, string> = {};
  for (const rule of rules) {
    if (!pathMatches(rule.path, path)) continue;
    for (const [name, value] of rule.headers) {
      const key = name.toLowerCase();
      merged[key] = merged[key] === undefined ? value : `${merged[key]}, ${value}`;
    }
  }
  return merged;
}

/** The policies a Content-Security-Policy header holds (several, comma-separated, are all enforced). */
export function policies(header: string | undefined): string[] {
  return (header ?? "").split(",").map((p) => p.trim()).filter(Boolean);
}

/** The frame-ancestors sources of each policy that has the directive. */
export function frameAncestors(header: string | undefined): string[][] {
  return policies(header)
    .map((policy) => policy.split(";").map((d) => d.trim().split(/\s+/)).find(([name]) => name === "frame-ancestors"))
    .filter((d): d is string[] => d !== undefined)
    .map(([, ...sources]) => sources);
}
