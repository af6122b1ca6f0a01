// The page's router: the address says which view to show; links with data-route change it without a reload,
// and back/forward (popstate) show the view of the address they return to.
import { renderSearch } from "./search.js";
import { renderPaper } from "./paper.js";
import { renderCheck } from "./check.js";
import { renderClusters } from "./clusters.js";
import { renderMap } from "./map.js";
import { renderManage } from "./manage.js";

const VIEWS = { search: renderSearch, check: renderCheck, clusters: renderClusters, map: renderMap, manage: renderManage };

/**
 * Goes to an address of this page: pushes it on the history, then shows its view. The view takes the focus, so
 * the next Tab goes to its first control, not back to the top of the page.
 */
export function navigate(url) {
  if (url !== location.pathname + location.search) {
    history.pushState(null, "", url);
    window.scrollTo(0, 0);
  }
  focusView();
  return show();
}

/** Puts the keyboard focus on the view (the element whose content changes), e.g. after a link replaced it. */
function focusView() {
  document.getElementById("view").focus({ preventScroll: true });
}

/** Replaces the current address without a new history entry (e.g. while typing). */
export function replaceAddress(url) {
  history.replaceState(null, "", url);
}

async function show() {
  const main = document.getElementById("view");
  const paper = location.pathname.match(/^\/papers\/([^/]+)$/);
  const parameters = new URLSearchParams(location.search);
  const view = paper ? "paper" : (VIEWS[parameters.get("view")] ? parameters.get("view") : "search");
  for (const link of document.querySelectorAll("nav a[data-view]")) {
    if (link.dataset.view === view) {
      link.setAttribute("aria-current", "page");
    } else {
      link.removeAttribute("aria-current");
    }
  }
  document.body.dataset.view = view;
  if (paper) {
    await renderPaper(main, decodeURIComponent(paper[1]));
  } else {
    await VIEWS[view](main, parameters);
  }
}

document.addEventListener("click", (event) => {
  const link = event.target.closest("a[data-route]");
  if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) {
    return;
  }
  event.preventDefault();
  navigate(link.getAttribute("href"));
});

window.addEventListener("popstate", () => {
  focusView();
  show();
});
show();
