// One table on the review page: the crops of the page regions it came from with the table's box and every cell's
// box drawn over them (for a text input, the table as printed in the text), beside the table as extracted; each
// cell carries what was read from it (review.js shows it on hover or selection) and its doubt; the problems; the
// table's structure in the truth format for "copy as truth". Pure.
import type { Report, Table } from "../../schemas/index.ts";
import { cellKey, cellLevel, type Doubts } from "./doubt.ts";
import { anchorOf, badge, type CropInfo, cropFigure, esc, jsonScript, problemList, rect } from "./html-common.ts";
import { tableRegions } from "./regions.ts";
import { keyOf, layoutTable, periodOf } from "./table-layout.ts";
import { truthText } from "./truth.ts";

export function tableArticle(report: Report, t: Table, d: Doubts, crops: Map<string, CropInfo> | null): string {
  const td = d.tables.get(t.id)!;
  const cellProblems = [...td.cells.entries()].sort(([a], [b]) => compareKeys(a, b)).flatMap(([, ps]) => ps);
  const facts = [
    t.page === null ? null : `page ${t.page}`,
    t.source ? `source: ${t.source}` : "no source line",
    t.unit ? `unit: ${t.unit}` : null,
    `${t.rows.length} rows × ${t.columns.length} columns, ${t.cells.length} cells`,
    td.confidence === null
      ? null
      : `lowest OCR confidence ${td.confidence}${td.lowConfidence ? ` (${td.lowConfidence} cells below the threshold)` : ""}`,
  ].filter(Boolean);
  const title = [t.label, t.title].filter(Boolean).join(" ");
  return [
    `<article class="table doubt-${td.level}" id="${anchorOf("t", t.id)}" data-table="${esc(t.id)}" aria-labelledby="h-${esc(t.id)}">`,
    `<h3 id="h-${esc(t.id)}">${badge(td.level)} ${esc(title || t.id)} <span class="id">${esc(t.id)}</span></h3>`,
    `<p class="facts">${facts.map(esc).join(" · ")}</p>`,
    problemList([...td.problems, ...cellProblems]),
    `<div class="pair"><div class="printed">${printed(report, t, d, crops)}</div>`,
    `<div class="extracted">${extractedGrid(t, d)}</div></div>`,
    `<div class="cell-info" aria-live="polite"><p class="hint">Hover over a cell or select it (arrow keys move) to see what was read from it.</p></div>`,
    `<p class="actions"><button type="button" class="copy-truth">Copy as truth</button> <span class="copied" role="status"></span></p>`,
    jsonScript("truth", truthText(report, t)),
    jsonScript("cells", cellData(t, d)),
    `</article>`,
  ].join("\n");
}

const compareKeys = (a: string, b: string) => {
  const [ar = 0, ac = 0] = a.split(",").map(Number);
  const [br = 0, bc = 0] = b.split(",").map(Number);
  return ar - br || ac - bc;
};

/** What was printed: the crops with the boxes, else the text's own grid (text input), else a note. */
function printed(report: Report, t: Table, d: Doubts, crops: Map<string, CropInfo> | null): string {
  if (report.source.format !== "pdf") {
    const rows = t.grid.map(
      (r, i) =>
        `<tr>${r.map((c) => (i < t.header_rows ? `<th scope="col">${esc(c)}</th>` : `<td>${esc(c)}</td>`)).join("")}</tr>`,
    );
    return `<p class="side">As printed in the text</p><table class="as-printed">${rows.join("")}</table>`;
  }
  const td = d.tables.get(t.id)!;
  const figures = tableRegions(t).map((r) => {
    const crop = crops?.get(r.name);
    if (!crop) return "";
    const shapes = [
      ...(t.box && t.box.page === r.page ? [rect("tbox", t.box)] : []),
      ...t.cells
        .filter((c) => c.box?.page === r.page)
        .map((c) => rect(`cell doubt-${cellLevel(c, td.cells.get(cellKey(c)))}`, c.box!, ` data-cell="${cellKey(c)}"`)),
    ];
    return cropFigure(r.name, crop, shapes.join(""), `${t.label ?? t.id} as printed, page ${r.page}`);
  });
  const shown = figures.filter(Boolean);
  if (shown.length) return `<p class="side">As printed</p>${shown.join("")}`;
  return `<p class="side">As printed</p><p class="no-crop">${t.cells.some((c) => c.box) ? "No crop: the source PDF was not found (see the note at the top)." : "No crop: the table has no position on the page."}</p>`;
}

function extractedGrid(t: Table, d: Doubts): string {
  const lay = layoutTable(t);
  const td = d.tables.get(t.id)!;
  const head: string[] = [];
  for (let r = 0; r < lay.headerRows; r++) {
    const cells = lay.header
      .filter((h) => h.row === r)
      .map(
        (h) =>
          `<th scope="col"${h.colSpan > 1 ? ` colspan="${h.colSpan}"` : ""}${h.rowSpan > 1 ? ` rowspan="${h.rowSpan}"` : ""}>${esc(h.text)}</th>`,
      );
    head.push(`<tr>${cells.join("")}</tr>`);
  }
  let first = true;
  const body = lay.body.map((b) => {
    if (b.kind === "group")
      return `<tr class="group"><th scope="rowgroup" colspan="${lay.cols.length}" style="padding-left:${0.4 + b.depth}em">${esc(b.label)}</th></tr>`;
    let label = 0;
    const cells = lay.cols.map((_, i) => {
      const c = b.cells[i];
      if (!c) return lay.label[i] ? `<th scope="row">${esc(b.labels[label++] ?? "")}</th>` : "<td></td>";
      const level = cellLevel(c, td.cells.get(cellKey(c)));
      const cls = [`doubt-${level}`, c.value !== null ? "num" : "", c.missing ? "missing" : ""]
        .filter(Boolean)
        .join(" ");
      const tab = first ? "0" : "-1";
      first = false;
      return `<td class="${cls}" data-cell="${cellKey(c)}" tabindex="${tab}">${esc(c.raw)}</td>`;
    });
    return `<tr>${cells.join("")}</tr>`;
  });
  return `<p class="side">As extracted</p><table class="grid" role="grid" aria-label="${esc(t.id)} as extracted"><thead>${head.join("")}</thead><tbody>${body.join("")}</tbody></table>`;
}

/** What review.js shows for a cell: every field read from it that has a value, its keys and its problems. */
function cellData(t: Table, d: Doubts): Record<string, Record<string, unknown>> {
  const td = d.tables.get(t.id)!;
  const out: Record<string, Record<string, unknown>> = {};
  for (const c of t.cells) {
    const fields: [string, unknown][] = [
      ["raw", c.raw],
      ["value", c.value],
      ["unit", c.unit],
      ["period", periodOf(c)],
      ["setting", c.setting],
      ["note", c.note],
      ["footnote", c.footnote],
      ["missing", c.missing || null],
      ["value2", c.value2],
      ["value2_relation", c.value2_relation],
      ["unit2", c.unit2],
      ["setting2", c.setting2],
      ["normalized", c.normalized],
      ["confidence", c.confidence ?? null],
      ["row_key", keyOf(c.row_header)],
      ["col_key", keyOf(c.col_header)],
      ["page", c.box?.page ?? null],
    ];
    const problems = (td.cells.get(cellKey(c)) ?? []).map((p) => `${p.severity} ${p.code}: ${p.message}`);
    out[cellKey(c)] = {
      ...Object.fromEntries(fields.filter(([, v]) => v !== null && v !== undefined)),
      row: c.row,
      col: c.col,
      ...(problems.length && { problems }),
      level: cellLevel(c, td.cells.get(cellKey(c))),
    };
  }
  return out;
}
