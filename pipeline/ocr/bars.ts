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

interface Run {
  top: number;
  bottom: number;
  level: number;
}

export function findBars(img: Gray): { bars: BarShape[]; baseline: number | null } {
  const { width, height, data } = img;
  const paper = paperLevel(img);
  const minLen = Math.max(3, Math.round(height * 0.01));
  // The longest uniform run of ink in every column.
  const runs: (Run | null)[] = [];
  for (let x = 0; x < width; x++) {
    let best: Run | null = null;
    let start = -1;
    let level = 0;
    const close = (end: number) => {
      if (start >= 0 && end - start >= minLen && (!best || end - start > best.bottom - best.top))
        best = { top: start, bottom: end, level };
      start = -1;
    };
    for (let y = 0; y < height; y++) {
      const g = data[y * width + x]!;
      const ink = Math.abs(g - paper) > CONTRAST;
      if (ink && start >= 0 && Math.abs(g - level) <= UNIFORM) continue;
      close(y);
      if (ink) {
        start = y;
        level = g;
      }
    }
    close(height);
    runs.push(best);
  }
  // Neighbouring columns with the same bottom and level form a block.
  const blocks: (BarShape & { level: number })[] = [];
  let cur: { x0: number; tops: number[]; bottoms: number[]; level: number } | null = null;
  const flush = (x1: number) => {
    if (cur && x1 - cur.x0 >= Math.max(4, MIN_WIDTH * width) && x1 - cur.x0 <= MAX_WIDTH * width) {
      blocks.push({ x0: cur.x0, x1, y0: upperMedian(cur.tops)!, y1: upperMedian(cur.bottoms)!, level: cur.level });
    }
    cur = null;
  };
  for (let x = 0; x < width; x++) {
    const r = runs[x];
    if (
      r &&
      cur &&
      Math.abs(r.bottom - cur.bottoms[cur.bottoms.length - 1]!) <= 1 &&
      Math.abs(r.level - cur.level) <= SAME_LEVEL
    ) {
      cur.tops.push(r.top);
      cur.bottoms.push(r.bottom);
      continue;
    }
    flush(x);
    if (r) cur = { x0: x, tops: [r.top], bottoms: [r.bottom], level: r.level };
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
