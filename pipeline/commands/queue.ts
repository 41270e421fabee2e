// `queue status` and `queue retry --failed`: argument parsing and printing only (pipeline/queue/status.ts), and
// what the three queue commands share: the --db option, numbers, opening the queue with a message that says
// what to do.
// Exit codes: 0 done, 2 bad usage or the database cannot be opened.
import { errorText, redactUrl } from "../db/db.ts";
import { type OpenQueue, openQueue, type OpenQueueOptions, QueueUrlError } from "../queue/connection.ts";
import { type FailedJob, type QueueStatus, queueStatus, retryFailed } from "../queue/status.ts";
import {
  type CommandDefinition,
  defineCommand,
  helpText,
  type OptionSpec,
  parseCommand,
  type Values,
} from "./define.ts";
import { SUMMARIES } from "./summaries.ts";

export const DB_OPTION = {
  type: "string",
  value: "URL",
  description:
    "the PostgreSQL database of the queue, where the reports are loaded: postgres://USER:PASSWORD@HOST:PORT/DB (required)",
} as const;

export class UsageError extends Error {}

/** A positive number (integer when `integer`), or undefined when the option was not given. */
export function positive(flag: string, text: string | undefined, integer = false): number | undefined {
  if (text === undefined) return undefined;
  const n = /^\d+(\.\d+)?$/.test(text.trim()) ? Number(text) : NaN;
  if (!(n > 0) || (integer && !Number.isInteger(n)))
    throw new UsageError(`${flag} needs a positive ${integer ? "whole " : ""}number, not "${text}"`);
  return n;
}

/** Parse a command's arguments; on a bad one print the error and the help (exit 2), on --help the help (exit 0). */
export function parseOrExit<O extends Record<string, OptionSpec>>(
  definition: CommandDefinition<O>,
  args: string[],
): { values: Values<O>; positionals: string[] } | number {
  try {
    const parsed = parseCommand(definition, args);
    if (parsed.values.help) {
      console.log(helpText(definition));
      return 0;
    }
    return parsed;
  } catch (e) {
    console.error(`${definition.name}: ${errorText(e)}\n${helpText(definition)}`);
    return 2;
  }
}

/** An error of the database or of reaching it (a bad URL, a refused connection, a failed migration, an error the
 * server sent), as opposed to a bug of this tool. */
export function isDatabaseTrouble(e: unknown): boolean {
  const x = e as { name?: unknown; severity?: unknown; syscall?: unknown; message?: unknown };
  return (
    e instanceof QueueUrlError ||
    x?.name === "MigrationError" ||
    typeof x?.severity === "string" ||
    typeof x?.syscall === "string" ||
    /^(Connection terminated|timeout expired|connect E)/i.test(String(x?.message ?? ""))
  );
}

/** Open the queue of --db, or print why not (exit 2). */
export async function openOrExit(
  command: string,
  url: string | undefined,
  options: OpenQueueOptions = {},
): Promise<OpenQueue | number> {
  if (!url) {
    console.error(`${command}: give the queue's database with --db postgres://USER:PASSWORD@HOST:PORT/DB`);
    return 2;
  }
  try {
    return await openQueue(url, options);
  } catch (e) {
    if (!isDatabaseTrouble(e)) throw e;
    console.error(cannotOpen(command, url, e));
    return 2;
  }
}

/** Why the queue of `url` cannot be opened, and what to do. */
export function cannotOpen(command: string, url: string, e: unknown): string {
  if (e instanceof QueueUrlError) return `${command}: ${e.message}`;
  return `${command}: cannot open the queue in ${redactUrl(url)}: ${errorText(e)}; check the URL, that the server is up and that the user may create schemas and tables there`;
}

export const queueDefinition = defineCommand({
  name: "queue",
  summary: SUMMARIES.queue,
  details:
    "queue status: jobs queued, running, done and failed, per worker, throughput, and each failed input with its error. queue retry --failed: every failed job back in the queue for one more attempt.",
  positionals: [{ name: "status|retry", description: "what to do" }],
  options: {
    db: DB_OPTION,
    failed: { type: "boolean", description: "with retry: the failed jobs (the only kind there is to retry)" },
    json: { type: "boolean", description: "print JSON instead of text" },
  },
  exitCodes: [
    [0, "done"],
    [2, "bad usage, or the database cannot be opened"],
  ],
});

export async function queueCommand(rest: string[]): Promise<number> {
  const parsed = parseOrExit(queueDefinition, rest);
  if (typeof parsed === "number") return parsed;
  const { values, positionals } = parsed;
  const [action, ...extra] = positionals;
  const usage = (text: string) => (console.error(`queue: ${text}\n${helpText(queueDefinition)}`), 2);
  if (action !== "status" && action !== "retry")
    return usage(
      action ? `unknown action "${action}": status or retry` : "say what to do: queue status, or queue retry --failed",
    );
  if (extra.length > 0) return usage(`unexpected argument "${extra[0]}"`);
  if (action === "retry" && !values.failed) return usage("say what to retry: queue retry --failed");
  const queue = await openOrExit("queue", values.db);
  if (typeof queue === "number") return queue;
  try {
    if (action === "status") {
      const status = await queueStatus(queue);
      console.log(values.json ? JSON.stringify(status) : statusText(status));
    } else {
      const jobs = await retryFailed(queue);
      if (values.json) console.log(JSON.stringify({ retried: jobs.length, jobs }));
      else {
        for (const f of jobs)
          console.log(`${f.file}: back in the queue (job ${f.job}; it failed with ${f.code}: ${f.message})`);
        console.log(`${jobs.length} failed job${jobs.length === 1 ? "" : "s"} back in the queue`);
      }
    }
    return 0;
  } finally {
    await queue.close();
  }
}

const num = (n: number | null, digits = 1) => (n === null ? "–" : n.toFixed(digits));

function statusText(s: QueueStatus): string {
  const { jobs, throughput } = s;
  const lines = [
    `queue in ${s.url}: ${jobs.queued} queued, ${jobs.running} running, ${jobs.done} done, ${jobs.failed} failed${jobs.cancelled ? `, ${jobs.cancelled} cancelled` : ""}`,
    `throughput: ${num(throughput.perMinute)} reports/min from the first start to the last end; ${throughput.lastTenMinutes} done in the last 10 minutes`,
  ];
  if (s.workers.length > 0) {
    lines.push("workers:");
    const width = Math.max(...s.workers.map((w) => w.worker.length));
    for (const w of s.workers) {
      const extra = [w.released && `${w.released} given back`, w.lost && `${w.lost} lost (the worker died; retried)`]
        .filter(Boolean)
        .join(", ");
      lines.push(
        `  ${w.worker.padEnd(width)}  ${w.running} running, ${w.done} done, ${w.failed} failed${extra ? `, ${extra}` : ""}; ${num(w.meanSeconds)} s per report, ${num(w.perMinute)}/min`,
      );
    }
  }
  if (s.failed.length > 0) {
    lines.push("failed (yanbao queue retry --failed runs them again):");
    for (const f of s.failed.slice(0, 50)) lines.push(`  ${failedLine(f)}`);
    if (s.failed.length > 50) lines.push(`  … and ${s.failed.length - 50} more (--json lists all)`);
  }
  return lines.join("\n");
}

const failedLine = (f: FailedJob) =>
  `${f.file}: ${f.message}; ${f.action} [${f.code}${f.page ? `, page ${f.page}` : ""}; job ${f.job}, ${f.attempts} attempt${f.attempts === 1 ? "" : "s"}]`;
