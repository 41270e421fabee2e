// Batch extraction: many reports, in parallel worker threads, each written to its folder as soon as it is done.
// A bad file costs only itself (an error record); an unchanged report is skipped; the run ends with a summary.
import { availableParallelism } from "node:os";
import { extname, join } from "node:path";
import PQueue from "p-queue";
import type { OcrPool, OcrPoolStats } from "../ocr/pool.ts";
import { vanished, type BatchError } from "./errors.ts";
import { collectInputs, type BatchInput } from "./inputs.ts";
import { upToDate } from "./incremental.ts";
import { ExtractionThreadPool } from "./pool.ts";
import type { Extracted, Progress, WorkerReadOptions } from "./protocol.ts";
import { recoverOutDir, recoverOutput } from "../output/recover.ts";
import { prepareOutDir } from "../output/write.ts";

export { OutputDirError } from "../output/write.ts";

export { formatError, type BatchError } from "./errors.ts";
export type { Extracted } from "./protocol.ts";

export interface BatchOptions {
  /** Folder receiving one folder per report. */
  outDir: string;
  /** Reports extracted at once, each on its own thread (default: the number of CPU cores). */
  concurrency?: number;
  /** Time limit of one report, in milliseconds (default 300 s); its thread is terminated when it runs out. */
  timeoutMs?: number;
  /** Extract even reports whose output is up to date. */
  force?: boolean;
  /** Password and limits, as for extract(). */
  read?: WorkerReadOptions;
  /** OCR of scanned pages and raster images (default true), on one pool shared by all workers. */
  ocr?: boolean;
  /** OCR engines of that pool (default: the number of CPU cores). */
  ocrPoolSize?: number;
  /** Time limit of one image's recognition, in milliseconds (default 60 s): an image over it gets an `ocr/timeout`
   * problem and the report goes on. */
  ocrTimeoutMs?: number;
  /** Heap limit of each extraction thread, in MB (default 1024): a report needing more fails, the batch goes on. */
  memoryMb?: number;
  /** Aborting stops the batch: queued reports are not started, running ones are terminated. */
  signal?: AbortSignal;
}

/** One report's outcome: a `done` record has the counts, a `failed` one the error. */
export interface BatchRecord extends Partial<Omit<Extracted, "dir">> {
  event: "done" | "skipped" | "failed";
  /** The input file, as given or found. */
  file: string;
  /** Its output folder. */
  out: string;
  /** Wall time spent on it, in milliseconds. */
  ms: number;
  error?: BatchError;
}

export type BatchEvent =
  | { event: "start"; total: number; refused: number; ignored: string[]; concurrency: number }
  | { event: "begin"; file: string; slot: number }
  | { event: "idle"; slot: number }
  | { event: "progress"; file: string; slot: number; stage: Progress["stage"]; done: number; total: number }
  | { event: "note"; text: string }
  | BatchRecord;

export interface BatchSummary {
  done: number;
  /** Of the done ones, how many have problems of severity error (manifest status `partial`). */
  partial: number;
  skipped: number;
  failed: number;
  /** Reports not finished because the batch was interrupted. */
  interrupted: number;
  ms: number;
  failures: BatchRecord[];
  /** What the batch's OCR pool did (absent with OCR off): images recognised by an engine, found in the cache. */
  ocr?: Pick<OcrPoolStats, "recognised" | "cached" | "timeouts" | "errors">;
}

export async function runBatch(
  paths: string[],
  options: BatchOptions,
  onEvent: (e: BatchEvent) => void = () => {},
): Promise<BatchSummary> {
  const start = performance.now();
  // The output folder is checked before any work (a file given as --out fails now, not after every extraction)
  // and resolved once: every write, rename and delete of the batch happens inside this real path.
  const outDir = await prepareOutDir(options.outDir);
  const { inputs, refused, ignored } = await collectInputs(paths, { maxBytes: options.read?.maxBytes });
  const concurrency = Math.max(1, Math.min(options.concurrency ?? availableParallelism(), inputs.length));
  const summary: BatchSummary = { done: 0, partial: 0, skipped: 0, failed: 0, interrupted: 0, ms: 0, failures: [] };
  const record = (r: BatchRecord) => {
    if (r.event === "failed") summary.failures.push(r);
    summary[r.event === "done" ? "done" : r.event === "skipped" ? "skipped" : "failed"]++;
    if (r.status === "partial") summary.partial++;
    onEvent(r);
  };
  onEvent({ event: "start", total: inputs.length + refused.length, refused: refused.length, ignored, concurrency });
  for (const r of refused) record({ event: "failed", file: r.file, out: "", ms: 0, error: r.error });
  if (ignored.length > 0) {
    const some = ignored.slice(0, 3).join(", ");
    onEvent({
      event: "note",
      text: `ignored ${ignored.length} file${ignored.length > 1 ? "s" : ""} in the folders that are not reports by their extension (${some}${ignored.length > 3 ? ", …" : ""}); give a file by name to extract it anyway`,
    });
  }
  for (const text of await recoverOutDir(outDir)) onEvent({ event: "note", text });

  const ocr = await extractAll(inputs, concurrency, { options, outDir, read: options.read ?? {}, onEvent, record });
  if (ocr) summary.ocr = ocr;
  // Reports finish in whatever order the threads make; the summary lists failures in the order of the inputs.
  const order = new Map([...refused.map((r) => r.file), ...inputs.map((i) => i.path)].map((file, i) => [file, i]));
  summary.failures.sort((a, b) => (order.get(a.file) ?? 0) - (order.get(b.file) ?? 0));
  summary.interrupted = inputs.length + refused.length - (summary.done + summary.skipped + summary.failed);
  summary.ms = Math.round(performance.now() - start);
  return summary;
}

/** A batch as the runs of its reports see it. */
interface Batch {
  options: BatchOptions;
  /** the output folder's real path */
  outDir: string;
  /** the jobs' reading options */
  read: WorkerReadOptions;
  onEvent: (e: BatchEvent) => void;
  /** counts a report's outcome in the summary and passes it on */
  record: (r: BatchRecord) => void;
}

/** The reports extracted (longest first) on `concurrency` threads of one ExtractionThreadPool sharing one OCR pool,
 * each outcome recorded as it comes; the pools closed at the end. Aborting the batch's signal clears the queue and
 * stops the threads. */
async function extractAll(inputs: BatchInput[], concurrency: number, batch: Batch): Promise<BatchSummary["ocr"]> {
  const { options, onEvent, record } = batch;
  // The OCR pool (and its code: engines, cache, schemas) comes into being when a report first asks for it: a batch
  // of text reports never loads it.
  const made: { pool?: Promise<OcrPool> } = {};
  const ocr =
    options.ocr === false
      ? null
      : () =>
          (made.pool ??= import("../ocr/pool.ts").then(
            ({ OcrPool }) => new OcrPool({ size: options.ocrPoolSize, timeoutMs: options.ocrTimeoutMs }),
          ));
  const threads = new ExtractionThreadPool(ocr, options.memoryMb ?? 1024, (text) => onEvent({ event: "note", text }));
  const queue = new PQueue({ concurrency });
  const slots = Array.from({ length: concurrency }, (_, i) => i).reverse();
  const stop = () => {
    queue.clear();
    void threads.close();
  };
  options.signal?.addEventListener("abort", stop, { once: true });
  const jobs = { next: 0 };
  for (const input of longestFirst(inputs)) {
    void queue.add(async () => {
      const slot = slots.pop()!;
      try {
        const r = await runOne(batch, threads, jobs, input, slot);
        if (r) record(r);
      } finally {
        slots.push(slot);
        onEvent({ event: "idle", slot });
      }
    });
  }
  await queue.onIdle();
  await threads.close();
  const used = await made.pool;
  await used?.close();
  options.signal?.removeEventListener("abort", stop);
  if (!ocr) return undefined;
  const { recognised, cached, timeouts, errors } = used?.stats ?? { recognised: 0, cached: 0, timeouts: 0, errors: 0 };
  return { recognised, cached, timeouts, errors };
}

/** One report: skipped, extracted, or failed; null when the batch was interrupted before it finished. `jobs.next`
 * is the id of the next job given to the threads. */
async function runOne(
  batch: Batch,
  threads: ExtractionThreadPool,
  jobs: { next: number },
  input: BatchInput,
  slot: number,
): Promise<BatchRecord | null> {
  const { options, outDir, read, onEvent } = batch;
  const t = performance.now();
  const out = join(options.outDir, input.name);
  const base = { file: input.path, out };
  const ms = () => Math.round(performance.now() - t);
  const fresh = options.force
    ? false
    : await upToDate(input.path, outDir, input.name, { ocr: options.ocr !== false }).catch(
        (e: NodeJS.ErrnoException) => {
          if (e.code === "ENOENT") return "vanished" as const;
          return false; // unreadable: the extraction says why
        },
      );
  if (fresh === "vanished") return { event: "failed", ...base, ms: ms(), error: vanished() };
  if (fresh) return { event: "skipped", ...base, ms: ms() };
  if (options.signal?.aborted) return null;
  onEvent({ event: "begin", file: input.path, slot });
  const job = { id: jobs.next++, file: input.path, outDir, options: read };
  const result = await threads.run(job, options.timeoutMs ?? 300_000, (p) =>
    onEvent({ event: "progress", file: input.path, slot, stage: p.stage, done: p.done, total: p.total }),
  );
  if (!result.healthy) for (const text of await recoverOutput(outDir, input.name)) onEvent({ event: "note", text });
  if (result.ok) {
    const { dir: _dir, ...counts } = result.extracted;
    return { event: "done", ...base, ms: ms(), ...counts };
  }
  if (options.signal?.aborted) return null;
  const error =
    result.error.code === "input/missing"
      ? vanished()
      : result.error.code === "worker/out-of-memory"
        ? outOfMemory(result.error, input)
        : result.error;
  return { event: "failed", ...base, ms: ms(), error };
}

/** An out-of-memory record says how large the file is, and what that suggests for its kind. */
function outOfMemory(error: BatchError, input: BatchInput): BatchError {
  const pdf = extname(input.path).toLowerCase() === ".pdf";
  const hint = pdf
    ? input.bytes < 20e6
      ? "; a PDF this small that needs so much memory is probably damaged or a decompression bomb"
      : ""
    : "; a text report this large may need more: split it, or raise the limit";
  return {
    ...error,
    message: `${error.message} (the file is ${megabytes(input.bytes)})`,
    action: `${error.action}${hint}`,
  };
}

const megabytes = (bytes: number) => (bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${Math.ceil(bytes / 1e3)} KB`);

/** The order reports are started in: longest-processing-time first, so that the batch does not end with one thread
 * busy on a big report started last while the others idle. A report's time is not known before it runs; its size
 * stands for it, and a PDF goes before a text file of the same size (pdf.js and table geometry cost far more per
 * byte than text). Ties keep the order the inputs were given or found in, so the schedule is deterministic. */
export function longestFirst(inputs: BatchInput[]): BatchInput[] {
  const pdf = (i: BatchInput) => (extname(i.path).toLowerCase() === ".pdf" ? 1 : 0);
  return inputs
    .map((input, index) => ({ input, index }))
    .sort((a, b) => b.input.bytes - a.input.bytes || pdf(b.input) - pdf(a.input) || a.index - b.index)
    .map(({ input }) => input);
}
