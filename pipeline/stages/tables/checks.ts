// Structure self-checks: a table whose structure looks wrong is said to be doubtful (a problem of severity error,
// so the report is `partial`), never passed as good. Each check is a sign that columns were merged, split or
// shifted, a header was lost or read into the body, rows were glued, or stacked tables were read as one — measured
// on the table's own cells, with no knowledge of any report. Each doubt names its rows and columns.
// npm run accuracy measures how many wrong cells lie in flagged tables and how many good tables are flagged.
import type { Figure, PdfPage, Table } from "../../../schemas/index.ts";
import { found, type Staged } from "../../problems.ts";
import { type Doubt, TableView } from "./checks-cells.ts";
import {
  emptyColumns,
  kindOutliers,
  mixedColumns,
  severalNumbers,
  slashedNumbers,
  textInNumbers,
  unheadedNumbers,
  unheadedText,
} from "./checks-columns.ts";
import {
  duplicateHeaders,
  headerAsGroup,
  headerRowsInBody,
  periodOrder,
  twoPeriodHeaders,
  valueAsTitle,
  valuesInHeader,
} from "./checks-header.ts";
import {
  duplicateRowLabels,
  gluedTexts,
  splitLabels,
  unlabelledRows,
  valuesAsLabels,
  valuesInLabels,
  wrappedRows,
} from "./checks-rows.ts";
import { cutOffTables } from "./checks-page.ts";
import { cutProse } from "./checks-prose.ts";
import { splitTables } from "./checks-tables.ts";
import { notFound } from "./checks-found.ts";

export type { Doubt } from "./checks-cells.ts";

/** Every check, by name (the name is for tests and measurement; the message says what a reader should know). */
export const CHECKS: Record<string, (v: TableView) => Doubt[]> = {
  mixedColumns,
  severalNumbers,
  slashedNumbers,
  unheadedNumbers,
  unheadedText,
  emptyColumns,
  textInNumbers,
  kindOutliers,
  duplicateHeaders,
  twoPeriodHeaders,
  periodOrder,
  valuesInHeader,
  headerRowsInBody,
  headerAsGroup,
  valueAsTitle,
  unlabelledRows,
  valuesAsLabels,
  duplicateRowLabels,
  valuesInLabels,
  wrappedRows,
  splitLabels,
  gluedTexts,
  cutProse,
};

/** The signs of a wrong structure in a table, with where each is; empty when none. */
export function tableDoubts(t: Table, checks = Object.values(CHECKS)): Doubt[] {
  const v = new TableView(t);
  return checks.flatMap((check) => check(v));
}

/** The reasons a table is doubtful, as sentences; empty when none. */
export function structureDoubts(t: Table): string[] {
  return tableDoubts(t).map((d) => d.what);
}

/** One `table/doubtful` problem per doubtful table, naming every doubt and where it is. Tables are also compared
 * with their neighbours on the page (a table split in two) and, given the PDF's pages, with the text right below
 * them (a table cut short). Then what no table was read from: a `table/not-found` problem for lines of aligned
 * numbers lying in no table and for a table caption (of `figures`) with no table (checks-found.ts). */
export function checkTables(tables: Table[], pages: PdfPage[] = [], figures: Figure[] = []): Staged<Table[]> {
  const split = splitTables(tables);
  const cut = cutOffTables(tables, pages);
  const problems = tables.flatMap((t) => {
    const across = [...(split.get(t.id) ?? []), ...(cut.get(t.id) ?? [])];
    const doubts = [...structureDoubts(t), ...across.map((d) => d.what)];
    if (doubts.length === 0) return [];
    const message = `the structure of ${t.label ?? t.id} "${t.title}" looks wrong: ${doubts.join("; ")}; check it against the page before using its cells`;
    return [found("table/doubtful", "error", message, { page: t.page, line: t.line, where: t.id })];
  });
  return { value: tables, problems: [...problems, ...notFound(tables, pages, figures)] };
}
