// A second look at the doubtful runs of a recognised page. The whole-page pass misreads small print most where it
// is unsure: a lost decimal point ("71.73" as "7173"), "1" read as "l", two words run together ("64.1 3-shot").
// Each run of Latin print (a cell's line: runGroups) holding a word below REREAD_BELOW is cropped from the prepared page,
// enlarged, binarised and recognised again — the crops stacked on a sheet, one line each with paper between, the
// engine's easiest case — and its words replace the first pass's when the second reading is no less sure.
import type { OcrResult, OcrWord } from "../../schemas/index.ts";
import type { OcrService } from "./pool.ts";
import { binarize, cropGray, encodePgm, pixelHash, scaleGray, type Gray } from "./preprocess.ts";
import type { Rect } from "../geometry.ts";
import { meanConfidence } from "./engine.ts";
import { isCjk } from "../stages/layout/pdf-join.ts";
import { runGroups } from "./scan.ts";

/** Runs with a word the engine is less sure of than this are read again. */
export const REREAD_BELOW = 0.93;
/** Enlargement of the crop, and paper between and around the crops stacked on one sheet (sheet pixels). */
const ZOOM = 3;
const PAD = 24;
/** Crops stacked on one sheet: the sheets of a page are read in parallel by the pool's workers. Measured on the
 * scanned excerpt (cold, 2 workers): 40 a sheet 791 MB peak, 12 a sheet 662 MB, 6 650 MB, at the same time;
 * the engine's memory grows with the largest image it is given. */
const PER_STACK = 12;
/** Margin around the run's words, as a share of its type size: room for accents, descenders, a lost dot. */
const MARGIN = 0.25;

const SHEET_ID = `sheet;zoom=${ZOOM};pad=${PAD};per=${PER_STACK};bin`;
export const REREAD_ID = `reread;below=${REREAD_BELOW};margin=${MARGIN};${SHEET_ID}`;

export async function rereadDoubtful(
  pool: Pick<OcrService, "recognize">,
  image: Gray,
  first: OcrResult,
): Promise<OcrResult> {
  const groups = runGroups(first.words);
  // Latin and figures only: Chinese print is read well at scan resolutions, and a line crop of it loses the
  // full-width punctuation's spacing (a "：《" read as "{").
  const doubtful = groups.filter(
    (g) => g.words.some((w) => w.confidence < REREAD_BELOW) && !g.words.some((w) => Array.from(w.text).some(isCjk)),
  );
  if (doubtful.length === 0) return first;
  const boxes = doubtful.map((g) => {
    const m = MARGIN * g.em;
    return {
      x0: Math.min(...g.words.map((w) => w.x0)) - m,
      y0: Math.min(...g.words.map((w) => w.y0)) - m,
      x1: Math.max(...g.words.map((w) => w.x1)) + m,
      y1: Math.max(...g.words.map((w) => w.y1)) + m,
    };
  });
  const read = await readCrops(pool, image, boxes, "run");
  const replaced = new Map<OcrWord, OcrWord[]>();
  doubtful.forEach((g, k) => {
    const words = read[k]!;
    if (words.length === 0 || mean(words) < mean(g.words)) return;
    const line = g.words[0]!.line;
    replaced.set(
      g.words[0]!,
      words.map((w) => ({ ...w, line })),
    );
    for (const w of g.words.slice(1)) replaced.set(w, []);
  });
  const words = first.words.flatMap((w) => replaced.get(w) ?? [w]);
  return { ...first, words, confidence: meanConfidence(words) };
}

/** Crops of an image (boxes in its pixels) read again: each enlarged ×ZOOM and binarised, the crops stacked on a
 * few sheets one under the other with paper between, each sheet recognised in one engine call (one call per crop
 * costs more in overhead than in reading). The words found on each crop's strip, in the image's pixels, left to
 * right. `settings` names the use in the cache key. */
export async function readCrops(
  pool: Pick<OcrService, "recognize">,
  image: Gray,
  boxes: Rect[],
  settings: string,
): Promise<OcrWord[][]> {
  const crops = boxes.map((b) => {
    const x0 = Math.max(0, Math.floor(b.x0));
    const y0 = Math.max(0, Math.floor(b.y0));
    return { x0, y0, img: binarize(scaleGray(cropGray(image, x0, y0, b.x1, b.y1), ZOOM)) };
  });
  const out: OcrWord[][] = crops.map(() => []);
  const sheets = Array.from({ length: Math.ceil(crops.length / PER_STACK) }, (_, i) => i * PER_STACK);
  await Promise.all(
    sheets.map(async (first) => {
      const stack = crops.slice(first, first + PER_STACK);
      const width = Math.max(...stack.map((c) => c.img.width)) + 2 * PAD;
      const tops: number[] = [];
      let height = PAD;
      for (const c of stack) {
        tops.push(height);
        height += c.img.height + PAD;
      }
      const sheet = new Uint8Array(width * height).fill(255);
      stack.forEach((c, k) => {
        for (let y = 0; y < c.img.height; y++)
          sheet.set(c.img.data.subarray(y * c.img.width, (y + 1) * c.img.width), (tops[k]! + y) * width + PAD);
      });
      const gray: Gray = { width, height, data: sheet };
      const { result } = await pool.recognize({
        pixels: pixelHash(gray),
        settings: `${settings};${SHEET_ID}`,
        psm: "block",
        prepare: () => ({ image: encodePgm(gray), width, height, aux: {} }),
      });
      const found = result.status === "ok" ? result.words.filter((w) => w.text.trim() !== "") : [];
      stack.forEach((c, k) => {
        const top = tops[k]!;
        // Sheet pixels back to the image's: off the crop's place on the sheet, shrunk by the zoom, onto its origin.
        const bx = (v: number) => Math.round(c.x0 + (v - PAD) / ZOOM);
        const by = (v: number) => Math.round(c.y0 + (v - top) / ZOOM);
        out[first + k] = found
          .filter((w) => {
            const cy = (w.y0 + w.y1) / 2;
            return cy >= top && cy < top + c.img.height;
          })
          .sort((a, b) => a.x0 - b.x0)
          .map((w) => ({ ...w, x0: bx(w.x0), x1: bx(w.x1), y0: by(w.y0), y1: by(w.y1) }));
      });
    }),
  );
  return out;
}

const mean = (ws: OcrWord[]) => ws.reduce((s, w) => s + w.confidence, 0) / ws.length;
