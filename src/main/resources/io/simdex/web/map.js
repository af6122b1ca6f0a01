// The map of the corpus: every paper as a point (from GET /api/map), coloured by cluster, each cluster's label at
// its centre; hover names a paper, a click opens it, a search marks its hits. Drawn on one canvas, so it stays
// quick for many papers; hover looks points up in a grid, not one by one.
import { get, ApiError } from "./api.js";
import { el, replace, notice } from "./dom.js";
import { navigate } from "./app.js";

const CELL = 12; // pixels per cell of the hover grid

export async function renderMap(main) {
  document.title = "Map · simdex";
  const canvas = el("canvas", { id: "map-canvas", role: "img", "aria-label": "Map of the papers" });
  const tip = el("p", { id: "map-tip", class: "tip", "aria-live": "polite" }, "Point at a paper to see its title.");
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
  main.append(form, el("div", { class: "map" }, canvas), tip);
  const view = new MapView(canvas, map, tip);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!box.value.trim()) {
      view.mark(new Set());
      return;
    }
    try {
      const answer = await get("/api/search", { q: box.value.trim(), k: 50 });
      view.mark(new Set(answer.results.map((r) => r.id)));
      replace(status, answer.results.length + " hits marked.");
    } catch (error) {
      replace(status, error.message);
    }
  });
}

/** The canvas, its points in pixels, and the grid that finds the point under the pointer. */
class MapView {
  constructor(canvas, map, tip) {
    this.canvas = canvas;
    this.map = map;
    this.tip = tip;
    this.hits = new Set();
    this.colours = new Map(map.clusters.map((c, i) => [c.id, "hsl(" + Math.round(i * 137.5) % 360
      + " 65% 42%)"]));
    canvas.dataset.points = "0";
    canvas.addEventListener("mousemove", (event) => this.hover(event));
    canvas.addEventListener("click", (event) => {
      const point = this.at(event);
      if (point) {
        navigate("/papers/" + encodeURIComponent(point.id));
      }
    });
    new ResizeObserver(() => this.draw()).observe(canvas.parentElement);
  }

  mark(hits) {
    this.hits = hits;
    this.draw();
  }

  draw() {
    const started = performance.now();
    const ratio = window.devicePixelRatio || 1;
    const width = this.canvas.parentElement.clientWidth;
    const height = Math.max(320, Math.round(width * 0.66));
    this.canvas.width = width * ratio;
    this.canvas.height = height * ratio;
    this.canvas.style.width = width + "px";
    this.canvas.style.height = height + "px";
    const g = this.canvas.getContext("2d");
    g.scale(ratio, ratio);
    g.fillStyle = "#fff";
    g.fillRect(0, 0, width, height);
    const pad = 16;
    const sx = (x) => pad + (x + 1) / 2 * (width - 2 * pad);
    const sy = (y) => pad + (1 - y) / 2 * (height - 2 * pad);
    this.grid = new Map();
    this.pixels = [];
    for (const p of this.map.points) {
      const x = sx(p.x);
      const y = sy(p.y);
      this.pixels.push({ x, y, p });
      const key = Math.floor(x / CELL) + "," + Math.floor(y / CELL);
      (this.grid.get(key) || this.grid.set(key, []).get(key)).push(this.pixels.length - 1);
      g.fillStyle = this.hits.size && !this.hits.has(p.id) ? "#c8c8c8" : (this.colours.get(p.cluster) || "#555");
      g.fillRect(x - 2, y - 2, 4, 4);
    }
    for (const { x, y, p } of this.pixels) {
      if (this.hits.has(p.id)) {
        g.strokeStyle = "#000";
        g.lineWidth = 2;
        g.beginPath();
        g.arc(x, y, 6, 0, 2 * Math.PI);
        g.stroke();
      }
    }
    g.font = "bold 13px system-ui, sans-serif";
    g.textAlign = "center";
    for (const c of this.map.clusters) {
      g.lineWidth = 3;
      g.strokeStyle = "rgba(255,255,255,0.85)";
      g.strokeText(c.label, sx(c.x), sy(c.y));
      g.fillStyle = "#111";
      g.fillText(c.label, sx(c.x), sy(c.y));
    }
    this.canvas.dataset.points = String(this.pixels.length);
    this.canvas.dataset.drawMs = (performance.now() - started).toFixed(1);
  }

  at(event) {
    const box = this.canvas.getBoundingClientRect();
    const x = event.clientX - box.left;
    const y = event.clientY - box.top;
    let best = null;
    let bestDistance = 36; // within 6 pixels
    for (let cx = Math.floor(x / CELL) - 1; cx <= Math.floor(x / CELL) + 1; cx++) {
      for (let cy = Math.floor(y / CELL) - 1; cy <= Math.floor(y / CELL) + 1; cy++) {
        for (const i of this.grid.get(cx + "," + cy) || []) {
          const d = (this.pixels[i].x - x) ** 2 + (this.pixels[i].y - y) ** 2;
          if (d < bestDistance) {
            bestDistance = d;
            best = this.pixels[i].p;
          }
        }
      }
    }
    return best;
  }

  hover(event) {
    const point = this.at(event);
    this.canvas.style.cursor = point ? "pointer" : "default";
    replace(this.tip, point ? point.title || point.id : "Point at a paper to see its title.");
  }
}
