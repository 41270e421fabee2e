// Batch benchmark (part of npm run bench; alone: npx tsx bench/batch.ts): 50 reports (copies of the seed and real
// fixtures) through `npm run extract -- DIR` at concurrency 1 and 2, then a re-run of the unchanged batch, each a
// whole CLI process (Node start-up included) with a fresh output folder and a fresh OCR cache; beside it, the batch
// split in two halves extracted by two processes at once (the bound of any split), and pdftotext -layout over the
// same PDFs, one and two at a time. The CLI is started with the command of package.json's `extract` script (its
// Node flags included), so the figures are those of what users run; npm itself is left out.
import { execFile, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { promisify } from "node:util";
import { fileURLToPath } from "node:url";

const run = promisify(execFile);
const SOURCES = [
  "sources/tianfeng-2024-03-09-llm-text.txt",
  "../shared/fixtures/seed/tianfeng-2024-03-09-llm.pdf",
  "../shared/fixtures/real/debang-2022-gaoce-company.pdf",
  "../shared/fixtures/real/debang-2022-gaoce.mineru-ocr.md",
  "../shared/fixtures/real/huatai-2020-bert-sentiment.pdf",
  "../shared/fixtures/real/tianfeng-2018-index-enhance.pdf",
];

export interface BatchRun {
  label: string;
  ms: number;
  /** CPU time of the process, all threads. */
  cpuMs: number;
  maxRssMB: number;
  done: number;
  skipped: number;
  failed: number;
}

export interface BatchBench {
  /** The command that ran: package.json's `extract` script. */
  command: string;
  /** What varied between the runs: extra command-line flags. */
  flags: string[];
  reports: number;
  pdfs: number;
  mix: string;
  runs: BatchRun[];
  pdftotext: { sequentialMs: number; parallelMs: number } | null;
  /** The batch split in two halves (each with half the copies of every source), extracted by two separate
   * processes at concurrency 1 at the same time: what a perfect split gets, with nothing shared between the two. */
  split: { ms: number; cpuMs: number; done: number } | null;
}

/** package.json's `extract` script as a command line for this Node: `node FLAGS… FILE…` or `tsx FILE…`. */
export function extractScript(): { script: string; argv: string[] } {
  const script = (JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> }).scripts
    .extract!;
  const [bin, ...rest] = script.trim().split(/\s+/);
  if (bin === "node") return { script, argv: rest };
  if (bin === "tsx") return { script, argv: ["--import", "tsx", ...rest] };
  throw new Error(
    `package.json's extract script starts with ${bin}: the batch benchmark runs node or tsx scripts only`,
  );
}

async function extractRun(
  label: string,
  input: string,
  out: string,
  args: string[],
  ocrCache: string,
): Promise<BatchRun> {
  const start = performance.now();
  const r = await run(process.execPath, [...extractScript().argv, input, "--out", out, "--log", "json", ...args], {
    env: { ...process.env, YANBAO_OCR_CACHE: ocrCache },
    maxBuffer: 2 ** 26,
  }).catch((e: { stdout?: string }) => ({ stdout: e.stdout ?? "" }));
  const ms = performance.now() - start;
  const summary = JSON.parse(r.stdout.trim().split("\n").pop() ?? "{}") as Partial<BatchRun>;
  return {
    label,
    ms,
    cpuMs: summary.cpuMs ?? NaN,
    maxRssMB: summary.maxRssMB ?? NaN,
    done: summary.done ?? 0,
    skipped: summary.skipped ?? 0,
    failed: summary.failed ?? 0,
  };
}

async function pdftotext(pdfs: string[], parallel: number): Promise<number> {
  const start = performance.now();
  const queue = [...pdfs];
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      for (let f = queue.shift(); f; f = queue.shift()) await run("pdftotext", ["-layout", f, "/dev/null"]);
    }),
  );
  return performance.now() - start;
}

export async function benchBatch(count = 50, flags: string[] = []): Promise<BatchBench> {
  const sources = SOURCES.filter((f) => existsSync(f));
  const root = mkdtempSync(join(tmpdir(), "bench-batch-"));
  try {
    const input = join(root, "in");
    mkdirSync(input);
    const halves = [join(root, "half-0"), join(root, "half-1")];
    for (const h of halves) mkdirSync(h);
    const copies = Array.from({ length: count }, (_, i) => {
      const src = sources[i % sources.length]!;
      const name = `${String(i + 1).padStart(2, "0")}-${basename(src)}`;
      copyFileSync(src, join(halves[Math.floor(i / sources.length) % 2]!, name));
      const to = join(input, name);
      copyFileSync(src, to);
      return to;
    });
    const pdfs = copies.filter((f) => f.endsWith(".pdf"));
    const runs: BatchRun[] = [];
    for (const c of [1, 2]) {
      runs.push(
        await extractRun(
          `concurrency ${c}`,
          input,
          join(root, `out-${c}`),
          ["--concurrency", String(c), ...flags],
          join(root, `ocr-${c}`),
        ),
      );
    }
    runs.push(
      await extractRun(
        "re-run, unchanged (concurrency 2)",
        input,
        join(root, "out-2"),
        ["--concurrency", "2", ...flags],
        join(root, "ocr-2"),
      ),
    );
    const start = performance.now();
    const parts = await Promise.all(
      halves.map((h, i) =>
        extractRun(
          `half ${i}`,
          h,
          join(root, `out-half-${i}`),
          ["--concurrency", "1", ...flags],
          join(root, `ocr-half-${i}`),
        ),
      ),
    );
    const split = {
      ms: performance.now() - start,
      cpuMs: parts.reduce((n, p) => n + p.cpuMs, 0),
      done: parts.reduce((n, p) => n + p.done, 0),
    };
    const ref = spawnSync("pdftotext", ["-v"]).error
      ? null
      : { sequentialMs: await pdftotext(pdfs, 1), parallelMs: await pdftotext(pdfs, 2) };
    const mix = sources
      .map((s) => `${copies.filter((c) => c.endsWith(basename(s))).length} × ${basename(s)}`)
      .join(", ");
    return {
      command: extractScript().script,
      flags,
      reports: count,
      pdfs: pdfs.length,
      mix,
      runs,
      pdftotext: ref,
      split,
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

export function formatBatchBench(b: BatchBench): string {
  const [c1, c2, rerun] = b.runs;
  const rows = b.runs.map(
    (r) =>
      `| ${r.label} | ${(r.ms / 1000).toFixed(1)} | ${(r.cpuMs / 1000).toFixed(1)} | ${r.maxRssMB} | ${r.done} / ${r.skipped} / ${r.failed} |`,
  );
  const lines = [
    `${b.reports} reports (${b.mix}; ${b.pdfs} PDFs), \`npm run extract -- DIR${b.flags.length ? ` ${b.flags.join(" ")}` : ""}\` (\`${b.command}\`): one run each, wall time of the whole process${b.flags.includes("--no-ocr") ? "" : " (OCR cache empty at the start of each first run: every distinct image is recognised once)"}.`,
    "",
    "| run | wall s | CPU s (all threads) | peak RSS MB (all threads) | done / skipped / failed |",
    "|---|---|---|---|---|",
    ...rows,
  ];
  const busy = (r: BatchRun) => (r.cpuMs / r.ms).toFixed(2);
  if (c1 && c2) {
    lines.push(
      "",
      `- speed-up at concurrency 2: **${(c1.ms / c2.ms).toFixed(2)}×** (target ≥ 1.6×). Cores kept busy (CPU s / wall s): ${busy(c1)} at concurrency 1 — V8 compiles optimised code on background threads, and the OCR engines run on their own — and ${busy(c2)} at concurrency 2. Two reports at once need ${(c2.cpuMs / 1000).toFixed(1)} CPU s (${(c1.cpuMs / 1000).toFixed(1)} one at a time: each worker compiles for itself, and the cores share caches), so on this 2-core machine the speed-up cannot exceed 2 × ${(c1.ms / 1000).toFixed(1)} / ${(c2.cpuMs / 1000).toFixed(1)} = ${((2 * c1.ms) / c2.cpuMs).toFixed(2)}×.`,
    );
  }
  if (b.split && c1 && c2) {
    const { ms, cpuMs, done } = b.split;
    const ocr = b.flags.includes("--no-ocr")
      ? ""
      : "; each process has its own OCR engines and cache, so an image in both halves is recognised twice, where the batch's one pool recognises it once";
    lines.push(
      `- the same ${b.reports} reports split in two halves, extracted by two separate processes at concurrency 1 at the same time (no thread pool, nothing shared: what a perfect split gets here${ocr}): ${(ms / 1000).toFixed(1)} s, ${(cpuMs / 1000).toFixed(1)} CPU s, ${done} done = **${(c1.ms / ms).toFixed(2)}×** concurrency 1 (the thread pool at concurrency 2: ${(c1.ms / c2.ms).toFixed(2)}×)`,
    );
  }
  if (c2 && rerun)
    lines.push(
      `- re-run of the unchanged batch: **${((rerun.ms / c2.ms) * 100).toFixed(1)} %** of the first run's time at concurrency 2, ${c1 ? `${((rerun.ms / c1.ms) * 100).toFixed(1)} %` : "n/a"} at concurrency 1 (target < 5 %)`,
    );
  if (b.pdftotext && c1 && c2) {
    const { sequentialMs: s, parallelMs: p } = b.pdftotext;
    lines.push(
      `- pdftotext -layout over the ${b.pdfs} PDFs: ${(s / 1000).toFixed(1)} s one at a time, ${(p / 1000).toFixed(1)} s two at a time (${(s / p).toFixed(2)}×); this tool is ${(c1.ms / s).toFixed(1)}× / ${(c2.ms / p).toFixed(1)}× its time (it also rebuilds tables${b.flags.includes("--no-ocr") ? "" : ", OCRs images"} and writes every output)`,
    );
  }
  return lines.join("\n");
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(formatBatchBench(await benchBatch(50, process.argv.slice(2))));
}
