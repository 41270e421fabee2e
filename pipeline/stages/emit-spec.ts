// The CSV files: columns (with Frictionless types and descriptions) and how each row is drawn from the report.
// The leading columns of cells.csv and scores.csv are a published contract: add columns, never rename.
import type { Report } from "../../schemas/index.ts";

export interface Field { name: string; type: "string" | "integer" | "number" | "boolean"; description: string }
export interface CsvSpec {
  path: string;
  name: string;
  description: string;
  fields: Field[];
  primaryKey: string[];
  rows: (r: Report) => (string | number | boolean | null)[][];
}

const f = (name: string, type: Field["type"], description: string): Field => ({ name, type, description });
const path = (p: string[]) => p.join(" / ");

export const CSV_SPECS: CsvSpec[] = [
  {
    path: "cells.csv", name: "cells", description: "One row per body cell of every table, typed; raw is the exact printed text, a leading = + - @ included (for a spreadsheet open tables/*.csv, where such cells are made safe)",
    primaryKey: ["table_id", "row", "col"],
    fields: [
      f("table_id", "string", "table id (fig-4, tab-1, table-2)"), f("label", "string", "caption label, empty for uncaptioned tables"),
      f("title", "string", "caption title or the heading above the table"), f("page", "integer", "page of the table"),
      f("row", "integer", "0-based body row"), f("col", "integer", "0-based grid column"),
      f("row_header", "string", "row header path joined with ' / '"), f("col_header", "string", "column header path joined with ' / '"),
      f("raw", "string", "cell text as printed"), f("value", "number", "number in the cell, printed scale"),
      f("unit", "string", "unit from the cell, its headers or the caption"), f("setting", "string", "evaluation setting (5-shot, CoT@32)"),
      f("note", "string", "parenthesised note printed with the value"), f("footnote", "string", "footnote marks (*, **)"),
      f("missing", "boolean", "empty cell or missing marker"), f("value2", "number", "second value of a compound cell"),
      f("value2_relation", "string", "'/', '±' or 'second'"), f("unit2", "string", "unit of value2"), f("setting2", "string", "setting of value2"),
      f("normalized", "string", "cell text after slip repairs, empty if none"),
      f("x0", "number", "cell box left, PDF points"), f("y0", "number", "cell box top"), f("x1", "number", "cell box right"), f("y1", "number", "cell box bottom"),
    ],
    rows: (r) => r.tables.flatMap((t) => t.cells.map((c) => [
      t.id, t.label, t.title, c.box?.page ?? t.page, c.row, c.col, path(c.row_header), path(c.col_header), c.raw, c.value, c.unit, c.setting,
      c.note, c.footnote, c.missing, c.value2, c.value2_relation, c.unit2, c.setting2, c.normalized, c.box?.x0 ?? null, c.box?.y0 ?? null, c.box?.x1 ?? null, c.box?.y1 ?? null,
    ])),
  },
  {
    path: "scores.csv", name: "scores", description: "One row per (model, benchmark) score",
    primaryKey: ["table_id", "row", "col"],
    fields: [
      f("table_id", "string", "table the score comes from"), f("label", "string", "caption label"), f("model", "string", "canonical model name"),
      f("benchmark", "string", "canonical benchmark name"), f("value", "number", "score, printed scale"), f("unit", "string", "unit"),
      f("setting", "string", "evaluation setting"), f("raw", "string", "cell text as printed"), f("model_raw", "string", "model as printed"),
      f("benchmark_raw", "string", "benchmark header as printed"), f("metric", "string", "metric under the benchmark"), f("note", "string", "note"),
      f("footnote", "string", "footnote marks"), f("value2", "number", "second value"), f("row", "integer", "body row"), f("col", "integer", "grid column"),
    ],
    rows: (r) => r.scores.map((s) => [s.table_id, s.label, s.model, s.benchmark, s.value, s.unit, s.setting, s.raw, s.model_raw, s.benchmark_raw, s.metric, s.note, s.footnote, s.value2, s.row, s.col]),
  },
  {
    path: "figures.csv", name: "figures", description: "The list of figures, linked to the body captions",
    primaryKey: ["label"],
    fields: [
      f("label", "string", "caption label, e.g. 图 N or 表 N"), f("title", "string", "title in the list of figures"), f("page", "integer", "page"),
      f("caption", "string", "title as captioned in the body"), f("source", "string", "资料来源 text"), f("content", "string", "table or image"),
      f("table_id", "string", "table under the caption"), f("line", "integer", "source line of the caption"),
    ],
    rows: (r) => r.figures.map((x) => [x.label, x.title, x.page, x.caption, x.source, x.content, x.table_id, x.line]),
  },
  {
    path: "sections.csv", name: "sections", description: "Sections from the table of contents",
    primaryKey: [],
    fields: [f("number", "string", "section number"), f("title", "string", "title"), f("page", "integer", "page"), f("line", "integer", "source line of the heading")],
    rows: (r) => r.sections.map((s) => [s.number, s.title, s.page, s.line]),
  },
  {
    path: "recommendations.csv", name: "recommendations", description: "Companies recommended in the investment advice",
    primaryKey: [],
    fields: [f("section", "string", "section heading"), f("category", "string", "category"), f("subcategory", "string", "sub-category"), f("company", "string", "company"), f("note", "string", "remark"), f("line", "integer", "source line")],
    rows: (r) => r.recommendations.map((x) => [x.section, x.category, x.subcategory, x.company, x.note, x.line]),
  },
  {
    path: "problems.csv", name: "problems", description: "Everything the extractor guessed, repaired or could not parse",
    primaryKey: [],
    fields: [
      f("code", "string", "stable code area/slug"), f("severity", "string", "error, warning or info"), f("stage", "string", "pipeline stage"),
      f("source", "string", "input file"), f("page", "integer", "page"), f("line", "integer", "source line"), f("where", "string", "thing concerned"), f("message", "string", "what was found and what to do"),
    ],
    rows: (r) => r.problems.map((p) => [p.code, p.severity, p.stage, p.source, p.page, p.line, p.where, p.message]),
  },
  {
    path: "charts.csv", name: "charts", description: "One row per data point of the bar charts read from the report's raster images",
    primaryKey: ["figure_id", "series", "category"],
    fields: [
      f("figure_id", "string", "figure id (fig-N for 图 N; img-pN-K for an uncaptioned image)"), f("label", "string", "caption label"),
      f("page", "integer", "page of the chart"), f("series", "string", "series name (chart title without its unit)"),
      f("category", "string", "category on the x axis as printed (2021Q2)"), f("value", "number", "value label, or estimate from the bar height"),
      f("unit", "string", "unit from the title or axis (亿美元)"), f("raw", "string", "value label as recognised; empty when estimated"),
      f("confidence", "number", "OCR confidence 0–1 (lowest of category and value label)"), f("estimated", "boolean", "true when the value comes from the bar height, not a label"),
    ],
    rows: (r) => (r.charts ?? []).flatMap((c) => c.points.map((p) => [c.figure_id, c.label, c.page, p.series, p.category, p.value, p.unit, p.raw, p.confidence, p.estimated])),
  },
];
