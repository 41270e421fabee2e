// A pool of extraction worker threads. Parsing is CPU-bound, so reports run in parallel only on separate threads:
// each worker takes one job at a time; the caller (a p-queue sized to the pool) never asks for more than `size`
// at once. A job that outlives its time limit, or a worker that crashes, costs that job only: the thread is
// terminated and a fresh one is started for the next job.
import { statSync } from "node:fs";
import { MessageChannel, Worker } from "node:worker_threads";
import type { OcrPool } from "../ocr/pool.ts";
import { serveOcr } from "./ocr-bridge.ts";
import type { BatchError } from "./errors.ts";
import type { Job, Progress, Result, WorkerSetup } from "./protocol.ts";

// Workers run what the main thread runs: the build's JavaScript (dist/), or TypeScript through tsx, whose loader
// hooks are registered first (an `--import tsx` in a worker's execArgv is not applied before its entry module).
// The build's workers start from its bundle of the worker's code (dist/bundle/worker.js, made by bin/bundle.js:
// one file instead of thousands of modules to resolve and read), unless the bundle is missing or older than the
// compiled files (a build that stopped after tsc): then from the compiled worker.js.
const COMPILED = import.meta.url.endsWith(".js");
const ENTRY = (COMPILED ? compiledEntry() : new URL("./worker.ts", import.meta.url)).href;
// The build's workers keep V8's compiled code of their modules in Node's on-disk compile cache (as bin/yanbao.js
// does for the main thread; a worker does not inherit it): a worker then starts without compiling its bundle again.
const BOOT = COMPILED
  ? `import("node:module").then((m) => { m.enableCompileCache?.(); return import(${JSON.stringify(ENTRY)}); });`
  : `import(${JSON.stringify(import.meta.resolve("tsx/esm/api"))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(ENTRY)}); });`;

function compiledEntry(): URL {
  const compiled = new URL("./worker.js", import.meta.url);
  const bundle = new URL("../../bundle/worker.js", import.meta.url);
  const mtime = (u: URL) => statSync(u, { throwIfNoEntry: false })?.mtimeMs ?? -1;
  return mtime(bundle) >= mtime(compiled) ? bundle : compiled;
}

/** Time a fresh worker may take to start (load its modules) before its first job's clock starts. */
const BOOT_MS = 60_000;
/** The time limit of a report covers this many pages; a longer report gets it once per this many pages. */
export const PAGES_PER_LIMIT = 10;

/** A report's time limit: `timeoutMs` for each PAGES_PER_LIMIT pages (at least once), so that a long report,
 * a scan above all, is limited in proportion to its length and a hang still ends. */
export const reportLimit = (timeoutMs: number, pages: number): number =>
  timeoutMs * Math.max(1, Math.ceil(pages / PAGES_PER_LIMIT));
/** Young generation of an extraction thread, MB (V8 splits it into its semi-spaces; 48 is its own largest). pdf.js
 * makes many short-lived objects: with 12 MB, garbage collection took a fifth of a no-OCR batch's CPU, with 48 MB
 * the batch took a quarter less CPU for some 30 MB more peak memory. With OCR the recognition dominates the CPU and
 * memory is what is short (a long scan: 782 MB peak with 12 MB, 816 MB with 48): the small one. */
const YOUNG_MB = { text: 48, ocr: 12 };

export type Outcome = Result & { healthy: boolean };

export class ExtractionThreadPool {
  private idle: Worker[] = [];
  private busy = new Set<Worker>();

  private readonly ocr: (() => Promise<OcrPool>) | null;

  /** `ocr`: the batch's OCR pool, shared by all workers, or a function making it on the first request of a worker
   * (a batch that needs no OCR never loads it), or null; `heapMb`: heap limit of each worker. */
  constructor(
    ocr: OcrPool | (() => Promise<OcrPool>) | null,
    private readonly heapMb: number,
    private readonly log: (text: string) => void,
  ) {
    this.ocr = typeof ocr === "function" || ocr === null ? ocr : async () => ocr;
  }

  /** Run one job; resolves (never rejects) with its result, or a `timeout` / `worker/crashed` error. */
  run(job: Job, timeoutMs: number, onProgress: (p: Progress) => void): Promise<Outcome> {
    const worker = this.idle.pop() ?? this.spawn();
    this.busy.add(worker);
    let last: Progress | null = null;
    return new Promise((resolve) => {
      let settled = false;
      const finish = async (result: Result, healthy: boolean) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        worker.off("message", onMessage).off("error", onError).off("exit", onExit);
        this.busy.delete(worker);
        if (healthy) this.idle.push(worker);
        else await worker.terminate(); // before the caller cleans up after it: nothing may still be writing
        resolve({ ...result, healthy });
      };
      const fail = (error: BatchError, healthy = false) =>
        void finish({ type: "result", id: job.id, ok: false, error }, healthy);
      let started = 0;
      let limit = timeoutMs;
      const onMessage = (m: Progress | Result) => {
        if (m.id !== job.id) return;
        if (m.type === "result") return void finish(m, true);
        // The job's clock starts when the worker has it, not while a fresh one boots; once the page count is known
        // the limit grows with it (a long scan is not a hang).
        if (!last) (started = performance.now()), arm(timeoutMs);
        const scaled = m.stage === "read" ? limit : reportLimit(timeoutMs, m.total);
        if (scaled > limit) (limit = scaled), arm(limit - (performance.now() - started));
        onProgress((last = m));
      };
      const onError = (e: Error & { code?: string }) => fail(crashed(e, last, this.heapMb));
      const onExit = (code: number) =>
        fail({
          code: "worker/crashed",
          page: where(last),
          message: `the extraction thread stopped (exit code ${code})${at(last)}`,
          action: "please report it, with the file if you can share it",
        });
      let timer: NodeJS.Timeout | undefined;
      const arm = (ms: number) => {
        clearTimeout(timer);
        timer = setTimeout(
          () =>
            fail({
              code: "timeout",
              page: where(last),
              message: `no result after ${seconds(last ? limit : ms)}${at(last)}`,
              action:
                "raise the limit with --timeout if the file is genuinely that long; otherwise the file makes the extractor hang: please report it",
            }),
          ms,
        );
      };
      arm(Math.max(timeoutMs, BOOT_MS));
      worker.on("message", onMessage).once("error", onError).once("exit", onExit);
      worker.postMessage(job);
    });
  }

  /** Stop every worker (idle ones at the end of a batch, busy ones when it is interrupted). */
  async close(): Promise<void> {
    const all = [...this.idle, ...this.busy];
    this.idle = [];
    await Promise.all(all.map((w) => w.terminate()));
  }

  private spawn(): Worker {
    const channel = this.ocr ? new MessageChannel() : null;
    if (channel) serveOcr(this.ocr!, channel.port1);
    const setup: WorkerSetup = { ocr: channel?.port2 ?? null };
    const worker = new Worker(BOOT, {
      eval: true,
      workerData: setup,
      transferList: channel ? [channel.port2] : [],
      stdout: true,
      stderr: true,
      resourceLimits: {
        maxOldGenerationSizeMb: this.heapMb,
        maxYoungGenerationSizeMb: this.ocr ? YOUNG_MB.ocr : YOUNG_MB.text,
      },
    });
    // A worker that dies between jobs is forgotten (the next job gets a fresh one); its error is only logged.
    // (A busy one's error is its job's failure, reported by run(); it is not logged a second time.)
    worker.on("error", (e) => {
      if (!this.busy.has(worker)) this.log(`an idle extraction thread failed: ${e.message}`);
    });
    worker.once("exit", () => {
      this.idle = this.idle.filter((w) => w !== worker);
      channel?.port1.close();
    });
    // pdf.js and friends may print; that goes to the log (stderr), never into stdout's JSON lines.
    const relay = (chunk: Buffer) => this.log(chunk.toString("utf8").trimEnd());
    worker.stdout.on("data", relay);
    worker.stderr.on("data", relay);
    worker.unref();
    return worker;
  }
}

const seconds = (ms: number) => (ms >= 10_000 ? `${Math.round(ms / 1000)} s` : `${(ms / 1000).toFixed(1)} s`);

/** The page being read when the job stopped: the one after the last page reported. */
const where = (p: Progress | null) => (p?.stage === "pages" ? p.done + 1 : null);
const at = (p: Progress | null) =>
  !p
    ? " (the worker never started the job)"
    : p.stage === "pages"
      ? ` while reading page ${p.done + 1} of ${p.total}`
      : p.stage === "read"
        ? " while reading the file"
        : " while analysing the pages read";

function crashed(e: Error & { code?: string }, last: Progress | null, heapMb: number): BatchError {
  if (e.code === "ERR_WORKER_OUT_OF_MEMORY") {
    return {
      code: "worker/out-of-memory",
      page: where(last),
      message: `the extraction needed more than its ${heapMb} MB of memory${at(last)}`,
      action: "raise the limit with --max-memory if the file is genuine",
    };
  }
  return {
    code: "worker/crashed",
    page: where(last),
    message: `the extraction thread crashed${at(last)}: ${e.stack ?? e.message}`,
    action: "please report it, with the file if you can share it",
  };
}
