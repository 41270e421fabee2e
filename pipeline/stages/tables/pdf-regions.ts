// Table regions of a page. Horizontal rules that start and end at the same x form a stack; a stack is cut into
// regions where the text leaves its rules (a wide gap, text sticking out of the stack, a rule of another stack,
// an empty band, a band holding a drawing, a change of column splits), and a region takes in the text right below
// its last rule (or right above its first) while that text keeps to the columns the rule marks. Captions and
// source lines always end a region; a title bar ends one and heads the next. A rule under a header row with the
// body below it is a table even when it is the only rule; rows over a page's only rule are kept as a possible
// continuation. Within a region, a band may open with a block's title centred on the table or hold cells spanning
// columns (a year over each pair), and two rules may place one column border differently (pdf-region-cut.ts
// holds the cutting helpers).
import type { PdfPage } from "../../../schemas/index.ts";
import { chunksOf } from "./pdf-columns.ts";
import { median } from "../../geometry.ts";
import { clusterBy, type Geometry, type HLine } from "./pdf-geometry.ts";
import type { Region } from "./pdf-grid.ts";
import { isNumberLike, type Line, type Piece } from "./pdf-text.ts";
import {
  above,
  barrier,
  between,
  clusters,
  crossesText,
  centredOnStack,
  cutOf,
  type Cut,
  drawnBetween,
  EXTENT_TOL,
  gutters,
  keeps,
  keepsSpanning,
  levels,
  type Open,
  openAt,
  openBelow,
  spanning,
  type Stack,
} from "./pdf-region-cut.ts";

/** A rule must be this many font sizes long to frame a table. */
const MIN_RULE_WIDTH = 6;

/** An empty band higher than this many font sizes between two rules ends a table. */
const EMPTY_BAND = 2.5;
/** Rules of a group's rows cover at least this share of the table's width. */
const GROUP_RULE_SHARE = 0.5;
/** The edges of one band of cell backgrounds lie at most this many font sizes apart. */
const BAND_HEIGHT = 2.5;
/** A title bar's text is set at least this much larger than the text of its stack. */
const TITLE_SIZE = 1.05;

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
    const kept = (l: Line) =>
      (splits.length > 0 ? keeps(c, l, a, splits) : keeps(c, l, a) || keeps(c, l, b)) ||
      keepsSpanning(c, l, a) ||
      keepsSpanning(c, l, b);
    // (A parent header crossing the splits stands in the first band of a table, its header; a block's title,
    // centred on the table, may head any band.)
    const head = cur.levels.length === 1 && !cur.lines.some((l) => l.y0 > a.y);
    const over = (l: Line) => spanning(c, l) && (head || centredOnStack(c, l));
    if (
      topOk &&
      bottomOk &&
      !barrier(c, a.y, b.y) &&
      (sameGrid(a, b, c.tol) || movedBorders(a, b, cl.flat(), c.tol, fs)) &&
      !drawnBetween(c, a, b) &&
      cl.every((k) => k.every((l, j) => kept(l) || (over(l) && k.slice(j + 1).some(kept))))
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
    .filter((r) => r.lines.length > 0 && (r.levels.length >= 2 || headedRule(r) || footedRule(r)))
    .map((r) => toRegion(c, r, page, footedRule(r)));
}

/** Rows in two columns or more over a rule, with no rule above them: the rest of a table whose top is on the page
 * before (the rule closing it is the only one on this page). Kept only as a possible continuation. */
const footedRule = (r: Open) => r.levels.length === 1 && !!r.headed && r.lines.every((l) => l.y0 < r.levels[0]!.y);

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

/** A region as the grid builder takes it: its rule levels again with the partial rules within it, and the
 * vertical rules over it. */
function toRegion(c: Cut, r: Open, page: number, footed: boolean): Region {
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
    footed: footed || undefined,
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

/** Two split rules around one band of text mark the same columns when they split it as often and each border one
 * of them draws elsewhere moves within the gap it shares with the other's (a word processor's table whose rows
 * have cells of their own widths): no text of the band stands between the two positions of a border, as a column
 * only one rule knows would. Most borders must agree, or two tables meet. */
export function movedBorders(a: HLine, b: HLine, lines: Line[], tol: number, fs: number): boolean {
  const x0 = Math.max(a.x0, b.x0) + tol;
  const x1 = Math.min(a.x1, b.x1) - tol;
  const shared = (l: HLine) => l.breaks.filter((x) => x > x0 && x < x1).sort((p, q) => p - q);
  const [sa, sb] = [shared(a), shared(b)];
  if (sa.length !== sb.length || sa.length < 2) return false;
  const moved = sa.map((x, i) => [Math.min(x, sb[i]!), Math.max(x, sb[i]!)] as const).filter(([p, q]) => q - p > tol);
  if (moved.length * 2 > sa.length) return false;
  const chunks = lines.flatMap((l) => chunksOf(l, [], fs));
  return moved.every(([p, q]) => !chunks.some((ch) => ch.x0 >= p - tol && ch.x1 <= q + tol));
}
