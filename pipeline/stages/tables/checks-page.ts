// Checks of a table against its page: a table that ends where its rows go on. When the first line of text right
// below a table holds numbers that sit in the table's numeric columns, the table was cut short (a rule, a mark or a
// page furniture line taken for its end) and its last rows are lost. Distances are relative to the table's own row
// height, positions to its own columns; periods are left out (a next table's header row "2023A 2024A").
import type { PdfPage, PdfRun, Table } from "../../../schemas/index.ts";
import { type Doubt, isNumber, valuesIn } from "./checks-cells.ts";
import { rowHeight } from "./checks-tables.ts";
import { parsePeriod } from "./periods.ts";

/** The first line below a table starts at most this many of its row heights below it (page furniture, notes and
 * sources sit further off). */
const NEXT_LINE_ROWS = 1;

interface Word {
  text: string;
  x: number;
  y0: number;
  y1: number;
}

/** A run cut into its words, each placed at its share of the run's width (runs often hold several cells). */
function words(run: PdfRun): Word[] {
  const parts = run.text.split(/(\s+)/);
  const width = (run.x1 - run.x0) / Math.max(1, run.text.length);
  let at = 0;
  return parts.flatMap((p) => {
    const start = at;
    at += p.length;
    return p.trim() ? [{ text: p, x: run.x0 + width * (start + p.length / 2), y0: run.y0, y1: run.y1 }] : [];
  });
}

/** The runs of the first text line below `box` within `reach` points. */
function nextRuns(page: PdfPage, box: NonNullable<Table["box"]>, reach: number): PdfRun[] {
  const below = page.runs
    .filter((r) => !r.angle && r.text.trim() && r.x1 > box.x0 && r.x0 < box.x1)
    .filter((r) => (r.y0 + r.y1) / 2 > box.y1 && r.y0 < box.y1 + reach);
  if (below.length === 0) return [];
  const top = Math.min(...below.map((r) => r.y0));
  return below.filter((r) => r.y0 < top + 0.5 * (r.y1 - r.y0));
}

/** The x-extent of each data column of the table by column (only those holding numbers when `numeric`). */
function spansByCol(t: Table, numeric: boolean): Map<number, [number, number]> {
  const data = new Set(t.columns.filter((c) => c.role === "data").map((c) => c.col));
  const spans = new Map<number, [number, number]>();
  for (const c of t.cells) {
    if (!c.box || !data.has(c.col) || (numeric && !isNumber(c))) continue;
    const s = spans.get(c.col) ?? [c.box.x0, c.box.x1];
    spans.set(c.col, [Math.min(s[0], c.box.x0), Math.max(s[1], c.box.x1)]);
  }
  return spans;
}

/** The x-extents of the data columns, left to right. */
const spansOf = (t: Table, numeric: boolean) =>
  [...spansByCol(t, numeric).entries()].sort((a, b) => a[0] - b[0]).map(([, s]) => s);

/** The table's numeric columns that a number of the line right below it falls in; 0 when there is none. */
export function columnsContinued(t: Table, page: PdfPage): number {
  const spans = spansOf(t, true);
  const h = rowHeight(t);
  if (!t.box || spans.length < 2 || h <= 0) return 0;
  const numbers = nextRuns(page, t.box, NEXT_LINE_ROWS * h)
    .flatMap(words)
    .filter((w) => valuesIn(w.text) === 1 && parsePeriod(w.text) === null);
  return spans.filter(([x0, x1]) => numbers.some((w) => w.x >= x0 && w.x <= x1)).length;
}

/** In a table of text (no column of numbers), the columns (the label area left of the first data column, then each
 * data column) that a run of the line right below it lies in; 0 when a run crosses a column edge (a sentence, a
 * source line) or the table holds numbers. */
export function textColumnsContinued(t: Table, page: PdfPage): number {
  const data = spansOf(t, false);
  const h = rowHeight(t);
  if (!t.box || data.length === 0 || spansOf(t, true).length > 0 || h <= 0) return 0;
  const spans: [number, number][] = [[t.box.x0, Math.min(...data.map((s) => s[0]))], ...data];
  const runs = nextRuns(page, t.box, NEXT_LINE_ROWS * h);
  const inside = (r: PdfRun) => spans.findIndex(([x0, x1]) => r.x0 >= x0 - 1 && r.x1 <= x1 + 1);
  if (runs.some((r) => inside(r) < 0)) return 0;
  return new Set(runs.map(inside)).size;
}

/** Doubts by table id for tables whose columns go on in the line right below them. */
export function cutOffTables(tables: Table[], pages: PdfPage[]): Map<string, Doubt[]> {
  const doubts = new Map<string, Doubt[]>();
  for (const t of tables) {
    const page = pages.find((p) => p.page === t.page);
    if (!page) continue;
    const spans = spansOf(t, true).length;
    const hit = columnsContinued(t, page);
    const parents = misplacedParents(t, page).map((what) => ({ what }));
    if (parents.length) doubts.set(t.id, parents);
    if (hit >= 2 && hit >= 0.5 * spans)
      doubts.set(t.id, [
        ...parents,
        { what: `the line right below it holds numbers in ${hit} of its ${spans} numeric columns (rows cut off?)` },
      ]);
    else if (textColumnsContinued(t, page) >= 2)
      doubts.set(t.id, [...parents, { what: "the line right below it holds text in its columns (rows cut off?)" }]);
  }
  return doubts;
}

/** A parent header is placed as printed when it sits at the start, the end or the middle of its columns, within
 * this share of a column's width. */
const ALIGN_COLS = 0.25;

/** The x-extent of a parent header's text in the table's header band: the runs of one line that are part of it. */
function headerText(t: Table, page: PdfPage, parent: string): [number, number] | null {
  const body = Math.min(...t.cells.flatMap((c) => (c.box ? [c.box.y0] : [])));
  if (!t.box || !Number.isFinite(body)) return null;
  const flat = parent.replace(/\s+/g, "");
  const runs = page.runs.filter(
    (r) => !r.angle && r.y1 <= body + 1 && r.y0 >= t.box!.y0 - 2 * rowHeight(t) && r.x1 > t.box!.x0 && r.x0 < t.box!.x1,
  );
  const parts = runs.filter((r) => r.text.trim().length >= 2 && flat.includes(r.text.replace(/\s+/g, "")));
  if (parts.length === 0) return null;
  const line = parts.filter((r) => Math.abs(r.y0 - parts[0]!.y0) < 0.5 * (r.y1 - r.y0));
  if (line.reduce((n, r) => n + r.text.replace(/\s+/g, "").length, 0) < 0.6 * flat.length) return null;
  return [Math.min(...line.map((r) => r.x0)), Math.max(...line.map((r) => r.x1))];
}

/** Parent headers printed centred over more columns than they were given (the columns left without a parent on
 * either side): the header's span was cut, so those columns lost a level of their names. */
export function misplacedParents(t: Table, page: PdfPage): string[] {
  const data = t.columns.filter((c) => c.role === "data");
  const spans = spansByCol(t, false);
  const at = (col: number) => spans.get(col);
  if (spans.size !== data.length) return [];
  const parents = [...new Set(data.filter((c) => c.path.length >= 2).map((c) => c.path[0]!))].filter((p) => p.trim());
  return parents.flatMap((parent) => {
    const own = data.filter((c) => c.path.length >= 2 && c.path[0] === parent);
    const text = headerText(t, page, parent);
    if (!text) return [];
    const [x0, x1] = [at(own[0]!.col)![0], at(own.at(-1)!.col)![1]];
    const w = (x1 - x0) / own.length;
    const mid = (text[0] + text[1]) / 2;
    const fits = (a: number, b: number) => Math.abs(a - b) <= ALIGN_COLS * w;
    if (fits(text[0], x0) || fits(text[1], x1) || Math.abs(mid - (x0 + x1) / 2) <= 2 * ALIGN_COLS * w) return [];
    // Centred over a wider run that takes in neighbours without a parent?
    const orphan = (i: number) => data[i] !== undefined && data[i]!.path.length < 2;
    const [first, last] = [data.indexOf(own[0]!), data.indexOf(own.at(-1)!)];
    let [lo, hi, best] = [first, last, Number.POSITIVE_INFINITY];
    for (let a = first; a === first || orphan(a); a--)
      for (let b = last; b === last || orphan(b); b++) {
        const off = Math.abs((at(data[a]!.col)![0] + at(data[b]!.col)![1]) / 2 - mid);
        if (off < best) [lo, hi, best] = [a, b, off];
      }
    if ((lo === first && hi === last) || best > ALIGN_COLS * w) return [];
    return [
      `the header "${parent}" is printed over columns ${data[lo]!.col + 1}–${data[hi]!.col + 1} but names only columns ${own[0]!.col + 1}–${own.at(-1)!.col + 1}`,
    ];
  });
}
