// A paper's view: title, abstract, metadata, sources, and the papers like it, with explanations on demand.
import { get, paperPath } from "./api.js";
import { el, replace, notice, paperLink, sentencePair } from "./dom.js";
import { basketSection } from "./basket.js";

export async function renderPaper(main, id) {
  replace(main, notice("Loading the paper…"));
  let paper;
  try {
    paper = await get(paperPath(id));
  } catch (error) {
    replace(main, el("h1", {}, "No such paper"), notice(error.message, "error"));
    return;
  }
  document.title = (paper.title || paper.id) + " · simdex";
  const metadata = Object.entries(paper.metadata || {});
  const similar = el("section", { id: "similar", "aria-labelledby": "similar-heading" });
  replace(main,
    el("article", { class: "paper" },
      el("h1", { id: "paper-title" }, paper.title || paper.id),
      el("p", { class: "id" }, "id ", el("code", {}, paper.id)),
      el("p", { class: "abstract full" }, paper.abstract),
      el("h2", {}, "Details"),
      el("dl", { class: "details" },
        metadata.flatMap(([key, value]) => [el("dt", {}, key), el("dd", {}, typeof value === "string" ? value
          : JSON.stringify(value))]),
        el("dt", {}, "tokens"), el("dd", {}, paper.tokens + (paper.truncated ? " (the model read the first "
          + paper.tokens_embedded + ")" : "")),
        paper.version !== undefined && paper.version !== null ? [el("dt", {}, "version"),
          el("dd", {}, String(paper.version))] : null),
      el("h2", {}, "Sources"),
      el("ul", { class: "sources" }, (paper.sources || []).map((s) => el("li", {}, s.file + ", line " + s.line)))),
    similar, basketSection(paper));
  await showSimilar(similar, paper.id, false);
}

async function showSimilar(section, id, explain) {
  const heading = el("h2", { id: "similar-heading" }, "More like this");
  const toggle = el("button", { type: "button", class: "small", "aria-pressed": String(explain),
    onclick: () => showSimilar(section, id, !explain) }, explain ? "Hide explanations" : "Show explanations");
  replace(section, heading, toggle, notice("Finding similar papers…"));
  try {
    const answer = await get(paperPath(id) + "/similar", { k: 10, explain: explain || undefined });
    replace(section, heading, toggle, el("ol", { class: "results similar" }, answer.results.map((r) =>
      el("li", { class: "result", "data-id": r.id },
        paperLink(r.id, r.title), " ", el("span", { class: "score" }, "cosine " + r.score.toFixed(3)),
        explain && r.explanation ? sentencePair(r.explanation, "This paper", "That paper") : null))));
  } catch (error) {
    replace(section, heading, toggle, notice(error.message, "error"));
  }
}
