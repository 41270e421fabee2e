// OCR benchmark: seconds per raster figure and per scanned page with tesseract.js (one worker, no cache) beside the
// native `tesseract` command (Debian's tesseract-ocr, when installed) on the very same prepared images, language
// data and page segmentation mode; and the OCR step of a whole document on a cold cache and again on the warm one.
// `benchOcr()` returns markdown lines; `tsx bench/ocr.ts` prints them.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { gunzipSync } from "node:zlib";
import { readPdfPages } from "../pipeline/input/pdf.ts";
import { DATA_FOLDER, LANGUAGES } from "../pipeline/ocr/engine.ts";
import { readRasters, type Raster } from "../pipeline/ocr/images.ts";
import { OcrPool } from "../pipeline/ocr/pool.ts";
import { recognisePdf } from "../pipeline/ocr/recognise.ts";
import { findRules, shadedBands } from "../pipeline/ocr/marks.ts";
import {
  encodePgm,
  FIGURE_PREP,
  PAGE_PREP,
  pixelHash,
  prepare,
  whitenBands,
  type Preparation,
} from "../pipeline/ocr/preprocess.ts";
import { ocrReason } from "../pipeline/ocr/scan.ts";

const require = createRequire(import.meta.url);
const SEED = "sources/tianfeng-2024-03-09-llm.pdf";
const SCAN = "../shared/fixtures/seed/tianfeng-2024-03-09-llm.scan-p5-8.pdf";

interface Prepared {
  file: string;
  image: Buffer;
  width: number;
  height: number;
}

async function preparedImages(
  pdf: string,
  kind: "image" | "page",
  prep: Preparation,
  dir: string,
): Promise<Prepared[]> {
  const bytes = new Uint8Array(readFileSync(pdf));
  const { pages } = await readPdfPages(bytes);
  const requests = pages
    .filter((p) => (kind === "page" ? ocrReason(p) : p.images.length > 0))
    .map((p) => ({ page: p.page, images: kind === "image", wholePage: kind === "page" ? { dpi: 300 } : null }));
  const out: Prepared[] = [];
  await readRasters(bytes, pages, requests, undefined, (r: Raster) => {
    const p = prepare(r.gray, r.gray.width / (r.box.x1 - r.box.x0), prep);
    // What the pipeline gives the engine for a scanned page: its shaded bands whitened (ocr/index.ts).
    const map = { box: r.box, width: p.image.width, height: p.image.height };
    const img =
      kind === "page" && prep.whiten ? whitenBands(p.image, shadedBands(findRules(p.image, map), map)) : p.image;
    const file = join(dir, `${kind}-p${r.page}-${r.index}.pgm`);
    const image = encodePgm(img);
    writeFileSync(file, image);
    out.push({ file, image, width: img.width, height: img.height });
  });
  return out;
}

async function timeJs(images: Prepared[]): Promise<number> {
  const pool = new OcrPool({ size: 1, cacheDir: false });
  // Start the worker outside the timing (both sides then time recognition plus image decoding).
  const warm = images[0]!;
  await pool.recognize({
    pixels: "warm-up",
    settings: "bench",
    psm: "sparse",
    prepare: () => ({ image: warm.image, width: warm.width, height: warm.height, aux: {} }),
  });
  const t = performance.now();
  for (const im of images) {
    await pool.recognize({
      pixels: pixelHash({ width: im.width, height: im.height, data: new Uint8Array(im.image) }),
      settings: "bench",
      psm: "sparse",
      prepare: () => ({ image: im.image, width: im.width, height: im.height, aux: {} }),
    });
  }
  const seconds = (performance.now() - t) / 1000;
  await pool.close();
  return seconds / images.length;
}

/** The same .traineddata as tesseract.js uses, unpacked for the command line tool. */
function tessdata(dir: string): string {
  for (const l of LANGUAGES) {
    const gz = join(
      dirname(require.resolve(`@tesseract.js-data/${l}/package.json`)),
      DATA_FOLDER,
      `${l}.traineddata.gz`,
    );
    writeFileSync(join(dir, `${l}.traineddata`), gunzipSync(readFileSync(gz)));
  }
  return dir;
}

function timeNative(images: Prepared[], data: string, threads: number | null): number | null {
  if (spawnSync("tesseract", ["--version"]).error) return null;
  const env = { ...process.env, ...(threads ? { OMP_THREAD_LIMIT: String(threads) } : {}) };
  const t = performance.now();
  for (const im of images)
    execFileSync("tesseract", [im.file, "-", "-l", LANGUAGES.join("+"), "--tessdata-dir", data, "--psm", "11"], {
      env,
      stdio: ["ignore", "ignore", "ignore"],
    });
  return (performance.now() - t) / 1000 / images.length;
}

async function cachedRerun(pdf: string): Promise<{ cold: number; warm: number }> {
  const cacheDir = mkdtempSync(join(tmpdir(), "ocr-bench-cache-"));
  const bytes = new Uint8Array(readFileSync(pdf));
  const { pages } = await readPdfPages(bytes);
  const run = async () => {
    const pool = new OcrPool({ cacheDir });
    const t = performance.now();
    await recognisePdf(bytes, pages, "bench.pdf", { pool });
    const s = (performance.now() - t) / 1000;
    await pool.close();
    return s;
  };
  const cold = await run();
  const warm = await run();
  rmSync(cacheDir, { recursive: true, force: true });
  return { cold, warm };
}

export async function benchOcr(): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), "ocr-bench-"));
  try {
    const data = tessdata(dir);
    const rows = [
      "| images | n | tesseract.js s/image (1 worker) | tesseract 1 thread s/image | ratio | tesseract (all threads) s/image |",
      "|---|---|---|---|---|---|",
    ];
    const sets: [string, Prepared[]][] = [["seed PDF figures", await preparedImages(SEED, "image", FIGURE_PREP, dir)]];
    if (existsSync(SCAN)) sets.push(["scanned pages (p5–8)", await preparedImages(SCAN, "page", PAGE_PREP, dir)]);
    for (const [name, images] of sets) {
      const js = await timeJs(images);
      const one = timeNative(images, data, 1);
      const all = timeNative(images, data, null);
      rows.push(
        `| ${name} | ${images.length} | ${js.toFixed(3)} | ${one?.toFixed(3) ?? "n/a"} | ${one ? `${(js / one).toFixed(2)}×` : ""} | ${all?.toFixed(3) ?? "n/a"} |`,
      );
    }
    const lines = [...rows, ""];
    for (const pdf of [SEED, SCAN].filter((f) => existsSync(f))) {
      const { cold, warm } = await cachedRerun(pdf);
      lines.push(
        `- OCR step of ${pdf} (all workers; for a scan this includes re-reading its doubtful runs): ${cold.toFixed(2)} s on an empty cache, ${warm.toFixed(3)} s on the second run (${(cold / warm).toFixed(0)}× faster)`,
      );
    }
    return lines;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log((await benchOcr()).join("\n"));
