// The OCR engine works offline (language data from the npm packages), the pool keeps to its workers and its time
// limit, and the cache returns exactly what was recognised without recognising again.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { OcrCache } from "../pipeline/ocr/cache.ts";
import { OcrPool } from "../pipeline/ocr/pool.ts";
import { encodePgm, pixelHash, type Gray } from "../pipeline/ocr/preprocess.ts";
import type { OcrResult } from "../schemas/index.ts";

const SEED = "sources/tianfeng-2024-03-09-llm.pdf";

describe("tesseract.js offline", () => {
  it("recognises chi_sim+eng text with every network call refused (language data from node_modules)", () => {
    const r = spawnSync(
      process.execPath,
      [
        "--import",
        "./test/fixtures/ocr/no-network.mjs",
        "--import",
        "tsx",
        "test/fixtures/ocr/recognise-offline.ts",
        SEED,
      ],
      {
        encoding: "utf8",
        timeout: 120_000,
        env: { ...process.env, HTTP_PROXY: "http://127.0.0.1:9", HTTPS_PROXY: "http://127.0.0.1:9" },
      },
    );
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout.trim().split("\n").pop()!) as {
      words: string[];
      status: string;
      stats: { recognised: number };
    };
    expect(out.status).toBe("ok");
    expect(out.stats.recognised).toBe(1);
    const text = out.words.join("");
    expect(text).toContain("Gemini");
    expect(text).toContain("多模态");
  }, 130_000);
});

describe("pool and cache", () => {
  const dir = mkdtempSync(join(tmpdir(), "ocr-cache-test-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // A made-up image: black bars on white (no text; what matters is that it is recognised once).
  const img: Gray = { width: 64, height: 32, data: new Uint8Array(64 * 32).fill(255) };
  for (let y = 8; y < 24; y++) for (let x = 8; x < 56; x += 8) img.data[y * 64 + x] = 0;
  const job = (settings: string) => ({
    pixels: pixelHash(img),
    settings,
    psm: "sparse" as const,
    prepare: () => ({ image: encodePgm(img), width: 64, height: 32, aux: { note: "kept" } }),
  });

  it("recognises once, then answers from the cache with identical data and no worker", async () => {
    const first = new OcrPool({ size: 1, cacheDir: dir });
    const a = await first.recognize(job("t1"));
    await first.close();
    expect(a.cached).toBe(false);
    expect(first.stats.recognised).toBe(1);
    const second = new OcrPool({ size: 1, cacheDir: dir });
    const b = await second.recognize(job("t1"));
    await second.close();
    expect(b.cached).toBe(true);
    expect(second.stats.workersStarted).toBe(0);
    expect(JSON.stringify(b.result)).toBe(JSON.stringify(a.result));
    expect(b.aux).toEqual({ note: "kept" });
  }, 60_000);

  it("recognises an image asked for twice at once only once, and looks it up without preparing it", async () => {
    const pool = new OcrPool({ size: 2, cacheDir: dir });
    let prepared = 0;
    const counted = () => ({
      ...job("t2"),
      prepare: () => {
        prepared++;
        return job("t2").prepare();
      },
    });
    expect(await pool.lookup(job("t2"))).toBeNull();
    const [a, b] = await Promise.all([pool.recognize(counted()), pool.recognize(counted())]);
    expect(prepared).toBe(1);
    expect(pool.stats.recognised).toBe(1);
    expect(b).toBe(a);
    const hit = await pool.lookup(job("t2"));
    await pool.close();
    expect(hit?.cached).toBe(true);
    expect(JSON.stringify(hit?.result)).toBe(JSON.stringify(a.result));
  }, 60_000);

  it("keys on the engine, the settings and the pixels", () => {
    const k = (engine: string, settings: string, pixels: string) => OcrCache.key({ engine, settings, pixels });
    expect(k("e1", "s", "p")).not.toBe(k("e2", "s", "p"));
    expect(k("e", "s1", "p")).not.toBe(k("e", "s2", "p"));
    expect(k("e", "s", "p1")).not.toBe(k("e", "s", "p2"));
    expect(k("e", "s", "p")).toBe(k("e", "s", "p"));
  });

  it("an image over the time limit gives a timeout result, not an exception, and is not cached", async () => {
    const pool = new OcrPool({ size: 1, cacheDir: dir, timeoutMs: 1 });
    const big: Gray = { width: 1200, height: 1200, data: new Uint8Array(1200 * 1200).map((_, i) => (i * 7919) % 255) };
    const out = await pool.recognize({
      pixels: pixelHash(big),
      settings: "timeout",
      psm: "sparse",
      prepare: () => ({ image: encodePgm(big), width: 1200, height: 1200, aux: {} }),
    });
    await pool.close();
    expect(out.result.status).toBe("timeout");
    expect(pool.stats.timeouts).toBe(1);
    const again = await new OcrCache(dir).get(
      OcrCache.key({ engine: await pool.engineId(), settings: "timeout;psm=sparse", pixels: pixelHash(big) }),
    );
    expect(again).toBeNull();
  }, 60_000);

  it("sizes the pool to the machine's cores by default", () => {
    expect(new OcrPool({ cacheDir: false }).size).toBeGreaterThanOrEqual(1);
  });
});

export type { OcrResult };
