// OCR cache: one JSON file per recognised image under `.cache/ocr/` (outside out/, git-ignored). The key is the
// sha256 of the prepared pixels plus the engine, core and language-data versions and the recognition settings,
// so a changed image, engine or setting never reuses old words. The cache stores exactly the rounded result that
// the pipeline uses, so a hit gives the same output bytes as a fresh recognition. Timeouts and errors are not
// stored. Writes go to a temporary file renamed into place: concurrent extractions never see half a file.
import { readdirSync, readFileSync } from "node:fs";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname, extname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { OcrResult } from "../../schemas/index.ts";
import { sha256 } from "../hash.ts";
import { PROJECT_ROOT } from "../paths.ts";

/** The project's `.cache/ocr/`, wherever the process was started; YANBAO_OCR_CACHE overrides it. */
export const DEFAULT_CACHE_DIR = process.env.YANBAO_OCR_CACHE || resolve(PROJECT_ROOT, ".cache/ocr");

/** A hash of the code that turns pixels into cached results: this folder (preparation, rules, bars, re-reading,
 * words to runs), the rounding and medians it uses (geometry.ts), the OCR schemas and the PDF reader that renders
 * the rasters. It is part of every cache key, so a change to any of that code never serves a result of the old
 * code, and there is no version to bump by hand. */
/** `.ts`, or `.js` when running the build in dist/ (so the two kinds of run hash different code and keys). */
const CODE = extname(fileURLToPath(import.meta.url));
export const ANALYSIS_CODE = codeHash([
  ...readdirSync(dirname(fileURLToPath(import.meta.url))).map((f) => new URL(`./${f}`, import.meta.url)),
  new URL(`../geometry${CODE}`, import.meta.url),
  new URL(`../../schemas/ocr${CODE}`, import.meta.url),
  new URL(`../input/pdf${CODE}`, import.meta.url),
]);

function codeHash(files: URL[]): string {
  const sources = files
    .filter((u) => extname(u.pathname) === CODE)
    .map((u) => fileURLToPath(u))
    .sort();
  return sha256(sources.map((f) => readFileSync(f, "utf8")).join("\0")).slice(0, 16);
}

/** A cached recognition: the words, and what was measured on the prepared image (skew, rules) so that a hit
 * needs no preparation at all. */
export const CacheEntry = z.object({ result: OcrResult, aux: z.record(z.string(), z.unknown()) });
export type CacheEntry = z.infer<typeof CacheEntry>;

export interface OcrCacheStats {
  hits: number;
  misses: number;
}

export class OcrCache {
  readonly stats: OcrCacheStats = { hits: 0, misses: 0 };
  constructor(readonly dir: string) {}

  static key(parts: { engine: string; settings: string; pixels: string }): string {
    return sha256(JSON.stringify([parts.engine, ANALYSIS_CODE, parts.settings, parts.pixels]));
  }

  private file(key: string): string {
    return join(this.dir, key.slice(0, 2), `${key}.json`);
  }

  async get(key: string): Promise<CacheEntry | null> {
    try {
      const parsed = CacheEntry.safeParse(JSON.parse(await readFile(this.file(key), "utf8")));
      if (parsed.success && parsed.data.result.status === "ok") {
        this.stats.hits++;
        return parsed.data;
      }
    } catch {
      // absent or unreadable: recognise again
    }
    this.stats.misses++;
    return null;
  }

  /** Any other cached record (a whole document's OCR data), validated by its schema. */
  async getJson<T>(key: string, schema: z.ZodType<T>): Promise<T | null> {
    try {
      const parsed = schema.safeParse(JSON.parse(await readFile(this.file(key), "utf8")));
      if (parsed.success) {
        this.stats.hits++;
        return parsed.data;
      }
    } catch {
      // absent or unreadable
    }
    return null;
  }

  async putJson(key: string, value: unknown): Promise<void> {
    await this.write(key, value);
  }

  async put(key: string, entry: CacheEntry): Promise<void> {
    if (entry.result.status !== "ok") return;
    await this.write(key, entry);
  }

  private async write(key: string, entry: unknown): Promise<void> {
    const file = this.file(key);
    const tmp = `${file}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
    try {
      await mkdir(dirname(file), { recursive: true });
      await writeFile(tmp, JSON.stringify(entry));
      await rename(tmp, file);
    } catch {
      // A read-only or full disk only costs speed: the result is still used.
    }
  }
}
