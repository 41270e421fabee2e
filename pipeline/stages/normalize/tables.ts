// Normalize stage: every cell of a structured table typed (value, unit, period, setting, footnote, missing
// marker), and the cells of recognised pages given the confidence of their OCR words.
import type { PageOcr, Table } from "../../../schemas/index.ts";
import { type Found, found, type Staged } from "../../problems.ts";
import type { StructuredTable } from "../tables/index.ts";
import { typedCells } from "./cells.ts";
import { cellConfidence } from "./confidence.ts";

export function normalizeTables(structured: StructuredTable[], recognised: PageOcr[]): Staged<Table[]> {
  const problems: Found[] = [];
  const tables = structured.map(({ id, context, title, unit, structure: s }): Table => {
    const typed = typedCells(s, unit);
    for (const p of typed.problems) problems.push(found(p.code, p.severity, p.message, { page: context.page, line: context.block.line, where: `${id} ${p.where}` }));
    return {
      id, label: context.label, title, page: context.page, line: context.block.line, source: context.source, unit,
      header_rows: s.header_rows, columns: s.columns, rows: s.rows, grid: s.grid, cells: typed.cells, box: context.block.box,
    };
  });
  const scanned = cellConfidence(tables, recognised);
  return { value: scanned.value, problems: [...problems, ...scanned.problems] };
}
