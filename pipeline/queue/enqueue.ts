// Enqueueing: each input stored once in the database, by the sha256 of its bytes, and one extraction job per
// input not yet extracted (or queued) by this tool version with these output options. The input row, the ledger
// row and the pg-boss job are written in one transaction: there is never a job without its input, and two
// enqueuers of the same file at once make one job (the second waits on the ledger row's key, then skips).
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { type BatchError, vanished } from "../batch/errors.ts";
import { collectInputs } from "../batch/inputs.ts";
import { sha256 } from "../hash.ts";
import { TOOL } from "../stages/emit.ts";
import { ensureQueue, type JobSettings, type OpenQueue, QUEUE, queueOptions } from "./connection.ts";
import { extractionKey, type JobData } from "./job.ts";
import { QUEUE_SCHEMA } from "./schema.ts";

export interface EnqueueOptions {
  ocr: boolean;
  settings: JobSettings;
  /** Inputs over this size are refused, as by `extract --max-bytes`. */
  maxBytes?: number;
}

export type EnqueueEvent =
  | { event: "queued"; file: string; sha256: string; job: string; stored: boolean }
  | {
      event: "skipped";
      file: string;
      sha256: string;
      reason: "extracted" | "queued";
      job: string | null;
      detail: string;
    }
  | { event: "failed"; file: string; error: BatchError }
  | { event: "note"; text: string };

export interface EnqueueSummary {
  queued: number;
  skipped: number;
  failed: number;
  /** Inputs whose bytes were stored now (not already in the database). */
  stored: number;
  ms: number;
}

export async function enqueueFiles(
  queue: OpenQueue,
  paths: string[],
  options: EnqueueOptions,
  onEvent: (e: EnqueueEvent) => void = () => {},
): Promise<EnqueueSummary> {
  const started = performance.now();
  const summary: EnqueueSummary = { queued: 0, skipped: 0, failed: 0, stored: 0, ms: 0 };
  const emit = (e: EnqueueEvent) => {
    if (e.event !== "note") summary[e.event]++;
    if (e.event === "queued" && e.stored) summary.stored++;
    onEvent(e);
  };
  const { inputs, refused, ignored } = await collectInputs(paths, { maxBytes: options.maxBytes });
  for (const r of refused) emit({ event: "failed", file: r.file, error: r.error });
  if (ignored.length > 0) {
    emit({
      event: "note",
      text: `ignored ${ignored.length} file${ignored.length > 1 ? "s" : ""} in the folders that are not reports by their extension (${ignored.slice(0, 3).join(", ")}${ignored.length > 3 ? ", …" : ""}); give a file by name to enqueue it anyway`,
    });
  }
  if (inputs.length > 0) await ensureQueue(queue, options.settings);
  for (const input of inputs) {
    let bytes: Buffer;
    try {
      bytes = await readFile(input.path);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      emit({
        event: "failed",
        file: input.path,
        error:
          code === "ENOENT"
            ? vanished()
            : {
                code: "input/unreadable",
                message: `cannot read the file (${code ?? String(e)})`,
                action: "check its permissions",
                page: null,
              },
      });
      continue;
    }
    emit(await enqueueOne(queue, input.path, bytes, options));
  }
  summary.ms = Math.round(performance.now() - started);
  return summary;
}

type Ledger = {
  job_id: string | null;
  done_at: Date | null;
  done_by: string | null;
  report: string | null;
  file: string;
};

async function enqueueOne(
  queue: OpenQueue,
  path: string,
  bytes: Buffer,
  options: EnqueueOptions,
): Promise<EnqueueEvent> {
  const { boss, db } = queue;
  const hash = sha256(bytes);
  const key = extractionKey(hash, { ocr: options.ocr });
  const file = basename(path);
  const skipped = (reason: "extracted" | "queued", job: string | null, detail: string): EnqueueEvent => ({
    event: "skipped",
    file: path,
    sha256: hash,
    reason,
    job,
    detail,
  });
  const ledger = async (d = db, lock = "") =>
    ((
      await d.executeSql(
        `SELECT job_id, done_at, done_by, report, file FROM ${QUEUE_SCHEMA}.extractions WHERE key = $1${lock}`,
        [key],
      )
    ).rows[0] as Ledger | undefined) ?? null;
  const extracted = (row: Ledger) =>
    skipped(
      "extracted",
      row.job_id,
      `already extracted by ${TOOL.name} ${TOOL.version} with the same options${row.report ? ` (${row.report})` : ""}${row.file !== file ? ` from the same bytes under the name ${row.file}` : ""}, ${row.done_at?.toISOString()} by ${row.done_by}`,
    );
  const inQueue = (row: Ledger, state: string) =>
    skipped(
      "queued",
      row.job_id,
      `already in the queue as job ${row.job_id} (${state}${state === "failed" ? ": yanbao queue retry --failed runs it again" : ""})`,
    );

  // The common cases without sending the bytes: extracted already, or its job still there.
  const seen = await ledger();
  if (seen?.done_at) return extracted(seen);
  if (seen?.job_id) {
    const job = await boss.getJobById(QUEUE, seen.job_id);
    if (job) return inQueue(seen, job.state);
  }
  const tx = await db.beginTransaction!();
  try {
    // The bytes are sent only when the database does not have them (never stored, or freed since).
    const { rows: have } = await tx.db.executeSql(
      `SELECT bytes IS NOT NULL AS present FROM ${QUEUE_SCHEMA}.inputs WHERE sha256 = $1`,
      [hash],
    );
    let stored = false;
    if (have.length === 0) {
      const r = await tx.db.executeSql(
        `INSERT INTO ${QUEUE_SCHEMA}.inputs (sha256, bytes, size) VALUES ($1, $2, $3) ON CONFLICT (sha256) DO NOTHING RETURNING 1`,
        [hash, bytes, bytes.length],
      );
      stored = r.rows.length > 0;
    } else if (!have[0].present) {
      stored =
        (
          await tx.db.executeSql(
            `UPDATE ${QUEUE_SCHEMA}.inputs SET bytes = $2 WHERE sha256 = $1 AND bytes IS NULL RETURNING 1`,
            [hash, bytes],
          )
        ).rows.length > 0;
    }
    await tx.db.executeSql(
      `INSERT INTO ${QUEUE_SCHEMA}.extractions (key, sha256, file, tool_version, options) VALUES ($1, $2, $3, $4, $5::text::jsonb) ON CONFLICT (key) DO NOTHING`,
      [key, hash, file, TOOL.version, JSON.stringify({ ocr: options.ocr })],
    );
    // Locked: another enqueuer of the same input waits here until this one commits, then sees its job.
    const row = (await ledger(tx.db, " FOR UPDATE"))!;
    if (row.done_at) {
      await tx.commit();
      return extracted(row);
    }
    if (row.job_id) {
      const job = await boss.getJobById(QUEUE, row.job_id, { db: tx.db });
      if (job) {
        await tx.commit();
        return inQueue(row, job.state);
      }
    }
    const data: JobData = {
      key,
      sha256: hash,
      file: row.file,
      ocr: options.ocr,
      timeoutMs: options.settings.timeoutMs,
    };
    const id = await boss.send(QUEUE, data, { ...queueOptions(options.settings), db: tx.db });
    if (!id) throw new Error("internal: pg-boss created no job");
    await tx.db.executeSql(`UPDATE ${QUEUE_SCHEMA}.extractions SET job_id = $2 WHERE key = $1`, [key, id]);
    await tx.commit();
    return { event: "queued", file: path, sha256: hash, job: id, stored };
  } catch (e) {
    await tx.rollback();
    throw e;
  }
}
