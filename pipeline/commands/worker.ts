// `worker`: argument parsing and printing only; the work is done by pipeline/queue/worker.ts.
// Exit codes: 0 stopped with nothing failed here (the queue was empty with --exit-when-idle), 1 some job failed
// on its last attempt here (kept as failed: queue status names it), 2 bad usage or the database cannot be opened,
// 130 stopped by SIGTERM or SIGINT (its running jobs finished, or were given back to the queue).
import { availableParallelism } from "node:os";
import { formatError } from "../batch/errors.ts";
import { startWorker, type WorkerEvent, type WorkerSummary } from "../queue/worker.ts";
import { defineCommand, helpText } from "./define.ts";
import { SUMMARIES } from "./summaries.ts";
import { cannotOpen, DB_OPTION, isDatabaseTrouble, parseOrExit, positive, UsageError } from "./queue.ts";

export const workerDefinition = defineCommand({
  name: "worker",
  summary: SUMMARIES.worker,
  details:
    "Run it on any number of machines with the same --db. Each job is loaded and marked done in one transaction; a dead worker's job is retried by another once its lease runs out. SIGTERM or Ctrl-C: no new job, the running ones finish (or, after --stop-timeout or a second signal, go back to the queue).",
  positionals: [],
  options: {
    db: DB_OPTION,
    concurrency: {
      type: "string",
      value: "N",
      shownDefault: `${availableParallelism()}, the CPU cores`,
      description: "jobs at once, one thread each",
    },
    "exit-when-idle": {
      type: "boolean",
      default: false,
      description: "stop when no job is queued, running or due for a retry (batch use)",
    },
    log: {
      type: "string",
      default: "plain",
      choices: ["plain", "json"],
      description: "one line per job (plain), or JSON lines (json)",
    },
    "max-memory": { type: "string", value: "MB", shownDefault: 1024, description: "heap limit of one report's thread" },
    "ocr-workers": {
      type: "string",
      value: "N",
      shownDefault: "the CPU cores",
      description: "OCR engines of this worker (the OCR cache is the database's, shared by all workers)",
    },
    "ocr-timeout": {
      type: "string",
      value: "S",
      shownDefault: 60,
      description: "time limit of one image's recognition, in seconds",
    },
    supervise: {
      type: "string",
      value: "S",
      shownDefault: 10,
      description: "how often dead workers' jobs are looked for, in seconds",
    },
    "stop-timeout": {
      type: "string",
      value: "S",
      shownDefault: 60,
      description: "once stopping, how long running jobs may take to finish before they go back to the queue",
    },
  },
  exitCodes: [
    [0, "stopped, nothing failed here"],
    [1, "some job failed on its last attempt here (queue status names it)"],
    [2, "bad usage, or the database cannot be opened"],
    [130, "stopped by SIGTERM or SIGINT"],
  ],
});

export async function workerCommand(rest: string[]): Promise<number> {
  const parsed = parseOrExit(workerDefinition, rest);
  if (typeof parsed === "number") return parsed;
  const { values } = parsed;
  let numbers;
  try {
    if (!values.db) throw new UsageError("give the queue's database with --db postgres://USER:PASSWORD@HOST:PORT/DB");
    numbers = {
      concurrency: positive("--concurrency", values.concurrency, true),
      memoryMb: positive("--max-memory", values["max-memory"]),
      ocrWorkers: positive("--ocr-workers", values["ocr-workers"], true),
      ocrTimeout: positive("--ocr-timeout", values["ocr-timeout"]),
      supervise: positive("--supervise", values.supervise, true),
      stopTimeout: positive("--stop-timeout", values["stop-timeout"]),
    };
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(`worker: ${e.message}\n${helpText(workerDefinition)}`);
    return 2;
  }
  const json = values.log === "json";
  const print = json ? (e: object) => console.log(JSON.stringify(e)) : plain;
  let signalled: string | null = null;
  let stop: ((release: boolean, signal: string) => void) | null = null;
  const onSignal = (signal: NodeJS.Signals) => {
    const again = signalled !== null;
    signalled = signal;
    stop?.(again, signal);
  };
  process.on("SIGTERM", onSignal).on("SIGINT", onSignal);
  try {
    let worker;
    try {
      worker = await startWorker(
        {
          url: values.db,
          concurrency: numbers.concurrency,
          exitWhenIdle: values["exit-when-idle"],
          memoryMb: numbers.memoryMb,
          ocrWorkers: numbers.ocrWorkers,
          ocrTimeoutMs: numbers.ocrTimeout === undefined ? undefined : numbers.ocrTimeout * 1000,
          superviseSeconds: numbers.supervise,
          stopTimeoutMs: numbers.stopTimeout === undefined ? undefined : numbers.stopTimeout * 1000,
        },
        print,
      );
    } catch (e) {
      if (!isDatabaseTrouble(e)) throw e;
      console.error(cannotOpen("worker", values.db, e));
      return 2;
    }
    stop = worker.stop;
    if (signalled) worker.stop(false, signalled);
    const summary = await worker.finished;
    if (json) console.log(JSON.stringify({ event: "summary", worker: worker.name, ...summary }));
    else console.log(summaryLine(worker.name, summary));
    return signalled ? 130 : summary.failed > 0 ? 1 : 0;
  } finally {
    process.off("SIGTERM", onSignal).off("SIGINT", onSignal);
  }
}

function plain(e: WorkerEvent): void {
  switch (e.event) {
    case "start":
      return void console.error(`worker ${e.worker}: taking jobs from ${e.url}, ${e.concurrency} at once`);
    case "done": {
      const c = e.load.counts;
      const what =
        e.load.status === "loaded"
          ? `loaded edition ${e.load.edition} of ${e.report}: ${c.tables ?? 0} tables, ${c.cells ?? 0} cells, ${c.scores ?? 0} scores, ${c.problems ?? 0} problems`
          : `already loaded as edition ${e.load.edition} of ${e.report} (${e.load.status})`;
      return void console.log(
        `${e.file}: ${what}${e.status === "partial" ? " (partial: see its problems)" : ""} in ${(e.ms / 1000).toFixed(1)} s`,
      );
    }
    case "failed":
      return void console.error(
        `error: ${formatError(e.file, e.error)} (attempt ${e.attempt + 1}${e.final ? ", the last: kept as failed" : "; it will be retried"})`,
      );
    case "released":
      return void console.error(`${e.file}: given back to the queue (the worker is stopping)`);
    case "stopping":
      return void console.error(
        e.reason === "idle"
          ? "the queue is empty: stopping"
          : e.release
            ? "giving the running jobs back to the queue"
            : "stopping: the running jobs finish first (signal again to give them back now)",
      );
    case "note":
      return void console.error(`note: ${e.text}`);
    default:
      return;
  }
}

const summaryLine = (name: string, s: WorkerSummary) =>
  `worker ${name}: ${s.done} done, ${s.failed} failed, ${s.retried} to be retried, ${s.released} given back, in ${(s.ms / 1000).toFixed(1)} s`;
