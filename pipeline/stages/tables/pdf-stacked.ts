// Tables stacked in one frame: a second block repeats the column headings of the first (2022A … 2028CL again, often
// under a title line of its own: "Balance sheet ratios"). Such a repeat starts a new table; a title line right above
// it goes with it. A table holding a row-spanning cell is left whole (a cut could fall inside the span), and so is
// one whose blocks each stand under a title centred over all its columns: they are sections of one table.
import type { PdfPage, RawCell } from "../../../schemas/index.ts";
import type { PdfTable } from "./pdf-tables.ts";

const filled = (r: RawCell[]) => r.filter((c) => c.text.trim() !== "").length;
const texts = (r: RawCell[]) => r.map((c) => c.text.trim());

/** The column headings row of a table: the first of its first three rows with text beyond its first cell. */
export function headingsRow(rows: RawCell[][]): number {
  return rows.slice(0, 3).findIndex((r) => r.length >= 3 && r.slice(1).filter((c) => c.text.trim() !== "").length >= 2);
}

/** A repeat of the headings: the same cells beyond the first, or, where the next block has fewer columns (its
 * quarters left blank), the same text in each cell it fills and at least half of the headings. */
function repeats(row: RawCell[], headings: RawCell[]): boolean {
  if (row.length !== headings.length) return false;
  const [mine, theirs] = [texts(row).slice(1), texts(headings).slice(1)];
  const same = mine.filter((x, i) => x !== "" && x === theirs[i]).length;
  const named = theirs.filter((x) => x !== "").length;
  return mine.every((x, i) => x === "" || x === theirs[i]) && same >= 2 && same >= 0.5 * named;
}

/** Split a table where its column headings are repeated further down. */
export function splitStacked(t: PdfTable, page: PdfPage): PdfTable[] {
  const h = headingsRow(t.rows);
  if (h < 0) return [t];
  const width = t.rows[h]!.reduce((w, c) => w + c.col_span, 0);
  const cuts: number[] = [];
  for (let k = h + 2; k < t.rows.length; k++) {
    if (!repeats(t.rows[k]!, t.rows[h]!)) continue;
    const above = t.rows[k - 1]!;
    // Under a title centred over the whole table (one cell over every column), the block is a section of the table.
    if (above.length === 1 && above[0]!.col_span === width) continue;
    const title = k - 1 > h + 1 && filled(above) === 1 && above[0]!.text.trim() !== "" ? k - 1 : k;
    cuts.push(title);
  }
  if (cuts.length === 0) return [t];
  // A repeat that leaves a heading blank goes on under it (the shaded quarters of the block above): it is named so.
  const named = (r: RawCell[]) =>
    repeats(r, t.rows[h]!) ? r.map((c, i) => (c.text.trim() || i === 0 ? c : { ...c, text: t.rows[h]![i]!.text })) : r;
  const parts = [0, ...cuts].map((from, i) => t.rows.slice(from, cuts[i] ?? t.rows.length).map(named));
  if (parts.some((rows) => rows.some((r) => r.some((c) => c.row_span > 1)))) return [t];
  return parts.map((rows) => {
    const boxes = rows.flat().flatMap((c) => (c.box ? [c.box] : []));
    const box = {
      x0: t.box.x0,
      x1: t.box.x1,
      y0: Math.min(...boxes.map((b) => b.y0)),
      y1: Math.max(...boxes.map((b) => b.y1)),
    };
    const runIds = t.runIds.filter((i) => {
      const r = page.runs[i]!;
      const cy = (r.y0 + r.y1) / 2;
      return cy >= box.y0 && cy <= box.y1;
    });
    return { ...t, rows, box, runIds };
  });
}
