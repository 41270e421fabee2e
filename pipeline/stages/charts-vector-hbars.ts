// Horizontal vector bar charts: filled rectangles growing sideways from one zero line (left edges on it; a negative
// bar ends on it), one row per category, the category names left of the zero line, values read against a row of
// tick labels under (or over) the plot — exact, from the geometry — or, without such an axis, the value labels
// printed at the bars' ends, accepted only when every bar's length is proportional to its label. Same output as
// the vertical reader (charts-vector.ts): series told apart by colour and named by the legend; a chart that does
// not agree with itself is a picture saying why. Pure.
import type { PdfPage, PdfPath, PdfRun } from "../../schemas/index.ts";
import { numberOf } from "./charts-vector-axis.ts";
import { type RowAxis, rowAxis, valueAtX } from "./charts-vector-hrow.ts";
import { type Label, legendOf, ownLegend } from "./charts-vector-parts.ts";
import { COVERED, light, rectangles, textIn, type VectorChart } from "./charts-vector.ts";
import { type Bar, fromLabels, measure, type Point, zeroRows } from "./charts-vector-hvalues.ts";

/** A chart has at least this many bars ... */
const MIN_BARS = 3;
/** ... of one thickness within this share of the typical one ... */
const THICK_TOL = 0.3;
/** ... one under the other, gaps between rows at most this many bar thicknesses. */
const ROW_GAP = 4;

const mid = (a: number, b: number) => (a + b) / 2;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)]! : 0;
};

/** Every horizontal bar chart of a page. */
export function readHorizontalBarCharts(page: PdfPage): VectorChart[] {
  const paths = page.paths ?? [];
  if (!paths.length) return [];
  const s = median(page.runs.map((r) => r.size)) || 8;
  const rects: Bar[] = paths
    .flatMap((p) =>
      p.fill && !light(p.fill) && p.op !== "stroke" ? rectangles(p).map((r) => ({ ...r, fill: p.fill! })) : [],
    )
    .filter((r) => r.y1 - r.y0 >= 0.3 * s && r.y1 - r.y0 <= 5 * s && r.x1 - r.x0 > 0.3);
  const out: VectorChart[] = [];
  const words = page.runs.filter((t) => t.text.trim() && !numberOf(t.text));
  const starts = byEdge(rects, (r) => r.x0, s);
  const ends = byEdge(rects, (r) => r.x1, s);
  for (const family of families(rects.filter((r) => !isCell(r, starts, ends, words, s)))) {
    const chart = readFamily(page, paths, family, s);
    if (chart) out.push(chart);
  }
  return out;
}

/** Rectangles by one of their edges, in buckets a tenth of a type size wide (for neighbours without a scan of all). */
function byEdge(rects: Bar[], edge: (r: Bar) => number, s: number): (x: number) => Bar[] {
  const q = 0.1 * s;
  const buckets = new Map<number, Bar[]>();
  for (const r of rects) {
    const k = Math.round(edge(r) / q);
    const bucket = buckets.get(k);
    if (bucket) bucket.push(r);
    else buckets.set(k, [r]);
  }
  return (x) => {
    const k = Math.round(x / q);
    return [k - 1, k, k + 1].flatMap((b) => buckets.get(b) ?? []).filter((r) => Math.abs(edge(r) - x) <= q);
  };
}

/** A filled rectangle that is a table's cell, not a bar: words inside it, or another filled rectangle going on from
 * one of its ends on its row (`starts(x)`: rectangles whose left edge is at x; `ends(x)`: whose right edge is). */
function isCell(r: Bar, starts: (x: number) => Bar[], ends: (x: number) => Bar[], words: PdfRun[], s: number): boolean {
  const inside = (t: PdfRun) =>
    mid(t.x0, t.x1) > r.x0 && mid(t.x0, t.x1) < r.x1 && mid(t.y0, t.y1) > r.y0 && mid(t.y0, t.y1) < r.y1;
  if (words.some(inside)) return true;
  return [...starts(r.x1), ...ends(r.x0)].some(
    (o) => o !== r && Math.min(o.y1, r.y1) - Math.max(o.y0, r.y0) > 0.5 * Math.min(o.y1 - o.y0, r.y1 - r.y0),
  );
}

/** Bars on one zero line: every bar starts (or, negative, ends) on it, all of one thickness, rows close one under
 * the other, their lengths not all equal (a column of stacked segments or a table's shaded rows is no such chart). */
function families(rects: Bar[]): { zero: number; bars: Bar[] }[] {
  const out: { zero: number; bars: Bar[] }[] = [];
  const taken = new Set<Bar>();
  const edges = [...new Set(rects.map((r) => Math.round(r.x0 * 2) / 2))];
  const on = (r: Bar, z: number) => Math.abs(r.x0 - z) <= 0.6 || Math.abs(r.x1 - z) <= 0.6;
  const ranked = edges
    .map((z) => ({ z, n: rects.filter((r) => Math.abs(r.x0 - z) <= 0.6).length }))
    .sort((a, b) => b.n - a.n || a.z - b.z);
  for (const { z } of ranked) {
    const bars = rects.filter((r) => !taken.has(r) && on(r, z)).sort((a, b) => a.y0 - b.y0);
    for (const part of rowRuns(bars)) {
      const thick = median(part.map((b) => b.y1 - b.y0));
      const even = part.filter((b) => Math.abs(b.y1 - b.y0 - thick) <= THICK_TOL * thick);
      const lengths = new Set(even.map((b) => Math.round((b.x1 - b.x0) * 2)));
      if (even.length < MIN_BARS || lengths.size < 2 || touching(even)) continue;
      for (const b of even) taken.add(b);
      out.push({ zero: z, bars: even });
    }
  }
  return out;
}

/** Two bars of one colour one right under the other: shaded rows of a table, not bars (a chart leaves a gap). */
function touching(bars: Bar[]): boolean {
  return bars.some((b, i) => i > 0 && b.fill === bars[i - 1]!.fill && b.y0 - bars[i - 1]!.y1 < 0.3);
}

/** Bars (top to bottom) split where the gap between rows is wider than ROW_GAP thicknesses. */
function rowRuns(bars: Bar[]): Bar[][] {
  const parts: Bar[][] = [];
  for (const b of bars) {
    const last = parts[parts.length - 1];
    const prev = last?.[last.length - 1];
    if (prev && b.y0 - prev.y1 <= ROW_GAP * (prev.y1 - prev.y0)) last!.push(b);
    else parts.push([b]);
  }
  return parts;
}

/** The names left of the zero line, one per row: runs on one line joined, the nearest line to each bar. */
function categoryColumn(runs: PdfRun[], bars: Bar[], zero: number, s: number): Label[] {
  const left = Math.min(zero, ...bars.map((b) => b.x0));
  const top = Math.min(...bars.map((b) => b.y0)) - s;
  const bottom = Math.max(...bars.map((b) => b.y1)) + s;
  const cand = runs.filter(
    (r) =>
      !r.angle &&
      r.text.trim() &&
      r.x1 <= left + 0.3 * s &&
      r.x1 >= left - 25 * s &&
      mid(r.y0, r.y1) >= top &&
      mid(r.y0, r.y1) <= bottom,
  );
  // a negative bar's value label stands left of its end: not a name
  const negative = bars.filter((b) => Math.abs(b.x1 - zero) <= 0.6 && b.x0 < zero - 0.6);
  const isValue = (r: PdfRun) =>
    numberOf(r.text) !== null &&
    negative.some(
      (b) =>
        Math.abs(mid(b.y0, b.y1) - mid(r.y0, r.y1)) <= Math.max(0.6 * s, (b.y1 - b.y0) / 2) && r.x1 >= b.x0 - 2.5 * s,
    );
  const lines: Label[] = [];
  for (const r of cand.filter((x) => !isValue(x)).sort((a, b) => a.x0 - b.x0)) {
    const line = lines.find((l) => Math.abs(mid(l.y0, l.y1) - mid(r.y0, r.y1)) <= 0.4 * s && r.x0 - l.x1 <= 1.5 * s);
    if (line) Object.assign(line, { text: `${line.text} ${r.text.trim()}`, x1: Math.max(line.x1, r.x1) });
    else lines.push({ text: r.text.trim(), x0: r.x0, y0: r.y0, x1: r.x1, y1: r.y1 });
  }
  // the label nearest the zero line on each row: text further left on the row is a title or another column
  const nearest = lines.filter(
    (l) => !lines.some((o) => o !== l && Math.abs(mid(o.y0, o.y1) - mid(l.y0, l.y1)) <= 0.4 * s && o.x1 > l.x1),
  );
  return wrapped(nearest, bars, s);
}

/** Lines of one long name wrapped beside one bar row, joined into one label: consecutive lines, close one under
 * the other, whose nearest row of bars is the same. */
function wrapped(lines: Label[], bars: Bar[], s: number): Label[] {
  const rows = barRows(bars);
  if (rows.length < 2) return lines;
  const pitch = median(rows.slice(1).map((c, i) => c - rows[i]!));
  const rowOfLine = (l: Label) => {
    const y = mid(l.y0, l.y1);
    const best = rows.reduce((b, c, i) => (Math.abs(c - y) < Math.abs(rows[b]! - y) ? i : b), 0);
    return Math.abs(rows[best]! - y) <= 0.5 * pitch ? best : -1;
  };
  const out: { label: Label; row: number }[] = [];
  for (const l of [...lines].sort((a, b) => a.y0 - b.y0)) {
    const row = rowOfLine(l);
    const prev = out[out.length - 1];
    if (prev && row >= 0 && prev.row === row && l.y0 - prev.label.y1 <= 0.6 * s) {
      const cjk = /[\u3400-\u9fff]$/u.test(prev.label.text) || /^[\u3400-\u9fff]/u.test(l.text);
      Object.assign(prev.label, {
        text: `${prev.label.text}${cjk ? "" : " "}${l.text}`,
        x0: Math.min(prev.label.x0, l.x0),
        x1: Math.max(prev.label.x1, l.x1),
        y1: l.y1,
      });
    } else out.push({ label: { ...l }, row });
  }
  return out.map((o) => o.label);
}

/** The centres of the rows of bars: bars of one row (grouped series) touch or nearly touch each other. */
function barRows(bars: Bar[]): number[] {
  const rows: { y0: number; y1: number }[] = [];
  for (const b of [...bars].sort((a, c) => a.y0 - c.y0)) {
    const last = rows[rows.length - 1];
    if (last && b.y0 - last.y1 < 0.25 * (b.y1 - b.y0)) last.y1 = Math.max(last.y1, b.y1);
    else rows.push({ y0: b.y0, y1: b.y1 });
  }
  return rows.map((r) => mid(r.y0, r.y1));
}

/** The type size of the text on the bars' rows left of the zero line (the names), null when there is none. */
function nameSize(runs: PdfRun[], bars: Bar[], zero: number): number | null {
  const top = Math.min(...bars.map((b) => b.y0));
  const bottom = Math.max(...bars.map((b) => b.y1));
  const sizes = runs
    .filter((r) => r.x1 <= zero + 2 && mid(r.y0, r.y1) >= top && mid(r.y0, r.y1) <= bottom)
    .map((r) => r.size);
  return sizes.length ? median(sizes) : null;
}

/** The category a bar's row belongs to: the nearest name by its centre, within half the rows' pitch. */
function rowOf(categories: Label[], y: number, pitch: number): Label | null {
  let best: Label | null = null;
  let d = Infinity;
  for (const c of categories) {
    const e = Math.abs(mid(c.y0, c.y1) - y);
    if (e < d) (d = e), (best = c);
  }
  return d <= 0.5 * pitch ? best : null;
}

function readFamily(
  page: PdfPage,
  paths: PdfPath[],
  family: { zero: number; bars: Bar[] },
  pageSize: number,
): VectorChart | null {
  const { zero, bars } = family;
  const barTop = Math.min(...bars.map((b) => b.y0));
  const barBottom = Math.max(...bars.map((b) => b.y1));
  const s = nameSize(page.runs, bars, zero) ?? pageSize;
  const axis =
    rowAxis(page.runs, paths, { y0: barBottom - 0.3 * s, y1: barBottom + 4 * s }, s) ??
    rowAxis(page.runs, paths, { y0: barTop - 4 * s, y1: barTop + 0.3 * s }, s);
  const categories = categoryColumn(
    page.runs.filter((r) => !axis?.runs.includes(r)),
    bars,
    zero,
    s,
  );
  if (categories.length < 2) return null;
  const centres = categories.map((c) => mid(c.y0, c.y1)).sort((a, b) => a - b);
  const pitch = median(centres.slice(1).map((c, i) => c - centres[i]!));
  const rowed = bars.map((b) => ({ b, c: rowOf(categories, mid(b.y0, b.y1), pitch) }));
  if (rowed.filter((r) => r.c).length < MIN_BARS) return null;
  const top = Math.min(barTop, ...categories.map((c) => c.y0));
  const bottom = Math.max(barBottom, ...categories.map((c) => c.y1));
  const right = Math.max(...bars.map((b) => b.x1));
  const labels = page.runs.filter((r) => !r.angle && numberOf(r.text) && !axis?.runs.includes(r));
  const swatches = legendOf(
    page.runs,
    paths,
    { x0: Math.min(...categories.map((c) => c.x0)), x1: right + 20 * s, y0: top - 6 * s, y1: bottom + 8 * s },
    s,
  );
  const legend = ownLegend(swatches, { top, bottom: bottom + (axis ? 3 * s : 0) }, s);
  const box = {
    x0: Math.min(...categories.map((c) => c.x0)),
    y0: Math.min(top, ...legend.map((l) => l.y0)),
    x1: Math.max(
      right,
      ...labels.filter((r) => r.y0 >= top && r.y1 <= bottom && r.x0 <= right + 3 * s).map((r) => r.x1),
      ...(axis?.runs.map((r) => r.x1) ?? []),
    ),
    y1: Math.max(bottom, ...(axis?.runs.map((r) => r.y1) ?? []), ...legend.map((l) => l.y1)),
  };
  const text = textIn(page, box);
  const percent = axis ? axis.percent : labels.some((r) => r.text.includes("%") && r.y0 >= top && r.y1 <= bottom);
  const chart: VectorChart = {
    box,
    kind: "picture",
    why: null,
    unit: percent ? "%" : null,
    text,
    points: [],
    notes: [],
    calibration: axis?.fit ?? 1,
  };
  const fail = (why: string) => ({ ...chart, why });
  const lost = rowed.find((r) => !r.c);
  if (lost) return null;
  const colours = new Set(bars.map((b) => b.fill));
  const many = colours.size > 1;
  const points: Point[] = [];
  for (const { b, c } of rowed) {
    const series = legend.find((l) => l.colour === b.fill)?.text ?? (many ? undefined : null);
    if (series === undefined) return fail(`the series drawn in ${b.fill} has no legend entry`);
    const negative = Math.abs(b.x1 - zero) <= 0.6 && Math.abs(b.x0 - zero) > 0.6;
    const end = negative ? b.x0 : b.x1;
    points.push({
      series,
      category: c!.text,
      value: Number.NaN,
      raw: null,
      source: "geometry",
      bar: b,
      end,
      y: mid(b.y0, b.y1),
    });
  }
  const keys = new Set<string>();
  for (const p of points) {
    const key = `${p.series}\u0000${p.category}`;
    if (keys.has(key)) return fail(`two bars for ${p.series ?? "the series"} in category ${p.category}`);
    keys.add(key);
  }
  const why = axis ? measure(points, axis, labels, zero, s, chart.notes) : fromLabels(points, labels, zero, s);
  if (why) return fail(why);
  if (!many) zeroRows(points, categories, labels, zero, s);
  const covered = new Set(points.map((p) => p.category)).size;
  if (covered < COVERED * categories.length)
    return fail(`only ${covered} of ${categories.length} category names have a bar beside them`);
  return {
    ...chart,
    kind: "bar",
    points: points.map(({ series, category, value, raw, source }) => ({ series, category, value, raw, source })),
  };
}
