// Vector pie and donut charts: slices are filled paths sharing one centre (curves by their end points, so a slice
// is the centre and the points of its arc). Each slice's share is its angle; its printed label (a percentage set
// outside it, along its middle angle) gives the exact value when it agrees with that share; its category comes
// from the legend — by fill colour when the slices' colours tell them apart, else (a gradient fill reported as one
// colour) by the drawing order every charting tool uses: legend order is slice order, clockwise from the first
// slice. A pie whose slices, labels and legend entries do not pair one to one stays a picture saying why. Pure.
import type { PdfPage, PdfPath, PdfRun } from "../../schemas/index.ts";
import { numberOf } from "./charts-vector-axis.ts";
import { legendOf, type Swatch } from "./charts-vector-parts.ts";
import type { VectorChart, VectorPoint } from "./charts-vector.ts";

interface Slice {
  colour: string;
  /** start and end angle, degrees clockwise from 12 o'clock */
  from: number;
  span: number;
  mid: number;
}
interface Pie {
  cx: number;
  cy: number;
  r: number;
  slices: Slice[];
}

/** A pie has at least this many slices. */
const MIN_SLICES = 2;
/** A printed percentage agrees with its slice's angle within this many points (labels are rounded). */
const AGREE = 1.5;
/** Slice labels stand within this many radii of the centre (outside labels with leader lines reach far). */
const LABEL_REACH = 2.5;
/** Arc points lie at one radius from the centre within this share. */
const ROUND = 0.04;

/** Degrees clockwise from 12 o'clock of a point around a centre (page y grows downwards). */
const angleOf = (cx: number, cy: number, x: number, y: number) =>
  ((Math.atan2(x - cx, cy - y) * 180) / Math.PI + 360) % 360;

/** Pies of a page: filled paths grouped by a vertex they share with at least one other path (the centre). */
export function findPies(paths: PdfPath[]): Pie[] {
  // Groups in the order first met, looked up by rounded x then y (a key string per vertex cost most of the time).
  type Group = { x: number; y: number; paths: PdfPath[] };
  const groups: Group[] = [];
  const byCentre = new Map<number, Map<number, Group>>();
  for (const p of paths) {
    if (!p.fill || p.op === "stroke" || p.subpaths.length !== 1) continue;
    const sp = p.subpaths[0]!;
    for (let k = 0; k + 1 < sp.length; k += 2) {
      const [gx, gy] = [Math.round(sp[k]! * 2), Math.round(sp[k + 1]! * 2)];
      let column = byCentre.get(gx);
      if (!column) {
        column = new Map();
        byCentre.set(gx, column);
      }
      let g = column.get(gy);
      if (!g) {
        g = { x: sp[k]!, y: sp[k + 1]!, paths: [] };
        column.set(gy, g);
        groups.push(g);
      }
      // (A path joins a group only while its own vertices are read: it is the last one if it is in.)
      if (g.paths[g.paths.length - 1] !== p) g.paths.push(p);
    }
  }
  const pies: Pie[] = [];
  const taken = new Set<PdfPath>();
  for (const g of groups.sort((a, b) => b.paths.length - a.paths.length)) {
    if (g.paths.length < MIN_SLICES || g.paths.some((p) => taken.has(p))) continue;
    const pie = pieAround(g.x, g.y, g.paths);
    if (!pie) continue;
    for (const p of g.paths) taken.add(p);
    pies.push(pie);
  }
  return pies;
}

/** The slices around a centre when every path is a sector of one radius and together they cover the circle. */
function pieAround(cx: number, cy: number, paths: PdfPath[]): Pie | null {
  const arcs: { p: PdfPath; pts: [number, number][] }[] = [];
  const radii: number[] = [];
  for (const p of paths) {
    const sp = p.subpaths[0]!;
    const pts: [number, number][] = [];
    let near = Infinity;
    let far = 0;
    for (let k = 0; k + 1 < sp.length; k += 2) {
      const d = Math.hypot(sp[k]! - cx, sp[k + 1]! - cy);
      if (d <= 0.5) continue;
      pts.push([sp[k]!, sp[k + 1]!]);
      radii.push(d);
      near = Math.min(near, d);
      far = Math.max(far, d);
    }
    // a sector's points all lie on its arc: a path whose own points do not (a table's cells meeting at a corner)
    // rules the centre out before the others are looked at
    if (far - near > 2 * ROUND * far) return null;
    arcs.push({ p, pts });
  }
  const r = Math.max(...radii);
  if (!(r > 5) || radii.some((d) => Math.abs(d - r) > ROUND * r)) return null;
  const slices: Slice[] = [];
  for (const { p, pts } of arcs) {
    const angles = pts.map(([x, y]) => angleOf(cx, cy, x, y));
    // a closing vertex repeats the first arc point: walk the arc once, in the order drawn
    const uniq = angles.filter((a, i) => i === 0 || Math.abs(a - angles[i - 1]!) > 1e-6);
    if (uniq.length > 1 && Math.abs(uniq[uniq.length - 1]! - uniq[0]!) < 1e-6) uniq.pop();
    let span = 0;
    for (let i = 1; i < uniq.length; i++) span += ((uniq[i]! - uniq[i - 1]! + 540) % 360) - 180;
    if (uniq.length < 2 || Math.abs(span) < 1e-6) continue;
    const from = span > 0 ? uniq[0]! : uniq[uniq.length - 1]!;
    const s = Math.abs(span);
    slices.push({ colour: p.fill!, from, span: s, mid: (from + s / 2) % 360 });
  }
  const total = slices.reduce((t, s) => t + s.span, 0);
  if (slices.length < MIN_SLICES || Math.abs(total - 360) > 2) return null;
  slices.sort((a, b) => a.from - b.from);
  return { cx, cy, r, slices };
}

/** The pies of a page read as charts: one point per slice, or a picture saying why. */
export function readPies(page: PdfPage): VectorChart[] {
  return findPies(page.paths ?? []).map((pie) => readPie(page, pie));
}

function readPie(page: PdfPage, pie: Pie): VectorChart {
  const { cx, cy, r } = pie;
  const near = (x: number, y: number, k: number) => Math.hypot(x - cx, y - cy) <= k * r;
  const labels = page.runs.filter((t) => {
    const n = numberOf(t.text);
    return n?.percent && near((t.x0 + t.x1) / 2, (t.y0 + t.y1) / 2, LABEL_REACH);
  });
  const s = labels[0]?.size ?? 8;
  const legend = legendOf(
    page.runs,
    page.paths ?? [],
    { x0: cx - 4 * r, x1: cx + 4 * r, y0: cy - 1.6 * r, y1: cy + 1.6 * r },
    s,
  )
    .filter((l) => !near(l.x0, l.y0, 1.02))
    .sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0);
  const box = {
    x0: Math.min(cx - r, ...labels.map((l) => l.x0), ...legend.map((l) => l.x0)),
    y0: Math.min(cy - r, ...labels.map((l) => l.y0), ...legend.map((l) => l.y0)),
    x1: Math.max(cx + r, ...labels.map((l) => l.x1), ...legend.map((l) => l.textX1)),
    y1: Math.max(cy + r, ...labels.map((l) => l.y1), ...legend.map((l) => l.y1)),
  };
  const inBox = (t: PdfRun) => t.x0 >= box.x0 - 1 && t.x1 <= box.x1 + 1 && t.y0 >= box.y0 - 1 && t.y1 <= box.y1 + 1;
  const text = page.runs
    .filter(inBox)
    .map((t) => t.text.trim())
    .join(" ");
  const chart: VectorChart = {
    box,
    kind: "picture",
    why: null,
    unit: "%",
    text,
    points: [],
    notes: [],
    calibration: 1,
  };
  const fail = (why: string): VectorChart => ({ ...chart, why });
  const printed = labelsOf(pie, labels);
  if (typeof printed === "string") return fail(printed);
  const names = legend.length ? categoriesOf(pie.slices, legend) : namesOver(printed, page.runs);
  if (typeof names === "string") return fail(names);
  const points: VectorPoint[] = pie.slices.map((sl, i) => {
    const share = (100 * sl.span) / 360;
    const run = printed[i];
    const n = run ? numberOf(run.text)! : null;
    return n
      ? { series: null, category: names[i]!, value: n.value, raw: run!.text.trim(), source: "label" }
      : { series: null, category: names[i]!, value: Math.round(share * 10) / 10, raw: null, source: "geometry" };
  });
  return { ...chart, kind: "pie", points };
}

/** Without a legend, each slice's name is printed with its percentage: the line of words right above it
 * (a data label "Others / 45%"), centred over it. */
function namesOver(printed: (PdfRun | null)[], runs: PdfRun[]): string[] | string {
  const names = printed.map((t) => {
    if (!t) return undefined;
    const cx = (t.x0 + t.x1) / 2;
    return runs
      .find(
        (r) =>
          r.text.trim() &&
          !numberOf(r.text) &&
          r.y1 <= t.y0 + 0.3 * t.size &&
          r.y1 >= t.y0 - 0.8 * t.size &&
          r.x0 <= cx &&
          r.x1 >= cx,
      )
      ?.text.trim();
  });
  if (names.some((n) => !n)) return "no legend, and a slice's label has no name printed with it";
  if (new Set(names).size !== names.length) return "two slices have the same name";
  return names as string[];
}

/** Each slice's legend name: by colour when the colours are all different, else by order (legend reading order
 * is slice order from the first slice drawn at 12 o'clock); the counts must be equal. */
function categoriesOf(slices: Slice[], legend: Swatch[]): string[] | string {
  if (legend.length !== slices.length)
    return `${slices.length} slices but ${legend.length} legend entries: the slices' names are not known`;
  const colours = new Set(slices.map((s) => s.colour));
  if (colours.size === slices.length) {
    const names = slices.map((s) => legend.find((l) => l.colour === s.colour)?.text);
    if (names.every((n) => n !== undefined)) return names as string[];
    return "a slice's colour is not in the legend";
  }
  if (slices[0]!.from > 1 && slices[0]!.from < 359)
    return "the slices share a colour and the first does not start at 12 o'clock: legend order cannot be matched";
  return legend.map((l) => l.text);
}

/** The printed percentage of each slice (null for a slice without one): labels in angle order paired with slices
 * in angle order, the pairing turned so that labels sit nearest their slices' middles (a label on a leader line can
 * stand beside its neighbour's slice), every pair agreeing with its slice's angle; else why not. */
function labelsOf(pie: Pie, labels: PdfRun[]): (PdfRun | null)[] | string {
  if (!labels.length) return pie.slices.map(() => null);
  const n = pie.slices.length;
  if (labels.length !== n) return `${labels.length} percentage labels for ${n} slices: they cannot be paired`;
  const at = (t: PdfRun) => angleOf(pie.cx, pie.cy, (t.x0 + t.x1) / 2, (t.y0 + t.y1) / 2);
  const sorted = [...labels].sort((a, b) => at(a) - at(b));
  const apart = (a: number, b: number) => Math.abs(((a - b + 540) % 360) - 180);
  const share = (sl: Slice) => (100 * sl.span) / 360;
  const turns = Array.from({ length: n }, (_, k) => pie.slices.map((_, i) => sorted[(i + k) % n]!))
    .filter((pairs) => pairs.every((t, i) => Math.abs(numberOf(t.text)!.value - share(pie.slices[i]!)) <= AGREE))
    .map((pairs) => ({ pairs, off: pairs.reduce((d, t, i) => d + apart(at(t), pie.slices[i]!.mid), 0) }))
    .sort((a, b) => a.off - b.off);
  if (!turns.length) return "the percentage labels do not match the slices' shares in any pairing";
  return turns[0]!.pairs;
}
