// Value axes of vector charts, from the text layer: numeric tick labels stacked in one column (same right edge, or
// same left edge for an axis on the right), evenly spaced, their values an arithmetic progression growing upwards.
// The calibration value = a + b·y is fitted on the ticks' positions — snapped to the grid lines or tick marks drawn
// beside them when every tick has one, else the labels' centres. Pure.
import type { PdfPath, PdfRun } from "../../schemas/index.ts";

/** An axis shows at least this many tick labels. */
export const MIN_TICKS = 3;
/** Steps between ticks (positions and values) agree within this share of the typical step. */
const STEP_TOL = 0.08;
/** Labels of one axis line up within this share of their font size. */
const ALIGN = 0.3;

export interface Tick {
  run: PdfRun;
  value: number;
  y: number;
  decimals: number;
  percent: boolean;
}
export interface Axis {
  ticks: Tick[];
  /** the side the labels stand on: a left axis has its plot to the right */
  side: "left" | "right";
  /** x of the labels' aligned edge (right edge for a left axis) */
  edge: number;
  top: number;
  bottom: number;
  /** points per unit of value (negative: values grow upwards) */
  slope: number;
  intercept: number;
  step: number;
  size: number;
  snapped: boolean;
}

const NUMBER = /^[-+−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?$|^\((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?\)$/;

const STARTS_NUMBER = /^\s*[-+−(\d]/;

/** A number as a tick or a value label prints it: 1,200 · −5 · 12.5% · (3.2) for a negative; else null. */
export function numberOf(text: string): { value: number; decimals: number; percent: boolean } | null {
  // cheap rejection first: called for every run of a page, most of which are words
  if (!STARTS_NUMBER.test(text)) return null;
  const t = text.trim().replace(/\s+/g, "");
  if (!NUMBER.test(t)) return null;
  const negative = /^[-−]|^\(/.test(t);
  const digits = t.replace(/[()%,+−-]/g, "");
  const value = Number(digits) * (negative ? -1 : 1);
  if (!Number.isFinite(value)) return null;
  return {
    value: value === 0 ? 0 : value,
    decimals: /\.(\d+)/.exec(digits)?.[1]?.length ?? 0,
    percent: t.includes("%"),
  };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)]! : 0;
};

/** Groups of items whose key lies within tol of the previous one's (sorted by key). */
function cluster<T>(items: T[], key: (t: T) => number, tol: number): T[][] {
  const sorted = [...items].sort((a, b) => key(a) - key(b));
  const groups: T[][] = [];
  for (const it of sorted) {
    const last = groups[groups.length - 1];
    if (last && key(it) - key(last[last.length - 1]!) <= tol) last.push(it);
    else groups.push([it]);
  }
  return groups;
}

/** Every value axis of the page. A column of numbers is split where its spacing breaks (two charts one above the
 * other); a part is an axis when its positions and values both step evenly and values grow upwards. */
export function findAxes(runs: PdfRun[], paths: PdfPath[]): Axis[] {
  const numeric = runs.flatMap((run) => {
    const n = numberOf(run.text);
    return n ? [{ run, ...n, y: (run.y0 + run.y1) / 2 }] : [];
  });
  const size = median(numeric.map((t) => t.run.size)) || 8;
  const axes: Axis[] = [];
  const seen = new Set<PdfRun>();
  for (const side of ["left", "right"] as const) {
    const edge = (t: Tick) => (side === "left" ? t.run.x1 : t.run.x0);
    for (const column of cluster(numeric, edge, ALIGN * size)) {
      for (const part of evenParts(column.filter((t) => !seen.has(t.run)))) {
        const axis = calibrate(part, side, edge, paths);
        if (!axis) continue;
        for (const t of part) seen.add(t.run);
        axes.push(axis);
      }
    }
  }
  return axes;
}

/** Maximal runs of ticks (top to bottom) with one spacing; a tick on the same line as another is left out. */
function evenParts(column: Tick[]): Tick[][] {
  const sorted = [...column].sort((a, b) => a.y - b.y);
  const parts: Tick[][] = [];
  let cur: Tick[] = [];
  for (const t of sorted) {
    const prev = cur[cur.length - 1];
    if (prev && Math.abs(t.y - prev.y) < 0.5 * t.run.size) continue;
    const gap = prev ? t.y - prev.y : 0;
    const step = cur.length >= 2 ? cur[1]!.y - cur[0]!.y : null;
    if (prev && (step !== null ? Math.abs(gap - step) > Math.max(STEP_TOL * step, 0.6) : gap > 10 * t.run.size)) {
      parts.push(cur);
      cur = [t];
      continue;
    }
    cur.push(t);
  }
  parts.push(cur);
  return parts.filter((p) => p.length >= MIN_TICKS);
}

/** The axis of evenly spaced ticks whose values step evenly and grow upwards, with its calibration; else null. */
function calibrate(ticks: Tick[], side: Axis["side"], edge: (t: Tick) => number, paths: PdfPath[]): Axis | null {
  const values = ticks.map((t) => t.value);
  const steps = values.slice(1).map((v, i) => v - values[i]!);
  const step = median(steps);
  if (!(step < 0) || steps.some((s) => Math.abs(s - step) > 1e-6 * Math.max(1, Math.abs(step)) + Math.abs(step) * 1e-9))
    return null;
  if (new Set(ticks.map((t) => t.percent)).size > 1) return null;
  const size = median(ticks.map((t) => t.run.size));
  if (ticks.some((t) => Math.abs(t.run.size - size) > 0.15 * size)) return null;
  const snappedYs = ticks.map((t) => snap(t, side, paths));
  const snapped = snappedYs.every((y) => y !== null);
  const ys = snapped ? (snappedYs as number[]) : ticks.map((t) => t.y);
  const gaps = ys.slice(1).map((y, i) => y - ys[i]!);
  const gap = median(gaps);
  if (!(gap > 0) || gaps.some((g) => Math.abs(g - gap) > Math.max(STEP_TOL * gap, 0.6))) return null;
  // least squares value = intercept + slope·y
  const n = ys.length;
  const my = ys.reduce((s, y) => s + y, 0) / n;
  const mv = values.reduce((s, v) => s + v, 0) / n;
  const sxy = ys.reduce((s, y, i) => s + (y - my) * (values[i]! - mv), 0);
  const sxx = ys.reduce((s, y) => s + (y - my) ** 2, 0);
  const slope = sxy / sxx;
  const placed = ticks.map((t, i) => ({ ...t, y: ys[i]! }));
  return {
    ticks: placed,
    side,
    edge: median(ticks.map(edge)),
    top: ys[0]!,
    bottom: ys[n - 1]!,
    slope,
    intercept: mv - slope * my,
    step: Math.abs(step),
    size,
    snapped,
  };
}

/** The y of the horizontal line (a grid line or tick mark) starting beside a tick label, if one is drawn there. */
function snap(t: Tick, side: Axis["side"], paths: PdfPath[]): number | null {
  const s = t.run.size;
  let best: number | null = null;
  for (const p of paths) {
    if (p.y1 - p.y0 > 0.3 * s || p.x1 - p.x0 < 0.15 * s) continue;
    const near =
      side === "left"
        ? p.x0 >= t.run.x1 - 0.2 * s && p.x0 <= t.run.x1 + 2 * s
        : p.x1 <= t.run.x0 + 0.2 * s && p.x1 >= t.run.x0 - 2 * s;
    const y = (p.y0 + p.y1) / 2;
    if (near && Math.abs(y - t.y) <= 0.45 * s && (best === null || Math.abs(y - t.y) < Math.abs(best - t.y))) best = y;
  }
  return best;
}

/** The value at a y of the page, by the axis's calibration. */
export const valueAt = (axis: Axis, y: number) => axis.intercept + axis.slope * y;
/** The y of a value. */
export const yOf = (axis: Axis, v: number) => (v - axis.intercept) / axis.slope;
