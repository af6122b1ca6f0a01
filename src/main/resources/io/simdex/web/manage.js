// Managing the collection with the API key: add or edit a paper, delete one, import a JSONL or CSV file with a
// progress bar. The key stays in this tab's session storage and goes only into the Authorization header.
import { get, write, apiKey, setApiKey, paperPath } from "./api.js";
import { el, replace, notice, paperLink } from "./dom.js";

/** JSONL lines sent per request of an import, so the progress bar moves and no request is large. */
const LINES_PER_REQUEST = 100;

export async function renderManage(main) {
  document.title = "Manage · simdex";
  const key = el("input", { id: "api-key", type: "password", autocomplete: "off", value: apiKey() });
  key.addEventListener("change", () => setApiKey(key.value.trim()));
  const keyForm = el("div", { class: "slider" }, el("label", { for: "api-key" }, "API key (kept for this tab only)"),
    key, el("button", { type: "button", class: "small", onclick: () => {
      key.value = "";
      setApiKey("");
    } }, "Forget key"));

  const id = el("input", { id: "edit-id", type: "text", required: true, autocomplete: "off" });
  const title = el("input", { id: "edit-title", type: "text", autocomplete: "off" });
  const abstract = el("textarea", { id: "edit-abstract", rows: 6, required: true });
  const metadata = el("textarea", { id: "edit-metadata", rows: 2, placeholder: "{\"year\": 2024}" });
  const edited = el("div", { id: "edit-result" });
  const editForm = el("form", { class: "check", onsubmit: async (event) => {
    event.preventDefault();
    try {
      const extra = metadata.value.trim() ? JSON.parse(metadata.value) : {};
      const paper = { ...extra, abstract: abstract.value };
      if (title.value.trim()) {
        paper.title = title.value.trim();
      }
      const saved = await write("PUT", paperPath(id.value.trim()), paper);
      replace(edited, notice(saved.result + ", version " + saved.version + ": "), paperLink(saved.id, saved.title));
    } catch (error) {
      replace(edited, notice(error.message, "error"));
    }
  } },
  el("label", { for: "edit-id" }, "Paper id"), id,
  el("button", { type: "button", class: "small", onclick: async () => {
    try {
      const paper = await get(paperPath(id.value.trim()));
      title.value = paper.title;
      abstract.value = paper.abstract;
      metadata.value = Object.keys(paper.metadata || {}).length ? JSON.stringify(paper.metadata) : "";
      replace(edited);
    } catch (error) {
      replace(edited, notice(error.message, "error"));
    }
  } }, "Load this paper to edit it"),
  el("label", { for: "edit-title" }, "Title"), title,
  el("label", { for: "edit-abstract" }, "Abstract"), abstract,
  el("label", { for: "edit-metadata" }, "Other fields (JSON object, optional)"), metadata,
  el("button", { type: "submit", id: "edit-save" }, "Save"), edited);

  const deleteId = el("input", { id: "delete-id", type: "text", required: true, autocomplete: "off" });
  const deleted = el("div", { id: "delete-result" });
  const deleteForm = el("form", { class: "search", onsubmit: async (event) => {
    event.preventDefault();
    try {
      await write("DELETE", paperPath(deleteId.value.trim()));
      replace(deleted, notice("Deleted " + deleteId.value.trim() + "."));
    } catch (error) {
      replace(deleted, notice(error.message, "error"));
    }
  } },
  el("label", { for: "delete-id" }, "Paper id to delete"), deleteId, el("button", { type: "submit" }, "Delete"),
  deleted);

  const file = el("input", { id: "import-file", type: "file", accept: ".jsonl,.ndjson,.json,.csv" });
  const progress = el("progress", { id: "import-progress", max: 1, value: 0 });
  const imported = el("div", { id: "import-result", "aria-live": "polite" });
  const importForm = el("form", { class: "check", onsubmit: async (event) => {
    event.preventDefault();
    if (file.files[0]) {
      await importFile(file.files[0], progress, imported);
    }
  } },
  el("label", { for: "import-file" }, "A JSONL or CSV file of papers, each with its id"), file,
  el("label", { for: "import-progress" }, "Progress"), progress,
  el("button", { type: "submit" }, "Import"), imported);

  replace(main, el("h1", {}, "Manage the collection"), keyForm,
    el("h2", {}, "Add or edit a paper"), editForm,
    el("h2", {}, "Delete a paper"), deleteForm,
    el("h2", {}, "Import papers"), importForm);
}

/** Sends a file in parts (JSONL by lines; CSV in one request, as its rows may span lines), moving the bar. */
async function importFile(file, progress, imported) {
  const text = await file.text();
  const csv = file.name.toLowerCase().endsWith(".csv");
  const parts = [];
  if (csv) {
    parts.push(text);
  } else {
    const lines = text.split(/\r?\n/).filter((line) => line.trim());
    for (let i = 0; i < lines.length; i += LINES_PER_REQUEST) {
      parts.push(lines.slice(i, i + LINES_PER_REQUEST).join("\n"));
    }
  }
  progress.max = parts.length || 1;
  progress.value = 0;
  let stored = 0;
  const errors = [];
  for (const part of parts) {
    try {
      const answer = await write("POST", "/api/papers/_bulk", part, csv ? "text/csv" : "application/x-ndjson");
      for (const result of answer.results) {
        if (result.status < 300) {
          stored++;
        } else {
          errors.push((result.id || "item " + result.position) + ": " + result.error);
        }
      }
    } catch (error) {
      errors.push(error.message);
      break;
    }
    progress.value += 1;
    replace(imported, notice(stored + " papers stored so far…"));
  }
  replace(imported, notice(stored + " papers stored" + (errors.length ? ", " + errors.length + " refused" : "")
    + "."), errors.length ? el("ul", {}, errors.map((e) => el("li", {}, e))) : null);
}
