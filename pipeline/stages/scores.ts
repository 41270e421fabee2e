// Benchmark scores: one record per (model, benchmark) value of tables that compare models on benchmarks,
// whichever way the table is oriented. Names are canonicalised through the vocabulary files.
import type { Cell, Score, Table } from "../../schemas/index.ts";
import type { Staged } from "../problems.ts";
import { settingInLabel } from "./normalize/cell.ts";
import { canonicalModel, findBenchmark, isKnownModel, type BenchmarkMatch } from "./normalize/vocabulary.ts";

interface AxisBenchmark {
  benchmark: BenchmarkMatch | null;
  metric: BenchmarkMatch | null;
}

/** The benchmark (and metric) named along a header path: the innermost benchmark, the innermost metric. */
function benchmarkOf(path: string[]): AxisBenchmark {
  let benchmark: BenchmarkMatch | null = null;
  let metric: BenchmarkMatch | null = null;
  for (const label of path) {
    const m = findBenchmark(label);
    if (!m) continue;
    if (m.kind === "metric") metric = m;
    else benchmark = m;
  }
  return { benchmark, metric };
}

const named = (a: AxisBenchmark) => a.benchmark !== null || a.metric !== null;
const share = <T>(xs: T[], f: (x: T) => boolean) => (xs.length === 0 ? 0 : xs.filter(f).length / xs.length);

/** "Model A/Model B": a row comparing two other rows is a ratio, not a score. */
function isRatio(label: string, siblings: string[]): boolean {
  const parts = label.split("/").map((s) => s.trim());
  if (parts.length !== 2 || parts.some((p) => p === "")) return false;
  const known = (p: string) =>
    isKnownModel(p) || siblings.some((s) => canonicalModel(s).name === canonicalModel(p).name);
  return parts.every(known);
}

/** Model name from a header path; a parenthesised qualifier that is not a setting stays part of the name. */
function modelOf(path: string[]): { model: string; raw: string } {
  const raw = path.join(" ");
  const canonical = canonicalModel(raw).name;
  const qualifier = /[（(]([^()（）]+)[)）]\s*(?:\[\d+\])?\s*$/.exec(raw)?.[1]?.trim();
  if (!qualifier || settingInLabel(raw) !== null || canonical.includes(qualifier)) return { model: canonical, raw };
  return { model: `${canonical} (${qualifier})`, raw };
}

/** A table of financial line items: most of its cells are of a period (FY26E, 1Q26) or an amount of money. Its
 * row labels (EPS, ROE…) may share a name with a benchmark or metric; they are never model × benchmark scores. */
const isFinancial = (t: Table) => share(t.cells, (c) => !!c.period || !!c.currency) >= 0.5;

/** The scores of every table that compares models on benchmarks. */
export function findScores(tables: Table[]): Staged<Score[]> {
  return { value: tables.flatMap(extractScores), problems: [] };
}

export function extractScores(table: Table): Score[] {
  const dataCols = table.columns.filter((c) => c.role === "data");
  const numeric = table.cells.filter((c) => !c.missing);
  if (dataCols.length === 0 || share(numeric, (c) => c.value !== null) < 0.5 || isFinancial(table)) return [];
  const colAxis = new Map(dataCols.map((c) => [c.col, benchmarkOf(c.path)]));
  const rowAxis = new Map(table.rows.map((r) => [r.row, benchmarkOf(r.path)]));
  const colShare = share([...colAxis.values()], named);
  const rowShare = share([...rowAxis.values()], named);
  const benchmarksInColumns = colShare >= 0.5 && colShare > rowShare;
  const benchmarksInRows = !benchmarksInColumns && rowShare >= 0.5;
  if (!benchmarksInColumns && !benchmarksInRows) return [];
  const rowLabels = table.rows.map((r) => r.path[r.path.length - 1] ?? "");

  const scores: Score[] = [];
  for (const cell of table.cells) {
    if (cell.value === null || cell.missing || cell.currency) continue; // an amount of money is no score
    const rowPath = table.rows[cell.row]?.path ?? [];
    const colPath = table.columns[cell.col]?.path ?? [];
    const bench = benchmarksInColumns ? colAxis.get(cell.col) : rowAxis.get(cell.row);
    const modelPath = benchmarksInColumns ? rowPath : colPath;
    if (!bench || !named(bench) || modelPath.length === 0) continue;
    if (benchmarksInColumns && isRatio(modelPath[modelPath.length - 1] ?? "", rowLabels)) continue;
    if (named(benchmarkOf(modelPath))) continue; // both axes name benchmarks: not a model
    scores.push(scoreOf(table, cell, modelOf(modelPath), bench, benchmarksInColumns ? colPath : rowPath));
  }
  return scores;
}

function scoreOf(
  table: Table,
  cell: Cell,
  model: { model: string; raw: string },
  bench: AxisBenchmark,
  benchPath: string[],
): Score {
  const main = bench.benchmark ?? bench.metric!;
  return {
    table_id: table.id,
    label: table.label,
    model: model.model,
    model_raw: model.raw,
    benchmark: main.name,
    benchmark_raw: benchPath.join(" / "),
    metric: bench.metric?.name ?? null,
    value: cell.value!,
    unit: cell.unit,
    setting: cell.setting,
    note: cell.note,
    footnote: cell.footnote,
    value2: cell.value2,
    raw: cell.raw,
    row: cell.row,
    col: cell.col,
  };
}
