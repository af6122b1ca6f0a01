// The map of the corpus: every paper as a point (from GET /api/map), coloured by cluster, each cluster's label at
// its centre. Pointing at a point, or moving to it with the arrow keys, names the paper; a click or Enter opens it;
// a search marks its hits. The points are painted into one image, so a draw stays quick for 100,000 papers, and
// the pointer finds its point in a grid, not by looking at every one. The map answer carries no titles: the title
// of the paper named is asked for then, and kept.
import { get, paperPath, ApiError } from "./api.js";
import { el, replace } from "./dom.js";
import { navigate } from "./app.js";

const CELL = 12; // pixels per cell of the hover grid
const PAD = 16; // pixels between the map's edge and the outermost points
const HINT = "Point at a paper, or focus the map and press an arrow key, to see its title.";
const KEYS = { ArrowRight: [1, 0], ArrowLeft: [-1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };

export async function renderMap(main) {
  document.title = "Map · simdex";
  const canvas = el("canvas", { id: "map-canvas", tabindex: "0", role: "application", "aria-roledescription": "map",
    "aria-label": "Map of the papers", "aria-describedby": "map-keys" });
  const tip = el("p", { id: "map-tip", class: "tip", "aria-live": "polite" }, HINT);
  const keys = el("p", { id: "map-keys", class: "hint" }, "On the map, the arrow keys move to the nearest paper in"
    + " that direction, Enter opens it and Escape lets it go; a cluster's button moves to the paper at its centre.");
  const box = el("input", { id: "map-q", type: "search", autocomplete: "off" });
  const status = el("p", { id: "map-status" });
  const form = el("form", { class: "search", role: "search" },
    el("label", { for: "map-q" }, "Mark the hits of a search"), box, el("button", { type: "submit" }, "Mark"));
  replace(main, el("h1", {}, "Map of the corpus"), status);
  let map;
  try {
    map = await get("/api/map");
  } catch (error) {
    replace(status, error instanceof ApiError && error.status === 404 ? "map not available" : error.message);
    status.className = "notice";
    return;
  }
  replace(status, map.papers + " papers, " + map.clusters.length + " clusters (" + map.method + ").");
  const legend = el("ul", { class: "map-legend", "aria-label": "Clusters" });
  main.append(form, el("div", { class: "map" }, canvas), tip, keys, el("h2", {}, "Clusters"), legend);
  const view = new MapView(canvas, map, tip);
  for (const cluster of map.clusters) {
    const swatch = el("span", { class: "swatch", "aria-hidden": "true" });
    swatch.style.background = view.colours[cluster.id].css;
    legend.append(el("li", {}, el("button", { type: "button", "data-cluster": cluster.id,
      onclick: () => view.enterCluster(cluster) }, swatch, cluster.label + " (" + cluster.size + " papers)")));
  }
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!box.value.trim()) {
      view.mark([]);
      return;
    }
    try {
      const answer = await get("/api/search", { q: box.value.trim(), k: 50 });
      view.mark(answer.results.map((r) => r.id));
      replace(status, answer.results.length + " hits marked.");
    } catch (error) {
      replace(status, error.message);
    }
  });
}

/** A cluster's colour, as CSS for the page and as one RGBA pixel for the painted image. */
function colour(i) {
  const h = (Math.round(i * 137.5) % 360) / 60;
  const s = 0.65;
  const l = 0.42;
  const c = (1 - Math.abs(2 * l - 1)) * s;
  const x = c * (1 - Math.abs(h % 2 - 1));
  const [r, g, b] = h < 1 ? [c, x, 0] : h < 2 ? [x, c, 0] : h < 3 ? [0, c, x] : h < 4 ? [0, x, c]
    : h < 5 ? [x, 0, c] : [c, 0, x];
  const byte = (v) => Math.round((v + l - c / 2) * 255);
  return { css: "rgb(" + byte(r) + " " + byte(g) + " " + byte(b) + ")", pixel: pixel(byte(r), byte(g), byte(b)) };
}

/** One opaque pixel of an ImageData seen as 32-bit words (little-endian: red in the low byte). */
function pixel(r, g, b) {
  return ((255 << 24) | (b << 16) | (g << 8) | r) >>> 0;
}

const WHITE = pixel(255, 255, 255);
const GREY = pixel(200, 200, 200);

/**
 * The canvas, its points in pixels, the grid that finds the point under the pointer, the painted points (kept,
 * so moving the keyboard's cursor or hovering redraws only what lies on top) and the paper the cursor is on.
 */
class MapView {
  constructor(canvas, map, tip) {
    this.canvas = canvas;
    this.map = map;
    this.tip = tip;
    this.ids = map.points.id;
    this.n = this.ids.length;
    this.colours = map.clusters.map((c, i) => colour(i));
    this.hits = [];
    this.hit = new Uint8Array(this.n);
    this.current = -1;
    this.titles = new Map();
    this.width = 0;
    canvas.dataset.points = "0";
    canvas.addEventListener("mousemove", (event) => {
      const i = this.at(event);
      canvas.style.cursor = i >= 0 ? "pointer" : "default";
      this.name(i);
    });
    canvas.addEventListener("click", (event) => {
      const i = this.at(event);
      if (i >= 0) {
        navigate("/papers/" + encodeURIComponent(this.ids[i]));
      }
    });
    canvas.addEventListener("keydown", (event) => this.key(event));
    new ResizeObserver(() => this.draw()).observe(canvas.parentElement);
  }

  /** Marks these papers (search hits): the others turn grey. */
  mark(ids) {
    this.hit.fill(0);
    if (!this.index) {
      this.index = new Map(this.ids.map((id, i) => [id, i]));
    }
    this.hits = ids.map((id) => this.index.get(id)).filter((i) => i !== undefined);
    for (const i of this.hits) {
      this.hit[i] = 1;
    }
    this.draw();
  }

  /** Everything: the points' places when the size changed, the painted points, then what lies on top. */
  draw() {
    if (!this.canvas.parentElement.clientWidth) {
      return; // not on the page (yet): nothing to draw on
    }
    const started = performance.now();
    this.layout();
    this.paint();
    this.compose();
    this.canvas.dataset.points = String(this.n);
    this.canvas.dataset.drawMs = (performance.now() - started).toFixed(1);
    // when the map was first on the page, from the start of the navigation (for measurements)
    this.canvas.dataset.shownAfterMs = this.canvas.dataset.shownAfterMs || performance.now().toFixed(0);
  }

  /** Sizes the canvas to its box and, when the width changed, places the points and fills the hover grid. */
  layout() {
    const width = this.canvas.parentElement.clientWidth;
    if (width === this.width) {
      return;
    }
    const height = Math.max(320, Math.round(width * 0.66));
    this.width = width;
    this.height = height;
    this.ratio = window.devicePixelRatio || 1;
    this.canvas.width = Math.round(width * this.ratio);
    this.canvas.height = Math.round(height * this.ratio);
    this.canvas.style.width = width + "px";
    this.canvas.style.height = height + "px";
    this.px = new Float32Array(this.n);
    this.py = new Float32Array(this.n);
    this.columns = Math.ceil(width / CELL) + 1;
    const cells = this.columns * (Math.ceil(height / CELL) + 1);
    const cellOf = new Int32Array(this.n);
    this.cellStart = new Int32Array(cells + 1);
    for (let i = 0; i < this.n; i++) {
      this.px[i] = this.sx(this.map.points.x[i]);
      this.py[i] = this.sy(this.map.points.y[i]);
      cellOf[i] = Math.floor(this.py[i] / CELL) * this.columns + Math.floor(this.px[i] / CELL);
      this.cellStart[cellOf[i] + 1]++;
    }
    for (let c = 0; c < cells; c++) {
      this.cellStart[c + 1] += this.cellStart[c];
    }
    const next = this.cellStart.slice(0, cells);
    this.inCell = new Int32Array(this.n); // point numbers, cell by cell
    for (let i = 0; i < this.n; i++) {
      this.inCell[next[cellOf[i]]++] = i;
    }
  }

  sx(x) {
    return PAD + (x + 1) / 2 * (this.width - 2 * PAD);
  }

  sy(y) {
    return PAD + (1 - y) / 2 * (this.height - 2 * PAD);
  }

  /** Paints every point as a small square into one image: those not marked first, the marked on top. */
  paint() {
    const w = this.canvas.width;
    const h = this.canvas.height;
    this.image = new ImageData(w, h);
    const pixels = new Uint32Array(this.image.data.buffer);
    pixels.fill(WHITE);
    const side = Math.max(2, Math.round(4 * this.ratio));
    const dot = (i, value) => {
      const x0 = Math.max(0, Math.round(this.px[i] * this.ratio - side / 2));
      const y0 = Math.max(0, Math.round(this.py[i] * this.ratio - side / 2));
      const x1 = Math.min(w, x0 + side);
      const y1 = Math.min(h, y0 + side);
      for (let y = y0; y < y1; y++) {
        pixels.fill(value, y * w + x0, y * w + x1);
      }
    };
    const grey = this.hits.length > 0;
    const cluster = this.map.points.cluster;
    for (let i = 0; i < this.n; i++) {
      if (!this.hit[i]) {
        dot(i, grey ? GREY : this.colours[cluster[i]].pixel);
      }
    }
    for (const i of this.hits) {
      dot(i, this.colours[cluster[i]].pixel);
    }
  }

  /** The painted points, then the marked papers' rings, the clusters' labels and the keyboard's cursor. */
  compose() {
    const g = this.canvas.getContext("2d");
    g.putImageData(this.image, 0, 0);
    g.setTransform(this.ratio, 0, 0, this.ratio, 0, 0);
    g.strokeStyle = "#000";
    g.lineWidth = 2;
    for (const i of this.hits) {
      g.beginPath();
      g.arc(this.px[i], this.py[i], 6, 0, 2 * Math.PI);
      g.stroke();
    }
    g.font = "bold 13px system-ui, sans-serif";
    g.textAlign = "center";
    for (const c of this.map.clusters) {
      g.lineWidth = 3;
      g.strokeStyle = "rgba(255,255,255,0.85)";
      g.strokeText(c.label, this.sx(c.x), this.sy(c.y));
      g.fillStyle = "#111";
      g.fillText(c.label, this.sx(c.x), this.sy(c.y));
    }
    if (this.current >= 0) {
      for (const [width, style] of [[5, "#fff"], [3, "#b3541e"]]) {
        g.lineWidth = width;
        g.strokeStyle = style;
        g.beginPath();
        g.arc(this.px[this.current], this.py[this.current], 9, 0, 2 * Math.PI);
        g.stroke();
      }
    }
    g.setTransform(1, 0, 0, 1, 0, 0);
  }

  /** The point under the pointer (within 6 pixels), or -1. */
  at(event) {
    const box = this.canvas.getBoundingClientRect();
    const x = event.clientX - box.left;
    const y = event.clientY - box.top;
    let best = -1;
    let bestDistance = 36;
    const column = Math.floor(x / CELL);
    const row = Math.floor(y / CELL);
    for (let cx = Math.max(0, column - 1); cx <= Math.min(this.columns - 1, column + 1); cx++) {
      for (let cy = Math.max(0, row - 1); cy <= row + 1; cy++) {
        const cell = cy * this.columns + cx;
        if (cell + 1 >= this.cellStart.length) {
          continue;
        }
        for (let k = this.cellStart[cell]; k < this.cellStart[cell + 1]; k++) {
          const i = this.inCell[k];
          const d = (this.px[i] - x) ** 2 + (this.py[i] - y) ** 2;
          if (d < bestDistance) {
            bestDistance = d;
            best = i;
          }
        }
      }
    }
    return best;
  }

  /** Says which paper point i is (its title once known, its id until then); -1 says the hint. */
  name(i) {
    this.named = i;
    if (i < 0) {
      replace(this.tip, HINT);
      return;
    }
    const id = this.ids[i];
    const cluster = this.map.clusters[this.map.points.cluster[i]];
    const say = (title) => replace(this.tip, title + (cluster ? " (cluster: " + cluster.label + ")" : ""));
    if (this.titles.has(id)) {
      say(this.titles.get(id));
      return;
    }
    say(id);
    get(paperPath(id)).then((paper) => {
      this.titles.set(id, paper.title || id);
      if (this.named === i) {
        say(this.titles.get(id));
      }
    }, () => {
      this.titles.set(id, id);
    });
  }

  /** Puts the keyboard's cursor on point i and names it. */
  moveTo(i) {
    this.current = i;
    this.canvas.dataset.current = i >= 0 ? this.ids[i] : "";
    this.compose();
    this.name(i);
  }

  /** The arrow keys move the cursor, Enter opens its paper, Escape lets it go. */
  key(event) {
    if (this.n === 0) {
      return;
    }
    if (KEYS[event.key]) {
      event.preventDefault();
      this.moveTo(this.current < 0 ? this.nearest(this.sx(0), this.sy(0), () => true)
        : this.step(this.current, ...KEYS[event.key]));
    } else if (event.key === "Enter" && this.current >= 0) {
      event.preventDefault();
      navigate("/papers/" + encodeURIComponent(this.ids[this.current]));
    } else if (event.key === "Escape" && this.current >= 0) {
      event.preventDefault();
      this.moveTo(-1);
    }
  }

  /**
   * The nearest point from point i in direction (dx, dy), within 45 degrees of it (sideways distance counts
   * double); papers drawn on the same spot are stepped through in order. Point i itself when there is none.
   */
  step(i, dx, dy) {
    const forward = dx + dy > 0;
    let best = i;
    let bestScore = Infinity;
    for (let j = 0; j < this.n; j++) {
      const vx = this.px[j] - this.px[i];
      const vy = this.py[j] - this.py[i];
      const along = vx * dx + vy * dy;
      const across = Math.abs(vx * dy - vy * dx);
      let score;
      if (along === 0 && across === 0) {
        if (j === i || (forward ? j < i : j > i)) {
          continue;
        }
        score = -1 / Math.abs(j - i); // the same spot comes before any other, the next one in order first
      } else if (along > 0 && across <= along) {
        score = along + 2 * across;
      } else {
        continue;
      }
      if (score < bestScore) {
        bestScore = score;
        best = j;
      }
    }
    return best;
  }

  /** The point nearest (x, y) in pixels among those accept(i) takes, or -1. */
  nearest(x, y, accept) {
    let best = -1;
    let bestDistance = Infinity;
    for (let i = 0; i < this.n; i++) {
      const d = (this.px[i] - x) ** 2 + (this.py[i] - y) ** 2;
      if (d < bestDistance && accept(i)) {
        bestDistance = d;
        best = i;
      }
    }
    return best;
  }

  /** Moves the cursor to the cluster's paper nearest its centre, and the focus to the map. */
  enterCluster(cluster) {
    const of = this.map.points.cluster;
    this.moveTo(this.nearest(this.sx(cluster.x), this.sy(cluster.y), (i) => of[i] === cluster.id));
    this.canvas.focus();
  }
}
