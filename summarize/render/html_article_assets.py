"""Style sheet and script of the article page (inlined by :mod:`summarize.render.html_article`).

The script only reads the page's own ``data-*`` attributes; it never inserts article
text as HTML, so escaped text stays text.
"""

from __future__ import annotations

ARTICLE_CSS = """
.legend { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 14px; margin-top: 14px;
  font-size: 13px; }
.legend-title { font-weight: 600; color: var(--muted); text-transform: uppercase;
  letter-spacing: .06em; font-size: 12px; }
.legend .swatch mark { padding: 1px 6px; cursor: default; }
.legend .stats { color: var(--ink); font-weight: 500; }
.legend .hint { color: var(--muted); }
.layout { display: grid; grid-template-columns: minmax(0, 1fr) 460px; gap: 28px;
  align-items: start; }
.article-text { white-space: pre-wrap; overflow-wrap: anywhere; font: 18px/1.75 var(--serif);
  background: var(--paper); border: 1px solid var(--line); border-radius: 10px;
  padding: 28px 36px; max-width: 78ch; margin: 0 auto; }
mark { color: inherit; background: transparent; border-radius: 3px; padding: 2px 0;
  cursor: pointer; transition: background-color .12s, box-shadow .12s; }
mark.k-event { background: var(--event); }
mark.k-claim { background: var(--claim); box-shadow: inset 0 -2px 0 var(--claim-strong); }
mark.k-event.k-claim { background: var(--event); }
mark.k-withheld { background: none; text-decoration: line-through wavy #b42318; color: #7a271a; }
body.focus .article-text mark:not(.sel):not(.hov) { background: #f1f3f6; box-shadow: none; }
.article-text mark.hov-event, .article-text mark.sel-event { background: #fbbf24;
  box-shadow: 0 0 0 2px #b45309; }
.article-text mark.hov-claim, .article-text mark.sel-claim { background: #b4c0ff;
  box-shadow: 0 0 0 2px var(--claim-strong); }
.panel { position: sticky; top: 12px; max-height: calc(100vh - 24px); overflow-y: auto;
  padding-right: 4px; }
.panel-nav { position: sticky; top: 0; z-index: 1; display: flex; gap: 6px; padding: 0 0 8px;
  background: var(--bg); }
.panel-nav a { flex: 1; text-align: center; text-decoration: none; color: var(--ink);
  font-weight: 600; font-size: 13px; padding: 5px 8px; border: 1px solid var(--line);
  border-radius: 8px; background: var(--paper); }
.panel-nav a:hover { border-color: var(--muted); }
.panel h2 { margin: 4px 0 10px; display: flex; align-items: center; gap: 8px; }
.panel-section + .panel-section h2 { margin-top: 22px; }
.count { font-size: 12px; font-weight: 600; color: var(--muted); background: var(--neutral-bg);
  border-radius: 999px; padding: 0 8px; }
.item { background: var(--paper); border: 1px solid var(--line); border-left: 4px solid;
  border-radius: 8px; padding: 10px 12px 8px; margin-bottom: 10px; cursor: pointer;
  outline: none; transition: box-shadow .12s; }
.item.event { border-left-color: var(--event-strong); }
.item.claim { border-left-color: var(--claim-strong); }
.item:hover, .item:focus-visible { box-shadow: 0 2px 10px rgba(28, 36, 48, .12); }
.item.selected { box-shadow: 0 0 0 2px var(--ink); }
.item.ungrounded { border-style: dashed; border-left-style: solid; border-left-color: var(--bad);
  background: #fffafa; }
.item header { display: flex; flex-wrap: wrap; align-items: center; gap: 6px;
  margin-bottom: 6px; }
.item-id { font: 700 12px/20px var(--mono); padding: 0 6px; border-radius: 4px; }
.item-id.event { background: var(--event); color: var(--event-ink); }
.item-id.claim { background: var(--claim); color: var(--claim-ink); }
.item-id.withheld { background: #fee4e2; color: #7a271a; }
.item-title { font-weight: 600; }
.assertion { margin: 0 0 6px; font-weight: 500; }
.facts { display: grid; grid-template-columns: 96px minmax(0, 1fr); gap: 2px 10px; margin: 0;
  font-size: 13.5px; }
.facts dt { color: var(--muted); }
.facts dd { margin: 0; overflow-wrap: anywhere; }
.evidence { list-style: none; margin: 8px 0 0; padding: 0; }
.ev { font: 13.5px/1.45 var(--serif); color: #2b3340; border-left: 3px solid var(--line);
  padding: 2px 0 2px 8px; margin: 4px 0; }
.ev[data-ev]:hover { border-left-color: var(--ink); }
.ev q::before { content: "“"; } .ev q::after { content: "”"; }
.ev .pos { font: 11.5px var(--mono); color: var(--muted); white-space: nowrap; }
.ev.missing { border-left-color: var(--bad); }
@media (max-width: 980px) {
  .layout { grid-template-columns: 1fr; }
  .panel { position: static; max-height: none; }
}
"""

ARTICLE_JS = """
(() => {
  "use strict";
  const marks = Array.from(document.querySelectorAll(".article-text mark[data-ev]"));
  const items = Array.from(document.querySelectorAll(".item[data-kind]"));
  const byEvidence = new Map();
  for (const mark of marks) {
    for (const id of mark.dataset.ev.split(" ")) {
      if (!byEvidence.has(id)) byEvidence.set(id, []);
      byEvidence.get(id).push(mark);
    }
  }
  const ids = (el) => (el.dataset.ev || "").split(" ").filter(Boolean);
  const marksOf = (list) => list.flatMap((id) => byEvidence.get(id) || []);
  let selected = null;
  let timer = 0;

  function light(name, item, list) {
    for (const mark of document.querySelectorAll("mark." + name)) {
      mark.classList.remove(name, name + "-event", name + "-claim");
    }
    if (!item) return [];
    const hit = marksOf(list || ids(item));
    for (const mark of hit) mark.classList.add(name, name + "-" + item.dataset.kind);
    return hit;
  }
  function reveal(el) {
    const box = el.getBoundingClientRect();
    if (box.top < 0 || box.bottom > window.innerHeight) {
      el.scrollIntoView({ block: "center", behavior: "smooth" });
    }
  }
  function showInPanel(item) {
    const panel = item.closest(".panel");
    if (panel && item.offsetParent === panel && panel.scrollHeight > panel.clientHeight) {
      const top = item.offsetTop;
      const bottom = top + item.offsetHeight;
      if (top < panel.scrollTop || bottom > panel.scrollTop + panel.clientHeight) {
        panel.scrollTo({ top: top - 8, behavior: "smooth" });
      }
    } else {
      item.scrollIntoView({ block: "nearest", behavior: "smooth" });
    }
  }
  // from: "panel" (a card or quote was used), "text" (a mark was clicked) or "link" (#hash).
  function select(item, from, list) {
    if (selected) selected.classList.remove("selected");
    selected = item;
    document.body.classList.toggle("focus", Boolean(item));
    const hit = light("sel", item, list);
    if (!item) return;
    item.classList.add("selected");
    if (from !== "text" && hit.length) reveal(hit[0]);
    if (from !== "panel") showInPanel(item);
  }
  for (const item of items) {
    const enter = () => {
      const hit = light("hov", item);
      clearTimeout(timer);
      if (hit.length) timer = setTimeout(() => reveal(hit[0]), 350);
    };
    const leave = () => { clearTimeout(timer); light("hov", null); };
    item.addEventListener("mouseenter", enter);
    item.addEventListener("mouseleave", leave);
    item.addEventListener("focus", enter);
    item.addEventListener("blur", leave);
    item.addEventListener("click", () => select(selected === item ? null : item, "panel"));
    item.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        select(selected === item ? null : item, "panel");
      }
    });
  }
  for (const quote of document.querySelectorAll(".ev[data-ev]")) {
    quote.addEventListener("click", (event) => {
      event.stopPropagation();
      select(quote.closest(".item"), "panel", ids(quote));
    });
  }
  for (const mark of marks) {
    mark.addEventListener("click", () => {
      const owners = mark.dataset.items.split(" ");
      const at = selected ? owners.indexOf(selected.id) : -1;
      select(document.getElementById(owners[(at + 1) % owners.length]), "text");
    });
  }
  function fromHash() {
    const id = decodeURIComponent(window.location.hash.slice(1));
    const target = id ? document.getElementById(id) : null;
    if (target && target.classList.contains("item")) select(target, "link");
  }
  window.addEventListener("hashchange", fromHash);
  fromHash();
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") select(null, "panel");
  });
  document.body.dataset.highlighted = String(byEvidence.size);
  document.body.dataset.ready = "true";
})();
"""
