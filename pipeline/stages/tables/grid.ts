// Grid clean-up before structure: rows of unequal length aligned, columns empty in every row dropped.
import type { RawCell } from "../../../schemas/index.ts";
import { isValueLike } from "./values.ts";

const empty = (): RawCell => ({ text: "", row_span: 1, col_span: 1, header: false, box: null });
const widthOf = (row: RawCell[]) => row.reduce((w, c) => w + c.col_span, 0);

/** Pad short rows of span-free grids (TSV, pipe). A short row whose first cell is a value while the first
 * column holds labels lost its leading label cells (a row-spanning label): it is aligned to the right. */
export function alignRows(
  rows: RawCell[][],
  report: (message: string) => void,
): { rows: RawCell[][]; rightAligned: Set<number> } {
  const rightAligned = new Set<number>();
  if (rows.some((r) => r.some((c) => c.row_span > 1 || c.col_span > 1))) return { rows, rightAligned };
  const width = Math.max(0, ...rows.map(widthOf));
  const labelsInFirstColumn =
    rows.filter((r) => r.length === width && r[0]?.text.trim() && !isValueLike(r[0].text)).length > 0;
  const aligned = rows.map((row, i) => {
    const missing = width - widthOf(row);
    if (missing === 0) return row;
    const right = labelsInFirstColumn && isValueLike(row[0]?.text ?? "");
    report(
      `row ${i + 1} has ${widthOf(row)} cells where the table has ${width}; aligned to the ${right ? "right (its row label is taken from the row above)" : "left (the missing cells are taken as empty)"}`,
    );
    const pad = Array.from({ length: missing }, empty);
    if (right) rightAligned.add(i);
    return right ? [...pad, ...row] : [...row, ...pad];
  });
  return { rows: aligned, rightAligned };
}

/** Drop columns that are empty in every row (stray trailing tabs, empty spanning header cells). */
export function dropEmptyColumns(
  grid: string[][],
  origin: [number, number][][],
): { grid: string[][]; origin: [number, number][][] } {
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

/** A number in brackets: a t-statistic or a standard error printed under its estimate. */
const BRACKETED = /^[(（]\s*[-+−]?\d[\d,.]*\s*[)）]$/u;

/** Estimates over their t-statistics, two lines per row without a rule between: a row with no label whose
 * values (two or more, in columns where the row above has values too) are mostly numbers in brackets, under a
 * labelled row without any, is the second line of that row's cells. Joined with a space, as a wrapped cell. */
export function joinStatisticRows(rows: RawCell[][]): RawCell[][] {
  const out: RawCell[][] = [];
  let joined = false;
  for (const row of rows) {
    const above = out[out.length - 1];
    if (!joined && above && isStatisticLine(above, row)) {
      out[out.length - 1] = above.map((c, i) => {
        const below = row[i]!;
        if (!below.text.trim()) return c;
        return {
          ...c,
          text: `${c.text.trim()} ${below.text.trim()}`,
          box:
            c.box && below.box
              ? {
                  ...c.box,
                  x0: Math.min(c.box.x0, below.box.x0),
                  y0: Math.min(c.box.y0, below.box.y0),
                  x1: Math.max(c.box.x1, below.box.x1),
                  y1: Math.max(c.box.y1, below.box.y1),
                }
              : c.box,
        };
      });
      joined = true;
      continue;
    }
    out.push(row);
    joined = false;
  }
  return out;
}

function isStatisticLine(above: RawCell[], row: RawCell[]): boolean {
  if (row.length !== above.length || row.length < 3 || [...row, ...above].some((c) => c.row_span > 1 || c.col_span > 1))
    return false;
  if (row[0]!.text.trim() !== "" || above[0]!.text.trim() === "") return false;
  const values = row
    .slice(1)
    .map((c, i) => ({ t: c.text.trim(), up: above[i + 1]!.text.trim() }))
    .filter((v) => v.t !== "");
  if (values.length < 2 || values.some((v) => v.up === "" || !(BRACKETED.test(v.t) || isValueLike(v.t)))) return false;
  if (above.slice(1).some((c) => BRACKETED.test(c.text.trim()))) return false;
  return values.filter((v) => BRACKETED.test(v.t)).length * 2 > values.length;
}
