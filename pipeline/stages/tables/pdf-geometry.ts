// Vector geometry of a PDF page for table finding: rules (thin painted paths) merged into lines that remember
// where they were split (cell boundaries), edges of cell backgrounds, and graphics (chart bars, curves, axes).
import type { PdfPage } from "../../../schemas/index.ts";
import type { Rect } from "../../geometry.ts";
import { pagePaint } from "./pdf-paint.ts";
import type { Piece } from "./pdf-text.ts";

/** A horizontal line: a rule, or the top / bottom edge of cell backgrounds (`thin` false). */
export interface HLine {
  y: number;
  x0: number;
  x1: number;
  segs: [number, number][];
  breaks: number[];
  thin: boolean;
  /** of a level merged from several lines (pdf-region-cut.ts levels): the breaks of its rules alone */
  thinBreaks?: number[];
}
/** A vertical line: a rule, or the side of a cell background (`thin` false). */
export interface VLine {
  x: number;
  y0: number;
  y1: number;
  thin: boolean;
}
/** graphics: painted boxes without text (bars, curves, axes, empty cell backgrounds); `stroke` for outlines */
export interface Geometry {
  hlines: HLine[];
  vlines: VLine[];
  graphics: (Rect & { stroke: boolean })[];
  images: Rect[];
}

/** A rule is a painted path no thicker than this share of the body font size. */
const RULE_THICKNESS = 0.25;
/** A filled box at most this many font sizes high is a cell background: its edges may separate cells. */
const CELL_FILL_HEIGHT = 5;
/** A box without text larger than this many font sizes squared is a graphic (bar, curve, plot). */
const GRAPHIC_AREA = 4;
/** A rule with a graphic along this share of its length is a chart axis. */
const AXIS_SHARE = 0.8;
/** Pieces of one rule join across gaps up to this share of the font size. */
const RULE_JOIN = 0.15;
/** Rules within this share of the font size of each other (across) are one line. */
export const RULE_LEVEL = 0.2;
/** Edges of backgrounds are one line only within this share of the font size: the boxes of one row share their
 * edges exactly, and a box just above (a caption's highlight) is another row even when it nearly touches. */
const FILL_LEVEL = 0.05;
/** Paths further off the page than this share of its size are reader artefacts and ignored. */
const PAGE_MARGIN = 0.005;

interface HPiece {
  x0: number;
  x1: number;
  y: number;
  dot: boolean;
  thin: boolean;
}
interface VPiece {
  y0: number;
  y1: number;
  x: number;
  thin: boolean;
}

export function pageGeometry(page: PdfPage, pieces: Piece[], fs: number): Geometry {
  const mx = page.width * PAGE_MARGIN;
  const my = page.height * PAGE_MARGIN;
  const onPage = (r: Rect) => r.x0 >= -mx && r.y0 >= -my && r.x1 <= page.width + mx && r.y1 <= page.height + my;
  const t = Math.max(0.3, RULE_THICKNESS * fs);
  const hasText = textInside(pieces);
  const hp: HPiece[] = [];
  const vp: VPiece[] = [];
  const graphics: (Rect & { stroke: boolean })[] = [];
  // A stroked box is a cell border only when it has a neighbour of the same height beside it or of the same
  // width above or below it (a grid of cells);
  // alone, its box is the bounding box of a curve or a plot frame.
  const boxes = page.rects.filter((r) => onPage(r) && r.op !== "fill" && r.x1 - r.x0 > t && r.y1 - r.y0 > t);
  const near = (a: number, b: number) => Math.abs(a - b) <= 1;
  const inGrid = (r: Rect) =>
    boxes.some(
      (o) =>
        o !== r &&
        (((near(o.x0, r.x1) || near(o.x1, r.x0)) && near(o.y0, r.y0) && near(o.y1, r.y1)) ||
          ((near(o.y0, r.y1) || near(o.y1, r.y0)) && near(o.x0, r.x0) && near(o.x1, r.x1))),
    );
  const paint = pagePaint(page, t);
  for (const r of page.rects) {
    if (!onPage(r) || paint.invisible.has(r)) continue;
    const w = r.x1 - r.x0;
    const h = r.y1 - r.y0;
    if (h <= t && w <= t) hp.push({ x0: r.x0, x1: r.x1, y: (r.y0 + r.y1) / 2, dot: true, thin: true });
    else if (h <= t) hp.push({ x0: r.x0, x1: r.x1, y: (r.y0 + r.y1) / 2, dot: false, thin: true });
    else if (w <= t) vp.push({ y0: r.y0, y1: r.y1, x: (r.x0 + r.x1) / 2, thin: true });
    else {
      const text = hasText(r);
      const edges = (thin: boolean) => {
        hp.push({ x0: r.x0, x1: r.x1, y: r.y0, dot: false, thin }, { x0: r.x0, x1: r.x1, y: r.y1, dot: false, thin });
        vp.push({ y0: r.y0, y1: r.y1, x: r.x0, thin }, { y0: r.y0, y1: r.y1, x: r.x1, thin });
      };
      if (r.op !== "fill") {
        if (text && inGrid(r)) edges(true);
        else if (w * h > GRAPHIC_AREA * fs * fs) graphics.push({ ...r, stroke: true });
        continue;
      }
      if (h <= CELL_FILL_HEIGHT * fs) edges(false);
      if (!text && w * h > GRAPHIC_AREA * fs * fs) graphics.push({ ...r, stroke: false });
    }
  }
  const images = page.images.filter(onPage);
  // A line with a graphic drawn along most of it is a chart axis (with its ticks), not a table rule.
  const axis = (h: HLine) =>
    h.thin &&
    graphics.some(
      (g) =>
        g.y0 - fs <= h.y &&
        g.y1 + fs >= h.y &&
        Math.min(g.x1, h.x1) - Math.max(g.x0, h.x0) >= AXIS_SHARE * (h.x1 - h.x0),
    );
  return { hlines: mergeH(hp, fs).filter((h) => !axis(h)), vlines: mergeV(vp, fs), graphics, images };
}

/** Whether a box holds the middle of some piece of text (asked for every box of the page: the middles are sorted
 * by x once, and only those between the box's sides are looked at). */
function textInside(pieces: Piece[]): (r: Rect) => boolean {
  let mids: { cx: number; cy: number }[] | null = null;
  return (r) => {
    mids ??= pieces
      .map((p) => ({ cx: (p.x0 + p.x1) / 2, cy: (p.y0 + p.y1) / 2 }))
      .filter((m) => !Number.isNaN(m.cx))
      .sort((m, n) => m.cx - n.cx);
    // The first middle right of the box's left side.
    let lo = 0;
    let hi = mids.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (mids[mid]!.cx > r.x0) hi = mid;
      else lo = mid + 1;
    }
    for (let k = lo; k < mids.length && mids[k]!.cx < r.x1; k++)
      if (mids[k]!.cy > r.y0 && mids[k]!.cy < r.y1) return true;
    return false;
  };
}

function mergeH(pieces: HPiece[], fs: number): HLine[] {
  const out: HLine[] = [];
  for (const thin of [true, false]) {
    const groups = clusterBy(
      pieces.filter((p) => p.thin === thin),
      (p) => p.y,
      thin ? Math.max(0.5, RULE_LEVEL * fs) : FILL_LEVEL * fs,
    );
    for (const group of groups) {
      group.sort((a, b) => a.x0 - b.x0);
      let cur: (HLine & { last: HPiece }) | null = null;
      const flush = () => {
        if (!cur) return;
        const { last: _last, ...line } = cur;
        line.breaks = dedupe(line.breaks.filter((b) => b > line.x0 + 1 && b < line.x1 - 1));
        out.push(line);
      };
      for (const p of group) {
        if (cur && p.x0 <= cur.x1 + RULE_JOIN * fs) {
          if (p.dot) cur.breaks.push((p.x0 + p.x1) / 2);
          else if (!cur.last.dot && p.x0 >= cur.last.x1 - 1) cur.breaks.push((p.x0 + cur.last.x1) / 2);
          cur.x1 = Math.max(cur.x1, p.x1);
          const seg = cur.segs[cur.segs.length - 1]!;
          if (p.x0 <= seg[1] + RULE_JOIN * fs) seg[1] = Math.max(seg[1], p.x1);
          else cur.segs.push([p.x0, p.x1]);
          cur.last = p;
        } else {
          flush();
          cur = { y: p.y, x0: p.x0, x1: p.x1, segs: [[p.x0, p.x1]], breaks: [], thin, last: p };
        }
      }
      flush();
    }
  }
  return out.filter((l) => l.x1 - l.x0 > fs).sort((a, b) => a.y - b.y);
}

function mergeV(pieces: VPiece[], fs: number): VLine[] {
  const out: VLine[] = [];
  for (const group of clusterBy(pieces, (p) => p.x, Math.max(0.5, RULE_LEVEL * fs))) {
    group.sort((a, b) => a.y0 - b.y0);
    let cur: VLine | null = null;
    for (const p of group) {
      if (cur && cur.thin === p.thin && p.y0 <= cur.y1 + RULE_JOIN * fs) cur.y1 = Math.max(cur.y1, p.y1);
      else {
        if (cur) out.push(cur);
        cur = { x: p.x, y0: p.y0, y1: p.y1, thin: p.thin };
      }
    }
    if (cur) out.push(cur);
  }
  return out.filter((l) => l.y1 - l.y0 > fs / 2);
}

/** Group values whose key is within tol of the previous one (sorted by key). */
export function clusterBy<T>(items: T[], key: (t: T) => number, tol: number): T[][] {
  const sorted = [...items].sort((a, b) => key(a) - key(b));
  const groups: T[][] = [];
  for (const item of sorted) {
    const g = groups[groups.length - 1];
    if (g && key(item) - key(g[g.length - 1]!) <= tol) g.push(item);
    else groups.push([item]);
  }
  return groups;
}

function dedupe(xs: number[]): number[] {
  const out: number[] = [];
  for (const x of [...xs].sort((a, b) => a - b)) if (out.length === 0 || x - out[out.length - 1]! > 1.5) out.push(x);
  return out;
}

/** Share of [a0, a1] covered by the segments. */
export function coverage(segs: [number, number][], a0: number, a1: number): number {
  if (a1 <= a0) return 0;
  let covered = 0;
  for (const [s0, s1] of segs) covered += Math.max(0, Math.min(a1, s1) - Math.max(a0, s0));
  return Math.min(1, covered / (a1 - a0));
}
