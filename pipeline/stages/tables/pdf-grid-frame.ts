// The frame a table's grid is built in (pdf-grid.ts): its columns, its text lines cut into chunks by them, and
// the bands between the rules that cross the table. Built once per region and read by every step after.
import { chunksOf, dropEmptyColumns, findColumns, place, type Chunk } from "./pdf-columns.ts";
import { coverage, type HLine, type VLine } from "./pdf-geometry.ts";
import { cutAtBorders, dropWordSplits } from "./pdf-word-splits.ts";
import type { RowLine } from "./pdf-row-grouping.ts";
import type { Line } from "./pdf-text.ts";

/** Runs closer than this share of the font size (a word space, with room for a scan's ink gaps) are one text when
 * telling whether a line runs across a column boundary; wider gaps are the table's own. */
const CROSS_GAP = 0.4;
/** Priority of a column boundary drawn as a rule split or a vertical rule (pdf-columns.ts). */
const DRAWN = 3;
/** A rule covering this share of the table width separates rows. */
const ROW_RULE_COVER = 0.5;
/** An edge of cell backgrounds must cover this share (backgrounds also come in strips around a cell's text). */
const ROW_EDGE_COVER = 0.6;
/** With this many bands of text between rules crossing the table, the rules separate rows. */
const RULED_BANDS = 3;

export interface Region {
  page: number;
  x0: number;
  x1: number;
  /** horizontal lines inside the region, one per height, top to bottom */
  levels: HLine[];
  vlines: VLine[];
  lines: Line[];
  /** y of the first and last ruled level; lines above / below them are extensions to be trimmed */
  firstRule: number;
  lastRule: number;
  fs: number;
  /** the line of a title bar heading the region (its first band) */
  title?: Line;
  /** rows over the region's only rule, none above them: a table's continuation, or nothing */
  footed?: boolean;
}

/** covered: part of a cell to the left ("col") or above ("row") */
export interface Slot {
  chunks: Chunk[];
  text: string;
  rs: number;
  cs: number;
  covered: false | "col" | "row";
}
/** A text line cut into chunks by the columns; `ext`: above the first or below the last rule; `raw`: its runs
 * joined across word spaces alone (text running across a column boundary shows there). */
export type RLine = RowLine & { ext: boolean; raw: Chunk[] };
export interface Row {
  lines: RLine[];
  band: number;
  y0: number;
  y1: number;
  crossed: boolean;
  slots: Slot[];
  /** a header line over the next header row (its cells may be centred over several of the next row's) */
  parent?: boolean;
}

export interface GridFrame {
  region: Region;
  fs: number;
  /** Positions closer than this are the same. */
  tol: number;
  /** Column boundaries, left to right, and how each was found (2 and more: drawn). */
  bounds: number[];
  prio: number[];
  ncol: number;
  lines: RLine[];
  /** The chunks of all lines. */
  all: Chunk[];
  /** x of the drawn borders: the region's edges, splits of its rules, vertical rules. */
  drawn: number[];
  top: number;
  bottom: number;
  /** The edges of the bands: the top, the rules that cross the table, the bottom. */
  edges: number[];
  /** Several bands of text between rules that cross the table: the rules separate rows, and a band holds more
   * than one row only when a cell plainly starts anew in it. */
  ruled: boolean;
  /** Lines below the first band with two chunks or more. */
  bodyLines: number;
}

export const emptySlot = (covered: Slot["covered"] = false): Slot => ({ chunks: [], text: "", rs: 1, cs: 1, covered });
export const range = (a: number, b: number) => Array.from({ length: Math.max(0, b - a + 1) }, (_, i) => a + i);

/** The frame of a region; null when it has fewer than two columns or no text. */
export function gridFrame(region: Region): GridFrame | null {
  const { fs } = region;
  const tol = Math.max(1.5, 0.25 * fs);
  const { bounds, prio } = dropEmptyColumns(
    dropWordSplits(findColumns(region.x0, region.x1, region.lines, region.levels, region.vlines, fs), region.lines, fs),
    region.lines,
    fs,
  );
  const ncol = bounds.length - 1;
  if (ncol < 2 || region.lines.length === 0) return null;
  const borders = bounds.filter((_, k) => k > 0 && k < ncol && prio[k]! >= DRAWN);
  const lines: RLine[] = cutAtBorders(region.lines, borders).map((l) => {
    const chunks = chunksOf(l, bounds, fs);
    chunks.forEach((c) => place(c, bounds, fs));
    const ext = l.y1 <= region.firstRule + tol || l.y0 >= region.lastRule - tol;
    const raw = chunksOf(l, [], fs, CROSS_GAP);
    raw.forEach((c) => place(c, bounds, fs));
    return {
      y0: l.y0,
      y1: l.y1,
      chunks: mergeSameColumn(chunks, bounds),
      ext,
      raw: raw.map((c) => movedOn(c, raw, bounds)),
    };
  });
  const all = lines.flatMap((l) => l.chunks);
  const drawn = [region.x0, region.x1, ...region.levels.flatMap((l) => l.breaks), ...region.vlines.map((v) => v.x)];
  const top = Math.min(region.firstRule, ...lines.map((l) => l.y0));
  const bottom = Math.max(region.lastRule, ...lines.map((l) => l.y1));
  // Text crossing a separator where it is not drawn is a cell spanning rows; such cells stand in the first
  // columns (group labels). Crossed elsewhere, the line is a strip of some cells' backgrounds, no row border.
  const spansOnLeft = (l: HLine) => {
    const crossed = range(0, ncol - 1).filter(
      (c) =>
        coverage(l.segs, bounds[c]!, bounds[c + 1]!) < 0.5 &&
        all.some((ch) => ch.c0 <= c && ch.c1 >= c && ch.y0 < l.y - 0.15 * ch.size && ch.y1 > l.y + 0.15 * ch.size),
    );
    return crossed.every((c, i) => c === i);
  };
  const seps = region.levels.filter(
    (l) =>
      l.y > top + tol &&
      l.y < bottom - tol &&
      coverage(l.segs, region.x0, region.x1) >= (l.thin ? ROW_RULE_COVER : ROW_EDGE_COVER) &&
      spansOnLeft(l),
  );
  const edges = [top, ...seps.map((s) => s.y), bottom];
  const frame: GridFrame = {
    region,
    fs,
    tol,
    bounds,
    prio,
    ncol,
    lines,
    all,
    drawn,
    top,
    bottom,
    edges,
    ruled: false,
    bodyLines: 0,
  };
  frame.ruled = new Set(lines.map((l) => bandOf(frame, l))).size >= RULED_BANDS;
  frame.bodyLines = lines.filter((l) => bandOf(frame, l) >= 1 && l.chunks.length >= 2).length;
  return frame;
}

/** The band a line is in (0: above the first separating rule). */
export function bandOf(f: GridFrame, l: RowLine): number {
  let band = 0;
  for (let k = 1; k < f.edges.length - 1; k++) if ((l.y0 + l.y1) / 2 > f.edges[k]!) band = k;
  return band;
}

/** The rule at height y, if any. */
export const levelAt = (f: GridFrame, y: number): HLine | undefined =>
  f.region.levels.find((l) => Math.abs(l.y - y) <= f.tol);

/** The chunks over exactly columns c0..c1, as read by the room a cell's text may take: how many, their extent,
 * whether they are set centred, and the drawn borders nearest to them. */
interface Members {
  n: number;
  x0: number;
  x1: number;
  centred: boolean;
  left: number;
  right: number;
}
/** Members per frame and column span: asked for every pair of lines when rows are grouped, so computed once. */
const MEMBERS = new WeakMap<GridFrame, Map<number, Members>>();

export function members(f: GridFrame, c0: number, c1: number): Members {
  let bySpan = MEMBERS.get(f);
  if (!bySpan) {
    bySpan = new Map();
    MEMBERS.set(f, bySpan);
  }
  const key = c0 * (f.ncol + 1) + c1;
  let m = bySpan.get(key);
  if (!m) {
    const list = f.all.filter((c) => c.c0 === c0 && c.c1 === c1);
    const x0 = Math.min(...list.map((x) => x.x0));
    const x1 = Math.max(...list.map((x) => x.x1));
    m = {
      n: list.length,
      x0,
      x1,
      centred: centred(list, f.tol),
      left: Math.max(...f.drawn.filter((x) => x <= x0 + f.tol && x >= f.bounds[c0]! - f.tol)),
      right: Math.min(...f.drawn.filter((x) => x >= x1 - f.tol && x <= f.bounds[c1 + 1]! + f.tol)),
    };
    bySpan.set(key, m);
  }
  return m;
}

/** The width a cell's text may take: the extent of the text in that column (its longest lines, where it wraps). */
export function textAvail(f: GridFrame, c0: number, c1: number): number {
  const m = members(f, c0, c1);
  return m.n ? m.x1 - m.x0 : f.bounds[c1 + 1]! - f.bounds[c0]!;
}

/** Between the drawn borders nearest to the text (rule splits, vertical rules, the table's edges), at least the
 * cell's width less its padding, taken as equal on both sides (a column whose longest text is short leaves room
 * to spare) — for a line starting at `start`; `centring`: a column set centred has the cell's width. */
export function roomAvail(f: GridFrame, c0: number, c1: number, start: number, centring = false): number {
  const text = textAvail(f, c0, c1);
  const m = members(f, c0, c1);
  if (m.n === 0) return text;
  const { left, right } = m;
  if (!Number.isFinite(left) || !Number.isFinite(right)) return text;
  // Text centred in its cells tells nothing of their padding by where it starts: with `centring`, the cell's width
  // is the room. (Without, a label's short lines centred on several rows read as one label broken by hand.)
  if (centring && m.centred) return Math.max(text, right - left - 2 * f.tol);
  return Math.max(text, right - left - 2 * Math.max(0, start - left));
}

/** Texts of different widths sharing their middle: a column set centred. */
function centred(m: Chunk[], tol: number): boolean {
  const mids = m.map((c) => (c.x0 + c.x1) / 2);
  const starts = m.map((c) => c.x0);
  return (
    m.length >= 2 && Math.max(...mids) - Math.min(...mids) <= tol && Math.max(...starts) - Math.min(...starts) > tol
  );
}

/** A text reaching back over a column border into a column another text of its line holds, with most of it in
 * the columns right of the border (a wide value or heading set against a narrow gutter: `12%  1.1 ppts` under
 * `4Q25E  % diff`), starts in the column holding most of it: it is its own cell, not part of its neighbour's. */
export function movedOn(c: Chunk, line: Chunk[], bounds: number[]): Chunk {
  if (c.c1 === c.c0 || !line.some((o) => o !== c && o.c0 <= c.c0 && o.c1 >= c.c0 && o.x1 <= c.x0)) return c;
  const share = (k: number) => Math.min(c.x1, bounds[k + 1]!) - Math.max(c.x0, bounds[k]!);
  const most = range(c.c0, c.c1).reduce((m, k) => (share(k) > share(m) ? k : m), c.c0);
  const taken = line.some((o) => o !== c && o.c0 <= c.c1 && o.c1 >= most && o.x0 >= c.x1);
  return most > c.c0 && !taken ? { ...c, c0: most } : c;
}

function mergeSameColumn(chunks: Chunk[], bounds: number[]): Chunk[] {
  const out: Chunk[] = [];
  for (const c of chunks.map((ch) => movedOn(ch, chunks, bounds))) {
    const same = out.find((o) => o.c0 === c.c0);
    if (!same) {
      out.push({ ...c, pieces: [...c.pieces] });
      continue;
    }
    same.pieces.push(...c.pieces);
    same.x0 = Math.min(same.x0, c.x0);
    same.x1 = Math.max(same.x1, c.x1);
    same.y0 = Math.min(same.y0, c.y0);
    same.y1 = Math.max(same.y1, c.y1);
    same.c1 = Math.max(same.c1, c.c1);
    same.size = Math.max(same.size, c.size);
  }
  return out;
}
