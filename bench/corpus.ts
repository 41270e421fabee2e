// Speed and memory on the corpus, side by side with the reference tools in the same run (npm run bench; alone:
// npx tsx bench/corpus.ts [--runs N]): the corpus's text-layer PDFs (../shared/fixtures/corpus/en and zh) through
// the compiled CLI (dist/, as users run it) one at a time without OCR, with OCR on a cold and on a warm cache, a long
// scanned report (bench/long-scan.ts), one 20-page report end to end, the start-up, and the 90,000-cell text report
// under the default limits; beside them `pdftotext -layout` on the same PDFs and `pdftoppm` + native `tesseract` on
// the scan ("not installed" when absent). Each figure is the median of several runs (whole processes: Node's start
// included); ratios are to the reference measured in the same run, so a loaded machine slows both sides alike.
import { execFile, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { bigReport } from "./cells.ts";
import { longScan } from "./long-scan.ts";
import { LANGUAGES } from "../pipeline/ocr/engine.ts";

const run = promisify(execFile);
export const CORPUS = ["../shared/fixtures/corpus/en", "../shared/fixtures/corpus/zh"];
/** For a quick try of the benchmark itself: other folders (BENCH_CORPUS=a,b) and another scan (BENCH_SCAN=file). */
const corpus = () => process.env.BENCH_CORPUS?.split(",") ?? CORPUS;
const ONE_REPORT = "../shared/fixtures/real/tianfeng-2018-index-enhance.pdf";
const CLI = "dist/pipeline/cli.js";

export interface Row {
  what: string;
  pages: number | null;
  ms: number;
  /** CPU time, all threads: on a shared machine a steadier measure than wall time */
  cpuMs: number | null;
  maxRssMB: number | null;
  /** images recognised by an engine (OCR runs) */
  recognised?: number;
  /** a reference tool on the same input: its name and median wall time, or why there is none */
  reference?: { tool: string; ms: number | null; cpuMs?: number | null; maxRssMB?: number | null; note?: string };
  note?: string;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const pdfsOf = (dirs: string[]) =>
  dirs.flatMap((d) =>
    existsSync(d)
      ? readdirSync(d)
          .filter((f) => f.endsWith(".pdf"))
          .map((f) => join(d, f))
      : [],
  );

interface CliRun {
  ms: number;
  cpuMs: number;
  pages: number;
  maxRssMB: number;
  recognised: number;
  failed: number;
}

/** One CLI process: `yanbao extract ARGS --log json` with its own output folder and OCR cache. */
async function cli(args: string[], cache: string): Promise<CliRun> {
  const out = mkdtempSync(join(tmpdir(), "bench-out-"));
  const start = performance.now();
  const r = await run(
    process.execPath,
    ["--single-threaded-gc", CLI, "extract", ...args, "--out", out, "--log", "json"],
    {
      env: { ...process.env, YANBAO_OCR_CACHE: cache },
      maxBuffer: 2 ** 28,
    },
  ).catch((e: { stdout?: string }) => ({ stdout: e.stdout ?? "" }));
  const ms = performance.now() - start;
  rmSync(out, { recursive: true, force: true });
  const lines = r.stdout
    .trim()
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  const summary = (lines.find((l) => l.event === "summary") ?? {}) as {
    maxRssMB?: number;
    cpuMs?: number;
    failed?: number;
    ocr?: { recognised: number };
  };
  const pages = lines.filter((l) => l.event === "done").reduce((n, l) => n + Number(l.pages ?? 0), 0);
  const failed = summary.failed ?? 1;
  const recognised = summary.ocr?.recognised ?? 0;
  return { ms, cpuMs: summary.cpuMs ?? NaN, pages, maxRssMB: summary.maxRssMB ?? NaN, recognised, failed };
}

/** The median run of `runs`, each with a fresh cache (cold) or the same one filled beforehand (warm). */
async function medianCli(args: string[], runs: number, cache: "cold" | "warm" | "none"): Promise<CliRun> {
  const scratch = mkdtempSync(join(tmpdir(), "bench-cache-"));
  const warm = join(scratch, "warm");
  if (cache === "warm") await cli(args, warm);
  const results: CliRun[] = [];
  for (let i = 0; i < runs; i++) results.push(await cli(args, cache === "warm" ? warm : join(scratch, `cold-${i}`)));
  rmSync(scratch, { recursive: true, force: true });
  return results.sort((a, b) => a.ms - b.ms)[Math.floor(runs / 2)]!;
}

/** Wall time and peak memory of one command (peak through /usr/bin/time when it is there). */
interface Timed {
  ms: number;
  cpuMs: number | null;
  maxRssMB: number | null;
}
function timed(cmd: string, args: string[], env?: NodeJS.ProcessEnv): Timed {
  const gnuTime = existsSync("/usr/bin/time");
  const start = performance.now();
  const r = gnuTime
    ? spawnSync("/usr/bin/time", ["-f", "%M %U %S", cmd, ...args], { encoding: "utf8", env, maxBuffer: 2 ** 28 })
    : spawnSync(cmd, args, { encoding: "utf8", env, maxBuffer: 2 ** 28 });
  const ms = performance.now() - start;
  if (r.error || r.status !== 0) throw new Error(`${cmd} failed: ${r.error?.message ?? r.stderr}`);
  const [kb, user, sys] = gnuTime ? r.stderr.trim().split("\n").pop()!.split(" ").map(Number) : [];
  const cpuMs = user !== undefined && sys !== undefined ? (user + sys) * 1000 : null;
  return { ms, cpuMs, maxRssMB: kb ? kb / 1024 : null };
}

const installed = (cmd: string, flag = "-v") => !spawnSync(cmd, [flag]).error;

/** The sum of several commands' runs: wall and CPU time, and the largest peak. */
function sum(parts: Timed[]): Timed {
  const cpu = parts.every((p) => p.cpuMs !== null) ? parts.reduce((n, p) => n + p.cpuMs!, 0) : null;
  const peak = Math.max(0, ...parts.map((p) => p.maxRssMB ?? 0));
  return { ms: parts.reduce((n, p) => n + p.ms, 0), cpuMs: cpu, maxRssMB: peak || null };
}

/** The run with the median wall time of `runs`. */
function medianOf(runs: number, once: () => Timed): Timed {
  return Array.from({ length: runs }, once).sort((a, b) => a.ms - b.ms)[Math.floor(runs / 2)]!;
}

/** pdftotext -layout over the PDFs one at a time. */
function pdftotext(pdfs: string[], runs: number): Row["reference"] {
  const tool = "pdftotext -layout";
  if (!installed("pdftotext")) return { tool, ms: null, note: "not installed" };
  return { tool, ...medianOf(runs, () => sum(pdfs.map((f) => timed("pdftotext", ["-layout", f, "/dev/null"])))) };
}

/** pdftoppm -r 300 -gray then native tesseract page by page (its own threads, the same languages, sparse text). */
function nativeOcr(pdf: string, runs: number): Row["reference"] {
  const tool = "pdftoppm -r 300 -gray + tesseract";
  if (!installed("pdftoppm")) return { tool, ms: null, note: "pdftoppm not installed" };
  if (!installed("tesseract", "--version")) return { tool, ms: null, note: "tesseract not installed" };
  return {
    tool,
    ...medianOf(runs, () => {
      const dir = mkdtempSync(join(tmpdir(), "bench-tess-"));
      const render = timed("pdftoppm", ["-r", "300", "-gray", pdf, join(dir, "p")]);
      const pages = readdirSync(dir)
        .sort()
        .map((page) => timed("tesseract", [join(dir, page), "-", "-l", LANGUAGES.join("+"), "--psm", "11"]));
      rmSync(dir, { recursive: true, force: true });
      return sum([render, ...pages]);
    }),
  };
}

/** Each text-layer PDF alone in its own process without OCR: the largest peak and the slowest pages/s. */
async function perReport(pdfs: string[]): Promise<Row> {
  let worst = { file: "", mb: 0 };
  let pages = 0;
  let ms = 0;
  let cpuMs = 0;
  for (const f of pdfs) {
    const r = await cli([f, "--no-ocr"], join(tmpdir(), "bench-unused-cache"));
    pages += r.pages;
    ms += r.ms;
    cpuMs += r.cpuMs;
    if (r.maxRssMB > worst.mb) worst = { file: f, mb: r.maxRssMB };
  }
  return {
    what: `each corpus PDF in its own process, no OCR (peak of the largest: ${worst.file.split("/").pop()})`,
    pages,
    ms,
    cpuMs,
    maxRssMB: worst.mb,
  };
}

export interface CorpusBench {
  rows: Row[];
  runs: number;
  load: [number, number];
  build: string;
  dirs: string[];
}

/** The compiled CLI is what is measured: built first (npm run build) when a source is newer than it. tsc writes
 * the JavaScript even when another file fails its type check, so a half-edited tree still builds. */
export function ensureBuild(): string {
  const fresh = spawnSync(process.execPath, ["-e", STALE], { encoding: "utf8" }).stdout.trim() === "fresh";
  if (fresh) return "dist/ up to date";
  const b = spawnSync("npm", ["run", "build"], { encoding: "utf8" });
  return b.status === 0 ? "dist/ rebuilt (npm run build)" : "dist/ rebuilt with type errors (npm run build)";
}

/** Prints "fresh" when dist/pipeline/cli.js is newer than every file of pipeline/ and schemas/ (as bin/yanbao.js). */
const STALE = `const fs=require("fs"),p=require("path");let t=0;for(const d of["pipeline","schemas"])for(const e of fs.readdirSync(d,{recursive:true,withFileTypes:true}))if(e.isFile())t=Math.max(t,fs.statSync(p.join(e.parentPath,e.name)).mtimeMs);let b=-1;try{b=fs.statSync("${CLI}").mtimeMs}catch{}console.log(b>=t?"fresh":"stale")`;

export async function benchCorpus(runs = 3): Promise<CorpusBench> {
  const build = ensureBuild();
  const load0 = loadavg()[0]!;
  const dirs = corpus();
  const pdfs = pdfsOf(dirs);
  const rows: Row[] = [];
  const text = pdftotext(pdfs, runs);
  const off = await medianCli([...dirs, "--no-ocr", "--concurrency", "1"], runs, "none");
  rows.push({ what: "corpus, no OCR, one at a time", ...off, reference: text });
  rows.push(await perReport(pdfs));
  const cold = await medianCli(dirs, runs, "cold");
  rows.push({ what: "corpus, OCR on, cold cache (default concurrency)", ...cold, reference: text });
  const warm = await medianCli(dirs, runs, "warm");
  rows.push({ what: "corpus, OCR on, warm cache", ...warm, reference: text });
  const scan = process.env.BENCH_SCAN ?? (await longScan());
  // A long scan on a loaded machine may need more than the default time limits; they are not what is measured.
  const scanned = await medianCli([scan, "--timeout", "3600", "--ocr-timeout", "600"], Math.min(runs, 2), "cold");
  rows.push({ what: `scan ${scan.split("/").pop()}, OCR cold`, ...scanned, reference: nativeOcr(scan, 1) });
  if (existsSync(ONE_REPORT)) {
    const one = await medianCli([ONE_REPORT, "--no-ocr"], runs, "none");
    rows.push({
      what: `one 20-page report end to end, no OCR (${ONE_REPORT.split("/").pop()})`,
      ...one,
      reference: pdftotext([ONE_REPORT], runs),
    });
  }
  rows.push(await startUp(runs));
  rows.push(await bigText());
  return { rows, runs, load: [load0, loadavg()[0]!], build, dirs };
}

/** Start-up: a one-line text report end to end, beside Node starting and doing nothing. */
async function startUp(runs: number): Promise<Row> {
  const dir = mkdtempSync(join(tmpdir(), "bench-start-"));
  const file = join(dir, "one-line.txt");
  writeFileSync(file, "一行\n");
  const r = await medianCli([file], runs, "none");
  const node = medianOf(runs, () => timed(process.execPath, ["-e", "0"]));
  rmSync(dir, { recursive: true, force: true });
  return { what: "start-up: a one-line text report", ...r, pages: null, reference: { tool: "node -e 0", ...node } };
}

/** The 90,000-cell text report (10 tables of 1,000 rows) through the CLI with its default limits. */
async function bigText(): Promise<Row> {
  const dir = mkdtempSync(join(tmpdir(), "bench-big-"));
  const file = join(dir, "cells-90000.txt");
  writeFileSync(file, bigReport(10, 1000));
  const r = await cli([file], join(dir, "cache"));
  rmSync(dir, { recursive: true, force: true });
  return { what: "90,000-cell text report, default limits", ...r, pages: null, note: r.failed ? "FAILED" : "done" };
}

const f0 = (x: number | null | undefined) => (x === null || x === undefined || !Number.isFinite(x) ? "" : x.toFixed(0));

export function formatCorpusBench(b: CorpusBench): string {
  const s = (ms: number | null | undefined) => (ms ? (ms / 1000).toFixed(2) : "");
  const lines = [
    `Corpus: ${b.dirs.join(", ")} (${b.rows[0]?.pages ?? 0} pages). ${b.build}. Median of ${b.runs} runs (the scan: of ${Math.min(b.runs, 2)}), each a whole \`node dist/pipeline/cli.js extract … --log json\` process (Node's start-up included); CPU s: all threads of the process; peak MB: the process's (all threads: extraction, OCR engines); load average ${b.load[0].toFixed(1)} at the start of this part, ${b.load[1].toFixed(1)} at its end. Ratios: this tool / the reference, measured in the same run (wall time; CPU time, steadier on a shared machine).`,
    "",
    "| run | pages | wall s | CPU s | pages/s | peak MB | images recognised | reference | ref. wall s | ref. CPU s | ref. pages/s | ref. peak MB | ratio wall | ratio CPU |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
  ];
  for (const r of b.rows) {
    const ref = r.reference;
    const rate = (pages: number, ms: number) => (pages / (ms / 1000)).toFixed(pages / (ms / 1000) < 1 ? 2 : 1);
    const pps = r.pages ? rate(r.pages, r.ms) : "";
    const refPps = ref?.ms && r.pages ? rate(r.pages, ref.ms) : "";
    const ratio = (x: number | null | undefined, y: number | null | undefined) =>
      x && y ? `${(x / y).toFixed(1)}×` : "";
    lines.push(
      `| ${r.what}${r.note ? ` (${r.note})` : ""} | ${r.pages ?? ""} | ${s(r.ms)} | ${s(r.cpuMs)} | ${pps} | ${f0(r.maxRssMB)} | ${r.recognised ?? ""} | ${ref?.tool ?? ""} | ${ref?.ms ? s(ref.ms) : (ref?.note ?? "")} | ${s(ref?.cpuMs)} | ${refPps} | ${f0(ref?.maxRssMB)} | ${ratio(r.ms, ref?.ms)} | ${ratio(r.cpuMs, ref?.cpuMs)} |`,
    );
  }
  return lines.join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const at = process.argv.indexOf("--runs");
  console.log(formatCorpusBench(await benchCorpus(at > 0 ? Number(process.argv[at + 1]) : 3)));
}
