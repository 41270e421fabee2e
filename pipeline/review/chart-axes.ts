// The extracted series of a bar chart drawn over the chart's own axes: the bars are found again in the rendered
// crop (ocr/bars.ts), the points are matched to them left to right, and the value axis is fitted through the
// (bar top, value) pairs by the median of pairwise slopes (Theil–Sen), so that one misread value does not move
// the axis and stands out as a marker away from its bar top. Pure.
import type { Chart } from "../../schemas/index.ts";
import { findBars } from "../ocr/bars.ts";
import type { Gray } from "../ocr/preprocess.ts";
import type { Region } from "./regions.ts";

export interface Marker {
  category: string;
  value: number;
  /** bar slot and the height of the value on the fitted axis, PDF points */
  x: number;
  x0: number;
  x1: number;
  y: number;
  /** top of the bar found in the image, PDF points */
  barTop: number;
  /** the marker is further from the bar top than 3% of the plot height */
  off: boolean;
  check: Chart["points"][number]["check"];
}

export type Overlay = { ok: true; markers: Marker[]; baseline: number } | { ok: false; reason: string };

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** `scale`: pixels of `gray` per PDF point; `region`: where the crop is on the page. */
export function chartOverlay(chart: Chart, gray: Gray, region: Region, scale: number): Overlay {
  if (chart.points.length < 2) return { ok: false, reason: "fewer than two points were extracted" };
  const { bars, baseline } = findBars(gray);
  if (baseline === null || bars.length === 0)
    return { ok: false, reason: "no bars were found again in the rendered image" };
  if (bars.length !== chart.points.length) {
    return {
      ok: false,
      reason: `${bars.length} bars were found in the rendered image but ${chart.points.length} points were extracted, so they cannot be matched one to one`,
    };
  }
  const sorted = [...bars].sort((a, b) => a.x0 - b.x0);
  const pairs = sorted.map((b, i) => ({ y: b.y0, v: chart.points[i]!.value }));
  const slopes: number[] = [];
  for (let i = 0; i < pairs.length; i++) {
    for (let j = i + 1; j < pairs.length; j++)
      if (pairs[j]!.y !== pairs[i]!.y) slopes.push((pairs[j]!.v - pairs[i]!.v) / (pairs[j]!.y - pairs[i]!.y));
  }
  if (slopes.length === 0)
    return { ok: false, reason: "all bars have the same height, so the value axis cannot be fitted" };
  const slope = median(slopes);
  if (!(slope < 0))
    return { ok: false, reason: "the values do not grow with the bar heights, so the value axis cannot be fitted" };
  const intercept = median(pairs.map((p) => p.v - slope * p.y));
  const plot = Math.max(1, baseline - Math.min(...sorted.map((b) => b.y0)));
  const pt = (px: number) => px / scale;
  const markers = sorted.map((b, i): Marker => {
    const p = chart.points[i]!;
    const y = (p.value - intercept) / slope;
    return {
      category: p.category,
      value: p.value,
      check: p.check,
      x: region.x0 + pt((b.x0 + b.x1) / 2),
      x0: region.x0 + pt(b.x0),
      x1: region.x0 + pt(b.x1),
      y: region.y0 + pt(y),
      barTop: region.y0 + pt(b.y0),
      off: Math.abs(y - b.y0) > 0.03 * plot,
    };
  });
  return { ok: true, markers, baseline: region.y0 + pt(baseline) };
}
