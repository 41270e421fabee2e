// Normalize stage: every cell of a structured table typed (value, unit, period, setting, footnote, missing
// marker), and the cells of recognised pages given the confidence of their OCR words.
import type { Cell, PageOcr, Problem, Table } from "../../../schemas/index.ts";
import { type Found, found, type Staged } from "../../problems.ts";
import type { StructuredTable } from "../tables/index.ts";
import type { TableStructure } from "../tables/structure.ts";
import { parseCell, settingInLabel, unitInLabel } from "./cell.ts";
import { cellConfidence } from "./confidence.ts";

export function normalizeTables(structured: StructuredTable[], recognised: PageOcr[]): Staged<Table[]> {
  const problems: Found[] = [];
  const tables = structured.map(({ id, context, title, unit, structure: s }): Table => {
    const typed = typedCells(s, unit);
    for (const p of typed.problems)
      problems.push(
        found(p.code, p.severity, p.message, {
          page: context.page,
          line: context.block.line,
          where: `${id} ${p.where}`,
        }),
      );
    return {
      id,
      label: context.label,
      title,
      page: context.page,
      line: context.block.line,
      source: context.source,
      unit,
      header_rows: s.header_rows,
      columns: s.columns,
      rows: s.rows,
      grid: s.grid,
      cells: typed.cells,
      box: context.block.box,
    };
  });
  const scanned = cellConfidence(tables, recognised);
  return { value: scanned.value, problems: [...problems, ...scanned.problems] };
}

type CellProblem = Pick<Problem, "code" | "severity" | "message" | "where">;

const firstOf = <T>(labels: string[], f: (s: string) => T | null): T | null => {
  for (const l of [...labels].reverse()) {
    const v = f(l);
    if (v !== null) return v;
  }
  return null;
};

/** Typed cells: each body cell parsed (cell.ts), with unit and setting taken from its headers or the caption
 * when the cell itself does not print them. */
function typedCells(s: TableStructure, captionUnit: string | null): { cells: Cell[]; problems: CellProblem[] } {
  const problems: CellProblem[] = [];
  const cells = s.cells.map((b): Cell => {
    const rowPath = s.rows[b.row]?.path ?? [];
    const colPath = s.columns[b.col]?.path ?? [];
    const p = parseCell(b.raw);
    const where = `r${b.row}c${b.col}`;
    for (const r of p.repairs)
      problems.push({
        code: "cell/slip-repaired",
        severity: "info",
        where,
        message: `recognition slip repaired: ${r} (raw text kept)`,
      });
    const hasValue = p.value !== null;
    return {
      row: b.row,
      col: b.col,
      row_header: rowPath,
      col_header: colPath,
      raw: b.raw,
      value: p.value,
      unit: hasValue
        ? (p.unit ?? firstOf(colPath, unitInLabel) ?? firstOf(rowPath, unitInLabel) ?? captionUnit)
        : p.unit,
      setting: hasValue
        ? (p.setting ?? firstOf(rowPath, settingInLabel) ?? firstOf(colPath, settingInLabel))
        : p.setting,
      note: p.note,
      footnote: p.footnote,
      missing: p.missing || b.spanned,
      value2: p.value2,
      value2_relation: p.value2_relation,
      unit2: p.unit2,
      setting2: p.setting2,
      normalized: p.normalized,
      box: b.box,
    };
  });
  return { cells, problems };
}
