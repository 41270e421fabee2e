// Typed cells: each body cell parsed, with unit and setting taken from its headers or the caption
// when the cell itself does not print them.
import type { Cell, Problem } from "../../../schemas/index.ts";
import type { TableStructure } from "../tables/structure.ts";
import { parseCell, settingInLabel, unitInLabel } from "./cell.ts";

type CellProblem = Pick<Problem, "code" | "severity" | "message" | "where">;

const firstOf = <T>(labels: string[], f: (s: string) => T | null): T | null => {
  for (const l of [...labels].reverse()) {
    const v = f(l);
    if (v !== null) return v;
  }
  return null;
};

export function typedCells(s: TableStructure, captionUnit: string | null): { cells: Cell[]; problems: CellProblem[] } {
  const problems: CellProblem[] = [];
  const cells = s.cells.map((b): Cell => {
    const rowPath = s.rows[b.row]?.path ?? [];
    const colPath = s.columns[b.col]?.path ?? [];
    const p = parseCell(b.raw);
    const where = `r${b.row}c${b.col}`;
    for (const r of p.repairs) problems.push({ code: "cell/slip-repaired", severity: "info", where, message: `recognition slip repaired: ${r} (raw text kept)` });
    const hasValue = p.value !== null;
    return {
      row: b.row, col: b.col, row_header: rowPath, col_header: colPath, raw: b.raw,
      value: p.value,
      unit: hasValue ? p.unit ?? firstOf(colPath, unitInLabel) ?? firstOf(rowPath, unitInLabel) ?? captionUnit : p.unit,
      setting: hasValue ? p.setting ?? firstOf(rowPath, settingInLabel) ?? firstOf(colPath, settingInLabel) : p.setting,
      note: p.note, footnote: p.footnote, missing: p.missing || b.spanned,
      value2: p.value2, value2_relation: p.value2_relation, unit2: p.unit2, setting2: p.setting2,
      normalized: p.normalized, box: b.box,
    };
  });
  return { cells, problems };
}
