// npm run bench: wall time and peak memory of extractions (each in a fresh process), with reference tools run
// side by side when installed (pdftotext -layout for PDF reading), a batch of 50 reports at concurrency 1 and 2
// (bench/batch.ts), database loads, the PostgreSQL queue with 1, 2 and 3 worker processes (bench/queue.ts), table
// and cover-fact accuracy on hand-checked truth (bench/accuracy.ts, bench/cover.ts), and tables read from synthetic
// scans of real-report pages (bench/scans.ts);
// written to bench/results.md with the machine it ran on.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { benchBatch, formatBatchBench } from "./batch.ts";
import { benchCells, formatCellsBench } from "./cells.ts";
import { formatAccuracy, scoreCorpus } from "./accuracy.ts";
import { formatCover, scoreCovers } from "./cover.ts";
import { formatCharts, scoreCharts } from "./charts.ts";
import { formatLayout, scoreAll as scoreLayouts } from "./layout.ts";
import { benchLoad, formatLoadBench } from "./load.ts";
import { benchQueue, formatQueueBench } from "./queue.ts";
import { benchOcr } from "./ocr.ts";
import { benchScans, formatScanBench } from "./scans.ts";
import { benchCorpus, CORPUS, formatCorpusBench } from "./corpus.ts";

/** OCR: `warm` reads recognised images from a cache filled by an unmeasured first run; `cold` starts every run
 * with an empty cache (every image recognised); `off` runs without OCR. */
type Ocr = "warm" | "cold" | "off";
const inputs: [string, Ocr][] = (
  [
    ["sources/tianfeng-2024-03-09-llm-text.txt", "off"],
    ["../shared/fixtures/real/debang-2022-gaoce.mineru-ocr.md", "off"],
    ["../shared/fixtures/seed/tianfeng-2024-03-09-llm.pdf", "off"],
    ["../shared/fixtures/seed/tianfeng-2024-03-09-llm.pdf", "warm"],
    ["../shared/fixtures/seed/tianfeng-2024-03-09-llm.pdf", "cold"],
    ["../shared/fixtures/real/debang-2022-gaoce-company.pdf", "warm"],
    ["../shared/fixtures/real/huatai-2020-bert-sentiment.pdf", "warm"],
    ["../shared/fixtures/real/tianfeng-2018-index-enhance.pdf", "warm"],
    ["../shared/fixtures/seed/tianfeng-2024-03-09-llm.scan-p5-8.pdf", "cold"],
  ] as [string, Ocr][]
).filter(([f]) => existsSync(f));
const RUNS = 3;
const scratch = mkdtempSync(join(tmpdir(), "bench-"));
let caches = 0;
const freshCache = () => join(scratch, `ocr-cache-${caches++}`);

function once(file: string, ocr: Ocr, cache: string) {
  const args = ["--import", "tsx", "bench/one.ts", file, ...(ocr === "off" ? ["--no-ocr"] : [])];
  return spawnSync(process.execPath, args, { encoding: "utf8", env: { ...process.env, YANBAO_OCR_CACHE: cache } });
}

function measure(file: string, ocr: Ocr): { ms: number; maxRssMB: number; pages: number | null } | { error: string } {
  const results = [];
  const warmCache = freshCache();
  if (ocr === "warm") once(file, ocr, warmCache);
  for (let i = 0; i < RUNS; i++) {
    const r = once(file, ocr, ocr === "warm" ? warmCache : freshCache());
    if (r.status !== 0)
      return {
        error:
          (r.stderr || "")
            .split("\n")
            .filter((l) => /Error\b.*:/.test(l))
            .pop()
            ?.trim() ?? `exit ${r.status}`,
      };
    results.push(JSON.parse(r.stdout.trim().split("\n").pop()!));
  }
  results.sort((a, b) => a.ms - b.ms);
  return results[Math.floor(RUNS / 2)];
}

function pdftotext(file: string): number | null {
  if (!file.endsWith(".pdf") || spawnSync("pdftotext", ["-v"]).error) return null;
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    execFileSync("pdftotext", ["-layout", file, "/dev/null"]);
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)]!;
}

const load0 = loadavg()[0]!;
const machineOf = () =>
  `${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; load average ${load0.toFixed(1)} at the start, ${loadavg()[0]!.toFixed(1)} at the end (other work on the machine slows every figure)`;
// The corpus's speed and memory beside pdftotext and tesseract (bench/corpus.ts) come first; `npm run bench --
// --speed` runs that part alone and replaces only its section of bench/results.md.
const SPEED = "## Speed and memory on the corpus";
const speed = existsSync(CORPUS[0]!)
  ? formatCorpusBench(await benchCorpus(Number(process.env.BENCH_RUNS) || RUNS))
  : "(../shared/fixtures/corpus is absent)";
if (process.argv.includes("--speed")) {
  const old = existsSync("bench/results.md") ? readFileSync("bench/results.md", "utf8") : "# Benchmark\n";
  const section = `${SPEED} (bench/corpus.ts)\n\nMachine: ${machineOf()}.\n\n${speed}\n\n`;
  const at = old.indexOf(SPEED);
  const end = at < 0 ? -1 : old.indexOf("\n## ", at + SPEED.length);
  const text =
    at < 0
      ? old.replace(/\n## /, `\n${section}## `)
      : `${old.slice(0, at)}${section}${end < 0 ? "" : old.slice(end + 1)}`;
  writeFileSync("bench/results.md", text.includes(SPEED) ? text : `${old}\n${section}`);
  console.log(section);
  process.exit(0);
}
const rows = [
  "| input | OCR | pages | wall ms (median of 3) | pages/s | peak RSS MB | pdftotext -layout ms | ratio |",
  "|---|---|---|---|---|---|---|---|",
];
for (const [file, ocr] of inputs) {
  const m = measure(file, ocr);
  const mode = file.endsWith(".pdf") ? ocr : "";
  if ("error" in m) {
    rows.push(`| ${file} | ${mode} | | failed: ${m.error} | | | | |`);
    continue;
  }
  const ref = pdftotext(file);
  const pps = m.pages ? (m.pages / (m.ms / 1000)).toFixed(1) : "";
  rows.push(
    `| ${file} | ${mode} | ${m.pages ?? ""} | ${m.ms.toFixed(0)} | ${pps} | ${m.maxRssMB.toFixed(0)} | ${ref?.toFixed(0) ?? "n/a"} | ${ref ? `${(m.ms / ref).toFixed(1)}×` : ""} |`,
  );
}
const batches = [formatBatchBench(await benchBatch(50, ["--no-ocr"])), formatBatchBench(await benchBatch(50))];
const ocr = await benchOcr();
const load = formatLoadBench(await benchLoad()).map((l) => `- ${l}`);
const queue = formatQueueBench(await benchQueue());
const scans = formatScanBench(await benchScans());
const cells = formatCellsBench(benchCells());
const accuracy = existsSync("../shared/fixtures/corpus")
  ? `${formatAccuracy(await scoreCorpus())}\n\nCharts (npm run accuracy:charts, test/fixtures/chart-truth/):\n\n${formatCharts(await scoreCharts())}`
  : "(../shared/fixtures/corpus is absent)";
const coverFacts = existsSync("../shared/fixtures/corpus")
  ? formatCover(await scoreCovers())
  : "(../shared/fixtures/corpus is absent)";
const layout = existsSync("../shared/fixtures/corpus")
  ? formatLayout(await scoreLayouts(["dev", "check"]))
  : "(../shared/fixtures/corpus is absent)";
rmSync(scratch, { recursive: true, force: true });
const machine = machineOf();
const text = `# Benchmark

Machine: ${machine}.

${SPEED} (bench/corpus.ts)

${speed}

## Single reports (bench/one.ts)

Each figure of this table is the median of ${RUNS} runs, each in a fresh process (wall time includes module loading inside the process but not Node start-up). OCR: \`off\` without OCR; \`warm\` with the images' OCR results in the cache (an unmeasured run filled it); \`cold\` with an empty cache (every image recognised).

${rows.join("\n")}

## Batches (npm run extract -- DIR)

${batches.join("\n\n")}

## OCR (tesseract.js beside the tesseract command)

${ocr.join("\n")}

## Loading into databases (npm run load)

${load.join("\n")}

## Extraction on a PostgreSQL queue (yanbao enqueue + yanbao worker, bench/queue.ts)

${queue}

## Table accuracy on the corpus truth (npm run accuracy: dev and check sets, shared scorer)

${accuracy}

## Cover facts on the cover truth (npm run accuracy:cover: dev and check sets, no OCR)

${coverFacts}

## Captions, source lines and sections of English notes (npm run accuracy:layout, no OCR)

${layout}

## Memory per table cell (text reports of generated tables, bench/cells.ts)

${cells}

## Unseen scans

${scans}
`;
writeFileSync("bench/results.md", text);
console.log(text);
