// Per-stage timings of one extraction: wall time of each stage and the memory in use after it. They go to the run
// log (`--log json`, the batch's `done` records), never into the output files, which must be the same bytes on
// every run.
import type { ProblemLog, Staged } from "./problems.ts";
import type { Stage } from "../schemas/index.ts";

export interface StageTiming {
  stage: string;
  /** wall time of the stage, milliseconds */
  ms: number;
  /** V8 heap in use after the stage (this thread), MB */
  heapMB: number;
  /** resident memory of the process after the stage (all threads), MB */
  rssMB: number;
}

const mb = (bytes: number) => Math.round(bytes / 2 ** 20);

export class StageClock {
  readonly timings: StageTiming[] = [];

  /** Runs `fn` and records its wall time under `stage` (when its promise settles, for an async one). */
  time<T>(stage: string, fn: () => T): T {
    const start = performance.now();
    const out = fn();
    if (out instanceof Promise) return out.finally(() => this.record(stage, start)) as T;
    this.record(stage, start);
    return out;
  }

  private record(stage: string, start: number): void {
    const ms = Math.round((performance.now() - start) * 10) / 10;
    const m = process.memoryUsage();
    this.timings.push({ stage, ms, heapMB: mb(m.heapUsed), rssMB: mb(m.rss) });
  }
}

/** A stage runner: times the stage, files its problems under its name and returns what it made. */
export function stageRunner(log: ProblemLog, clock: StageClock) {
  function run<T>(stage: Stage, fn: () => Promise<Staged<T>>): Promise<T>;
  function run<T>(stage: Stage, fn: () => Staged<T>): T;
  function run<T>(stage: Stage, fn: () => Staged<T> | Promise<Staged<T>>): T | Promise<T> {
    const out = clock.time(stage, fn);
    return out instanceof Promise ? out.then((s) => log.take(stage, s)) : log.take(stage, out);
  }
  return run;
}
