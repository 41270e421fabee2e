// Small constructed PDF pages for the table tests (PDF points, origin top-left, y down): text runs of a fixed type
// size, rules, and pages whose rects carry their paint colours as pdf.js gives them (both lists, in paint order).
import type { PdfPage, PdfPath, PdfRect, PdfRun, TableBlock } from "../../schemas/index.ts";
import type { PdfTable } from "../../pipeline/stages/tables/pdf-tables.ts";
import { isCjk } from "../../pipeline/stages/tables/pdf-text.ts";

/** Runs of one type size; `cjk`: CJK characters are a full em wide, others half (else every character half). */
export function textKit(size: number, cjk = false) {
  const width = (text: string) => Array.from(text).reduce((w, ch) => w + (cjk && isCjk(ch) ? size : 0.5 * size), 0);
  const run = (text: string, x0: number, top: number): PdfRun => ({
    text,
    x0,
    y0: top,
    x1: x0 + width(text),
    y1: top + size,
    size,
    font: "F1",
  });
  return {
    width,
    run,
    /** right-aligned at x */
    right: (text: string, x: number, top: number) => run(text, x - width(text), top),
    /** centred on x */
    centred: (text: string, x: number, top: number) => run(text, x - width(text) / 2, top),
  };
}

/** A horizontal rule half a point thick. */
export const hrule = (x0: number, x1: number, y: number): PdfRect => ({ x0, y0: y, x1, y1: y + 0.5, op: "fill" });
/** One rule cut at each of `xs` (a rule drawn cell by cell). */
export const splitRule = (xs: number[], y: number): PdfRect[] => xs.slice(1).map((x, i) => hrule(xs[i]!, x, y));
/** Rects painted in one colour. */
export const paint = (rs: PdfRect[], colour = "#000000"): [PdfRect, string][] => rs.map((r) => [r, colour]);

/** An A4 page whose rects carry their paint colours. */
export function paintedPage(runs: PdfRun[], painted: [PdfRect, string][]): PdfPage {
  const rects = painted.map(([r]) => r);
  const paths: PdfPath[] = painted.map(([r, fill]) => ({ ...r, fill, stroke: null, subpaths: [] }));
  return { page: 1, width: 595, height: 842, runs, rects, images: [], paths };
}

/** A filled rectangle as pdf.js reports a painted path (a chart's bar). */
export const filledRect = (x0: number, y0: number, x1: number, y1: number, fill = "#1f4e79"): PdfPath => ({
  x0,
  y0,
  x1,
  y1,
  op: "fill",
  fill,
  stroke: null,
  subpaths: [[x0, y0, x1, y0, x1, y1, x0, y1, x0, y0]],
});

/** A page of text runs and painted paths only (a vector chart's page). */
export const pathPage = (runs: PdfRun[], paths: PdfPath[], page = 1): PdfPage => ({
  page,
  width: 600,
  height: 800,
  runs,
  rects: [],
  images: [],
  paths,
});

/** A table found on a constructed page as the layout stage hands it to structure (page 1, no box). */
export const tableBlock = (t: PdfTable): TableBlock => ({
  kind: "table",
  format: "pdf",
  rows: t.rows,
  line: null,
  page: 1,
  box: null,
});

/** A run of text in a chart's small type, each character `charW` points wide. */
export const chartRun = (text: string, x0: number, y0: number, size = 8, charW = 6): PdfRun => ({
  text,
  x0,
  y0,
  x1: x0 + charW * text.length,
  y1: y0 + size,
  size,
  font: "f",
});
