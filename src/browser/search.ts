// Stage browser/: the scripts a reader's browser runs. Takes the built pages and their JSON; gives search
// and the sign form, bundled to /assets/ (imports only common/).
//
// The signatory search, in the reader's browser: enhances each <form class="list-search"> (hidden until
// this script runs, so readers without JavaScript see only the list pages). Results are built with
// textContent, never innerHTML: names come from strangers. Bundled by src/build/bundle.ts.
import { pluralText } from "../common/plural.ts";
import { SearchIndex, type SearchFilters, type SearchResult } from "../common/search-query.ts";

/** Results added per "show more". */
const BATCH = 20;
/** Typing pauses shorter than this do not start a search. */
const DEBOUNCE_MS = 120;
/** Say "Searching…" only when an answer takes longer than this, so fast answers are announced once. */
const LOADING_MS = 300;

function enhance(form: HTMLFormElement): void {
  const base = new URL(form.dataset.index ?? "search/", document.baseURI);
  const index = new SearchIndex(async (path) => {
    const response = await fetch(new URL(path, base));
    if (!response.ok) throw new Error(`${response.status} ${response.url}`);
    return response.json();
  });
  const input = form.querySelector<HTMLInputElement>("input[type=search]")!;
  const status = form.querySelector<HTMLElement>(".search-status")!;
  const list = form.querySelector<HTMLOListElement>(".search-results")!;
  const more = form.querySelector<HTMLButtonElement>(".search-more")!;
  const msg = form.dataset;
  let asked = 0;
  let ids: number[] = [];
  let shown = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const filters = (): SearchFilters => {
    const chosen: SearchFilters = {};
    for (const select of form.querySelectorAll<HTMLSelectElement>("select")) {
      if (select.value) chosen[select.name as keyof SearchFilters] = select.value;
    }
    return chosen;
  };

  async function run(): Promise<void> {
    const question = ++asked;
    form.setAttribute("aria-busy", "true");
    const slow = setTimeout(() => question === asked && (status.textContent = msg.msgLoading ?? ""), LOADING_MS);
    try {
      const answer = await index.search(input.value, filters());
      if (question !== asked) return;
      ids = answer.ids;
      shown = 0;
      list.replaceChildren();
      if (answer.empty) status.textContent = "";
      else if (answer.tooShort) status.textContent = msg.msgShort ?? "";
      else {
        status.textContent = ids.length === 0 ? (msg.msgNone ?? "") : pluralText(msg.msgFound, ids.length, document.documentElement.lang);
        await showMore(question);
      }
    } catch {
      if (question === asked) status.textContent = msg.msgError ?? "";
    } finally {
      clearTimeout(slow);
      if (question === asked) form.removeAttribute("aria-busy");
    }
  }

  async function showMore(question: number): Promise<void> {
    const batch = ids.slice(shown, shown + BATCH);
    const results = await index.results(batch);
    if (question !== asked) return;
    list.append(...results.map(item));
    shown += batch.length;
    more.hidden = shown >= ids.length;
  }

  function item(result: SearchResult): HTMLLIElement {
    const li = document.createElement("li");
    li.className = "signatory";
    const link = document.createElement("a");
    link.href = new URL(result.href, base).href;
    link.className = "signatory-name";
    link.textContent = result.name;
    li.append(link);
    if (result.role) {
      const role = document.createElement("span");
      role.className = "signatory-role";
      role.textContent = result.role;
      li.append(" ", role);
    }
    const page = document.createElement("span");
    page.className = "search-page";
    page.textContent = (msg.msgOnPage ?? "{n}").replace("{n}", String(result.page));
    li.append(" ", page);
    return li;
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    void run();
  });
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => void run(), DEBOUNCE_MS);
  });
  form.addEventListener("change", (event) => {
    if (event.target instanceof HTMLSelectElement) void run();
  });
  more.addEventListener("click", () => void showMore(asked));
  form.hidden = false;
}

for (const form of document.querySelectorAll<HTMLFormElement>("form.list-search[data-index]")) enhance(form);
