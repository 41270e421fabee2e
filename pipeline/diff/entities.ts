// A table seen through its entities: each body row named by its row header path, each data column by its
// column header path, each cell addressed by (row entity, column entity). Positions are only used to order.
import type { Cell, Table } from "../../schemas/report.ts";
import { disambiguate, joinPath } from "./text.ts";

export interface TableView {
  table: Table;
  /** row entities in printed order */
  rows: string[];
  /** column entities (data columns) in printed order */
  cols: string[];
  /** cell by entityKey(row, col) */
  cells: Map<string, Cell>;
  /** cells of each row entity / column entity, in printed order */
  cellsOfRow: Map<string, Cell[]>;
  cellsOfCol: Map<string, Cell[]>;
  /** entities of the cell at grid position `row,col` */
  at: Map<string, { row: string; col: string }>;
}

export const entityKey = (row: string, col: string): string => `${row}\u0000${col}`;

export function viewTable(table: Table): TableView {
  // Row entities: the body rows' header paths; cells whose row is not listed bring their own header path.
  const rowPath = new Map<number, string>(table.rows.map((r) => [r.row, joinPath(r.path)]));
  for (const c of table.cells) if (!rowPath.has(c.row)) rowPath.set(c.row, joinPath(c.row_header));
  const rowNums = [...rowPath.keys()].sort((a, b) => a - b);
  const rowNames = disambiguate(rowNums.map((r) => rowPath.get(r)!));
  const rowOf = new Map(rowNums.map((r, i) => [r, rowNames[i]!]));

  const colPath = new Map<number, string>(
    table.columns.filter((c) => c.role === "data").map((c) => [c.col, joinPath(c.path)]),
  );
  for (const c of table.cells) if (!colPath.has(c.col)) colPath.set(c.col, joinPath(c.col_header));
  const colNums = [...colPath.keys()].sort((a, b) => a - b);
  const colNames = disambiguate(colNums.map((c) => colPath.get(c)!));
  const colOf = new Map(colNums.map((c, i) => [c, colNames[i]!]));

  const cells = new Map<string, Cell>();
  const at = new Map<string, { row: string; col: string }>();
  const cellsOfRow = new Map<string, Cell[]>(rowNames.map((r) => [r, []]));
  const cellsOfCol = new Map<string, Cell[]>(colNames.map((c) => [c, []]));
  const ordered = [...table.cells].sort((a, b) => a.row - b.row || a.col - b.col);
  for (const cell of ordered) {
    const row = rowOf.get(cell.row)!;
    const col = colOf.get(cell.col)!;
    const key = entityKey(row, col);
    if (cells.has(key)) continue; // one cell per grid position; a repeat would be an extractor bug
    cells.set(key, cell);
    at.set(`${cell.row},${cell.col}`, { row, col });
    cellsOfRow.get(row)!.push(cell);
    cellsOfCol.get(col)!.push(cell);
  }
  return { table, rows: rowNames, cols: colNames, cells, cellsOfRow, cellsOfCol, at };
}

/** The entities of the cell at a grid position, null when the table has no cell there. */
export const cellEntities = (view: TableView, row: number, col: number) => view.at.get(`${row},${col}`) ?? null;
