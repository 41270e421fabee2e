// Estimate revisions between two notes of one broker on one company: every value of a column whose header is a
// period (FY26E, 1Q26E), keyed on its line item (the row header path, units left out) and period, wherever the
// tables are; a new value is an `estimate` change with its % change. A note printing an item and period twice
// (cover summary and statement) is read at its first. Two actual values are a restatement, not an estimate: left
// to the cell diff.
import type { Change } from "../../schemas/diff.ts";
import type { Cell, Report, Table } from "../../schemas/report.ts";
import { lineItem, lineItemKey } from "../stages/normalize/line-item.ts";
import { change, tableRef } from "./change.ts";
import { sameCoverage } from "./cover.ts";

interface Estimate {
  table: Table;
  cell: Cell;
  item: string;
}

/** The period values of a report by line item and period, first occurrence in table order. */
function estimates(r: Report): Map<string, Estimate> {
  const out = new Map<string, Estimate>();
  for (const table of r.tables)
    for (const cell of table.cells) {
      if (cell.value === null || !cell.period || cell.period_axis !== "column") continue;
      const item = lineItem(cell.row_header);
      const key = `${lineItemKey(item)}\u0000${cell.period}`;
      if (item !== "" && !out.has(key)) out.set(key, { table, cell, item });
    }
  return out;
}

/** The value in plain units when the unit has a scale, else as printed. */
const plain = (c: Cell) => c.value! * (c.scale ?? 1);
const sameMeasure = (a: Cell, b: Cell) =>
  (a.currency ?? null) === (b.currency ?? null) && (a.scale == null) === (b.scale == null);

/** The estimate changes, or none when the notes are not of one broker on one company. */
export function diffEstimates(a: Report, b: Report, epsilon: number): Change[] {
  if (sameCoverage(a.meta, b.meta) === null) return [];
  const before = estimates(a);
  const out: Change[] = [];
  for (const [key, now] of estimates(b)) {
    const was = before.get(key);
    if (!was || !sameMeasure(was.cell, now.cell)) continue;
    if (was.cell.period_basis === "actual" && now.cell.period_basis === "actual") continue;
    const [x, y] = [plain(was.cell), plain(now.cell)];
    if (Math.abs(y - x) <= epsilon * (now.cell.scale ?? 1)) continue;
    out.push(
      change({
        kind: "estimate",
        scope: "cell",
        ...tableRef(was.table, now.table),
        row: now.item,
        col: now.cell.period,
        field: now.cell.unit,
        old: was.cell.raw,
        new: now.cell.raw,
        old_value: was.cell.value,
        new_value: now.cell.value,
        change_pct: x === 0 ? null : ((y - x) / Math.abs(x)) * 100,
      }),
    );
  }
  return out;
}
