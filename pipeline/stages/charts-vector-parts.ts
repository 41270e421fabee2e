// Parts of a vector chart found in the text layer and the paths around its plot: the category row under the plot
// and the legend (a swatch — a small filled square or a short horizontal line — with its name right of it). All
// distances are shares of the axis labels' font size. Pure.
import type { PdfPath, PdfRun } from "../../schemas/index.ts";
import { numberOf } from "./charts-vector-axis.ts";

export interface Label {
  text: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}
export interface Swatch {
  colour: string;
  text: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  textX1: number;
}
interface Area {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

const mid = (a: number, b: number) => (a + b) / 2;

/** Runs of one line joined left to right into labels: a gap under this share of the font size joins. */
function join(row: PdfRun[], gap: number): Label[] {
  const labels: Label[] = [];
  for (const r of [...row].sort((a, b) => a.x0 - b.x0)) {
    const last = labels[labels.length - 1];
    if (last && r.x0 - last.x1 <= gap * r.size)
      Object.assign(last, {
        text: `${last.text}${r.x0 - last.x1 > 0.15 * r.size ? " " : ""}${r.text.trim()}`,
        x1: Math.max(last.x1, r.x1),
        y0: Math.min(last.y0, r.y0),
        y1: Math.max(last.y1, r.y1),
      });
    else labels.push({ text: r.text.trim(), x0: r.x0, y0: r.y0, x1: r.x1, y1: r.y1 });
  }
  return labels;
}

/** The box a run covers on the page: its glyphs turned with it when it is set at ±90° (a legend or title set
 * upright is found by it). */
export function placed(r: PdfRun): PdfRun {
  if (r.angle !== 90 && r.angle !== -90) return r;
  const base = r.y1 - 0.12 * r.size;
  const w = r.x1 - r.x0;
  return r.angle === 90
    ? { ...r, x0: r.x0 - 0.88 * r.size, x1: r.x0 + 0.12 * r.size, y0: base - w, y1: base }
    : { ...r, x0: r.x0 - 0.12 * r.size, x1: r.x0 + 0.88 * r.size, y0: base, y1: base + w };
}

/** Labels set at an angle under the plot: runs chained end to start along their direction (a label split into
 * several runs), each label placed at its end nearest the plot — where a turned label meets its tick. */
function turned(runs: PdfRun[], plot: { x0: number; x1: number; bottom: number }, s: number): Label[] {
  const ends = runs
    .filter((r) => r.angle)
    .map((r) => {
      const t = ((r.angle ?? 0) * Math.PI) / 180;
      const w = r.x1 - r.x0;
      const base = r.y1 - 0.12 * r.size;
      return { r, sx: r.x0, sy: base, ex: r.x0 + w * Math.cos(t), ey: base - w * Math.sin(t) };
    });
  const chains: (typeof ends)[] = [];
  for (const e of ends) {
    const before = chains.find(
      (c) =>
        Math.hypot(c[c.length - 1]!.ex - e.sx, c[c.length - 1]!.ey - e.sy) <= 0.6 * e.r.size &&
        c[0]!.r.angle === e.r.angle,
    );
    if (before) before.push(e);
    else chains.push([e]);
  }
  return chains
    .flatMap((c) => {
      const a = c[0]!;
      const z = c[c.length - 1]!;
      const [x, y] = a.sy < z.ey ? [a.sx, a.sy] : [z.ex, z.ey];
      const xs = c.flatMap((e) => [e.sx, e.ex]);
      const ys = c.flatMap((e) => [e.sy, e.ey]);
      if (x < plot.x0 || x > plot.x1 || y < plot.bottom - 0.3 * s || y > plot.bottom + 3 * s) return [];
      // x0..x1 is the anchor (a slot is found from the label's centre); the box spans the turned text
      return [
        {
          text: c.map((e) => e.r.text.trim()).join(""),
          x0: x,
          x1: x,
          y0: Math.min(...ys),
          y1: Math.max(...ys),
          span: [Math.min(...xs), Math.max(...xs)],
        },
      ];
    })
    .sort((p, q) => p.x0 - q.x0)
    .map(({ span: _span, ...l }) => l);
}

/** The category labels: the first line of text under the plot, within its x range (a label wrapped onto a second
 * line under it gets that line too); or labels set at ±90° when the first text under the plot is turned. */
export function categoryRow(runs: PdfRun[], plot: { x0: number; x1: number; bottom: number }, s: number): Label[] {
  const up = turned(runs, plot, s);
  const level = runs.filter((r) => !r.angle);
  const firstLevel = Math.min(
    Infinity,
    ...level
      .filter(
        (r) =>
          mid(r.x0, r.x1) >= plot.x0 &&
          mid(r.x0, r.x1) <= plot.x1 &&
          r.y0 >= plot.bottom - 0.3 * s &&
          r.y0 <= plot.bottom + 2.5 * s,
      )
      .map((r) => r.y0),
  );
  if (up.length >= 2 && Math.min(...up.map((l) => l.y0)) <= firstLevel) return up;
  runs = level;
  const under = runs.filter(
    (r) =>
      r.text.trim() &&
      mid(r.x0, r.x1) >= plot.x0 &&
      mid(r.x0, r.x1) <= plot.x1 &&
      r.y0 >= plot.bottom - 0.3 * s &&
      r.y0 <= plot.bottom + 2.5 * s,
  );
  if (!under.length) return [];
  const firstY = Math.min(...under.map((r) => mid(r.y0, r.y1)));
  const row = under.filter((r) => Math.abs(mid(r.y0, r.y1) - firstY) <= 0.4 * s);
  const labels = join(row, 0.3);
  const rowBottom = Math.max(...row.map((r) => r.y1));
  const next = runs.filter((r) => !row.includes(r) && r.y0 >= rowBottom - 0.2 * s && r.y0 <= rowBottom + 0.6 * s);
  for (const r of next) {
    const l = labels.find((x) => mid(r.x0, r.x1) >= x.x0 - 0.2 * s && mid(r.x0, r.x1) <= x.x1 + 0.2 * s);
    if (l && r.x0 >= l.x0 - s && r.x1 <= l.x1 + s)
      Object.assign(l, { text: `${l.text}${r.text.trim()}`, y1: Math.max(l.y1, r.y1) });
  }
  return labels;
}

/** Legend entries in an area: a swatch and the words right of it on its line. A swatch is a filled square or bar
 * (up to 4 type sizes wide, as wide as a line swatch) or a short stroke. A name may be a number (years: 2023, 2024)
 * only where no value label stands: above or below the plot's band `values` (when given). */
export function legendOf(
  runs: PdfRun[],
  paths: PdfPath[],
  area: Area,
  s: number,
  values?: { top: number; bottom: number },
): Swatch[] {
  const marks: Omit<Swatch, "text" | "textX1">[] = [];
  for (const p of paths) {
    if (p.x1 < area.x0 || p.x0 > area.x1 || p.y1 < area.y0 || p.y0 > area.y1) continue;
    for (const sp of p.subpaths) {
      const xs = sp.filter((_, k) => k % 2 === 0);
      const ys = sp.filter((_, k) => k % 2 === 1);
      const box = { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) };
      const w = box.x1 - box.x0;
      const h = box.y1 - box.y0;
      if (p.fill && p.op !== "stroke" && w >= 0.2 * s && w <= 4 * s && h >= 0.2 * s && h <= 1.5 * s)
        marks.push({ colour: p.fill, ...box });
      else if (p.stroke && p.op === "stroke" && xs.length === 2 && h < 0.2 * s && w >= 0.5 * s && w <= 4 * s)
        marks.push({ colour: p.stroke, ...box });
    }
  }
  const entries: Swatch[] = [];
  if (!marks.length) return entries;
  // words near the area, once for all marks (a page holds thousands of runs; most charts have a few swatches)
  const near = runs.filter(
    (r) =>
      r.text.trim() &&
      r.x1 >= area.x0 - s &&
      mid(r.y0, r.y1) >= area.y0 - 0.6 * r.size &&
      mid(r.y0, r.y1) <= area.y1 + 0.6 * r.size,
  );
  const wordsOnly = near.filter((r) => !numberOf(r.text));
  for (const m of marks) {
    const cy = mid(m.y0, m.y1);
    const outside = values !== undefined && (m.y1 < values.top || m.y0 > values.bottom);
    const words = outside ? near : wordsOnly;
    const line = words.filter((r) => Math.abs(mid(r.y0, r.y1) - cy) <= 0.6 * r.size && r.x0 >= m.x1 - 0.1 * s);
    const first = line.filter((r) => r.x0 <= m.x1 + 1.5 * s).sort((a, b) => a.x0 - b.x0)[0];
    if (!first) continue;
    const label = join([first, ...line.filter((r) => r.x0 > first.x0)], 0.3)[0]!;
    if (entries.some((e) => e.text === label.text && e.colour === m.colour)) continue;
    entries.push({ ...m, text: label.text, textX1: label.x1 });
  }
  return entries;
}

/** The words drawn as glyph outlines under the plot: filled curved shapes (not rectangles) of about a label's size
 * (up to 8 type sizes high: a label set at an angle stands as tall as it is long). A report that outlines its text keeps the labels out of the text layer. */
export function outlinedLabels(
  paths: PdfPath[],
  plot: { x0: number; x1: number; bottom: number },
  s: number,
): PdfPath[] {
  return paths.filter((p) => {
    const curved = p.subpaths.length > 1 || p.subpaths.some((sp) => sp.length > 10);
    const w = p.x1 - p.x0;
    const h = p.y1 - p.y0;
    return (
      p.fill !== null &&
      p.op !== "stroke" &&
      curved &&
      p.x0 >= plot.x0 - s &&
      p.x1 <= plot.x1 + 2 * s &&
      p.y0 >= plot.bottom - 0.3 * s &&
      p.y0 <= plot.bottom + 3 * s &&
      h >= 0.3 * s &&
      h <= 8 * s &&
      w >= 0.3 * s &&
      w <= 8 * s
    );
  });
}

/** The legend entries of this chart among those found around it. Charts stacked on a page put one chart's legend
 * under its plot, right over the next chart's top: entries under this chart's category row are its own when there
 * are any; else entries inside the plot, and the rows above it nearest first — the first within four lines of the
 * plot's top, each next within two lines of the last (a wider gap starts another chart's legend). */
export function ownLegend(entries: Swatch[], plot: { top: number; bottom: number }, s: number): Swatch[] {
  const below = entries.filter((e) => e.y0 >= plot.bottom - 0.2 * s);
  if (below.length) return below;
  const inside = entries.filter((e) => e.y0 >= plot.top && e.y1 <= plot.bottom);
  const above = entries.filter((e) => e.y0 < plot.top).sort((a, b) => b.y1 - a.y1);
  const own: Swatch[] = [];
  let edge = plot.top;
  for (const e of above) {
    if (edge - e.y1 > (own.length ? 2 : 4) * s) break;
    own.push(e);
    edge = Math.min(edge, e.y0);
  }
  return [...inside, ...own];
}
