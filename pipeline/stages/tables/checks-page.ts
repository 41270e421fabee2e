// Checks of a table against its page: a table that ends where its rows go on. When the first line of text right
// below a table holds numbers that sit in the table's numeric columns, the table was cut short (a rule, a mark or a
// page furniture line taken for its end) and its last rows are lost. Distances are relative to the table's own row
// height, positions to its own columns; periods are left out (a next table's header row "2023A 2024A").
import type { PdfPage, PdfRun, Table } from "../../../schemas/index.ts";
import { type Doubt, isNumber, valuesIn } from "./checks-cells.ts";
import { rowHeight } from "./checks-tables.ts";
import { isNoteLine, parseSource } from "../layout/patterns.ts";
import { parsePeriod } from "./periods.ts";
import { rangeSize } from "./ordinals.ts";

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

/** A table ending at the foot of its page: below it there is only page furniture (the bottom band of this share
 * of the page's height), and it reaches into the lower part of the page (below this share of the height). */
const FOOT_BAND = 0.1;
const LOW_PART = 0.7;
/** The page head band of the next page (running headers) is this share of its height. */
const HEAD_BAND = 0.1;
/** Page furniture sits at least this many row heights below the table. */
const FOOT_GAP = 0.75;

/** A table ending at the foot of its page whose columns go on in the first line of the next page: the table
 * goes on over the page break, its rows there were not read as its rows. The next page's first line is the first
 * line below its head band that overlaps the table's width; it goes on the table when its numbers sit in the
 * table's numeric columns, or (a table of text) its runs each lie in one of its columns. */
export function continuedOverPage(t: Table, page: PdfPage, next: PdfPage | undefined): boolean {
  const box = t.box;
  const h = rowHeight(t);
  if (!box || !next || h <= 0 || box.y1 < LOW_PART * page.height) return false;
  if (t.cells.some((c) => c.box && c.box.page !== t.page)) return false;
  // Below it only page furniture: nothing close under it (a source or a note line), nothing above the foot band.
  const below = page.runs.filter((r) => !r.angle && r.text.trim() && r.y0 > box.y1 - 0.5 * h);
  if (below.some((r) => r.y0 < (1 - FOOT_BAND) * page.height || r.y0 < box.y1 + FOOT_GAP * h)) return false;
  if (below.some((r) => parseSource(r.text) !== null || isNoteLine(r.text))) return false;
  // A running header printed on both pages at the same place is furniture, not the next page's first line.
  const repeated = (r: PdfRun) =>
    page.runs.some(
      (q) => q.text.trim() === r.text.trim() && Math.abs(q.y0 - r.y0) < 0.5 * h && Math.abs(q.x0 - r.x0) < h,
    );
  const top = next.runs
    .filter((r) => !r.angle && r.text.trim() && r.y0 >= HEAD_BAND * next.height && r.x1 > box.x0 && r.x0 < box.x1)
    .filter((r) => !repeated(r))
    .reduce((m, r) => Math.min(m, r.y0), Number.POSITIVE_INFINITY);
  if (!Number.isFinite(top)) return false;
  // The table as if it stood right above that line.
  const moved: Table = { ...t, box: { ...box, y1: top - 0.5 } };
  const spans = spansOf(t, true).length;
  const hit = columnsContinued(moved, next);
  return (hit >= 2 && hit >= 0.5 * spans && fitsColumns(moved, next)) || textColumnsContinued(moved, next) >= 2;
}

/** Every run of the line right below the table lies within one of its columns (the label area left of the first
 * data column, or a data column), within half a row height: a row of the table, not a sentence. */
function fitsColumns(t: Table, page: PdfPage): boolean {
  const data = spansOf(t, false);
  const h = rowHeight(t);
  if (!t.box || data.length === 0) return false;
  const spans: [number, number][] = [[t.box.x0, Math.min(...data.map((s) => s[0]))], ...data];
  // Runs that touch are one piece of text (a sentence printed in many runs).
  const pieces: [number, number][] = [];
  for (const r of nextRuns(page, t.box, NEXT_LINE_ROWS * h).sort((a, b) => a.x0 - b.x0)) {
    const last = pieces.at(-1);
    if (last && r.x0 - last[1] < TOUCH * h) last[1] = Math.max(last[1], r.x1);
    else pieces.push([r.x0, r.x1]);
  }
  return pieces.length > 0 && pieces.every(([a, b]) => spans.some(([x0, x1]) => a >= x0 - h / 2 && b <= x1 + h / 2));
}

/** Runs closer than this many row heights are one piece of text. */
const TOUCH = 0.15;

/** A table of values without row labels, with a short text printed just left of it on its body rows: the column
 * of row labels was left out of the table. At most LEFT_ROWS row heights left of the table, on at least two body
 * rows and half of them, centred on the row. */
const LEFT_ROWS = 2;
/** ... and narrower than this share of the table (a label, not a line of a paragraph beside it). */
const LABEL_SHARE = 0.3;
export function labelsLeftOut(t: Table, page: PdfPage): number {
  const box = t.box;
  const h = rowHeight(t);
  if (!box || h <= 0 || t.rows.some((r) => r.path.some((p) => p.trim() !== ""))) return 0;
  const bands = new Map<number, [number, number]>();
  for (const c of t.cells) {
    if (!c.box || c.box.page !== t.page) continue;
    const b = bands.get(c.row) ?? [c.box.y0, c.box.y1];
    bands.set(c.row, [Math.min(b[0], c.box.y0), Math.max(b[1], c.box.y1)]);
  }
  const left = page.runs.filter((r) => !r.angle && r.text.trim() && r.x1 <= box.x0 + 1);
  // The text left of the table on a row: the runs centred on it, joined where they follow each other closely (a
  // line of a paragraph beside the table is one long piece, a label a short one).
  const label = ([y0, y1]: [number, number]) => {
    const on = left.filter((r) => Math.abs((r.y0 + r.y1) / 2 - (y0 + y1) / 2) <= 0.25 * h).sort((a, b) => b.x1 - a.x1);
    if (on.length === 0 || on[0]!.x1 < box.x0 - LEFT_ROWS * h || valuesIn(on[0]!.text) > 0) return false;
    let start = on[0]!.x0;
    for (const r of on.slice(1)) if (r.x1 > start - 0.5 * h) start = Math.min(start, r.x0);
    return on[0]!.x1 - start <= LABEL_SHARE * (box.x1 - box.x0);
  };
  const labelled = [...bands.values()].filter(label).length;
  return labelled >= 2 && labelled >= 0.5 * bands.size ? labelled : 0;
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
    if (
      continuedOverPage(
        t,
        page,
        pages.find((p) => p.page === t.page! + 1),
      )
    )
      parents.push({
        what: "it ends at the foot of the page and the next page's first line goes on in its columns (the rest of the table not joined to it?)",
      });
    const left = labelsLeftOut(t, page);
    if (left > 0)
      parents.push({
        what: `it has no row labels but text is printed just left of it on ${left} of its rows (the label column left out?)`,
      });
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
  // (Two rows above the table, measured once: the row height is a median over all its cells.)
  const top = t.box.y0 - 2 * rowHeight(t);
  const runs = page.runs.filter(
    (r) => !r.angle && r.y1 <= body + 1 && r.y0 >= top && r.x1 > t.box!.x0 && r.x0 < t.box!.x1,
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
    // A parent naming a range of as many numbers as its columns ("1～5" over five) spans them as printed.
    if (rangeSize(parent) === own.length) return [];
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
