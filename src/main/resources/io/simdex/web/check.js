// The duplicate check: a title and an abstract (typed, pasted or dropped as a text file), a verdict banner with
// its band, and each match with its lexical signals and its best-aligned sentence pair.
import { post, write, apiKey, paperPath } from "./api.js";
import { el, replace, notice, paperLink, sentencePair } from "./dom.js";

const VERDICTS = {
  duplicate: "a paper of the collection says the same thing.",
  near_duplicate: "a paper of the collection is very close.",
  related: "papers on the same topic, not the same paper.",
  new: "nothing in the collection is close.",
};

export async function renderCheck(main) {
  document.title = "Duplicate check · simdex";
  const title = el("input", { id: "check-title", name: "title", type: "text", autocomplete: "off" });
  const abstract = el("textarea", { id: "check-abstract", name: "abstract", rows: 8, required: true });
  const file = el("input", { id: "check-file", type: "file", accept: ".txt,text/plain" });
  const outcome = el("section", { id: "verdict", "aria-label": "Verdict" });
  const load = async (blob) => {
    const text = (await blob.text()).trim();
    const lines = text.split(/\r?\n/);
    // a file whose first line is short and followed by a blank line holds a title, then the abstract
    if (lines.length > 2 && lines[0].length < 300 && lines[1].trim() === "") {
      title.value = lines[0].trim();
      abstract.value = lines.slice(2).join("\n").trim();
    } else {
      abstract.value = text;
    }
  };
  file.addEventListener("change", () => file.files[0] && load(file.files[0]));
  const drop = el("div", { class: "drop" }, abstract);
  drop.addEventListener("dragover", (event) => {
    event.preventDefault();
    drop.classList.add("over");
  });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (event) => {
    event.preventDefault();
    drop.classList.remove("over");
    if (event.dataTransfer.files[0]) {
      load(event.dataTransfer.files[0]);
    }
  });
  const form = el("form", { class: "check", onsubmit: async (event) => {
    event.preventDefault();
    replace(outcome, notice("Checking…"));
    try {
      // a blank title is left out: the API takes a paper without one, not an empty one
      const paper = title.value.trim() ? { title: title.value.trim(), abstract: abstract.value }
        : { abstract: abstract.value };
      const answer = await post("/api/duplicates/check", { ...paper, explain: true });
      showVerdict(outcome, answer, paper);
    } catch (error) {
      replace(outcome, notice(error.message, "error"));
    }
  } },
  el("label", { for: "check-title" }, "Title"), title,
  el("label", { for: "check-abstract" }, "Abstract (or drop a text file on it)"), drop,
  el("label", { for: "check-file" }, "Or load a text file"), file,
  el("button", { type: "submit" }, "Check"));
  replace(main, el("h1", {}, "Duplicate check"), form, outcome);
}

function showVerdict(outcome, answer, paper) {
  const banner = el("div", { class: "banner " + answer.verdict, role: "status", id: "verdict-banner",
    "data-verdict": answer.verdict },
  el("strong", {}, answer.verdict.replace("_", " ")), " — ", VERDICTS[answer.verdict] || "");
  const matches = answer.matches.map((m) => el("li", { class: "match", "data-id": m.id },
    el("h2", {}, paperLink(m.id, m.title)),
    el("p", {}, el("span", { class: "band " + m.band }, m.band.replace("_", " ")),
      " · cosine " + m.score.toFixed(3)),
    el("dl", { class: "signals" },
      el("dt", {}, "shared words (token Jaccard)"), el("dd", {}, m.token_jaccard.toFixed(2)),
      el("dt", {}, "shared 3-word phrases (shingle containment)"), el("dd", {}, m.shingle_containment.toFixed(2)),
      el("dt", {}, "sentences said again (aligned sentences)"), el("dd", {}, share(m.aligned_sentences)),
      el("dt", {}, "numbers and names kept (shared specifics)"), el("dd", {}, share(m.shared_specifics))),
    m.explanation ? sentencePair(m.explanation) : null));
  replace(outcome, banner, apiKey() ? storeAnyway(paper) : null, matches.length ? el("ol", { class: "matches" }, matches)
    : notice("No paper of the collection is in the related band or above."));
}

/** A share in [0, 1] with two decimals, or "n/a" when the signal was not measured. */
function share(value) {
  return value === null || value === undefined ? "n/a" : value.toFixed(2);
}

/** With the API key in this tab: store the checked text as a paper of the collection, whatever the verdict. */
function storeAnyway(paper) {
  const id = el("input", { id: "store-id", type: "text", required: true, autocomplete: "off" });
  const stored = el("div", { id: "store-result" });
  return el("form", { class: "search", onsubmit: async (event) => {
    event.preventDefault();
    try {
      const saved = await write("PUT", paperPath(id.value.trim()), paper);
      replace(stored, notice(saved.result + ", version " + saved.version + ": "), paperLink(saved.id, saved.title));
    } catch (error) {
      replace(stored, notice(error.message, "error"));
    }
  } }, el("label", { for: "store-id" }, "Store it anyway, as paper id"), id,
  el("button", { type: "submit" }, "Store anyway"), stored);
}
