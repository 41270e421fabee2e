// Rows and cells of a table's grid (pdf-grid.ts): lines grouped into rows band by band (pdf-row-grouping.ts), then
// cut into cells with the column spans and row spans the rules evidence (or a header centred over columns).
import type { Chunk } from "./pdf-columns.ts";
import { coverage, type HLine, type VLine } from "./pdf-geometry.ts";
import {
  bandOf,
  emptySlot,
  levelAt,
  members,
  range,
  roomAvail,
  textAvail,
  type GridFrame,
  type RLine,
  type Row,
  type Slot,
} from "./pdf-grid-frame.ts";
import { groupRows, headerRows, type RowLine } from "./pdf-row-grouping.ts";
import { cellText } from "./pdf-text.ts";

/** Rules separate the rows of a table when its bands hold at most this many rows on average. */
const ROWS_PER_BAND = 1.5;
/** A chunk is centred over columns when its centre is within this share of the font size of theirs. */
const SPAN_CENTRE = 0.75;
/** ... or within this share of the width of the columns a parent header is centred over. */
const STRETCH_SLACK = 0.1;

/** Rows of the given lines, band by band. */
export function bandRows(f: GridFrame, lines: RLine[]): Row[] {
  const { edges, region, tol } = f;
  const bandLines = edges.slice(1).map(() => [] as RLine[]);
  for (const l of lines) bandLines[bandOf(f, l)]!.push(l);
  const rows: Row[] = [];
  const text = (c0: number, c1: number) => textAvail(f, c0, c1);
  const room = (c0: number, c1: number, start: number) => roomAvail(f, c0, c1, start, true);
  bandLines.forEach((ls, k) => {
    if (ls.length === 0) return;
    let grouped: RLine[][];
    let header = false;
    // A header between the top rule and the rule under it is one row, unless a line holds a parent cell over
    // two cells of the next line.
    // So is a lone shaded band (the background's lower edge closes it): a header whose body is on the next page.
    const shaded = edges.length === 2 && levelAt(f, edges[1]!)?.thin === false;
    if (k === 0 && (f.bodyLines >= 2 || shaded) && region.firstRule <= ls[0]!.y0 + tol)
      [grouped, header] = [headerRows(ls, (line, below) => parentsOver(f, line, below)), true];
    else {
      // A band of three or more labelled one-line rows between two rules (rules around groups of rows); a lone
      // label among them is a group's title (over the rule under it), not a wrapped cell.
      const labelled = (l: RLine) => l.chunks.length >= 2 && l.chunks.some((c) => c.c0 === 0);
      const lone = (l: RLine) => l.chunks.length === 1 && l.chunks[0]!.c0 === 0;
      const plain =
        ls.filter(labelled).length >= 3 &&
        ls.every((l, i) => (labelled(l) || lone(l)) && (i === 0 || l.y0 >= ls[i - 1]!.y1));
      const banded = f.ruled && !plain;
      const alone = (l: RowLine) => titleLine(f, l as RLine);
      grouped = groupRows(ls, banded ? text : room, f.fs, { banded, alone }) as RLine[][];
    }
    for (const [i, g] of grouped.entries())
      rows.push({
        lines: g,
        band: k,
        parent: header && i + 1 < grouped.length ? true : undefined,
        y0: Math.min(...g.map((l) => l.y0)),
        y1: Math.max(...g.map((l) => l.y1)),
        crossed: false,
        slots: [],
      });
  });
  return rows;
}

/** Cells of the rows: column spans, extension rows trimmed, row spans evidenced by the rules. */
export function assemble(f: GridFrame, built: Row[]): Row[] {
  const { bounds, ncol, edges, tol, ruled } = f;
  const rows = [...built];
  for (const [i, row] of rows.entries()) {
    const slots: Slot[] = Array.from({ length: ncol }, () => emptySlot());
    const chunks = row.lines.flatMap((l) => l.chunks);
    if (blockTitle(f, row)) {
      row.slots = titleSlots(ncol, chunks);
      continue;
    }
    for (const ch of chunks) if (ch.c0 === ch.c1) slots[ch.c0]!.chunks.push(ch);
    // (The rule under a band holding parent and leaf header rows is the leaves' border, not the parents'.)
    const around = [levelAt(f, edges[row.band]!), row.parent ? undefined : levelAt(f, edges[row.band + 1]!)];
    for (const ch of chunks.filter((c) => c.c1 > c.c0)) spanColumns(f, slots, ch, around);
    for (const ch of chunks.filter((c) => c.c1 === c.c0)) widenToRule(f, slots, ch, around);
    // A parent row: split off in its header band, or the table's first row (alone in its band) over the next.
    const next = rows[i + 1];
    const below = next?.lines.flatMap((l) => l.chunks) ?? [];
    const parent = row.parent || (row === rows[0] && parentsOver(f, chunks, below));
    if (parent && next) for (const ch of chunks) widenToCentre(f, slots, ch, next);
    // A filled cell whose ruled box covers empty neighbours (borders above and below without a split).
    if (ruled)
      for (let c = 0; c < ncol; c++) {
        const s = slots[c]!;
        if (s.covered || s.chunks.length === 0) continue;
        let b = c + s.cs - 1;
        while (
          b + 1 < ncol &&
          f.prio[b + 1]! >= 2 &&
          slots[b + 1]!.chunks.length === 0 &&
          !slots[b + 1]!.covered &&
          noSplit(around, f.region.vlines, bounds[b + 1]!, row, tol)
        )
          b++;
        for (let k = c + s.cs; k <= b; k++) slots[k]!.covered = "col";
        s.cs = b - c + 1;
      }
    for (const s of slots) s.text = cellText(s.chunks.flatMap((c) => c.pieces));
    row.slots = slots;
    const spanned = (a: number, b: number) =>
      slots.some((s, c) => !s.covered && s.cs > 1 && c <= a && b <= c + s.cs - 1);
    row.crossed = row.lines.some((l) => l.raw.some((ch) => ch.c1 > ch.c0 && !spanned(ch.c0, ch.c1)));
  }
  // Extension lines above the first / below the last rule that do not read as table rows are left out.
  const weak = (r: Row) => r.lines.every((l) => l.ext) && (r.crossed || r.slots.filter((s) => s.text).length <= 1);
  while (rows.length && weak(rows[rows.length - 1]!)) rows.pop();
  while (rows.length && weak(rows[0]!)) rows.shift();
  if (ruled) joinUnruledRows(f, rows);
  return rows;
}

/** A row of one line of one text running across column boundaries, centred on the table: the title of the block
 * of rows below it (a table stacking blocks, each under its title), one cell over every column. */
const blockTitle = (f: GridFrame, row: Row) => row.lines.length === 1 && titleLine(f, row.lines[0]!);

/** A line of one text running across column boundaries, centred on the table (a block's title). */
function titleLine(f: GridFrame, l: RLine): boolean {
  if (l.raw.length !== 1 || l.raw[0]!.c1 === l.raw[0]!.c0) return false;
  const middle = (f.bounds[0]! + f.bounds[f.ncol]!) / 2;
  return Math.abs((l.raw[0]!.x0 + l.raw[0]!.x1) / 2 - middle) <= SPAN_CENTRE * f.fs;
}

function titleSlots(ncol: number, chunks: Chunk[]): Slot[] {
  const pieces = chunks.flatMap((c) => c.pieces).sort((a, b) => a.x0 - b.x0);
  const title: Slot = { chunks, text: cellText(pieces), rs: 1, cs: ncol, covered: false };
  return [title, ...Array.from({ length: ncol - 1 }, () => emptySlot("col"))];
}

/** A chunk over several columns: one cell spanning them when a rule leaves them unsplit over it or it is centred
 * over their text (a parent header over two sub-columns) and they are free; else it stays in its first column. */
function spanColumns(f: GridFrame, slots: Slot[], ch: Chunk, around: (HLine | undefined)[]): void {
  const ruleRange = around.map((l) => l && breakFreeIn(f, l, ch)).find((r) => r);
  const left = Math.min(ch.x0, members(f, ch.c0, ch.c0).x0);
  const right = Math.max(ch.x1, members(f, ch.c1, ch.c1).x1);
  const margins = ch.x0 - left + (right - ch.x1);
  // (Centred on their text, or on the cells' drawn borders: the text below may be set to one side of its cells.)
  const mid = (ch.x0 + ch.x1) / 2;
  const drawnMid = (f.bounds[ch.c0]! + f.bounds[ch.c1 + 1]!) / 2;
  const onBorders = f.prio[ch.c0]! >= 2 && f.prio[ch.c1 + 1]! >= 2 && Math.abs(mid - drawnMid) <= SPAN_CENTRE * f.fs;
  const centred =
    (Math.abs(mid - (left + right) / 2) <= Math.max(SPAN_CENTRE * f.fs, 0.05 * margins) && margins > 2 * f.fs) ||
    onBorders;
  let [a, b] = [ch.c0, ch.c1];
  if (ruleRange) [a, b] = [Math.min(a, ruleRange[0]), Math.max(b, ruleRange[1])];
  const free = (c: number) => slots[c]!.chunks.length === 0 && !slots[c]!.covered;
  // A second line of a cell spanning these columns already (a wrapped parent header) goes into that cell.
  const owner = slots.findIndex((s, c) => !s.covered && s.cs > 1 && c <= ch.c0 && ch.c1 <= c + s.cs - 1);
  if (owner >= 0) {
    slots[owner]!.chunks.push(ch);
    return;
  }
  if (!(ruleRange || centred) || !range(a, b).every(free)) {
    slots[ch.c0]!.chunks.push(ch);
    return;
  }
  slots[a]!.chunks.push(ch);
  slots[a]!.cs = b - a + 1;
  for (let c = a + 1; c <= b; c++) slots[c]!.covered = "col";
}

/** A text in one column, alone and centred in a stretch of a rule left unsplit over that column and its empty
 * neighbours (the rule over a parent header split only where the parents meet): one cell over the stretch. */
function widenToRule(f: GridFrame, slots: Slot[], ch: Chunk, around: (HLine | undefined)[]): void {
  const stretch = around.map((l) => l && breakFreeIn(f, l, ch)).find((r) => r && r[1] > r[0]);
  const slot = slots[ch.c0]!;
  if (!stretch || slot.covered || slot.chunks.length !== 1 || slot.chunks[0] !== ch) return;
  const [a, b] = stretch;
  const centre = (f.bounds[a]! + f.bounds[b + 1]!) / 2;
  if (Math.abs((ch.x0 + ch.x1) / 2 - centre) > SPAN_CENTRE * f.fs) return;
  if (!range(a, b).every((c) => c === ch.c0 || (slots[c]!.chunks.length === 0 && !slots[c]!.covered))) return;
  slot.chunks = [];
  slots[a]!.chunks.push(ch);
  slots[a]!.cs = b - a + 1;
  for (let c = a + 1; c <= b; c++) slots[c]!.covered = "col";
}

/** The columns (two or more, each with a cell of its own in the line below) that a header chunk sits centred
 * over, with no other chunk of its line over them; null when there are none. */
function centredStretch(f: GridFrame, p: Chunk, below: Chunk[], line: Chunk[] = [p]): [number, number] | null {
  const filled = new Set(below.filter((c) => c.c0 === c.c1).map((c) => c.c0));
  const centre = (p.x0 + p.x1) / 2;
  let best: { at: [number, number]; off: number } | null = null;
  for (let a = p.c0; a >= 1 && filled.has(a); a--)
    for (let b = Math.max(p.c1, a + 1); b < f.ncol && filled.has(b); b++) {
      if (line.some((o) => o !== p && o.c1 >= a && o.c0 <= b)) break;
      // (Boundaries found from text gaps lie anywhere in their gaps: some slack on wide stretches.)
      const [x0, x1] = [f.bounds[a]!, f.bounds[b + 1]!];
      const off = Math.abs(centre - (x0 + x1) / 2);
      if (off <= Math.max(SPAN_CENTRE * f.fs, STRETCH_SLACK * (x1 - x0)) && (!best || off < best.off))
        best = { at: [a, b], off };
    }
  return best?.at ?? null;
}

/** Every header of a line past the label column is centred over two or more cells of the line below. */
function parentsOver(f: GridFrame, line: Chunk[], below: Chunk[]): boolean {
  const heads = line.filter((p) => p.c0 > 0);
  return heads.length > 0 && heads.every((p) => centredStretch(f, p, below) !== null);
}

/** A parent header alone in one column, set in the middle of the columns of the row below it: one cell over
 * them (a parent over three periods, printed over the middle one). */
function widenToCentre(f: GridFrame, slots: Slot[], ch: Chunk, next: Row): void {
  const line = next.lines.flatMap((l) => l.chunks);
  const own = slots[ch.c0]!;
  if (ch.c0 !== ch.c1 || own.covered || own.chunks.length !== 1 || own.chunks[0] !== ch) return;
  const all = slots.flatMap((s) => s.chunks);
  const stretch = centredStretch(f, ch, line, all);
  if (!stretch) return;
  const [a, b] = stretch;
  if (!range(a, b).every((c) => c === ch.c0 || (slots[c]!.chunks.length === 0 && !slots[c]!.covered))) return;
  own.chunks = [];
  slots[a]!.chunks.push(ch);
  slots[a]!.cs = b - a + 1;
  for (let c = a + 1; c <= b; c++) slots[c]!.covered = "col";
}

/** Row spans: in a ruled table, cells of one column not separated by a rule are one cell (its text pooled).
 * Two cells with text of their own are one only where rules separate the rows (most bands hold one row: rules
 * drawn under some rows alone, over the totals of a statement, leave the labels apart) and the text below is the
 * next line of the text above (no further below it than a line's height): one text over two rows, not two labels
 * each set in its own row. */
function joinUnruledRows(f: GridFrame, rows: Row[]): void {
  const perRow = rows.length <= ROWS_PER_BAND * new Set(rows.map((r) => r.band)).size;
  const nextLine = (above: Slot, below: Slot) => {
    const up = above.chunks.reduce((a, b) => (b.y0 > a.y0 ? b : a));
    const low = below.chunks.reduce((a, b) => (b.y0 < a.y0 ? b : a));
    return perRow && low.y0 - up.y1 <= up.size;
  };
  for (let r = 0; r + 1 < rows.length; r++) {
    const sep = levelAt(f, f.edges[rows[r + 1]!.band]!);
    if (!sep || rows[r + 1]!.band !== rows[r]!.band + 1) continue;
    for (let c = 0; c < f.ncol; c++) {
      const below = rows[r + 1]!.slots[c]!;
      if (below.covered || below.cs !== 1 || coverage(sep.segs, f.bounds[c]!, f.bounds[c + 1]!) >= 0.5) continue;
      let owner = r;
      while (owner > 0 && rows[owner]!.slots[c]!.covered === "row") owner--;
      const o = rows[owner]!.slots[c]!;
      if (o.covered || o.cs !== 1) continue;
      if (o.chunks.length > 0 && below.chunks.length > 0 && !nextLine(o, below)) continue;
      o.chunks.push(...below.chunks);
      o.text = cellText(o.chunks.flatMap((ch) => ch.pieces));
      o.rs = r + 2 - owner;
      below.covered = "row";
      below.chunks = [];
      below.text = "";
    }
  }
}

/** breakFree per frame, rule and columns: asked for every chunk of every row, and again for each set of label
 * columns tried (pdf-grid-labels.ts). The ranges are shared: read only. */
const BREAK_FREE = new WeakMap<GridFrame, Map<HLine, Map<number, [number, number] | null>>>();

function breakFreeIn(f: GridFrame, level: HLine, ch: Chunk): [number, number] | null {
  let byLevel = BREAK_FREE.get(f);
  if (!byLevel) {
    byLevel = new Map();
    BREAK_FREE.set(f, byLevel);
  }
  let byCols = byLevel.get(level);
  if (!byCols) {
    byCols = new Map();
    byLevel.set(level, byCols);
  }
  const key = ch.c0 * (f.ncol + 1) + ch.c1;
  let out = byCols.get(key);
  if (out === undefined) {
    out = breakFree(level, f.bounds, ch, f.tol);
    byCols.set(key, out);
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
function noSplit(
  around: (HLine | undefined)[],
  vlines: VLine[],
  x: number,
  row: { y0: number; y1: number },
  tol: number,
): boolean {
  if (vlines.some((v) => Math.abs(v.x - x) <= tol && v.y0 < row.y1 && v.y1 > row.y0)) return false;
  const present = around.filter((l): l is HLine => !!l && l.x0 < x - tol && l.x1 > x + tol);
  return (
    present.length > 0 &&
    present.some((l) => l.breaks.length > 0) &&
    present.every((l) => !l.breaks.some((b) => Math.abs(b - x) <= tol))
  );
}
