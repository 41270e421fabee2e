// From the document model to database rows: one TableSpec per child table of an edition (column names and logical
// types, as migrations.ts creates them: test/db-specs.test.ts checks it; inserts name their columns, so the order
// is the rows' own) and the records of a report for each, with a name for every record so that an error can say
// which one the database refused. The tables of the CSV files come from their one definition in
// stages/emit-spec.ts (columns, values and how the database differs); `tables` (no CSV) is declared here.
import type { Report } from "../../schemas/index.ts";
import {
  CELLS,
  CHARTS,
  FIGURES,
  json,
  type OutputTable,
  PROBLEMS,
  RECOMMENDATIONS,
  SCORES,
  SECTIONS,
} from "../stages/emit-spec.ts";
import type { ColumnType, SqlValue, TableSpec } from "./db.ts";

const spec = (name: string, columns: Record<string, ColumnType>): TableSpec => ({
  name,
  columns: Object.entries(columns).map(([column, type]) => ({ name: column, type })),
});

export const TABLES = spec("tables", {
  edition_id: "ref",
  table_id: "text",
  label: "text",
  title: "text",
  page: "int",
  line: "int",
  source: "text",
  unit: "text",
  header_rows: "int",
  n_rows: "int",
  n_cols: "int",
  columns: "json",
  rows: "json",
  grid: "json",
  box: "json",
  notes: "json",
});

/** The companies a note covers (meta.companies; no CSV): what latest_ratings joins on, by normalised ticker. */
export const COMPANIES = spec("companies", {
  edition_id: "ref",
  seq: "int",
  name: "text",
  ticker: "text",
  exchange: "text",
  tickers: "json",
});

/** The database table of a CSV file: the edition's id, the row's position for list tables, then its columns. */
export function outputSpec(table: OutputTable): TableSpec {
  const key: TableSpec["columns"] = table.db.seq
    ? [
        { name: "edition_id", type: "ref" },
        { name: "seq", type: "int" },
      ]
    : [{ name: "edition_id", type: "ref" }];
  return { name: table.name, columns: [...key, ...table.db.columns] };
}

/** Child tables in insertion order (parents first); deletion goes the other way. */
export const CHILD_TABLES: readonly TableSpec[] = [
  TABLES,
  COMPANIES,
  ...[CELLS, SCORES, FIGURES, SECTIONS, RECOMMENDATIONS, PROBLEMS, CHARTS].map(outputSpec),
];

export interface RecordSet {
  spec: TableSpec;
  rows: SqlValue[][];
  /** Names the record at an index, e.g. `cell fig-4 r3c2 (tables[1].cells[17])`. */
  describe(index: number): string;
}

function outputRecords(table: OutputTable, report: Report, editionId: number): RecordSet {
  const { rows, describe } = table.db.records(report, table.db.seq ? (i) => [editionId, i] : () => [editionId]);
  return { spec: outputSpec(table), rows, describe };
}

/** Every child record of an edition, grouped by table, in insertion order. */
export function editionRecords(report: Report, editionId: number): RecordSet[] {
  const e = editionId;
  return [
    {
      spec: TABLES,
      rows: report.tables.map((t) => [
        e,
        t.id,
        t.label,
        t.title,
        t.page,
        t.line,
        t.source,
        t.unit,
        t.header_rows,
        t.rows.length,
        t.columns.length,
        json(t.columns),
        json(t.rows),
        json(t.grid),
        json(t.box),
        json(t.notes),
      ]),
      describe: (i) => `table ${report.tables[i]?.id} (tables[${i}])`,
    },
    {
      spec: COMPANIES,
      rows: report.meta.companies.map((c, i) => [e, i, c.name, c.ticker, c.exchange, json(c.tickers)]),
      describe: (i) => `company ${report.meta.companies[i]?.ticker} (meta.companies[${i}])`,
    },
    ...[CELLS, SCORES, FIGURES, SECTIONS, RECOMMENDATIONS, CHARTS, PROBLEMS].map((t) => outputRecords(t, report, e)),
  ];
}
