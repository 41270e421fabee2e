// Value labels of a vertical vector chart matched to its points: a number printed at a bar's end or beside a line's
// vertex. Labels of lines close together interleave (a series' label printed under its point, another series'
// just above it), so each label goes to one point only, the closest pairs first, and only where the printed value
// agrees with the drawn one. Pure.
import type { PdfRun } from "../../schemas/index.ts";
import { numberOf } from "./charts-vector-axis.ts";
import type { VectorPoint } from "./charts-vector.ts";

/** A label agrees with its point's drawn value within this share of the axis span (a chart drawn from unrounded
 * data, or smoothed, strays a little from its printed values; another series' label is further off). */
export const LABEL_AGREES = 0.05;

const mid = (a: number, b: number) => (a + b) / 2;
type Placed = VectorPoint & { x: number; y: number };

/** Labels within reach of a point (1.5 type sizes across, 1.6 from its edge to the point) become its printed value
 * when they agree with its drawn value; pairs are taken closest first, each label and point once. When most points
 * with a label in reach have none that agrees, the labels are not values (shares of a stacked bar, say) and the
 * geometry stands. A point whose labels in reach all disagree gets a note. */
export function attachLabels(points: Placed[], labels: PdfRun[], span: number, s: number, notes: string[]): void {
  const pairs = points.flatMap((p) =>
    labels
      .filter(
        (r) =>
          Math.abs(mid(r.x0, r.x1) - p.x) <= 1.5 * s &&
          (Math.abs(r.y1 - p.y) <= 1.6 * s || Math.abs(r.y0 - p.y) <= 1.6 * s),
      )
      .map((run) => ({
        p,
        run,
        n: numberOf(run.text)!,
        d: Math.hypot(mid(run.x0, run.x1) - p.x, mid(run.y0, run.y1) - p.y),
      })),
  );
  const reached = new Set(pairs.map((q) => q.p));
  const agreeing = pairs
    .filter((q) => Math.abs(q.n.value - q.p.value) <= LABEL_AGREES * span)
    .sort((a, b) => a.d - b.d);
  const taken = new Map<Placed, (typeof pairs)[number]>();
  const usedRuns = new Set<PdfRun>();
  for (const q of agreeing) {
    if (taken.has(q.p) || usedRuns.has(q.run)) continue;
    taken.set(q.p, q);
    usedRuns.add(q.run);
  }
  if (taken.size * 2 < reached.size) return;
  for (const [p, q] of taken) Object.assign(p, { value: q.n.value, raw: q.run.text.trim(), source: "label" });
  for (const p of reached) {
    if (taken.has(p) || agreeing.some((q) => q.p === p)) continue;
    const nearest = pairs.filter((q) => q.p === p).sort((a, b) => a.d - b.d)[0]!;
    notes.push(
      `${p.category}: the label "${nearest.run.text.trim()}" does not match the drawn value ${p.value}; the drawn value is kept`,
    );
  }
}
