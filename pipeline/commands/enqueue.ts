// `enqueue`: argument parsing and printing only; the work is done by pipeline/queue/enqueue.ts.
// Exit codes: 0 every input queued or already there, 1 some input refused (each named with what to do), 2 bad
// usage, no input, or the database cannot be opened.
import { formatError } from "../batch/errors.ts";
import { errorText } from "../db/db.ts";
import { DEFAULT_LIMITS } from "../input/read.ts";
import { DEFAULT_JOB_SETTINGS, LOAD_MARGIN_SECONDS } from "../queue/connection.ts";
import { type EnqueueEvent, enqueueFiles } from "../queue/enqueue.ts";
import { defineCommand, helpText } from "./define.ts";
import { SUMMARIES } from "./summaries.ts";
import { DB_OPTION, isDatabaseTrouble, openOrExit, parseOrExit, positive, UsageError } from "./queue.ts";

export const enqueueDefinition = defineCommand({
  name: "enqueue",
  summary: SUMMARIES.enqueue,
  details: `Each input is stored once, by the sha256 of its bytes; an input already extracted (or queued) by this tool version with the same options is skipped. Workers (yanbao worker) extract the jobs and load the results into the same database. A job's lease: a worker that stops sending heartbeats for that long is taken for dead and its job retried; a job may run for its time limit plus ${LOAD_MARGIN_SECONDS} s.`,
  positionals: [
    {
      name: "FILE|DIR",
      repeated: true,
      description: "a report file (.pdf, .txt, .text, .md, .markdown) or a folder of them",
    },
  ],
  options: {
    db: DB_OPTION,
    "no-ocr": {
      type: "boolean",
      default: false,
      description: "extract without OCR of scanned pages and images (a different extraction from one with OCR)",
    },
    retries: {
      type: "string",
      value: "N",
      shownDefault: DEFAULT_JOB_SETTINGS.retries,
      description: "attempts after the first before a job is kept as failed",
    },
    lease: {
      type: "string",
      value: "S",
      shownDefault: DEFAULT_JOB_SETTINGS.leaseSeconds,
      description: "seconds without a heartbeat after which a job's worker is taken for dead (at least 10)",
    },
    timeout: {
      type: "string",
      value: "S",
      shownDefault: DEFAULT_JOB_SETTINGS.timeoutMs / 1000,
      description: "time limit of one report's extraction, in seconds",
    },
    "max-bytes": {
      type: "string",
      value: "N",
      shownDefault: `${DEFAULT_LIMITS.maxBytes / 2 ** 20}M`,
      description: "refuse larger files; K, M, G suffixes",
    },
    log: {
      type: "string",
      default: "plain",
      choices: ["plain", "json"],
      description: "one line per input (plain), or JSON lines (json)",
    },
  },
  exitCodes: [
    [0, "every input queued or already there"],
    [1, "some input refused (each is named with what to do)"],
    [2, "bad usage, no input, or the database cannot be opened"],
  ],
});

function bytes(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const m = /^(\d+(?:\.\d+)?)([kmg]?)$/i.exec(text.trim());
  const unit = { "": 1, k: 2 ** 10, m: 2 ** 20, g: 2 ** 30 }[(m?.[2] ?? "").toLowerCase()];
  const n = m && unit ? Number(m[1]) * unit : NaN;
  if (!(n > 0)) throw new UsageError(`--max-bytes needs a positive number, not "${text}"`);
  return n;
}

export async function enqueueCommand(rest: string[]): Promise<number> {
  const parsed = parseOrExit(enqueueDefinition, rest);
  if (typeof parsed === "number") return parsed;
  const { values, positionals } = parsed;
  let settings;
  let maxBytes;
  try {
    if (positionals.length === 0) throw new UsageError("no input: give report files or folders");
    const lease = positive("--lease", values.lease, true) ?? DEFAULT_JOB_SETTINGS.leaseSeconds;
    if (lease < 10) throw new UsageError(`--lease is at least 10 seconds (pg-boss's shortest heartbeat), not ${lease}`);
    const retries = values.retries === "0" ? 0 : positive("--retries", values.retries, true);
    const timeout = positive("--timeout", values.timeout);
    settings = {
      retries: retries ?? DEFAULT_JOB_SETTINGS.retries,
      leaseSeconds: lease,
      timeoutMs: timeout === undefined ? DEFAULT_JOB_SETTINGS.timeoutMs : Math.round(timeout * 1000),
    };
    maxBytes = bytes(values["max-bytes"]);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(`enqueue: ${e.message}\n${helpText(enqueueDefinition)}`);
    return 2;
  }
  const queue = await openOrExit("enqueue", values.db);
  if (typeof queue === "number") return queue;
  const json = values.log === "json";
  const print = (e: EnqueueEvent) => {
    if (json) return void console.log(JSON.stringify(e));
    if (e.event === "queued")
      console.log(`${e.file}: queued as job ${e.job}${e.stored ? "" : " (its bytes were already stored)"}`);
    else if (e.event === "skipped") console.log(`${e.file}: skipped, ${e.detail}`);
    else if (e.event === "failed") console.error(`error: ${formatError(e.file, e.error)}`);
    else console.error(`note: ${e.text}`);
  };
  try {
    const summary = await enqueueFiles(queue, positionals, { ocr: !values["no-ocr"], settings, maxBytes }, print);
    if (summary.queued + summary.skipped + summary.failed === 0) {
      console.error("enqueue: no input: the folders given hold no report files (.pdf, .txt, .text, .md, .markdown)");
      return 2;
    }
    const line = `${summary.queued} queued (${summary.stored} new inputs stored), ${summary.skipped} skipped, ${summary.failed} refused in ${(summary.ms / 1000).toFixed(1)} s`;
    if (json) console.log(JSON.stringify({ event: "summary", ...summary }));
    else console.log(`${queue.url}: ${line}`);
    return summary.failed > 0 ? 1 : 0;
  } catch (e) {
    // A database error: said as such; anything else is a bug (exit 70).
    if (!isDatabaseTrouble(e)) throw e;
    console.error(
      `enqueue: the database refused: ${errorText(e)}; nothing more was enqueued (what was queued before stays queued)`,
    );
    return 2;
  } finally {
    await queue.close();
  }
}
