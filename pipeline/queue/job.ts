// What a job carries, and what a failed one keeps: the same error record as the CLI's (batch/errors.ts), with
// the input's file name.
import { basename } from "node:path";
import { z } from "zod";
import type { BatchError } from "../batch/errors.ts";
import { outputOptions, TOOL } from "../stages/emit.ts";

/** The payload of an extraction job (pg-boss keeps it as JSON with the job). */
export const JobData = z.object({
  /** extractions.key: the input, the tool version and the output options. */
  key: z.string(),
  /** sha256 of the input's bytes (yanbao_queue.inputs). */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** The input's file name as it was enqueued: the report's source.file and its output folder name (a name, never
   * a path: the worker writes the input under it in a folder of its own). */
  file: z.string().refine((f) => f !== "" && f !== "." && f !== ".." && f === basename(f), "a file name, not a path"),
  ocr: z.boolean(),
  /** Time limit of the extraction, ms. */
  timeoutMs: z.number().int().positive(),
});
export type JobData = z.infer<typeof JobData>;

/** The ledger key of an extraction: an input is extracted once per tool version and output options. */
export function extractionKey(sha256: string, options: { ocr: boolean }): string {
  return `${sha256}:${TOOL.name}@${TOOL.version}:${JSON.stringify(outputOptions(options))}`;
}

/** A job that failed: the error record (code, message, action, page) and the file. pg-boss stores the thrown
 * error's own properties as the job's output, so a failed job keeps exactly this record. */
export class JobFailure extends Error implements BatchError {
  override name = "JobFailure";
  readonly code: string;
  readonly action: string;
  readonly page: number | null;
  readonly file: string;
  constructor(file: string, error: BatchError) {
    super(error.message);
    this.code = error.code;
    this.action = error.action;
    this.page = error.page;
    this.file = file;
  }
}

/** The record of a failed job as stored (or null when the output is not one: a job pg-boss itself failed, e.g.
 * after its worker died on the last attempt, keeps pg-boss's message only). */
export function failureRecord(output: unknown, file: string): BatchError & { file: string } {
  const o = (output ?? {}) as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === "string" ? v : null);
  return {
    file: text(o.file) ?? file,
    code: text(o.code) ?? "queue/lost",
    message: text(o.message) ?? "the job failed without an error record",
    action:
      text(o.action) ?? "its worker stopped or died on the last attempt: `yanbao queue retry --failed` runs it again",
    page: typeof o.page === "number" ? o.page : null,
  };
}

/** The job was given back because its worker was stopped before finishing it. */
export const released = (signal: string): BatchError => ({
  code: "queue/released",
  message: `the worker was stopped (${signal}) before the job finished; nothing of it was loaded`,
  action: "none: the job is back in the queue for another worker",
  page: null,
});
