// An extraction worker thread: takes one job at a time from the pool, runs extractToDir (which writes the report's
// folder atomically), and posts progress and the result. Every exception becomes an error record; a hang or a crash
// is the pool's to handle (it terminates the thread).
import { parentPort, workerData } from "node:worker_threads";
import { extractToDir } from "../extract.ts";
import { describeError } from "./errors.ts";
import { ocrClient } from "./ocr-bridge.ts";
import type { Job, Progress, WorkerMessage, WorkerSetup } from "./protocol.ts";

const port = parentPort!;
const setup = workerData as WorkerSetup;
const post = (m: WorkerMessage) => port.postMessage(m);
const ocr = setup.ocr ? ocrClient(setup.ocr) : false;

port.on("message", async (job: Job) => {
  const progress = (stage: Progress["stage"], done: number, total: number) =>
    post({ type: "progress", id: job.id, stage, done, total });
  try {
    progress("read", 0, 1);
    const { report, dir, timings } = await extractToDir(job.file, job.outDir, {
      ...job.options,
      ocr,
      onPage: (page, pages) => progress(page < pages ? "pages" : "analyse", page, pages),
    });
    const errors = report.problems.filter((p) => p.severity === "error").length;
    post({
      type: "result",
      id: job.id,
      ok: true,
      extracted: {
        dir,
        pages: report.source.pages,
        tables: report.tables.length,
        cells: report.tables.reduce((n, t) => n + t.cells.length, 0),
        scores: report.scores.length,
        problems: report.problems.length,
        errors,
        status: errors > 0 ? "partial" : "success",
        stages: timings,
      },
    });
  } catch (e) {
    post({ type: "result", id: job.id, ok: false, error: describeError(e, job.outDir) });
  }
});
