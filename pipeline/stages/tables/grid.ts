// Grid clean-up before structure: rows of unequal length aligned, columns empty in every row dropped.
import type { RawCell } from "../../../schemas/index.ts";
import { isValueLike } from "./values.ts";

const empty = (): RawCell => ({ text: "", row_span: 1, col_span: 1, header: false, box: null });
const widthOf = (row: RawCell[]) => row.reduce((w, c) => w + c.col_span, 0);

/** Pad short rows of span-free grids (TSV, pipe). A short row whose first cell is a value while the first
 * column holds labels lost its leading label cells (a row-spanning label): it is aligned to the right. */
export function alignRows(rows: RawCell[][], report: (message: string) => void): { rows: RawCell[][]; rightAligned: Set<number> } {
  const rightAligned = new Set<number>();
  if (rows.some((r) => r.some((c) => c.row_span > 1 || c.col_span > 1))) return { rows, rightAligned };
  const width = Math.max(0, ...rows.map(widthOf));
  const labelsInFirstColumn = rows.filter((r) => r.length === width && r[0]?.text.trim() && !isValueLike(r[0].text)).length > 0;
  const aligned = rows.map((row, i) => {
    const missing = width - widthOf(row);
    if (missing === 0) return row;
    const right = labelsInFirstColumn && isValueLike(row[0]?.text ?? "");
    report(`row ${i + 1} has ${widthOf(row)} cells where the table has ${width}; aligned to the ${right ? "right (its row label is taken from the row above)" : "left (the missing cells are taken as empty)"}`);
    const pad = Array.from({ length: missing }, empty);
    if (right) rightAligned.add(i);
    return right ? [...pad, ...row] : [...row, ...pad];
  });
  return { rows: aligned, rightAligned };
}

/** Drop columns that are empty in every row (stray trailing tabs, empty spanning header cells). */
export function dropEmptyColumns(grid: string[][], origin: [number, number][][]): { grid: string[][]; origin: [number, number][][] } {
  const width = Math.max(0, ...grid.map((r) => r.length));
  const keep = Array.from({ length: width }, (_, c) => grid.some((r) => (r[c] ?? "").trim() !== ""));
  if (keep.every(Boolean)) return { grid, origin };
  const index = keep.map((k, c) => keep.slice(0, c).filter(Boolean).length);
  const remap = (o: [number, number]): [number, number] => [o[0], index[o[1]] ?? o[1]];
  return {
    grid: grid.map((r) => r.filter((_, c) => keep[c])),
    origin: origin.map((r) => r.filter((_, c) => keep[c]).map(remap)),
  };
}
