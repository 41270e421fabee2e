// Checks for tables not found at all: a table that no table was read from says nothing by itself, so the page is
// searched for what a table leaves behind. (1) Lines of numbers lined up in columns that lie in no table read from
// the page: several lines each holding at least MIN_NUMBERS numbers, one under the other, most of their numbers in
// the same columns — the body of a table that was missed (or read as text). Axis ticks of a chart are one number a
// line, or numbers at an even step printed at an even step (value axes, legends), or a single line (a category
// axis); periods are not counted; numbers inside a sentence ("中证 800 指数") or printed close together as one
// ("+852 2600 8632") are not cells. (2) A caption printed in the body that names a table (the `tab` kinds of the
// caption vocabulary: 表 N, 附表 N, Table N) on a page where no table was read at all — most often a table printed
// as an image when OCR is off. Distances are relative to the lines' own heights.
import type { Figure, PdfPage, PdfRun, Table } from "../../../schemas/index.ts";
import { type Found, found } from "../../problems.ts";
import { layout } from "../../vocab/layout.ts";
import { parseCaption } from "../layout/patterns.ts";
import { valuesIn } from "./checks-cells.ts";
import { parsePeriod } from "./periods.ts";
import { hiddenRuns } from "./pdf-text.ts";

/** A line of a missed table holds at least this many numbers (periods not counted). */
const MIN_NUMBERS = 3;
/** ... and a missed table has at least this many such lines, */
const MIN_LINES = 2;
/** ... each next one starting at most this many line heights below the previous one (wrapped labels, a repeated
 * header or a t-statistic line may sit between them), */
const GAP_LINES = 3;
/** ... sharing at least MIN_NUMBERS columns with it: two numbers share a column when their right edges, left
 * edges or centres are within this share of the line height. */
const ALIGN = 0.6;
/** Runs closer than this many line heights are one piece of text. */
const TOUCH = 0.15;
/** A number touching a word of text closer than this many line heights is part of that text. */
const CELL_GAP = 0.8;
/** Two lines of a grid share at least this share of the numbers of the line with more. */
const SHARED_SHARE = 0.6;
/** A value axis has at least this many ticks. */
const AXIS_TICKS = 4;
/** A caption names the grid when it sits at most this many line heights above its first line. */
const CAPTION_LINES = 4;

type Box = { x0: number; y0: number; x1: number; y1: number };

interface Word extends Box {
  text: string;
}

interface Line extends Box {
  words: Word[];
  numbers: Word[];
}

/** A block of lines of aligned numbers lying in no table: where it is and what names it. */
export interface MissedGrid {
  page: number;
  box: Box;
  lines: number;
  columns: number;
  caption: string | null;
  /** the numbers of each line (for messages and tests) */
  numbers: string[][];
}

/** A run cut into its words, each with its share of the run's width. */
function words(run: PdfRun): Word[] {
  const width = (run.x1 - run.x0) / Math.max(1, run.text.length);
  const out: Word[] = [];
  const re = /\S+/g;
  for (let m = re.exec(run.text); m; m = re.exec(run.text))
    out.push({
      text: m[0],
      x0: run.x0 + width * m.index,
      x1: run.x0 + width * (m.index + m[0].length),
      y0: run.y0,
      y1: run.y1,
    });
  return out;
}

/** A word that is one number of a table body: a value (not a period such as a year or quarter), or a ratio of
 * counts ("168/598"). */
const isValue = (text: string) =>
  parsePeriod(text) === null && (valuesIn(text) === 1 || /^\d[\d,]*\/\d[\d,]*$/.test(text));

const inside = (w: Box, b: Box) => {
  const [x, y] = [(w.x0 + w.x1) / 2, (w.y0 + w.y1) / 2];
  return x >= b.x0 && x <= b.x1 && y >= b.y0 && y <= b.y1;
};

/** The page's horizontal text grouped into lines (top to bottom), each cut into words left to right. Runs that
 * touch (a number printed in pieces: "0" ".32", "-" "0.92") are joined first. */
function pageLines(page: PdfPage): Line[] {
  const hidden = hiddenRuns(page);
  const runs = page.runs.filter((r, i) => !r.angle && !hidden.has(i) && r.text.trim() !== "");
  runs.sort((a, b) => a.y0 + a.y1 - (b.y0 + b.y1) || a.x0 - b.x0);
  const groups: { runs: PdfRun[]; box: Box }[] = [];
  for (const r of runs) {
    const g = groups.at(-1);
    const h = Math.min(r.y1 - r.y0, g ? g.box.y1 - g.box.y0 : Number.POSITIVE_INFINITY);
    if (g && Math.min(g.box.y1, r.y1) - Math.max(g.box.y0, r.y0) >= 0.5 * h) {
      g.runs.push(r);
      g.box = {
        x0: Math.min(g.box.x0, r.x0),
        x1: Math.max(g.box.x1, r.x1),
        y0: Math.min(g.box.y0, r.y0),
        y1: Math.max(g.box.y1, r.y1),
      };
    } else groups.push({ runs: [r], box: { x0: r.x0, y0: r.y0, x1: r.x1, y1: r.y1 } });
  }
  return groups.map(({ runs, box }) => {
    const h = box.y1 - box.y0;
    const joined: PdfRun[] = [];
    for (const r of [...runs].sort((a, b) => a.x0 - b.x0)) {
      const last = joined.at(-1);
      if (last && r.x0 - last.x1 < TOUCH * h && !/\s$/.test(last.text) && !/^\s/.test(r.text))
        joined[joined.length - 1] = { ...last, text: last.text + r.text, x1: Math.max(last.x1, r.x1) };
      else joined.push(r);
    }
    const l: Line = { ...box, words: joined.flatMap(words), numbers: [] };
    l.numbers = cells(
      l,
      l.words.filter((w, i) => isValue(w.text) && standsApart(l, i)),
    );
    if (isAxis(l.numbers)) l.numbers = [];
    return l;
  });
}

/** A number stands apart when no word of text touches it (within CELL_GAP line heights): "中证 800 指数" in a
 * sentence or a list-of-figures line is part of the text, not a cell. Numbers may sit close to each other (a run
 * holding several cells). */
function standsApart(l: Line, i: number): boolean {
  const h = l.y1 - l.y0;
  const w = l.words[i]!;
  const [before, after] = [l.words[i - 1], l.words[i + 1]];
  const text = (v: Word | undefined) => v !== undefined && !isValue(v.text);
  return !(text(before) && w.x0 - before!.x1 < CELL_GAP * h) && !(text(after) && after!.x0 - w.x1 < CELL_GAP * h);
}

/** Numbers closer than CELL_GAP line heights are one cell ("+852 2600 8632", a phone number): the first stands
 * for the cell. */
function cells(l: Line, numbers: Word[]): Word[] {
  const h = l.y1 - l.y0;
  return numbers.filter(
    (w, i) =>
      i === 0 ||
      w.x0 - numbers[i - 1]!.x1 >= CELL_GAP * h ||
      l.words.indexOf(w) !== l.words.indexOf(numbers[i - 1]!) + 1,
  );
}

/** The numbers of a line are the ticks of a chart's axis: evenly spaced values, evenly placed. */
function isAxis(numbers: Word[]): boolean {
  if (numbers.length < MIN_NUMBERS) return false;
  const v = numbers.map((w) => Number(w.text.replace(/[,%()（）]/g, "").replace(/[−–]/, "-")));
  if (v.some((x) => !Number.isFinite(x))) return false;
  const step = v[1]! - v[0]!;
  const even = (xs: number[], d: number) =>
    xs.every((x, i) => i === 0 || Math.abs(x - xs[i - 1]! - d) <= 0.01 * Math.abs(d) + 1e-9);
  const x = numbers.map((w) => (w.x0 + w.x1) / 2);
  return step !== 0 && even(v, step) && even(x, x[1]! - x[0]!);
}

/** How many numbers of `a` have a number of `b` in their column (edges or centres lined up). */
function sharedColumns(a: Line, b: Line): number {
  const tol = ALIGN * Math.min(a.y1 - a.y0, b.y1 - b.y0);
  const near = (u: Word, v: Word) =>
    Math.abs(u.x1 - v.x1) <= tol || Math.abs(u.x0 - v.x0) <= tol || Math.abs(u.x0 + u.x1 - v.x0 - v.x1) <= 2 * tol;
  const one = (p: Word[], q: Word[]) => p.filter((u) => q.some((v) => near(u, v))).length;
  const shared = Math.min(one(a.numbers, b.numbers), one(b.numbers, a.numbers));
  return shared >= SHARED_SHARE * Math.max(a.numbers.length, b.numbers.length) ? shared : 0;
}

/** A number is a tick of a value axis when it is one of at least AXIS_TICKS numbers printed one under the other
 * (same right edge, left edge or centre) at an even step of value and an even step down the page. */
function onAxis(w: Word, numeric: Word[]): boolean {
  const h = w.y1 - w.y0;
  const tol = ALIGN * h;
  const column = numeric
    .filter(
      (v) =>
        Math.abs(v.x1 - w.x1) <= tol || Math.abs(v.x0 - w.x0) <= tol || Math.abs(v.x0 + v.x1 - w.x0 - w.x1) <= 2 * tol,
    )
    .sort((a, b) => a.y0 - b.y0);
  const at = column.indexOf(w);
  const value = (v: Word) => Number(v.text.replace(/[,%()（）]/g, "").replace(/^[−–]/, "-"));
  const even = (a: number, b: number) => Math.abs(a - b) <= 0.02 * Math.max(Math.abs(a), Math.abs(b)) + 1e-9;
  // The longest run through w of numbers at an even step of value and of position.
  for (let start = Math.max(0, at - AXIS_TICKS + 1); start <= at; start++) {
    const run = column.slice(start, start + AXIS_TICKS);
    if (run.length < AXIS_TICKS || !run.includes(w)) continue;
    const v = run.map(value);
    const y = run.map((r) => r.y0);
    if (v.some((x) => !Number.isFinite(x)) || v[1] === v[0]) continue;
    if (
      run.every((_, i) => i < 2 || (even(v[i]! - v[i - 1]!, v[1]! - v[0]!) && even(y[i]! - y[i - 1]!, y[1]! - y[0]!)))
    )
      return true;
  }
  return false;
}

/** Blocks of lines of aligned numbers on a page lying outside every box of `taken` (tables read from the page). */
export function missedGrids(page: PdfPage, taken: Box[]): MissedGrid[] {
  const lines = pageLines(page);
  // Numbers inside a table read from the page are that table's; the rest of the line is judged on its own. The
  // ticks of a value axis are not cells.
  const numeric = lines.flatMap((l) => l.words.filter((v) => isValue(v.text)));
  const free = lines.map((l) => ({
    ...l,
    numbers: l.numbers.filter((w) => !taken.some((b) => inside(w, b))),
  }));
  for (const l of free) if (l.numbers.length >= MIN_NUMBERS) l.numbers = l.numbers.filter((w) => !onAxis(w, numeric));
  const rows = free.filter((l) => l.numbers.length >= MIN_NUMBERS);
  const grids: Line[][] = [];
  for (const l of rows) {
    const g = grids.at(-1);
    const last = g?.at(-1);
    const h = last ? Math.max(last.y1 - last.y0, l.y1 - l.y0) : 0;
    if (g && last && l.y0 - last.y1 <= GAP_LINES * h && sharedColumns(l, last) >= MIN_NUMBERS) g.push(l);
    else grids.push([l]);
  }
  return grids
    .filter((g) => g.length >= MIN_LINES)
    .map((g) => {
      const box = {
        x0: Math.min(...g.map((l) => l.x0)),
        y0: g[0]!.y0,
        x1: Math.max(...g.map((l) => l.x1)),
        y1: g.at(-1)!.y1,
      };
      const h = g[0]!.y1 - g[0]!.y0;
      const above = lines.filter((l) => l.y1 <= box.y0 + 1 && l.y0 >= box.y0 - CAPTION_LINES * 1.5 * h);
      const caption = above
        .map((l) => parseCaption(l.words.map((w) => w.text).join(" ")))
        .filter((c) => c !== null)
        .at(-1);
      const columns = Math.min(...g.slice(1).map((l, i) => sharedColumns(l, g[i]!)));
      return {
        page: page.page,
        box,
        lines: g.length,
        columns,
        caption: caption?.label ?? null,
        numbers: g.map((l) => l.numbers.map((w) => w.text)),
      };
    });
}

const round = (b: Box) => [b.x0, b.y0, b.x1, b.y1].map((v) => Math.round(v)).join(",");

/** Kinds of caption that name a table (their slug in the caption vocabulary). */
const TABLE_SLUGS = new Set(["tab", "appendix-tab"]);
/** The leader dots of an entry of a list of figures. */
const LEADERS = /(?:\.{4,}|…{2,}|·{4,})\s*(?:[-–—]\s*)?\d*\s*[-–—]?\s*$/;

/** `table/not-found` problems: lines of aligned numbers that lie in no table, and table captions without a table. */
export function notFound(tables: Table[], pages: PdfPage[], figures: Figure[] = []): Found[] {
  const problems: Found[] = [];
  const named = new Set<string>();
  // A table's box is on its first page; a table continued over pages has its cells' boxes on the others.
  const takenOn = new Map<number, Box[]>();
  for (const t of tables)
    for (const b of [t.box, ...t.cells.map((c) => c.box)]) {
      if (!b) continue;
      const list = takenOn.get(b.page);
      if (list) list.push(b);
      else takenOn.set(b.page, [b]);
    }
  for (const page of pages) {
    const taken = takenOn.get(page.page) ?? [];
    for (const g of missedGrids(page, taken)) {
      if (g.caption) named.add(g.caption);
      const under = g.caption ? ` under the caption ${g.caption}` : "";
      problems.push(
        found(
          "table/not-found",
          "error",
          `${g.lines} lines of numbers lined up in ${g.columns} columns${under} (page ${g.page}, box ${round(g.box)} in points from the top left) lie in no table: a table there was not found or only partly read; take its values from the page`,
          { page: g.page, where: g.caption ?? `box ${round(g.box)}` },
        ),
      );
    }
  }
  for (const f of figures) {
    const kind = parseCaption(f.label)?.kind;
    if (!kind || !TABLE_SLUGS.has(layout.caption_slugs[kind] ?? "") || named.has(f.label)) continue;
    if (f.content === "table" || tables.some((t) => t.label === f.label)) continue;
    // Only a caption printed in the body (not an entry of a list of figures, with its leader dots) on a page
    // where no table was read at all.
    if (f.caption === null || LEADERS.test(f.caption) || f.page === null) continue;
    if (tables.some((t) => t.page === f.page || t.cells.some((c) => c.box?.page === f.page))) continue;
    const page = pages.find((p) => p.page === f.page);
    const image = page && page.images.length > 0 ? "printed as an image (read it with OCR) or " : "";
    problems.push(
      found(
        "table/not-found",
        "error",
        `${f.label} "${f.title}" is captioned as a table but no table was read on page ${f.page} (${image}not found); take its values from the page`,
        { page: f.page, line: f.line, where: f.label },
      ),
    );
  }
  return problems;
}
