// Tables printed side by side in one frame (an income statement beside a balance sheet, each with its own label
// column and the same period headings): a column of row labels in the middle of the values, headed by a title,
// with headings right of it that repeat those left of it, starts a second table.
import type { PdfPage, RawCell } from "../../../schemas/index.ts";
import { headingsRow } from "./pdf-stacked.ts";
import type { PdfTable } from "./pdf-tables.ts";
import { isNumberLike } from "./pdf-text.ts";

/** The label column holds text (not numbers) in at least this share of the body rows where it holds anything. */
const LABEL_SHARE = 0.8;
/** Headings right of it repeat at least this many of those left of it. */
const REPEATED = 2;

/** Each cell of a row with the grid column it starts at (rows without row-spanning cells). */
const placed = (row: RawCell[]) => {
  let col = 0;
  return row.map((cell) => {
    const at = col;
    col += cell.col_span;
    return { cell, at, end: col };
  });
};

/** Split a table at every column of row labels that starts another table beside it. */
export function splitSideBySide(t: PdfTable, page: PdfPage): PdfTable[] {
  const h = headingsRow(t.rows);
  if (h < 0 || t.rows.some((r) => r.some((c) => c.row_span > 1))) return [t];
  const width = t.rows[h]!.reduce((w, c) => w + c.col_span, 0);
  const grid = t.rows.map(placed);
  const text = (r: number, col: number) => grid[r]!.find((p) => p.at === col)?.cell.text.trim() ?? "";
  const starts = (col: number) => grid.every((row) => row.some((p) => p.at === col) || row.length === 0);
  for (let j = 2; j <= width - 3; j++) {
    if (!starts(j) || !isLabelColumn(t.rows, grid, h, j)) continue;
    const left = new Set(Array.from({ length: j - 1 }, (_, k) => text(h, k + 1)).filter(Boolean));
    const right = Array.from({ length: width - j - 1 }, (_, k) => text(h, j + k + 1)).filter((x) => left.has(x));
    if (new Set(right).size < REPEATED) continue;
    return [part(t, page, grid, 0, j), ...splitSideBySide(part(t, page, grid, j, width), page)];
  }
  return [t];
}

/** A column of row labels: a text heading, and text in the body rows that fill it (none of it a number). */
function isLabelColumn(rows: RawCell[][], grid: ReturnType<typeof placed>[], h: number, j: number): boolean {
  const at = (r: number) => grid[r]!.find((p) => p.at === j)?.cell.text.trim() ?? "";
  const head = at(h);
  if (!head || isNumberLike(head)) return false;
  const filled = rows.map((_, r) => r).filter((r) => r > h && at(r) !== "");
  const words = filled.filter((r) => !isNumberLike(at(r)) && /\p{L}/u.test(at(r)));
  return filled.length >= 2 && words.length >= LABEL_SHARE * filled.length;
}

/** The columns [from, to) of the table as a table of their own (rows left empty there dropped). */
function part(t: PdfTable, page: PdfPage, grid: ReturnType<typeof placed>[], from: number, to: number): PdfTable {
  const rows = grid
    .map((row) => row.filter((p) => p.at >= from && p.end <= to).map((p) => p.cell))
    .filter((r) => r.some((c) => c.text.trim() !== ""));
  const boxes = rows.flat().flatMap((c) => (c.box ? [c.box] : []));
  const box = {
    x0: Math.min(...boxes.map((b) => b.x0)),
    x1: Math.max(...boxes.map((b) => b.x1)),
    y0: Math.min(...boxes.map((b) => b.y0)),
    y1: Math.max(...boxes.map((b) => b.y1)),
  };
  const runIds = t.runIds.filter((i) => {
    const r = page.runs[i]!;
    const [cx, cy] = [(r.x0 + r.x1) / 2, (r.y0 + r.y1) / 2];
    return cx >= box.x0 && cx <= box.x1 && cy >= box.y0 && cy <= box.y1;
  });
  return { ...t, rows, box, runIds, gaps: t.gaps?.slice(from, to - 1) };
}
