// Values of a horizontal vector bar chart (charts-vector-hbars.ts): measured at each bar's end against the row
// axis, a printed label agreeing with it taking its place; or, without an axis, the labels printed at the bars'
// ends, accepted only when the bars' lengths are proportional to them. Pure.
import type { PdfRun } from "../../schemas/index.ts";
import { numberOf } from "./charts-vector-axis.ts";
import { type RowAxis, valueAtX } from "./charts-vector-hrow.ts";
import type { Label } from "./charts-vector-parts.ts";
import type { VectorPoint } from "./charts-vector.ts";

export interface Bar {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  fill: string;
}
export type Point = VectorPoint & { bar: Bar | null; end: number; y: number };

/** Without an axis, bar lengths are proportional to their labels within this share of the longest bar (or 0.6 pt). */
const PROPORTIONAL = 0.02;

const mid = (a: number, b: number) => (a + b) / 2;

/** The value label printed at a bar's end: on its row, just past the end or just inside it. */
function labelAt(p: Point, labels: PdfRun[], zero: number, s: number): PdfRun | null {
  const half = Math.max(0.6 * s, p.bar ? (p.bar.y1 - p.bar.y0) / 2 : 0);
  const right = p.end >= zero;
  const near = labels.filter((r) => {
    if (Math.abs(mid(r.y0, r.y1) - p.y) > half) return false;
    return right
      ? (r.x0 >= p.end - 0.3 * s && r.x0 <= p.end + 2.5 * s) ||
          (r.x1 <= p.end + 0.3 * s && r.x1 >= p.end - 2 * s && r.x0 >= zero)
      : (r.x1 <= p.end + 0.3 * s && r.x1 >= p.end - 2.5 * s) ||
          (r.x0 >= p.end - 0.3 * s && r.x0 <= p.end + 2 * s && r.x1 <= zero);
  });
  return near.sort((a, b) => Math.abs(mid(a.x0, a.x1) - p.end) - Math.abs(mid(b.x0, b.x1) - p.end))[0] ?? null;
}

/** Values measured against the axis; a printed label agreeing with its bar (within 2% of the axis span) gives the
 * printed value. When most labels disagree they are not values and the geometry stands. */
export function measure(
  points: Point[],
  axis: RowAxis,
  labels: PdfRun[],
  zero: number,
  s: number,
  notes: string[],
): string | null {
  const span = axis.step * (axis.runs.length - 1);
  const origin = valueAtX(axis, zero);
  const firstTick = numberOf(axis.runs[0]!.text)!.value;
  if (Math.abs(origin) > 0.02 * span && Math.abs(origin - firstTick) > 0.02 * span)
    return `the bars grow from ${Number(origin.toFixed(2))} on the axis, neither 0 nor its first tick`;
  const decimals = Math.max(0, Math.ceil(-Math.log10(axis.step / 1000)));
  for (const p of points) p.value = Number(valueAtX(axis, p.end).toFixed(decimals));
  const hits = points.flatMap((p) => {
    const run = labelAt(p, labels, zero, s);
    return run ? [{ p, run, v: numberOf(run.text)!.value }] : [];
  });
  const agree = hits.filter((h) => Math.abs(h.v - h.p.value) <= 0.02 * span);
  if (agree.length * 2 < hits.length) return null;
  const used = new Set<PdfRun>();
  for (const h of agree) {
    if (used.has(h.run)) continue;
    used.add(h.run);
    Object.assign(h.p, { value: h.v, raw: h.run.text.trim(), source: "label" });
  }
  for (const h of hits)
    if (!agree.includes(h))
      notes.push(
        `${h.p.category}: the label "${h.run.text.trim()}" does not match the drawn value ${h.p.value}; the drawn value is kept`,
      );
  return null;
}

/** Without an axis every bar needs its printed value, and the bars' lengths must be proportional to them. */
export function fromLabels(points: Point[], labels: PdfRun[], zero: number, s: number): string | null {
  const used = new Set<PdfRun>();
  for (const p of points) {
    const run = labelAt(p, labels, zero, s);
    if (!run || used.has(run)) return `no value axis, and the bar of ${p.category} has no value label of its own`;
    used.add(run);
    const v = numberOf(run.text)!.value;
    if (v < 0 !== p.end < zero)
      return `the label "${run.text.trim()}" of ${p.category} has the other sign than its bar`;
    Object.assign(p, { value: v, raw: run.text.trim(), source: "label" });
  }
  const lengths = points.map((p) => Math.abs(p.end - zero));
  const values = points.map((p) => Math.abs(p.value));
  if (new Set(values.filter((v) => v > 0)).size < 2) return "no value axis, and fewer than two different value labels";
  const k = lengths.reduce((a, l, i) => a + l * values[i]!, 0) / values.reduce((a, v) => a + v * v, 0);
  const tol = Math.max(0.6, PROPORTIONAL * Math.max(...lengths));
  const misfit = (i: number) => Math.abs(lengths[i]! - k * values[i]!);
  const worst = points.map((_, i) => i).sort((a, b) => misfit(b) - misfit(a))[0]!;
  const off = misfit(worst) > tol ? points[worst] : undefined;
  if (!(k > 0) || off)
    return `no value axis, and the bar lengths are not proportional to their value labels${off ? ` (${off.category})` : ""}`;
  return null;
}

/** A category printed with a 0 at the zero line and no bar (a zero value draws nothing) gets its point. */
export function zeroRows(points: Point[], categories: Label[], labels: PdfRun[], zero: number, s: number): void {
  for (const c of categories) {
    if (points.some((p) => p.category === c.text)) continue;
    const y = mid(c.y0, c.y1);
    const run = labels.find(
      (r) =>
        Math.abs(mid(r.y0, r.y1) - y) <= 0.6 * s &&
        r.x0 >= zero - 0.3 * s &&
        r.x0 <= zero + 2.5 * s &&
        numberOf(r.text)!.value === 0,
    );
    if (run)
      points.push({
        series: null,
        category: c.text,
        value: 0,
        raw: run.text.trim(),
        source: "label",
        bar: null,
        end: zero,
        y,
      });
  }
  points.sort((a, b) => a.y - b.y);
}
