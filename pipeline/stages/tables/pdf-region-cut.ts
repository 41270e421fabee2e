// Cutting a stack of rules into table regions (pdf-regions.ts): the stack's text sorted into lines that may be
// rows and lines that bar a table, the blocks that text falls into, which lines keep to the columns a rule marks,
// and the text a region takes in above its first rule or below its last.
import { chunksOf, type Chunk } from "./pdf-columns.ts";
import { area, intersect, median } from "../../geometry.ts";
import { clusterBy, RULE_LEVEL, type Geometry, type HLine } from "./pdf-geometry.ts";
import { parseCaption, parseSource } from "../layout/patterns.ts";
import { isNumberLike, lineText, toLines, type Line, type Piece } from "./pdf-text.ts";
import { cutUnderSplits } from "./pdf-word-splits.ts";

/** Rules of one table line up at both ends within this share of the font size. */
export const EXTENT_TOL = 0.3;
/** A vertical gap wider than this share of the font size between two blocks of text outside the rules ends a
 * table; never less than the share of the page height (tiny print keeps its line spacing). */
const BREAK_GAP = 1.2;
const BREAK_MIN = 0.01;
/** Text further than this share of the font size from a rule (cell padding included) is not in its band; never
 * less than the share of the page height. */
const RULE_GAP = 1.5;
const RULE_GAP_MIN = 0.015;
/** Outside the rules, one block of text wider than this share of the table is prose, not a row. */
const WIDE_BLOCK = 0.6;
/** Text may overhang a cell border by this share of the font size (trailing punctuation). */
const OVERHANG = 0.25;
/** A text may reach back over a column split by this share of its width (a wide value in a narrow column). */
const REACH_BACK = 0.4;
/** Text running across a column split with no gap of this share of the font size is one block (prose). */
const TIGHT_GAP = 0.2;
/** A band between two rules with drawings over this share of it is a figure frame. */
const BAND_GRAPHIC_SHARE = 0.1;
/** A text spanning columns is centred on them within this share of the font size. */
const SPAN_CENTRE = 0.75;
/** A drawing counts for a band when the band holds at least this share of its height. */
const HELD = 0.5;
/** A gap in the text between two whole rules this many font sizes wide, on every line, separates columns. */
const GUTTER = 1.0;
/** Gutters of whole rules are looked for in the text of up to this many bands below. */
const GUTTER_BANDS = 6;
/** A rule crossing text that reaches this share of its font size above and below it is an underline, no border. */
const CROSS_DEPTH = 0.15;
/** A line whose middle lies within this many font sizes of the stack's is centred on it. */
const CENTRED = 1;
/** Under a header band, a blank gap of up to this many font sizes inside the body does not end the table. */
const BLANK_ROWS = 3;

/** `banded`: no rule, only the edges of a band of cell backgrounds (a header band: the table is below it). */
export interface Stack {
  x0: number;
  x1: number;
  lines: HLine[];
  banded?: boolean;
}

/** A stack being cut into regions: its text (the lines that may be rows, and those that bar a table), its rule
 * levels, the spacing that ends a table, and the lines taken by a region already (text below its last rule). */
export interface Cut {
  stack: Stack;
  geo: Geometry;
  /** the stack's font size, and the tolerance of its rules' ends (from the page's) */
  fs: number;
  tol: number;
  /** pieces inside the stack, and pieces sticking out of it */
  inside: Piece[];
  foreign: Piece[];
  /** the rule levels of the stack (lines through text left out) */
  lv: HLine[];
  /** text lines that may be rows, and lines that end a table (captions, source lines, text sticking out) */
  lines: Line[];
  barrierLines: Line[];
  gap: number;
  ruleGap: number;
  /** rules of other stacks across this one */
  otherRules: HLine[];
  taken: Set<Line>;
}

/** A region being built: the rule levels it spans and its text lines. */
export interface Open {
  levels: HLine[];
  lines: Line[];
  /** the line of the title bar heading it (its first band) */
  title?: Line;
  /** starts with a header row over its first rule (text above it in two columns or more) */
  headed?: boolean;
}

/** A region starting at a rule, with the header row above it (if any). */
export const openAt = (level: HLine, head: Line[]): Open => ({ levels: [level], lines: head, headed: head.length > 0 });

/** A stack's text and rules, sorted for cutting. */
export function cutOf(stack: Stack, pieces: Piece[], geo: Geometry, pageFs: number, pageHeight: number): Cut {
  const tol = EXTENT_TOL * pageFs;
  const inside = pieces.filter((p) => p.x0 >= stack.x0 - tol && p.x1 <= stack.x1 + tol);
  const foreign = pieces.filter(
    (p) => p.x1 > stack.x0 + tol && p.x0 < stack.x1 - tol && !(p.x0 >= stack.x0 - tol && p.x1 <= stack.x1 + tol),
  );
  const fs = median(inside.map((p) => p.size)) || pageFs;
  const lv = levels(stack.lines, fs).filter((l) => !crossesText(inside, l));
  // A line with text sticking out of the stack is not inside it: it ends a table like a barrier.
  // So is a caption or a source line: a table never runs on past its source line or into the next caption
  // (where the text has gaps inside such a line — OCR words — it could otherwise pass for a row of cells).
  const marker = (l: Line) => {
    const t = lineText(l.pieces);
    return parseCaption(t) !== null || parseSource(t) !== null;
  };
  const tainted = (l: Line) =>
    marker(l) ||
    foreign.some((p) => Math.min(p.y1, l.y1) - Math.max(p.y0, l.y0) > 0.5 * Math.min(p.y1 - p.y0, l.y1 - l.y0));
  const all = toLines(cutUnderSplits(inside, lv));
  // (Each line judged once: the caption and source patterns are tried on it.)
  const isTainted = all.map(tainted);
  const lines = all.filter((_, i) => !isTainted[i]);
  const barrierLines = all.filter((_, i) => isTainted[i]);
  const gap = Math.max(BREAK_GAP * fs, BREAK_MIN * pageHeight);
  const ruleGap = Math.max(RULE_GAP * fs, RULE_GAP_MIN * pageHeight);
  // Rules of other stacks across this one end the text above / below its own rules (not its ruled bands).
  // (The edges of a band of cell backgrounds split into columns count as such a rule: the next table's header.)
  const otherRules = geo.hlines.filter(
    (h) =>
      (h.thin || h.breaks.length >= 2) &&
      !stack.lines.includes(h) &&
      Math.min(h.x1, stack.x1) - Math.max(h.x0, stack.x0) >= 0.5 * (stack.x1 - stack.x0),
  );
  return {
    stack,
    geo,
    fs,
    tol,
    inside,
    foreign,
    lv,
    lines,
    barrierLines,
    gap,
    ruleGap,
    otherRules,
    taken: new Set<Line>(),
  };
}

/** A line through text where it is drawn is an underline or a background edge, no border. */
export function crossesText(inside: Piece[], l: HLine): boolean {
  return inside.some(
    (p) =>
      p.y0 < l.y - CROSS_DEPTH * p.size &&
      p.y1 > l.y + CROSS_DEPTH * p.size &&
      l.segs.some(([a, b]) => p.x1 > a && p.x0 < b),
  );
}

/** Something between the heights a and b ends a table: text sticking out, a barrier line, or (with `rules`) a rule
 * of another stack. */
export function barrier(c: Cut, a: number, b: number, rules = false): boolean {
  return (
    c.foreign.some((p) => p.y1 > a && p.y0 < b) ||
    c.barrierLines.some((l) => l.y1 > a && l.y0 < b) ||
    (rules && c.otherRules.some((h) => h.y > a && h.y < b))
  );
}

/** The lines that may be rows whose middle lies between the heights a and b. */
export function between(c: Cut, a: number, b: number): Line[] {
  return c.lines.filter((l) => (l.y0 + l.y1) / 2 > a && (l.y0 + l.y1) / 2 < b);
}

/** Lines (top to bottom) in blocks: a wide gap or a barrier starts a new block. */
export function clusters(c: Cut, ls: Line[], rules = false): Line[][] {
  const out: Line[][] = [];
  for (const l of ls) {
    const last = out[out.length - 1];
    const prev = last?.[last.length - 1];
    if (last && prev && l.y0 - prev.y1 <= c.gap && !barrier(c, prev.y1, l.y0, rules)) last.push(l);
    else out.push([l]);
  }
  return out;
}

/** A line belongs to the table next to a rule when its text stays inside the columns the rule marks (or the
 * splits given for it; for an unsplit rule without, when it is not one wide block of text). */
export function keeps(c: Cut, l: Line, level: HLine, breaks = level.breaks): boolean {
  if (breaks.length > 0) {
    const runs = chunksOf(l, [], c.fs, TIGHT_GAP);
    const over = Math.max(1, OVERHANG * c.fs);
    // (A text reaching back over one split by less than REACH_BACK of its width is a wide value set against a
    // narrow column, not a text running across.)
    const across = (ch: Chunk) => {
      const crossed = breaks.filter((b) => ch.x0 < b - over && ch.x1 > b + over);
      return crossed.length > 1 || (crossed.length === 1 && crossed[0]! - ch.x0 > REACH_BACK * (ch.x1 - ch.x0));
    };
    return !runs.some(across);
  }
  const raw = chunksOf(l, [], c.fs);
  return raw.length >= 2 || raw[0]!.x1 - raw[0]!.x0 < WIDE_BLOCK * (c.stack.x1 - c.stack.x0);
}

/** keeps, for splits given as ranges: no run of the line reaches across a whole range. */
function keepsRanges(c: Cut, l: Line, ranges: [number, number][]): boolean {
  const runs = chunksOf(l, [], c.fs, TIGHT_GAP);
  const over = Math.max(1, OVERHANG * c.fs);
  return !runs.some((ch) => ranges.some(([a, b]) => ch.x0 < a - over && ch.x1 > b + over));
}

/** A line of cells each spanning columns (a year over each pair of columns, in a band between two blocks of
 * rows): two texts or more, each within one column of the rule or centred on a stretch of its columns — a band
 * of parent cells, whose text runs across the splits the rule draws for the rows. */
export function keepsSpanning(c: Cut, l: Line, level: HLine): boolean {
  const runs = chunksOf(l, [], c.fs, TIGHT_GAP);
  const bounds = [c.stack.x0, ...level.breaks, c.stack.x1];
  const over = Math.max(1, OVERHANG * c.fs);
  const within = (x0: number, x1: number) => !level.breaks.some((b) => x0 < b - over && x1 > b + over);
  const centred = (x0: number, x1: number) => {
    const a = bounds.reduce((k, x, i) => (x <= x0 + over ? i : k), -1);
    const b = bounds.findIndex((b) => b >= x1 - over);
    return a >= 0 && b > a + 1 && Math.abs((x0 + x1) / 2 - (bounds[a]! + bounds[b]!) / 2) <= SPAN_CENTRE * c.fs;
  };
  return (
    level.breaks.length > 0 &&
    runs.length >= 2 &&
    runs.some((r) => !within(r.x0, r.x1)) &&
    runs.every((r) => within(r.x0, r.x1) || centred(r.x0, r.x1))
  );
}

/** A short line of one block of text over lines that keep to the columns (in a table's first band): a parent
 * header spanning several of them, not prose (which runs wide). */
export function spanning(c: Cut, l: Line): boolean {
  const raw = chunksOf(l, [], c.fs);
  return raw.length === 1 && raw[0]!.x1 - raw[0]!.x0 < WIDE_BLOCK * (c.stack.x1 - c.stack.x0);
}

/** A line centred on the stack (within CENTRED font sizes): the title of a block of the table, set over its
 * columns. */
export function centredOnStack(c: Cut, l: Line): boolean {
  return Math.abs((l.x0 + l.x1) / 2 - (c.stack.x0 + c.stack.x1) / 2) <= CENTRED * c.fs;
}

/** A band holding a drawing (curves, axes, a picture; filled boxes may be cell backgrounds) is a figure. A stroke
 * reaching mostly beyond the band (a pen mark across several rows and the text around the table) is no figure in
 * it. */
export function drawnBetween(c: Cut, a: HLine, b: HLine): boolean {
  const band = { x0: c.stack.x0, y0: a.y, x1: c.stack.x1, y1: b.y };
  const drawn = [...c.geo.graphics.filter((g) => g.stroke && heldIn(g, a.y, b.y)), ...c.geo.images];
  return drawn.reduce((s, g) => s + area(intersect(g, band)), 0) >= BAND_GRAPHIC_SHARE * area(band);
}

/** Does the stretch [y0, y1] hold most of a drawing's height (else the drawing reaches mostly beyond it)? */
export const heldIn = (g: { y0: number; y1: number }, y0: number, y1: number) =>
  Math.min(g.y1, y1) - Math.max(g.y0, y0) >= HELD * (g.y1 - g.y0);

/** The lines of a block up to the first that does not keep to the columns of the rule. */
export function prefix(c: Cut, block: Line[], level: HLine, breaks = level.breaks): Line[] {
  const stop = block.findIndex((l) => !keeps(c, l, level, breaks));
  return stop < 0 ? block : block.slice(0, stop);
}

/** The column splits of a rule level. Rules drawn whole (a scan, or a table ruled only between rows) mark no
 * columns: the gutters of the text between a rule and the next one stand in for the splits.
 * (A table ruled between every row has one line per band: the gutters are those of the next few bands together.) */
export function splitsOf(c: Cut, level: HLine): number[] {
  return splitRanges(c, level).map(([a, b]) => (a + b) / 2);
}

/** The column splits of a rule level as ranges: a drawn split exactly, a gutter of the text from the end of the
 * text left of it to the start of the text right of it (a heading wider than its column may reach into it). */
export function splitRanges(c: Cut, level: HLine): [number, number][] {
  const { lv } = c;
  const drawn = (xs: number[]) => xs.map((x): [number, number] => [x, x]);
  if (level.breaks.length > 0) return drawn(level.breaks);
  const at = lv.indexOf(level);
  // A whole rule over split ones (a heavy rule under the header): the columns are those the next rule marks.
  if ((lv[at + 1]?.breaks.length ?? 0) > 0) return drawn(lv[at + 1]!.breaks);
  let end = at + 1;
  while (
    end < lv.length &&
    lv[end]!.breaks.length === 0 &&
    end - at < GUTTER_BANDS &&
    between(c, level.y, lv[end]!.y).length < 2
  )
    end++;
  const next = lv[Math.min(end, lv.length - 1)];
  // The last rule of the stack (the rule under a header, alone): the gutters of the block of text below it.
  if (next === level) return gutterRanges(clusters(c, between(c, level.y, Infinity))[0] ?? [], c.fs);
  return next && next.breaks.length === 0 ? gutterRanges(between(c, level.y, next.y), c.fs) : [];
}

/** Text right above the first rule of a region, when it fills two columns of it: a header row over a rule under
 * the header (no rule above it), or a table continued from the previous page. */
export function above(c: Cut, level: HLine, from: number): Line[] {
  const block = clusters(
    c,
    between(c, from, level.y).filter((l) => !c.taken.has(l)),
    true,
  ).at(-1);
  const ranges = splitRanges(c, level);
  const splits = ranges.map(([a, b]) => (a + b) / 2);
  if (
    !block ||
    level.y - block[block.length - 1]!.y1 > c.ruleGap ||
    barrier(c, block[block.length - 1]!.y1, level.y, true) ||
    splits.length === 0
  )
    return [];
  // A header line may reach into a gutter (a heading wider than its column) but not across it.
  const stop = [...block].reverse().findIndex((l) => !keepsRanges(c, l, ranges));
  const kept = (stop < 0 ? [...block].reverse() : [...block].reverse().slice(0, stop)).reverse();
  const colsOf = (l: Line) => new Set(l.pieces.map((p) => splits.filter((b) => b < p.x0).length));
  // Lines on top that hold text in the first column alone are titles over the table, not header rows.
  while (kept.length > 1 && [...colsOf(kept[0]!)].every((k) => k === 0)) kept.shift();
  const cols = new Set(kept.flatMap((l) => [...colsOf(l)]));
  return cols.size >= 2 ? kept : [];
}

/** Text below the rule `a` that does not reach the next one (`b`), added to the region: the lines that keep to the
 * columns, up to a gap. Under a header band (no rules at all) or the rule under a header row (no other rule), a
 * blank row inside the body does not end it: the next block goes on while it keeps to the columns. Under other
 * rules it goes on only with rows of values (a last line set apart by a blank row: `Net debt` under a statement). */
export function openBelow(c: Cut, cur: Open, a: HLine, b: HLine | undefined): void {
  const blocks = clusters(c, between(c, a.y, b ? b.y : Infinity), true);
  // (So under the one rule of a header row: the rule under a header, the body below it.)
  const open = c.stack.banded || (cur.headed && cur.levels.length === 1);
  let end = a.y;
  for (const [k, block] of blocks.entries()) {
    const reach = k === 0 ? c.ruleGap : BLANK_ROWS * c.fs;
    if (block[0]!.y0 - end > reach || barrier(c, end, block[0]!.y0, true)) return;
    const kept = prefix(c, block, a);
    if (k > 0 && !open && (kept.length < block.length || !block.every((l) => valueRow(l, splitsOf(c, a))))) return;
    cur.lines.push(...kept);
    for (const l of kept) c.taken.add(l);
    if (kept.length < block.length) return;
    end = block[block.length - 1]!.y1;
  }
}

/** A row of values under a split rule: numbers (or missing markers) in at least two of its columns and in every
 * piece but the first (its label). */
function valueRow(l: Line, splits: number[]): boolean {
  const [, ...rest] = [...l.pieces].sort((p, q) => p.x0 - q.x0);
  const cols = new Set(rest.map((p) => splits.filter((x) => x < p.x0).length));
  return splits.length >= 2 && cols.size >= 2 && rest.every((p) => isNumberLike(p.text));
}

/** Lines at one height merged into one level: union of segments and splits; a rule when any of them is. */
export function levels(lines: HLine[], fs: number): HLine[] {
  return clusterBy(lines, (l) => l.y, Math.max(0.8, RULE_LEVEL * fs)).map((g) => {
    const segs = g.flatMap((l) => l.segs).sort((a, b) => a[0] - b[0]);
    const merged: [number, number][] = [];
    for (const s of segs) {
      const last = merged[merged.length - 1];
      if (last && s[0] <= last[1] + 1) last[1] = Math.max(last[1], s[1]);
      else merged.push([s[0], s[1]]);
    }
    const breaks = clusterBy(
      g.flatMap((l) => l.breaks),
      (x) => x,
      1.5,
    ).map((c) => c[0]!);
    return {
      y: g.reduce((s, l) => s + l.y, 0) / g.length,
      x0: Math.min(...g.map((l) => l.x0)),
      x1: Math.max(...g.map((l) => l.x1)),
      segs: merged,
      breaks,
      thin: g.some((l) => l.thin),
      thinBreaks: g.filter((l) => l.thin).flatMap((l) => l.thinBreaks ?? l.breaks),
    };
  });
}

/** Column gutters of some lines of text: x positions (the middles of gaps at least GUTTER font sizes wide) that
 * no text of any line crosses, with text on both sides. Empty for prose, or for fewer than two lines. */
export function gutters(lines: Line[], fs: number): number[] {
  return gutterRanges(lines, fs).map(([a, b]) => (a + b) / 2);
}

/** The gutters as the stretches they leave open between the text left and right of them. */
function gutterRanges(lines: Line[], fs: number): [number, number][] {
  if (lines.length < 2) return [];
  const spans = lines.flatMap((l) => chunksOf(l, [], fs).map((c) => [c.x0, c.x1] as const)).sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  let right = spans[0]![1];
  for (const [x0, x1] of spans.slice(1)) {
    if (x0 - right >= GUTTER * fs) out.push([right, x0]);
    right = Math.max(right, x1);
  }
  return out;
}
