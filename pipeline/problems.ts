// Problems as the stages make them, and the log that files them under the stage that found them.
// A stage returns what it made and what it found (`Staged`); the stage list (extract.ts) hands both to a
// ProblemLog, which adds the stage's name and the source file, so no stage writes either itself.
import type { Problem, Stage } from "../schemas/index.ts";

/** A problem as a stage reports it: the stage and the source file are added by the log. */
export type Found = Omit<Problem, "stage" | "source">;

/** What every stage returns: its result and the problems it found on the way. */
export interface Staged<T> {
  value: T;
  problems: Found[];
}

/** Where a problem is: page, source line, and the thing concerned (a table id and cell, a field…). */
export interface At {
  page?: number | null;
  line?: number | null;
  where?: string | null;
}

export function found(code: string, severity: Problem["severity"], message: string, at: At = {}): Found {
  return { code, severity, page: at.page ?? null, line: at.line ?? null, where: at.where ?? null, message };
}

export const staged = <T>(value: T, problems: Found[] = []): Staged<T> => ({ value, problems });

/** The problems of one report, in the order the stages found them. */
export class ProblemLog {
  readonly problems: Problem[] = [];
  constructor(readonly source: string) {}

  /** Files a stage's problems under its name and returns its result. */
  take<T>(stage: Stage, result: Staged<T>): T {
    for (const p of result.problems)
      this.problems.push({
        code: p.code,
        severity: p.severity,
        stage,
        source: this.source,
        page: p.page,
        line: p.line,
        where: p.where,
        message: p.message,
      });
    return result.value;
  }
}
