// A second look at the doubtful runs of a recognised page. The whole-page pass misreads small print most where it
// is unsure: a lost decimal point ("71.73" as "7173"), "1" read as "l", two words run together ("64.1 3-shot").
// Each run of Latin print (a cell's line: runGroups) holding a word below REREAD_BELOW is cropped from the prepared page,
// enlarged, binarised and recognised again as a single line — the engine's easiest case — and its words replace
// the first pass's when the second reading is no less sure of itself.
import type { OcrResult, OcrWord } from "../../../schemas/index.ts";
import type { OcrPool } from "./pool.ts";
import { binarize, cropGray, encodePgm, pixelHash, scaleGray, type Gray } from "./preprocess.ts";
import { runGroups } from "./scan.ts";

/** Runs with a word the engine is less sure of than this are read again. */
export const REREAD_BELOW = 0.93;
/** Enlargement of the crop, and paper added around it (pixels of the enlarged crop). */
const ZOOM = 3;
const PAD = 12;
/** Margin around the run's words, as a share of its type size: room for accents, descenders, a lost dot. */
const MARGIN = 0.25;

export const REREAD_ID = `reread-latin;below=${REREAD_BELOW};zoom=${ZOOM};pad=${PAD};margin=${MARGIN};bin`;

export async function rereadDoubtful(pool: Pick<OcrPool, "recognize">, image: Gray, first: OcrResult): Promise<OcrResult> {
  const groups = runGroups(first.words);
  // Latin and figures only: Chinese print is read well at scan resolutions, and a line crop of it loses the
  // full-width punctuation's spacing (a "：《" read as "{").
  const doubtful = groups.filter((g) => g.words.some((w) => w.confidence < REREAD_BELOW) && !g.words.some((w) => CJK.test(w.text)));
  if (doubtful.length === 0) return first;
  const replaced = new Map<OcrWord, OcrWord[]>();
  await Promise.all(doubtful.map(async (g) => {
    const m = MARGIN * g.em;
    const x0 = Math.min(...g.words.map((w) => w.x0)) - m;
    const x1 = Math.max(...g.words.map((w) => w.x1)) + m;
    const y0 = Math.min(...g.words.map((w) => w.y0)) - m;
    const y1 = Math.max(...g.words.map((w) => w.y1)) + m;
    const crop = cropGray(image, x0, y0, x1, y1);
    const { result } = await pool.recognize({
      pixels: pixelHash(crop), settings: REREAD_ID, psm: "line",
      prepare: () => {
        const img = binarize(cropGray(scaleGray(crop, ZOOM), 0, 0, crop.width * ZOOM, crop.height * ZOOM, PAD));
        return { image: encodePgm(img), width: img.width, height: img.height, aux: {} };
      },
    });
    const words = result.status === "ok" ? result.words.filter((w) => w.text.trim() !== "") : [];
    if (words.length === 0 || mean(words) < mean(g.words)) return;
    // Crop pixels (enlarged, padded) back to the page's pixels.
    const ax = Math.max(0, Math.floor(x0));
    const ay = Math.max(0, Math.floor(y0));
    const back = (v: number, o: number) => Math.round(o + (v - PAD) / ZOOM);
    const line = g.words[0]!.line;
    replaced.set(g.words[0]!, words.map((w) => ({ ...w, x0: back(w.x0, ax), x1: back(w.x1, ax), y0: back(w.y0, ay), y1: back(w.y1, ay), line })));
    for (const w of g.words.slice(1)) replaced.set(w, []);
  }));
  const words = first.words.flatMap((w) => replaced.get(w) ?? [w]);
  return { ...first, words, confidence: words.length ? Math.round((words.reduce((s, w) => s + w.confidence, 0) / words.length) * 100) / 100 : 0 };
}

const CJK = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/;
const mean = (ws: OcrWord[]) => ws.reduce((s, w) => s + w.confidence, 0) / ws.length;
