// Charts: recognised words and measured bars of the PDF's raster images → chart data. Pure.
// A column chart is read from positions, not word order: each bar has a slot on the x axis; its category is the
// text under the baseline in that slot, its value the number printed just above the bar top; the y-axis tick
// labels left of the plot give the scale, which estimates a value whose label was not read (marked estimated) and
// checks every label read (a label far from its bar's height is a misreading: a lost decimal point is restored
// when that agrees, else the label is reported). Title and unit come from the text above the plot
// ("Meta 资本性支出（亿美元）" → series "Meta 资本性支出", unit 亿美元). An image without such bars is a picture:
// its text is kept, it gives no data — unless its words print a horizontal bar chart (charts-hbars.ts). A value
// the report's text states next to the chart (the paragraph before its caption: "谷歌 2023Q4 的资本支出为 110
// 亿美元") marks the point confirmed or contradicted.
import type {
  Box,
  Chart,
  ChartPoint,
  Figure,
  ImageOcr,
  OcrWord,
  OutlineText,
  PdfPage,
  Problem,
} from "../../schemas/index.ts";
import { type Found, found, type Staged } from "../problems.ts";
import type { Contents } from "./layout/contents.ts";
import { parseCaption } from "./layout/patterns.ts";
import { round2, upperMedian } from "../geometry.ts";
import { barSlots } from "../ocr/bars.ts";
import { understood } from "./charts-gate.ts";
import { readHorizontalBars } from "./charts-hbars.ts";
import { vectorCharts } from "./charts-vector-stage.ts";
import { groupLines, joinWords, type OcrLine } from "../ocr/scan.ts";
import { layout } from "../vocab/layout.ts";
import unitVocab from "../vocab/units.json" with { type: "json" };

export interface CaptionAt {
  label: string;
  title: string;
  page: number;
  box: Box;
  index: number;
}
export interface ChartContext {
  /** body captions of the document with their position and item index */
  captions: CaptionAt[];
  /** text lines in reading order with their item index (for the cross-check) */
  lines: { text: string; page: number | null; index: number }[];
  /** item indexes of headings and tables: a paragraph ends there */
  boundaries: number[];
  figures: Figure[];
}

/** Captions with their place on the page, and the text lines around them, for linking images to figures. */
export function chartContext(contents: Contents, figures: Figure[]): ChartContext {
  const captions: CaptionAt[] = [];
  const lines: { text: string; page: number | null; index: number }[] = [];
  contents.items.forEach((it, index) => {
    if (it.kind !== "line" || index < contents.bodyStart) return;
    lines.push({ text: it.line.text, page: it.line.page, index });
    const c = parseCaption(it.line.text, contents.captionLanguage);
    if (c && it.line.box && !captions.some((o) => o.label === c.label))
      captions.push({ label: c.label, title: c.title, page: it.line.box.page, box: it.line.box, index });
  });
  const boundaries = [
    ...contents.headings.map((h) => h.index),
    ...contents.items.flatMap((it, i) => (it.kind === "table" ? [i] : [])),
  ];
  return { captions, lines, boundaries, figures };
}

/** Point confidence under this is listed as an ocr/low-confidence problem. */
export const LOW_CONFIDENCE = 0.6;
/** A label further than this share of the axis span from its bar's height is a misreading. */
const LABEL_TOLERANCE = 0.08;

const slugs: Record<string, string> = layout.caption_slugs;
const NUMBER = /^[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?$/;

/** Charts in the order of their images, then the vector charts drawn on the pages; a chart that breaks the schema
 * is taken out by the validate stage. */
export function buildCharts(
  images: ImageOcr[],
  ctx: ChartContext,
  pages: PdfPage[] = [],
  outlines: OutlineText[] = [],
): Staged<Chart[]> {
  const problems: Found[] = [];
  const used = new Set<string>();
  const charts: Chart[] = [];
  for (const im of images) {
    const caption = captionOf(im, ctx.captions, used);
    const figureId = caption ? figureIdOf(caption.label) : `img-p${im.page}-${im.index}`;
    const problem = (code: string, severity: Problem["severity"], message: string, where = figureId) =>
      problems.push(found(code, severity, message, { page: im.page, where }));
    // Words in the image's own pixels.
    const words = im.ocr.words.map((w) => ({
      ...w,
      x0: w.x0 / im.scale,
      y0: w.y0 / im.scale,
      x1: w.x1 / im.scale,
      y1: w.y1 / im.scale,
    }));
    const lines = groupLines(words);
    const text = lines.map((l) => lineText(l)).join(" ");
    const chart: Chart = {
      figure_id: figureId,
      label: caption?.label ?? null,
      page: im.page,
      kind: "picture",
      title: caption?.title ?? null,
      series: null,
      unit: null,
      text,
      confidence: im.ocr.confidence,
      box: im.box,
      points: [],
    };
    const bar = im.bars.length >= 2 && im.baseline !== null ? readBars(im, words, lines) : null;
    const why = bar ? understood(bar, im.bars.length) : null;
    if (bar && why)
      problem(
        "chart/not-understood",
        "info",
        `${figureId}: bars were found but the chart is kept as a picture: ${why}`,
      );
    if (bar && !why) {
      chart.kind = "bar";
      chart.title = bar.title ?? chart.title;
      chart.series = bar.series ?? caption?.title ?? null;
      chart.unit = bar.unit;
      chart.points = bar.points.map((p) => ({ ...p, series: chart.series, unit: chart.unit }));
      for (const n of bar.notes) problem(n.code, n.severity, n.message, `${figureId} ${n.category}`);
      crossCheck(chart, caption, ctx);
      for (const p of chart.points) {
        if (p.confidence < LOW_CONFIDENCE)
          problem(
            "ocr/low-confidence",
            "warning",
            `${figureId} ${p.category}: "${p.raw ?? p.value}" was recognised with confidence ${p.confidence}; check it against the image`,
            `${figureId} ${p.category}`,
          );
        if (p.check === "contradicted")
          problem(
            "chart/contradicted",
            "warning",
            `${figureId} ${p.category}: the chart shows ${p.value}${p.unit ?? ""} but the text next to it states another value; one of them is wrong`,
            `${figureId} ${p.category}`,
          );
      }
    }
    // No columns measured: the words may still print a horizontal bar chart (labels at the bars' ends).
    const across = bar ? null : readHorizontalBars(lines);
    if (across) {
      chart.kind = "bar";
      const named = caption ? splitUnit(caption.title) : { series: null, unit: null };
      chart.series = named.series || null;
      chart.unit = across.unit ?? named.unit;
      chart.points = across.points.map((p) => ({ ...p, series: chart.series, unit: chart.unit }));
      crossCheck(chart, caption, ctx);
    }
    charts.push(chart);
  }
  const vector = vectorCharts(pages, (at) => captionOf(at, ctx.captions, used), outlines);
  for (const v of vector.value) crossCheck(v.chart, v.caption, ctx);
  return { value: [...charts, ...vector.value.map((v) => v.chart)], problems: [...problems, ...vector.problems] };
}

/** The caption right above the image on its page (else right below), each caption used once. */
export function captionOf(im: { page: number; box: Box }, captions: CaptionAt[], used: Set<string>): CaptionAt | null {
  // Side-by-side figures: a caption over the image's columns comes before one beside them.
  const overlapping = (c: CaptionAt) => Math.min(c.box.x1, im.box.x1) - Math.max(c.box.x0, im.box.x0) > 0;
  const all = captions.filter((c) => c.page === im.page && !used.has(c.label));
  const onPage = all.some(overlapping) ? all.filter(overlapping) : all;
  const overlap = (c: CaptionAt) =>
    Math.max(0, Math.min(c.box.x1, im.box.x1) - Math.max(c.box.x0, im.box.x0)) / Math.max(1, c.box.x1 - c.box.x0);
  const above =
    onPage
      .filter((c) => c.box.y1 <= im.box.y0 + 4 && im.box.y0 - c.box.y1 < 60)
      .sort((a, b) => overlap(b) - overlap(a) || b.box.y1 - a.box.y1)[0] ??
    onPage.filter((c) => c.box.y1 <= im.box.y0 + 4).sort((a, b) => b.box.y1 - a.box.y1)[0];
  const below = onPage
    .filter((c) => c.box.y0 >= im.box.y1 - 4 && c.box.y0 - im.box.y1 < 40)
    .sort((a, b) => a.box.y0 - b.box.y0)[0];
  const pick = above && im.box.y0 - above.box.y1 < 60 ? above : (below ?? null);
  if (pick) used.add(pick.label);
  return pick;
}

export function figureIdOf(label: string): string {
  const c = parseCaption(`${label}：x`);
  return c
    ? `${slugs[c.kind] ?? "fig"}-${c.number.replace(/\./g, "-")}`
    : label.toLowerCase().replace(/[^a-z0-9]+/g, "-");
}

function lineText(l: OcrLine): string {
  return joinWords(l.words, upperMedian(l.words.map((w) => w.y1 - w.y0)) ?? 1);
}

export function parseNumber(raw: string): number | null {
  const t = raw.replace(/^[^\d\-−]+/, "").replace(/[^\d%]+$/, "");
  if (!NUMBER.test(t)) return null;
  const v = Number(t.replace(/[,%]/g, "").replace("−", "-"));
  return Number.isFinite(v) ? v : null;
}

const decimalsOf = (raw: string) => /\.(\d+)/.exec(raw)?.[1]?.length ?? 0;

interface Note {
  code: string;
  severity: Problem["severity"];
  message: string;
  category: string;
}

/** Unit in brackets at the end of a title: （亿美元）, (%), 〈亿美元) as OCR may read the bracket; or 单位：X. */
export function splitUnit(title: string): { series: string; unit: string | null } {
  const m = /^(.*?)[\s]*[（(〈<《【\[{]\s*([^（()）〈〉<>《》【】\[\]{}]{1,12}?)\s*[）)〉>》】\]}]?\s*$/.exec(title);
  const units = unitVocab.units as string[];
  if (m && m[2]) {
    const inner = m[2].replace(/^(单位|unit)[:：]\s*/i, "").trim();
    if (units.includes(inner) || units.some((u) => inner.endsWith(u)))
      return { series: m[1]!.trim() || title, unit: inner };
  }
  const lab = /^(.*?)[\s,，]*(?:单位|unit)[:：]\s*(\S+)\s*$/i.exec(title);
  if (lab) return { series: lab[1]!.trim(), unit: lab[2]! };
  return { series: title.trim(), unit: null };
}

function readBars(im: ImageOcr, words: OcrWord[], lines: OcrLine[]) {
  const { bars, centers, pitch } = barSlots(im.bars);
  const baseline = im.baseline!;
  const h = upperMedian(words.map((w) => w.y1 - w.y0)) ?? 10;
  const cx = (w: OcrWord) => (w.x0 + w.x1) / 2;
  const plotTop = Math.min(...bars.map((b) => b.y0));
  // Axis ticks: numbers left of the first bar, between the title and the baseline; value = a + b·y.
  const ticks = words.filter(
    (w) => w.x1 <= bars[0]!.x0 && (w.y0 + w.y1) / 2 <= baseline + h && parseNumber(w.text) !== null,
  );
  const scale = fitAxis(ticks.map((w) => ({ y: (w.y0 + w.y1) / 2, v: parseNumber(w.text)! })));
  const tickConfidence = ticks.length ? Math.min(...ticks.map((w) => w.confidence)) : 0;
  // Title: the top line of text above the plot that is not a tick or a value label.
  const titleLine = lines.find(
    (l) =>
      l.y1 <= plotTop + h &&
      l.words.some((w) => /[A-Za-z\u4e00-\u9fff]/.test(w.text)) &&
      !l.words.every((w) => parseNumber(w.text) !== null),
  );
  const title = titleLine ? lineText(titleLine) : null;
  const { series, unit } = title ? splitUnit(title) : { series: null, unit: null };
  const notes: Note[] = [];
  const points: Omit<ChartPoint, "series" | "unit">[] = [];
  const labelled = bars.map((b, i) => {
    const inSlot = (w: OcrWord) => Math.abs(cx(w) - centers[i]!) <= pitch / 2;
    // Category: the nearest line of words under the baseline in the bar's slot.
    const under = words
      .filter((w) => inSlot(w) && w.y0 >= baseline - h * 0.3 && w.y0 <= baseline + 4 * h)
      .sort((a, b) => a.y0 - b.y0);
    const first = under[0];
    const catWords = first
      ? under.filter((w) => w.y0 < first.y1 - 0.3 * (first.y1 - first.y0)).sort((a, b) => a.x0 - b.x0)
      : [];
    // Value label: the number right above the bar top (or just inside it).
    const label =
      words
        .filter(
          (w) =>
            inSlot(w) &&
            parseNumber(w.text) !== null &&
            w.y1 <= b.y0 + 1.5 * h &&
            w.y1 >= b.y0 - 3 * h &&
            !catWords.includes(w),
        )
        .sort((a, c) => Math.abs(a.y1 - b.y0) - Math.abs(c.y1 - b.y0))[0] ?? null;
    return { b, catWords, label };
  });
  const decimals = mode(labelled.flatMap((l) => (l.label ? [decimalsOf(l.label.text)] : [])));
  const span = scale ? Math.abs(scale.at(baseline) - scale.at(plotTop)) || 1 : 1;
  for (const { b, catWords, label } of labelled) {
    if (catWords.length === 0) {
      notes.push({
        code: "chart/category-missing",
        severity: "warning",
        message: `no category was read under the bar at x ${b.x0}–${b.x1} px; the bar is left out`,
        category: `bar@${b.x0}`,
      });
      continue;
    }
    const category = joinWords(catWords, h).replace(/^[^\w\u4e00-\u9fff]+|[^\w\u4e00-\u9fff%)）]+$/g, "");
    if (!category) continue;
    const catConf = Math.min(...catWords.map((w) => w.confidence));
    const estimate = scale ? scale.at(b.y0) : null;
    let value = label ? parseNumber(label.text) : null;
    if (label && value !== null && estimate !== null && Math.abs(value - estimate) > LABEL_TOLERANCE * span) {
      const repaired = decimals > 0 && !label.text.includes(".") ? value / 10 ** decimals : null;
      if (repaired !== null && Math.abs(repaired - estimate) <= LABEL_TOLERANCE * span) {
        notes.push({
          code: "chart/label-repaired",
          severity: "info",
          message: `value label "${label.text}" read as ${repaired}: the decimal point was lost in recognition (the bar height gives about ${round2(estimate)})`,
          category,
        });
        value = repaired;
      } else {
        notes.push({
          code: "chart/label-disagrees",
          severity: "warning",
          message: `value label "${label.text}" does not match the bar height (about ${round2(estimate)} on the axis); the label is kept, check it against the image`,
          category,
        });
      }
    }
    if (label && value !== null) {
      points.push({
        category,
        value,
        raw: label.text,
        confidence: round2(Math.min(catConf, label.confidence)),
        estimated: false,
        check: null,
        source: "label",
      });
    } else if (estimate !== null) {
      const v = Number(estimate.toFixed(Math.max(decimals, 1)));
      notes.push({
        code: "chart/value-estimated",
        severity: "info",
        message: `no value label was read above the bar; ${v} is estimated from the bar height against the axis ticks`,
        category,
      });
      points.push({
        category,
        value: v,
        raw: null,
        confidence: round2(Math.min(catConf, tickConfidence)),
        estimated: true,
        check: null,
        source: "estimated",
      });
    } else {
      notes.push({
        code: "chart/value-missing",
        severity: "warning",
        message: `no value label was read above the bar and the axis has no readable ticks; the bar is left out`,
        category,
      });
    }
  }
  return {
    title,
    series: series || null,
    unit,
    points,
    notes,
    ticks: ticks.map((w) => ({ y: (w.y0 + w.y1) / 2, v: parseNumber(w.text)! })),
    scaled: scale !== null,
  };
}

/** Least-squares line through the tick labels (y pixel → value); null unless it is a real axis (values grow
 * upwards, at least two ticks, and the ticks lie on the line). */
export function fitAxis(ticks: { y: number; v: number }[]): { at(y: number): number } | null {
  if (ticks.length < 2) return null;
  const n = ticks.length;
  const my = ticks.reduce((s, t) => s + t.y, 0) / n;
  const mv = ticks.reduce((s, t) => s + t.v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (const t of ticks) {
    sxy += (t.y - my) * (t.v - mv);
    sxx += (t.y - my) ** 2;
  }
  if (sxx === 0) return null;
  const b = sxy / sxx;
  if (b >= 0) return null;
  const a = mv - b * my;
  const range = Math.max(...ticks.map((t) => t.v)) - Math.min(...ticks.map((t) => t.v));
  if (ticks.some((t) => Math.abs(a + b * t.y - t.v) > 0.05 * range)) return null;
  return { at: (y: number) => a + b * y };
}

function mode(xs: number[]): number {
  const counts = new Map<number, number>();
  for (const x of xs) counts.set(x, (counts.get(x) ?? 0) + 1);
  let best = 0;
  let n = 0;
  for (const [x, c] of [...counts].sort((a, b) => a[0] - b[0]))
    if (c > n) {
      best = x;
      n = c;
    }
  return best;
}

const normCategory = (s: string) =>
  s
    .replace(/\s+/g, "")
    .replace(/财年|年/g, "")
    .toUpperCase();

/** Mark points whose value the paragraph before the chart's caption also states (same category, number with the
 * chart's unit): confirmed when equal at the text's precision (110 ≈ 106.9 rounded to tens), else contradicted. */
export function crossCheck(chart: Chart, caption: CaptionAt | null, ctx: ChartContext): void {
  if (!caption || !chart.unit) return;
  const start = Math.max(
    -1,
    ...ctx.captions.filter((c) => c.index < caption.index).map((c) => c.index),
    ...ctx.boundaries.filter((b) => b < caption.index),
  );
  const text = ctx.lines
    .filter((l) => l.index > start && l.index < caption.index)
    .map((l) => l.text)
    .join("");
  const unit = chart.unit.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  for (const sentence of text.split(/[。；;！？!?]/)) {
    const norm = normCategory(sentence);
    const mentioned = chart.points.filter((p) => norm.includes(normCategory(p.category)));
    if (mentioned.length !== 1) continue;
    const p = mentioned[0]!;
    const at = sentence.replace(/\s+/g, "").indexOf(p.category.replace(/\s+/g, ""));
    if (at < 0) continue;
    const m = new RegExp(`(\\d+(?:\\.\\d+)?)\\s*${unit}`).exec(
      sentence.replace(/\s+/g, "").slice(at + p.category.replace(/\s+/g, "").length),
    );
    if (!m) continue;
    const stated = Number(m[1]);
    const decimals = decimalsOf(m[1]!);
    const zeros = decimals === 0 ? (/(0+)$/.exec(m[1]!)?.[1]?.length ?? 0) : 0;
    const tolerance = decimals > 0 ? 0.5 * 10 ** -decimals : 0.5 * 10 ** zeros;
    p.check = Math.abs(stated - p.value) <= tolerance + 1e-9 ? "confirmed" : "contradicted";
  }
}
