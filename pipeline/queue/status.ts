// `queue status` and `queue retry --failed`: the jobs by state (read from pg-boss's job table, which pg-boss
// documents for direct SQL use; read only), each worker's attempts (yanbao_queue.attempts) and throughput, and
// the failed jobs with their error records. Retrying goes through pg-boss's API (retry()).
import type { BatchError } from "../batch/errors.ts";
import { BOSS_SCHEMA, type OpenQueue, QUEUE } from "./connection.ts";
import { failureRecord, JobData } from "./job.ts";
import { QUEUE_SCHEMA } from "./schema.ts";

export interface WorkerStats {
  worker: string;
  running: number;
  done: number;
  failed: number;
  released: number;
  /** Attempts whose worker died (killed, lost) before finishing: their jobs were retried. */
  lost: number;
  /** Mean seconds per job done (reading the input, extracting, loading). */
  meanSeconds: number | null;
  /** Jobs done per minute between its first start and its last end. */
  perMinute: number | null;
  lastEnd: string | null;
}

export interface FailedJob extends BatchError {
  job: string;
  file: string;
  attempts: number;
  failedAt: string | null;
}

export interface QueueStatus {
  url: string;
  jobs: { queued: number; running: number; done: number; failed: number; cancelled: number };
  /** Reports done per minute from the first attempt's start to the last one's end, and done in the last 10 minutes. */
  throughput: { perMinute: number | null; lastTenMinutes: number };
  workers: WorkerStats[];
  failed: FailedJob[];
}

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : v == null ? null : String(v));
const perMinute = (n: number, from: unknown, to: unknown) => {
  const span = from instanceof Date && to instanceof Date ? (to.getTime() - from.getTime()) / 60_000 : 0;
  return n > 0 && span > 0 ? n / span : null;
};

export async function queueStatus(queue: OpenQueue): Promise<QueueStatus> {
  const { db } = queue;
  const jobs = { queued: 0, running: 0, done: 0, failed: 0, cancelled: 0 };
  const { rows: states } = await db.executeSql(
    `SELECT state::text AS state, count(*)::int AS n FROM ${BOSS_SCHEMA}.job WHERE name = $1 GROUP BY state`,
    [QUEUE],
  );
  for (const { state, n } of states as { state: string; n: number }[]) {
    const bucket =
      state === "created" || state === "retry"
        ? "queued"
        : state === "active"
          ? "running"
          : state === "completed"
            ? "done"
            : state === "failed"
              ? "failed"
              : "cancelled";
    jobs[bucket] += n;
  }
  const { rows: workers } = await db.executeSql(
    `SELECT a.worker,
       count(*) FILTER (WHERE a.outcome IS NULL AND j.state = 'active' AND j.retry_count = a.attempt)::int AS running,
       count(*) FILTER (WHERE a.outcome = 'done')::int AS done,
       count(*) FILTER (WHERE a.outcome = 'failed')::int AS failed,
       count(*) FILTER (WHERE a.outcome = 'released')::int AS released,
       count(*) FILTER (WHERE a.outcome IS NULL AND (j.state IS NULL OR j.state <> 'active' OR j.retry_count <> a.attempt))::int AS lost,
       avg(extract(epoch FROM a.ended_at - a.started_at)) FILTER (WHERE a.outcome = 'done')::float8 AS mean,
       min(a.started_at) FILTER (WHERE a.outcome = 'done') AS first_start,
       max(a.ended_at) AS last_end,
       max(a.ended_at) FILTER (WHERE a.outcome = 'done') AS last_done
     FROM ${QUEUE_SCHEMA}.attempts a LEFT JOIN ${BOSS_SCHEMA}.job j ON j.id = a.job_id AND j.name = $1
     GROUP BY a.worker ORDER BY a.worker`,
    [QUEUE],
  );
  const {
    rows: [total],
  } = await db.executeSql(
    `SELECT count(*)::int AS n, count(*) FILTER (WHERE ended_at > now() - interval '10 minutes')::int AS recent, min(started_at) AS first, max(ended_at) AS last
     FROM ${QUEUE_SCHEMA}.attempts WHERE outcome = 'done'`,
  );
  return {
    url: queue.url,
    jobs,
    throughput: { perMinute: perMinute(total.n, total.first, total.last), lastTenMinutes: total.recent },
    workers: workers.map((w) => ({
      worker: w.worker,
      running: w.running,
      done: w.done,
      failed: w.failed,
      released: w.released,
      lost: w.lost,
      meanSeconds: w.mean,
      perMinute: perMinute(w.done, w.first_start, w.last_done),
      lastEnd: iso(w.last_end),
    })),
    failed: await failedJobs(queue),
  };
}

export async function failedJobs(queue: OpenQueue): Promise<FailedJob[]> {
  const { rows } = await queue.db.executeSql(
    `SELECT id, data, output, retry_count, completed_on FROM ${BOSS_SCHEMA}.job WHERE name = $1 AND state = 'failed' ORDER BY completed_on, id`,
    [QUEUE],
  );
  return rows.map((r) => {
    const data = JobData.safeParse(r.data);
    const record = failureRecord(r.output, data.success ? data.data.file : "(unknown)");
    return { job: r.id, ...record, attempts: Number(r.retry_count) + 1, failedAt: iso(r.completed_on) };
  });
}

/** Put every failed job back in the queue for one more attempt each; returns the jobs put back. */
export async function retryFailed(queue: OpenQueue): Promise<FailedJob[]> {
  const failed = await failedJobs(queue);
  for (let i = 0; i < failed.length; i += 1000)
    await queue.boss.retry(
      QUEUE,
      failed.slice(i, i + 1000).map((f) => f.job),
    );
  return failed;
}
