// The batch runner through its library API (worker threads started from within vitest): incremental re-runs, time
// limits, a file vanishing mid-run, name clashes, and recovery of what a killed run left in the output folder.
import { spawn } from "node:child_process";
import { cp, mkdir, mkdtemp, readFile, readdir, rm, stat, unlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strays } from "./fixtures/out-dir.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { longestFirst, runBatch, type BatchEvent, type BatchOptions, type BatchRecord } from "../pipeline/batch/run.ts";
import { recoverOutDir } from "../pipeline/output/recover.ts";
import { extract } from "../pipeline/index.ts";
import { InputError } from "../pipeline/input/read.ts";
import { reportLimit } from "../pipeline/batch/pool.ts";

const SEED_PDF = "sources/tianfeng-2024-03-09-llm.pdf";
const report = (title: string, rows: number) =>
  `${title}\n\n表 1：得分\n模型\t得分\n${Array.from({ length: rows }, (_, i) => `M${i}\t${i}.5`).join("\n")}\n`;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "batch-run-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function fresh(name: string, files: Record<string, string>): Promise<{ input: string; out: string }> {
  const input = join(dir, name, "in");
  await mkdir(input, { recursive: true });
  for (const [file, text] of Object.entries(files)) await writeFile(join(input, file), text);
  return { input, out: join(dir, name, "out") };
}

async function batch(
  paths: string[],
  out: string,
  extra: Partial<BatchOptions> = {},
  onEvent?: (e: BatchEvent) => void,
) {
  const records: BatchRecord[] = [];
  const summary = await runBatch(paths, { outDir: out, concurrency: 2, ...extra }, (e) => {
    if (e.event === "done" || e.event === "skipped" || e.event === "failed") records.push(e);
    onEvent?.(e);
  });
  return { summary, records, of: (name: string) => records.find((r) => r.file.endsWith(name)) };
}

describe("longestFirst", () => {
  it("starts the biggest inputs first, a PDF before text of the same size, ties in the order given", () => {
    const input = (path: string, bytes: number) => ({ path, name: path.replace(/\.\w+$/, ""), bytes });
    const order = longestFirst([
      input("a.txt", 10),
      input("b.md", 500),
      input("c.txt", 500),
      input("d.PDF", 500),
      input("e.pdf", 9000),
      input("f.txt", 10),
    ]);
    expect(order.map((i) => i.path)).toEqual(["e.pdf", "d.PDF", "b.md", "c.txt", "a.txt", "f.txt"]);
  });
});

describe("runBatch", () => {
  it("writes the same bytes as extract() in one thread: worker threads and the shared OCR pool change nothing", async () => {
    const out = join(dir, "same");
    const { summary } = await batch(["sources"], out);
    expect(summary).toMatchObject({ done: 2, failed: 0 });
    for (const name of await readdir("out")) {
      if (!(await stat(join("out", name))).isDirectory()) continue;
      const files = (await readdir(join("out", name), { recursive: true })).sort();
      expect((await readdir(join(out, name), { recursive: true })).sort()).toEqual(files);
      for (const f of files) {
        if ((await stat(join("out", name, f))).isFile())
          expect(await readFile(join(out, name, f), "utf8"), `${name}/${f}`).toBe(
            await readFile(join("out", name, f), "utf8"),
          );
      }
    }
  }, 120_000);

  it("skips unchanged reports on a re-run, redoes changed ones, and --force redoes all", async () => {
    const { input, out } = await fresh("incremental", {
      "a 报告.txt": report("甲", 3),
      "b.md": report("乙", 2),
      "c.txt": report("丙", 4),
    });
    const first = await batch([input], out);
    expect(first.summary).toMatchObject({ done: 3, skipped: 0, failed: 0 });
    const manifest = await readFile(join(out, "a 报告", "manifest.json"), "utf8");

    const again = await batch([input], out);
    expect(again.summary).toMatchObject({ done: 0, skipped: 3, failed: 0 });
    expect(await readFile(join(out, "a 报告", "manifest.json"), "utf8")).toBe(manifest);

    await writeFile(join(input, "c.txt"), report("丙", 5));
    await rm(join(out, "b", "cells.csv"));
    const changed = await batch([input], out);
    expect(changed.of("a 报告.txt")?.event).toBe("skipped");
    expect(changed.of("b.md")?.event).toBe("done"); // an output was missing
    expect(changed.of("c.txt")?.event).toBe("done"); // the input changed

    const forced = await batch([input], out, { force: true });
    expect(forced.summary).toMatchObject({ done: 3, skipped: 0 });
  }, 60_000);

  it("records the OCR option in the manifest: switching --no-ocr on or off re-extracts, the same option skips", async () => {
    const { input, out } = await fresh("options", { "a.txt": report("甲", 3), "b.md": report("乙", 2) });
    const options = async () => JSON.parse(await readFile(join(out, "a", "manifest.json"), "utf8")).options;
    expect((await batch([input], out)).summary).toMatchObject({ done: 2, skipped: 0 });
    expect(await options()).toEqual({ ocr: true });
    expect((await batch([input], out, { ocr: true })).summary).toMatchObject({ done: 0, skipped: 2 });

    expect((await batch([input], out, { ocr: false })).summary).toMatchObject({ done: 2, skipped: 0 });
    expect(await options()).toEqual({ ocr: false });
    expect((await batch([input], out, { ocr: false })).summary).toMatchObject({ done: 0, skipped: 2 });
    expect((await batch([input], out)).summary).toMatchObject({ done: 2, skipped: 0 });

    // a manifest written before options were recorded says nothing of them: the report is extracted again
    const path = join(out, "b", "manifest.json");
    const { options: _, ...older } = JSON.parse(await readFile(path, "utf8"));
    await writeFile(path, `${JSON.stringify(older, null, 2)}\n`);
    const rerun = await batch([input], out);
    expect(rerun.of("a.txt")?.event).toBe("skipped");
    expect(rerun.of("b.md")?.event).toBe("done");
  }, 60_000);

  it("gives a report its time limit once for each 10 pages", () => {
    expect(reportLimit(300_000, 1)).toBe(300_000);
    expect(reportLimit(300_000, 10)).toBe(300_000);
    expect(reportLimit(300_000, 11)).toBe(600_000);
    expect(reportLimit(300_000, 33)).toBe(1_200_000);
  });

  it("stops a report at its time limit, naming the page, keeps its previous output, and goes on with the rest", async () => {
    const { input, out } = await fresh("timeout", { "small.txt": report("小", 2), "other.txt": report("另", 3) });
    await cp(SEED_PDF, join(input, "slow.pdf"));
    // A previous extraction of slow.pdf that must survive the interrupted one.
    await mkdir(join(out, "slow"), { recursive: true });
    await writeFile(join(out, "slow", "manifest.json"), '{"previous": true}\n');
    // 0.3 s for each 10 pages: 1.2 s once the 33 pages are counted.
    const { summary, of } = await batch([input], out, { concurrency: 1, timeoutMs: 300 });
    const error = of("slow.pdf")!.error!;
    expect(error.code).toBe("timeout");
    expect(error.message).toMatch(
      /^no result after (0\.3|1\.2) s while (reading the file|reading page (\d+) of 33|analysing the pages read)$/,
    );
    if (/page \d+/.test(error.message)) expect(error.message).toContain(`page ${error.page} of 33`);
    expect(error.action).toMatch(/--timeout/);
    expect(summary).toMatchObject({ done: 2, failed: 1 });
    expect(await readFile(join(out, "slow", "manifest.json"), "utf8")).toBe('{"previous": true}\n');
    expect(await strays(out)).toEqual([]);
  }, 60_000);

  it("gives library callers a time limit between pages (an AbortSignal)", async () => {
    const error = await extract(SEED_PDF, { ocr: false, signal: AbortSignal.timeout(1) }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ code: "timeout", page: 1 });
    expect((error as Error).message).toMatch(/stopped before page 1 of 33: the time limit ran out/);
  });

  it("reports a file that disappears during the run, and finishes the others", async () => {
    const { input, out } = await fresh("vanish", {
      "big.txt": report("大", 400),
      "mid.txt": report("中", 40),
      "small.txt": report("小", 2),
    });
    // Largest first, one at a time: small.txt is still waiting when big.txt is done.
    const { summary, of } = await batch([input], out, { concurrency: 1 }, (e) => {
      if (e.event === "done" && e.file.endsWith("big.txt")) void unlink(join(input, "small.txt"));
    });
    expect(of("small.txt")).toMatchObject({ event: "failed", error: { code: "input/vanished" } });
    expect(of("small.txt")!.error!.message).toMatch(/disappeared during the run/);
    expect(summary).toMatchObject({ done: 2, failed: 1 });
  }, 60_000);

  it("refuses a second file with the same output name, and a path that does not exist", async () => {
    const { input, out } = await fresh("clash", { "x.txt": report("一", 2) });
    await mkdir(join(input, "sub"));
    await writeFile(join(input, "sub", "x.md"), report("二", 2));
    const { summary, of } = await batch([input, join(input, "nope.pdf")], out);
    // Walked in name order, depth first: sub/x.md comes before x.txt and keeps the name.
    expect(of("/x.txt")).toMatchObject({ event: "failed", error: { code: "output/name-clash" } });
    expect(of("/x.txt")!.error!.message).toContain("sub/x.md");
    expect(of("nope.pdf")).toMatchObject({ event: "failed", error: { code: "input/missing" } });
    expect(summary).toMatchObject({ done: 1, failed: 2 });
  }, 60_000);

  it("puts back a previous extraction and removes unfinished ones that a killed run left behind", async () => {
    const out = join(dir, "recover");
    await mkdir(join(out, ".kept.old-999999"), { recursive: true });
    await writeFile(join(out, ".kept.old-999999", "manifest.json"), "{}\n");
    await mkdir(join(out, ".half.tmp-999999"), { recursive: true });
    await mkdir(join(out, "done"), { recursive: true });
    await mkdir(join(out, ".done.old-999999"), { recursive: true });
    const notes = await recoverOutDir(out);
    expect(notes.join("\n")).toMatch(/restored the previous extraction/);
    expect((await readdir(out)).sort()).toEqual(["done", "kept"]);
    expect(await readFile(join(out, "kept", "manifest.json"), "utf8")).toBe("{}\n");
  });

  it("leaves every output folder complete when the process is killed mid-batch", async () => {
    const { input, out } = await fresh("kill", { "a.txt": report("甲", 3), "b.txt": report("乙", 30) });
    await cp(SEED_PDF, join(input, "p.pdf"));
    await cp(SEED_PDF, join(input, "q.pdf"));
    expect((await batch([input], out)).summary.done).toBe(4);
    const before = await readFile(join(out, "p", "manifest.json"), "utf8");
    // Re-extract everything and kill the process hard while the PDFs are being read.
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "pipeline/cli.ts", "extract", input, "--out", out, "--force", "--log", "json"],
      { stdio: "ignore" },
    );
    await new Promise((r) => setTimeout(r, 1500));
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));
    for (const name of ["a", "b", "p", "q"]) {
      // Every report is readable at every instant of its replacement: the old version or the new one.
      const manifest = JSON.parse(await readFile(join(out, name, "manifest.json"), "utf8"));
      for (const o of manifest.outputs as { path: string; bytes: number }[])
        expect((await stat(join(out, name, o.path))).size).toBe(o.bytes);
    }
    const rerun = await batch([input], out);
    expect(rerun.summary.failed).toBe(0);
    expect(await strays(out)).toEqual([]);
    expect(await readFile(join(out, "p", "manifest.json"), "utf8")).toBe(before);
  }, 90_000);
});
