// Diff of two editions of a report: what changed in the data, keyed on the entities in the tables, not on
// positions or figure numbers. Pure: two validated reports in, a list of changes and a summary out.
import { ChangeKind, ChangeScope, DiffDocument, type Change, type DiffSummary } from "../../schemas/diff.ts";
import type { Report, Table } from "../../schemas/report.ts";
import { diffTableCells } from "./cells.ts";
import { change, DEFAULT_OPTIONS, isDataChange, tableRef, type DiffOptions } from "./change.ts";
import { viewTable, type TableView } from "./entities.ts";
import { matchTables, tableFeatures, type Matching } from "./match.ts";
import { diffCoverage } from "./cover.ts";
import { diffEstimates } from "./estimates.ts";
import { diffMeta } from "./meta.ts";
import { diffTableScores } from "./scores.ts";

export { compareCells } from "./cells.ts";
export { DEFAULT_OPTIONS, isDataChange, type DiffOptions } from "./change.ts";
export { viewTable, type TableView } from "./entities.ts";
export {
  matchTables,
  tableFeatures,
  tableSimilarity,
  MATCH_THRESHOLD,
  type Matching,
  type TableMatch,
} from "./match.ts";
export { diffMeta } from "./meta.ts";
export { diffCoverage, sameCoverage } from "./cover.ts";
export { diffEstimates } from "./estimates.ts";

export interface DiffResult {
  changes: Change[];
  summary: DiffSummary;
  matching: Matching;
}

interface DiffContext {
  old: Report;
  new: Report;
  oldViews: TableView[];
  newViews: TableView[];
  matching: Matching;
  options: DiffOptions;
}

/** A group of changes and where it goes in the output: metadata first, then tables in the new edition's order. */
interface Group {
  order: number;
  changes: Change[];
}

/** One kind of content compared across editions. Extension point: charts, once the document model has them,
 * are one more differ here (keyed on chart title, series and category, scope "chart"), matched like tables. */
type Differ = (ctx: DiffContext) => Group[];

// Rating and target-price changes first, then estimate revisions, then the rest of the cover, then the tables.
const metaDiffer: Differ = (ctx) => [
  { order: -3, changes: diffCoverage(ctx.old.meta, ctx.new.meta) },
  { order: -2, changes: diffEstimates(ctx.old, ctx.new, ctx.options.epsilon) },
  { order: -1, changes: diffMeta(ctx.old.meta, ctx.new.meta) },
];

const tablesDiffer: Differ = (ctx) => {
  const groups: Group[] = [];
  const newIndexOfOld = new Map(ctx.matching.pairs.map((p) => [p.old, p.new]));
  for (const p of ctx.matching.pairs) {
    const a = ctx.oldViews[p.old]!;
    const b = ctx.newViews[p.new]!;
    const changes = [...relabelling(a.table, b.table)];
    changes.push(...diffTableCells(a, b, ctx.options));
    const scoresOf = (r: Report, t: Table) => r.scores.filter((s) => s.table_id === t.id);
    changes.push(...diffTableScores(a, b, scoresOf(ctx.old, a.table), scoresOf(ctx.new, b.table), ctx.options.epsilon));
    groups.push({ order: p.new, changes });
  }
  for (const n of ctx.matching.added) {
    groups.push({
      order: n,
      changes: [change({ kind: "table_added", scope: "table", ...tableRef(null, ctx.newViews[n]!.table) })],
    });
  }
  for (const o of ctx.matching.removed) {
    // After the matched table that preceded it in the old edition.
    let before = -1;
    for (let i = o - 1; i >= 0 && before < 0; i--) before = newIndexOfOld.get(i) ?? -1;
    groups.push({
      order: before + 0.5,
      changes: [change({ kind: "table_removed", scope: "table", ...tableRef(ctx.oldViews[o]!.table, null) })],
    });
  }
  return groups;
};

const DIFFERS: Differ[] = [metaDiffer, tablesDiffer];

function relabelling(a: Table, b: Table): Change[] {
  const ref = tableRef(a, b);
  const out: Change[] = [];
  if (a.label !== b.label)
    out.push(change({ kind: "table_relabelled", scope: "table", ...ref, field: "label", old: a.label, new: b.label }));
  if (a.title.replace(/\s+/g, " ").trim() !== b.title.replace(/\s+/g, " ").trim()) {
    out.push(change({ kind: "table_relabelled", scope: "table", ...ref, field: "title", old: a.title, new: b.title }));
  }
  return out;
}

export function diffReports(oldReport: Report, newReport: Report, options: Partial<DiffOptions> = {}): DiffResult {
  const opts: DiffOptions = { ...DEFAULT_OPTIONS, ...options };
  const oldViews = oldReport.tables.map(viewTable);
  const newViews = newReport.tables.map(viewTable);
  const matching = matchTables(oldViews.map(tableFeatures), newViews.map(tableFeatures));
  const ctx: DiffContext = { old: oldReport, new: newReport, oldViews, newViews, matching, options: opts };
  const groups = DIFFERS.flatMap((d) => d(ctx)).sort((x, y) => x.order - y.order);
  const all = groups.flatMap((g) => g.changes);
  const changes = opts.all ? all : all.filter((c) => c.kind !== "format");
  return {
    changes,
    summary: summarize(changes, all.length - changes.length, oldReport, newReport, matching),
    matching,
  };
}

function summarize(changes: Change[], hiddenFormat: number, a: Report, b: Report, matching: Matching): DiffSummary {
  const byKind = Object.fromEntries(ChangeKind.options.map((k) => [k, 0])) as DiffSummary["by_kind"];
  const byScope = Object.fromEntries(ChangeScope.options.map((k) => [k, 0])) as DiffSummary["by_scope"];
  for (const c of changes) {
    byKind[c.kind]++;
    byScope[c.scope]++;
  }
  return {
    changes: changes.length,
    data_changes: changes.filter(isDataChange).length,
    by_kind: byKind,
    by_scope: byScope,
    hidden_format: hiddenFormat,
    tables: {
      old: a.tables.length,
      new: b.tables.length,
      matched: matching.pairs.length,
      added: matching.added.length,
      removed: matching.removed.length,
      relabelled: matching.pairs.filter((p) => a.tables[p.old]!.label !== b.tables[p.new]!.label).length,
    },
  };
}

/** The --json document, validated by its schema (schemas/diff.ts). */
export function diffDocument(
  result: DiffResult,
  sides: { old: { path: string; report: Report }; new: { path: string; report: Report } },
  options: DiffOptions,
): DiffDocument {
  const side = (s: { path: string; report: Report }) => ({
    path: s.path,
    file: s.report.source.file,
    sha256: s.report.source.sha256,
    tables: s.report.tables.length,
  });
  return DiffDocument.parse({
    diff_version: 1,
    old: side(sides.old),
    new: side(sides.new),
    options: { epsilon: options.epsilon, all: options.all },
    summary: result.summary,
    changes: result.changes,
  });
}
