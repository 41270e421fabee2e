// Error records of a batch: what went wrong with one file, where, and what the user can do. Plain data, so that
// they cross from a worker thread to the main thread and print as text or JSON.
import { InputError } from "../input/read.ts";

export interface BatchError {
  /** Kind of problem: `input/empty`, `pdf/encrypted`, `timeout`, `internal`… (stable, for scripts). */
  code: string;
  /** What was wrong. */
  message: string;
  /** What the user can do about it. */
  action: string;
  /** 1-based page where it happened, when known. */
  page: number | null;
}

/** The record of an exception thrown while extracting `file` into `outDir`. */
export function describeError(e: unknown, outDir: string): BatchError {
  if (e instanceof InputError) return { code: e.code, message: e.what, action: e.action, page: e.page };
  const err = e as NodeJS.ErrnoException;
  if (err?.syscall && typeof err.path === "string" && err.path.startsWith(outDir)) {
    return {
      code: "output/write-failed",
      message: `cannot write ${err.path} (${err.code ?? err.message})`,
      action: "check the space and permissions of the output folder, or choose another with --out",
      page: null,
    };
  }
  return {
    code: "internal",
    message: `internal error: ${err?.stack ?? String(e)}`,
    action: "please report it, with the file if you can share it",
    page: null,
  };
}

/** `FILE: message; action`, the one-line form of an error record. */
export const formatError = (file: string, error: BatchError) => `${file}: ${error.message}; ${error.action}`;

export const vanished = (): BatchError => ({
  code: "input/vanished",
  page: null,
  message: "the file disappeared during the run (it was there when the batch started)",
  action: "check whether another program moved or deleted it, then run again",
});
