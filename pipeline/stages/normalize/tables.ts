// Normalize stage: every cell of a structured table typed (value, unit, period, setting, footnote, missing
// marker), and the cells of recognised pages given the confidence of their OCR words.
import type { Cell, PageOcr, Problem, Table } from "../../../schemas/index.ts";
import { type Found, found, type Staged } from "../../problems.ts";
import type { StructuredTable } from "../tables/index.ts";
import type { TableStructure } from "../tables/structure.ts";
import { parseCell, settingInLabel } from "./cell.ts";
import { cellConfidence } from "./confidence.ts";
import { type NoteUnit, noteUnit } from "./note-unit.ts";
import { type CellPeriod, tableScopes } from "./scopes.ts";
import { readUnit, type UnitMeaning } from "./units.ts";

export function normalizeTables(structured: StructuredTable[], recognised: PageOcr[]): Staged<Table[]> {
  const problems: Found[] = [];
  const tables = structured.map(({ id, context, title, unit, structure: s }): Table => {
    const titles = [title, s.title_row, unit].filter((t): t is string => !!t);
    const note = context.notes.map(noteUnit).find((n) => n !== null) ?? null;
    const typed = typedCells(s, titles, note);
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
      notes: context.notes,
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

/** The unit of a cell: its own when it prints one (a bare scale, 1.2bn, takes the governing currency), else the
 * governing one; none for a cell without a value. */
function cellUnit(own: string | null, governing: UnitMeaning | null, hasValue: boolean): UnitMeaning | null {
  if (!hasValue) return own === null ? null : (readUnit(own) ?? { unit: own, currency: null, scale: null });
  if (own === null) return governing;
  const read = readUnit(own) ?? { unit: own, currency: null, scale: null };
  if (read.currency === null && read.scale !== null && governing?.currency)
    return { unit: own, currency: governing.currency, scale: read.scale };
  return read;
}

const periodFields = (p: CellPeriod | null) => ({
  period: p?.period ?? null,
  period_kind: p?.kind ?? null,
  period_basis: p?.basis ?? null,
  period_fiscal: p?.fiscal ?? null,
  period_year_end: p?.year_end ?? null,
  period_axis: p?.axis ?? null,
});

const slipProblems = (repairs: string[], where: string): CellProblem[] =>
  repairs.map((r) => ({
    code: "cell/slip-repaired",
    severity: "info",
    where,
    message: `recognition slip repaired: ${r} (raw text kept)`,
  }));

/** Typed cells: each body cell parsed (cell.ts), with unit, setting and period taken from its headers, the
 * caption or the table's title lines when the cell itself does not print them (scopes.ts). */
function typedCells(
  s: TableStructure,
  titles: string[],
  note: NoteUnit | null,
): { cells: Cell[]; problems: CellProblem[] } {
  const problems: CellProblem[] = [];
  const scopes = tableScopes(s, titles, note);
  const cells = s.cells.map((b): Cell => {
    const rowPath = s.rows[b.row]?.path ?? [];
    const colPath = b.col_path ?? s.columns[b.col]?.path ?? [];
    // A row of periods inside the body is a header: "2024" there is no value.
    const p = scopes.periodRows.has(b.row) ? { ...parseCell(""), missing: false } : parseCell(b.raw);
    problems.push(...slipProblems(p.repairs, `r${b.row}c${b.col}`));
    const hasValue = p.value !== null;
    const unit = cellUnit(p.unit, scopes.unitAt(b.row, b.col), hasValue);
    return {
      row: b.row,
      col: b.col,
      row_header: rowPath,
      col_header: colPath,
      raw: b.raw,
      value: p.value,
      unit: unit?.unit ?? null,
      currency: unit?.currency ?? null,
      scale: unit?.scale ?? null,
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
      ...periodFields(scopes.periodAt(b.row, b.col)),
      box: b.box,
    };
  });
  return { cells, problems };
}

const firstOf = <T>(labels: string[], f: (s: string) => T | null): T | null => {
  for (const l of [...labels].reverse()) {
    const v = f(l);
    if (v !== null) return v;
  }
  return null;
};
