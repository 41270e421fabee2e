// Issue 19: the OCR cache shared by the queue's workers. An image recognised through one worker's OCR pool is
// stored in the queue's database; another pool, on its own connection (another worker, another machine), gets
// it from there without preparing or recognising it again. Against a real PostgreSQL, as the database tests.
import { afterAll, describe, expect, it } from "vitest";
import type { OcrJob } from "../pipeline/ocr/pool.ts";
import { encodePgm, type Gray } from "../pipeline/ocr/preprocess.ts";
import { openQueue, type OpenQueue, SharedCacheOcrPool, SharedOcrCache } from "../pipeline/queue/index.ts";
import { createDatabase, findPostgres } from "./support/pg-server.ts";
import { query } from "./support/queue.ts";

const postgres = await findPostgres();
if (!postgres.ok && (process.env.CI || process.env.PG_URL))
  throw new Error(`PostgreSQL is required here (CI or PG_URL is set) but unavailable: ${postgres.reason}`);

/** A white image with three black bars, and a job for it that counts its preparations. */
function barsJob(prepared: { n: number }): OcrJob {
  const gray: Gray = { width: 120, height: 60, data: new Uint8Array(120 * 60).fill(255) };
  for (const [x0, h] of [
    [10, 40],
    [50, 25],
    [90, 50],
  ] as const) {
    for (let y = 60 - h; y < 58; y++) for (let x = x0; x < x0 + 20; x++) gray.data[y * 120 + x] = 0;
  }
  return {
    pixels: `queue-ocr-cache-test-${Date.now()}`,
    settings: "test-figure",
    psm: "sparse",
    prepare: () => {
      prepared.n++;
      return { image: encodePgm(gray), width: gray.width, height: gray.height, aux: { scale: 1 } };
    },
  };
}

describe.skipIf(!postgres.ok)("the workers' shared OCR cache", () => {
  const opened: OpenQueue[] = [];
  const pools: SharedCacheOcrPool[] = [];
  let drop = async () => {};
  afterAll(async () => {
    for (const p of pools) await p.close();
    for (const q of opened) await q.close();
    await drop();
    if (postgres.ok) await postgres.server.stop();
  });

  it("recognises an image once: a second pool on another connection reads it from the database", async () => {
    if (!postgres.ok) return;
    const db = await createDatabase(postgres.server.url, "yanbao_queue");
    drop = db.drop;
    const open = async () => {
      const q = await openQueue(db.url);
      opened.push(q);
      const pool = new SharedCacheOcrPool(new SharedOcrCache(q.db), { size: 1 });
      pools.push(pool);
      return pool;
    };
    const prepared = { n: 0 };
    const job = barsJob(prepared);
    const first = await open();
    const fresh = await first.recognize(job);
    expect(fresh.cached).toBe(false);
    expect(fresh.result.status).toBe("ok");
    expect(prepared.n).toBe(1);
    expect(await query(db.url, "SELECT key FROM yanbao_queue.ocr_cache")).toHaveLength(1);

    const second = await open();
    expect(await second.lookup(job)).toMatchObject({ cached: true, result: fresh.result, aux: fresh.aux });
    const again = await second.recognize(job);
    expect(again).toEqual({ ...fresh, cached: true });
    expect(prepared.n).toBe(1); // never prepared, never recognised again
    expect(second.cache?.stats.hits).toBe(2);
  }, 120_000);
});

if (!postgres.ok) {
  describe("shared OCR cache", () => {
    it.skip(`skipped: ${postgres.reason}`, () => undefined);
  });
}
