// Horizontal bar charts in a raster image, read from its words: each bar is a row — its category on the left, its
// value label printed just past the bar's end. The bars themselves are not measured (the pixels are not here), but
// their geometry is checked through the labels: a label starts where its bar ends, so the labels' left edges must
// lie on one line against their values (x = axis + k·value, k > 0, spread over several text heights), the rows step
// evenly down the image, and the category labels line up on one edge beside the axis. A list or a table of names
// and numbers fails that test (its numbers stand in a column, whatever their value) and the image stays a picture.
// Pure.
import type { ChartPoint, OcrWord } from "../../schemas/index.ts";
import { round2, upperMedian } from "../geometry.ts";
import { joinWords, type OcrLine } from "../ocr/scan.ts";
import { parseNumber } from "./charts.ts";

/** At least this many rows make a chart. */
const MIN_ROWS = 3;
/** Rows step evenly within this share of their typical pitch. */
const PITCH_TOL = 0.25;
/** Category labels line up on one edge within this share of the text height. */
const ALIGN = 0.6;
/** The labels' left edges spread over at least this many text heights (bars of visibly different lengths) ... */
const MIN_SPREAD = 3;
/** ... and lie on the line of their values within this share of the text height (or of the spread). */
const FIT_H = 0.6;
const FIT_SPREAD = 0.03;

interface Row {
  category: string;
  catWords: OcrWord[];
  label: OcrWord;
  value: number;
  y: number;
}
export interface HBarReading {
  points: Omit<ChartPoint, "series" | "unit">[];
  unit: string | null;
}

/** The horizontal bar chart the words of an image print, or null when they do not make one. */
export function readHorizontalBars(lines: OcrLine[]): HBarReading | null {
  const h = upperMedian(lines.flatMap((l) => l.words.map((w) => w.y1 - w.y0))) ?? 10;
  const rows = lines.map((l) => rowOf(l, h));
  for (const run of runs(rows)) {
    const reading = check(run, h);
    if (reading) return reading;
  }
  return null;
}

/** A line that is a bar's row: words of a name, then one number after a gap (the bar), nothing after it. */
function rowOf(l: OcrLine, h: number): Row | null {
  const words = [...l.words].sort((a, b) => a.x0 - b.x0);
  const label = words[words.length - 1]!;
  const value = parseNumber(label.text);
  const catWords = words.slice(0, -1);
  if (value === null || !catWords.length || catWords.some((w) => parseNumber(w.text) !== null)) return null;
  if (label.x0 - catWords[catWords.length - 1]!.x1 < 0.5 * h) return null;
  const category = joinWords(catWords, h).trim();
  if (!/[\p{L}]/u.test(category)) return null;
  return { category, catWords, label, value, y: (l.y0 + l.y1) / 2 };
}

/** Maximal runs of consecutive rows (no other line between them) stepping evenly. */
function runs(rows: (Row | null)[]): Row[][] {
  const out: Row[][] = [];
  let cur: Row[] = [];
  const close = () => {
    if (cur.length >= MIN_ROWS) out.push(cur);
    cur = [];
  };
  for (const r of rows) {
    if (!r) {
      close();
      continue;
    }
    const pitch = cur.length >= 2 ? cur[1]!.y - cur[0]!.y : null;
    const gap = cur.length ? r.y - cur[cur.length - 1]!.y : 0;
    if (pitch !== null && Math.abs(gap - pitch) > PITCH_TOL * pitch) {
      const last = cur[cur.length - 1]!;
      close();
      cur = [last];
    }
    cur.push(r);
  }
  close();
  return out;
}

/** The rows as a chart when their labels stand where bars of their values end; else null. */
function check(rows: Row[], h: number): HBarReading | null {
  if (new Set(rows.map((r) => r.category)).size < rows.length) return null;
  if (new Set(rows.map((r) => r.label.text.endsWith("%"))).size > 1) return null;
  if (rows.some((r) => r.value < 0) || new Set(rows.map((r) => r.value)).size < 3) return null;
  const rights = rows.map((r) => r.catWords[r.catWords.length - 1]!.x1);
  const lefts = rows.map((r) => r.catWords[0]!.x0);
  const aligned = (xs: number[]) => Math.max(...xs) - Math.min(...xs) <= ALIGN * h;
  if (!aligned(rights) && !aligned(lefts)) return null;
  const line = lineThrough(rows.map((r) => ({ v: r.value, x: r.label.x0 })));
  if (!line || line.slope <= 0) return null;
  const spread = Math.max(...rows.map((r) => r.label.x0)) - Math.min(...rows.map((r) => r.label.x0));
  if (spread < MIN_SPREAD * h || line.worst > Math.max(FIT_H * h, FIT_SPREAD * spread)) return null;
  // the bars grow from an axis right of every category label
  if (line.intercept < Math.max(...rights)) return null;
  return {
    unit: rows[0]!.label.text.endsWith("%") ? "%" : null,
    points: rows.map((r) => ({
      category: r.category,
      value: r.value,
      raw: r.label.text,
      confidence: round2(Math.min(r.label.confidence, ...r.catWords.map((w) => w.confidence))),
      estimated: false,
      check: null,
      source: "label" as const,
    })),
  };
}

/** Least-squares x = intercept + slope·v, with the worst distance of a point from it. */
function lineThrough(ps: { v: number; x: number }[]): { slope: number; intercept: number; worst: number } | null {
  const n = ps.length;
  const mv = ps.reduce((s, p) => s + p.v, 0) / n;
  const mx = ps.reduce((s, p) => s + p.x, 0) / n;
  const svv = ps.reduce((s, p) => s + (p.v - mv) ** 2, 0);
  if (svv === 0) return null;
  const slope = ps.reduce((s, p) => s + (p.v - mv) * (p.x - mx), 0) / svv;
  const intercept = mx - slope * mv;
  return { slope, intercept, worst: Math.max(...ps.map((p) => Math.abs(intercept + slope * p.v - p.x))) };
}
