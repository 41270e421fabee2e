// The OCR cache shared by every worker of the queue: the disk cache's interface (ocr/cache.ts, OcrCache: the same
// keys, entries and validation), its entries kept as rows of yanbao_queue.ocr_cache in the queue's database, so
// an image recognised by one worker is never recognised again by any other, on any machine. Like the disk cache,
// only successful recognitions are stored, and a database error costs only speed (the image is recognised).
// SharedCacheOcrPool is an OCR pool (ocr/pool.ts) with this cache in place of the disk one.
import type { Db as BossDb } from "pg-boss";
import type { z } from "zod";
import { CacheEntry, DEFAULT_CACHE_DIR, OcrCache } from "../ocr/cache.ts";
import { OcrPool, type OcrPoolOptions } from "../ocr/pool.ts";
import { QUEUE_SCHEMA } from "./schema.ts";

export class SharedOcrCache extends OcrCache {
  /** `dir`: where the OCR engine's language data is unpacked (the pool asks the cache); no entry is kept there. */
  constructor(
    private readonly db: BossDb,
    dir = DEFAULT_CACHE_DIR,
  ) {
    super(dir);
  }

  private async read(key: string): Promise<unknown> {
    try {
      const { rows } = await this.db.executeSql(`SELECT entry FROM ${QUEUE_SCHEMA}.ocr_cache WHERE key = $1`, [key]);
      return rows[0]?.entry ?? null;
    } catch {
      return null;
    }
  }

  private async store(key: string, value: unknown): Promise<void> {
    try {
      await this.db.executeSql(
        `INSERT INTO ${QUEUE_SCHEMA}.ocr_cache (key, entry) VALUES ($1, $2::text::jsonb) ON CONFLICT (key) DO NOTHING`,
        [key, JSON.stringify(value)],
      );
    } catch {
      // The result is still used; the next worker recognises the image again.
    }
  }

  override async get(key: string): Promise<CacheEntry | null> {
    const parsed = CacheEntry.safeParse(await this.read(key));
    if (parsed.success && parsed.data.result.status === "ok") {
      this.stats.hits++;
      return parsed.data;
    }
    this.stats.misses++;
    return null;
  }

  override async put(key: string, entry: CacheEntry): Promise<void> {
    if (entry.result.status === "ok") await this.store(key, entry);
  }

  override async getJson<T>(key: string, schema: z.ZodType<T>): Promise<T | null> {
    const parsed = schema.safeParse(await this.read(key));
    if (!parsed.success) return null;
    this.stats.hits++;
    return parsed.data;
  }

  override async putJson(key: string, value: unknown): Promise<void> {
    await this.store(key, value);
  }
}

/** An OCR pool whose cache is the queue's shared one. */
export class SharedCacheOcrPool extends OcrPool {
  override readonly cache: OcrCache | null;
  constructor(cache: SharedOcrCache, options: Omit<OcrPoolOptions, "cacheDir"> = {}) {
    super({ ...options, cacheDir: false });
    this.cache = cache;
  }
}
