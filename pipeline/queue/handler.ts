// One job, as a worker runs it inside the transaction pg-boss opened for it (work({ transactional: true })):
// the input's bytes from the database to a private folder under its file name, extracted on a thread of the
// same pool as `yanbao extract` (batch/pool.ts: time limit, memory limit, a crash costs this job only), the
// extraction folder read and validated (readExtraction) and loaded (loadExtraction) through that transaction,
// the ledger row marked done in it too. pg-boss then completes the job in the same transaction and commits:
// the rows, the ledger's done mark and the job's completion land together or not at all.
// A failure throws a JobFailure (the CLI's error record): the transaction is rolled back, and pg-boss retries
// the job or, after its last attempt, keeps it as failed with that record as its output.
import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Db as BossDb, JobWithMetadata } from "pg-boss";
import { describeError } from "../batch/errors.ts";
import type { ExtractionThreadPool } from "../batch/pool.ts";
import { LoadError, type LoadResult, describeIdentity, loadExtraction, readExtraction } from "../db/index.ts";
import { sha256 } from "../hash.ts";
import type { OpenQueue } from "./connection.ts";
import { TOOL } from "../stages/emit.ts";
import { extractionKey, JobData, JobFailure, released } from "./job.ts";
import { QUEUE_SCHEMA } from "./schema.ts";
import { transactionDb } from "./tx-db.ts";

export interface JobContext {
  queue: OpenQueue;
  /** The thread pool for jobs with or without OCR. */
  threads(ocr: boolean): ExtractionThreadPool;
  /** A folder of this worker's own, for the job's input and output files. */
  scratch: string;
  /** Set when the worker is stopping and gives its jobs back (the signal's name). */
  releasing(): string | null;
  /** Resolves when the worker gives its jobs back (the test hook below waits on it). */
  released: Promise<void>;
  onEvent(e: JobEvent): void;
  /** A write that may finish after the job (the worker waits for it before it closes). */
  track(write: Promise<void>): void;
}

interface JobInfo {
  file: string;
  job: string;
  attempt: number;
}

export type JobEvent =
  | ({ event: "begin" } & JobInfo)
  | ({
      event: "loaded";
      ms: number;
      load: LoadResult;
      report: string;
      status: "success" | "partial";
      problems: number;
    } & JobInfo)
  | ({ event: "failed"; ms: number; final: boolean; error: JobFailure } & JobInfo)
  | ({ event: "released"; ms: number } & JobInfo)
  | ({ event: "hold" } & JobInfo);

/** Test hook: with YANBAO_QUEUE_TEST_HOLD=1 a worker stops after loading, before the commit, and waits there (for
 * a kill, or until it is stopped and gives the job back), so that a test can kill it in the middle of a job. */
const HOLD = process.env.YANBAO_QUEUE_TEST_HOLD === "1";

let nextThreadJob = 0;

export async function runJob(
  ctx: JobContext,
  job: JobWithMetadata<unknown>,
  tx: BossDb,
): Promise<{ report: string; edition: number; status: string }> {
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  const { db, name: worker } = ctx.queue;
  const parsed = JobData.safeParse(job.data);
  const file = parsed.success ? parsed.data.file : "(unknown)";
  const info: JobInfo = { file, job: job.id, attempt: job.retryCount };
  const key = parsed.success ? parsed.data.key : null;
  if (key) {
    await db.executeSql(
      `INSERT INTO ${QUEUE_SCHEMA}.attempts (job_id, attempt, key, worker) VALUES ($1, $2, $3, $4)
       ON CONFLICT (job_id, attempt) DO UPDATE SET worker = EXCLUDED.worker, started_at = clock_timestamp(), ended_at = NULL, outcome = NULL, error = NULL`,
      [job.id, job.retryCount, key, worker],
    );
  }
  ctx.onEvent({ event: "begin", ...info });
  const dir = join(ctx.scratch, job.id);
  try {
    if (!parsed.success)
      throw new JobFailure(file, {
        code: "queue/bad-job",
        message: `the job's data is not an extraction job: ${parsed.error.issues[0]?.message}`,
        action: "enqueue the file again with yanbao enqueue",
        page: null,
      });
    const data = parsed.data;
    if (data.key !== extractionKey(data.sha256, { ocr: data.ocr })) {
      throw new JobFailure(file, {
        code: "queue/other-version",
        page: null,
        message: `the job is for another version of the tool or other options (${data.key.slice(65)}); this worker is ${TOOL.name} ${TOOL.version}`,
        action: "run workers of the version the job was enqueued with, or enqueue the file again with this version",
      });
    }
    const { rows } = await db.executeSql(`SELECT bytes FROM ${QUEUE_SCHEMA}.inputs WHERE sha256 = $1`, [data.sha256]);
    const bytes = rows[0]?.bytes as Buffer | null | undefined;
    if (!bytes || sha256(bytes) !== data.sha256) {
      throw new JobFailure(file, {
        code: "queue/input-missing",
        page: null,
        message: bytes
          ? `the stored input's bytes no longer have their sha256 ${data.sha256}`
          : rows[0]
            ? `the input's bytes (sha256 ${data.sha256}) were freed from ${QUEUE_SCHEMA}.inputs`
            : `the input (sha256 ${data.sha256}) is not in ${QUEUE_SCHEMA}.inputs`,
        action: "enqueue the file again with yanbao enqueue",
      });
    }
    const input = join(dir, "in", data.file);
    const out = join(dir, "out");
    await mkdir(join(dir, "in"), { recursive: true });
    await mkdir(out, { recursive: true });
    await writeFile(input, bytes);
    const result = await ctx
      .threads(data.ocr)
      .run({ id: nextThreadJob++, file: input, outDir: out, options: {} }, data.timeoutMs, () => {});
    throwIfReleasing(ctx, file);
    if (!result.ok) throw new JobFailure(file, { ...result.error, message: result.error.message.replaceAll(dir, ".") });
    const extraction = await readExtraction(result.extracted.dir);
    let load: LoadResult;
    try {
      load = await loadExtraction(transactionDb(tx, ctx.queue.url), extraction);
    } catch (e) {
      if (!(e instanceof LoadError)) throw e;
      throw new JobFailure(file, {
        code: "load/refused",
        page: null,
        message: e.message.replaceAll(result.extracted.dir, data.file),
        action: "the database refused the extraction (nothing of it was written): report it, with the file",
      });
    }
    const report = describeIdentity(load.identity);
    await tx.executeSql(
      `UPDATE ${QUEUE_SCHEMA}.extractions SET done_at = now(), done_by = $2, load_status = $3, edition_id = $4, report = $5 WHERE key = $1`,
      [data.key, worker, load.status, load.editionId, `edition ${load.edition} of ${report}`],
    );
    await tx.executeSql(
      `UPDATE ${QUEUE_SCHEMA}.attempts SET ended_at = clock_timestamp(), outcome = 'done' WHERE job_id = $1 AND attempt = $2`,
      [job.id, job.retryCount],
    );
    if (HOLD) {
      ctx.onEvent({ event: "hold", ...info });
      await ctx.released;
    }
    throwIfReleasing(ctx, file);
    const problems = extraction.report.problems;
    ctx.onEvent({
      event: "loaded",
      ...info,
      ms: ms(),
      load,
      report,
      problems: problems.length,
      status: problems.some((p) => p.severity === "error") ? "partial" : "success",
    });
    return { report, edition: load.edition, status: load.status };
  } catch (e) {
    const error = e instanceof JobFailure ? e : new JobFailure(file, describeError(e, dir));
    const outcome = error.code === "queue/released" ? "released" : "failed";
    // Not awaited: when the job's transaction already marked this attempt done, this write waits for its
    // rollback, which comes only once the handler has thrown.
    ctx.track(
      db
        .executeSql(
          `UPDATE ${QUEUE_SCHEMA}.attempts SET ended_at = clock_timestamp(), outcome = $3, error = $4::text::jsonb WHERE job_id = $1 AND attempt = $2`,
          [
            job.id,
            job.retryCount,
            outcome,
            JSON.stringify({ code: error.code, message: error.message, action: error.action, page: error.page }),
          ],
        )
        .then(
          () => undefined,
          () => undefined,
        ),
    );
    if (outcome === "released") ctx.onEvent({ event: "released", ...info, ms: ms() });
    else ctx.onEvent({ event: "failed", ...info, ms: ms(), final: job.retryCount >= job.retryLimit, error });
    throw error;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function throwIfReleasing(ctx: JobContext, file: string): void {
  const signal = ctx.releasing();
  if (signal) throw new JobFailure(file, released(signal));
}
