// The corpus's duplicate clusters at a threshold the user moves; each cluster opens to its papers.
import { get } from "./api.js";
import { el, replace, notice, paperLink } from "./dom.js";

export async function renderClusters(main) {
  document.title = "Duplicate clusters · simdex";
  const slider = el("input", { id: "threshold", type: "range", min: 0.7, max: 1, step: 0.01, value: 0.86 });
  const shown = el("output", { for: "threshold", id: "threshold-value" }, "0.86");
  const list = el("section", { id: "clusters", "aria-label": "Clusters" });
  let asked = 0;
  const load = async () => {
    const mine = ++asked;
    replace(list, notice("Scanning every pair at cosine ≥ " + slider.value + "…"));
    try {
      const answer = await get("/api/duplicates", { threshold: slider.value });
      if (mine === asked) {
        showClusters(list, answer);
      }
    } catch (error) {
      replace(list, notice(error.message, "error"));
    }
  };
  slider.addEventListener("input", () => replace(shown, Number(slider.value).toFixed(2)));
  slider.addEventListener("change", load);
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
  replace(list, el("p", {}, answer.clusters.length + " clusters, " + answer.pairs + " pairs, " + answer.took_ms
    + " ms."), el("ul", { class: "clusters" }, answer.clusters.map((c) => el("li", {},
    el("details", {}, el("summary", {}, c.papers.length + " papers · highest cosine " + c.max_score.toFixed(3)
      + " · " + (c.papers[0].title || c.papers[0].id)),
    el("ul", {}, c.papers.map((p) => el("li", {}, paperLink(p.id, p.title)))))))));
}
