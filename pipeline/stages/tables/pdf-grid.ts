// The grid of one table region: columns (pdf-columns.ts); bands between rules that cross the table, each cut into
// rows from its text lines (pdf-row-grouping.ts; with three or more bands a band is one row unless a cell plainly starts
// anew in it); cell texts; spans evidenced by the rules (a border unsplit over several columns, a column where no
// rule separates two rows) or by a header centred over columns (pdf-grid-cells.ts); labels in the first columns
// that span rows (vertically centred on their rows, or at the top of them) given as row-spanning cells
// (pdf-grid-labels.ts); cell boxes. Source and note lines closing the table and a prose cell standing beside the
// whole table are left out of it.
import type { RawCell } from "../../../schemas/index.ts";
import { parseSource } from "../layout/patterns.ts";
import { layout } from "../../vocab/layout.ts";
import { round1, type Rect } from "../../geometry.ts";
import { gridFrame, levelAt, range, type Region, type Row } from "./pdf-grid-frame.ts";
import { withSpanningLabels } from "./pdf-grid-labels.ts";
import { assemble, bandRows } from "./pdf-grid-cells.ts";
import { toLines } from "./pdf-text.ts";

export type { Region } from "./pdf-grid-frame.ts";

/** Bullet marks: a first column holding only these is a list, not a table. */
const MARKERS = /^[•●○◆◇■□▪▫►▶➢✓✔·\-–—*]$/u;
/** A line closing a table that starts so ("备注：", "注：") is a note under the table, not a row. */
const NOTE = new RegExp(
  `^(?:${layout.note_prefixes.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})\\s*[:：]`,
);

export interface Grid {
  rows: RawCell[][];
  runIds: number[];
  box: Rect;
  /** the whole region the grid was read from (rules included), less a cell beside the table left to the text */
  area: Rect;
  /** the whole region, with such a cell */
  frame: Rect;
  columns: number;
  rowsWithTwoCells: number;
  crossedRows: number;
  markerColumn: boolean;
  ruled: boolean;
  /** both the top and the bottom of the grid are rules with column splits */
  closed: boolean;
  /** both the top and the bottom of the grid are rules or edges of backgrounds */
  bounded: boolean;
  /** per column boundary, where it may lie: exactly at a drawn split, else anywhere in the text gap */
  gaps: [number, number][];
}

export function buildGrid(region: Region): Grid | null {
  const f = gridFrame(region);
  if (!f) return null;
  const { bounds, prio, ncol, edges, ruled, top, bottom } = f;
  const plain = assemble(f, bandRows(f, f.lines));
  const rows = withSpanningLabels(f, plain) ?? plain;
  // Source and note lines closing the table (inside its frame) are left to the text.
  const lone = (r: Row) => {
    const filled = r.slots.filter((s) => s.text);
    return filled.length === 1 ? filled[0]!.text : null;
  };
  while (rows.length > 1) {
    const text = lone(rows[rows.length - 1]!);
    if (text === null || (parseSource(text) === null && !NOTE.test(text))) break;
    rows.pop();
  }
  if (rows.length === 0) return null;
  rows.forEach((r, i) =>
    r.slots.forEach((sl) => {
      sl.rs = Math.min(sl.rs, rows.length - i);
    }),
  );
  // A cell spanning every row beside the rest of the table (a prose sidebar or a title written down the side,
  // framed by the table's top and bottom rules) is no column of it: it is left to the text.
  let cFirst = 0;
  let cLast = ncol - 1;
  const beside = (c: number) => {
    const s = rows[0]!.slots[c]!;
    return (
      !s.covered &&
      s.cs === 1 &&
      s.rs === rows.length &&
      rows.length >= 2 &&
      toLines(s.chunks.flatMap((ch) => ch.pieces)).length >= 2
    );
  };
  if (ncol >= 3 && beside(0)) cFirst = 1;
  else if (ncol >= 3 && beside(ncol - 1)) cLast = ncol - 2;
  const rowTop = (i: number) => {
    const row = rows[i]!;
    const prev = rows[i - 1];
    return ruled || !prev || prev.band !== row.band ? Math.min(edges[row.band]!, row.y0) : (prev.y1 + row.y0) / 2;
  };
  const rowBottom = (i: number) => {
    const row = rows[i]!;
    const next = rows[i + 1];
    return ruled || !next || next.band !== row.band ? Math.max(edges[row.band + 1]!, row.y1) : (row.y1 + next.y0) / 2;
  };
  const kept = (row: Row) => row.slots.map((s, c) => ({ s, c })).filter(({ c }) => c >= cFirst && c <= cLast);
  const out: RawCell[][] = rows.map((row, i) =>
    kept(row).flatMap(({ s, c }) =>
      s.covered
        ? []
        : [
            {
              text: s.text,
              row_span: s.rs,
              col_span: s.cs,
              header: false,
              box: {
                page: region.page,
                x0: round1(bounds[c]!),
                y0: round1(rowTop(i)),
                x1: round1(bounds[c + s.cs]!),
                y1: round1(rowBottom(i + s.rs - 1)),
              },
              ...(s.chunks.length > 0 ? { text_x0: round1(Math.min(...s.chunks.map((ch) => ch.x0))) } : {}),
            },
          ],
    ),
  );
  // The title of a title bar is the table's title: its cell is marked a header (structure reads a title row).
  const title = region.title;
  if (title && rows[0]!.lines.some((l) => l.y0 === title.y0) && out[0]?.[0]?.text) out[0][0].header = true;
  const runIds = [
    ...new Set(rows.flatMap((r) => kept(r).flatMap(({ s }) => s.chunks.flatMap((c) => c.pieces.map((p) => p.run))))),
  ].sort((a, b) => a - b);
  const first = rows.map((r) => r.slots[cFirst]!.text).filter(Boolean);
  const used = rows.flatMap((r) => r.slots.flatMap((sl) => sl.chunks));
  const topLevel = levelAt(f, rowTop(0));
  const bottomLevel = levelAt(f, rowBottom(rows.length - 1));
  return {
    rows: out,
    runIds,
    box: {
      x0: round1(bounds[cFirst]!),
      y0: round1(rowTop(0)),
      x1: round1(bounds[cLast + 1]!),
      y1: round1(rowBottom(rows.length - 1)),
    },
    area: { x0: bounds[cFirst]!, y0: top, x1: bounds[cLast + 1]!, y1: bottom },
    frame: { x0: region.x0, y0: top, x1: region.x1, y1: bottom },
    columns: range(cFirst, cLast).filter((c) => rows.some((r) => r.slots[c]!.text)).length,
    rowsWithTwoCells: rows.filter((r) => kept(r).filter(({ s }) => s.text).length >= 2).length,
    crossedRows: rows.filter((r) => r.crossed).length,
    markerColumn: first.length > 0 && first.every((t) => MARKERS.test(t)),
    ruled,
    closed: !!topLevel && !!bottomLevel && topLevel.breaks.length > 0 && bottomLevel.breaks.length > 0,
    bounded: !!topLevel && !!bottomLevel,
    gaps: range(cFirst + 1, cLast).map((k): [number, number] => {
      if (prio[k]! >= 2) return [bounds[k]!, bounds[k]!];
      const left = Math.max(...used.filter((c) => c.c1 < k).map((c) => c.x1));
      const right = Math.min(...used.filter((c) => c.c0 >= k).map((c) => c.x0));
      return Number.isFinite(left) && Number.isFinite(right) && left <= right
        ? [round1(left), round1(right)]
        : [bounds[k]!, bounds[k]!];
    }),
  };
}
