// A queue worker: takes extraction jobs from the PostgreSQL queue (pg-boss, any number of workers on any number
// of machines), runs each in a transaction of its own (handler.ts), and keeps going until stopped, or until the
// queue is empty with --exit-when-idle. Jobs of dead workers come back: pg-boss's supervisor (every worker runs
// it, every `superviseSeconds`) retries a job whose heartbeat stopped for its lease.
// Stopping (stop(), or SIGTERM in the command): no new job is taken; the running ones finish, or after
// `stopTimeoutMs` (or on stop(true)) are given back: their extraction is terminated, their transaction rolled
// back, and the job is back in the queue for another worker (counted as an attempt; if it was the last one, it
// is put back by retry()).
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import type { Db as BossDb, JobWithMetadata } from "pg-boss";
import { ExtractionThreadPool } from "../batch/pool.ts";
import { openDatabase } from "../db/index.ts";
import { BOSS_SCHEMA, ensureQueue, openQueue, postgresUrl, QUEUE } from "./connection.ts";
import { type JobEvent, runJob } from "./handler.ts";
import type { JobFailure } from "./job.ts";
import { SharedCacheOcrPool, SharedOcrCache } from "./ocr-cache.ts";
import { QUEUE_SCHEMA } from "./schema.ts";

export interface WorkerOptions {
  /** postgres:// URL of the database the reports are loaded into (and the queue lives in). */
  url: string;
  /** Jobs run at once, each on its own thread (default: the CPU cores). */
  concurrency?: number;
  /** Stop when no job is queued, running or due for a retry anywhere. */
  exitWhenIdle?: boolean;
  /** Heap limit of each extraction thread, MB (default 1024). */
  memoryMb?: number;
  /** OCR engines of this worker (default: the CPU cores) and the time limit of one image (default 60 s). */
  ocrWorkers?: number;
  ocrTimeoutMs?: number;
  /** How often dead workers' jobs are looked for, in seconds (default 10). */
  superviseSeconds?: number;
  /** How long running jobs may take to finish once stopping, before they are given back (default 60 s). */
  stopTimeoutMs?: number;
  /** Idle poll of the queue, in seconds (default 0.5). */
  pollSeconds?: number;
  /** This worker's name in `queue status` (default host:pid). */
  name?: string;
}

export type WorkerEvent =
  | Exclude<JobEvent, { event: "loaded" | "failed" }>
  | (Omit<Extract<JobEvent, { event: "loaded" }>, "event"> & { event: "done" })
  | (Omit<Extract<JobEvent, { event: "failed" }>, "error"> & {
      error: Pick<JobFailure, "code" | "message" | "action" | "page">;
    })
  | { event: "start"; worker: string; concurrency: number; url: string }
  | { event: "stopping"; reason: "idle" | "stop"; release: boolean }
  | { event: "note"; text: string };

export interface WorkerSummary {
  done: number;
  /** Jobs that failed on their last attempt here (kept as failed in the queue). */
  failed: number;
  /** Attempts that failed here and will be retried. */
  retried: number;
  released: number;
  reason: "idle" | "stop";
  ms: number;
}

export interface RunningWorker {
  readonly name: string;
  readonly finished: Promise<WorkerSummary>;
  /** Stop taking jobs and let the running ones finish; `release`: give them back now. */
  stop(release?: boolean, signal?: string): void;
}

export async function startWorker(
  options: WorkerOptions,
  onEvent: (e: WorkerEvent) => void = () => {},
): Promise<RunningWorker> {
  const started = performance.now();
  const concurrency = Math.max(1, options.concurrency ?? availableParallelism());
  // The data model first: workers started together on an empty database migrate it once (migrations.ts).
  await (await openDatabase(postgresUrl(options.url))).close();
  const note = (text: string) => onEvent({ event: "note", text });
  const queue = await openQueue(options.url, {
    supervise: true,
    superviseSeconds: options.superviseSeconds,
    connections: concurrency + 4,
    name: options.name,
    onError: (e) => note(`queue: ${e.message}`),
  });
  let scratch: string;
  try {
    await ensureQueue(queue);
    await removeDeadScratch();
    scratch = await mkdtemp(join(tmpdir(), `yanbao-worker-${process.pid}-`));
  } catch (e) {
    await queue.close();
    throw e;
  }
  const cache = new SharedOcrCache(queue.db);
  let ocr: SharedCacheOcrPool | null = null;
  const pools = new Map<boolean, ExtractionThreadPool>();
  const threads = (withOcr: boolean) => {
    let pool = pools.get(withOcr);
    if (!pool) {
      if (withOcr) ocr ??= new SharedCacheOcrPool(cache, { size: options.ocrWorkers, timeoutMs: options.ocrTimeoutMs });
      pools.set(withOcr, (pool = new ExtractionThreadPool(withOcr ? ocr : null, options.memoryMb ?? 1024, note)));
    }
    return pool;
  };

  const summary: WorkerSummary = { done: 0, failed: 0, retried: 0, released: 0, reason: "stop", ms: 0 };
  const releasedJobs: string[] = [];
  /** Writes and checks still running after their job's handler returned (awaited before closing). */
  const confirming = new Set<Promise<void>>();
  const track = (p: Promise<void>) => {
    confirming.add(p);
    void p.finally(() => confirming.delete(p));
  };
  let inFlight = 0;
  let stopping = false;
  let releaseSignal: string | null = null;
  let giveBack = () => {};
  const released = new Promise<void>((resolve) => (giveBack = resolve));
  const onJobEvent = (e: JobEvent) => {
    if (e.event === "loaded") {
      const check = confirm(queue.db, e).then((ok) => {
        if (ok) summary.done++;
        onEvent(
          ok
            ? { ...e, event: "done" }
            : {
                event: "failed",
                file: e.file,
                job: e.job,
                attempt: e.attempt,
                ms: e.ms,
                final: false,
                error: commitFailed,
              },
        );
      });
      track(check);
      return;
    }
    if (e.event === "failed") summary[e.final ? "failed" : "retried"]++;
    if (e.event === "released") summary.released++, releasedJobs.push(e.job);
    onEvent(e);
  };
  const ctx = { queue, threads, scratch, releasing: () => releaseSignal, released, onEvent: onJobEvent, track };
  const handler = async (jobs: JobWithMetadata<unknown>[], tx: BossDb) => {
    inFlight++;
    try {
      return await runJob(ctx, jobs[0]!, tx);
    } finally {
      inFlight--;
      // pg-boss waits out its polling interval after a job shorter than it; a worker that just finished one
      // fetches the next at once instead (notified workers skip that wait; idle ones merely poll early).
      if (!stopping) for (const w of queue.boss.getWipData()) if (w.name === QUEUE) queue.boss.notifyWorker(w.id);
    }
  };
  try {
    await queue.boss.work(
      QUEUE,
      {
        transactional: true,
        includeMetadata: true,
        localConcurrency: concurrency,
        pollingIntervalSeconds: options.pollSeconds ?? 0.5,
      },
      handler,
    );
  } catch (e) {
    await queue.close();
    await rm(scratch, { recursive: true, force: true });
    throw e;
  }
  onEvent({ event: "start", worker: queue.name, concurrency, url: queue.url });

  let done = () => {};
  const stopped = new Promise<void>((resolve) => (done = resolve));
  let deadline: NodeJS.Timeout | undefined;
  const stop = (release = false, signal = "stop") => {
    if (!stopping) {
      stopping = true;
      onEvent({ event: "stopping", reason: summary.reason, release });
      deadline = setTimeout(() => stop(true, signal), options.stopTimeoutMs ?? 60_000);
      void queue.boss.offWork(QUEUE, { wait: true }).then(done, done);
    }
    if (release && !releaseSignal) {
      releaseSignal = signal;
      onEvent({ event: "stopping", reason: summary.reason, release: true });
      giveBack();
      for (const pool of pools.values()) void pool.close(); // terminates the running extractions
    }
  };
  const idle = options.exitWhenIdle ? setInterval(() => void checkIdle(), 1000) : undefined;
  let checking = false;
  const checkIdle = async () => {
    if (checking || stopping || inFlight > 0) return;
    checking = true;
    try {
      const { rows } = await queue.db.executeSql(
        `SELECT count(*)::int AS n FROM ${BOSS_SCHEMA}.job WHERE name = $1 AND state IN ('created', 'retry', 'active')`,
        [QUEUE],
      );
      if (Number(rows[0]?.n) === 0 && inFlight === 0 && !stopping) {
        summary.reason = "idle";
        stop();
      }
    } catch (e) {
      note(`cannot read the queue: ${(e as Error).message}`);
    } finally {
      checking = false;
    }
  };

  const finished = (async () => {
    await stopped;
    clearInterval(idle);
    clearTimeout(deadline);
    await Promise.all([...confirming]);
    // A job given back on its last attempt was failed by pg-boss: it goes back to the queue all the same.
    if (releasedJobs.length > 0)
      await queue.boss
        .retry(QUEUE, releasedJobs)
        .catch((e: Error) => note(`could not put back the jobs given back: ${e.message}`));
    await Promise.all([...pools.values()].map((p) => p.close()));
    await (ocr as SharedCacheOcrPool | null)?.close();
    await queue.close();
    await rm(scratch, { recursive: true, force: true });
    summary.ms = Math.round(performance.now() - started);
    return summary;
  })();
  return { name: queue.name, finished, stop };
}

/** The scratch folders that workers of this machine killed before they could clean up left (their process is gone). */
async function removeDeadScratch(): Promise<void> {
  for (const name of await readdir(tmpdir()).catch(() => [] as string[])) {
    const pid = Number(/^yanbao-worker-(\d+)-/.exec(name)?.[1]);
    if (!pid || pid === process.pid || alive(pid)) continue;
    await rm(join(tmpdir(), name), { recursive: true, force: true }).catch(() => undefined);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

const commitFailed = {
  code: "queue/commit-failed",
  page: null,
  message:
    "the report was loaded but the transaction did not commit (the connection was lost, or the job's lease ran out and another worker took it): nothing of this attempt was kept",
  action: "none: the job is retried",
};

/** After a job's handler returned, pg-boss completes the job and commits: wait for the outcome. True when the
 * load committed (its attempt row says done); false when the job left this attempt without it. */
async function confirm(db: BossDb, e: { job: string; attempt: number }): Promise<boolean> {
  for (;;) {
    const { rows } = await db.executeSql(
      `SELECT a.outcome, j.state, j.retry_count FROM ${QUEUE_SCHEMA}.attempts a LEFT JOIN ${BOSS_SCHEMA}.job j ON j.id = a.job_id AND j.name = $3
       WHERE a.job_id = $1 AND a.attempt = $2`,
      [e.job, e.attempt, QUEUE],
    );
    const row = rows[0] as { outcome: string | null; state: string | null; retry_count: number | null } | undefined;
    if (row?.outcome === "done") return true;
    if (!row || row.state !== "active" || row.retry_count !== e.attempt) {
      await db
        .executeSql(
          `UPDATE ${QUEUE_SCHEMA}.attempts SET ended_at = clock_timestamp(), outcome = 'failed', error = $3::text::jsonb WHERE job_id = $1 AND attempt = $2 AND outcome IS NULL`,
          [e.job, e.attempt, JSON.stringify(commitFailed)],
        )
        .catch(() => undefined);
      return false;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}
