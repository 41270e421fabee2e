// Building the review page of one extraction folder: read it, find its source PDF, render the crops, find the
// charts' bars again, write index.html, review.css, review.js and img/*.png. The files are made in memory and
// written to a fresh folder that then replaces the old one, so no stale image stays behind.
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { type Overlay, chartOverlay } from "./chart-axes.ts";
import { reviewHtml } from "./html.ts";
import { allRegions, chartRegion } from "./regions.ts";
import { type Crop, renderCrops, SCALE } from "./render.ts";
import { SCRIPT } from "./script.ts";
import { findSource, readExtraction } from "./source.ts";
import { STYLE } from "./style.ts";

export interface ReviewOptions {
  /** where the page goes (default DIR/review) */
  out?: string;
  /** PDF files or folders to look for the source in */
  sources?: string[];
  /** called with each page number as it is rendered */
  onPage?: (page: number) => void;
}

export interface ReviewResult {
  out: string;
  /** the source PDF the crops come from, or null */
  source: string | null;
  /** why there are no crops, or null */
  note: string | null;
  files: Map<string, Uint8Array>;
  bytes: number;
}

/** The page's files by path, from an extraction folder (nothing written). */
export async function reviewFiles(dir: string, options: ReviewOptions = {}): Promise<Omit<ReviewResult, "out">> {
  const x = await readExtraction(dir);
  const found = await findSource(x, options.sources);
  const crops = found.pdf ? await renderCrops(found.pdf.bytes, allRegions(x.report), options.onPage) : null;
  const overlays = new Map<string, Overlay>();
  for (const c of x.report.charts ?? []) {
    const crop = crops?.get(chartRegion(c).name);
    if (c.kind === "bar" && crop?.gray) overlays.set(c.figure_id, chartOverlay(c, crop.gray, crop.region, SCALE));
  }
  const files = new Map<string, Uint8Array>();
  const html = reviewHtml({ report: x.report, manifest: x.manifest, crops, overlays, note: found.note });
  files.set("index.html", Buffer.from(html, "utf8"));
  files.set("review.css", Buffer.from(STYLE, "utf8"));
  files.set("review.js", Buffer.from(SCRIPT, "utf8"));
  for (const [name, crop] of [...(crops ?? new Map<string, Crop>())].sort(([a], [b]) => (a < b ? -1 : 1)))
    files.set(`img/${name}.png`, crop.png);
  const bytes = [...files.values()].reduce((s, f) => s + f.length, 0);
  return { source: found.pdf?.path ?? null, note: found.note, files, bytes };
}

/** Build the page and write it to `options.out` (default DIR/review), replacing what was there. */
export async function buildReview(dir: string, options: ReviewOptions = {}): Promise<ReviewResult> {
  const result = await reviewFiles(dir, options);
  const out = resolve(options.out ?? join(dir, "review"));
  const tmp = `${out}.tmp-${process.pid}`;
  await rm(tmp, { recursive: true, force: true });
  for (const [path, bytes] of result.files) {
    await mkdir(dirname(join(tmp, path)), { recursive: true });
    await writeFile(join(tmp, path), bytes);
  }
  await rm(out, { recursive: true, force: true });
  await rename(tmp, out);
  return { ...result, out };
}
