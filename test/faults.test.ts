// Issue 12: damage is never called success, and records say what is really wrong. A PDF with bytes overwritten
// is `partial` with page-level damage problems; sound real reports get none (no false alarms); a copy of an input
// already loaded is named as such; a text file out of memory is not advised about PDF decompression bombs.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runBatch, type BatchRecord } from "../pipeline/batch/run.ts";
import { extract, joinText } from "../pipeline/index.ts";
import { loadExtraction, openDatabase, readExtraction } from "../pipeline/db/index.ts";
import { readPdfPages } from "../pipeline/input/pdf.ts";
import { classify } from "../pipeline/input/pdf-warnings.ts";

const SEED_PDF = "sources/tianfeng-2024-03-09-llm.pdf";
const SHARED = "../shared/fixtures";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "faults-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** The seed PDF with `count` bytes overwritten at places a fixed generator picks (the same file every run). */
function damaged(count: number): Uint8Array {
  const bytes = new Uint8Array(readFileSync(SEED_PDF));
  let state = 12345;
  const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31);
  for (let i = 0; i < count; i++) bytes[2000 + (next() % (bytes.length - 4000))] = next() % 256;
  return bytes;
}

describe("a damaged PDF", () => {
  it("is partial, with what was damaged on which page", async () => {
    const path = join(dir, "damaged.pdf");
    await writeFile(path, damaged(400));
    const { report, files } = await extract(path, { ocr: false });
    const damage = report.problems.filter((p) => p.code.startsWith("pdf/damaged-"));
    expect(damage.length).toBeGreaterThan(0);
    expect(damage.every((p) => p.severity === "error" && p.stage === "read")).toBe(true);
    expect(damage.some((p) => p.page !== null && p.where === `page ${p.page}`)).toBe(true);
    expect(damage[0]!.message).toMatch(
      /pdf\.js said "[\s\S]+"( \(\d+ times\))?; compare with the original, or get a fresh copy$/,
    );
    expect(JSON.parse(joinText(files.get("manifest.json")!)).status).toBe("partial");
  }, 60_000);

  it("pdf.js's warnings are classed: damage, quirks of sound files, and the unknown", () => {
    expect(classify("Skipping command c: expected 6 args, but received 4 args.")).toBe("pdf/damaged-content");
    expect(classify("Badly formatted number: minus sign in the middle")).toBe("pdf/damaged-content");
    expect(classify('Type3 font resource "g36FF" is not available.')).toBe("pdf/damaged-font");
    expect(classify('indexObjects: Found "1 0 obj" inside of another "obj"')).toBe("pdf/damaged-structure");
    expect(classify("TT: undefined function: 32")).toBeNull();
    expect(classify("AnnotationBorderStyle.setWidth - ignoring width: 2")).toBeNull();
    expect(classify("something pdf.js may say one day")).toBe("pdf/parser-warning");
  });

  it("sound real reports get no damage problem (no false alarms)", async () => {
    const folders = [`${SHARED}/real`, `${SHARED}/corpus/zh`, `${SHARED}/corpus/en`, `${SHARED}/seed`].filter(
      existsSync,
    );
    if (folders.length === 0) {
      if (process.env.CI) throw new Error(`${SHARED} is missing: CI must have the shared fixtures`);
      console.warn(`skipped: ${SHARED} is absent`);
      return;
    }
    const pdfs = folders.flatMap((f) =>
      readdirSync(f)
        .filter((n) => n.endsWith(".pdf"))
        .map((n) => join(f, n)),
    );
    expect(pdfs.length).toBeGreaterThan(20);
    for (const pdf of pdfs) {
      const { damage } = await readPdfPages(new Uint8Array(readFileSync(pdf)));
      expect(damage, pdf).toEqual([]);
    }
  }, 240_000);
});

describe("memory per cell", () => {
  it("a text report of 20 tables of 2,000 rows (360,000 cells) extracts within the default 1 GB (it ran out of it)", async () => {
    const { bigReport } = await import("../bench/cells.ts");
    const path = join(dir, "cells-360k.txt");
    await writeFile(path, bigReport(20, 2000));
    const records: BatchRecord[] = [];
    await runBatch([path], { outDir: join(dir, "cells-out"), ocr: false, concurrency: 1 }, (e) => {
      if (e.event === "failed" || e.event === "done") records.push(e);
    });
    expect(records).toMatchObject([{ event: "done", cells: 360_000 }]);
  }, 240_000);
});

describe("records that say what is really wrong", () => {
  it("loading the same input bytes under another file name says so, not that report.json changed", async () => {
    const db = await openDatabase("sqlite::memory:");
    try {
      const ex = await readExtraction("out/tianfeng-2024-03-09-llm-text");
      expect((await loadExtraction(db, ex)).status).toBe("loaded");
      const copy = {
        ...ex,
        report: { ...ex.report, source: { ...ex.report.source, file: "copy of report.txt" } },
        reportSha256: "f".repeat(64),
      };
      const again = await loadExtraction(db, copy);
      expect(again).toMatchObject({ status: "copy", loadedAs: ex.report.source.file, edition: 1 });
    } finally {
      await db.close();
    }
  });

  it("a text report out of memory: no advice about PDFs", async () => {
    const path = join(dir, "big.txt");
    const rows = Array.from({ length: 20_000 }, (_, i) => `模型${i}\t${i}.5\t${i}.25\t${i}`).join("\n");
    await writeFile(path, `大表\n\n表 1：得分\n模型\tA\tB\tC\n${rows}\n`);
    const records: BatchRecord[] = [];
    const notes: string[] = [];
    await runBatch([path], { outDir: join(dir, "oom-out"), ocr: false, memoryMb: 16, concurrency: 1 }, (e) => {
      if (e.event === "failed" || e.event === "done") records.push(e);
      if (e.event === "note") notes.push(e.text);
    });
    expect(
      notes.filter((n) => /idle extraction thread/.test(n)),
      "a busy thread's failure is its job's, not an idle thread's",
    ).toEqual([]);
    expect(records).toHaveLength(1);
    const [r] = records;
    expect(r!.error?.code).toBe("worker/out-of-memory");
    expect(`${r!.error?.message} ${r!.error?.action}`).toMatch(/the file is .*KB|MB/);
    expect(r!.error?.action).not.toMatch(/PDF|decompression/);
  }, 120_000);
});
