// Messages between the batch's main thread and its extraction workers (structured-clone data only).
import type { MessagePort } from "node:worker_threads";
import type { ReadOptions } from "../input/read.ts";
import type { BatchError } from "./errors.ts";
import type { StageTiming } from "../timings.ts";

/** Load options that cross to a worker (no callbacks). */
export type WorkerReadOptions = Pick<ReadOptions, "password" | "maxPages" | "maxBytes" | "maxImagePixels">;

/** Fixed for the life of a worker. */
export interface WorkerSetup {
  /** Port to the batch's one OCR pool (see ocr-bridge.ts), or null when OCR is off. */
  ocr: MessagePort | null;
}

export interface Job {
  id: number;
  file: string;
  outDir: string;
  options: WorkerReadOptions;
}

/** What one extraction gave, for the log line. */
export interface Extracted {
  dir: string;
  pages: number | null;
  tables: number;
  cells: number;
  scores: number;
  problems: number;
  /** Problems of severity `error` (data lost or rejected). */
  errors: number;
  status: "success" | "partial";
  /** Each stage's wall time and memory after it: in the JSON log only, never in the output folder. */
  stages?: StageTiming[];
}

/** `stage` is `read` (reading the file), `pages` (PDF pages read: done of total) or `analyse` (everything after). */
export type Progress = {
  type: "progress";
  id: number;
  stage: "read" | "pages" | "analyse";
  done: number;
  total: number;
};
export type Result =
  | { type: "result"; id: number; ok: true; extracted: Extracted }
  | { type: "result"; id: number; ok: false; error: BatchError };
export type WorkerMessage = Progress | Result;
