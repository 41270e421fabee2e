// Extraction as jobs on a PostgreSQL queue (pg-boss): enqueue inputs, run workers on any number of machines,
// results loaded straight into the database. docs/queue.md.
export {
  BOSS_SCHEMA,
  DEFAULT_JOB_SETTINGS,
  type JobSettings,
  type OpenQueue,
  openQueue,
  QUEUE,
  QueueUrlError,
  processName,
} from "./connection.ts";
export { type EnqueueEvent, type EnqueueOptions, type EnqueueSummary, enqueueFiles } from "./enqueue.ts";
export { extractionKey, JobFailure } from "./job.ts";
export { SharedCacheOcrPool, SharedOcrCache } from "./ocr-cache.ts";
export { QUEUE_SCHEMA } from "./schema.ts";
export { type FailedJob, failedJobs, type QueueStatus, queueStatus, retryFailed, type WorkerStats } from "./status.ts";
export { type RunningWorker, startWorker, type WorkerEvent, type WorkerOptions, type WorkerSummary } from "./worker.ts";
