// The search view: one box, the mode, k; each result with its score, the abstract's first lines with the
// query's words marked, and on demand the sentence pair that explains it. Metadata filters (year>=2020) are
// offered for the fields the results carry, shown as removable chips and kept in the address.
import { get, paperPath } from "./api.js";
import { el, replace, notice, paperLink, queryWords, highlighted, firstLines, sentencePair } from "./dom.js";
import { navigate } from "./app.js";

const MODES = {
  hybrid: "fused: the meaning and keyword rankings combined, by default a weighted sum of normalized cosine and BM25 scores in [0, 1]",
  vector: "cosine between the embeddings of the query and the paper, in [-1, 1]",
  lexical: "BM25 over title and abstract words: higher is better, comparable within one answer only",
};
const SCORE_NAMES = { hybrid: "fused", vector: "cosine", lexical: "BM25" };
const OPERATORS = { "=": ":", ">=": ">=", ">": ">", "<=": "<=", "<": "<" };
const FILTER = /^([^:<>=]+?)(:|>=|>|<=|<)(.*)$/;

/** Shows a score as the mode means it. */
export function scoreText(mode, score) {
  const digits = mode === "lexical" ? 2 : 3;
  return SCORE_NAMES[mode] + " " + score.toFixed(digits);
}

export async function renderSearch(main, parameters) {
  const q = parameters.get("q") || "";
  const mode = MODES[parameters.get("mode")] ? parameters.get("mode") : "hybrid";
  const k = Math.min(Math.max(parseInt(parameters.get("k") || "10", 10) || 10, 1), 100);
  const box = el("input", { id: "q", name: "q", type: "search", value: q, required: true,
    placeholder: "e.g. pointer network convex hull", autocomplete: "off" });
  const modeSelect = el("select", { id: "mode", name: "mode" },
    Object.keys(MODES).map((m) => el("option", { value: m, selected: m === mode }, m)));
  const kBox = el("input", { id: "k", name: "k", type: "number", min: 1, max: 100, value: k });
  const filters = parameters.getAll("filter").filter((f) => FILTER.test(f));
  const results = el("section", { id: "results", "aria-label": "Results" });
  const go = (chosen) => {
    const next = new URLSearchParams({ q: box.value.trim(), mode: modeSelect.value, k: kBox.value });
    chosen.forEach((f) => next.append("filter", f));
    navigate("/?" + next);
  };
  const filterGroup = filterControls(filters, go);
  const form = el("form", { class: "search", role: "search", onsubmit: (event) => {
    event.preventDefault();
    go(filters);
  } },
  el("label", { for: "q" }, "Search the collection"), box,
  el("label", { for: "mode" }, "Mode"), modeSelect,
  el("label", { for: "k" }, "Results"), kBox,
  el("button", { type: "submit" }, "Search"));
  replace(main, el("h1", {}, "Search"), form, filterGroup.node, results);
  if (!q.trim()) {
    replace(results, notice("Type what you are looking for: words, a sentence or an abstract."));
    return;
  }
  document.title = q + " · simdex";
  replace(results, notice("Searching…"));
  try {
    const answer = await get("/api/search", { q, mode, k, filter: filters, fields: "metadata" });
    filterGroup.offer(answer.results.flatMap((r) => Object.keys(r.metadata || {})));
    showResults(results, answer, q, mode, k, filters);
    // milliseconds from the start of the page's navigation until its results were on it
    results.dataset.shownAfterMs = String(Math.round(performance.now()));
  } catch (error) {
    replace(results, notice(error.message, "error"));
  }
}

/**
 * The Filters group: a chip per active filter (its button removes it) and a field, operator and value to add one.
 * The fields are offered once known (offer), from the results' metadata; with none and no filter it stays hidden.
 */
function filterControls(filters, go) {
  const field = el("select", { id: "filter-field" });
  const operator = el("select", { id: "filter-op" }, Object.keys(OPERATORS).map((o) => el("option", { value: o }, o)));
  const value = el("input", { id: "filter-value", type: "text", autocomplete: "off", placeholder: "e.g. 2020",
    onkeydown: (event) => {
      if (event.key === "Enter") {
        event.preventDefault();
        add();
      }
    } });
  const add = () => {
    const text = value.value.trim();
    if (field.value && text) {
      go(filters.concat(field.value + OPERATORS[operator.value] + text));
    }
  };
  const chips = el("ul", { class: "chips", "aria-label": "Active filters" }, filters.map((f, i) => {
    const [, name, op, wanted] = f.match(FILTER);
    const shown = name + " " + (op === ":" ? "=" : op) + " " + wanted;
    return el("li", { class: "chip" }, shown, el("button", { type: "button", class: "small",
      "aria-label": "Remove filter " + shown, onclick: () => go(filters.filter((_, j) => j !== i)) }, "×"));
  }));
  const adder = el("div", { class: "filter-add", hidden: true },
    el("label", { for: "filter-field" }, "Field"), field,
    el("label", { for: "filter-op" }, "Operator"), operator,
    el("label", { for: "filter-value" }, "Value"), value,
    el("button", { type: "button", id: "filter-add", onclick: add }, "Add"));
  const node = el("fieldset", { class: "filters", hidden: !filters.length },
    el("legend", {}, "Filters"), chips, adder);
  const offer = (names) => {
    const known = [...new Set(names.concat(filters.map((f) => f.match(FILTER)[1])))].sort();
    replace(field, known.map((n) => el("option", { value: n }, n)));
    adder.hidden = !known.length;
    node.hidden = !known.length && !filters.length;
  };
  return { node, offer };
}

/** A result's metadata as one line, e.g. "year: 2022 · venue: NeurIPS"; lists joined by commas. */
function metadataText(metadata) {
  return Object.entries(metadata || {}).map(([key, value]) => key + ": " + (Array.isArray(value) ? value.join(", ")
    : value !== null && typeof value === "object" ? JSON.stringify(value) : String(value))).join(" · ");
}

function showResults(results, answer, q, mode, k, filters) {
  if (!answer.results.length) {
    replace(results, notice("Nothing found for this query in " + mode + " mode"
      + (filters.length ? " with these filters." : ".")));
    return;
  }
  const words = queryWords(q);
  let explained = null; // the explain=true answer, fetched once when first asked for
  const items = answer.results.map((result) => {
    const abstract = el("p", { class: "abstract" }, "…");
    const why = el("div", { class: "why" });
    const button = el("button", { type: "button", class: "small", "aria-expanded": "false", onclick: async () => {
      if (button.getAttribute("aria-expanded") === "true") {
        button.setAttribute("aria-expanded", "false");
        replace(why);
        return;
      }
      button.setAttribute("aria-expanded", "true");
      replace(why, notice("Finding the best-matching sentences…"));
      try {
        explained = explained || await get("/api/search", { q, mode, k, filter: filters, explain: true });
        const mine = explained.results.find((r) => r.id === result.id);
        replace(why, mine && mine.explanation ? sentencePair(mine.explanation, "Your query")
          : notice("No explanation for this result."));
      } catch (error) {
        replace(why, notice(error.message, "error"));
      }
    } }, "Why this result?");
    get(paperPath(result.id)).then((paper) => replace(abstract, highlighted(firstLines(paper.abstract), words)),
      () => replace(abstract));
    return el("li", { class: "result" },
      el("h2", {}, paperLink(result.id, result.title)),
      el("p", { class: "score", title: MODES[mode] }, "#" + result.rank + " · " + scoreText(mode, result.score)),
      Object.keys(result.metadata || {}).length ? el("p", { class: "metadata" }, metadataText(result.metadata)) : null,
      abstract, button, why);
  });
  replace(results,
    el("p", { class: "meaning", role: "status" }, answer.results.length + " results, " + answer.took_ms + " ms. Score: "
      + MODES[mode] + "."),
    el("ol", { class: "results" }, items));
}
