// Category labels a vector chart draws as glyph outlines (paths, not text): found here from the chart reader's
// failure, grouped into labels with the angle they are set at, so the OCR edge can read them (ocr/outline.ts); the
// words it reads come back as runs set at that angle and the chart is read again with them (charts-vector-stage.ts).
// Pure.
import type { PdfPage, PdfPath, PdfRun } from "../../schemas/index.ts";
import { readVectorCharts } from "./charts-vector.ts";

/** One label drawn as outlines: its glyphs' subpaths and the direction its text runs (degrees counter-clockwise). */
export interface OutlinedLabel {
  subpaths: number[][];
  angle: number;
  box: { x0: number; y0: number; x1: number; y1: number };
}

/** Glyph paths closer than this share of their height belong to one label. */
const JOIN = 0.15;

/** The outlined category labels of each of the page's vector charts that could not be read for want of them. */
export function outlinedCategoryLabels(page: PdfPage): OutlinedLabel[][] {
  return readVectorCharts(page).flatMap((c) => (c.outlined ? [labelsOf(c.outlined)] : []));
}

/** Glyph paths grouped into labels (a path may hold a whole label or one glyph), each with the chart's common angle
 * (the median of its labels': a short label's own direction is unsure). */
export function labelsOf(paths: PdfPath[]): OutlinedLabel[] {
  const groups: PdfPath[][] = [];
  const gap = JOIN * Math.min(...paths.map((p) => p.y1 - p.y0));
  for (const p of [...paths].sort((a, b) => a.x0 - b.x0)) {
    const near = groups.find((g) =>
      g.some((q) => p.x0 <= q.x1 + gap && q.x0 <= p.x1 + gap && p.y0 <= q.y1 + gap && q.y0 <= p.y1 + gap),
    );
    if (near) near.push(p);
    else groups.push([p]);
  }
  const labels = groups.map((g) => ({
    subpaths: g.flatMap((p) => p.subpaths),
    box: {
      x0: Math.min(...g.map((p) => p.x0)),
      y0: Math.min(...g.map((p) => p.y0)),
      x1: Math.max(...g.map((p) => p.x1)),
      y1: Math.max(...g.map((p) => p.y1)),
    },
  }));
  const angles = labels.flatMap((l) => directionOf(l.subpaths) ?? []).sort((a, b) => a - b);
  const angle = angles.length ? angles[Math.floor(angles.length / 2)]! : 0;
  return labels.map((l) => ({ ...l, angle }));
}

/** The direction, in whole degrees counter-clockwise, a label's text runs: the turn (−90°…90°, read left to right)
 * under which its outline is least tall — a line of text is longer than it is high; null for fewer than two glyphs
 * or a label not longer than high at its best turn. */
export function directionOf(subpaths: number[][]): number | null {
  const pts = subpaths
    .filter((s) => s.length >= 6)
    .flatMap((s) => s.flatMap((_, k) => (k % 2 ? [] : [[s[k]!, s[k + 1]!]])));
  if (subpaths.filter((s) => s.length >= 6).length < 2) return null;
  let best: { angle: number; height: number; length: number } | null = null;
  for (let a = -89; a <= 90; a++) {
    const t = (a * Math.PI) / 180;
    const us = pts.map(([x, y]) => x! * Math.cos(t) - y! * Math.sin(t));
    const vs = pts.map(([x, y]) => x! * Math.sin(t) + y! * Math.cos(t));
    const height = Math.max(...vs) - Math.min(...vs);
    if (!best || height < best.height - 1e-9) best = { angle: a, height, length: Math.max(...us) - Math.min(...us) };
  }
  return best && best.length > best.height ? best.angle : null;
}

/** The run standing for an outlined label read as `text`: set at the label's angle, starting at the lower-left end
 * of its text line, its advance the line's length (the box convention of turned runs, schemas PdfRun). */
export function outlineRun(label: OutlinedLabel, text: string): PdfRun {
  const t = (label.angle * Math.PI) / 180;
  const cos = Math.cos(t);
  const sin = Math.sin(t);
  // into the label's own frame (u along the text, v across it, downwards), and back
  const pts = label.subpaths.flatMap((s) => {
    const out: [number, number][] = [];
    for (let k = 0; k + 1 < s.length; k += 2) out.push([s[k]! * cos - s[k + 1]! * sin, s[k]! * sin + s[k + 1]! * cos]);
    return out;
  });
  const u0 = Math.min(...pts.map((p) => p[0]));
  const u1 = Math.max(...pts.map((p) => p[0]));
  const v0 = Math.min(...pts.map((p) => p[1]));
  const v1 = Math.max(...pts.map((p) => p[1]));
  // cap height is about 0.7 of the type size; the baseline lies 0.12 of it above the run's bottom
  const size = Math.round(((v1 - v0) / 0.72) * 100) / 100;
  const x = u0 * cos + v1 * sin;
  const y = -u0 * sin + v1 * cos;
  const round = (v: number) => Math.round(v * 100) / 100;
  const run: PdfRun = {
    text,
    x0: round(x),
    y0: round(y + 0.12 * size - size),
    x1: round(x + (u1 - u0)),
    y1: round(y + 0.12 * size),
    size,
    font: "outline",
  };
  return label.angle ? { ...run, angle: label.angle } : run;
}
