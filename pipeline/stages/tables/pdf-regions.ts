// Table regions of a page. Horizontal rules that start and end at the same x form a stack; a stack is cut into
// regions where the text leaves its rules (a wide gap, text sticking out of the stack, a rule of another stack,
// an empty band, a band holding a drawing, a change of column splits), and a region takes in the text right below
// its last rule (or right above its first) while that text keeps to the columns the rule marks. Captions and
// source lines always end a region; a title bar ends one and heads the next. A rule under a header row with the
// body below it is a table even when it is the only rule.
import type { PdfPage } from "../../../schemas/index.ts";
import { chunksOf } from "./pdf-columns.ts";
import { area, intersect, median } from "../../geometry.ts";
import { clusterBy, RULE_LEVEL, type Geometry, type HLine } from "./pdf-geometry.ts";
import type { Region } from "./pdf-grid.ts";
import { parseCaption, parseSource } from "../layout/patterns.ts";
import { isNumberLike, lineText, toLines, type Line, type Piece } from "./pdf-text.ts";

/** Rules of one table line up at both ends within this share of the font size. */
const EXTENT_TOL = 0.3;
/** A rule must be this many font sizes long to frame a table. */
const MIN_RULE_WIDTH = 6;
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
/** Text running across a column split with no gap of this share of the font size is one block (prose). */
const TIGHT_GAP = 0.2;
/** An empty band higher than this many font sizes between two rules ends a table. */
const EMPTY_BAND = 2.5;
/** A band between two rules with drawings over this share of it is a figure frame. */
const BAND_GRAPHIC_SHARE = 0.1;
/** A gap in the text between two whole rules this many font sizes wide, on every line, separates columns. */
const GUTTER = 1.0;
/** Gutters of whole rules are looked for in the text of up to this many bands below. */
const GUTTER_BANDS = 6;
/** A rule crossing text that reaches this share of its font size above and below it is an underline, no border. */
const CROSS_DEPTH = 0.15;

/** Rules of a group's rows cover at least this share of the table's width. */
const GROUP_RULE_SHARE = 0.5;
/** Under a header band, a blank gap of up to this many font sizes inside the body does not end the table. */
const BLANK_ROWS = 3;
/** The edges of one band of cell backgrounds lie at most this many font sizes apart. */
const BAND_HEIGHT = 2.5;
/** A title bar's text is set at least this much larger than the text of its stack. */
const TITLE_SIZE = 1.05;

/** `banded`: no rule, only the edges of a band of cell backgrounds (a header band: the table is below it). */
interface Stack {
  x0: number;
  x1: number;
  lines: HLine[];
  banded?: boolean;
}

/** Candidate table regions of a page (`pieces` without headers / footers, `fs` the page's body font size). */
export function findRegions(page: PdfPage, pieces: Piece[], geo: Geometry, fs: number): Region[] {
  return stacks(geo.hlines, fs).flatMap((stack) => segment(stack, pieces, geo, fs, page.page, page.height));
}

/** Long horizontal lines that start and end at the same x, at least one of them a rule. */
function stacks(hlines: HLine[], fs: number): Stack[] {
  const tol = EXTENT_TOL * fs;
  const out: Stack[] = [];
  for (const h of hlines.filter((l) => l.x1 - l.x0 >= MIN_RULE_WIDTH * fs)) {
    const s = out.find((s) => Math.abs(s.x0 - h.x0) <= tol && Math.abs(s.x1 - h.x1) <= tol);
    if (s) s.lines.push(h);
    else out.push({ x0: h.x0, x1: h.x1, lines: [h] });
  }
  // A stack needs a rule, or a band of cell backgrounds split into columns (a header row printed as coloured cells,
  // with no rule anywhere in the table): its edges then mark the columns as a rule's splits would.
  // Each such band heads a table of its own (the next band is the next table's header, not a row of this one).
  const banded = (s: Stack) => s.lines.filter((l) => l.breaks.length >= 2).length >= 2;
  const bands = (s: Stack): Stack[] => {
    const groups = clusterBy(
      [...s.lines].sort((a, b) => a.y - b.y),
      (l) => l.y,
      BAND_HEIGHT * fs,
    );
    return groups.filter((g) => g.length >= 2).map((g) => ({ ...s, lines: g, banded: true }));
  };
  // (Group rules are looked for among stacks of rules only.)
  const kept = new Set(
    withGroupRules(
      out.filter((s) => s.lines.some((l) => l.thin)),
      tol,
    ),
  );
  return out
    .flatMap((s) => (kept.has(s) ? [s] : !s.lines.some((l) => l.thin) && banded(s) ? bands(s) : []))
    .map((s) => ({ ...s, x0: Math.min(...s.lines.map((l) => l.x0)), x1: Math.max(...s.lines.map((l) => l.x1)) }));
}

/** Rules between the rows of a group leave out the column of the group's label, and rules over the totals of a
 * statement are drawn under its values alone: a stack of shorter rules that share one end with a wider stack and
 * alternate with its rules (each has rules between two of the other's) is part of it. */
function withGroupRules(stacks: Stack[], tol: number): Stack[] {
  const ys = (s: Stack) => s.lines.map((l) => l.y);
  const within = (s: Stack, y: number) => y > Math.min(...ys(s)) && y < Math.max(...ys(s));
  const inner = new Set<Stack>();
  for (const b of stacks) {
    const a = stacks.find(
      (a) =>
        a !== b &&
        !inner.has(a) &&
        a.x1 - a.x0 > b.x1 - b.x0 &&
        b.x0 >= a.x0 - tol &&
        b.x1 <= a.x1 + tol &&
        (Math.abs(a.x0 - b.x0) <= tol || Math.abs(a.x1 - b.x1) <= tol) &&
        b.x1 - b.x0 >= GROUP_RULE_SHARE * (a.x1 - a.x0) &&
        ys(a).some((y) => within(b, y)) &&
        ys(b).some((y) => within(a, y)),
    );
    if (!a) continue;
    a.lines.push(...b.lines);
    inner.add(b);
  }
  return stacks.filter((s) => !inner.has(s));
}

/** Lines at one height merged into one level: union of segments and splits; a rule when any of them is. */
function levels(lines: HLine[], fs: number): HLine[] {
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
    };
  });
}

/** A stack being cut into regions: its text (the lines that may be rows, and those that bar a table), its rule
 * levels, the spacing that ends a table, and the lines taken by a region already (text below its last rule). */
interface Cut {
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
interface Open {
  levels: HLine[];
  lines: Line[];
  /** the line of the title bar heading it (its first band) */
  title?: Line;
  /** starts with a header row over its first rule (text above it in two columns or more) */
  headed?: boolean;
}

/** A region starting at a rule, with the header row above it (if any). */
const openAt = (level: HLine, head: Line[]): Open => ({ levels: [level], lines: head, headed: head.length > 0 });

/** Cut a stack into table regions. */
function segment(
  stack: Stack,
  pieces: Piece[],
  geo: Geometry,
  pageFs: number,
  page: number,
  pageHeight: number,
): Region[] {
  const c = cutOf(stack, pieces, geo, pageFs, pageHeight);
  const { lv, ruleGap, fs } = c;
  const regions: Open[] = [];
  if (lv.length === 0) return [];
  let cur = openAt(lv[0]!, stack.banded ? [] : above(c, lv[0]!, -Infinity));
  for (let i = 0; i < lv.length; i++) {
    const a = lv[i]!;
    const b = lv[i + 1];
    const bar = b && titleBar(c, a, b);
    if (bar) {
      regions.push(cur);
      cur = { levels: [a, b], lines: [bar], title: bar };
      continue;
    }
    const cl = clusters(c, between(c, a.y, b ? b.y : Infinity));
    const first = cl[0];
    const topOk = !!first && first[0]!.y0 - a.y <= ruleGap && !barrier(c, a.y, first[0]!.y0);
    if (!b) {
      openBelow(c, cur, a, b);
      break;
    }
    if (!first) {
      if (b.y - a.y > EMPTY_BAND * fs || barrier(c, a.y, b.y)) {
        regions.push(cur);
        cur = { levels: [b], lines: [] };
      } else cur.levels.push(b);
      continue;
    }
    const last = cl[cl.length - 1]!;
    const bottomOk = b.y - last[last.length - 1]!.y1 <= ruleGap && !barrier(c, last[last.length - 1]!.y1, b.y);
    const splits = a.breaks.length === 0 && b.breaks.length === 0 ? gutters(cl.flat(), fs) : [];
    const kept = (l: Line) => (splits.length > 0 ? keeps(c, l, a, splits) : keeps(c, l, a) || keeps(c, l, b));
    // (A parent header crossing the splits stands in the first band of a table, its header.)
    const head = cur.levels.length === 1 && !cur.lines.some((l) => l.y0 > a.y);
    if (
      topOk &&
      bottomOk &&
      !barrier(c, a.y, b.y) &&
      sameGrid(a, b, c.tol) &&
      !drawnBetween(c, a, b) &&
      cl.every((k) => k.every((l, j) => kept(l) || (head && spanning(c, l) && k.slice(j + 1).some(kept))))
    ) {
      cur.lines.push(...cl.flat());
      cur.levels.push(b);
      continue;
    }
    openBelow(c, cur, a, b);
    regions.push(cur);
    cur = openAt(b, above(c, b, a.y));
  }
  regions.push(cur);
  // A table has a band between two rules (text hanging off one rule alone is a page layout).
  return regions
    .filter((r) => r.lines.length > 0 && (r.levels.length >= 2 || headedRule(r)))
    .map((r) => toRegion(c, r, page));
}

/** A rule under a header row with the body below it and no other rule (the rule under the header is the only
 * one drawn): a table when its body holds figures — at least half its lines hold a number. (Text hanging off one
 * rule alone is a page layout: a rule under a page's heading over two columns of prose and a sidebar.) */
const headedRule = (r: Open) => {
  if (!r.headed) return false;
  const body = r.lines.filter((l) => l.y0 > r.levels[0]!.y);
  const figures = body.filter((l) => l.pieces.some((p) => isNumberLike(p.text)));
  return body.length > 0 && 2 * figures.length >= body.length;
};

/** A title bar: a filled box across the stack holding one line of one block of text set larger than the stack's
 * body ("Company Data" over the box it heads; its lower edge may be the split rule over that box). It ends the
 * table above and heads the one below: its line is that table's title. (A shaded group row inside a table is set
 * in the body's size.) */
function titleBar(c: Cut, a: HLine, b: HLine): Line | null {
  if (a.thin || a.breaks.length > 0 || b.y - a.y > BAND_HEIGHT * c.fs) return null;
  const inBar = between(c, a.y, b.y);
  if (inBar.length !== 1 || chunksOf(inBar[0]!, [], c.fs).length !== 1) return null;
  return median(inBar[0]!.pieces.map((p) => p.size)) >= TITLE_SIZE * c.fs ? inBar[0]! : null;
}

/** A stack's text and rules, sorted for cutting. */
function cutOf(stack: Stack, pieces: Piece[], geo: Geometry, pageFs: number, pageHeight: number): Cut {
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
  const all = toLines(inside);
  const lines = all.filter((l) => !tainted(l));
  const barrierLines = all.filter(tainted);
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
function crossesText(inside: Piece[], l: HLine): boolean {
  return inside.some(
    (p) =>
      p.y0 < l.y - CROSS_DEPTH * p.size &&
      p.y1 > l.y + CROSS_DEPTH * p.size &&
      l.segs.some(([a, b]) => p.x1 > a && p.x0 < b),
  );
}

/** Something between the heights a and b ends a table: text sticking out, a barrier line, or (with `rules`) a rule
 * of another stack. */
function barrier(c: Cut, a: number, b: number, rules = false): boolean {
  return (
    c.foreign.some((p) => p.y1 > a && p.y0 < b) ||
    c.barrierLines.some((l) => l.y1 > a && l.y0 < b) ||
    (rules && c.otherRules.some((h) => h.y > a && h.y < b))
  );
}

/** The lines that may be rows whose middle lies between the heights a and b. */
function between(c: Cut, a: number, b: number): Line[] {
  return c.lines.filter((l) => (l.y0 + l.y1) / 2 > a && (l.y0 + l.y1) / 2 < b);
}

/** Lines (top to bottom) in blocks: a wide gap or a barrier starts a new block. */
function clusters(c: Cut, ls: Line[], rules = false): Line[][] {
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
function keeps(c: Cut, l: Line, level: HLine, breaks = level.breaks): boolean {
  if (breaks.length > 0) {
    const runs = chunksOf(l, [], c.fs, TIGHT_GAP);
    const over = Math.max(1, OVERHANG * c.fs);
    return !runs.some((ch) => breaks.some((b) => ch.x0 < b - over && ch.x1 > b + over));
  }
  const raw = chunksOf(l, [], c.fs);
  return raw.length >= 2 || raw[0]!.x1 - raw[0]!.x0 < WIDE_BLOCK * (c.stack.x1 - c.stack.x0);
}

/** A short line of one block of text over lines that keep to the columns (in a table's first band): a parent
 * header spanning several of them, not prose (which runs wide). */
function spanning(c: Cut, l: Line): boolean {
  const raw = chunksOf(l, [], c.fs);
  return raw.length === 1 && raw[0]!.x1 - raw[0]!.x0 < WIDE_BLOCK * (c.stack.x1 - c.stack.x0);
}

/** A band holding a drawing (curves, axes, a picture; filled boxes may be cell backgrounds) is a figure. */
function drawnBetween(c: Cut, a: HLine, b: HLine): boolean {
  const band = { x0: c.stack.x0, y0: a.y, x1: c.stack.x1, y1: b.y };
  const drawn = [...c.geo.graphics.filter((g) => g.stroke), ...c.geo.images];
  return drawn.reduce((s, g) => s + area(intersect(g, band)), 0) >= BAND_GRAPHIC_SHARE * area(band);
}

/** The lines of a block up to the first that does not keep to the columns of the rule. */
function prefix(c: Cut, block: Line[], level: HLine, breaks = level.breaks): Line[] {
  const stop = block.findIndex((l) => !keeps(c, l, level, breaks));
  return stop < 0 ? block : block.slice(0, stop);
}

/** The column splits of a rule level. Rules drawn whole (a scan, or a table ruled only between rows) mark no
 * columns: the gutters of the text between a rule and the next one stand in for the splits.
 * (A table ruled between every row has one line per band: the gutters are those of the next few bands together.) */
function splitsOf(c: Cut, level: HLine): number[] {
  const { lv } = c;
  if (level.breaks.length > 0) return level.breaks;
  const at = lv.indexOf(level);
  // A whole rule over split ones (a heavy rule under the header): the columns are those the next rule marks.
  if ((lv[at + 1]?.breaks.length ?? 0) > 0) return lv[at + 1]!.breaks;
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
  if (next === level) return gutters(clusters(c, between(c, level.y, Infinity))[0] ?? [], c.fs);
  return next && next.breaks.length === 0 ? gutters(between(c, level.y, next.y), c.fs) : [];
}

/** Text right above the first rule of a region, when it fills two columns of it: a header row over a rule under
 * the header (no rule above it), or a table continued from the previous page. */
function above(c: Cut, level: HLine, from: number): Line[] {
  const block = clusters(
    c,
    between(c, from, level.y).filter((l) => !c.taken.has(l)),
    true,
  ).at(-1);
  const splits = splitsOf(c, level);
  if (
    !block ||
    level.y - block[block.length - 1]!.y1 > c.ruleGap ||
    barrier(c, block[block.length - 1]!.y1, level.y, true) ||
    splits.length === 0
  )
    return [];
  const kept = prefix(c, [...block].reverse(), level, splits).reverse();
  const colsOf = (l: Line) => new Set(l.pieces.map((p) => splits.filter((b) => b < p.x0).length));
  // Lines on top that hold text in the first column alone are titles over the table, not header rows.
  while (kept.length > 1 && [...colsOf(kept[0]!)].every((k) => k === 0)) kept.shift();
  const cols = new Set(kept.flatMap((l) => [...colsOf(l)]));
  return cols.size >= 2 ? kept : [];
}

/** Text below the rule `a` that does not reach the next one (`b`), added to the region: the lines that keep to the
 * columns, up to a gap. Under a header band (no rules at all) or the rule under a header row (no other rule), a
 * blank row inside the body does not end it: the next block goes on while it keeps to the columns. */
function openBelow(c: Cut, cur: Open, a: HLine, b: HLine | undefined): void {
  const blocks = clusters(c, between(c, a.y, b ? b.y : Infinity), true);
  let end = a.y;
  for (const [k, block] of blocks.entries()) {
    const reach = k === 0 ? c.ruleGap : BLANK_ROWS * c.fs;
    if (block[0]!.y0 - end > reach || barrier(c, end, block[0]!.y0, true)) return;
    const kept = prefix(c, block, a);
    cur.lines.push(...kept);
    for (const l of kept) c.taken.add(l);
    // (So under the one rule of a header row: the rule under a header, the body below it.)
    const goOn = c.stack.banded || (cur.headed && cur.levels.length === 1);
    if (!goOn || kept.length < block.length) return;
    end = block[block.length - 1]!.y1;
  }
}

/** A region as the grid builder takes it: its rule levels again with the partial rules within it, and the
 * vertical rules over it. */
function toRegion(c: Cut, r: Open, page: number): Region {
  const { stack, geo, tol, fs } = c;
  const top = Math.min(r.levels[0]!.y, r.lines[0]!.y0);
  const bottom = Math.max(r.levels[r.levels.length - 1]!.y, r.lines[r.lines.length - 1]!.y1);
  const within = (l: HLine) =>
    l.y >= top - tol && l.y <= bottom + tol && l.x0 >= stack.x0 - tol && l.x1 <= stack.x1 + tol;
  const partial = geo.hlines.filter((l) => within(l) && !stack.lines.includes(l));
  return {
    page,
    x0: stack.x0,
    x1: stack.x1,
    fs: median(r.lines.flatMap((l) => l.pieces.map((p) => p.size))) || fs,
    levels: levels([...stack.lines.filter(within), ...partial], fs).filter((l) => !crossesText(c.inside, l)),
    vlines: geo.vlines.filter((v) => v.x > stack.x0 - tol && v.x < stack.x1 + tol && v.y1 > top && v.y0 < bottom),
    lines: r.lines,
    firstRule: r.levels[0]!.y,
    lastRule: r.levels[r.levels.length - 1]!.y,
    title: r.title,
  };
}

/** Two split rules belong to one grid when the splits of one are among those of the other (a cell spanning
 * columns leaves out splits); each having splits the other lacks means two tables meet. Only the stretch both
 * rules cover is compared: a rule under part of the header (under a parent over the value columns) says nothing
 * of the columns beside it. */
export function sameGrid(a: HLine, b: HLine, tol: number): boolean {
  const x0 = Math.max(a.x0, b.x0) + tol;
  const x1 = Math.min(a.x1, b.x1) - tol;
  const shared = (l: HLine) => l.breaks.filter((x) => x > x0 && x < x1);
  const [sa, sb] = [shared(a), shared(b)];
  if (sa.length === 0 || sb.length === 0) return true;
  const within = (xs: number[], ys: number[]) => xs.every((x) => ys.some((y) => Math.abs(x - y) <= tol));
  return within(sa, sb) || within(sb, sa);
}

/** Column gutters of some lines of text: x positions (the middles of gaps at least GUTTER font sizes wide) that
 * no text of any line crosses, with text on both sides. Empty for prose, or for fewer than two lines. */
function gutters(lines: Line[], fs: number): number[] {
  if (lines.length < 2) return [];
  const spans = lines.flatMap((l) => chunksOf(l, [], fs).map((c) => [c.x0, c.x1] as const)).sort((a, b) => a[0] - b[0]);
  const out: number[] = [];
  let right = spans[0]![1];
  for (const [x0, x1] of spans.slice(1)) {
    if (x0 - right >= GUTTER * fs) out.push((x0 + right) / 2);
    right = Math.max(right, x1);
  }
  return out;
}
