// A table laid out as printed from its extracted structure (columns, rows, cells), for the review page and the
// workbook: the column header as a matrix with its spans (a group header over its leaves, a header that is alone
// in its column reaching down to the last header row), then the body with a group row wherever the outer row path
// changes and the row labels in the label columns. Pure: a Table in, positions out.
import type { Cell, Table } from "../../schemas/index.ts";
import { parsePeriod } from "../stages/tables/periods.ts";

/** A header cell at (row, col) of the header matrix, covering rowSpan × colSpan cells. */
export interface HeaderCell {
  text: string;
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
}

export type BodyRow =
  | { kind: "group"; label: string; depth: number }
  | { kind: "row"; row: number; labels: string[]; cells: (Cell | null)[] };

export interface TableLayout {
  /** the table column shown in each layout column, in printed order; null for a row-label column the extraction
   * has no column for (rows with labels in a table without label columns) */
  cols: (number | null)[];
  /** for each layout column: holds row labels */
  label: boolean[];
  headerRows: number;
  header: HeaderCell[];
  body: BodyRow[];
}

export function layoutTable(t: Table): TableLayout {
  const columns = [...t.columns].sort((a, b) => a.col - b.col);
  let labelCols = columns.filter((c) => c.role === "label").map((c) => c.col);
  const cols: (number | null)[] = columns.map((c) => c.col);
  const paths = columns.map((c) => c.path);
  if (labelCols.length === 0 && t.rows.some((r) => r.path.length > 0)) {
    cols.unshift(null);
    paths.unshift([]);
    labelCols = [];
  }
  const label = cols.map((c) => c === null || labelCols.includes(c));
  const k = label.filter(Boolean).length;
  const headerRows = Math.max(0, ...paths.map((p) => p.length));
  const byRow = new Map<number, Map<number, Cell>>();
  for (const c of t.cells) {
    const row = byRow.get(c.row) ?? new Map<number, Cell>();
    row.set(c.col, c);
    byRow.set(c.row, row);
  }
  const body: BodyRow[] = [];
  let groups: string[] = [];
  for (const r of [...t.rows].sort((a, b) => a.row - b.row)) {
    const outer = r.path.slice(0, Math.max(0, r.path.length - k));
    const inner = r.path.slice(outer.length);
    const same = outer.findIndex((g, i) => groups[i] !== g);
    for (let i = same < 0 ? Math.min(outer.length, groups.length) : same; i < outer.length; i++)
      body.push({ kind: "group", label: outer[i]!, depth: i });
    groups = outer;
    const labels = [...inner, ...Array<string>(Math.max(0, k - inner.length)).fill("")];
    const cells = byRow.get(r.row) ?? new Map<number, Cell>();
    body.push({
      kind: "row",
      row: r.row,
      labels,
      cells: cols.map((c) => (c === null ? null : (cells.get(c) ?? null))),
    });
  }
  return { cols, label, headerRows, header: headerMatrix(paths, headerRows), body };
}

/** Header cells: level i of consecutive columns with the same path up to i is one cell when it is a group (not
 * the column's own last level); a column's last level reaches down to the last header row. */
function headerMatrix(paths: string[][], rows: number): HeaderCell[] {
  const out: HeaderCell[] = [];
  const sameUpTo = (a: string[], b: string[], i: number) =>
    a.length > i + 1 && b.length > i + 1 && a.slice(0, i + 1).every((x, j) => x === b[j]);
  for (let level = 0; level < rows; level++) {
    for (let col = 0; col < paths.length; col++) {
      const p = paths[col]!;
      if (level > 0 && level >= p.length) continue; // covered by the cell above reaching down
      if (col > 0 && sameUpTo(paths[col - 1]!, p, level)) continue; // covered by the group cell on the left
      let span = 1;
      while (col + span < paths.length && sameUpTo(p, paths[col + span]!, level)) span++;
      const last = level >= p.length - 1;
      out.push({ text: p[level] ?? "", row: level, col, rowSpan: last ? rows - level : 1, colSpan: span });
    }
  }
  return out;
}

/** The period a cell belongs to: the innermost column (else row) header piece that is a period (2024E, 1Q25). */
export function periodOf(cell: Pick<Cell, "col_header" | "row_header">): string | null {
  for (const path of [cell.col_header, cell.row_header]) {
    for (let i = path.length - 1; i >= 0; i--) if (parsePeriod(path[i]!)) return path[i]!;
  }
  return null;
}

/** Row and column keys of a cell as the truth format and cells.csv join them. */
export const keyOf = (path: string[]) => path.join(" / ");
