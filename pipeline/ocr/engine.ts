// The OCR engine: tesseract.js (WebAssembly tesseract, LSTM) with the language data of the npm packages
// @tesseract.js-data/eng and @tesseract.js-data/chi_sim — never a download. Parameters are fixed, results are
// rounded (confidence to 2 decimals, boxes to whole pixels) so that the same image always gives the same words.
import { copyFile, mkdir, rename, rm, symlink } from "node:fs/promises";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { OcrResult, OcrWord } from "../../schemas/index.ts";
import { round2 } from "../geometry.ts";

const require = createRequire(import.meta.url);

/** Languages in tesseract's order (the first is primary). eng first, then chi_sim: measured on the scanned
 * excerpt, eng+chi_sim recognised 95% of Latin tokens against 85% for chi_sim+eng, and more CJK characters too
 * (README "OCR and charts"). */
export const LANGUAGES = ["eng", "chi_sim"] as const;
/** LSTM-only integer models (4.0.0_best_int): 4 MB instead of 31 MB, and better on chart labels than 4.0.0. */
export const DATA_FOLDER = "4.0.0_best_int";

export type Psm = "sparse" | "auto" | "line" | "block";
const PSM: Record<Psm, string> = { sparse: "11", auto: "3", line: "7", block: "6" };

const version = (pkg: string): string =>
  (JSON.parse(readFileSync(require.resolve(`${pkg}/package.json`), "utf8")) as { version: string }).version;

/** What identifies the engine's behaviour: it is part of every cache key. */
export async function engineId(): Promise<string> {
  const data = LANGUAGES.map((l) => `${l}@${version(`@tesseract.js-data/${l}`)}/${DATA_FOLDER}`).join("+");
  return `tesseract.js@${version("tesseract.js")} core@${version("tesseract.js-core")}/${await coreVariant()} ${data}`;
}

/** tesseract.js picks its WebAssembly build by CPU features (relaxed SIMD when present), with the same detection
 * as here. Node 20 has SIMD but not relaxed SIMD, so the simd-lstm build runs; the variant is in the engine id so
 * that another build never reuses cached words of this one. */
async function coreVariant(): Promise<string> {
  const detect = createRequire(require.resolve("tesseract.js"))("wasm-feature-detect") as {
    simd(): Promise<boolean>;
    relaxedSimd(): Promise<boolean>;
  };
  if (await detect.relaxedSimd()) return "relaxedsimd-lstm";
  return (await detect.simd()) ? "simd-lstm" : "lstm";
}

/** A folder holding both languages' .traineddata.gz (links into node_modules), as tesseract.js takes one langPath. */
export async function languageFolder(base?: string): Promise<string> {
  const id = LANGUAGES.map((l) => `${l}-${version(`@tesseract.js-data/${l}`)}`).join("_") + `_${DATA_FOLDER}`;
  const dir = join(base ?? tmpdir(), "tessdata", id);
  if (LANGUAGES.every((l) => existsSync(join(dir, `${l}.traineddata.gz`)))) return dir;
  const tmp = `${dir}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
  await mkdir(tmp, { recursive: true });
  for (const l of LANGUAGES) {
    const source = join(
      dirname(require.resolve(`@tesseract.js-data/${l}/package.json`)),
      DATA_FOLDER,
      `${l}.traineddata.gz`,
    );
    await symlink(source, join(tmp, `${l}.traineddata.gz`)).catch(() =>
      copyFile(source, join(tmp, `${l}.traineddata.gz`)),
    );
  }
  await rename(tmp, dir).catch(async () => {
    // Another process made it first: use theirs.
    await rm(tmp, { recursive: true, force: true });
  });
  return dir;
}

/** The subset of a tesseract.js worker used here. */
export interface EngineWorker {
  setParameters(params: Record<string, string>): Promise<unknown>;
  recognize(image: Buffer, options: object, output: object): Promise<{ data: { blocks: TessBlock[] | null } }>;
  terminate(): Promise<unknown>;
}
interface TessBbox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}
interface TessBlock {
  paragraphs: { lines: { words: { text: string; confidence: number; bbox: TessBbox }[] }[] }[];
}

/** Start one worker: core and worker script from node_modules, language data from the local folder, no cache
 * writes of its own (cacheMethod none). */
export async function startWorker(langPath: string): Promise<EngineWorker> {
  const { createWorker } = (await import("tesseract.js")).default as unknown as typeof import("tesseract.js");
  const worker = await createWorker(LANGUAGES.join("+"), 1 /* LSTM only */, {
    langPath,
    cacheMethod: "none",
    gzip: true,
    logger: () => {},
    errorHandler: () => {},
  });
  // debug_file: the engine's diagnostics ("Estimating resolution as …") go nowhere instead of stderr.
  await worker.setParameters({ preserve_interword_spaces: "0", debug_file: "/dev/null" });
  return guarded(worker as unknown as EngineWorker);
}

/** A worker that refuses calls once terminated. tesseract.js sets its thread to null on terminate and a later call
 * fails inside it with a TypeError that escapes as an unhandled rejection (seen when a time limit terminated a
 * worker between two steps of a recognition): here such a call is an ordinary rejected promise instead. */
function guarded(worker: EngineWorker): EngineWorker {
  let terminated = false;
  const gone = () => Promise.reject(new Error("the OCR engine was terminated (time limit)"));
  return {
    setParameters: (params) => (terminated ? gone() : worker.setParameters(params)),
    recognize: (image, options, output) =>
      (terminated ? gone() : worker.recognize(image, options, output)) as ReturnType<EngineWorker["recognize"]>,
    terminate: () => {
      terminated = true;
      return worker.terminate();
    },
  };
}

/** Recognise one prepared image (an encoded PGM/PNG) with a fixed page segmentation mode. */
export async function recognize(
  worker: EngineWorker,
  image: Buffer,
  width: number,
  height: number,
  psm: Psm,
): Promise<OcrResult> {
  await worker.setParameters({ tessedit_pageseg_mode: PSM[psm] });
  const { data } = await worker.recognize(image, {}, { blocks: true, text: false });
  return toResult(data.blocks ?? [], width, height);
}

export function toResult(blocks: TessBlock[], width: number, height: number): OcrResult {
  const words: OcrWord[] = [];
  let line = 0;
  for (const b of blocks)
    for (const p of b.paragraphs)
      for (const l of p.lines) {
        let any = false;
        for (const w of l.words) {
          const text = w.text.normalize("NFKC").trim();
          if (!text) continue;
          any = true;
          words.push({
            text,
            x0: Math.round(w.bbox.x0),
            y0: Math.round(w.bbox.y0),
            x1: Math.round(w.bbox.x1),
            y1: Math.round(w.bbox.y1),
            line,
            confidence: round2(Math.min(100, Math.max(0, w.confidence)) / 100),
          });
        }
        if (any) line++;
      }
  return { status: "ok", message: null, width, height, words, confidence: meanConfidence(words) };
}

/** A result's confidence: the mean of its words' (round2), 0 without words. */
export const meanConfidence = (words: OcrWord[]) =>
  words.length ? round2(words.reduce((s, w) => s + w.confidence, 0) / words.length) : 0;

export const failedResult = (
  status: "timeout" | "error",
  message: string,
  width: number,
  height: number,
): OcrResult => ({ status, message, width, height, words: [], confidence: 0 });
