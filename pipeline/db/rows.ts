// From the document model to database rows: one TableSpec per child table of an edition (column order and
// logical types, matching migrations.ts) and the records of a report for each, with a name for every record so
// that an error can say which one the database refused.
import type { Report } from "../../schemas/index.ts";
import type { ColumnType, SqlValue, TableSpec } from "./db.ts";

const spec = (name: string, columns: Record<string, ColumnType>): TableSpec => ({
  name,
  columns: Object.entries(columns).map(([column, type]) => ({ name: column, type })),
});

export const TABLES = spec("tables", {
  edition_id: "ref", table_id: "text", label: "text", title: "text", page: "int", line: "int", source: "text", unit: "text",
  header_rows: "int", n_rows: "int", n_cols: "int", columns: "json", rows: "json", grid: "json", box: "json",
});

export const CELLS = spec("cells", {
  edition_id: "ref", table_id: "text", row: "int", col: "int", row_header: "text", col_header: "text", row_path: "json", col_path: "json",
  raw: "text", value: "real", unit: "text", setting: "text", note: "text", footnote: "text", missing: "bool",
  value2: "real", value2_relation: "text", unit2: "text", setting2: "text", normalized: "text",
  page: "int", x0: "real", y0: "real", x1: "real", y1: "real",
});

export const SCORES = spec("scores", {
  edition_id: "ref", table_id: "text", row: "int", col: "int", label: "text", model: "text", benchmark: "text", metric: "text",
  value: "real", unit: "text", setting: "text", note: "text", footnote: "text", value2: "real", raw: "text",
  model_raw: "text", benchmark_raw: "text",
});

export const FIGURES = spec("figures", {
  edition_id: "ref", seq: "int", label: "text", title: "text", page: "int", caption: "text", line: "int", source: "text", content: "text", table_id: "text",
});

export const SECTIONS = spec("sections", { edition_id: "ref", seq: "int", number: "text", title: "text", page: "int", line: "int" });

export const RECOMMENDATIONS = spec("recommendations", {
  edition_id: "ref", seq: "int", section: "text", category: "text", subcategory: "text", company: "text", note: "text", line: "int",
});

export const PROBLEMS = spec("problems", {
  edition_id: "ref", seq: "int", code: "text", severity: "text", stage: "text", source: "text", page: "int", line: "int", location: "text", message: "text",
});

/** Columns of a future charts.csv (figure_id,label,page,series,category,value,unit,raw,confidence,estimated). */
export const CHARTS = spec("charts", {
  edition_id: "ref", seq: "int", figure_id: "text", label: "text", page: "int", series: "text", category: "text",
  value: "real", unit: "text", raw: "text", confidence: "real", estimated: "bool",
});

/** Child tables in insertion order (parents first); deletion goes the other way. */
export const CHILD_TABLES = [TABLES, CELLS, SCORES, FIGURES, SECTIONS, RECOMMENDATIONS, PROBLEMS, CHARTS] as const;

export interface RecordSet {
  spec: TableSpec;
  rows: SqlValue[][];
  /** Names the record at an index, e.g. `cell fig-4 r3c2 (tables[1].cells[17])`. */
  describe(index: number): string;
}

const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));
/** Header paths are joined as in cells.csv. */
export const joinPath = (path: readonly string[]) => path.join(" / ");

/** Every child record of an edition, grouped by table, in insertion order. */
export function editionRecords(report: Report, editionId: number): RecordSet[] {
  const e = editionId;
  const cellIndex: [number, number][] = [];
  const cells: SqlValue[][] = [];
  report.tables.forEach((t, ti) =>
    t.cells.forEach((c, ci) => {
      cellIndex.push([ti, ci]);
      cells.push([
        e, t.id, c.row, c.col, joinPath(c.row_header), joinPath(c.col_header), json(c.row_header), json(c.col_header),
        c.raw, c.value, c.unit, c.setting, c.note, c.footnote, c.missing,
        c.value2, c.value2_relation, c.unit2, c.setting2, c.normalized,
        c.box?.page ?? null, c.box?.x0 ?? null, c.box?.y0 ?? null, c.box?.x1 ?? null, c.box?.y1 ?? null,
      ]);
    }),
  );
  return [
    {
      spec: TABLES,
      rows: report.tables.map((t) => [
        e, t.id, t.label, t.title, t.page, t.line, t.source, t.unit, t.header_rows, t.rows.length, t.columns.length,
        json(t.columns), json(t.rows), json(t.grid), json(t.box),
      ]),
      describe: (i) => `table ${report.tables[i]?.id} (tables[${i}])`,
    },
    {
      spec: CELLS,
      rows: cells,
      describe: (i) => {
        const [ti, ci] = cellIndex[i] ?? [-1, -1];
        const t = report.tables[ti];
        const c = t?.cells[ci];
        return `cell ${t?.id} r${c?.row}c${c?.col} (tables[${ti}].cells[${ci}])`;
      },
    },
    {
      spec: SCORES,
      rows: report.scores.map((s) => [
        e, s.table_id, s.row, s.col, s.label, s.model, s.benchmark, s.metric, s.value, s.unit, s.setting, s.note, s.footnote, s.value2, s.raw,
        s.model_raw, s.benchmark_raw,
      ]),
      describe: (i) => {
        const s = report.scores[i];
        return `score ${s?.table_id} r${s?.row}c${s?.col} ${s?.model} / ${s?.benchmark} (scores[${i}])`;
      },
    },
    {
      spec: FIGURES,
      rows: report.figures.map((f, i) => [e, i, f.label, f.title, f.page, f.caption, f.line, f.source, f.content, f.table_id]),
      describe: (i) => `figure ${report.figures[i]?.label} (figures[${i}])`,
    },
    {
      spec: SECTIONS,
      rows: report.sections.map((s, i) => [e, i, s.number, s.title, s.page, s.line]),
      describe: (i) => `section ${report.sections[i]?.number ?? ""} ${report.sections[i]?.title} (sections[${i}])`,
    },
    {
      spec: RECOMMENDATIONS,
      rows: report.recommendations.map((r, i) => [e, i, r.section, r.category, r.subcategory, r.company, r.note, r.line]),
      describe: (i) => `recommendation ${report.recommendations[i]?.company} (recommendations[${i}])`,
    },
    {
      spec: CHARTS,
      rows: chartPoints(report).map((c, i) => [e, i, c.chart.figure_id, c.chart.label, c.chart.page, c.point.series, c.point.category, c.point.value, c.point.unit, c.point.raw, c.point.confidence, c.point.estimated]),
      describe: (i) => {
        const c = chartPoints(report)[i];
        return `chart ${c?.chart.figure_id} ${c?.point.category} (charts[${c?.index}].points)`;
      },
    },
    {
      spec: PROBLEMS,
      rows: report.problems.map((p, i) => [e, i, p.code, p.severity, p.stage, p.source, p.page, p.line, p.where, p.message]),
      describe: (i) => `problem ${report.problems[i]?.code} (problems[${i}])`,
    },
  ];
}

/** One row per chart data point (charts.csv), with the chart it belongs to. */
function chartPoints(report: Report) {
  return (report.charts ?? []).flatMap((chart, index) => chart.points.map((point) => ({ chart, point, index })));
}
