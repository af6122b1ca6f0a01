// The search view: one box, the mode, k; each result with its score, the abstract's first lines with the
// query's words marked, and on demand the sentence pair that explains it.
import { get, paperPath } from "./api.js";
import { el, replace, notice, paperLink, queryWords, highlighted, firstLines, sentencePair } from "./dom.js";
import { navigate } from "./app.js";

const MODES = {
  hybrid: "RRF: reciprocal rank fusion of the meaning and keyword rankings (at most 2/61 ≈ 0.0328)",
  vector: "cosine between the embeddings of the query and the paper, in [-1, 1]",
  lexical: "BM25 over title and abstract words: higher is better, comparable within one answer only",
};
const SCORE_NAMES = { hybrid: "RRF", vector: "cosine", lexical: "BM25" };

/** Shows a score as the mode means it. */
export function scoreText(mode, score) {
  const digits = mode === "hybrid" ? 4 : mode === "vector" ? 3 : 2;
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
  const results = el("section", { id: "results", "aria-label": "Results" });
  const form = el("form", { class: "search", role: "search", onsubmit: (event) => {
    event.preventDefault();
    const next = new URLSearchParams({ q: box.value.trim(), mode: modeSelect.value, k: kBox.value });
    navigate("/?" + next);
  } },
  el("label", { for: "q" }, "Search the collection"), box,
  el("label", { for: "mode" }, "Mode"), modeSelect,
  el("label", { for: "k" }, "Results"), kBox,
  el("button", { type: "submit" }, "Search"));
  replace(main, el("h1", {}, "Search"), form, results);
  if (!q.trim()) {
    replace(results, notice("Type what you are looking for: words, a sentence or an abstract."));
    return;
  }
  document.title = q + " · simdex";
  replace(results, notice("Searching…"));
  try {
    const answer = await get("/api/search", { q, mode, k });
    showResults(results, answer, q, mode, k);
    // milliseconds from the start of the page's navigation until its results were on it
    results.dataset.shownAfterMs = String(Math.round(performance.now()));
  } catch (error) {
    replace(results, notice(error.message, "error"));
  }
}

function showResults(results, answer, q, mode, k) {
  if (!answer.results.length) {
    replace(results, notice("Nothing found for this query in " + mode + " mode."));
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
        explained = explained || await get("/api/search", { q, mode, k, explain: true });
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
      abstract, button, why);
  });
  replace(results,
    el("p", { class: "meaning" }, answer.results.length + " results, " + answer.took_ms + " ms. Score: "
      + MODES[mode] + "."),
    el("ol", { class: "results" }, items));
}
