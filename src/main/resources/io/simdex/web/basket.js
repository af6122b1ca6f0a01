// The basket for recommendations: papers marked "more like" or "less like", kept for this browser tab
// (sessionStorage), and the papers POST /api/recommend finds for them, updated on every change.
import { post } from "./api.js";
import { el, replace, notice, paperLink } from "./dom.js";

const KEY = "simdex.basket";

function load() {
  try {
    const basket = JSON.parse(sessionStorage.getItem(KEY) || "{}");
    return { positive: basket.positive || [], negative: basket.negative || [] };
  } catch (e) {
    return { positive: [], negative: [] };
  }
}

function save(basket) {
  sessionStorage.setItem(KEY, JSON.stringify(basket));
}

/** The basket's section for a paper's view: buttons to mark this paper, the basket, and its recommendations. */
export function basketSection(paper) {
  const section = el("section", { id: "basket", "aria-labelledby": "basket-heading" });
  const mark = (side) => {
    const basket = load();
    basket.positive = basket.positive.filter((p) => p.id !== paper.id);
    basket.negative = basket.negative.filter((p) => p.id !== paper.id);
    if (side) {
      basket[side].push({ id: paper.id, title: paper.title || paper.id });
    }
    save(basket);
    draw();
  };
  const draw = async () => {
    const basket = load();
    const entry = (side) => (p) => el("li", { "data-id": p.id }, paperLink(p.id, p.title), " ",
      el("button", { type: "button", class: "small", "aria-label": "Remove " + p.title + " from the basket",
        onclick: () => {
          const next = load();
          next[side] = next[side].filter((q) => q.id !== p.id);
          save(next);
          draw();
        } }, "Remove"));
    const recommendations = el("div", { id: "recommendations" });
    replace(section,
      el("h2", { id: "basket-heading" }, "Basket"),
      el("p", {},
        el("button", { type: "button", id: "basket-like", onclick: () => mark("positive") }, "More like this"), " ",
        el("button", { type: "button", id: "basket-unlike", onclick: () => mark("negative") }, "Less like this"),
        " ", el("button", { type: "button", class: "small", onclick: () => mark(null) }, "Take out")),
      el("h3", {}, "More like"), el("ul", { id: "basket-positive" }, basket.positive.map(entry("positive"))),
      el("h3", {}, "Less like"), el("ul", { id: "basket-negative" }, basket.negative.map(entry("negative"))),
      el("h3", {}, "Recommended"), recommendations);
    if (!basket.positive.length) {
      replace(recommendations, notice("Mark at least one paper \"more like this\" to get recommendations."));
      return;
    }
    replace(recommendations, notice("Finding recommendations…"));
    try {
      const answer = await post("/api/recommend", { positive: basket.positive.map((p) => p.id),
        negative: basket.negative.map((p) => p.id), k: 10 });
      replace(recommendations, el("ol", { class: "results" }, answer.results.map((r) =>
        el("li", { class: "result", "data-id": r.id }, paperLink(r.id, r.title), " ",
          el("span", { class: "score" }, "score " + r.score.toFixed(3))))));
    } catch (error) {
      replace(recommendations, notice(error.message, "error"));
    }
  };
  draw();
  return section;
}
