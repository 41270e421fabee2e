// The output tables: one definition per table, the source of its CSV header (column order), its Frictionless
// datapackage fields and its database columns (pipeline/db/rows.ts), with how each row is drawn from the report.
// A column is written once: name, logical type, description and value. Where the database table deliberately
// differs from the CSV (its key, JSON columns, a name that is an SQL keyword), `db` says so next to the columns.
// The migrations (pipeline/db/migrations.ts) must create exactly these database columns: test/db-specs.test.ts.
// The leading columns of cells.csv and scores.csv are a published contract: add columns, never rename.
import type {
  Cell,
  Chart,
  ChartPoint,
  Figure,
  Problem,
  Recommendation,
  Report,
  Score,
  Section,
  Table,
} from "../../schemas/index.ts";
import type { ColumnType } from "../db/db.ts";
import { lineItem, lineItemKey } from "./normalize/line-item.ts";

export type Value = string | number | boolean | null;
export type FieldType = "string" | "integer" | "number" | "boolean";
/** A column as datapackage.json describes it (a Frictionless field). */
export interface Field {
  name: string;
  type: FieldType;
  description: string;
}

/** Database type of each CSV type (see TYPE_MAP in pipeline/db/migrations.ts). */
export const DB_TYPE: Record<FieldType, ColumnType> = {
  string: "text",
  integer: "int",
  number: "real",
  boolean: "bool",
};

interface Column<T> extends Field {
  value: (x: T) => Value;
}

interface TableDef<T> {
  path: string;
  name: string;
  description: string;
  primaryKey: string[];
  /** One item per CSV row (and database row), in order. */
  items: (r: Report) => Iterable<T>;
  columns: Column<T>[];
  /** How the database table differs from the CSV. Every database row also starts with the edition's id. */
  db: {
    /** Rows keyed by (edition_id, seq), seq being the row's position in the CSV; false: keyed by CSV columns. */
    seq: boolean;
    /** CSV columns the database does not have (they are in another table, or differ: see `extra`). */
    omit?: readonly string[];
    /** CSV columns the database names otherwise. */
    rename?: Readonly<Record<string, string>>;
    /** Columns only the database has, after the CSV's. */
    extra?: { name: string; type: ColumnType; value: (x: T) => Value }[];
    /** Names a row in an error message, e.g. `cell fig-4 r3c2 (tables[1].cells[17])`. */
    describe: (x: T, index: number) => string;
  };
}

/** One output table, its item type erased: what emit.ts, datapackage.ts and pipeline/db/rows.ts use. */
export interface OutputTable {
  path: string;
  name: string;
  description: string;
  primaryKey: string[];
  /** The CSV columns in order: header, datapackage fields. */
  fields: Field[];
  rows: (r: Report) => Value[][];
  db: {
    seq: boolean;
    /** The database columns after edition_id (and seq). */
    columns: { name: string; type: ColumnType }[];
    /** The rows of a report for those columns, each after `lead(index)` (edition_id, seq), and a name for each. */
    records: (r: Report, lead: (index: number) => Value[]) => { rows: Value[][]; describe: (index: number) => string };
  };
}

function defineTable<T>(def: TableDef<T>): OutputTable {
  const { items, columns, db } = def;
  const omit = new Set(db.omit ?? []);
  const dbColumns = [
    ...columns
      .filter((c) => !omit.has(c.name))
      .map((c) => ({ name: db.rename?.[c.name] ?? c.name, type: DB_TYPE[c.type], value: c.value })),
    ...(db.extra ?? []),
  ];
  return {
    path: def.path,
    name: def.name,
    description: def.description,
    primaryKey: def.primaryKey,
    fields: columns.map((c) => ({ name: c.name, type: c.type, description: c.description })),
    rows: (r) => Array.from(items(r), (x) => columns.map((c) => c.value(x))),
    db: {
      seq: db.seq,
      columns: dbColumns.map((c) => ({ name: c.name, type: c.type })),
      records: (r, lead) => ({
        rows: Array.from(items(r), (x, i) => {
          const row = lead(i);
          for (const c of dbColumns) row.push(c.value(x));
          return row;
        }),
        describe: (index) => {
          let i = 0;
          for (const x of items(r)) if (i++ === index) return db.describe(x, index);
          return `${def.name}[${index}]`;
        },
      }),
    },
  };
}

const col = <T>(name: string, type: FieldType, description: string, value: (x: T) => Value): Column<T> => ({
  name,
  type,
  description,
  value,
});
const path = (p: readonly string[]) => p.join(" / ");
/** A database JSON column's value: JSON text, or null. */
export const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));

interface CellItem {
  table: Table;
  cell: Cell;
  /** Positions in report.json: tables[ti].cells[ci]. */
  ti: number;
  ci: number;
}
function* cellItems(r: Report): Generator<CellItem> {
  for (const [ti, table] of r.tables.entries())
    for (const [ci, cell] of table.cells.entries()) yield { table, cell, ti, ci };
}

interface ChartItem {
  chart: Chart;
  point: ChartPoint;
  /** Position in report.json: charts[index]. */
  index: number;
}
function* chartItems(r: Report): Generator<ChartItem> {
  for (const [index, chart] of (r.charts ?? []).entries())
    for (const point of chart.points) yield { chart, point, index };
}

export const CELLS = defineTable<CellItem>({
  path: "cells.csv",
  name: "cells",
  description:
    "One row per body cell of every table, typed; raw is the exact printed text, a leading = + - @ included (for a spreadsheet open tables/*.csv, where such cells are made safe)",
  primaryKey: ["table_id", "row", "col"],
  items: cellItems,
  columns: [
    col("table_id", "string", "table id (fig-4, tab-1, table-2)", (x) => x.table.id),
    col("label", "string", "caption label, empty for uncaptioned tables", (x) => x.table.label),
    col("title", "string", "caption title or the heading above the table", (x) => x.table.title),
    col("page", "integer", "page of the table", (x) => x.cell.box?.page ?? x.table.page),
    col("row", "integer", "0-based body row", (x) => x.cell.row),
    col("col", "integer", "0-based grid column", (x) => x.cell.col),
    col("row_header", "string", "row header path joined with ' / '", (x) => path(x.cell.row_header)),
    col("col_header", "string", "column header path joined with ' / '", (x) => path(x.cell.col_header)),
    col("raw", "string", "cell text as printed", (x) => x.cell.raw),
    col("value", "number", "number in the cell, printed scale", (x) => x.cell.value),
    col("unit", "string", "unit from the cell, its headers or the caption", (x) => x.cell.unit),
    col("setting", "string", "evaluation setting (5-shot, CoT@32)", (x) => x.cell.setting),
    col("note", "string", "parenthesised note printed with the value", (x) => x.cell.note),
    col("footnote", "string", "footnote marks (*, **)", (x) => x.cell.footnote),
    col("missing", "boolean", "empty cell or missing marker", (x) => x.cell.missing),
    col("value2", "number", "second value of a compound cell", (x) => x.cell.value2),
    col("value2_relation", "string", "'/', '±' or 'second'", (x) => x.cell.value2_relation),
    col("unit2", "string", "unit of value2", (x) => x.cell.unit2),
    col("setting2", "string", "setting of value2", (x) => x.cell.setting2),
    col("normalized", "string", "cell text after slip repairs, empty if none", (x) => x.cell.normalized),
    col("x0", "number", "cell box left, PDF points", (x) => x.cell.box?.x0 ?? null),
    col("y0", "number", "cell box top", (x) => x.cell.box?.y0 ?? null),
    col("x1", "number", "cell box right", (x) => x.cell.box?.x1 ?? null),
    col("y1", "number", "cell box bottom", (x) => x.cell.box?.y1 ?? null),
    col("currency", "string", "ISO 4217 code of the unit's currency (Rmbm → CNY)", (x) => x.cell.currency ?? null),
    col("scale", "number", "multiplier of value to plain units (mn 1e6, 亿 1e8)", (x) => x.cell.scale ?? null),
    col("period", "string", "period of the cell's header: 2026, 2026Q1, 2025H1", (x) => x.cell.period ?? null),
    col("period_kind", "string", "year, quarter or half", (x) => x.cell.period_kind ?? null),
    col("period_basis", "string", "actual or estimate, as the header marks it", (x) => x.cell.period_basis ?? null),
    col("period_fiscal", "boolean", "FY printed: true; CY printed: false", (x) => x.cell.period_fiscal ?? null),
    col("period_year_end", "integer", "month the year ends, when printed", (x) => x.cell.period_year_end ?? null),
    col("period_axis", "string", "column or row: the header the period is from", (x) => x.cell.period_axis ?? null),
  ],
  db: {
    seq: false,
    // label and title are the table's (in the tables table); page is the cell box's own, null for text input (the
    // CSV falls back to the table's page); the header paths also as JSON arrays, lossless.
    omit: ["label", "title", "page"],
    extra: [
      { name: "row_path", type: "json", value: (x) => json(x.cell.row_header) },
      { name: "col_path", type: "json", value: (x) => json(x.cell.col_header) },
      { name: "page", type: "int", value: (x) => x.cell.box?.page ?? null },
      // The line item as the diff pairs estimates (estimate_revisions view): row header path without unit groups.
      { name: "line_item", type: "text", value: (x) => lineItem(x.cell.row_header) || null },
      { name: "line_item_key", type: "text", value: (x) => lineItemKey(lineItem(x.cell.row_header)) || null },
    ],
    describe: (x) => `cell ${x.table.id} r${x.cell.row}c${x.cell.col} (tables[${x.ti}].cells[${x.ci}])`,
  },
});

export const SCORES = defineTable<Score>({
  path: "scores.csv",
  name: "scores",
  description: "One row per (model, benchmark) score",
  primaryKey: ["table_id", "row", "col"],
  items: (r) => r.scores,
  columns: [
    col("table_id", "string", "table the score comes from", (s) => s.table_id),
    col("label", "string", "caption label", (s) => s.label),
    col("model", "string", "canonical model name", (s) => s.model),
    col("benchmark", "string", "canonical benchmark name", (s) => s.benchmark),
    col("value", "number", "score, printed scale", (s) => s.value),
    col("unit", "string", "unit", (s) => s.unit),
    col("setting", "string", "evaluation setting", (s) => s.setting),
    col("raw", "string", "cell text as printed", (s) => s.raw),
    col("model_raw", "string", "model as printed", (s) => s.model_raw),
    col("benchmark_raw", "string", "benchmark header as printed", (s) => s.benchmark_raw),
    col("metric", "string", "metric under the benchmark", (s) => s.metric),
    col("note", "string", "note", (s) => s.note),
    col("footnote", "string", "footnote marks", (s) => s.footnote),
    col("value2", "number", "second value", (s) => s.value2),
    col("row", "integer", "body row", (s) => s.row),
    col("col", "integer", "grid column", (s) => s.col),
  ],
  db: {
    seq: false,
    describe: (s, i) => `score ${s.table_id} r${s.row}c${s.col} ${s.model} / ${s.benchmark} (scores[${i}])`,
  },
});

export const FIGURES = defineTable<Figure>({
  path: "figures.csv",
  name: "figures",
  description: "The list of figures, linked to the body captions",
  primaryKey: ["label"],
  items: (r) => r.figures,
  columns: [
    col("label", "string", "caption label, e.g. 图 N or 表 N", (x) => x.label),
    col("title", "string", "title in the list of figures", (x) => x.title),
    col("page", "integer", "page", (x) => x.page),
    col("caption", "string", "title as captioned in the body", (x) => x.caption),
    col("source", "string", "资料来源 text", (x) => x.source),
    col("content", "string", "table or image", (x) => x.content),
    col("table_id", "string", "table under the caption", (x) => x.table_id),
    col("line", "integer", "source line of the caption", (x) => x.line),
  ],
  // The database keys figures by position (seq), not by label.
  db: { seq: true, describe: (x, i) => `figure ${x.label} (figures[${i}])` },
});

export const SECTIONS = defineTable<Section>({
  path: "sections.csv",
  name: "sections",
  description: "Sections from the table of contents",
  primaryKey: [],
  items: (r) => r.sections,
  columns: [
    col("number", "string", "section number", (s) => s.number),
    col("title", "string", "title", (s) => s.title),
    col("page", "integer", "page", (s) => s.page),
    col("line", "integer", "source line of the heading", (s) => s.line),
  ],
  db: { seq: true, describe: (s, i) => `section ${s.number ?? ""} ${s.title} (sections[${i}])` },
});

export const RECOMMENDATIONS = defineTable<Recommendation>({
  path: "recommendations.csv",
  name: "recommendations",
  description: "Companies recommended in the investment advice",
  primaryKey: [],
  items: (r) => r.recommendations,
  columns: [
    col("section", "string", "section heading", (x) => x.section),
    col("category", "string", "category", (x) => x.category),
    col("subcategory", "string", "sub-category", (x) => x.subcategory),
    col("company", "string", "company", (x) => x.company),
    col("note", "string", "remark", (x) => x.note),
    col("line", "integer", "source line", (x) => x.line),
  ],
  db: { seq: true, describe: (x, i) => `recommendation ${x.company} (recommendations[${i}])` },
});

export const PROBLEMS = defineTable<Problem>({
  path: "problems.csv",
  name: "problems",
  description: "Everything the extractor guessed, repaired or could not parse",
  primaryKey: [],
  items: (r) => r.problems,
  columns: [
    col("code", "string", "stable code area/slug", (p) => p.code),
    col("severity", "string", "error, warning or info", (p) => p.severity),
    col("stage", "string", "pipeline stage", (p) => p.stage),
    col("source", "string", "input file", (p) => p.source),
    col("page", "integer", "page", (p) => p.page),
    col("line", "integer", "source line", (p) => p.line),
    col("where", "string", "thing concerned", (p) => p.where),
    col("message", "string", "what was found and what to do", (p) => p.message),
  ],
  // WHERE is an SQL keyword.
  db: { seq: true, rename: { where: "location" }, describe: (p, i) => `problem ${p.code} (problems[${i}])` },
});

export const CHARTS = defineTable<ChartItem>({
  path: "charts.csv",
  name: "charts",
  description: "One row per data point of the bar charts read from the report's raster images",
  primaryKey: ["figure_id", "series", "category"],
  items: chartItems,
  columns: [
    col(
      "figure_id",
      "string",
      "figure id (fig-N for 图 N; img-pN-K for an uncaptioned image)",
      (x) => x.chart.figure_id,
    ),
    col("label", "string", "caption label", (x) => x.chart.label),
    col("page", "integer", "page of the chart", (x) => x.chart.page),
    col("series", "string", "series name (chart title without its unit)", (x) => x.point.series),
    col("category", "string", "category on the x axis as printed (2021Q2)", (x) => x.point.category),
    col("value", "number", "value label, or estimate from the bar height", (x) => x.point.value),
    col("unit", "string", "unit from the title or axis (亿美元)", (x) => x.point.unit),
    col("raw", "string", "value label as recognised; empty when estimated", (x) => x.point.raw),
    col("confidence", "number", "OCR confidence 0–1 (lowest of category and value label)", (x) => x.point.confidence),
    col("estimated", "boolean", "true when the value comes from the bar height, not a label", (x) => x.point.estimated),
  ],
  db: { seq: true, describe: (x) => `chart ${x.chart.figure_id} ${x.point.category} (charts[${x.index}].points)` },
});

/** The CSV files, in the order datapackage.json lists them. */
export const OUTPUT_TABLES: readonly OutputTable[] = [
  CELLS,
  SCORES,
  FIGURES,
  SECTIONS,
  RECOMMENDATIONS,
  PROBLEMS,
  CHARTS,
];
