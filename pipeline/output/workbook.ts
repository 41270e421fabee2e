// tables.xlsx for analysts: a first sheet listing the tables (with links), the cover facts and the problems; then
// one sheet per table, named by its caption label, with the caption, source line and page on top, the column
// header merged as printed, and the cells as numbers with number formats (workbook-cells.ts). Written with
// ExcelJS; deterministic bytes: fixed document dates, and the zip re-packed with fixed entry dates (ExcelJS and
// JSZip stamp the current time), so the same report always gives the same file.
import JSZip from "jszip";
// Imported with the module, not on first use: an extraction thread loads it while it starts, so the time limit of
// its first report does not pay for loading ExcelJS.
import ExcelJS from "exceljs";
import type ExcelJSType from "exceljs";
import type { Report, Table } from "../../schemas/index.ts";
import { cellKey, cellLevel, doubts, type Doubts, LEVEL_TEXT } from "../review/doubt.ts";
import { layoutTable } from "../review/table-layout.ts";
import { sheetValue } from "./workbook-cells.ts";

type Workbook = ExcelJSType.Workbook;
type Worksheet = ExcelJSType.Worksheet;

/** The date written as the document's creation and modification time and as every zip entry's date. */
export const FIXED_DATE = new Date(Date.UTC(1980, 0, 1));
export const CONTENTS_SHEET = "Tables";

const BOLD = { bold: true } as const;
const FILL: Record<string, string> = { error: "FFF8D0D0", warning: "FFFFF0C0" };
const HEADER_FILL = "FFE8EDF3";

export async function workbook(report: Report): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  Object.assign(wb, {
    creator: "yanbao-extract",
    lastModifiedBy: "yanbao-extract",
    created: FIXED_DATE,
    modified: FIXED_DATE,
  });
  const d = doubts(report);
  const names = sheetNames(report.tables);
  contentsSheet(wb.addWorksheet(CONTENTS_SHEET), report, d, names);
  const formats = new Set<string>();
  for (const t of report.tables) tableSheet(wb.addWorksheet(names.get(t.id)!), t, d, formats);
  // Stored, not deflated: repack deflates every entry once anyway (the bytes are the same, without a deflate and
  // an inflate per entry in JavaScript).
  return repack(new Uint8Array(await wb.xlsx.writeBuffer({ zip: { compression: "STORE" } })));
}

/** Sheet names: the caption label, else the table id; characters Excel refuses replaced, at most 31 characters,
 * unique regardless of case (a repeated label gets " (2)"). */
export function sheetNames(tables: Table[]): Map<string, string> {
  const used = new Set([CONTENTS_SHEET.toLowerCase()]);
  const out = new Map<string, string>();
  for (const t of tables) {
    const base =
      (t.label ?? t.id)
        .replace(/[[\]:*?/\\]/g, "_")
        .replace(/^'+|'+$/g, "")
        .slice(0, 31) || t.id;
    let name = base;
    for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base.slice(0, 31 - ` (${n})`.length)} (${n})`;
    used.add(name.toLowerCase());
    out.set(t.id, name);
  }
  return out;
}

function contentsSheet(ws: Worksheet, report: Report, d: Doubts, names: Map<string, string>): void {
  const m = report.meta;
  ws.addRow([m.title ?? report.source.file]).font = { bold: true, size: 14 };
  ws.addRow([`Source file: ${report.source.file}`, null, null, `sha256 ${report.source.sha256}`]);
  ws.addRow([]);
  heading(ws, ["Sheet", "Label", "Title", "Page", "Rows", "Columns", "Cells", "Doubt", "Problems"]);
  for (const t of report.tables) {
    const td = d.tables.get(t.id)!;
    const name = names.get(t.id)!;
    const row = ws.addRow([
      null,
      t.label,
      t.title,
      t.page,
      t.rows.length,
      t.columns.length,
      t.cells.length,
      LEVEL_TEXT[td.level],
      problemCount(t, d),
    ]);
    row.getCell(1).value = { text: name, hyperlink: `#'${name.replace(/'/g, "''")}'!A1` };
    row.getCell(1).font = { color: { argb: "FF1F4E9A" }, underline: true };
    if (FILL[td.level]) row.getCell(8).fill = solid(FILL[td.level]!);
  }
  ws.addRow([]);
  heading(ws, ["Cover", "Value"]);
  const facts: [string, string | null][] = [
    ["Title", m.title],
    ["Broker", m.broker],
    ["Industry", m.industry],
    ["Date", m.date],
    ["Rating", m.rating],
    ["Rating action", m.rating_action],
    ["Previous rating", m.previous_rating],
    ...m.analysts.map((a): [string, string] => [
      "Analyst",
      [a.name, a.role, a.sac_id, a.email].filter(Boolean).join(" · "),
    ]),
    ...m.related_reports.map((r): [string, string] => ["Related report", r.date ? `${r.title} (${r.date})` : r.title]),
  ];
  for (const [k, v] of facts) ws.addRow([k, v ?? "—"]);
  ws.addRow([]);
  heading(ws, ["Severity", "Code", "Stage", "Page", "Where", "Message"]);
  for (const p of report.problems) {
    const row = ws.addRow([p.severity, p.code, p.stage, p.page, p.where, p.message]);
    if (FILL[p.severity]) row.getCell(1).fill = solid(FILL[p.severity]!);
  }
  ws.columns.forEach((c, i) => {
    c.width = [14, 14, 48, 8, 8, 9, 8, 11, 9][i] ?? 12;
  });
}

const problemCount = (t: Table, d: Doubts) => {
  const td = d.tables.get(t.id)!;
  return td.problems.length + [...td.cells.values()].reduce((n, ps) => n + ps.length, 0);
};

function heading(ws: Worksheet, titles: string[]): void {
  const row = ws.addRow(titles);
  row.font = BOLD;
  row.eachCell((c) => {
    c.fill = solid(HEADER_FILL);
  });
}

const solid = (argb: string): ExcelJSType.Fill => ({ type: "pattern", pattern: "solid", fgColor: { argb } });

/** Rows 1–3 the caption, source and page; a blank row; the header; the body. */
function tableSheet(ws: Worksheet, t: Table, d: Doubts, formats: Set<string>): void {
  const lay = layoutTable(t);
  const width = Math.max(1, lay.cols.length);
  ws.addRow([[t.label, t.title].filter(Boolean).join(" ")]).font = { bold: true, size: 12 };
  ws.addRow([t.source === null ? "Source: —" : `Source: ${t.source}`]);
  ws.addRow([[t.page === null ? "Page —" : `Page ${t.page}`, t.unit && `Unit: ${t.unit}`].filter(Boolean).join(" · ")]);
  ws.addRow([]);
  const top = 5;
  for (let r = 0; r < lay.headerRows; r++) ws.addRow([]);
  for (const h of lay.header) {
    const cell = ws.getCell(top + h.row, h.col + 1);
    cell.value = h.text || null;
    if (h.rowSpan > 1 || h.colSpan > 1)
      ws.mergeCells(top + h.row, h.col + 1, top + h.row + h.rowSpan - 1, h.col + h.colSpan);
  }
  for (let r = 0; r < lay.headerRows; r++) {
    for (let c = 1; c <= width; c++) {
      const cell = ws.getCell(top + r, c);
      cell.font = BOLD;
      cell.fill = solid(HEADER_FILL);
      cell.alignment = { vertical: "middle", horizontal: "center", wrapText: true };
    }
  }
  const td = d.tables.get(t.id)!;
  const widths = lay.cols.map(() => 8);
  const fit = (i: number, text: string) => {
    widths[i] = Math.min(
      60,
      Math.max(widths[i]!, [...text].reduce((n, ch) => n + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0) + 2),
    );
  };
  for (const b of lay.body) {
    const row = ws.addRow([]);
    if (b.kind === "group") {
      row.getCell(1).value = b.label;
      row.getCell(1).font = BOLD;
      continue;
    }
    let label = 0;
    lay.cols.forEach((_, i) => {
      const cell = row.getCell(i + 1);
      const c = b.cells[i];
      if (lay.label[i] && !c) {
        cell.value = b.labels[label++] || null;
        if (cell.value) fit(i, String(cell.value));
        return;
      }
      if (!c) return;
      const v = sheetValue(c, formats);
      cell.value = v.value;
      if (v.numFmt) cell.numFmt = v.numFmt;
      if (typeof v.value === "string") {
        cell.alignment = { wrapText: v.value.length > 40, vertical: "top" };
        fit(i, v.value);
      } else fit(i, c.raw);
      const level = cellLevel(c, td.cells.get(cellKey(c)));
      if (FILL[level]) cell.fill = solid(FILL[level]!);
    });
  }
  for (const h of lay.header) if (h.colSpan === 1) fit(h.col, h.text);
  widths.forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  const labels = lay.label.findIndex((l) => !l);
  ws.views = [{ state: "frozen", xSplit: labels < 0 ? 0 : labels, ySplit: top - 1 + lay.headerRows }];
}

/** The zip again with every entry dated FIXED_DATE, in the same order. */
async function repack(bytes: Uint8Array): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  const out = new JSZip();
  for (const [name, file] of Object.entries(zip.files)) {
    if (file.dir) continue;
    out.file(name, await file.async("uint8array"), { date: FIXED_DATE, createFolders: false });
  }
  return out.generateAsync({
    type: "uint8array",
    compression: "DEFLATE",
    compressionOptions: { level: 6 },
    platform: "DOS",
  });
}
