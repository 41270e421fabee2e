// The grid of one table region: columns (pdf-columns.ts); bands between rules that cross the table, each cut into
// rows from its text lines (pdf-rows.ts; with three or more bands a band is one row unless a cell plainly starts
// anew in it); cell texts; spans evidenced by the rules (a border unsplit over several columns, a column where no
// rule separates two rows) or by a header centred over columns; cell boxes.
import type { RawCell } from "../../../schemas/index.ts";
import { chunksOf, dropEmptyColumns, findColumns, place, type Chunk } from "./pdf-columns.ts";
import { coverage, type HLine, type Rect, type VLine } from "./pdf-geometry.ts";
import { groupRows, headerRows, type RowLine } from "./pdf-rows.ts";
import { cellText, type Line } from "./pdf-text.ts";

/** A rule covering this share of the table width separates rows. */
const ROW_RULE_COVER = 0.5;
/** An edge of cell backgrounds must cover this share (backgrounds also come in strips around a cell's text). */
const ROW_EDGE_COVER = 0.6;
/** With this many bands of text between rules crossing the table, the rules separate rows. */
const RULED_BANDS = 3;
/** A chunk is centred over columns when its centre is within this share of the font size of theirs. */
const SPAN_CENTRE = 0.75;
/** Bullet marks: a first column holding only these is a list, not a table. */
const MARKERS = /^[•●○◆◇■□▪▫►▶➢✓✔·\-–—*]$/u;

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
}

export interface Grid {
  rows: RawCell[][];
  runIds: number[];
  box: Rect;
  /** the whole region the grid was read from (rules included) */
  area: Rect;
  columns: number;
  rowsWithTwoCells: number;
  crossedRows: number;
  markerColumn: boolean;
  ruled: boolean;
  /** both the top and the bottom of the grid are rules with column splits */
  closed: boolean;
}

/** covered: part of a cell to the left ("col") or above ("row") */
interface Slot { chunks: Chunk[]; text: string; rs: number; cs: number; covered: false | "col" | "row" }
interface Row { lines: (RowLine & { ext: boolean; raw: Chunk[] })[]; band: number; y0: number; y1: number; crossed: boolean; slots: Slot[] }

const r1 = (v: number) => Math.round(v * 10) / 10;

export function buildGrid(region: Region): Grid | null {
  const { fs } = region;
  const tol = Math.max(1.5, 0.25 * fs);
  const { bounds, prio } = dropEmptyColumns(findColumns(region.x0, region.x1, region.lines, region.levels, region.vlines, fs), region.lines, fs);
  const ncol = bounds.length - 1;
  if (ncol < 2 || region.lines.length === 0) return null;
  const rlines = region.lines.map((l) => {
    const chunks = chunksOf(l, bounds, fs);
    chunks.forEach((c) => place(c, bounds, fs));
    const ext = l.y1 <= region.firstRule + tol || l.y0 >= region.lastRule - tol;
    // The line's runs joined on small gaps alone: text running across a column boundary shows here.
    const raw = chunksOf(l, [], fs);
    raw.forEach((c) => place(c, bounds, fs));
    return { y0: l.y0, y1: l.y1, chunks: mergeSameColumn(chunks), ext, raw };
  });
  const all = rlines.flatMap((l) => l.chunks);
  // The width a cell's text may take: the extent of the text in that column (its longest lines, where it wraps).
  const avail = (c0: number, c1: number) => {
    const members = all.filter((c) => c.c0 === c0 && c.c1 === c1);
    return members.length ? Math.max(...members.map((m) => m.x1)) - Math.min(...members.map((m) => m.x0)) : bounds[c1 + 1]! - bounds[c0]!;
  };
  // Bands between rules that cross the table.
  const top = Math.min(region.firstRule, ...rlines.map((l) => l.y0));
  const bottom = Math.max(region.lastRule, ...rlines.map((l) => l.y1));
  // Text crossing a separator where it is not drawn is a cell spanning rows; such cells stand in the first
  // columns (group labels). Crossed elsewhere, the line is a strip of some cells' backgrounds, no row border.
  const spansOnLeft = (l: HLine) => {
    const crossed = range(0, ncol - 1).filter((c) => coverage(l.segs, bounds[c]!, bounds[c + 1]!) < 0.5 &&
      all.some((ch) => ch.c0 <= c && ch.c1 >= c && ch.y0 < l.y - 0.15 * ch.size && ch.y1 > l.y + 0.15 * ch.size));
    return crossed.every((c, i) => c === i);
  };
  const seps = region.levels.filter((l) => l.y > top + tol && l.y < bottom - tol &&
    coverage(l.segs, region.x0, region.x1) >= (l.thin ? ROW_RULE_COVER : ROW_EDGE_COVER) && spansOnLeft(l));
  const edges = [top, ...seps.map((s) => s.y), bottom];
  const levelAt = (y: number) => region.levels.find((l) => Math.abs(l.y - y) <= tol);
  const bandLines = edges.slice(1).map(() => [] as typeof rlines);
  for (const l of rlines) {
    let band = 0;
    for (let k = 1; k < edges.length - 1; k++) if ((l.y0 + l.y1) / 2 > edges[k]!) band = k;
    bandLines[band]!.push(l);
  }
  // Several bands of text between rules that cross the table: the rules separate rows, and a band holds more
  // than one row only when a cell plainly starts anew in it.
  const textBands = bandLines.filter((ls) => ls.length > 0).length;
  const ruled = textBands >= RULED_BANDS;
  const bodyLines = bandLines.slice(1).flat().filter((l) => l.chunks.length >= 2).length;
  const grouped = bandLines.map((ls, k) => {
    if (ls.length === 0) return [];
    // A header between the top rule and the rule under it is one row, unless a line holds a parent cell over
    // two cells of the next line.
    if (k === 0 && bodyLines >= 2 && region.firstRule <= ls[0]!.y0 + tol && !ruled) return headerRows(ls);
    // A band of three or more labelled one-line rows between two rules (rules around groups of rows).
    const plain = ls.length >= 3 && ls.every((l, i) => l.chunks.length >= 2 && l.chunks.some((c) => c.c0 === 0) && (i === 0 || l.y0 >= ls[i - 1]!.y1));
    return groupRows(ls, avail, fs, ruled && !plain) as typeof rlines[];
  });
  const rows: Row[] = [];
  grouped.forEach((g, band) => g.forEach((lines) => rows.push({
    lines, band, y0: Math.min(...lines.map((l) => l.y0)), y1: Math.max(...lines.map((l) => l.y1)), crossed: false, slots: [],
  })));
  // Cells and column spans.
  for (const row of rows) {
    const slots: Slot[] = Array.from({ length: ncol }, () => ({ chunks: [], text: "", rs: 1, cs: 1, covered: false }));
    const chunks = row.lines.flatMap((l) => l.chunks);
    for (const ch of chunks) if (ch.c0 === ch.c1) slots[ch.c0]!.chunks.push(ch);
    const around = [levelAt(edges[row.band]!), levelAt(edges[row.band + 1]!)];
    for (const ch of chunks.filter((c) => c.c1 > c.c0)) {
      const ruleRange = around.map((l) => l && breakFree(l, bounds, ch, tol)).find((r) => r);
      // Centred over the text of the columns it crosses (a parent header over two sub-columns).
      const left = Math.min(ch.x0, ...all.filter((c) => c.c0 === ch.c0 && c.c1 === ch.c0).map((c) => c.x0));
      const right = Math.max(ch.x1, ...all.filter((c) => c.c0 === ch.c1 && c.c1 === ch.c1).map((c) => c.x1));
      const margins = ch.x0 - left + (right - ch.x1);
      const centred = Math.abs((ch.x0 + ch.x1) / 2 - (left + right) / 2) <= Math.max(SPAN_CENTRE * fs, 0.05 * margins) && margins > 2 * fs;
      let [a, b] = [ch.c0, ch.c1];
      if (ruleRange) [a, b] = [Math.min(a, ruleRange[0]), Math.max(b, ruleRange[1])];
      const free = (c: number) => slots[c]!.chunks.length === 0 && !slots[c]!.covered;
      if (!(ruleRange || centred) || !range(a, b).every(free)) {
        slots[ch.c0]!.chunks.push(ch);
        continue;
      }
      slots[a]!.chunks.push(ch);
      slots[a]!.cs = b - a + 1;
      for (let c = a + 1; c <= b; c++) slots[c]!.covered = "col";
    }
    // A filled cell whose ruled box covers empty neighbours (borders above and below without a split).
    if (ruled) for (let c = 0; c < ncol; c++) {
      const s = slots[c]!;
      if (s.covered || s.chunks.length === 0) continue;
      let b = c + s.cs - 1;
      while (b + 1 < ncol && prio[b + 1]! >= 2 && slots[b + 1]!.chunks.length === 0 && !slots[b + 1]!.covered && noSplit(around, region.vlines, bounds[b + 1]!, row, tol)) b++;
      for (let k = c + s.cs; k <= b; k++) slots[k]!.covered = "col";
      s.cs = b - c + 1;
    }
    for (const s of slots) s.text = cellText(s.chunks.flatMap((c) => c.pieces));
    row.slots = slots;
    const spanned = (a: number, b: number) => slots.some((s, c) => !s.covered && s.cs > 1 && c <= a && b <= c + s.cs - 1);
    row.crossed = row.lines.some((l) => l.raw.some((ch) => ch.c1 > ch.c0 && !spanned(ch.c0, ch.c1)));
  }
  // Extension lines above the first / below the last rule that do not read as table rows are left out.
  const weak = (r: Row) => r.lines.every((l) => l.ext) && (r.crossed || r.slots.filter((s) => s.text).length <= 1);
  while (rows.length && weak(rows[rows.length - 1]!)) rows.pop();
  while (rows.length && weak(rows[0]!)) rows.shift();
  if (rows.length === 0) return null;
  // Row spans: in a ruled table, cells of one column not separated by a rule are one cell (its text pooled).
  if (ruled) for (let r = 0; r + 1 < rows.length; r++) {
    const sep = levelAt(edges[rows[r + 1]!.band]!);
    if (!sep || rows[r + 1]!.band !== rows[r]!.band + 1) continue;
    for (let c = 0; c < ncol; c++) {
      const below = rows[r + 1]!.slots[c]!;
      if (below.covered || below.cs !== 1 || coverage(sep.segs, bounds[c]!, bounds[c + 1]!) >= 0.5) continue;
      let owner = r;
      while (owner > 0 && rows[owner]!.slots[c]!.covered === "row") owner--;
      const o = rows[owner]!.slots[c]!;
      if (o.covered || o.cs !== 1) continue;
      o.chunks.push(...below.chunks);
      o.text = cellText(o.chunks.flatMap((ch) => ch.pieces));
      o.rs = r + 2 - owner;
      below.covered = "row";
      below.chunks = [];
      below.text = "";
    }
  }
  const rowTop = (i: number) => {
    const row = rows[i]!;
    const prev = rows[i - 1];
    return ruled || !prev || prev.band !== row.band ? Math.min(edges[row.band]!, row.y0) : (prev.y1 + row.y0) / 2;
  };
  const rowBottom = (i: number) => {
    const row = rows[i]!;
    const next = rows[i + 1];
    return ruled || !next || next.band !== row.band ? Math.max(edges[row.band + 1]!, row.y1) : (row.y1 + next.y0) / 2;
  };
  const out: RawCell[][] = rows.map((row, i) => row.slots.flatMap((s, c) => s.covered ? [] : [{
    text: s.text, row_span: s.rs, col_span: s.cs, header: false,
    box: { page: region.page, x0: r1(bounds[c]!), y0: r1(rowTop(i)), x1: r1(bounds[c + s.cs]!), y1: r1(rowBottom(i + s.rs - 1)) },
  }]));
  const runIds = [...new Set(rows.flatMap((r) => r.lines.flatMap((l) => l.chunks.flatMap((c) => c.pieces.map((p) => p.run)))))].sort((a, b) => a - b);
  const first = rows.map((r) => r.slots[0]!.text).filter(Boolean);
  const topLevel = levelAt(rowTop(0));
  const bottomLevel = levelAt(rowBottom(rows.length - 1));
  return {
    rows: out,
    runIds,
    box: { x0: r1(bounds[0]!), y0: r1(rowTop(0)), x1: r1(bounds[ncol]!), y1: r1(rowBottom(rows.length - 1)) },
    area: { x0: region.x0, y0: top, x1: region.x1, y1: bottom },
    columns: range(0, ncol - 1).filter((c) => rows.some((r) => r.slots[c]!.text)).length,
    rowsWithTwoCells: rows.filter((r) => r.slots.filter((s) => s.text).length >= 2).length,
    crossedRows: rows.filter((r) => r.crossed).length,
    markerColumn: first.length > 0 && first.every((t) => MARKERS.test(t)),
    ruled,
    closed: !!topLevel && !!bottomLevel && topLevel.breaks.length > 0 && bottomLevel.breaks.length > 0,
  };
}

const range = (a: number, b: number) => Array.from({ length: Math.max(0, b - a + 1) }, (_, i) => a + i);

function mergeSameColumn(chunks: Chunk[]): Chunk[] {
  const out: Chunk[] = [];
  for (const c of chunks) {
    const same = out.find((o) => o.c0 === c.c0);
    if (!same) { out.push({ ...c, pieces: [...c.pieces] }); continue; }
    same.pieces.push(...c.pieces);
    same.x0 = Math.min(same.x0, c.x0); same.x1 = Math.max(same.x1, c.x1);
    same.y0 = Math.min(same.y0, c.y0); same.y1 = Math.max(same.y1, c.y1);
    same.c1 = Math.max(same.c1, c.c1); same.size = Math.max(same.size, c.size);
  }
  return out;
}

/** Columns of the unsplit stretch of a rule (that is split elsewhere) under / over a chunk; null when split. */
function breakFree(level: HLine, bounds: number[], ch: Chunk, tol: number): [number, number] | null {
  if (level.breaks.length === 0) return null;
  const a = bounds[ch.c0]!;
  const b = bounds[ch.c1 + 1]!;
  if (coverage(level.segs, a, b) < 0.9 || level.breaks.some((x) => x > a + tol && x < b - tol)) return null;
  const lo = Math.max(level.x0, ...level.breaks.filter((x) => x <= a + tol));
  const hi = Math.min(level.x1, ...level.breaks.filter((x) => x >= b - tol));
  const cols = range(0, bounds.length - 2).filter((c) => bounds[c]! >= lo - tol && bounds[c + 1]! <= hi + tol);
  return cols.length ? [cols[0]!, cols[cols.length - 1]!] : null;
}

/** Neither the rule above nor the one below is split at x, and at least one of them is split elsewhere. */
function noSplit(around: (HLine | undefined)[], vlines: VLine[], x: number, row: { y0: number; y1: number }, tol: number): boolean {
  if (vlines.some((v) => Math.abs(v.x - x) <= tol && v.y0 < row.y1 && v.y1 > row.y0)) return false;
  const present = around.filter((l): l is HLine => !!l && l.x0 < x - tol && l.x1 > x + tol);
  return present.length > 0 && present.some((l) => l.breaks.length > 0) && present.every((l) => !l.breaks.some((b) => Math.abs(b - x) <= tol));
}
