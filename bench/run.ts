// npm run bench: wall time and peak memory of extractions (each in a fresh process), with reference tools run
// side by side when installed (pdftotext -layout for PDF reading), a batch of 50 reports at concurrency 1 and 2
// (bench/batch.ts), database loads, the PostgreSQL queue with 1, 2 and 3 worker processes (bench/queue.ts), table
// and cover-fact accuracy on hand-checked truth (bench/accuracy.ts, bench/cover.ts), and tables read from synthetic
// scans of real-report pages (bench/scans.ts);
// written to bench/results.md with the machine it ran on. `npm run bench -- --speed` runs the corpus part alone,
// `npm run bench -- --startup` the start-up part alone (each replaces only its section of bench/results.md);
// `npm run bench -- --help` lists these.
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

if (process.argv.includes("--help")) {
  console.log(`usage: npm run bench [-- --speed | --startup]
  (nothing)  every benchmark; writes bench/results.md (takes hours on 2 cores)
  --speed    speed and memory on the corpus only (bench/corpus.ts); replaces its section of bench/results.md
  --startup  start-up only: yanbao --help and a one-line text report, whole processes as a user runs them
             (node bin/yanbao.js), median of BENCH_RUNS (default 9) runs, beside node -e 0; replaces its section`);
  process.exit(0);
}

/** One whole process as a user runs it: wall time, CPU time (all threads) and peak RSS (/usr/bin/time when it is
 * there, else CPU and peak are not known). */
function whole(args: string[]): { ms: number; cpuMs: number | null; maxRssMB: number | null } {
  const gnuTime = existsSync("/usr/bin/time");
  const start = performance.now();
  const r = gnuTime
    ? spawnSync("/usr/bin/time", ["-f", "%M %U %S", process.execPath, ...args], { encoding: "utf8" })
    : spawnSync(process.execPath, args, { encoding: "utf8" });
  const ms = performance.now() - start;
  if (r.status !== 0) throw new Error(`node ${args.join(" ")} exited ${r.status}: ${r.stderr}`);
  if (!gnuTime) return { ms, cpuMs: null, maxRssMB: null };
  const [kb, user, sys] = r.stderr.trim().split("\n").pop()!.split(" ").map(Number);
  return { ms, cpuMs: (user! + sys!) * 1000, maxRssMB: kb! / 1024 };
}

/** Start-up (issue 17: under 0.5 s): `yanbao --help`, and a one-line text report extracted end to end (an
 * extraction thread started, the report's folder written), each the whole \`node bin/yanbao.js\` process a user
 * starts (its check of the build, the compiled CLI), beside Node doing nothing. The commands take turns, so that
 * a change in the machine's load slows all alike; each figure is the median of its runs. */
function startUp(runs: number): string {
  if (spawnSync(process.execPath, ["-e", STALE_BUILD], { encoding: "utf8" }).stdout.trim() !== "fresh")
    spawnSync("npm", ["run", "build"], { encoding: "utf8" });
  const dir = mkdtempSync(join(tmpdir(), "bench-start-"));
  const one = join(dir, "one-line.txt");
  writeFileSync(one, "一行\n");
  let n = 0;
  const commands: [string, () => string[]][] = [
    ["node -e 0 (Node alone)", () => ["-e", "0"]],
    ["yanbao --help", () => ["bin/yanbao.js", "--help"]],
    [
      "yanbao extract one-line.txt --out DIR",
      () => ["bin/yanbao.js", "extract", one, "--out", join(dir, `out-${n++}`)],
    ],
  ];
  const runsOf = commands.map(() => [] as ReturnType<typeof whole>[]);
  for (const [, args] of commands) whole(args()); // unmeasured: fills Node's compile cache
  for (let i = 0; i < runs; i++) commands.forEach(([, args], k) => runsOf[k]!.push(whole(args())));
  rmSync(dir, { recursive: true, force: true });
  const med = (xs: (number | null)[]) =>
    xs.includes(null) ? null : [...(xs as number[])].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const s = (ms: number | null) => (ms === null ? "" : (ms / 1000).toFixed(2));
  const rows = commands.map(([what], k) => {
    const r = runsOf[k]!;
    const peak = med(r.map((x) => x.maxRssMB));
    return `| ${what} | ${s(med(r.map((x) => x.ms)))} | ${s(Math.min(...r.map((x) => x.ms)))} | ${s(med(r.map((x) => x.cpuMs)))} | ${peak === null ? "" : peak.toFixed(0)} |`;
  });
  return [
    `Machine: ${machineOf()}. Each command run ${runs} times, the commands taking turns; whole processes (\`node bin/yanbao.js\` as a user starts it: the check of the build, the compiled CLI, an extraction thread started from dist/bundle/worker.js, the report's folder written); medians; CPU: all threads of the process; peak: its resident memory (/usr/bin/time). Node's on-disk compile cache warm (an unmeasured first run of each command fills it).`,
    "",
    "| command | wall s (median) | wall s (fastest) | CPU s | peak MB |",
    "|---|---|---|---|---|",
    ...rows,
  ].join("\n");
}

/** Prints "fresh" when dist/ is newer than every file of pipeline/ and schemas/ (as bin/yanbao.js checks). */
const STALE_BUILD = `const fs=require("fs"),p=require("path");let t=0;for(const d of["pipeline","schemas"])for(const e of fs.readdirSync(d,{recursive:true,withFileTypes:true}))if(e.isFile())t=Math.max(t,fs.statSync(p.join(e.parentPath,e.name)).mtimeMs);let b=-1;try{b=fs.statSync("dist/pipeline/cli.js").mtimeMs}catch{}console.log(b>=t?"fresh":"stale")`;

/** Replaces the section headed `heading` of bench/results.md (or adds it before the first other section). */
function replaceSection(heading: string, body: string): string {
  const old = existsSync("bench/results.md") ? readFileSync("bench/results.md", "utf8") : "# Benchmark\n";
  const section = `${heading}\n\n${body}\n\n`;
  const at = old.indexOf(heading);
  const end = at < 0 ? -1 : old.indexOf("\n## ", at + heading.length);
  const text =
    at < 0
      ? old.replace(/\n## /, `\n${section}## `)
      : `${old.slice(0, at)}${section}${end < 0 ? "" : old.slice(end + 1)}`;
  writeFileSync("bench/results.md", text.includes(heading) ? text : `${old}\n${section}`);
  return section;
}

const load0 = loadavg()[0]!;
const machineOf = () =>
  `${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; load average ${load0.toFixed(1)} at the start, ${loadavg()[0]!.toFixed(1)} at the end (other work on the machine slows every figure)`;
const STARTUP = "## Start-up (npm run bench -- --startup)";
if (process.argv.includes("--startup")) {
  console.log(replaceSection(STARTUP, startUp(Number(process.env.BENCH_RUNS) || 9)));
  process.exit(0);
}
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
const startup = startUp(Number(process.env.BENCH_RUNS) || 9);
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

${STARTUP}

${startup}

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
