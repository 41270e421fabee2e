// The queue's own tables, beside pg-boss's (which keeps the jobs themselves in its schema, yanbao_pgboss) and the
// data model (pipeline/db/migrations.ts, the same for SQLite and PostgreSQL; the queue is PostgreSQL only, so its
// tables are not part of that list). Schema yanbao_queue:
// - inputs: each input file once, by the sha256 of its bytes (the bytes themselves: a worker needs only the
//   database URL, and an input is stored in the same transaction as its job; the bytes may be set to NULL to
//   free space once nothing is left to extract from them, docs/queue.md);
// - extractions: one row per (input, tool version, output options), the ledger that makes `enqueue` skip what
//   was already extracted; `done_at` is set in the transaction that loads the report and completes the job;
// - attempts: one row per attempt of a job (worker, times, outcome), for `queue status`;
// - ocr_cache: recognised images, shared by every worker (ocr-cache.ts).
// Versioned like the data model: applied versions are recorded in yanbao_queue.versions, under an advisory lock
// so that workers starting together apply them once; an applied version is never edited.
import type { Db as BossDb } from "pg-boss";

export const QUEUE_SCHEMA = "yanbao_queue";

const VERSIONS: readonly { version: number; sql: string }[] = [
  {
    version: 1,
    sql: `
CREATE TABLE ${QUEUE_SCHEMA}.inputs (
  sha256 TEXT PRIMARY KEY,
  bytes BYTEA,
  size BIGINT NOT NULL,
  stored_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE TABLE ${QUEUE_SCHEMA}.extractions (
  key TEXT PRIMARY KEY,
  sha256 TEXT NOT NULL REFERENCES ${QUEUE_SCHEMA}.inputs (sha256),
  file TEXT NOT NULL,
  tool_version TEXT NOT NULL,
  options JSONB NOT NULL,
  job_id UUID,
  enqueued_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  done_at TIMESTAMPTZ,
  done_by TEXT,
  load_status TEXT,
  edition_id BIGINT,
  report TEXT
);
CREATE INDEX extractions_job ON ${QUEUE_SCHEMA}.extractions (job_id);
CREATE TABLE ${QUEUE_SCHEMA}.attempts (
  job_id UUID NOT NULL,
  attempt INTEGER NOT NULL,
  key TEXT NOT NULL REFERENCES ${QUEUE_SCHEMA}.extractions (key),
  worker TEXT NOT NULL,
  started_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
  ended_at TIMESTAMPTZ,
  outcome TEXT CHECK (outcome IN ('done', 'failed', 'released')),
  error JSONB,
  PRIMARY KEY (job_id, attempt)
);
CREATE INDEX attempts_worker ON ${QUEUE_SCHEMA}.attempts (worker, ended_at);
CREATE TABLE ${QUEUE_SCHEMA}.ocr_cache (
  key TEXT PRIMARY KEY,
  entry JSONB NOT NULL,
  stored_at TIMESTAMPTZ NOT NULL DEFAULT now()
);`,
  },
];

/** Bring the queue's tables up to date, in one transaction under an advisory lock. */
export async function ensureQueueSchema(db: BossDb): Promise<void> {
  if (!db.beginTransaction) throw new Error("internal: the queue's database connection cannot open transactions");
  const tx = await db.beginTransaction();
  try {
    await tx.db.executeSql("SELECT pg_advisory_xact_lock(hashtext('yanbao_queue schema'))");
    await tx.db.executeSql(`CREATE SCHEMA IF NOT EXISTS ${QUEUE_SCHEMA}`);
    await tx.db.executeSql(
      `CREATE TABLE IF NOT EXISTS ${QUEUE_SCHEMA}.versions (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`,
    );
    const { rows } = await tx.db.executeSql(`SELECT max(version) AS v FROM ${QUEUE_SCHEMA}.versions`);
    const current = Number(rows[0]?.v ?? 0);
    const latest = VERSIONS.at(-1)!.version;
    if (current > latest)
      throw new Error(
        `the queue tables have version ${current}, newer than this tool knows (${latest}): update the tool`,
      );
    for (const v of VERSIONS) {
      if (v.version <= current) continue;
      await tx.db.executeSql(v.sql);
      await tx.db.executeSql(`INSERT INTO ${QUEUE_SCHEMA}.versions (version) VALUES ($1)`, [v.version]);
    }
    await tx.commit();
  } catch (e) {
    await tx.rollback();
    throw e;
  }
}
