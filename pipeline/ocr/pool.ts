// A pool of OCR workers shared by every report of a batch: as many tesseract.js workers as the machine has cores,
// started on first use and kept, jobs scheduled with p-queue, a time limit per image (a worker that overruns it is
// terminated and replaced; the image gets a `timeout` result, which becomes an `ocr/timeout` problem), and the
// cache in front so that an image already seen is never recognised again.
import { availableParallelism } from "node:os";
import PQueue from "p-queue";
import type { OcrResult } from "../../schemas/index.ts";
import { DEFAULT_CACHE_DIR, OcrCache } from "./cache.ts";
import {
  engineId,
  failedResult,
  languageFolder,
  recognize,
  startWorker,
  type EngineWorker,
  type Psm,
} from "./engine.ts";

export interface OcrPoolOptions {
  /** Number of workers (default: the machine's cores). */
  size?: number;
  /** Time limit for one image, ms (default 60 s). */
  timeoutMs?: number;
  /** Cache folder, or false for none (default `.cache/ocr/` of the project). */
  cacheDir?: string | false;
  /** Terminate idle workers after this many ms without work (default: never; close() ends them). */
  idleCloseMs?: number;
}

export interface PreparedJob {
  /** encoded image (PGM) as the engine reads it */
  image: Buffer;
  width: number;
  height: number;
  /** measurements of the prepared image kept with the words (skew, rules) */
  aux: Record<string, unknown>;
}

export interface OcrJob {
  /** sha256 of the image's decoded pixels */
  pixels: string;
  /** preparation settings; with the engine id and psm they complete the cache key */
  settings: string;
  psm: Psm;
  /** prepare the image (only called when the cache does not have it) */
  prepare(): PreparedJob;
}

export interface OcrOutcome {
  result: OcrResult;
  aux: Record<string, unknown>;
  cached: boolean;
}

/** What the OCR stage asks of a pool: the engine's identity, recognitions, and the cache when there is one. An
 * OcrPool is one; a batch's extraction threads get a stand-in that forwards to the main thread's pool. */
export interface OcrService {
  engineId(): Promise<string>;
  recognize(job: OcrJob): Promise<OcrOutcome>;
  readonly cache?: OcrCache | null;
}

export interface OcrPoolStats {
  recognised: number;
  cached: number;
  timeouts: number;
  errors: number;
  workersStarted: number;
  recognizeMs: number;
}

export class OcrPool implements OcrService {
  readonly size: number;
  readonly timeoutMs: number;
  readonly cache: OcrCache | null;
  readonly stats: OcrPoolStats = {
    recognised: 0,
    cached: 0,
    timeouts: 0,
    errors: 0,
    workersStarted: 0,
    recognizeMs: 0,
  };
  private readonly queue: PQueue;
  private readonly idle: EngineWorker[] = [];
  private readonly busy = new Set<EngineWorker>();
  private langPath: Promise<string> | null = null;
  private engine: Promise<string> | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  private closed = false;
  private readonly inFlight = new Map<string, Promise<OcrOutcome>>();

  constructor(private readonly options: OcrPoolOptions = {}) {
    this.size = Math.max(1, options.size ?? availableParallelism());
    this.timeoutMs = options.timeoutMs ?? 60_000;
    const dir = options.cacheDir === undefined ? DEFAULT_CACHE_DIR : options.cacheDir;
    this.cache = dir === false ? null : new OcrCache(dir);
    this.queue = new PQueue({ concurrency: this.size });
  }

  /** Engine, core and language data versions (part of every cache key and of the report's OCR data). */
  engineId(): Promise<string> {
    return (this.engine ??= engineId());
  }

  /** Recognise one image: from the cache when it was seen before, else on a worker of the pool. The same image
   * asked for again while it is being recognised (two copies of a report in a batch, a logo on every page) is
   * recognised once. */
  async recognize(job: OcrJob): Promise<OcrOutcome> {
    const key = OcrCache.key({
      engine: await this.engineId(),
      settings: `${job.settings};psm=${job.psm}`,
      pixels: job.pixels,
    });
    const running = this.inFlight.get(key);
    if (running) return running;
    const outcome = this.recognizeKey(key, job);
    this.inFlight.set(key, outcome);
    void outcome.finally(() => this.inFlight.delete(key)).catch(() => {});
    return outcome;
  }

  /** The cached outcome of an image, without preparing it; null when it is not in the cache. */
  async lookup(job: Omit<OcrJob, "prepare">): Promise<OcrOutcome | null> {
    const key = OcrCache.key({
      engine: await this.engineId(),
      settings: `${job.settings};psm=${job.psm}`,
      pixels: job.pixels,
    });
    const hit = await this.cache?.get(key);
    if (!hit) return null;
    this.stats.cached++;
    return { ...hit, cached: true };
  }

  private async recognizeKey(key: string, job: OcrJob): Promise<OcrOutcome> {
    const hit = await this.cache?.get(key);
    if (hit) {
      this.stats.cached++;
      return { ...hit, cached: true };
    }
    if (this.closed) throw new Error("the OCR pool is closed");
    const prepared = job.prepare();
    this.cancelIdleClose();
    const result = await this.queue.add(() => this.run(prepared, job.psm));
    this.scheduleIdleClose();
    await this.cache?.put(key, { result, aux: prepared.aux });
    return { result, aux: prepared.aux, cached: false };
  }

  private async acquire(): Promise<EngineWorker> {
    const w = this.idle.pop();
    if (w) return w;
    this.langPath ??= languageFolder(this.cache?.dir);
    this.stats.workersStarted++;
    return startWorker(await this.langPath);
  }

  private async run(job: PreparedJob, psm: Psm): Promise<OcrResult> {
    let worker: EngineWorker;
    try {
      worker = await this.acquire();
    } catch (e) {
      this.stats.errors++;
      return failedResult("error", `the OCR engine did not start: ${(e as Error).message ?? e}`, job.width, job.height);
    }
    this.busy.add(worker);
    let timer: NodeJS.Timeout | undefined;
    const started = performance.now();
    const limit = new Promise<"timeout">((resolve) => {
      timer = setTimeout(() => resolve("timeout"), this.timeoutMs);
    });
    try {
      // The recognition that loses the race still runs on (into a terminated worker, where tesseract.js rejects):
      // its rejection is handled here, or it would be an unhandled rejection that ends the process.
      const work = recognize(worker, job.image, job.width, job.height, psm);
      work.catch(() => {});
      const outcome = await Promise.race([work, limit]);
      if (outcome === "timeout") {
        this.stats.timeouts++;
        this.busy.delete(worker);
        void worker.terminate().catch(() => {});
        return failedResult(
          "timeout",
          `recognition took longer than the limit of ${this.timeoutMs / 1000} s`,
          job.width,
          job.height,
        );
      }
      this.stats.recognised++;
      this.stats.recognizeMs += performance.now() - started;
      this.release(worker);
      return outcome;
    } catch (e) {
      this.stats.errors++;
      // A worker that failed may be broken: replace it.
      this.busy.delete(worker);
      void worker.terminate().catch(() => {});
      return failedResult("error", `recognition failed: ${String((e as Error)?.message ?? e)}`, job.width, job.height);
    } finally {
      clearTimeout(timer);
    }
  }

  private release(worker: EngineWorker): void {
    this.busy.delete(worker);
    if (this.closed) void worker.terminate().catch(() => {});
    else this.idle.push(worker);
  }

  private cancelIdleClose(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }

  private scheduleIdleClose(): void {
    const ms = this.options.idleCloseMs;
    if (ms === undefined || this.queue.size > 0 || this.queue.pending > 0) return;
    this.cancelIdleClose();
    this.idleTimer = setTimeout(() => void this.terminateIdle(), ms);
    this.idleTimer.unref();
  }

  private async terminateIdle(): Promise<void> {
    const workers = this.idle.splice(0);
    await Promise.all(workers.map((w) => w.terminate().catch(() => {})));
  }

  /** Wait for the queued work, then terminate every worker. */
  async close(): Promise<void> {
    this.closed = true;
    this.cancelIdleClose();
    await this.queue.onIdle();
    await this.terminateIdle();
  }
}

let shared: OcrPool | null = null;

/** The pool used when the caller passes none: shared by every extraction of the process; its workers end after
 * a second without work, so a command line run exits by itself. A batch should rather create one pool, pass it
 * to every extraction and close it at the end. */
export function sharedOcrPool(): OcrPool {
  return (shared ??= new OcrPool({ idleCloseMs: 1000 }));
}
