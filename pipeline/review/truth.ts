// "Copy as truth": a table's extracted structure written in the hand-written truth format of the test fixtures
// (test/fixtures/truth/README.md, ../shared/tools/table-truth/FORMAT.md), as a starting point to be corrected by
// hand against the page. Pure.
import type { Report, Table } from "../../schemas/index.ts";
import { keyOf, layoutTable } from "./table-layout.ts";

export interface TruthTable {
  label: string;
  title: string;
  page: number | null;
  header_rows: number;
  body_rows: number;
  cols: number;
  row_header: string;
  section_rows?: string[];
  columns: { key: string; header_pieces: string[] }[];
  rows: { key: string; label: string }[];
  cells: { row: string; col: string; raw: string }[];
}

export function truthTable(t: Table): TruthTable {
  const columns = [...t.columns].sort((a, b) => a.col - b.col);
  const data = columns.filter((c) => c.role === "data");
  const labelColumn = columns.find((c) => c.role === "label");
  const rows = [...t.rows]
    .sort((a, b) => a.row - b.row)
    .map((r) => ({ key: keyOf(r.path), label: r.path.at(-1) ?? "" }));
  const sections = [...new Set(layoutTable(t).body.flatMap((b) => (b.kind === "group" ? [b.label] : [])))];
  const raw = new Map(t.cells.map((c) => [`${c.row},${c.col}`, c.raw]));
  const cells = [...t.rows]
    .sort((a, b) => a.row - b.row)
    .flatMap((r) =>
      data.map((c) => ({
        row: keyOf(r.path),
        col: keyOf(c.path),
        raw: (raw.get(`${r.row},${c.col}`) ?? "").replace(/\s+/g, " ").trim(),
      })),
    );
  return {
    label: (t.label ?? "").replace(/\s+/g, ""),
    title: t.title,
    page: t.page,
    header_rows: t.header_rows,
    body_rows: t.rows.length,
    cols: data.length + 1,
    row_header: labelColumn ? keyOf(labelColumn.path) : "",
    ...(sections.length > 0 && { section_rows: sections }),
    columns: data.map((c) => ({ key: keyOf(c.path), header_pieces: c.path })),
    rows,
    cells,
  };
}

/** A truth file holding one table, laid out as the fixtures are (one-space indent). */
export function truthText(report: Pick<Report, "source">, t: Table): string {
  return `${JSON.stringify({ source: report.source.file, tables: [truthTable(t)] }, null, 1)}\n`;
}
