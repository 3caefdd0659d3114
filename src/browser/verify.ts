// The verify page's script (/<slug>/verify/): says which released version and edition a dropped file or
// pasted text is. Everything happens here: the file is hashed with Web Crypto (crypto.subtle.digest),
// nothing is uploaded, and the only request is the site's own versions.json. Messages come from the page
// (data-msg-*, in its language); results are built with textContent, never innerHTML. Bundled by
// src/build/bundle.ts; no inline code, so the site's Content-Security-Policy holds.
import { normaliseText } from "../common/normalised-text.ts";

/** What this script reads of versions.json (src/model/published-schema.ts describes the whole file). */
interface VersionsFile {
  versions: {
    version: number;
    url: string;
    texts: { lang: string; textHash: string }[];
    files: { kind: "pdf" | "text" | "pack"; update?: string; version: number; lang: string; edition: number | null; sha256: string }[];
  }[];
}

/** One released thing a copy matched, and the sentence that says so. */
interface Match {
  version: number;
  url: string;
  message: string;
}

async function sha256Hex(bytes: BufferSource): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** A message with its {slots} filled in. */
const fill = (message: string | undefined, values: Record<string, string>) =>
  Object.entries(values).reduce((text, [name, value]) => text.split(`{${name}}`).join(value), message ?? "");

function enhance(form: HTMLFormElement): void {
  const msg = form.dataset;
  const lang = document.documentElement.lang || undefined;
  const number = (n: number) => n.toLocaleString(lang);
  let names: Record<string, string> = {};
  try {
    names = JSON.parse(msg.languages ?? "{}") as Record<string, string>;
  } catch {
    // Tags instead of names, rather than nothing.
  }
  const languageOf = (tag: string) => names[tag] ?? tag;
  const root = new URL(msg.root ?? "../../", document.baseURI);
  // versions.json's addresses start at the site's root, without its path prefix.
  const address = (path: string) => new URL(path.replace(/^\//, ""), root).href;
  let loaded: Promise<VersionsFile> | undefined;
  const versions = () =>
    (loaded ??= fetch(new URL(msg.versions ?? "../versions.json", document.baseURI)).then((response) => {
      if (!response.ok) throw new Error(`${response.status} ${response.url}`);
      return response.json() as Promise<VersionsFile>;
    }));

  const fileInput = form.querySelector<HTMLInputElement>("input[type=file]")!;
  const textarea = form.querySelector<HTMLTextAreaElement>("textarea")!;
  const result = form.querySelector<HTMLElement>(".verify-result")!;
  const drop = form.querySelector<HTMLElement>(".verify-drop")!;
  let asked = 0;

  /** Shows the outcome: what matched (with a link to each version), or that nothing did, and the hash. */
  function show(matches: Match[], hash: string | undefined, none: string): void {
    const children: HTMLElement[] = [];
    const paragraph = (text: string, className?: string) => {
      const p = document.createElement("p");
      p.textContent = text;
      if (className) p.className = className;
      children.push(p);
      return p;
    };
    if (matches.length) {
      for (const m of matches) {
        const p = paragraph(`${m.message} `, "verify-match");
        const a = document.createElement("a");
        a.href = m.url;
        a.textContent = fill(msg.msgOpen, { version: number(m.version) });
        p.append(a);
      }
    } else paragraph(none, "verify-none");
    if (hash) {
      const p = paragraph(`${msg.msgFingerprint ?? ""} `);
      const code = document.createElement("code");
      code.className = "hash";
      code.textContent = hash;
      p.append(code);
    }
    result.replaceChildren(...children);
  }

  async function check(run: (data: VersionsFile) => Promise<{ matches: Match[]; hash?: string; none: string }>): Promise<void> {
    const question = ++asked;
    result.textContent = msg.msgWorking ?? "";
    try {
      const answer = await run(await versions());
      if (question === asked) show(answer.matches, answer.hash, answer.none);
    } catch {
      loaded = undefined; // the next check asks again
      if (question === asked) result.textContent = msg.msgError ?? "";
    }
  }

  /** Versions whose normalised text hashes to `hash`, in the words of `key`. */
  const textMatches = (data: VersionsFile, hash: string, key: string | undefined): Match[] =>
    data.versions.flatMap((v) => v.texts.filter((t) => t.textHash === hash).map((t) => ({ version: v.version, url: address(v.url), message: fill(key, { language: languageOf(t.lang), version: number(v.version) }) })));

  async function checkFile(file: File): Promise<void> {
    await check(async (data) => {
      const bytes = await file.arrayBuffer();
      const hash = await sha256Hex(bytes);
      const matches: Match[] = data.versions.flatMap((v) =>
        v.files.filter((f) => f.sha256 === hash).map((f) => {
          // A delivery pack's update id starts with its day.
          const day = f.update ? new Date(`${f.update.slice(0, 10)}T00:00:00Z`).toLocaleDateString(lang, { dateStyle: "long", timeZone: "UTC" }) : "";
          const values = { language: languageOf(f.lang), version: number(v.version), edition: f.edition === null ? "" : number(f.edition), date: day };
          const key = f.kind === "pack" ? msg.msgMatchPack : f.kind === "text" ? msg.msgMatchText : f.edition === null ? msg.msgMatchPdfLegacy : msg.msgMatchPdf;
          return { version: v.version, url: address(v.url), message: fill(key, values) };
        }),
      );
      // A text file saved again (other line endings, an editor's trailing newline) still has the same words.
      if (!matches.length && !/\.pdf$/i.test(file.name) && !new Uint8Array(bytes.slice(0, 5)).every((b, i) => b === "%PDF-".charCodeAt(i))) {
        const text = new TextDecoder("utf-8").decode(bytes);
        matches.push(...textMatches(data, await sha256Hex(new TextEncoder().encode(normaliseText(text))), msg.msgMatchNormalised));
      }
      return { matches, hash, none: msg.msgNoMatch ?? "" };
    });
  }

  fileInput.addEventListener("change", () => {
    const file = fileInput.files?.[0];
    if (file) void checkFile(file);
  });
  // Dropping a file anywhere on the drop area does what choosing it does.
  drop.addEventListener("dragover", (event) => {
    event.preventDefault();
    drop.classList.add("dragging");
  });
  drop.addEventListener("dragleave", () => drop.classList.remove("dragging"));
  drop.addEventListener("drop", (event) => {
    event.preventDefault();
    drop.classList.remove("dragging");
    const file = event.dataTransfer?.files[0];
    if (file) void checkFile(file);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = normaliseText(textarea.value);
    if (!text) {
      result.textContent = msg.msgEmpty ?? "";
      return;
    }
    void check(async (data) => {
      const hash = await sha256Hex(new TextEncoder().encode(text));
      return { matches: textMatches(data, hash, msg.msgMatchPasted), none: msg.msgNoMatchText ?? "" };
    });
  });
  form.hidden = false;
}

// Web Crypto needs a secure context (https or localhost); elsewhere the page stays as it is without a script.
if (globalThis.crypto?.subtle) for (const form of document.querySelectorAll<HTMLFormElement>("form[data-verify]")) enhance(form);
