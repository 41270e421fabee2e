// Table structure from a raw grid: title row, header rows with spanning parents, row-label columns
// with row-spanning group labels, group rows, and rows a converter glued together.
import type { Box, Column, Problem, RawCell, Row, TableBlock } from "../../../schemas/index.ts";
import type { Found } from "../../problems.ts";
import { expandSpans } from "../../input/html-table.ts";
import { alignRows, dropEmptyColumns, joinStatisticRows } from "./grid.ts";
import { isValueLike, splitGluedRow } from "./values.ts";
import { ordinalHeaderRow, ordinalStub, rangeLeaves } from "./ordinals.ts";
import { isCjk } from "../layout/pdf-join.ts";
import { tablesVocab } from "../../vocab/tables.ts";

export interface BodyCell {
  row: number;
  col: number;
  raw: string;
  /** The position is covered by a value printed in another column of the same row (HTML colspan). */
  spanned: boolean;
  /** Where the cell is printed (PDF input). */
  box: Box | null;
  /** The cell's own column header path when a band over its block of rows adds a parent its column does not
   * have (a year over each pair of columns of one of several stacked blocks); else the column's. */
  col_path?: string[];
}

export interface TableStructure {
  grid: string[][];
  title_row: string | null;
  header_rows: number;
  columns: Column[];
  rows: Row[];
  cells: BodyCell[];
  problems: Found[];
}

const MAX_HEADER_CELL = 40;
/** The values of a key–value box are short (a number, a range, a code); longer text is prose. */
const MAX_KEY_VALUE = 40;
/** The inner row-label column is filled on at least this share of the rows. */
const STUB_FILLED = 0.9;

export function structureTable(block: TableBlock, where: string): TableStructure {
  const problems: TableStructure["problems"] = [];
  const note = (code: string, severity: Problem["severity"], message: string) =>
    problems.push({ code, severity, page: block.page, line: block.line, where, message });

  const { rows: aligned, rightAligned } = alignRows(joinStatisticRows(block.rows), (msg) =>
    note("table/ragged-row", "warning", msg),
  );
  const expanded = expandSpans(aligned);
  const { grid, origin } = dropEmptyColumns(expanded.grid, expanded.origin);
  const width = grid[0]?.length ?? 0;
  const rawAt = (r: number, c: number): RawCell | undefined => {
    const [or, oc] = origin[r]?.[c] ?? [r, c];
    return aligned[or]?.[cellIndex(aligned[or] ?? [], oc)];
  };
  const isHeaderCell = (r: number, c: number) => rawAt(r, c)?.header ?? false;

  // Title row: a lone first cell over a header row (MinerU: "主要财务数据及预测" + empty spanning cell), or one
  // the source marked a header (a PDF's title bar), whatever follows it.
  let first = 0;
  let title_row: string | null = null;
  if (width >= 2 && loneFirstCell(grid[0]) && (isHeaderCell(0, 0) || headerLike(grid[1], 1, isHeaderCell))) {
    title_row = grid[0]![0]!.trim();
    first = 1;
  }
  // Header rows: the first header-like row, then more while the row above has gaps (a parent spanning columns).
  let header_rows = 0;
  while (first + header_rows < grid.length - 1) {
    const r = first + header_rows;
    const leaves = header_rows > 0 && leafRow(grid, origin, r);
    const spans = (c: number) => origin[r]!.filter((o) => o[0] === r && o[1] === c).length;
    const numbered = header_rows === 0 && ordinalHeaderRow(grid[r]!, grid[r + 1], MAX_HEADER_CELL);
    if (!leaves && !numbered && !headerLike(grid[r], r, isHeaderCell, spans)) break;
    if (header_rows > 0 && !leaves && !hasGaps(grid[r - 1]!)) break;
    header_rows++;
  }
  const headerEnd = first + header_rows;
  const colPaths = rangeLeaves(columnPaths(grid.slice(first, headerEnd), origin.slice(first, headerEnd), width));

  // Row labels. (A body row printing the column headings again heads the next block of a stacked table: left out.)
  const headings = new Set(grid.slice(first, headerEnd).map(rowKey));
  const body = grid
    .slice(headerEnd)
    .map((cells, k) => ({ cells, r: headerEnd + k }))
    .filter((b) => {
      const repeat = filledCount(b.cells) >= 2 && headings.has(rowKey(b.cells));
      if (repeat) note("table/repeated-header", "info", `row ${b.r + 1} repeats the column headings; left out`);
      return !repeat;
    });
  const spanned = (r: number, c: number) => origin[r]!.filter((o) => o[0] === r && o[1] === c).length;
  const band = (b: { cells: string[]; r: number }) => width >= 3 && bandRow(b.cells, (c) => spanned(b.r, c));
  const groupOf = (b: { cells: string[]; r: number }) =>
    width >= 2 && loneFirstCell(b.cells) ? b.cells[0]!.trim() : null;
  const dataRows = body.filter((b) => groupOf(b) === null && !band(b));
  const labelCols = stubColumns(
    dataRows.map((b) => b.cells),
    width,
    dataRows.map((b) => origin[b.r] ?? []),
    dataRows.map((b) => b.r),
  );
  const columns: Column[] = colPaths.map((path, col) => ({
    col,
    path,
    role: labelCols.includes(col) ? "label" : "data",
  }));
  nameValueColumn(columns, header_rows, body);

  const rows: Row[] = [];
  const cells: BodyCell[] = [];
  let group: string | null = null;
  const labelBoxes: (Box | null)[] = []; // each row's label cell, from where its text starts (PDF input)
  // A band row's text over each column, the parent of the columns' headers for the rows below it.
  let parents: Map<number, string> | null = null;
  const last: string[] = [];
  for (const { cells: printed, r } of body) {
    if (band({ cells: printed, r })) {
      parents = bandParents(printed, origin[r]!);
      note(
        "table/band-row",
        "info",
        `row ${r + 1} ("${filledTexts(printed).join('", "')}") spans blocks of columns: it heads their columns for the rows below`,
      );
      continue;
    }
    const named = groupOf({ cells: printed, r });
    if (named !== null) {
      group = named;
      note("table/group-row", "info", `row "${group}" has no values; it is taken as a group label for the rows below`);
      continue;
    }
    // Row-spanning labels: an empty label cell repeats the one above (outer label columns, and any label
    // cell a short row lost when it was aligned to the right).
    const labels = labelCols.map((c, k) => {
      const text = (printed[c] ?? "").trim();
      if (text === "" && (k < labelCols.length - 1 || rightAligned.has(r)) && last[k]) return last[k]!;
      last[k] = text;
      return text;
    });
    const dataCols = columns.filter((c) => c.role === "data").map((c) => c.col);
    const split = splitGluedRow(
      labels[labels.length - 1] ?? "",
      dataCols.map((c) => printed[c] ?? ""),
    );
    if (split === "ambiguous")
      note(
        "table/glued-row",
        "warning",
        `row ${r + 1} holds several values per cell but its label "${labels.join(" ")}" cannot be split; kept as compound cells`,
      );
    const parts = Array.isArray(split)
      ? split
      : [{ label: labels[labels.length - 1] ?? "", values: dataCols.map((c) => printed[c] ?? "") }];
    if (parts.length > 1)
      note(
        "table/glued-row",
        "info",
        `row ${r + 1} "${labels.join(" ")}" holds ${parts.length} rows glued together; split into ${parts.map((p) => `"${p.label}"`).join(", ")}`,
      );
    const labelCell = labelCols.length > 0 ? rawAt(r, labelCols.at(-1)!) : undefined;
    const labelBox =
      labelCell?.box && labelCell.text_x0 !== undefined ? { ...labelCell.box, x0: labelCell.text_x0 } : null;
    for (const part of parts) {
      const rowIndex = rows.length;
      labelBoxes.push(labelBox);
      const path = [group, ...labels.slice(0, -1), part.label].filter((s): s is string => !!s);
      rows.push({ row: rowIndex, path, split_from: parts.length > 1 ? r - headerEnd : null });
      dataCols.forEach((col, k) => {
        const [, oc] = origin[r]?.[col] ?? [r, col];
        const spanned = oc !== col && !labelCols.includes(oc);
        if (spanned && k === dataCols.indexOf(oc) + 1)
          note(
            "table/spanning-value",
            "warning",
            `value "${printed[oc]}" in row ${r + 1} spans several columns; it is kept in the first one only`,
          );
        cells.push({
          row: rowIndex,
          col,
          raw: (part.values[k] ?? "").trim(),
          spanned,
          box: rawAt(r, col)?.box ?? null,
          ...(parents?.has(col) ? { col_path: [parents.get(col)!, ...columns[col]!.path] } : {}),
        });
      });
    }
  }
  for (const { row, parent } of indentedParents(rows, labelBoxes, percentRows(rows.length, cells))) {
    note(
      "table/row-parent",
      "info",
      `row "${rows[row]!.path.join(" / ")}" repeats: named under "${parent.join(" / ")}", the row it is indented under`,
    );
    rows[row]!.path = [...parent, rows[row]!.path.at(-1)!];
  }
  if (columns.every((c) => c.role === "label") && rows.length > 0)
    note(
      "table/no-values",
      "warning",
      "the table has row labels but no value columns; the source may have dropped them",
    );
  return { grid, title_row, header_rows, columns, rows, cells, problems };
}

/** A key–value box (a label column and one column of short values, no header row) prints no name for its
 * values: the vocabulary's word names them, in the language of the labels. (A column of prose beside its
 * labels describes them: it is no value column.) */
function nameValueColumn(columns: Column[], header_rows: number, body: { cells: string[] }[]): void {
  const [label, value] = columns;
  if (header_rows > 0 || columns.length !== 2 || label!.role !== "label" || value!.role !== "data") return;
  if (value!.path.length > 0 || body.some((b) => (b.cells[1] ?? "").trim().length > MAX_KEY_VALUE)) return;
  const zh = body.some((b) => Array.from(b.cells[0] ?? "").some(isCjk));
  value!.path = [tablesVocab[zh ? "zh" : "en"].value_column];
}

function cellIndex(row: RawCell[], col: number): number {
  let x = 0;
  for (let i = 0; i < row.length; i++) {
    if (x >= col) return i;
    x += row[i]!.col_span;
  }
  return row.length;
}

const rowKey = (cells: string[]) => cells.map((c) => c.trim()).join("\u0000");
const filledCount = (cells: string[]) => cells.filter((c) => c.trim() !== "").length;

const filledTexts = (cells: string[]) => cells.map((c) => c.trim()).filter((c) => c !== "");

/** A band over blocks of columns (a year over each pair of columns, between two stacked blocks of rows): no row
 * label, two cells or more, each spanning two columns or more. `spans(c)`: the columns of the cell at c. */
function bandRow(cells: string[], spans: (c: number) => number): boolean {
  const filled = cells.map((t, c) => ({ t: t.trim(), c })).filter((x) => x.t !== "");
  return (cells[0] ?? "").trim() === "" && filled.length >= 2 && filled.every((x) => spans(x.c) >= 2);
}

/** A label indented under another by at least this share of its row's height is a sub-row of it (a row is about
 * one and a half type sizes high: a third of an em and more; alignment jitter stays under it). */
const INDENT = 0.25;

/** Rows whose label repeats in the table (YoY% under each revenue line) and is printed indented under a row
 * whose label is unique: that row is their parent, so that no two rows are named alike. A row of percentages is
 * no parent of a row of amounts (a breakdown sits under the line it adds up to, past its growth or margin row).
 * Rows without positions (text input) or not indented are left as they are. */
function indentedParents(rows: Row[], boxes: (Box | null)[], percent: boolean[]): { row: number; parent: string[] }[] {
  const key = (r: Row) => r.path.join("\u0000");
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(key(r), (counts.get(key(r)) ?? 0) + 1);
  // One line's height: rows inside a shaded band share the band's box, so the lowest height is a single row's.
  const heights = boxes.flatMap((b) => (b && b.y1 > b.y0 ? [b.y1 - b.y0] : []));
  const depth = INDENT * Math.min(...heights);
  const out: { row: number; parent: string[] }[] = [];
  rows.forEach((r, i) => {
    const b = boxes[i];
    if (!b || (counts.get(key(r)) ?? 0) < 2 || r.path.length === 0) return;
    for (let j = i - 1; j >= 0; j--) {
      const above = boxes[j];
      if (!above || above.x0 > b.x0 - depth) continue; // as indented as this row, or more: a sibling
      if (percent[j] && !percent[i]) continue;
      if (counts.get(key(rows[j]!)) === 1) out.push({ row: i, parent: rows[j]!.path });
      return;
    }
  });
  return out;
}

/** Rows most of whose values are percentages. */
function percentRows(n: number, cells: BodyCell[]): boolean[] {
  const filled = new Array<number>(n).fill(0);
  const pct = new Array<number>(n).fill(0);
  for (const c of cells) {
    if (c.raw === "") continue;
    filled[c.row]!++;
    if (/%\)?$/.test(c.raw)) pct[c.row]!++;
  }
  return filled.map((f, i) => f > 0 && 2 * pct[i]! > f);
}

/** The text of the band cell over each column (the cell whose span covers it), from the row's cells and origins. */
function bandParents(cells: string[], origins: [number, number][]): Map<number, string> {
  const out = new Map<number, string>();
  origins.forEach(([, oc], c) => {
    const text = (cells[oc] ?? "").trim();
    if (text !== "") out.set(c, text);
  });
  return out;
}

const loneFirstCell = (cells: string[] | undefined) =>
  !!cells && (cells[0] ?? "").trim() !== "" && cells.slice(1).every((c) => c.trim() === "");

/** Short, non-value cells over at least two columns (a parent spanning two counts; or cells the source marked as
 * headers). `spans[c]`: the columns the cell starting at c spans. */
function headerLike(
  cells: string[] | undefined,
  r: number,
  isHeaderCell: (r: number, c: number) => boolean,
  spans: (c: number) => number = () => 1,
): boolean {
  if (!cells) return false;
  const filled = cells.map((text, c) => ({ text: text.trim(), c })).filter((x) => x.text !== "");
  if (filled.length === 0) return false;
  if (filled.every((x) => isHeaderCell(r, x.c))) return true;
  const over = filled.reduce((n, x) => n + spans(x.c), 0);
  if (over < Math.min(2, cells.length)) return false;
  return filled.every((x) => x.text.length <= MAX_HEADER_CELL && !isValueLike(x.text));
}

/** Leaves under parents: every cell of row r is covered by a header cell above spanning down into it, or holds
 * text under a header cell spanning several columns. Such leaves may be numbers (holding periods 3 / 5 / 10). */
function leafRow(grid: string[][], origin: [number, number][][], r: number): boolean {
  let leaves = 0;
  for (let c = 0; c < (grid[r]?.length ?? 0); c++) {
    if (origin[r]![c]![0] < r) continue;
    const [pr, pc] = origin[r - 1]![c]!;
    const parentSpans = origin[r - 1]!.filter((o) => o[0] === pr && o[1] === pc).length >= 2;
    if (!parentSpans || grid[r]![c]!.trim() === "") return false;
    leaves++;
  }
  return leaves >= 2;
}

/** An empty cell after the first filled one: a parent header spanning to the right. */
function hasGaps(cells: string[]): boolean {
  const start = cells.findIndex((c) => c.trim() !== "");
  return start >= 0 && cells.slice(start + 1).some((c) => c.trim() === "");
}

/** Header path per column; in parent rows an empty cell continues the parent on its left. */
function columnPaths(header: string[][], origin: [number, number][][], width: number): string[][] {
  const paths: string[][] = Array.from({ length: width }, () => []);
  header.forEach((cells, r) => {
    let parent = "";
    for (let c = 0; c < width; c++) {
      let text = (cells[c] ?? "").trim();
      const spannedFrom = origin[r]?.[c];
      const isParentRow = r < header.length - 1;
      if (text !== "") parent = text;
      else if (spannedFrom && spannedFrom[1] !== c && spannedFrom[0] === origin[r]?.[c]?.[0])
        text = (header[r]?.[spannedFrom[1]] ?? "").trim();
      else if (isParentRow && c > 0) text = parent;
      if (text !== "") paths[c]!.push(text);
    }
  });
  return paths.map(dedupe);
}

/** Row-label columns: column 0 when it holds labels; when it holds row-spanning group labels, also the first
 * column after it that is filled on every row and makes each row unique. */
function stubColumns(rows: string[][], width: number, origins: [number, number][][], rowNumbers: number[]): number[] {
  if (rows.length === 0) return width > 0 ? [0] : [];
  const col0 = rows.map((r) => (r[0] ?? "").trim());
  const filled = col0.filter((t) => t !== "");
  const numbered = ordinalLabels(rows, col0) || ordinalStub(rows, col0);
  if (width >= 2 && filled.filter((t) => !isValueLike(t)).length * 2 < filled.length && !numbered) return [];
  if (width < 2) return [0];
  const spanned = origins.some((o, k) => o[0] && o[0][0] !== rowNumbers[k]);
  const empties = col0.filter((t) => t === "").length;
  if (!spanned && !(empties >= 2 && col0[0] !== "")) return [0];
  const groups: string[] = [];
  for (const t of col0) groups.push(t !== "" ? t : (groups[groups.length - 1] ?? ""));
  // (A row or two may lack it: a row broken by a page break leaves its second line as a row of its own.)
  for (let c = 1; c < width; c++) {
    const values = rows.map((r) => (r[c] ?? "").trim());
    const filled = values.map((v, k) => ({ v, k })).filter((x) => x.v !== "");
    if (filled.length < STUB_FILLED * rows.length) continue;
    const keys = new Set(filled.map(({ v, k }) => `${groups[k]}\u0000${v}`));
    if (keys.size === filled.length) return [0, c];
  }
  return [0];
}

/** A first column of small whole numbers, each once, beside columns holding other values: the numbers name the
 * rows (months, window lengths, deciles), they are not data. */
function ordinalLabels(rows: string[][], col0: string[]): boolean {
  const whole = (t: string) => /^\d{1,3}$/.test(t);
  return (
    col0.length >= 2 &&
    col0.every(whole) &&
    new Set(col0).size === col0.length &&
    rows.some((r) => r.slice(1).some((t) => t.trim() !== "" && !whole(t.trim())))
  );
}

function dedupe(path: string[]): string[] {
  return path.filter((p, i) => p !== "" && p !== path[i - 1]);
}
