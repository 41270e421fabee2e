// The OCR edge, between reading a PDF's pages and laying them out:
// - pages without a usable text layer (scans, garbled fonts) are recognised and get their words back as runs and
//   their rules as rectangles, so the PDF layout and table code runs on them unchanged;
// - the raster images of the other pages are recognised (charts, pictures) and their bars measured; the pure
//   charts stage turns that into chart data later.
// All of it goes through one pool (workers, time limit, cache). Nothing here throws for a bad image: failures and
// timeouts come back as problems.
import { z } from "zod";
import {
  OcrData,
  PdfImage,
  PdfRect,
  PdfRun,
  Problem,
  type BarShape,
  type ImageOcr,
  type OcrResult,
  type OcrWord,
  type PageOcr,
  type PdfPage,
} from "../../schemas/index.ts";
import { type Found, found, type Staged } from "../problems.ts";
import { sha256 } from "../hash.ts";
import { OcrCache } from "./cache.ts";
import { round2, roundBox, upperMedian, type Rect } from "../geometry.ts";
import { barSlots, findBars } from "./bars.ts";
import { meanConfidence } from "./engine.ts";
import { readRasters, type Raster, type RasterRequest } from "./images.ts";
import type { OcrService } from "./pool.ts";
import {
  encodePgm,
  FIGURE_PREP,
  whitenBands,
  PAGE_PREP,
  pixelHash,
  prepare,
  prepId,
  type Gray,
  type Preparation,
} from "./preprocess.ts";
import { readCrops, REREAD_BELOW, REREAD_ID, rereadDoubtful } from "./reread.ts";
import { clipAtRules, findDashes, findRules, shadedBands, verticalRules } from "./marks.ts";
import { pageInk } from "./ink.ts";
import { OUTLINE_ID, readOutlines } from "./outline.ts";
import { ocrReason, toPoints, wordsToRuns } from "./scan.ts";
import { type Skipped, skippedProblems } from "./skipped.ts";
import { skipReason } from "./classify.ts";

export interface RecogniseOptions {
  pool: OcrService;
  password?: string;
  /** Resolution for rendering a page that is not one scanned image (default 300 dpi). */
  renderDpi?: number;
  /** Preparation of figures and of scanned pages (defaults FIGURE_PREP, PAGE_PREP; for measurements). */
  figurePrep?: Preparation;
  pagePrep?: Preparation;
}

export interface Recognised {
  /** the pages, recognised ones with OCR runs and rules in place of their (missing or garbled) text */
  pages: PdfPage[];
  ocr: OcrData;
}

/** A whole document's OCR outcome, cached by the PDF's hash so that a re-run does not even decode its images
 * (the cache key holds a hash of the code that derives it: see cache.ts). */
const DocEntry = z.object({
  replaced: z.array(
    z.object({ page: z.int(), runs: z.array(PdfRun), rects: z.array(PdfRect), images: z.array(PdfImage) }),
  ),
  ocr: OcrData,
  problems: z.array(Problem.omit({ stage: true, source: true })),
});

export async function recognisePdf(
  bytes: Uint8Array,
  pages: PdfPage[],
  file: string,
  options: RecogniseOptions,
): Promise<Staged<Recognised>> {
  const { pool } = options;
  const figurePrep = options.figurePrep ?? FIGURE_PREP;
  const pagePrep = options.pagePrep ?? PAGE_PREP;
  const docKey = OcrCache.key({
    engine: await pool.engineId(),
    settings: `document;${REREAD_ID};${OUTLINE_ID};figure:${prepId(figurePrep)};page:${prepId(pagePrep)};dpi=${options.renderDpi ?? 300};file=${file}`,
    pixels: sha256(bytes),
  });
  const cached = await pool.cache?.getJson(docKey, DocEntry);
  if (cached) {
    const replaced = new Map(cached.replaced.map((r) => [r.page, r]));
    const value = {
      pages: pages.map((p) => {
        const r = replaced.get(p.page);
        return r ? { ...p, runs: r.runs, rects: r.rects, images: r.images } : p;
      }),
      ocr: cached.ocr,
    };
    return { value, problems: cached.problems };
  }
  const done = await recogniseAll(bytes, pages, options, figurePrep, pagePrep);
  const failed =
    done.value.ocr.images.some((i) => i.ocr.status !== "ok") || done.value.ocr.pages.some((p) => p.status !== "ok");
  if (!failed) {
    const changed = done.value.pages
      .filter((p, i) => p !== pages[i])
      .map((p) => ({ page: p.page, runs: p.runs, rects: p.rects, images: p.images }));
    await pool.cache?.putJson(docKey, { replaced: changed, ocr: done.value.ocr, problems: done.problems });
  }
  return done;
}

async function recogniseAll(
  bytes: Uint8Array,
  pages: PdfPage[],
  options: RecogniseOptions,
  figurePrep: Preparation,
  pagePrep: Preparation,
): Promise<Staged<Recognised>> {
  const { pool } = options;
  const problems: Found[] = [];
  const reasons = new Map(pages.map((p) => [p.page, ocrReason(p)]));
  const requests: RasterRequest[] = pages
    .filter((p) => reasons.get(p.page) || p.images.length > 0)
    .map((p) => ({
      page: p.page,
      images: !reasons.get(p.page),
      wholePage: reasons.get(p.page) ? { dpi: options.renderDpi ?? 300 } : null,
    }));
  const images: Promise<ImageOcr>[] = [];
  const scanned: Promise<ScannedPage>[] = [];
  const skipped: Skipped[] = [];
  const sizes = new Map(pages.map((p) => [p.page, p]));
  // Each raster goes to the pool as soon as it is read, unless it holds no data (classify.ts); the results are
  // awaited once the whole PDF is read.
  const ahead = readAhead();
  const onRaster = (r: Raster, kind: "image" | "page") => {
    if (kind === "page") {
      const page = recogniseScan(pool, r, pagePrep, reasons.get(r.page)!, problems);
      scanned.push(page);
      return ahead(page);
    }
    const page = sizes.get(r.page);
    const reason = skipReason(r.gray, { box: r.box, pageWidth: page?.width ?? 0, pageHeight: page?.height ?? 0 });
    if (reason) {
      skipped.push({ reason, page: r.page, index: r.index, box: r.box, pixels: pixelHash(r.gray) });
      return;
    }
    const image = recogniseFigure(pool, r, figurePrep);
    images.push(image);
    return ahead(image);
  };
  await readRasters(bytes, pages, requests, options.password, onRaster);
  const imageResults = (await Promise.all(images)).sort((a, b) => a.page - b.page || a.index - b.index);
  const pageResults = (await Promise.all(scanned)).sort((a, b) => a.page.page - b.page.page);
  for (const im of imageResults) {
    if (im.ocr.status !== "ok")
      problems.push(
        failure(im.page, `image ${im.index} of page ${im.page}`, im.ocr.status, im.ocr.message ?? "", "warning"),
      );
  }
  problems.push(...skippedProblems(skipped));
  const out = withScans(pages, pageResults, problems);
  // Category labels a vector chart draws as glyph outlines: read on pages that keep their text layer.
  const outlines = (
    await Promise.all(pages.filter((p) => !reasons.get(p.page) && p.paths?.length).map((p) => readOutlines(pool, p)))
  ).flat();
  const ocr: OcrData = { engine: await pool.engineId(), images: imageResults, pages: pageResults.map((p) => p.page) };
  return { value: { pages: out, ocr: outlines.length ? { ...ocr, outlines } : ocr }, problems };
}

/** Rasters read ahead of their recognition. Each one holds its pixels (a scanned page at 200–300 dpi: 4–9 MB, more
 * once prepared) until it is recognised; reading the next page waits while this many are pending, so memory is
 * bounded by a few pages, not the report, and the pool's workers still always have the next one queued. */
const READ_AHEAD = 3;

function readAhead(): (recognition: Promise<unknown>) => Promise<void> | undefined {
  const pending = new Set<Promise<void>>();
  return (recognition) => {
    const settled: Promise<void> = recognition.then(
      () => void pending.delete(settled),
      () => void pending.delete(settled),
    );
    pending.add(settled);
    return pending.size >= READ_AHEAD ? Promise.race(pending) : undefined;
  };
}

/** A raster image of a page (chart, picture) recognised, and its bars measured; a column chart's labels are read
 * again one by one (rereadChartLabels). */
function recogniseFigure(pool: OcrService, r: Raster, figurePrep: Preparation): Promise<ImageOcr> {
  const pxPerPt = r.gray.width / Math.max(1e-6, r.box.x1 - r.box.x0);
  const pixels = pixelHash(r.gray);
  const { bars, baseline } = findBars(r.gray);
  const { width, height } = r.gray;
  const gray = r.gray;
  return pool
    .recognize({
      pixels,
      settings: `figure;${prepId(figurePrep)}`,
      psm: "sparse",
      prepare: () => {
        const p = prepare(gray, pxPerPt, figurePrep);
        return { image: encodePgm(p.image), width: p.image.width, height: p.image.height, aux: { scale: p.scale } };
      },
    })
    .then(async ({ result, aux }) => {
      const scale = Number(aux.scale) || 1;
      const ocr =
        bars.length >= 2 && baseline !== null && result.status === "ok"
          ? await rereadChartLabels(pool, gray, result, scale, bars, baseline)
          : result;
      return {
        page: r.page,
        index: r.index,
        box: { page: r.page, ...roundBox(r.box) },
        width,
        height,
        scale,
        sha256: pixels,
        ocr,
        bars,
        baseline,
      };
    });
}

/** A recognised page: its OCR record, and the runs and rules (PDF points) that stand in for its text layer. */
interface ScannedPage {
  page: PageOcr;
  runs: PdfPage["runs"];
  rects: PdfRect[];
  scanImage: boolean;
  confidences: number[];
}

/** A whole page recognised (a scan, or a page rendered for its garbled text layer): its rules, shaded bands and
 * dash marks found on the prepared image (rules on a scan only), the doubtful runs read again, the words made
 * runs. A failure is added to `problems` as soon as the page's recognition ends. */
function recogniseScan(
  pool: OcrService,
  r: Raster,
  pagePrep: Preparation,
  reason: PageOcr["reason"],
  problems: Found[],
): Promise<ScannedPage> {
  const pxPerPt = r.gray.width / Math.max(1e-6, r.box.x1 - r.box.x0);
  const pixels = pixelHash(r.gray);
  const gray = r.gray;
  const scanImage = r.index > 0;
  return pool
    .recognize({
      pixels,
      settings: `page;${prepId(pagePrep)};rules=${scanImage}`,
      psm: "sparse",
      prepare: () => {
        const p = prepare(gray, pxPerPt, pagePrep);
        const map = { box: r.box, width: p.image.width, height: p.image.height };
        const rects = scanImage ? findRules(p.image, map) : [];
        const forEngine = pagePrep.whiten ? whitenBands(p.image, shadedBands(rects, map)) : p.image;
        return {
          image: encodePgm(forEngine),
          width: p.image.width,
          height: p.image.height,
          aux: { scale: p.scale, skew: p.skew, rects, dashes: findDashes(p.image, pxPerPt * p.scale) },
        };
      },
    })
    .then(async ({ result: firstPass, aux }) => {
      // The prepared page, made again here (the first pass may come from the cache): the doubtful runs are read
      // again from it, and the words fitted to its ink.
      const image = firstPass.status === "ok" ? prepare(gray, pxPerPt, pagePrep).image : null;
      const result =
        image && firstPass.words.some((w) => w.confidence < REREAD_BELOW)
          ? await rereadDoubtful(pool, image, firstPass)
          : firstPass;
      const map = { box: r.box, width: result.width, height: result.height };
      const rects = (aux.rects as PdfRect[] | undefined) ?? [];
      const clipped = clipAtRules(result.words, rects, map);
      const found = [...clipped, ...loneDashes(clipped, (aux.dashes as Rect[] | undefined) ?? [])];
      const made = wordsToRuns(found, map, rects, image ? pageInk(image, verticalRules(rects, map)) : undefined);
      const words = found.map((w) => {
        const [x0, y0] = toPoints(map, w.x0, w.y0);
        const [x1, y1] = toPoints(map, w.x1, w.y1);
        return { text: w.text, box: { page: r.page, ...roundBox({ x0, y0, x1, y1 }) }, confidence: w.confidence };
      });
      const page: PageOcr = {
        page: r.page,
        reason,
        dpi: round2(pxPerPt * 72 * (Number(aux.scale) || 1)),
        skew: Number(aux.skew) || 0,
        status: result.status,
        confidence: result.confidence,
        words,
      };
      if (result.status !== "ok")
        problems.push(failure(r.page, `page ${r.page}`, result.status, result.message ?? "", "error"));
      return {
        page,
        runs: made.map((m) => m.run),
        rects: (aux.rects as PdfRect[] | undefined) ?? [],
        scanImage,
        confidences: made.map((m) => m.confidence),
      };
    });
}

/** The pages with each recognised one's runs and rules in place of its text layer, and said so in `problems`. */
function withScans(pages: PdfPage[], pageResults: ScannedPage[], problems: Found[]): PdfPage[] {
  const byPage = new Map(pageResults.map((p) => [p.page.page, p]));
  return pages.map((p): PdfPage => {
    const rec = byPage.get(p.page);
    if (!rec || rec.page.status !== "ok") return p;
    const how = `${rec.page.reason === "no-text-layer" ? "no text layer" : "garbled text layer"}) was recognised by OCR at ${rec.page.dpi} dpi${rec.page.skew ? `, straightened by ${rec.page.skew}°` : ""}`;
    const message = `page ${p.page} (${how}: ${rec.page.words.length} words, mean confidence ${rec.page.confidence}; check its values against the page`;
    problems.push(found("ocr/page-recognised", "info", message, { page: p.page, where: `page ${p.page}` }));
    // The scan itself is no picture on the page any more; vector rules of a garbled page stay as they are.
    const pageArea = p.width * p.height;
    const kept = p.images.filter((im) => (im.x1 - im.x0) * (im.y1 - im.y0) < 0.5 * pageArea);
    return { ...p, runs: rec.runs, rects: rec.scanImage ? [...p.rects, ...rec.rects] : p.rects, images: kept };
  });
}

/** Labels of a column chart read again one by one: the band above each bar (its value label) and under the
 * baseline in its slot (its category), each cropped, enlarged and binarised (readCrops). Short labels amid bars
 * are what a whole-image pass misreads most (a lost decimal point, Q read as 0); a line alone is the engine's
 * easiest case. The crops' words replace the first pass's words in their bands. */
async function rereadChartLabels(
  pool: OcrService,
  gray: Gray,
  first: OcrResult,
  scale: number,
  bars: BarShape[],
  baseline: number,
): Promise<OcrResult> {
  const th = Math.max(8, upperMedian(first.words.map((w) => (w.y1 - w.y0) / scale)) ?? gray.height * 0.04);
  const { bars: sorted, centers, pitch } = barSlots(bars);
  const bands = sorted
    .flatMap((b, i) => [
      { x0: centers[i]! - pitch / 2, x1: centers[i]! + pitch / 2, y0: b.y0 - 2.2 * th, y1: b.y0 - 1 },
      { x0: centers[i]! - pitch / 2, x1: centers[i]! + pitch / 2, y0: baseline + 2, y1: baseline + 2.4 * th },
    ])
    .filter((b) => b.y1 - b.y0 >= 4);
  // Crop pixels were mapped back to the image's; the first pass's words are in its prepared (scaled) pixels.
  const read = (await readCrops(pool, gray, bands, "chart-label")).map((words, k) => ({
    band: bands[k]!,
    words: words.map((w) => ({
      ...w,
      x0: Math.round(w.x0 * scale),
      x1: Math.round(w.x1 * scale),
      y0: Math.round(w.y0 * scale),
      y1: Math.round(w.y1 * scale),
    })),
  }));
  const inBand = (w: OcrWord, b: Rect) => {
    const cx = (w.x0 + w.x1) / 2 / scale;
    const cy = (w.y0 + w.y1) / 2 / scale;
    return cx >= b.x0 && cx <= b.x1 && cy >= b.y0 && cy <= b.y1;
  };
  const lineBase = Math.max(0, ...first.words.map((w) => w.line)) + 1;
  const words = [
    ...first.words.filter((w) => !read.some((r) => r.words.length > 0 && inBand(w, r.band))),
    ...read.flatMap((r, k) => r.words.map((w) => ({ ...w, line: lineBase + k }))),
  ];
  return { ...first, words, confidence: meanConfidence(words) };
}

/** A dash mark the engine dropped stands for a missing value: a word "—" where no recognised word covers it.
 * Its confidence is that of a shape test, not of a reading: enough to keep it, low enough to be checked. */
const DASH_CONFIDENCE = 0.7;
function loneDashes(words: OcrWord[], dashes: Rect[]): OcrWord[] {
  const line = Math.max(0, ...words.map((w) => w.line)) + 1;
  const covered = (d: Rect) =>
    words.some((w) => {
      const cx = (d.x0 + d.x1) / 2;
      const cy = (d.y0 + d.y1) / 2;
      return cx >= w.x0 - 2 && cx <= w.x1 + 2 && cy >= w.y0 - 2 && cy <= w.y1 + 2;
    });
  return dashes
    .filter((d) => !covered(d))
    .map((d, i) => ({
      text: "—",
      x0: Math.round(d.x0),
      y0: Math.round(d.y0),
      x1: Math.round(d.x1),
      y1: Math.round(d.y1),
      line: line + i,
      confidence: DASH_CONFIDENCE,
    }));
}

function failure(page: number, where: string, status: string, message: string, severity: Problem["severity"]): Found {
  const text = `${where} could not be recognised: ${message}; its text is missing from the output (a larger time limit or a cleaner image may help)`;
  return found(status === "timeout" ? "ocr/timeout" : "ocr/failed", severity, text, { page, where });
}
