// What a table's headers say about its cells beyond the cell's own text: the unit that governs each cell and the
// period each cell is of. A unit in a row label governs its row, in a column header its column, in the caption,
// title, a unit line or the corner over the row labels the whole table; the innermost wins. A unit printed on
// every column (or on a group label over every row) is the table's, so a row's own unit (Gross margin (%)) wins
// over it. Periods come from the column headers (or the row labels, for periods in rows) and from a row of periods
// printed inside the body, which governs the rows below it. A note under the table stating a unit governs last.
import type { TableStructure } from "../tables/structure.ts";
import { type PeriodInfo, readBarePart, readPeriod } from "../tables/periods.ts";
import { excepted, type NoteUnit } from "./note-unit.ts";
import { labelUnit, type UnitMeaning, withoutUnits } from "./units.ts";

export interface CellPeriod extends PeriodInfo {
  axis: "column" | "row";
}

export interface TableScopes {
  /** the unit of a cell at (row, col) that prints none */
  unitAt: (row: number, col: number) => UnitMeaning | null;
  /** the period of the cell at (row, col) */
  periodAt: (row: number, col: number) => CellPeriod | null;
  /** body rows that are a header row of periods printed inside the body: their cells are no values */
  periodRows: Set<number>;
}

/** The innermost label of a path that states a unit, with its position in the path. */
function innermost<T>(path: string[], read: (s: string) => T | null): { value: T; at: number } | null {
  for (let i = path.length - 1; i >= 0; i--) {
    const value = read(path[i]!);
    if (value !== null) return { value, at: i };
  }
  return null;
}

export const periodOf = (label: string): PeriodInfo | null => readPeriod(withoutUnits(label));

/** The unit a whole table states: its corner (the headers over the row labels), a unit on every data column or
 * on a label every row shares, then its title lines (caption title, title row, caption unit). */
function tableUnit(s: TableStructure, titles: string[]): UnitMeaning | null {
  const data = s.columns.filter((c) => c.role === "data");
  const corner = s.columns.filter((c) => c.role === "label").flatMap((c) => c.path);
  const everyColumn = shared(data.map((c) => innermost(c.path, labelUnit)?.value ?? null));
  const everyRow = sharedLabel(s.rows.map((r) => r.path));
  const fromRows = everyRow === null ? null : labelUnit(everyRow);
  return innermost(corner, labelUnit)?.value ?? everyColumn ?? fromRows ?? innermost(titles, labelUnit)?.value ?? null;
}

/** The unit when every item states the same one, else null. */
function shared(units: (UnitMeaning | null)[]): UnitMeaning | null {
  const first = units[0];
  if (!first || units.length < 2) return null;
  return units.every((u) => u !== null && u.unit === first.unit) ? first : null;
}

/** The outermost label every row path starts with (a group label over the whole body), else null. */
function sharedLabel(paths: string[][]): string | null {
  const first = paths[0]?.[0];
  if (first === undefined || paths.length < 2) return null;
  return paths.every((p) => p.length > 1 && p[0] === first) ? first : null;
}

/** `note`: the unit a note under the table states, governing what the table itself leaves without a unit. */
export function tableScopes(s: TableStructure, titles: string[], note: NoteUnit | null = null): TableScopes {
  const whole = tableUnit(s, titles);
  const noted = (row: number) => {
    const label = s.rows[row]?.path.join(" ") ?? "";
    return whole === null && note !== null && !excepted(label, note.except) ? note.unit : null;
  };
  const colUnit = new Map(s.columns.map((c) => [c.col, innermost(c.path, labelUnit)?.value ?? null]));
  const wideCols = whole !== null && [...colUnit.values()].every((u) => u === null || u.unit === whole.unit);
  const rowUnit = rowUnits(s);
  const periods = periodScopes(s);
  return {
    unitAt: (row, col) => (wideCols ? null : colUnit.get(col)) ?? rowUnit.get(row) ?? whole ?? noted(row),
    periodAt: periods.periodAt,
    periodRows: periods.periodRows,
  };
}

// A thousands separator (241,562) is never printed in a percentage or a multiple: such a row under a group label
// of one (YoY (%)) shows that the group ended before it, where the body printed no sign of it.
const GROUPED_DIGITS = /\d,\d{3}(?!\d)/;
const isMeasure = (u: UnitMeaning) => u.currency === null && u.scale === null;

/** The unit of each row: its own label's, else its group label's while that group's rows fit the unit. */
function rowUnits(s: TableStructure): Map<number, UnitMeaning | null> {
  const shared = sharedLabel(s.rows.map((r) => r.path));
  const raws = new Map<number, string[]>();
  for (const c of s.cells) raws.set(c.row, [...(raws.get(c.row) ?? []), c.raw]);
  const ended = new Set<string>();
  const out = new Map<number, UnitMeaning | null>();
  for (const r of s.rows) {
    const path = r.path[0] === shared ? r.path.slice(1) : r.path;
    const found = innermost(path, labelUnit);
    if (!found || found.at === path.length - 1) {
      out.set(r.row, found?.value ?? null);
      continue;
    }
    const group = path.slice(0, found.at + 1).join("\u0000");
    if (isMeasure(found.value) && (raws.get(r.row) ?? []).some((x) => GROUPED_DIGITS.test(x))) ended.add(group);
    out.set(r.row, ended.has(group) ? null : found.value);
  }
  return out;
}

/** Rows of the body whose filled cells (at least two) are all periods rising in time, marked (2025A, 1Q26) or
 * consecutive years: a header row printed inside the body. A row of plain numbers that happen to be years is not. */
function bodyPeriodRows(s: TableStructure): Map<number, Map<number, PeriodInfo>> {
  const rows = new Map<number, Map<number, PeriodInfo>>();
  const byRow = new Map<number, { col: number; raw: string }[]>();
  for (const c of s.cells) byRow.set(c.row, [...(byRow.get(c.row) ?? []), c]);
  for (const [row, cells] of byRow) {
    const filled = cells.filter((c) => c.raw.trim() !== "");
    const read = filled.map((c) => periodOf(c.raw));
    if (filled.length < 2 || !read.every((p) => p !== null)) continue;
    const ps = read as PeriodInfo[];
    const rising = ps.every((p, i) => i === 0 || (p.kind === ps[0]!.kind && p.order > ps[i - 1]!.order));
    const marked = filled.some((c) => !/^\d{4}$/.test(c.raw.trim()));
    const consecutive = ps.every((p, i) => i === 0 || p.order === ps[i - 1]!.order + 1);
    if (rising && (marked || consecutive)) rows.set(row, new Map(filled.map((c, i) => [c.col, ps[i]!])));
  }
  return rows;
}

function periodScopes(s: TableStructure): Pick<TableScopes, "periodAt" | "periodRows"> {
  const colPeriod = new Map(s.columns.map((c) => [c.col, innermost(c.path, periodOf)?.value ?? null]));
  const rowPeriod = new Map(s.rows.map((r) => [r.row, innermost(r.path, periodOf)?.value ?? null]));
  const rowPath = new Map(s.rows.map((r) => [r.row, r.path]));
  const inBody = bodyPeriodRows(s);
  const starts = [...inBody.keys()].sort((a, b) => a - b);
  // The body's period row governing a row: the last one above it (or the row itself).
  const governing = (row: number) => starts.filter((r) => r <= row).at(-1);
  const periodAt = (row: number, col: number): CellPeriod | null => {
    const above = governing(row);
    const column = (above === undefined ? undefined : inBody.get(above)?.get(col)) ?? colPeriod.get(col) ?? null;
    if (column) return withPart(column, rowPath.get(row)?.at(-1), "column");
    const byRow = rowPeriod.get(row);
    if (!byRow) return null;
    return withPart(byRow, s.columns.find((c) => c.col === col)?.path.at(-1), "row");
  };
  return { periodAt, periodRows: new Set(inBody.keys()) };
}

/** A year on one axis and a bare quarter or half on the other ("2026E" over "Q1") is that quarter of that year. */
function withPart(p: PeriodInfo, other: string | undefined, axis: CellPeriod["axis"]): CellPeriod {
  const part = p.kind === "year" && other !== undefined ? readBarePart(other) : null;
  if (!part) return { ...p, axis };
  const year = Number(p.period);
  const mark = part.kind === "quarter" ? "Q" : "H";
  const order = part.kind === "quarter" ? year * 4 + part.n : year * 2 + part.n;
  return { ...p, period: `${year}${mark}${part.n}`, kind: part.kind, order, axis };
}
