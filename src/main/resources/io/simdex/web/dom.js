// Building DOM nodes from text: every text from the collection goes through text nodes, never through HTML parsing.

/** An element with attributes (event handlers for keys starting with "on") and children (nodes or texts). */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (key.startsWith("on")) {
      node.addEventListener(key.slice(2), value);
    } else if (key === "class") {
      node.className = value;
    } else {
      node.setAttribute(key, value === true ? "" : String(value));
    }
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) {
      continue;
    }
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces a node's children. */
export function replace(node, ...children) {
  node.replaceChildren();
  append(node, children);
  return node;
}

const STOP_WORDS = new Set(["the", "and", "for", "with", "from", "that", "this", "into", "are", "was", "its",
  "our", "via", "using", "use", "of", "on", "in", "to", "a", "an", "is", "by", "we"]);

/** The words of a query worth highlighting: three letters or more, not a stop word. */
export function queryWords(query) {
  return [...new Set((query || "").toLowerCase().match(/[\p{L}\p{N}]{3,}/gu) || [])]
    .filter((word) => !STOP_WORDS.has(word));
}

/**
 * The text as nodes, each word that starts like one of the query words wrapped in a mark element
 * ("network" marks "networks").
 */
export function highlighted(text, words) {
  const fragment = document.createDocumentFragment();
  if (!words.length) {
    fragment.append(text);
    return fragment;
  }
  const stems = words.map((word) => (word.length > 5 ? word.slice(0, word.length - 2) : word)
    .replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  const pattern = new RegExp("(?<![\\p{L}\\p{N}])(?:" + stems.join("|") + ")[\\p{L}\\p{N}]*", "giu");
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    fragment.append(text.slice(last, match.index), el("mark", {}, match[0]));
    last = match.index + match[0].length;
  }
  fragment.append(text.slice(last));
  return fragment;
}

/** The first sentences of a text, at most about this many characters. */
export function firstLines(text, characters = 320) {
  if (text.length <= characters) {
    return text;
  }
  const cut = text.lastIndexOf(" ", characters);
  return text.slice(0, cut > 0 ? cut : characters) + " …";
}

/** A message in the view, e.g. an error or "nothing found". */
export function notice(text, kind = "info") {
  return el("p", { class: "notice " + kind, role: kind === "error" ? "alert" : "status" }, text);
}

/** A link to a paper's page that the page follows without reloading. */
export function paperLink(id, title) {
  return el("a", { href: "/papers/" + encodeURIComponent(id), "data-route": true }, title || id);
}

/** A sentence pair: the text's sentence and the paper's, side by side, and their cosine. */
export function sentencePair(explanation, leftLabel = "Your text", rightLabel = "This paper") {
  return el("div", { class: "pair" },
    el("figure", {}, el("figcaption", {}, leftLabel), el("blockquote", {}, explanation.query_sentence)),
    el("figure", {}, el("figcaption", {}, rightLabel), el("blockquote", {}, explanation.match_sentence)),
    el("p", { class: "pair-score" }, "sentence cosine " + explanation.score.toFixed(3)));
}
