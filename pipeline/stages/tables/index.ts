// Tables stage: every table block with its context becomes a structured table (title row, header rows and
// spans, row labels, group rows); its cells are typed by the normalize stage.
import type { TableContext } from "../layout/contents.ts";
import { parseCaption } from "../layout/patterns.ts";
import { unitInLabel } from "../normalize/cell.ts";
import { type Found, type Staged } from "../../problems.ts";
import { structureTable, type TableStructure } from "./structure.ts";
import { layout } from "../../vocab/layout.ts";

const slugs: Record<string, string> = layout.caption_slugs;

/** A table with its structure recovered, its cells not yet typed. */
export interface StructuredTable {
  id: string;
  context: TableContext;
  title: string;
  /** The unit the caption states for the whole table ("单位：亿元"), when it has a caption. */
  unit: string | null;
  structure: TableStructure;
}

export function structureTables(contexts: TableContext[]): Staged<StructuredTable[]> {
  const problems: Found[] = [];
  const used = new Set<string>();
  let uncaptioned = 0;
  const tables = contexts.map((context): StructuredTable => {
    const id = uniqueId(
      tableId(context.label, () => ++uncaptioned),
      used,
    );
    const structure = structureTable(context.block, id);
    problems.push(...structure.problems);
    // A title the table carries as a marked title row (a PDF's title bar) names it before a line near it does;
    // a caption still comes first.
    const marked = structure.title_row && context.block.rows[0]?.[0]?.header ? structure.title_row : null;
    const title = (context.label ? context.title : marked || context.title) || structure.title_row || id;
    return { id, context, title, unit: context.label ? unitInLabel(title) : null, structure };
  });
  return { value: tables, problems };
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
