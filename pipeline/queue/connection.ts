// Opening the queue: pg-boss (its jobs in schema yanbao_pgboss, installed and migrated by pg-boss itself) over
// the PostgreSQL database the reports are loaded into, and the queue's own tables (schema.ts). One connection
// pool per process, pg-boss's: the queue's own statements, the OCR cache and the workers' load transactions
// all go through it.
import { hostname } from "node:os";
import { type Db as BossDb, PgBoss, type Queue } from "pg-boss";
import { errorText, parseDbUrl, redactUrl } from "../db/db.ts";
import { ensureQueueSchema } from "./schema.ts";

/** The pg-boss queue of extraction jobs, and the schema pg-boss keeps its tables in. */
export const QUEUE = "yanbao-extract";
export const BOSS_SCHEMA = "yanbao_pgboss";

/** Job settings given at enqueue time (pg-boss keeps them with each job). */
export interface JobSettings {
  /** Attempts after the first before a job is kept as failed (default 2). */
  retries: number;
  /** Seconds without a heartbeat after which a job's worker is taken for dead and the job retried (>= 10). */
  leaseSeconds: number;
  /** Time limit of one report's extraction, in milliseconds; the job's pg-boss expiry is this plus a margin. */
  timeoutMs: number;
}

export const DEFAULT_JOB_SETTINGS: JobSettings = { retries: 2, leaseSeconds: 30, timeoutMs: 300_000 };

/** Seconds a job may stay active beyond its extraction's time limit (reading the input, loading, committing). */
export const LOAD_MARGIN_SECONDS = 120;

export const queueOptions = (s: JobSettings): Omit<Queue, "name"> => ({
  retryLimit: s.retries,
  heartbeatSeconds: s.leaseSeconds,
  expireInSeconds: Math.ceil(s.timeoutMs / 1000) + LOAD_MARGIN_SECONDS,
  // Kept until deleted by hand: failed jobs keep their reason, completed ones their outcome; `queue status`
  // counts them. (extractions keeps what was done in any case.)
  deleteAfterSeconds: 0,
  retentionSeconds: 365 * 24 * 3600,
});

export class QueueUrlError extends Error {
  override name = "QueueUrlError";
}

export interface OpenQueueOptions {
  /** Workers supervise: they retry the jobs of dead workers (lease expired) every `superviseSeconds`. */
  supervise?: boolean;
  superviseSeconds?: number;
  /** Connections of the pool (default 4); a worker needs one per job in progress, plus a few. */
  connections?: number;
  /** This process's name in pg-boss's instance registry and in `queue status` (default host:pid). */
  name?: string;
  /** pg-boss's background trouble (a lost connection, a failed maintenance pass); a job's own failure never comes
   * this way. Default: ignored (pg-boss retries). */
  onError?: (e: Error) => void;
}

export interface OpenQueue {
  boss: PgBoss;
  /** pg-boss's connection pool, for the queue's own statements. */
  db: BossDb;
  /** The database URL, password removed. */
  url: string;
  /** host:pid, or the name given. */
  name: string;
  close(): Promise<void>;
}

/** The worker name of this process: host and process id. */
export const processName = () => `${hostname()}:${process.pid}`;

/** The connection string of a postgres:// URL; QueueUrlError for any other. */
export function postgresUrl(url: string): string {
  let target: ReturnType<typeof parseDbUrl>;
  try {
    target = parseDbUrl(url);
  } catch (e) {
    throw new QueueUrlError(errorText(e));
  }
  if (target.dialect !== "postgres") {
    throw new QueueUrlError(
      `the queue needs PostgreSQL, not ${redactUrl(url)}: give --db postgres://USER:PASSWORD@HOST:PORT/DB (the database the reports are loaded into)`,
    );
  }
  return target.connectionString;
}

/** Connect to the queue of a postgres:// URL, installing or migrating pg-boss's and the queue's tables as needed.
 * Throws QueueUrlError for a URL that is not PostgreSQL's, or the connection's error. */
export async function openQueue(url: string, options: OpenQueueOptions = {}): Promise<OpenQueue> {
  const connectionString = postgresUrl(url);
  const name = options.name ?? processName();
  const interval = options.superviseSeconds ?? 10;
  const boss = new PgBoss({
    connectionString,
    schema: BOSS_SCHEMA,
    application_name: "yanbao-queue",
    max: options.connections ?? 4,
    supervise: options.supervise ?? false,
    superviseIntervalSeconds: interval,
    monitorIntervalSeconds: interval,
    schedule: false,
    registerInstance: options.supervise ?? false,
    instanceName: name,
    openTelemetry: { enabled: false },
  });
  boss.on("error", (e: Error) => options.onError?.(e));
  await boss.start();
  try {
    const db = boss.getDb();
    await ensureQueueSchema(db);
    return {
      boss,
      db,
      url: redactUrl(url),
      name,
      close: () => boss.stop({ graceful: true, close: true, timeout: 5000 }),
    };
  } catch (e) {
    await boss.stop({ graceful: false, close: true }).catch(() => undefined);
    throw e;
  }
}

/** Create the extraction queue if it is not there yet (its settings are each job's defaults). */
export async function ensureQueue(queue: OpenQueue, settings: JobSettings = DEFAULT_JOB_SETTINGS): Promise<void> {
  if (await queue.boss.getQueue(QUEUE)) return;
  await queue.boss.createQueue(QUEUE, queueOptions(settings));
}
