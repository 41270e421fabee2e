// Bars of a column chart, found in the pixels: solid blocks of one gray level, clearly darker or lighter than the
// paper, standing side by side on a common baseline. Text strokes, frame lines and axes are too thin or too short
// to pass. Pure: gray pixels in, boxes in image pixels out.
import type { BarShape } from "../../schemas/index.ts";
import { upperMedian } from "../geometry.ts";
import { paperLevel, type Gray } from "./preprocess.ts";

/** A bar differs from the paper by at least this many gray levels ... */
const CONTRAST = 40;
/** ... and its pixels stay within this many levels of each other. */
const UNIFORM = 14;
/** Bars of one series share their gray level within this many levels and their bottom within these pixels. */
const SAME_LEVEL = 18;
const SAME_BOTTOM = 3;
/** A bar is at least this share of the image wide (and 4 px) and at most this share. */
const MIN_WIDTH = 0.008;
const MAX_WIDTH = 0.25;
/** Ink of another level at most this share of the image high between two runs of one level is a stroke crossing
 * the bar (a line series over a column chart): the runs are one bar. */
const BRIDGE = 0.025;

interface Run {
  top: number;
  bottom: number;
  level: number;
}

export function findBars(img: Gray): { bars: BarShape[]; baseline: number | null } {
  const { width, height } = img;
  const paper = paperLevel(img);
  const minLen = Math.max(3, Math.round(height * 0.01));
  // The longest uniform run of ink in every column, bridged across a thin stroke of another level (a line series
  // drawn over the bars) so that the stroke does not cut the bar in two.
  const gap = Math.max(2, Math.round(height * BRIDGE));
  const runs: (Run | null)[] = [];
  for (let x = 0; x < width; x++) runs.push(longestRun(columnRuns(img, x, paper), gap, minLen));
  // Neighbouring columns with the same bottom and level form a block.
  const blocks: (BarShape & { level: number })[] = [];
  let cur: { x0: number; tops: number[]; bottoms: number[]; levels: number[] } | null = null;
  // A column joins the block by the block's median bottom and mean level, not its first column's: JPEG noise and
  // a stroke crossing the bar shift single columns.
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const flush = (x1: number) => {
    if (cur && x1 - cur.x0 >= Math.max(4, MIN_WIDTH * width) && x1 - cur.x0 <= MAX_WIDTH * width) {
      blocks.push({
        x0: cur.x0,
        x1,
        y0: upperMedian(cur.tops)!,
        y1: upperMedian(cur.bottoms)!,
        level: mean(cur.levels),
      });
    }
    cur = null;
  };
  for (let x = 0; x < width; x++) {
    const r = runs[x];
    if (
      r &&
      cur &&
      Math.abs(r.bottom - upperMedian(cur.bottoms)!) <= SAME_BOTTOM &&
      Math.abs(r.level - mean(cur.levels)) <= SAME_LEVEL
    ) {
      cur.tops.push(r.top);
      cur.bottoms.push(r.bottom);
      cur.levels.push(r.level);
      continue;
    }
    flush(x);
    if (r) cur = { x0: x, tops: [r.top], bottoms: [r.bottom], levels: [r.level] };
  }
  flush(width);
  // The largest family of blocks on one baseline and of one level is the series.
  let family: typeof blocks = [];
  for (const b of blocks) {
    const same = blocks.filter(
      (o) => Math.abs(o.y1 - b.y1) <= SAME_BOTTOM && Math.abs(o.level - b.level) <= SAME_LEVEL,
    );
    if (same.length > family.length) family = same;
  }
  if (family.length < 2) return { bars: [], baseline: null };
  return {
    bars: family.map(({ x0, y0, x1, y1 }) => ({ x0, y0, x1, y1 })),
    baseline: upperMedian(family.map((b) => b.y1))!,
  };
}

/** The uniform runs of ink in one column, top to bottom (any length). */
export function columnRuns(img: Gray, x: number, paper: number): Run[] {
  const { width, height, data } = img;
  const out: Run[] = [];
  let cur: Run | null = null;
  for (let y = 0; y < height; y++) {
    const g = data[y * width + x]!;
    const ink = Math.abs(g - paper) > CONTRAST;
    if (ink && cur && cur.bottom === y && Math.abs(g - cur.level) <= UNIFORM) {
      cur.bottom = y + 1;
      continue;
    }
    if (ink) {
      cur = { top: y, bottom: y + 1, level: g };
      out.push(cur);
    } else cur = null;
  }
  return out;
}

/** The longest run after joining runs of one level separated only by at most `gap` pixels of other ink. */
export function longestRun(runs: Run[], gap: number, minLen: number): Run | null {
  // level: that of the longest stretch joined in
  const joined: (Run & { longest: number })[] = [];
  for (const r of runs) {
    // Walk back over touching runs of other ink (no paper between) within the gap; join the longest run of this
    // level found there (not a stroke's anti-aliased edge that happens to be close in level).
    let into = -1;
    for (let k = joined.length - 1, y = r.top; k >= 0; k--) {
      const o = joined[k]!;
      if (o.bottom !== y || r.top - o.bottom > gap) break;
      if (Math.abs(o.level - r.level) <= SAME_LEVEL && (into < 0 || o.longest > joined[into]!.longest)) into = k;
      y = o.top;
    }
    const o = joined[into];
    if (o) {
      joined.splice(into + 1);
      if (r.bottom - r.top > o.longest) {
        o.level = r.level;
        o.longest = r.bottom - r.top;
      }
      o.bottom = r.bottom;
    } else joined.push({ ...r, longest: r.bottom - r.top });
  }
  let best: Run | null = null;
  for (const { longest: _, ...r } of joined)
    if (r.bottom - r.top >= minLen && (!best || r.bottom - r.top > best.bottom - best.top)) best = r;
  return best;
}

/** Each bar's slot on the x axis of a column chart: the bars left to right, their centres, and the pitch — the
 * upper median (upperMedian) of the distances between neighbouring centres; a slot is pitch wide around its bar's
 * centre. With one bar there is no distance: the pitch is then that bar's width (the chart reader and the label
 * re-reader only ask with two bars or more, so neither ever gets this fallback). */
export function barSlots(bars: BarShape[]): { bars: BarShape[]; centers: number[]; pitch: number } {
  const sorted = [...bars].sort((a, b) => a.x0 - b.x0);
  const centers = sorted.map((b) => (b.x0 + b.x1) / 2);
  const pitch = upperMedian(centers.slice(1).map((c, i) => c - centers[i]!)) ?? sorted[0]!.x1 - sorted[0]!.x0;
  return { bars: sorted, centers, pitch };
}
