// Queue benchmark (part of npm run bench; alone: npx tsx bench/queue.ts [--reports N] [--tiny N]): reports through
// `yanbao enqueue` + `yanbao worker` on a PostgreSQL queue (PG_URL's server, else a throwaway one), without OCR.
// - Throughput with 1, 2 and 3 worker processes (one job at a time each), each on a fresh database, the workers
//   started and waiting before the reports are enqueued: reports per minute from the first job's start to the
//   last one's end (the queue's own attempts table), and the wall time from enqueueing to the last report done.
// - The queue's overhead per job: tiny text reports (extraction takes milliseconds) through one worker, time per
//   job from first start to last end, minus the time per report of a single-machine `extract --concurrency 1` +
//   `load` of the same files: what taking a job, fetching its input, recording its attempt, loading it in the
//   job's transaction and completing it cost beyond extracting and loading.
import { spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import pg from "pg";
import { createDatabase, findPostgres } from "../test/support/pg-server.ts";

const CORPUS = "../shared/fixtures/corpus";
const CLI = ["--single-threaded-gc", "--import", "tsx", "pipeline/cli.ts"];

export interface QueueRun {
  workers: number;
  reports: number;
  /** Reports per minute from the first attempt's start to the last one's end. */
  perMinute: number;
  /** Wall time from enqueueing (the workers waiting) to the last report done. */
  wallSeconds: number;
}

export interface QueueBench {
  inputs: string;
  runs: QueueRun[];
  overhead: { jobs: number; queueMsPerJob: number; singleMachineMsPerJob: number; overheadMs: number } | null;
  skipped?: string;
}

function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [...CLI, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c));
    child.stderr.on("data", (c: Buffer) => (stderr += c));
    child.once("exit", (code) => done({ code, stdout, stderr }));
  });
}

async function must(args: string[]): Promise<string> {
  const r = await cli(args);
  if (r.code !== 0) throw new Error(`yanbao ${args.join(" ")} exited ${r.code}: ${r.stderr}`);
  return r.stdout;
}

/** Span of the attempts done, in ms, from the queue's own records. */
async function span(url: string): Promise<{ ms: number; done: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(
      "SELECT count(*)::int AS done, extract(epoch FROM max(ended_at) - min(started_at))::float8 * 1000 AS ms FROM yanbao_queue.attempts WHERE outcome = 'done'",
    );
    return { ms: rows[0].ms, done: rows[0].done };
  } finally {
    await client.end();
  }
}

/** Start `workers` worker processes on a fresh database and wait until they are taking jobs, then enqueue `files`
 * and wait until every one is done (the queue's own records), then stop the workers (SIGTERM). Start-up of the
 * processes is left out; a worker's first job includes starting its extraction thread, as in any batch. */
async function drain(admin: string, files: string[], workers: number): Promise<QueueRun & { ms: number }> {
  const db = await createDatabase(admin, "yanbao_bench_queue");
  const children = Array.from({ length: workers }, () =>
    spawn(process.execPath, [...CLI, "worker", "--db", db.url, "--concurrency", "1", "--log", "json"], {
      stdio: ["ignore", "pipe", "inherit"],
    }),
  );
  const exits = children.map((c) => new Promise<number | null>((done) => c.once("exit", done)));
  try {
    await Promise.all(
      children.map(
        (c, i) =>
          new Promise<void>((ready, fail) => {
            c.stdout.on("data", (chunk: Buffer) => chunk.toString().includes('"event":"start"') && ready());
            void exits[i]!.then((code) => fail(new Error(`a worker exited ${code} before starting`)));
          }),
      ),
    );
    const started = performance.now();
    await must(["enqueue", ...files, "--db", db.url, "--no-ocr"]);
    let progress = await span(db.url);
    while (progress.done < files.length) {
      await new Promise((r) => setTimeout(r, 250));
      progress = await span(db.url);
    }
    const wallSeconds = (performance.now() - started) / 1000;
    return {
      workers,
      reports: progress.done,
      perMinute: progress.done / (progress.ms / 60_000),
      wallSeconds,
      ms: progress.ms,
    };
  } finally {
    for (const c of children) c.kill("SIGTERM");
    await Promise.all(exits);
    await db.drop();
  }
}

/** Tiny distinct text reports: a title and one small table each. */
async function tinyReports(dir: string, n: number): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const files: string[] = [];
  for (let i = 0; i < n; i++) {
    const file = join(dir, `tiny-${String(i).padStart(3, "0")}.txt`);
    await writeFile(
      file,
      `Benchmark note ${i}\n\nModel\tMMLU\tGSM8K\nAlpha-${i}\t${50 + (i % 40)}.5\t${30 + (i % 50)}.1\nBeta-${i}\t61.2\t44.0\n`,
    );
    files.push(file);
  }
  return files;
}

/** Single-machine extract (one at a time) + load of the same files: ms per report, as the two commands measure
 * their own work (the batch's time from its summary, each report's load time), process start-up left out as it
 * is from the queue's figure. */
async function singleMachine(admin: string, files: string[], out: string): Promise<number> {
  const db = await createDatabase(admin, "yanbao_bench_single");
  try {
    const extract = await must(["extract", ...files, "--out", out, "--no-ocr", "--concurrency", "1", "--log", "json"]);
    const summary = JSON.parse(extract.trim().split("\n").pop()!) as { ms: number };
    const load = await must(["load", out, "--db", db.url]);
    const loadMs = [...load.matchAll(/rows in (\d+) ms\)/g)].reduce((sum, m) => sum + Number(m[1]), 0);
    return (summary.ms + loadMs) / files.length;
  } finally {
    await db.drop();
  }
}

export async function benchQueue(options: { reports?: number; tiny?: number } = {}): Promise<QueueBench> {
  const corpus = ["en", "zh"].flatMap((d) =>
    existsSync(join(CORPUS, d))
      ? readdirSync(join(CORPUS, d))
          .filter((f) => f.endsWith(".pdf"))
          .sort()
          .map((f) => join(CORPUS, d, f))
      : [],
  );
  const files = [...corpus, "sources/tianfeng-2024-03-09-llm-text.txt"].slice(0, options.reports ?? 26);
  const inputs = `${files.length} reports (${corpus.length ? `the PDFs of ${CORPUS}, English and Chinese, and the seed text report` : "../shared absent: sources/ only"}), no OCR`;
  const server = await findPostgres();
  if (!server.ok) return { inputs, runs: [], overhead: null, skipped: server.reason };
  const scratch = await mkdtemp(join(tmpdir(), "bench-queue-"));
  try {
    const runs: QueueRun[] = [];
    for (const workers of [1, 2, 3]) runs.push(await drain(server.server.url, files, workers));
    const tiny = await tinyReports(join(scratch, "tiny"), options.tiny ?? 30);
    const queued = await drain(server.server.url, tiny, 1);
    const single = await singleMachine(server.server.url, tiny, join(scratch, "out"));
    const queueMsPerJob = queued.ms / tiny.length;
    return {
      inputs,
      runs,
      overhead: { jobs: tiny.length, queueMsPerJob, singleMachineMsPerJob: single, overheadMs: queueMsPerJob - single },
    };
  } finally {
    await rm(scratch, { recursive: true, force: true });
    await server.server.stop();
  }
}

export function formatQueueBench(b: QueueBench): string {
  if (b.skipped) return `queue: skipped (${b.skipped})`;
  const base = b.runs[0]?.perMinute ?? 0;
  const rows = [
    "| worker processes | reports | reports/min (first start → last end) | speed-up | wall s (enqueue → last done) |",
    "|---|---|---|---|---|",
  ];
  for (const r of b.runs)
    rows.push(
      `| ${r.workers} | ${r.reports} | ${r.perMinute.toFixed(1)} | ${(r.perMinute / base).toFixed(2)}× | ${r.wallSeconds.toFixed(1)} |`,
    );
  const o = b.overhead;
  const overhead = o
    ? `Queue overhead per job: ${o.overheadMs.toFixed(0)} ms (${o.jobs} tiny text reports through one worker: ${o.queueMsPerJob.toFixed(0)} ms per job, against ${o.singleMachineMsPerJob.toFixed(0)} ms per report for extract --concurrency 1 + load on one machine; start-up left out of both).`
    : "";
  return `Inputs: ${b.inputs}; each worker process takes one job at a time (--concurrency 1).\n\n${rows.join("\n")}\n\n${overhead}`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const { values } = parseArgs({ options: { reports: { type: "string" }, tiny: { type: "string" } } });
  console.log(
    formatQueueBench(
      await benchQueue({
        reports: values.reports ? Number(values.reports) : undefined,
        tiny: values.tiny ? Number(values.tiny) : undefined,
      }),
    ),
  );
}
