// How a batch is shown: bars on a terminal (cli-progress: the whole batch, plus one bar per worker showing its
// report and page), one plain line per report without a terminal (CI, pipes), or JSON lines (`--log json`).
import type cliProgress from "cli-progress";
import { createRequire } from "node:module";
import { basename } from "node:path";
import { formatError } from "./errors.ts";
import type { BatchEvent, BatchRecord, BatchSummary } from "./run.ts";

export interface Reporter {
  onEvent(e: BatchEvent): void;
  finish(summary: BatchSummary, extra: Usage): void;
}

export type LogMode = "auto" | "plain" | "json";

/** What the whole process used: peak memory (all threads) and CPU time (user + system, all threads). */
export interface Usage {
  maxRssMB: number;
  cpuMs: number;
}

export function usage(): Usage {
  const u = process.resourceUsage();
  return { maxRssMB: u.maxRSS / 1024, cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000 };
}

export function reporterFor(mode: LogMode, stdout = process.stdout, stderr = process.stderr): Reporter {
  if (mode === "json") return jsonReporter(stdout);
  if (mode === "auto" && stdout.isTTY && stderr.isTTY && !process.env.CI) return ttyReporter(stdout, stderr);
  return plainReporter(stdout, stderr);
}

const line = (r: BatchRecord) =>
  r.event === "skipped"
    ? `${r.file} → ${r.out}: unchanged, skipped`
    : r.event === "done"
      ? `${r.file} → ${r.out}: ${r.tables} tables, ${r.cells} cells, ${r.scores} scores, ${r.problems} problems${r.errors ? ` (${r.errors} errors)` : ""}`
      : `error: ${formatError(r.file, r.error!)}`;

function summaryLines(s: BatchSummary, { maxRssMB, cpuMs }: Usage): { out: string[]; err: string[] } {
  const total = s.done + s.skipped + s.failed + s.interrupted;
  const out = [
    `${total} reports in ${(s.ms / 1000).toFixed(1)} s: ${s.done} done${s.partial ? ` (${s.partial} partial: see their problems.csv)` : ""}, ${s.skipped} skipped (unchanged), ${s.failed} failed; CPU ${(cpuMs / 1000).toFixed(1)} s, peak memory ${maxRssMB.toFixed(0)} MB`,
  ];
  const err: string[] = [];
  if (s.failed > 0)
    err.push(
      `${s.failed} of ${total} reports failed:`,
      ...s.failures.map(
        (f) => `  ${formatError(f.file, f.error!)} [${f.error!.code}${f.error!.page ? `, page ${f.error!.page}` : ""}]`,
      ),
    );
  if (s.interrupted > 0)
    err.push(
      `interrupted: ${s.interrupted} reports not finished; run again to continue (finished reports are skipped)`,
    );
  return { out, err };
}

function plainReporter(stdout: NodeJS.WriteStream, stderr: NodeJS.WriteStream): Reporter {
  return {
    onEvent(e) {
      if (e.event === "done" || e.event === "skipped") stdout.write(`${line(e)}\n`);
      else if (e.event === "failed") stderr.write(`${line(e)}\n`);
      else if (e.event === "note") stderr.write(`note: ${e.text}\n`);
    },
    finish(s, used) {
      const { out, err } = summaryLines(s, used);
      for (const l of out) stdout.write(`${l}\n`);
      for (const l of err) stderr.write(`${l}\n`);
    },
  };
}

function jsonReporter(stdout: NodeJS.WriteStream): Reporter {
  const write = (o: object) => stdout.write(`${JSON.stringify(o)}\n`);
  return {
    onEvent(e) {
      if (e.event === "done" || e.event === "skipped" || e.event === "failed" || e.event === "note") write(e);
    },
    finish(s, { maxRssMB, cpuMs }) {
      const { failures, ...counts } = s;
      write({
        event: "summary",
        ...counts,
        cpuMs: Math.round(cpuMs),
        maxRssMB: Math.round(maxRssMB),
        failures: failures.map((f) => ({ file: f.file, error: f.error })),
      });
    },
  };
}

function ttyReporter(stdout: NodeJS.WriteStream, stderr: NodeJS.WriteStream): Reporter {
  // cli-progress is loaded only for a terminal: a pipe or --log json does without it.
  const progress = createRequire(import.meta.url)("cli-progress") as typeof cliProgress;
  const bars = new progress.MultiBar(
    { stream: stdout, hideCursor: true, clearOnComplete: true, barsize: 24, format: "{name} {bar} {text}" },
    progress.Presets.shades_classic,
  );
  const counts = { done: 0, skipped: 0, failed: 0 };
  const tally = () => ({ counts: `${counts.done} done, ${counts.skipped} skipped, ${counts.failed} failed` });
  let overall: cliProgress.SingleBar | null = null;
  const slots: cliProgress.SingleBar[] = [];
  return {
    onEvent(e) {
      if (e.event === "start" && e.total > 0) {
        overall = bars.create(e.total, 0, tally(), {
          format: "reports  {bar} {value}/{total} | {counts} | {duration_formatted}",
        });
        for (let i = 0; i < e.concurrency; i++)
          slots.push(bars.create(1, 0, { name: `worker ${i + 1}`, text: "idle" }));
      } else if (e.event === "begin") {
        slots[e.slot]?.setTotal(1);
        slots[e.slot]?.update(0, { text: `reading · ${basename(e.file)}` });
      } else if (e.event === "progress") {
        const what =
          e.stage === "pages"
            ? `page ${e.done + 1} of ${e.total}`
            : e.stage === "analyse"
              ? "tables, scores, output"
              : "reading";
        slots[e.slot]?.setTotal(Math.max(1, e.total));
        slots[e.slot]?.update(e.done, { text: `${what} · ${basename(e.file)}` });
      } else if (e.event === "idle") {
        slots[e.slot]?.update(0, { text: "idle" });
      } else if (e.event === "note") {
        bars.log(`note: ${e.text}\n`);
      } else if (e.event === "done" || e.event === "skipped" || e.event === "failed") {
        counts[e.event]++;
        bars.log(`${line(e)}\n`);
        overall?.increment(1, tally());
      }
    },
    finish(s, extra) {
      bars.stop();
      plainReporter(stdout, stderr).finish(s, extra);
    },
  };
}
