// Vector charts: charts a PDF draws as paths, read from its geometry with exact values (no OCR). A value axis from
// the text layer (charts-vector-axis.ts) calibrates y; bars are filled rectangles standing on the zero line (or
// stacked on each other), lines are stroked polylines; categories are the text row under the plot, series are
// told apart by colour and named by the legend (a swatch — small filled square or short line — with text right of
// it). A chart is data only when all of it agrees: every bar and vertex sits over a category label, no series has
// two values in one category, every series of several has a legend name, a line has one vertex per category;
// otherwise it is a picture saying why. Pure.
import type { PdfPage, PdfPath, PdfRun } from "../../schemas/index.ts";
import { type Axis, findAxes, numberOf, valueAt, yOf } from "./charts-vector-axis.ts";
import { attachLabels } from "./charts-vector-labels.ts";
import { categoryRow, legendOf, outlinedLabels, ownLegend, type Label, type Swatch } from "./charts-vector-parts.ts";

export interface VectorPoint {
  series: string | null;
  category: string;
  value: number;
  raw: string | null;
  source: "label" | "geometry";
}
export interface VectorChart {
  box: { x0: number; y0: number; x1: number; y1: number };
  kind: "bar" | "line" | "pie" | "picture";
  /** why the chart is a picture; null when its data was read */
  why: string | null;
  unit: string | null;
  text: string;
  points: VectorPoint[];
  /** notes on single points (a value label that disagrees with the geometry) */
  notes: string[];
  /** confidence of a value measured from geometry (1 for a printed label): how well the axis calibration fits */
  calibration: number;
  /** the glyph-outline paths under the plot when the category labels are drawn so (read by OCR: ocr/outline.ts) */
  outlined?: PdfPath[];
}

interface Bar {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  fill: string;
}
interface Line {
  stroke: string;
  xs: number[];
  ys: number[];
}

/** At least this share of the category labels has a point over it (a zero bar draws nothing; most missing means
 * the bars were not found and the reading is partial). */
export const COVERED = 0.75;
/** A legend name saying its series is read against the right-hand axis. */
const RIGHT = /\bRHS\b|\(R\)|右轴|右）|\(右\)/i;
export const light = (c: string) =>
  /^#[0-9a-f]{6}$/i.test(c) && [1, 3, 5].every((i) => Number.parseInt(c.slice(i, i + 2), 16) >= 0xf0);
const mid = (a: number, b: number) => (a + b) / 2;

/** The text of the runs centred in a chart's box, in the page's order: what the chart's picture says. */
export const textIn = (page: PdfPage, box: { x0: number; y0: number; x1: number; y1: number }): string =>
  page.runs
    .filter(
      (r) =>
        mid(r.x0, r.x1) >= box.x0 &&
        mid(r.x0, r.x1) <= box.x1 &&
        mid(r.y0, r.y1) >= box.y0 &&
        mid(r.y0, r.y1) <= box.y1,
    )
    .map((r) => r.text.trim())
    .join(" ");

/** Axis-aligned rectangles among a filled path's subpaths (read only: shared by every chart reader asking). */
export function rectangles(p: PdfPath): { x0: number; y0: number; x1: number; y1: number }[] {
  let out = RECTANGLES.get(p);
  if (!out) {
    out = rectanglesOf(p);
    RECTANGLES.set(p, out);
  }
  return out;
}
/** rectangles per path: a page's paths are read once per value axis and again for bar charts. */
const RECTANGLES = new WeakMap<PdfPath, { x0: number; y0: number; x1: number; y1: number }[]>();

function rectanglesOf(p: PdfPath): { x0: number; y0: number; x1: number; y1: number }[] {
  return p.subpaths.flatMap((s) => {
    const xs = s.filter((_, k) => k % 2 === 0);
    const ys = s.filter((_, k) => k % 2 === 1);
    if (xs.length < 4 || xs.length > 5) return [];
    const ux = [...new Set(xs.map((x) => Math.round(x * 10)))];
    const uy = [...new Set(ys.map((y) => Math.round(y * 10)))];
    if (ux.length !== 2 || uy.length !== 2) return [];
    return [{ x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) }];
  });
}

/** Every vector chart of a page: one per value axis with bars or lines beside it. */
export function readVectorCharts(page: PdfPage): VectorChart[] {
  const paths = page.paths ?? [];
  if (!paths.length) return [];
  const axes = findAxes(page.runs, paths);
  const charts: VectorChart[] = [];
  for (const axis of axes.filter((a) => a.side === "left")) {
    const chart = readChart(page, axis, axes, paths);
    if (chart) charts.push(chart);
  }
  return charts;
}

function readChart(page: PdfPage, axis: Axis, axes: Axis[], paths: PdfPath[]): VectorChart | null {
  const s = axis.size;
  const gap = Math.abs(axis.step / axis.slope);
  const top = axis.top - 0.3 * gap;
  const overlaps = (a: Axis) => a !== axis && a.top < axis.bottom && a.bottom > axis.top;
  // An axis further right is another chart's when a plot (grid lines, bars) starts right after its labels; else
  // it is this chart's right-hand axis, whichever edge its labels align on.
  const plotAfter = (a: Axis) =>
    paths.some(
      (p) => p.x0 >= a.edge - 0.5 && p.x0 <= a.edge + 3 * s && p.x1 - p.x0 > 5 * s && p.y0 < a.bottom && p.y1 > a.top,
    );
  const further = axes.filter((a) => overlaps(a) && a.edge > axis.edge + 3 * s);
  const nextLeft = further
    .filter((a) => a.side === "left" && plotAfter(a))
    .map((a) => Math.min(...a.ticks.map((t) => t.run.x0)));
  const rightAxes = further.filter((a) => !(a.side === "left" && plotAfter(a)) && !nextLeft.some((x) => a.edge > x));
  const right = Math.min(page.width, ...nextLeft, ...rightAxes.map((a) => a.edge - 0.2 * s));
  const zeroValue = valueAt(axis, axis.bottom) <= 0 && valueAt(axis, axis.top) >= 0 ? 0 : valueAt(axis, axis.bottom);
  const zero = yOf(axis, zeroValue);
  const bottom = Math.max(axis.bottom, zero) + 0.3 * gap;
  const inside = (b: { x0: number; y0: number; x1: number; y1: number }) =>
    b.x0 >= axis.edge - 0.5 && b.x1 <= right + 0.5 && b.y0 >= top - 0.5 && b.y1 <= bottom + 0.5;
  const runs = page.runs.filter((r) => !axis.ticks.some((t) => t.run === r));
  const swatches = legendOf(
    page.runs,
    paths,
    { x0: axis.edge - 3 * s, x1: right, y0: top - 6 * s, y1: bottom + 8 * s },
    s,
    { top, bottom },
  );
  const isSwatch = (b: { x0: number; y0: number; x1: number; y1: number }) =>
    swatches.some((l) => Math.abs(l.x0 - b.x0) < 0.5 && Math.abs(l.y0 - b.y0) < 0.5);
  // (Only the rectangles kept are copied with their colour: the page's paths are read again for every axis.)
  const kept = (r: { x0: number; y0: number; x1: number; y1: number }) =>
    inside(r) && !isSwatch(r) && r.x1 - r.x0 > 0.3 && r.y1 - r.y0 > 0.05;
  const rects: Bar[] = paths.flatMap((p) =>
    p.fill && !light(p.fill)
      ? rectangles(p)
          .filter(kept)
          .map((r) => ({ ...r, fill: p.fill! }))
      : [],
  );
  let lines: Line[] = paths
    .filter((p) => p.stroke && p.op !== "fill" && inside(p))
    .flatMap((p) =>
      p.subpaths.flatMap((sp) => {
        const xs = sp.filter((_, k) => k % 2 === 0);
        const ys = sp.filter((_, k) => k % 2 === 1);
        const monotone = xs.every((x, i) => i === 0 || x >= xs[i - 1]! - 0.01);
        const flat = Math.max(...ys) - Math.min(...ys) < 0.5;
        const vertical = Math.max(...xs) - Math.min(...xs) < 0.5;
        return xs.length >= 2 &&
          monotone &&
          !flat &&
          !vertical &&
          !isSwatch({ x0: Math.min(...xs), y0: Math.min(...ys), x1: 0, y1: 0 })
          ? [{ stroke: p.stroke!, xs, ys }]
          : [];
      }),
    );
  const bars = slivers(grounded(rects, zero, gap), gap * (axis.ticks.length - 1));
  if (bars.length < 2 && lines.length === 0) return null;
  if (page.images.some((im) => im.x0 <= axis.edge + 1 && im.x1 >= right - 1 && im.y0 <= top && im.y1 >= axis.bottom))
    return null;
  const plotRight = Math.max(...bars.map((b) => b.x1), ...lines.flatMap((l) => l.xs));
  const plotBottom = Math.max(axis.bottom, zero, ...bars.map((b) => b.y1), ...lines.flatMap((l) => l.ys));
  const categories = categoryRow(
    runs,
    { x0: axis.edge, x1: Math.min(right, plotRight + 3 * s), bottom: plotBottom },
    s,
  );
  const legend = ownLegend(swatches, { top, bottom: Math.max(plotBottom, ...categories.map((c) => c.y1)) }, s);
  const box = {
    x0: Math.min(...axis.ticks.map((t) => t.run.x0)),
    y0: Math.min(top, ...legend.map((l) => l.y0)),
    x1: Math.max(plotRight, ...legend.map((l) => l.textX1), ...categories.map((c) => c.x1)),
    y1: Math.max(plotBottom, ...categories.map((c) => c.y1)),
  };
  const text = textIn(page, box);
  const unit = axis.ticks[0]!.percent ? "%" : null;
  const chart: VectorChart = { box, kind: "picture", why: null, unit, text, points: [], notes: [], calibration: 1 };
  const fail = (why: string) => ({ ...chart, why });
  const rightAxis = rightAxes.sort((a, b) => a.edge - b.edge)[0];
  const onRight = (name: string | null | undefined) => !!name && RIGHT.test(name);
  if (rightAxis && lines.some((l) => !onRight(legend.find((e) => e.colour === l.stroke)?.text)))
    return fail("two value axes: a line's legend does not say which axis it is read against");
  if (categories.length === 0) {
    const outlined = outlinedLabels(paths, { x0: axis.edge, x1: right, bottom: plotBottom }, s);
    return outlined.length >= 2
      ? {
          ...fail(
            "the category labels under the plot are drawn as glyph outlines (paths), not text, and OCR did not read them",
          ),
          outlined,
        }
      : fail("no category labels under the plot");
  }
  const labels = runs.filter((r) => numberOf(r.text) && inside(r));
  const decimals = Math.max(0, Math.ceil(-Math.log10(axis.step / 1000)));
  const exact = (v: number) => Number(v.toFixed(decimals));
  const span = Math.abs(axis.step) * (axis.ticks.length - 1);
  const named = (colour: string, many: boolean): string | null | undefined =>
    legend.find((l) => l.colour === colour)?.text ?? (many ? undefined : null);
  const slot = slotter(categories, s);
  // A stroke of one or two segments spanning less than half a category's pitch joins no two categories: a leader
  // from a value label to its point, not a series (a time series' short pieces stay, and tell what the chart is).
  const reach = 0.5 * pitchOf(categories, s);
  lines = lines.filter((l) => l.xs.length > 3 || Math.max(...l.xs) - Math.min(...l.xs) >= reach);
  const points: (VectorPoint & { y: number; x: number })[] = [];
  const barColours = new Set(bars.map((b) => b.fill));
  const lineColours = new Set(lines.map((l) => l.stroke));
  const many = barColours.size + lineColours.size > 1 && legend.length > 0;
  for (const b of bars) {
    const c = slot(mid(b.x0, b.x1));
    if (!c) return fail(`a bar at x ${Math.round(b.x0)}–${Math.round(b.x1)} stands over no category label`);
    const series = named(b.fill, many);
    if (series === undefined) return fail(`the series drawn in ${b.fill} has no legend entry`);
    const negative = b.stacked === 0 && Math.abs(b.y0 - zero) < Math.abs(b.y1 - zero);
    const value =
      b.stacked > 0 || !negative
        ? valueAt(axis, b.y0) - valueAt(axis, b.y1)
        : valueAt(axis, b.y1) - valueAt(axis, b.y0);
    const edgeY = negative ? b.y1 : b.y0;
    points.push({
      series,
      category: c.text,
      value: exact(value + (b.stacked > 0 ? 0 : zeroValue)),
      raw: null,
      source: "geometry",
      x: mid(b.x0, b.x1),
      y: edgeY,
    });
  }
  for (const l of lines) {
    const series = named(l.stroke, many);
    if (series === undefined) return fail(`the series drawn in ${l.stroke} has no legend entry`);
    const hit = l.xs.map((x) => slot(x, 0.3));
    if (hit.some((h) => !h) || l.xs.length > categories.length)
      return fail(
        `a line of ${l.xs.length} vertices is drawn against ${categories.length} category labels: its x values are not printed`,
      );
    const against = rightAxis && onRight(series) ? rightAxis : axis;
    const ex = (v: number) => Number(v.toFixed(Math.max(0, Math.ceil(-Math.log10(against.step / 1000)))));
    l.xs.forEach((x, i) =>
      points.push({
        series,
        category: hit[i]!.text,
        value: ex(valueAt(against, l.ys[i]!)),
        raw: null,
        source: "geometry",
        x,
        y: l.ys[i]!,
      }),
    );
  }
  const keys = new Set<string>();
  for (const p of points) {
    const key = `${p.series}\u0000${p.category}`;
    if (keys.has(key)) return fail(`two values for ${p.series ?? "the series"} in category ${p.category}`);
    keys.add(key);
  }
  if (points.length < 2) return fail("fewer than two data points");
  const covered = new Set(points.map((p) => p.category)).size;
  if (covered < COVERED * categories.length)
    return fail(`only ${covered} of ${categories.length} category labels have a bar or vertex over them`);
  attachLabels(points, labels, span, s, chart.notes);
  const calibration = Math.min(fit(axis), ...(rightAxis && lines.length ? [fit(rightAxis)] : []));
  return {
    ...chart,
    kind: bars.length ? "bar" : "line",
    calibration,
    points: points.map(({ x: _x, y: _y, ...p }) => p),
  };
}

/** How far a measured value can be trusted, 0–1: the axis's worst tick misfit as a share of its step taken off, and
 * a tenth off when the ticks were placed by their labels' centres rather than snapped to drawn grid lines. */
function fit(axis: Axis): number {
  const worst = Math.max(...axis.ticks.map((t) => Math.abs(valueAt(axis, t.y) - t.value))) / axis.step;
  return Math.round((axis.snapped ? 1 : 0.9) * Math.max(0, 1 - worst) * 100) / 100;
}

/** Bars standing on the zero line, and segments stacked on them (bottom on another bar's top, same columns). */
function grounded(rects: Bar[], zero: number, gap: number): (Bar & { stacked: number })[] {
  const tol = Math.max(0.6, 0.02 * gap);
  const out: (Bar & { stacked: number })[] = rects
    .filter((r) => Math.abs(r.y1 - zero) <= tol || Math.abs(r.y0 - zero) <= tol)
    .map((r) => ({ ...r, stacked: 0 }));
  let added = true;
  while (added) {
    added = false;
    for (const r of rects) {
      if (out.some((o) => o.x0 === r.x0 && o.y0 === r.y0 && o.x1 === r.x1)) continue;
      const below = out.find(
        (o) =>
          Math.abs(o.x0 - r.x0) < 0.6 &&
          Math.abs(o.x1 - r.x1) < 0.6 &&
          (Math.abs(o.y0 - r.y1) <= tol || Math.abs(o.y1 - r.y0) <= tol),
      );
      if (below) {
        out.push({ ...r, stacked: below.stacked + 1 });
        added = true;
      }
    }
  }
  return out;
}

/** A stack's segment too thin to see (under SLIVER of the axis height: a 0% share drawn as a hairline) is no data
 * point: its value is the reading noise of zero. A lone bar, however thin, is kept. */
const SLIVER = 0.005;
function slivers<T extends Bar>(bars: T[], height: number): T[] {
  const column = (b: Bar) => bars.filter((o) => o !== b && Math.abs(o.x0 - b.x0) < 0.6 && Math.abs(o.x1 - b.x1) < 0.6);
  return bars.filter((b) => b.y1 - b.y0 >= SLIVER * height || column(b).length === 0);
}

/** The median distance between neighbouring category labels' centres (six type sizes for a lone label). */
function pitchOf(categories: Label[], size: number): number {
  const centres = categories.map((c) => mid(c.x0, c.x1));
  const pitches = centres
    .slice(1)
    .map((c, i) => c - centres[i]!)
    .sort((a, b) => a - b);
  return pitches[Math.floor(pitches.length / 2)] ?? 6 * size;
}

/** The category label over which an x stands: the nearest label centre, within a share of the labels' pitch. */
function slotter(categories: Label[], size: number): (x: number, share?: number) => Label | null {
  const centres = categories.map((c) => mid(c.x0, c.x1));
  const pitch = pitchOf(categories, size);
  return (x, share = 0.5) => {
    let best: Label | null = null;
    let d = Infinity;
    categories.forEach((c, i) => {
      const e = Math.abs(centres[i]! - x);
      if (e < d) (d = e), (best = c);
    });
    return d <= share * pitch ? best : null;
  };
}

export type { Swatch };
