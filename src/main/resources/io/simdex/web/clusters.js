// The corpus's duplicate clusters at a threshold the user moves; each cluster opens to its papers and the cosine
// of each of its pairs at or above the threshold.
import { get } from "./api.js";
import { el, replace, notice, paperLink } from "./dom.js";

/** How long the slider must rest before a scan starts, so holding an arrow key asks once, not at every step. */
const SETTLE_MS = 300;

export async function renderClusters(main) {
  document.title = "Duplicate clusters · simdex";
  const slider = el("input", { id: "threshold", type: "range", min: 0.7, max: 1, step: 0.01, value: 0.86 });
  const shown = el("output", { for: "threshold", id: "threshold-value" }, "0.86");
  const list = el("section", { id: "clusters", "aria-label": "Clusters" });
  let asked = 0;
  let timer = null;
  const load = async () => {
    const mine = ++asked;
    replace(list, notice("Scanning every pair at cosine ≥ " + slider.value + "…"));
    try {
      const answer = await get("/api/duplicates", { threshold: slider.value });
      if (mine === asked) {
        showClusters(list, answer);
      }
    } catch (error) {
      if (mine === asked) {
        replace(list, notice(error.message, "error"));
      }
    }
  };
  slider.addEventListener("input", () => replace(shown, Number(slider.value).toFixed(2)));
  slider.addEventListener("change", () => {
    clearTimeout(timer);
    timer = setTimeout(load, SETTLE_MS);
  });
  replace(main, el("h1", {}, "Duplicate clusters"),
    el("p", {}, "Papers whose cosine is at least the threshold are grouped; move it to see more or fewer."),
    el("div", { class: "slider" }, el("label", { for: "threshold" }, "Threshold"), slider, shown), list);
  await load();
}

function showClusters(list, answer) {
  if (!answer.clusters.length) {
    replace(list, notice("No pair of papers reaches cosine " + answer.threshold + "."));
    return;
  }
  replace(list, el("p", {}, count(answer.clusters.length, "cluster") + ", " + count(answer.pairs, "pair") + ", "
    + answer.took_ms + " ms."), el("ul", { class: "clusters" }, answer.clusters.map((c) => el("li", {},
    el("details", { "data-id": c.id }, el("summary", {}, c.papers.length + " papers · highest cosine "
      + c.max_score.toFixed(3) + " · " + (c.papers[0].title || c.papers[0].id)),
    el("ul", {}, c.papers.map((p) => el("li", {}, paperLink(p.id, p.title)))),
    pairTable(c, answer.threshold))))));
}

/** A number and a noun, in the plural unless the number is 1. */
function count(n, noun) {
  return n + " " + noun + (n === 1 ? "" : "s");
}

/** A cluster's pairs, strongest first: the two papers and their cosine; says so when the API listed only some. */
function pairTable(cluster, threshold) {
  const titles = new Map(cluster.papers.map((p) => [p.id, p.title]));
  const paper = (id) => el("td", {}, paperLink(id, titles.get(id)));
  const listed = cluster.pair_scores.length;
  return el("table", { class: "pair-scores" },
    el("caption", {}, listed < cluster.pairs
      ? "The " + listed + " strongest of its " + cluster.pairs + " pairs at cosine ≥ " + threshold
      : (cluster.pairs === 1 ? "Its pair" : "Its " + count(cluster.pairs, "pair")) + " at cosine ≥ " + threshold),
    el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "Paper"), el("th", { scope: "col" }, "Paper"),
      el("th", { scope: "col" }, "Cosine"))),
    el("tbody", {}, cluster.pair_scores.map((pair) => el("tr", {}, paper(pair.a), paper(pair.b),
      el("td", { class: "cosine" }, pair.score.toFixed(3))))));
}
