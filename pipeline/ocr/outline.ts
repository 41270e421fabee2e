// Text drawn as glyph outlines (filled paths, not in the text layer) made an image the engine can read: the label's
// subpaths turned about their centre so that the label reads left to right, scaled, and filled by the even-odd rule
// (a glyph's counter — the hole of an O — stays paper). Curves come as their end points only (schemas PdfPath), so
// the shapes are coarse polygons; at a label's size that still reads. The filling is pure; readOutlines hands a
// chart's labels to the pool as one sheet.
import type { OutlineText, PdfPage } from "../../schemas/index.ts";
import { isLabel } from "../stages/charts-gate.ts";
import { type OutlinedLabel, outlinedCategoryLabels, outlineRun } from "../stages/charts-vector-outline.ts";
import type { OcrService } from "./pool.ts";
import { encodePgm, pixelHash, type Gray } from "./preprocess.ts";

/** Pixels per point of the image: outlines of 7-pt labels become ~40-px tall glyphs, the engine's comfortable size. */
export const OUTLINE_PX_PER_PT = 6;
/** Paper around the label, as a share of its height. */
const MARGIN = 0.4;

/** The glyph subpaths ([x,y,…] in page points, y down) of a label whose text runs `angle` degrees counter-clockwise
 * (45: rising to the right, as PdfRun.angle), turned back level and filled black on white. */
export function rasterOutline(subpaths: number[][], angle: number, pxPerPt = OUTLINE_PX_PER_PT): Gray {
  const t = (-angle * Math.PI) / 180;
  const cos = Math.cos(t);
  const sin = Math.sin(t);
  // y grows downwards: turning the page picture counter-clockwise by t maps (x, y) to (x·cos − y·sin, x·sin + y·cos)
  // in the y-up frame, i.e. (x·cos + y·sin, −x·sin + y·cos) here.
  const polys = subpaths
    .filter((s) => s.length >= 6)
    .map((s) => {
      const pts: [number, number][] = [];
      for (let k = 0; k + 1 < s.length; k += 2)
        pts.push([s[k]! * cos + s[k + 1]! * sin, -s[k]! * sin + s[k + 1]! * cos]);
      return pts;
    });
  const all = polys.flat();
  if (all.length === 0) return { width: 1, height: 1, data: new Uint8Array([255]) };
  const minX = Math.min(...all.map((p) => p[0]));
  const maxX = Math.max(...all.map((p) => p[0]));
  const minY = Math.min(...all.map((p) => p[1]));
  const maxY = Math.max(...all.map((p) => p[1]));
  const pad = MARGIN * (maxY - minY);
  const width = Math.max(1, Math.ceil((maxX - minX + 2 * pad) * pxPerPt));
  const height = Math.max(1, Math.ceil((maxY - minY + 2 * pad) * pxPerPt));
  const px = (p: [number, number]): [number, number] => [(p[0] - minX + pad) * pxPerPt, (p[1] - minY + pad) * pxPerPt];
  const edges = polys.flatMap((poly) => poly.map((p, i) => [px(p), px(poly[(i + 1) % poly.length]!)] as const));
  const data = new Uint8Array(width * height).fill(255);
  for (let y = 0; y < height; y++) {
    const cy = y + 0.5;
    const xs: number[] = [];
    for (const [a, b] of edges) {
      if (a[1] <= cy === b[1] <= cy) continue;
      xs.push(a[0] + ((cy - a[1]) / (b[1] - a[1])) * (b[0] - a[0]));
    }
    xs.sort((p, q) => p - q);
    for (let k = 0; k + 1 < xs.length; k += 2) {
      const from = Math.max(0, Math.ceil(xs[k]! - 0.5));
      const to = Math.min(width - 1, Math.floor(xs[k + 1]! - 0.5));
      for (let x = from; x <= to; x++) data[y * width + x] = 0;
    }
  }
  return { width, height, data };
}

/** Paper between labels stacked on the sheet, pixels. */
const PAD = 24;
/** A label read less surely than this is not taken; nor is any label of its chart (a chart is read whole or not). */
export const OUTLINE_MIN_CONFIDENCE = 0.75;
export const OUTLINE_ID = `outline;px=${OUTLINE_PX_PER_PT};pad=${PAD};min=${OUTLINE_MIN_CONFIDENCE}`;

/** The outlined category labels of a page's charts read, chart by chart (readChartOutlines). */
export async function readOutlines(pool: Pick<OcrService, "recognize">, page: PdfPage): Promise<OutlineText[]> {
  const charts = outlinedCategoryLabels(page).filter((labels) => labels.length >= 2);
  return (await Promise.all(charts.map((labels) => readChartOutlines(pool, page.page, labels)))).flat();
}

/** The outlined category labels of one chart read: each label turned level, the labels stacked one a line on a sheet
 * with paper between (the engine's easiest case), the sheet recognised in one call. A label comes back as the run
 * outlineRun places, with its least sure word's confidence; nothing when any label is unsure, not a label (OCR
 * noise) or the same as another (its chart then stays a picture). */
async function readChartOutlines(
  pool: Pick<OcrService, "recognize">,
  page: number,
  labels: OutlinedLabel[],
): Promise<OutlineText[]> {
  const images = labels.map((l) => rasterOutline(l.subpaths, l.angle));
  const width = Math.max(...images.map((i) => i.width)) + 2 * PAD;
  const tops: number[] = [];
  let height = PAD;
  for (const im of images) {
    tops.push(height);
    height += im.height + PAD;
  }
  const sheet = new Uint8Array(width * height).fill(255);
  images.forEach((im, k) => {
    for (let y = 0; y < im.height; y++)
      sheet.set(im.data.subarray(y * im.width, (y + 1) * im.width), (tops[k]! + y) * width + PAD);
  });
  const gray: Gray = { width, height, data: sheet };
  const { result } = await pool.recognize({
    pixels: pixelHash(gray),
    settings: OUTLINE_ID,
    psm: "block",
    prepare: () => ({ image: encodePgm(gray), width, height, aux: {} }),
  });
  if (result.status !== "ok") return [];
  const read = images.map((im, k) => {
    const words = result.words
      .filter((w) => w.text.trim() && (w.y0 + w.y1) / 2 >= tops[k]! && (w.y0 + w.y1) / 2 < tops[k]! + im.height)
      .sort((a, b) => a.x0 - b.x0);
    const confidence = words.length ? Math.min(...words.map((w) => w.confidence)) : 0;
    return { text: words.map((w) => w.text.trim()).join(" "), confidence };
  });
  const texts = new Set(read.map((r) => r.text));
  const doubtful = (r: { text: string; confidence: number }) =>
    !isLabel(r.text) || r.confidence < OUTLINE_MIN_CONFIDENCE;
  if (texts.size < read.length || read.some(doubtful)) return [];
  return labels.map((l, k) => ({
    page,
    run: outlineRun(l, read[k]!.text),
    confidence: Math.round(read[k]!.confidence * 100) / 100,
  }));
}
