// From positioned runs to text lines: runs on one baseline are joined (spaces where the gap says so, none
// between CJK characters) and split where a wide gap separates two things side by side (two captions,
// a label and its value in a sidebar). Running headers and footers are found by repetition across pages.
import type { PdfPage, PdfRun } from "../../../schemas/index.ts";
import { joinRuns } from "./pdf-join.ts";

export { joinRuns };

export interface PdfLine {
  page: number;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  size: number;
  text: string;
  runIds: number[];
  /** every run of the line is bold */
  bold: boolean;
}

/** Gap above which two runs on one baseline are separate things (side-by-side captions, columns). */
const SPLIT_GAP = 2.2;
/** Share of the page height at the top and bottom where running headers and footers live. */
const MARGIN_SHARE = 0.1;

/** Narrowest empty vertical band, in points, that separates two columns of text. */
const MIN_GUTTER = 6;
/** Lines that must border a gutter on each side before it counts. */
const MIN_GUTTER_LINES = 5;

/** Where the page splits into columns: a tall vertical rule (a sidebar's border) or else an empty vertical band
 * in the middle of the page that text lines border on both sides. Text never joins across it. */
export function columnSplit(page: PdfPage, skip: Set<number> = new Set()): number | null {
  const rule = page.rects.find(
    (r) => r.x1 - r.x0 <= 2 && r.y1 - r.y0 >= page.height * 0.3 && r.x0 > page.width * 0.15 && r.x1 < page.width * 0.85,
  );
  if (rule) return (rule.x0 + rule.x1) / 2;
  const runs = page.runs.filter((_, i) => !skip.has(i));
  const lo = Math.floor(page.width * 0.2);
  const hi = Math.ceil(page.width * 0.8);
  const { lines, cover } = lineCover(runs, lo, hi);
  const tolerance = Math.max(1, Math.floor(lines * 0.03));
  let best: [number, number] | null = null;
  for (let x = lo, start = -1; x <= hi + 1; x++) {
    const empty = x <= hi && cover[x - lo]! <= tolerance;
    if (empty && start < 0) start = x;
    if (!empty && start >= 0) {
      if (!best || x - start > best[1] - best[0]) best = [start, x];
      start = -1;
    }
  }
  if (!best || best[1] - best[0] < MIN_GUTTER) return null;
  const [g0, g1] = best;
  const near = 3 * Math.max(...runs.map((r) => r.size), 1);
  const leftLines = new Set(runs.filter((r) => r.x1 <= g0 + 1 && r.x1 >= g0 - near).map((r) => Math.round(r.y1)));
  const rightLines = new Set(runs.filter((r) => r.x0 >= g1 - 1 && r.x0 <= g1 + near).map((r) => Math.round(r.y1)));
  return leftLines.size >= MIN_GUTTER_LINES && rightLines.size >= MIN_GUTTER_LINES ? (g0 + g1) / 2 : null;
}

/** How many text lines (runs by rounded bottom) there are, and how many of them cover each whole point x from lo
 * to hi (cover[x - lo]). Typed arrays and a per-line stamp: a Set per point cost most of the layout stage. */
function lineCover(runs: PdfRun[], lo: number, hi: number): { lines: number; cover: Int32Array } {
  const byLine = new Map<number, PdfRun[]>();
  for (const r of runs) {
    const key = Math.round(r.y1);
    const line = byLine.get(key);
    if (line) line.push(r);
    else byLine.set(key, [r]);
  }
  const cover = new Int32Array(Math.max(0, hi - lo + 1));
  const stamp = new Int32Array(cover.length);
  let line = 0;
  for (const group of byLine.values()) {
    line++;
    for (const r of group)
      for (let x = Math.max(lo, Math.floor(r.x0)); x <= Math.min(hi, Math.ceil(r.x1) - 1); x++) {
        if (stamp[x - lo] === line) continue;
        stamp[x - lo] = line;
        cover[x - lo]!++;
      }
  }
  return { lines: byLine.size, cover };
}

/** Lines of a page from its runs (those not in `skip`), top to bottom, each split at wide gaps and at the
 * column split. */
export function groupLines(
  page: PdfPage,
  skip: Set<number> = new Set(),
  split: number | null = columnSplit(page, skip),
): PdfLine[] {
  const across = (a: number, b: number) => split !== null && a < split && split < b;
  const ids = page.runs.map((_, i) => i).filter((i) => !skip.has(i));
  ids.sort((a, b) => centre(page.runs[a]!) - centre(page.runs[b]!) || page.runs[a]!.x0 - page.runs[b]!.x0);
  const rows: number[][] = [];
  for (const id of ids) {
    const run = page.runs[id]!;
    const row = rows.find((r) => sameBaseline(page.runs[r[0]!]!, run));
    if (row) row.push(id);
    else rows.push([id]);
  }
  const lines: PdfLine[] = [];
  for (const row of rows) {
    row.sort((a, b) => page.runs[a]!.x0 - page.runs[b]!.x0);
    let current: PdfLine | null = null;
    for (const id of row) {
      const run = page.runs[id]!;
      const gap = current ? (run.x0 - current.x1) / Math.max(run.size, current.size) : Infinity;
      if (!current || gap > SPLIT_GAP || across(current.x1, run.x0)) {
        current = {
          page: page.page,
          x0: run.x0,
          y0: run.y0,
          x1: run.x1,
          y1: run.y1,
          size: run.size,
          text: run.text.trim(),
          runIds: [id],
          bold: run.bold === true,
        };
        lines.push(current);
        continue;
      }
      current.text = joinRuns(current.text, run.text.trim(), gap);
      current.x1 = Math.max(current.x1, run.x1);
      current.y0 = Math.min(current.y0, run.y0);
      current.y1 = Math.max(current.y1, run.y1);
      current.size = Math.max(current.size, run.size);
      current.runIds.push(id);
      current.bold &&= run.bold === true;
    }
  }
  return lines.sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0);
}

const centre = (r: PdfRun) => (r.y0 + r.y1) / 2;
function sameBaseline(a: PdfRun, b: PdfRun): boolean {
  const overlap = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
  return overlap >= 0.5 * Math.min(a.y1 - a.y0, b.y1 - b.y0);
}

/** Runs of running headers, footers, page numbers and watermark lines: text (digits ignored) repeated in the
 * top or bottom margin of at least half of the pages (and at least three). */
export function marginRuns(pages: PdfPage[]): Map<number, Set<number>> {
  const perPage = pages.map((p) => ({ page: p, lines: groupLines(p).filter((l) => inMargin(l, p.height)) }));
  const counts = new Map<string, number>();
  for (const { page: p, lines } of perPage)
    for (const key of new Set(lines.map((l) => marginKey(l, p.height)))) counts.set(key, (counts.get(key) ?? 0) + 1);
  const needed = Math.max(3, Math.ceil(pages.length / 2));
  const out = new Map<number, Set<number>>();
  for (const { page, lines } of perPage) {
    const ids = new Set<number>();
    for (const l of lines) {
      const key = marginKey(l, page.height);
      if ((counts.get(key) ?? 0) >= needed || isPageNumber(l, lines, pages.length))
        for (const id of l.runIds) ids.add(id);
    }
    out.set(page.page, ids);
  }
  return out;
}

/** "12", "- 12 -", "12/33": a page number, alone on its baseline and no larger than the document could number
 * (a year such as 2020 in a table header in the margin is not one). */
function isPageNumber(l: PdfLine, marginLines: PdfLine[], pageCount: number): boolean {
  const m = /^[-—\s]*(\d{1,4})[-—\s]*(?:\/\s*\d{1,4})?$/.exec(l.text);
  if (!m || Number(m[1]) > pageCount + 10) return false;
  return !marginLines.some((o) => o !== l && Math.min(o.y1, l.y1) - Math.max(o.y0, l.y0) > 0);
}

const inMargin = (l: PdfLine, height: number) => l.y1 <= height * MARGIN_SHARE || l.y0 >= height * (1 - MARGIN_SHARE);
const marginKey = (l: PdfLine, height: number) =>
  `${l.y0 < height / 2 ? "top" : "bottom"}:${l.text.replace(/\d+/g, "#").replace(/\s+/g, "")}`;
