// The value axis of a horizontal bar chart: numeric tick labels side by side in one row under (or over) the plot,
// evenly spaced, their values an arithmetic progression growing to the right. The calibration value = a + b·x is
// fitted on the ticks' positions — snapped to the vertical grid lines or tick marks drawn at them when every tick
// has one, else the labels' centres. Pure.
import type { PdfPath, PdfRun } from "../../schemas/index.ts";
import { MIN_TICKS, numberOf } from "./charts-vector-axis.ts";

/** Steps between ticks (positions and values) agree within this share of the typical step. */
const STEP_TOL = 0.08;

export interface RowAxis {
  runs: PdfRun[];
  /** value = intercept + slope·x (slope > 0) */
  slope: number;
  intercept: number;
  step: number;
  decimals: number;
  percent: boolean;
  snapped: boolean;
  /** how far a measured value can be trusted, 0–1 (worst tick misfit, a tenth off when not snapped) */
  fit: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)]! : 0;
};
const mid = (a: number, b: number) => (a + b) / 2;

/** The row axis among the runs of a band (the rows just under or over a plot), or null. */
export function rowAxis(runs: PdfRun[], paths: PdfPath[], band: { y0: number; y1: number }, s: number): RowAxis | null {
  const numeric = runs.filter((r) => !r.angle && numberOf(r.text) && r.y0 >= band.y0 && r.y1 <= band.y1);
  const rows: PdfRun[][] = [];
  for (const r of [...numeric].sort((a, b) => mid(a.y0, a.y1) - mid(b.y0, b.y1))) {
    const row = rows.find((q) => Math.abs(mid(q[0]!.y0, q[0]!.y1) - mid(r.y0, r.y1)) <= 0.3 * s);
    if (row) row.push(r);
    else rows.push([r]);
  }
  for (const row of rows) {
    const axis = calibrate(
      [...row].sort((a, b) => a.x0 - b.x0),
      paths,
      s,
    );
    if (axis) return axis;
  }
  return null;
}

function calibrate(row: PdfRun[], paths: PdfPath[], s: number): RowAxis | null {
  if (row.length < MIN_TICKS) return null;
  const ns = row.map((r) => numberOf(r.text)!);
  if (new Set(ns.map((n) => n.percent)).size > 1) return null;
  const values = ns.map((n) => n.value);
  const steps = values.slice(1).map((v, i) => v - values[i]!);
  const step = median(steps);
  if (!(step > 0) || steps.some((d) => Math.abs(d - step) > 1e-6 * Math.max(1, step))) return null;
  const snappedXs = row.map((r) => snap(r, paths, s));
  const snapped = snappedXs.every((x) => x !== null);
  const xs = snapped ? (snappedXs as number[]) : row.map((r) => mid(r.x0, r.x1));
  const gaps = xs.slice(1).map((x, i) => x - xs[i]!);
  const gap = median(gaps);
  if (!(gap > 0) || gaps.some((g) => Math.abs(g - gap) > Math.max(STEP_TOL * gap, 0.6))) return null;
  const n = xs.length;
  const mx = xs.reduce((a, x) => a + x, 0) / n;
  const mv = values.reduce((a, v) => a + v, 0) / n;
  const sxx = xs.reduce((a, x) => a + (x - mx) ** 2, 0);
  const slope = xs.reduce((a, x, i) => a + (x - mx) * (values[i]! - mv), 0) / sxx;
  const intercept = mv - slope * mx;
  const worst = Math.max(...xs.map((x, i) => Math.abs(intercept + slope * x - values[i]!))) / step;
  return {
    runs: row,
    slope,
    intercept,
    step,
    decimals: Math.max(...ns.map((x) => x.decimals)),
    percent: ns[0]!.percent,
    snapped,
    fit: Math.round((snapped ? 1 : 0.9) * Math.max(0, 1 - worst) * 100) / 100,
  };
}

/** The x of a vertical line (a grid line or tick mark) reaching the tick label from above, if one is drawn there. */
function snap(r: PdfRun, paths: PdfPath[], s: number): number | null {
  const c = mid(r.x0, r.x1);
  let best: number | null = null;
  for (const p of paths) {
    if (p.x1 - p.x0 > 0.3 * s || p.y1 - p.y0 < 0.15 * s) continue;
    const x = mid(p.x0, p.x1);
    const reaches = p.y1 <= r.y0 + 0.2 * s && p.y1 >= r.y0 - 2 * s;
    if (reaches && Math.abs(x - c) <= 0.45 * s && (best === null || Math.abs(x - c) < Math.abs(best - c))) best = x;
  }
  return best;
}

export const valueAtX = (axis: RowAxis, x: number) => axis.intercept + axis.slope * x;
