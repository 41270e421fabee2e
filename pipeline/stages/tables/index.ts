// Tables stage: every table block with its context becomes a structured, typed table.
import type { Problem, Table } from "../../../schemas/index.ts";
import type { TableContext } from "../layout/contents.ts";
import { parseCaption } from "../layout/patterns.ts";
import { unitInLabel } from "../normalize/cell.ts";
import { typedCells } from "../normalize/cells.ts";
import { structureTable } from "./structure.ts";
import layout from "../../vocab/layout.json" with { type: "json" };

const slugs: Record<string, string> = layout.caption_slugs;

export function buildTables(contexts: TableContext[], source: string): { tables: Table[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const used = new Set<string>();
  let uncaptioned = 0;
  const tables = contexts.map((ctx): Table => {
    const id = uniqueId(tableId(ctx.label, () => ++uncaptioned), used);
    const s = structureTable(ctx.block, id);
    for (const p of s.problems) problems.push({ ...p, stage: "tables", source });
    const title = ctx.title || s.title_row || id;
    const unit = ctx.label ? unitInLabel(title) : null;
    const typed = typedCells(s, unit);
    for (const p of typed.problems) problems.push({ ...p, stage: "normalize", source, page: ctx.page, line: ctx.block.line, where: `${id} ${p.where}` });
    return {
      id, label: ctx.label, title, page: ctx.page, line: ctx.block.line, source: ctx.source, unit,
      header_rows: s.header_rows, columns: s.columns, rows: s.rows, grid: s.grid, cells: typed.cells, box: ctx.block.box,
    };
  });
  return { tables, problems };
}

function tableId(label: string | null, nextUncaptioned: () => number): string {
  const caption = label ? parseCaption(label) : null;
  if (!caption) return `table-${nextUncaptioned()}`;
  return `${slugs[caption.kind] ?? "fig"}-${caption.number.replace(/\./g, "-")}`;
}

function uniqueId(id: string, used: Set<string>): string {
  let candidate = id;
  for (let n = 2; used.has(candidate); n++) candidate = `${id}-${n}`;
  used.add(candidate);
  return candidate;
}
