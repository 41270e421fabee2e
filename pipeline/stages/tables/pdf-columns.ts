// Column boundaries of a table region: where its rules are split (cell borders, vertical rules, sides of cell
// backgrounds) and where the text of most lines leaves a vertical gap; columns holding no text are merged away.
import { lowerMedian } from "../../geometry.ts";
import { clusterBy, type HLine, type VLine } from "./pdf-geometry.ts";
import { isNumberLike, type Line, type Piece } from "./pdf-text.ts";

/** Runs of one line closer than this share of the font size belong to one cell (unless a boundary lies between). */
const CHUNK_GAP = 0.6;
/** Runs closer than this share of the font size touch: a boundary between them does not cut the text. */
const TOUCH = 0.1;
/** A vertical gap in the text must be this share of the font size wide to separate columns. */
const MIN_COL_GAP = 0.5;
/** A rule split crossed by text on more than this share of the lines is no column boundary. */
const MAX_CROSSED = 0.5;
/** A text gap inside a ruled cell needs text on both sides in this share of the lines. */
const SPLIT_SUPPORT = 0.5;
/** ... or text on both sides in this share of the lines with text on its left. */
const LEFT_SUPPORT = 0.8;
/** ... or, crossed by no line, text on each side in this share of the lines. */
const SIDE_SHARE = 0.25;
/** A run overlapping a column by less than this share of the font size does not reach into it. */
const MIN_OVERLAP = 0.25;

/** Vertical lines beside this share of a table's lines make it ruled (text gaps inside its cells are no columns). */
const RULED_SHARE = 0.5;
/** A rule across this share of the table's width is a row rule. */
const ROW_RULE_SHARE = 0.5;

/** Priority of the table's own edges (never dropped); rule splits 3, background sides 2, text gaps 1. */
const EDGE = 9;
export interface Columns {
  bounds: number[];
  prio: number[];
}
/** A run of pieces on one line read as one cell text; c0..c1 the columns it covers. */
export interface Chunk {
  pieces: Piece[];
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  c0: number;
  c1: number;
  size: number;
}

/** Pieces of a line joined into chunks: small gaps join, a column boundary inside a gap always splits. */
export function chunksOf(line: Line, bounds: number[], fs: number, gap = CHUNK_GAP): Chunk[] {
  const out: Chunk[] = [];
  for (const p of line.pieces) {
    const last = out[out.length - 1];
    // Text touching across a boundary (no gap at all) runs over it: a spanning cell, not two cells.
    const gapHasBound = last
      ? p.x0 - last.x1 >= TOUCH * fs && bounds.some((b) => b >= last.x1 - 0.5 && b <= p.x0 + 0.5)
      : false;
    if (last && p.x0 - last.x1 <= gap * fs && !gapHasBound) {
      last.pieces.push(p);
      last.x1 = Math.max(last.x1, p.x1);
      last.y0 = Math.min(last.y0, p.y0);
      last.y1 = Math.max(last.y1, p.y1);
      last.size = Math.max(last.size, p.size);
    } else out.push({ pieces: [p], x0: p.x0, x1: p.x1, y0: p.y0, y1: p.y1, c0: 0, c1: 0, size: p.size });
  }
  return out;
}

export function place(chunk: Chunk, bounds: number[], fs: number): void {
  const min = MIN_OVERLAP * fs;
  const cols: number[] = [];
  for (let c = 0; c < bounds.length - 1; c++) {
    if (Math.min(chunk.x1, bounds[c + 1]!) - Math.max(chunk.x0, bounds[c]!) >= Math.min(min, (chunk.x1 - chunk.x0) / 2))
      cols.push(c);
  }
  const centre = (chunk.x0 + chunk.x1) / 2;
  let home = 0;
  for (let c = 0; c < bounds.length - 1; c++) if (centre >= bounds[c]!) home = c;
  chunk.c0 = cols[0] ?? home;
  chunk.c1 = cols[cols.length - 1] ?? home;
}

/** Column boundaries for the lines of a region spanning [x0, x1] with the given rules. (In three parts: a deopt
 * of one large function had V8 recompile all of it, at 0.1 s a time.) */
export function findColumns(
  x0: number,
  x1: number,
  lines: Line[],
  levels: HLine[],
  vlines: VLine[],
  fs: number,
): Columns {
  const tol = Math.max(1.5, 0.25 * fs);
  const rules = drawnBoundaries(x0, x1, lines, levels, vlines, tol);
  const found = textBoundaries(
    lines,
    rules.map((r) => r.x),
    fs,
    tol,
    rules.some((r) => !r.end && !r.short && between(lines, r.x)),
    rules.filter((r) => r.thin).map((r) => r.x),
    [x0, x1],
  );
  const merged: Boundary[] = [];
  for (const c of [...rules, ...found].sort((a, b) => a.x - b.x)) {
    const last = merged[merged.length - 1];
    if (last && c.x - last.x < fs) {
      if (c.prio > last.prio) merged[merged.length - 1] = c;
    } else merged.push(c);
  }
  return { bounds: [x0, ...merged.map((c) => c.x), x1], prio: [EDGE, ...merged.map((c) => c.prio), EDGE] };
}

/** Text stands on both sides of x: a drawn boundary with all the text on one side (the side of a header bar
 * reaching past the labels) splits no cells and does not make the table ruled. */
const between = (lines: Line[], x: number) =>
  lines.some((l) => l.pieces.some((p) => p.x1 <= x)) && lines.some((l) => l.pieces.some((p) => p.x0 >= x));

/** `end`: only ends of rules mark it (no split, no vertical rule): the text between is not cut into ruled cells.
 * `short`: only vertical lines beside a few of the lines mark it (the sides of some cells' backgrounds). */
interface Boundary {
  x: number;
  prio: number;
  end?: boolean;
  short?: boolean;
  /** a thin rule is split here, or a thin vertical rule is drawn: not only a background's
   * side or a rule's end */
  thin?: boolean;
}

/** Rule splits, vertical rules and sides of backgrounds, clustered, less those that most lines' text crosses. */
function drawnBoundaries(
  x0: number,
  x1: number,
  lines: Line[],
  levels: HLine[],
  vlines: VLine[],
  tol: number,
): Boundary[] {
  const cands: Boundary[] = [];
  const splitOfRule = (l: HLine, b: number) => l.thin && (l.thinBreaks ?? l.breaks).some((t) => Math.abs(t - b) <= 0.5);
  for (const l of levels)
    for (const b of l.breaks)
      if (b > x0 + tol && b < x1 - tol) cands.push({ x: b, prio: l.thin ? 3 : 2, thin: splitOfRule(l, b) });
  // (A vertical line beside fewer than this share of the lines does not make the table ruled.)
  const beside = (v: VLine) => lines.filter((l) => (l.y0 + l.y1) / 2 > v.y0 && (l.y0 + l.y1) / 2 < v.y1).length;
  for (const v of vlines)
    if (v.x > x0 + tol && v.x < x1 - tol)
      cands.push({ x: v.x, prio: v.thin ? 3 : 2, short: beside(v) < RULED_SHARE * lines.length, thin: v.thin });
  // A row rule that stops short of the table's side stops at a cell border (rules between the rows of a group
  // leave out the column of its label).
  for (const l of levels) {
    if (!l.thin || l.x1 - l.x0 < ROW_RULE_SHARE * (x1 - x0)) continue;
    if (l.x0 > x0 + tol && l.x0 < x1 - tol) cands.push({ x: l.x0, prio: 3, end: true });
    if (l.x1 < x1 - tol && l.x1 > x0 + tol) cands.push({ x: l.x1, prio: 3, end: true });
  }
  const crossed = (x: number) => lines.filter((l) => l.pieces.some((p) => p.x0 < x - 1 && p.x1 > x + 1)).length;
  return clusterBy(cands, (c) => c.x, tol)
    .map((g) => ({
      x: g.reduce((s, c) => s + c.x, 0) / g.length,
      prio: Math.max(...g.map((c) => c.prio)),
      end: g.every((c) => c.end),
      short: g.every((c) => c.short),
      thin: g.some((c) => c.thin),
    }))
    .filter((c) => crossed(c.x) <= MAX_CROSSED * lines.length);
}

/** Boundaries in the gaps of the text, from lines holding at least two chunks (split at the drawn boundaries). */
function textBoundaries(
  lines: Line[],
  ruleX: number[],
  fs: number,
  tol: number,
  ruled = ruleX.length > 0,
  thinX: number[] = [],
  edges: [number, number] = [-Infinity, Infinity],
): Boundary[] {
  // Lines with fewer cells than most (a parent header over two columns) leave the gaps to the others.
  const split = lines.map((l) => chunksOf(l, ruleX, fs)).filter((c) => c.length >= 2);
  const typical = lowerMedian(split.map((c) => c.length)) ?? 2;
  // Too few lines of two cells (a band whose cells are centred at different heights, as in a header with wrapped
  // labels): the gaps left by all lines' text.
  const multi =
    split.length < 2 && lines.length >= 2
      ? lines.map((l) => chunksOf(l, ruleX, fs))
      : split.filter((c) => c.length >= typical).length >= 2
        ? split.filter((c) => c.length >= typical)
        : split;
  if (multi.length < 2) return [];
  const found: Boundary[] = [];
  const lo = Math.min(...multi.map((c) => c[0]!.x0));
  const hi = Math.max(...multi.map((c) => c[c.length - 1]!.x1));
  const minGap = (ruled ? 2 : 1) * MIN_COL_GAP * fs;
  const gaps = openStretches(multi, lo, hi);
  if (gaps.length > 0) {
    const everyChunk = lines.flatMap((l) => chunksOf(l, ruleX, fs)).flatMap((c) => valueParts(c, fs));
    for (const [g0, g1] of gaps) {
      if (
        (g1 - g0 >= minGap ||
          (ruled &&
            g1 - g0 >= MIN_COL_GAP * fs &&
            !inRuledCell(g0, g1, ruleX, thinX, edges) &&
            partsNumbers(multi, g0, g1, fs))) &&
        !ruleX.some((x) => x >= g0 - tol && x <= g1 + tol) &&
        (!ruled || splitsMost(multi, g0, g1, ruleX, split))
      )
        found.push({ x: freeMiddle(g0, g1, everyChunk), prio: 1 });
    }
  }
  // A line with fewer cells may still have one wholly left or right of all the others' text (group labels in a
  // column of their own): a boundary in the gap between.
  const others = split.filter((c) => !multi.includes(c));
  const outLeft = others.map((cs) => cs.filter((c) => c.x1 <= lo - minGap));
  const outRight = others.map((cs) => cs.filter((c) => c.x0 >= hi + minGap));
  if (outLeft.flat().length > 0) found.push({ x: (Math.max(...outLeft.flat().map((c) => c.x1)) + lo) / 2, prio: 1 });
  if (outRight.flat().length > 0) found.push({ x: (Math.min(...outRight.flat().map((c) => c.x0)) + hi) / 2, prio: 1 });
  // Those cells may stand in several columns of their own (a group label, then a period and a count, centred
  // beside two lines of values): the gaps their lines leave open between them.
  for (const side of [outLeft, outRight].map((o) => o.filter((cs) => cs.length > 0))) {
    if (side.length < 2) continue;
    const a = Math.min(...side.map((cs) => cs[0]!.x0));
    const b = Math.max(...side.map((cs) => cs[cs.length - 1]!.x1));
    for (const [g0, g1] of openStretches(side, a, b))
      if (g1 - g0 >= minGap && !ruleX.some((x) => x >= g0 - tol && x <= g1 + tol))
        found.push({ x: (g0 + g1) / 2, prio: 1 });
  }
  return found;
}

/** Most lines have a number next to the gap on either side: tight columns of values
 * (`751,766  826,524` one type size apart), which a ruled table's wider gap for text would read as one. */
function partsNumbers(multi: Chunk[][], g0: number, g1: number, fs: number): boolean {
  const pairs = multi.flatMap((cs) => {
    const parts = cs.flatMap((c) => valueParts(c, fs));
    const left = parts.filter((c) => c.x1 <= g0 + 0.5).pop();
    const right = parts.find((c) => c.x0 >= g1 - 0.5);
    return left && right && valueLike(left) && valueLike(right) ? [[left, right] as const] : [];
  });
  // Columns of values line up on an edge (right-aligned figures, or left-aligned): two numbers centred in one
  // cell ("1.23 (0.45)") do not.
  const lined = (xs: number[]) => {
    const m = lowerMedian(xs) ?? 0;
    return xs.filter((x) => Math.abs(x - m) <= ALIGNED).length >= ALIGNED_SHARE * xs.length;
  };
  const side = (cs: Chunk[]) => lined(cs.map((c) => c.x1)) || lined(cs.map((c) => c.x0));
  return pairs.length >= SPLIT_SUPPORT * multi.length && side(pairs.map((p) => p[0])) && side(pairs.map((p) => p[1]));
}
/** The gap lies in a cell drawn with rules on both sides (a grid's cell is one cell, whatever its text); a band of
 * background over several columns is not such a cell. */
function inRuledCell(g0: number, g1: number, ruleX: number[], thinX: number[], edges: [number, number]): boolean {
  // (the table's own sides count as drawn like its inner borders: a grid ruled cell by cell is closed by rules)
  const drawn = (x: number) => thinX.includes(x) || (thinX.length > 0 && edges.includes(x));
  const left = Math.max(edges[0], ...ruleX.filter((x) => x <= g0));
  const right = Math.min(edges[1], ...ruleX.filter((x) => x >= g1));
  return drawn(left) && drawn(right);
}
/** Edges within this many points line up; this share of a column's values must. */
const ALIGNED = 1;
const ALIGNED_SHARE = 0.8;
/** A number, with a short unit word after it as English notes print them (`0.3 ppts`, `12.5x`, `25bp`). */
const valueLike = (c: Chunk) => {
  const text = c.pieces.map((p) => p.text).join(" ");
  return isNumberLike(text) || /^[-+−–(]?\d[\d,.]*\s?[A-Za-z%]{1,5}\)?$/.test(text.trim());
};

/** Stretches of [lo, hi] (in half points) that no chunk of the lines covers, with text on both sides. */
function openStretches(lines: Chunk[][], lo: number, hi: number): [number, number][] {
  const step = 0.5;
  const n = Math.max(0, Math.ceil((hi - lo) / step));
  const count = new Uint16Array(n);
  for (const chunks of lines)
    for (const ch of chunks) {
      for (let i = Math.max(0, Math.floor((ch.x0 - lo) / step)); i < Math.min(n, Math.ceil((ch.x1 - lo) / step)); i++)
        count[i]!++;
    }
  const out: [number, number][] = [];
  let start = -1;
  for (let i = 0; i <= n; i++) {
    const open = i < n && count[i] === 0;
    if (open && start < 0) start = i;
    if (!open && start >= 0) {
      if (start > 0) out.push([lo + start * step, lo + i * step]);
      start = -1;
    }
  }
  return out;
}

/** A chunk cut between two numbers set apart (tight columns of long values: "959,760" "1,245,622"): they are two
 * cells' texts, never one text running across the gap between them. */
function valueParts(ch: Chunk, fs: number): Chunk[] {
  const out: Chunk[] = [];
  for (const p of ch.pieces) {
    const last = out[out.length - 1];
    const prev = last?.pieces[last.pieces.length - 1];
    if (last && !(prev && p.x0 - prev.x1 >= TOUCH * fs && isNumberLike(prev.text) && isNumberLike(p.text))) {
      last.pieces.push(p);
      last.x1 = Math.max(last.x1, p.x1);
    } else out.push({ ...ch, pieces: [p], x0: p.x0, x1: p.x1 });
  }
  return out;
}

/** Where in the gap [g0, g1] of the lines that set the columns to put the boundary: in the middle of the widest
 * stretch that the other lines' text (a header with cells closer together than the body's) leaves free too. */
function freeMiddle(g0: number, g1: number, chunks: Chunk[]): number {
  const inGap = chunks.filter((c) => c.x1 > g0 && c.x0 < g1);
  // Text across the whole gap, or standing inside it, is a cell spanning both columns (a parent header): the
  // boundary stays in the middle, under it. Only text reaching in from one side moves it.
  if (inGap.some((c) => (c.x0 < g0 && c.x1 > g1) || (c.x0 >= g0 && c.x1 <= g1))) return (g0 + g1) / 2;
  const over = inGap.map((c) => [Math.max(g0, c.x0), Math.min(g1, c.x1)] as const).sort((a, b) => a[0] - b[0]);
  let best: [number, number] = [g0, g0];
  let from = g0;
  for (const [a, b] of [...over, [g1, g1] as const]) {
    if (a - from > best[1] - best[0]) best = [from, a];
    from = Math.max(from, b);
  }
  return best[1] - best[0] >= 1 ? (best[0] + best[1]) / 2 : (g0 + g1) / 2;
}

/** Inside a ruled cell a gap in the text is a column only when most lines have text on both sides of it (a
 * centred header over left-aligned labels leaves a gap too). */
function splitsMost(multi: Chunk[][], g0: number, g1: number, ruleX: number[], all: Chunk[][]): boolean {
  const left = Math.max(-Infinity, ...ruleX.filter((x) => x <= g0));
  const right = Math.min(Infinity, ...ruleX.filter((x) => x >= g1));
  const hasLeft = (cs: Chunk[]) => cs.some((c) => c.x1 <= g0 + 0.5 && c.x0 >= left);
  const hasBoth = (cs: Chunk[]) => hasLeft(cs) && cs.some((c) => c.x0 >= g1 - 0.5 && c.x1 <= right);
  if (multi.filter(hasBoth).length >= SPLIT_SUPPORT * multi.length) return true;
  // Or nearly every line of the table with text left of it has text right of it too (labels and counts on lines
  // of their own, centred beside two lines of values).
  const leftOf = all.filter(hasLeft);
  const both = leftOf.filter(hasBoth);
  if (both.length >= 2 && both.length >= LEFT_SUPPORT * leftOf.length) return true;
  // Or no line crosses it and many lines stand on each side (those cells on lines of their own, beside the values).
  const rightOf = all.filter((cs) => cs.some((c) => c.x0 >= g1 - 0.5 && c.x1 <= right));
  const open = !all.some((cs) => cs.some((c) => c.x0 < g1 - 0.5 && c.x1 > g0 + 0.5));
  const many = (n: number) => n >= 2 && n >= SIDE_SHARE * all.length;
  return open && many(leftOf.length) && many(rightOf.length);
}

/** Drop boundaries until every column holds text of its own (keeping the better-evidenced boundary). */
export function dropEmptyColumns(cols: Columns, lines: Line[], fs: number): Columns {
  let { bounds, prio } = cols;
  for (;;) {
    const filled = new Array<boolean>(bounds.length - 1).fill(false);
    for (const l of lines)
      for (const ch of chunksOf(l, bounds, fs)) {
        place(ch, bounds, fs);
        if (ch.c0 === ch.c1) filled[ch.c0] = true;
      }
    const empty = filled.findIndex((f) => !f);
    if (empty < 0 || bounds.length <= 2) return { bounds, prio };
    const left = empty;
    const right = empty + 1;
    let drop = prio[left]! > prio[right]! ? right : left;
    if (prio[drop] === EDGE) drop = drop === left ? right : left;
    if (prio[drop] === EDGE) return { bounds, prio };
    bounds = bounds.filter((_, i) => i !== drop);
    prio = prio.filter((_, i) => i !== drop);
  }
}
