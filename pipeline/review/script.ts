// The review page's script, written beside the page as review.js: plain JavaScript for the browser, kept as text
// here so that the compiled build carries it (no template literals inside, so that it can sit in String.raw).
// Hovering or selecting a cell of an extracted table highlights its box on the crop and shows what was read from
// it; arrow keys move between cells; "Copy as truth" copies the table in the truth format. No network, no
// storage: it works from file://.
export const SCRIPT = String.raw`"use strict";
(() => {
  const FIELDS = [
    ["raw", "printed"], ["value", "value"], ["unit", "unit"], ["period", "period"], ["setting", "setting"], ["note", "note"],
    ["footnote", "footnote"], ["missing", "missing"], ["value2", "second value"], ["value2_relation", "relation"],
    ["unit2", "second unit"], ["setting2", "second setting"], ["normalized", "repaired text"], ["confidence", "OCR confidence"],
    ["row_key", "row key"], ["col_key", "column key"], ["page", "page"],
  ];
  const cache = new WeakMap();
  const cellsOf = (article) => {
    if (!cache.has(article)) cache.set(article, JSON.parse(article.querySelector("script.cells").textContent));
    return cache.get(article);
  };
  let selected = null;

  function mark(td, on) {
    const article = td.closest("article");
    const key = td.dataset.cell;
    td.classList.toggle("on", on);
    for (const r of article.querySelectorAll('rect.cell[data-cell="' + key + '"]')) r.classList.toggle("on", on);
  }

  function show(td) {
    const article = td.closest("article");
    const data = cellsOf(article)[td.dataset.cell];
    const info = article.querySelector(".cell-info");
    if (!data || !info) return;
    const dl = document.createElement("dl");
    const add = (name, value, cls) => {
      const dt = document.createElement("dt");
      dt.textContent = name;
      const dd = document.createElement("dd");
      dd.textContent = value;
      if (cls) dd.className = cls;
      dl.append(dt, dd);
    };
    add("cell", "row " + data.row + ", column " + data.col + " (" + (data.level === "ok" ? "no problem" : data.level) + ")");
    for (const [key, name] of FIELDS) if (key in data) add(name, String(data[key]));
    for (const p of data.problems || []) add("problem", p, "problem");
    info.replaceChildren(dl);
  }

  function enter(td) {
    if (selected && selected !== td) mark(selected, false);
    mark(td, true);
    show(td);
  }

  function leave(td) {
    if (td === selected) return;
    mark(td, false);
    if (selected) enter(selected);
  }

  function select(td) {
    if (selected && selected !== td) {
      selected.setAttribute("aria-selected", "false");
      mark(selected, false);
    }
    selected = td;
    td.setAttribute("aria-selected", "true");
    enter(td);
  }

  const cellOf = (e) => (e.target instanceof Element ? e.target.closest("table.grid td[data-cell]") : null);
  document.addEventListener("mouseover", (e) => {
    const td = cellOf(e);
    if (td) enter(td);
  });
  document.addEventListener("mouseout", (e) => {
    const td = cellOf(e);
    if (td) leave(td);
  });
  document.addEventListener("click", (e) => {
    const td = cellOf(e);
    if (td) select(td);
  });
  document.addEventListener("focusin", (e) => {
    const td = cellOf(e);
    if (td) select(td);
  });

  // Arrow keys move between the cells of one extracted table (roving tabindex: one cell per table is tabbable).
  document.addEventListener("keydown", (e) => {
    const td = cellOf(e);
    if (!td) return;
    const moves = { ArrowLeft: [0, -1], ArrowRight: [0, 1], ArrowUp: [-1, 0], ArrowDown: [1, 0] };
    const move = moves[e.key];
    if (!move) return;
    e.preventDefault();
    const [row, col] = td.dataset.cell.split(",").map(Number);
    const cells = [...td.closest("table").querySelectorAll("td[data-cell]")].map((c) => ({ c, rc: c.dataset.cell.split(",").map(Number) }));
    const candidates = cells.filter(({ rc }) => (move[0] ? Math.sign(rc[0] - row) === move[0] : rc[0] === row) && (move[1] ? Math.sign(rc[1] - col) === move[1] : true));
    const dist = ({ rc }) => Math.abs(rc[0] - row) * 1000 + Math.abs(rc[1] - col);
    const next = candidates.sort((a, b) => dist(a) - dist(b))[0];
    if (!next) return;
    td.tabIndex = -1;
    next.c.tabIndex = 0;
    next.c.focus();
  });

  // Copy as truth: the clipboard where the browser allows it, else a selected text area the user copies from.
  document.addEventListener("click", async (e) => {
    const button = e.target instanceof Element ? e.target.closest("button.copy-truth") : null;
    if (!button) return;
    const article = button.closest("article");
    const text = JSON.parse(article.querySelector("script.truth").textContent);
    const status = article.querySelector(".copied");
    try {
      await navigator.clipboard.writeText(text);
      status.textContent = "Copied: paste it into a truth file and correct it by hand against the page.";
    } catch {
      const area = document.createElement("textarea");
      area.value = text;
      area.rows = 8;
      area.cols = 80;
      area.setAttribute("aria-label", "the table in the truth format");
      button.after(area);
      area.select();
      const copied = document.execCommand && document.execCommand("copy");
      status.textContent = copied ? "Copied." : "The browser refused the clipboard: copy the selected text.";
    }
  });
})();
`;
