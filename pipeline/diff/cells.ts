// Diff of two matched tables: rows and columns added or removed, and cells compared by (row entity, column
// entity), so reordered rows or columns are not changes.
import type { Change, ChangeKind } from "../../schemas/diff.ts";
import type { Cell } from "../../schemas/report.ts";
import { change, tableRef, type DiffOptions } from "./change.ts";
import { entityKey, type TableView } from "./entities.ts";
import { sameNumber, squash } from "./text.ts";

/** What differs between two cells at the same entities, null when nothing does.
 * value: the typed value (number, second value, unit, missing marker) or the text of a text cell;
 * setting: same value, different setting, note or footnote; format: same typed content, other raw text. */
export function compareCells(a: Cell, b: Cell, epsilon: number): Exclude<ChangeKind, "meta"> | null {
  const sameValue =
    a.missing === b.missing &&
    sameNumber(a.value, b.value, epsilon) &&
    sameNumber(a.value2, b.value2, epsilon) &&
    a.value2_relation === b.value2_relation &&
    a.unit === b.unit &&
    a.unit2 === b.unit2;
  if (!sameValue) return "value";
  const textCell = a.value === null && b.value === null && !a.missing && !b.missing;
  if (textCell && squash(a.raw) !== squash(b.raw)) return "value";
  if (a.setting !== b.setting || a.setting2 !== b.setting2 || a.note !== b.note || a.footnote !== b.footnote)
    return "setting";
  if (a.raw !== b.raw) return "format";
  return null;
}

const texts = (cells: readonly Cell[]) => cells.map((c) => c.raw).join(" | ");

export function diffTableCells(a: TableView, b: TableView, options: DiffOptions): Change[] {
  const ref = tableRef(a.table, b.table);
  const out: Change[] = [];
  const aRows = new Set(a.rows);
  const bRows = new Set(b.rows);
  const aCols = new Set(a.cols);
  const bCols = new Set(b.cols);

  for (const col of a.cols)
    if (!bCols.has(col))
      out.push(change({ kind: "col_removed", scope: "table", ...ref, col, old: texts(a.cellsOfCol.get(col) ?? []) }));
  for (const col of b.cols)
    if (!aCols.has(col))
      out.push(change({ kind: "col_added", scope: "table", ...ref, col, new: texts(b.cellsOfCol.get(col) ?? []) }));
  for (const row of a.rows)
    if (!bRows.has(row))
      out.push(change({ kind: "row_removed", scope: "table", ...ref, row, old: texts(a.cellsOfRow.get(row) ?? []) }));
  for (const row of b.rows)
    if (!aRows.has(row))
      out.push(change({ kind: "row_added", scope: "table", ...ref, row, new: texts(b.cellsOfRow.get(row) ?? []) }));

  for (const row of b.rows) {
    if (!aRows.has(row)) continue;
    for (const col of b.cols) {
      if (!aCols.has(col)) continue;
      const key = entityKey(row, col);
      const x = a.cells.get(key) ?? null;
      const y = b.cells.get(key) ?? null;
      if (!x && !y) continue;
      const kind = x && y ? compareCells(x, y, options.epsilon) : "value";
      if (kind === null) continue;
      out.push(
        change({
          kind,
          scope: "cell",
          ...ref,
          row,
          col,
          old: x?.raw ?? null,
          new: y?.raw ?? null,
          old_value: x?.value ?? null,
          new_value: y?.value ?? null,
        }),
      );
    }
  }
  return out;
}
