// Scores diffed like cells, keyed on (model, benchmark, metric) within a pair of matched tables, whatever
// the setting: "which benchmark numbers moved". A score present on one side only is reported when its cell
// exists in both editions (a number replacing a missing marker); scores of added or removed rows and
// columns are covered by those changes.
import type { Change } from "../../schemas/diff.ts";
import type { Score } from "../../schemas/report.ts";
import { change, tableRef } from "./change.ts";
import { cellEntities, type TableView } from "./entities.ts";
import { disambiguate, sameNumber } from "./text.ts";

const benchmarkOf = (s: Score) => (s.metric && s.metric !== s.benchmark ? `${s.benchmark} / ${s.metric}` : s.benchmark);

function keyed(scores: readonly Score[]): Map<string, Score> {
  const ordered = [...scores].sort((x, y) => x.row - y.row || x.col - y.col);
  const keys = disambiguate(ordered.map((s) => `${s.model}\u0000${benchmarkOf(s)}`));
  return new Map(ordered.map((s, i) => [keys[i]!, s]));
}

export function compareScores(a: Score, b: Score, epsilon: number): "value" | "setting" | "format" | null {
  if (!sameNumber(a.value, b.value, epsilon) || !sameNumber(a.value2, b.value2, epsilon) || a.unit !== b.unit)
    return "value";
  if (a.setting !== b.setting || a.note !== b.note || a.footnote !== b.footnote) return "setting";
  if (a.raw !== b.raw) return "format";
  return null;
}

/** Whether the cell a score comes from also exists (same row and column entities) in the other table. */
function cellInBoth(s: Score, own: TableView, other: TableView): boolean {
  const at = cellEntities(own, s.row, s.col);
  return at !== null && other.rows.includes(at.row) && other.cols.includes(at.col);
}

export function diffTableScores(
  a: TableView,
  b: TableView,
  oldScores: readonly Score[],
  newScores: readonly Score[],
  epsilon: number,
): Change[] {
  const ref = tableRef(a.table, b.table);
  const before = keyed(oldScores);
  const after = keyed(newScores);
  const out: Change[] = [];
  const record = (kind: "value" | "setting" | "format", x: Score | null, y: Score | null) => {
    const s = (y ?? x)!;
    out.push(
      change({
        kind,
        scope: "score",
        ...ref,
        row: s.model,
        col: benchmarkOf(s),
        old: x?.raw ?? null,
        new: y?.raw ?? null,
        old_value: x?.value ?? null,
        new_value: y?.value ?? null,
      }),
    );
  };
  for (const [key, y] of after) {
    const x = before.get(key) ?? null;
    if (x) {
      const kind = compareScores(x, y, epsilon);
      if (kind) record(kind, x, y);
    } else if (cellInBoth(y, b, a)) record("value", null, y);
  }
  for (const [key, x] of before) if (!after.has(key) && cellInBoth(x, a, b)) record("value", x, null);
  return out;
}
