// Structure self-checks: a table whose structure looks wrong is said to be doubtful (a problem of severity error,
// so the report is `partial`), never passed as good. Each check is a sign that columns were merged or split, a
// header was lost or shifted, or rows were glued — measured on the table's own cells, with no knowledge of any
// report. npm run accuracy measures how many wrong cells lie in flagged tables and how many good tables are flagged.
import type { Cell, Table } from "../../../schemas/index.ts";
import { found, type Staged } from "../../problems.ts";
import { parsePeriod } from "./periods.ts";

/** A data column is mixed when at least this share of its filled cells are numbers and this share are text. */
const MIXED_SHARE = 0.25;
/** Most cells of a column holding several numbers: a share over this. */
const MULTI_SHARE = 0.34;

const NUMBER = /^[(（]?[-+−–]?[$¥€£]?\d[\d,]*(\.\d+)?[%‰x×]?[)）]?$/;
/** A short unit word printed after a number ("1.1 ppts", "25 bp", "12.5 x"). */
const UNIT_WORD = /^[A-Za-z]{1,4}$/;
/** Several numbers and nothing else ("952,654 1,049,753"): what two neighbouring cells read as one look like. */
const onlyNumbers = (raw: string) => numbersIn(raw) >= 2;
/** How many numbers a cell made only of numbers (each maybe with a unit word after it) holds; 0 for any other text. */
function numbersIn(raw: string): number {
  const tokens = raw.trim().split(/\s+/);
  let numbers = 0;
  for (const [i, t] of tokens.entries()) {
    if (NUMBER.test(t)) numbers++;
    else if (!(i > 0 && UNIT_WORD.test(t) && NUMBER.test(tokens[i - 1]!))) return 0;
  }
  return numbers;
}

/** The reasons a table is doubtful, empty when none. */
export function structureDoubts(t: Table): string[] {
  const doubts: string[] = [];
  const data = t.columns.filter((c) => c.role === "data");
  const byCol = new Map<number, Cell[]>();
  for (const c of t.cells) byCol.set(c.col, [...(byCol.get(c.col) ?? []), c]);
  const header = (col: number) =>
    t.columns
      .find((c) => c.col === col)
      ?.path.filter(Boolean)
      .join(" / ") ?? "";
  const name = (col: number) => (header(col) ? `"${header(col)}"` : `column ${col + 1}`);

  for (const col of data) {
    const cells = (byCol.get(col.col) ?? []).filter((c) => !c.missing && c.raw.trim() !== "");
    if (cells.length < 3) continue;
    const numeric = cells.filter((c) => c.value !== null).length;
    const text = cells.length - numeric;
    if (numeric >= MIXED_SHARE * cells.length && text >= MIXED_SHARE * cells.length && numeric >= 2 && text >= 2) {
      doubts.push(`${name(col.col)} mixes ${numeric} numbers and ${text} texts (columns merged or shifted?)`);
    }
    // Cells of one number and cells of several in one column: two columns read as one in some rows.
    const multi = cells.filter((c) => onlyNumbers(c.raw));
    const single = cells.filter((c) => numbersIn(c.raw) === 1).length;
    if (multi.length > 0 && single >= 2) {
      doubts.push(
        `${name(col.col)} has ${multi.length} cell(s) holding several numbers ("${multi[0]!.raw}") where ${single} others hold one (two columns read as one?)`,
      );
    }
    if (!header(col.col) && numeric >= 0.5 * cells.length && t.header_rows > 0)
      doubts.push(`column ${col.col + 1} holds numbers under no header`);
    // Most cells holding two numbers beside a headed column with no value at all: two columns read as one.
    const empty = data.find(
      (d) => header(d.col) && !(byCol.get(d.col) ?? []).some((c) => !c.missing && c.raw.trim() !== ""),
    );
    if (multi.length > MULTI_SHARE * cells.length && empty) {
      doubts.push(
        `${name(col.col)} holds two numbers in most cells ("${multi[0]!.raw}") while ${name(empty.col)} has none (two columns read as one?)`,
      );
    }
  }

  // Rows holding values under no row label, in a table that has a label column: the labels of several rows were
  // read as one block (a stacked label column), or rows were split.
  if (t.columns.some((c) => c.role === "label")) {
    const valued = new Set(t.cells.filter((c) => !c.missing && c.value !== null).map((c) => c.row));
    const unlabelled = t.rows.filter((r) => valued.has(r.row) && r.path.every((p) => p.trim() === ""));
    if (unlabelled.length >= 2)
      doubts.push(`${unlabelled.length} rows hold values but no row label (row labels read as one block?)`);
  }

  // A header naming two periods ("2025E 2026E"): two columns under one header.
  const twoPeriods = data.find(
    (c) =>
      (c.path.at(-1) ?? "")
        .trim()
        .split(/\s+/)
        .filter((w) => parsePeriod(w) !== null).length >= 2,
  );
  if (twoPeriods) doubts.push(`the header "${twoPeriods.path.at(-1)}" names two periods (two columns read as one?)`);

  const leaves = data.map((c) => c.path.filter(Boolean).join(" / ")).filter(Boolean);
  const dup = leaves.find((l, i) => leaves.indexOf(l) !== i);
  if (dup) doubts.push(`two columns have the same header "${dup}"`);

  const periods = data.map((c) => parsePeriod(c.path.at(-1) ?? "")).filter((p) => p !== null);
  if (periods.length >= 3 && periods.length === data.length) {
    const at = periods.findIndex(
      (p, i) => i > 0 && p!.order < periods[i - 1]!.order && p!.kind === periods[i - 1]!.kind,
    );
    const rises = periods.filter((p, i) => i > 0 && p!.order > periods[i - 1]!.order).length;
    if (at > 0 && rises >= 1)
      doubts.push(`the period headers are out of order (${data[at - 1]!.path.at(-1)} before ${data[at]!.path.at(-1)})`);
  }
  return doubts;
}

/** One `table/doubtful` problem per doubtful table. */
export function checkTables(tables: Table[]): Staged<Table[]> {
  const problems = tables.flatMap((t) => {
    const doubts = structureDoubts(t);
    if (doubts.length === 0) return [];
    const message = `the structure of ${t.label ?? t.id} "${t.title}" looks wrong: ${doubts.join("; ")}; check it against the page before using its cells`;
    return [found("table/doubtful", "error", message, { page: t.page, line: t.line, where: t.id })];
  });
  return { value: tables, problems };
}
