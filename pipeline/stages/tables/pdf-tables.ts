// Tables on PDF pages, found from geometry alone: regions framed by rules (pdf-regions.ts) become grids
// (pdf-grid.ts); regions whose area is mostly graphics or images (charts, pictures), whose text runs across the
// columns (prose), or that lack two rows of two cells are no tables. Tables split over two pages are joined by
// mergeAcrossPages.
import { withLeftLabels } from "./pdf-left-labels.ts";
import { splitSideBySide } from "./pdf-side-by-side.ts";
import { joinSplitRow } from "./pdf-split-row.ts";
import type { PdfPage, RawCell } from "../../../schemas/index.ts";
import { area, intersect, median, type Rect } from "../../geometry.ts";
import { hasAxisTicks } from "./pdf-charts.ts";
import { clusterBy, pageGeometry, type Geometry } from "./pdf-geometry.ts";
import { buildGrid, type Grid } from "./pdf-grid.ts";
import { heldIn } from "./pdf-region-cut.ts";
import { findRegions } from "./pdf-regions.ts";
import { headingsRow, splitStacked } from "./pdf-stacked.ts";
import { hiddenRuns, pagePieces, type Piece } from "./pdf-text.ts";

export interface PdfTable {
  page: number;
  box: Rect;
  rows: RawCell[][];
  /** indexes into page.runs consumed by the table, so the caller leaves them out of the text */
  runIds: number[];
  /** set by mergeAcrossPages: the table runs on over the next page(s), whose continuation rows it now holds */
  continued: boolean;
  /** set by the caller: nothing but page headers lies between the top of the page and this table */
  startsPage?: boolean;
  /** set by the caller: nothing but page footers lies between this table and the bottom of the page */
  endsPage?: boolean;
  /** a single band between whole rules at the edge of a page (a header row whose body is on the next page, as a
   * scan shows it: no splits in its rules), or rows over the only rule of a page's table (the rest of a table begun
   * on the page before): a table only if mergeAcrossPages joins it to its other part */
  provisional?: boolean;
  /** set by mergeAcrossPages on a joined table: the per-page tables it was made of */
  parts?: PdfTable[];
  /** where each column boundary may lie: a drawn split exactly; between text, anywhere in the gap */
  gaps?: [number, number][];
}

/** Graphics or images covering this share of a region make it a chart or a picture. */
const GRAPHIC_SHARE = 0.25;
/** ... or this share when the region also shows axis tick labels. */
const AXIS_GRAPHIC_SHARE = 0.05;
/** Rows whose text runs across columns: above this share the region reads as prose. */
const CROSSED_SHARE = 0.3;
/** Unless ruled as a grid, at least this share of the rows must hold two cells or more (else a sidebar of blocks). */
const MULTI_CELL_SHARE = 0.5;
/** Without the caller's word, a table this close (share of the page height) to the top / bottom starts / ends it. */
const PAGE_EDGE = 0.2;
/** Column boundaries of two parts of a table agree within this many points. */
const SAME_COLUMN = 2.5;

/** Tables on one page. `exclude` = run indexes that are page headers/footers (do not use them). */
export function findTables(page: PdfPage, exclude?: Set<number>): PdfTable[] {
  const pieces = pagePieces(page, exclude);
  if (pieces.length === 0) return [];
  const fs = median(pieces.map((p) => p.size)) || 10;
  const geo = pageGeometry(page, pieces, fs);
  const found: { table: PdfTable; cells: number; frame: Rect }[] = [];
  for (const region of findRegions(page, pieces, geo, fs)) {
    const grid = buildGrid(region);
    if (!grid || !accept(grid, geo, pieces, region.fs)) continue;
    const provisional = !(grid.closed || grid.rowsWithTwoCells >= 2) || region.footed || undefined;
    const table: PdfTable = {
      page: page.page,
      box: grid.box,
      rows: grid.rows,
      runIds: grid.runIds,
      continued: false,
      provisional,
      gaps: grid.gaps,
    };
    const parts = splitSideBySide(table, page).flatMap((t) => splitStacked(t, page));
    for (const part of parts)
      found.push({
        table: part,
        cells: part.rows.flat().filter((c) => c.text).length,
        frame: parts.length > 1 ? part.box : grid.frame,
      });
  }
  // Hidden template tags within a table's frame go with it (they are in no cell, and no more in the text).
  const hidden = [...hiddenRuns(page)].filter((i) => !exclude?.has(i));
  for (const { table, frame: b } of found) {
    const over = hidden.filter((i) => {
      const r = page.runs[i]!;
      const cy = (r.y0 + r.y1) / 2;
      return r.x0 < b.x1 && r.x1 > b.x0 && cy >= b.y0 && cy <= b.y1;
    });
    if (over.length > 0) table.runIds = [...table.runIds, ...over].sort((a, b) => a - b);
  }
  // A frame around tables printed side by side (a rule over and under two statements) is not one table: the
  // tables inside it win, whatever their cell counts.
  const inside = (g: Rect, f: Rect) => area(intersect(g, f)) >= 0.8 * area(g);
  const sideBySide = (f: (typeof found)[number]) => {
    const within = found.filter((g) => g !== f && inside(g.table.box, f.table.box));
    return within.some((a) =>
      within.some(
        (b) =>
          a.table.box.x1 <= b.table.box.x0 &&
          Math.min(a.table.box.y1, b.table.box.y1) > Math.max(a.table.box.y0, b.table.box.y0),
      ),
    );
  };
  const framed = new Set(found.filter(sideBySide));
  // Overlapping candidates (a frame around a table, nested stacks): the one with more cells wins.
  const kept = found
    .filter((f) => !framed.has(f))
    .sort((a, b) => b.cells - a.cells)
    .filter(
      (f, i, all) =>
        !all
          .slice(0, i)
          .some(
            (g) => area(intersect(f.table.box, g.table.box)) > 0.5 * Math.min(area(f.table.box), area(g.table.box)),
          ),
    );
  const taken = new Set(kept.flatMap((k) => k.table.runIds));
  const free = pieces.filter((p) => !taken.has(p.run));
  return kept.map((k) => withLeftLabels(k.table, free)).sort((a, b) => a.box.y0 - b.box.y0 || a.box.x0 - b.box.x0);
}

function accept(grid: Grid, geo: Geometry, pieces: Piece[], fs: number): boolean {
  if (grid.columns < 2 || grid.markerColumn) return false;
  if (grid.crossedRows > CROSSED_SHARE * grid.rows.length) return false;
  // A chart or a picture: mostly graphics, or some graphics and axis tick labels. (A stroke lying mostly outside
  // the table, a pen mark across it, is neither.)
  const held = (g: Rect & { stroke: boolean }) => !g.stroke || heldIn(g, grid.area.y0, grid.area.y1);
  const drawn =
    [...geo.graphics.filter(held), ...geo.images].reduce((s, g) => s + area(intersect(g, grid.area)), 0) /
    area(grid.area);
  if (drawn >= GRAPHIC_SHARE || (drawn >= AXIS_GRAPHIC_SHARE && hasAxisTicks(pieces, grid.area, fs))) return false;
  if (grid.rowsWithTwoCells >= 2)
    return (grid.ruled && grid.closed) || grid.rowsWithTwoCells >= MULTI_CELL_SHARE * grid.rows.length;
  // A single ruled row is a table only at the very top or bottom of the page (the rest is on the next / last page).
  const used = new Set(grid.runIds);
  const rest = pieces.filter((p) => !used.has(p.run));
  // Between whole rules (no splits) it is only provisional: kept if the other page continues it.
  return (
    grid.rowsWithTwoCells === 1 &&
    (grid.closed || grid.bounded) &&
    (rest.every((p) => p.y0 >= grid.box.y1) || rest.every((p) => p.y1 <= grid.box.y0))
  );
}

/** Join a table at the top of a page with a table at the bottom of the previous page when it continues it (same
 * column boundaries; nothing but headers / footers in between, as the caller says with `startsPage` / `endsPage`,
 * else judged from the table's distance to the page edge), dropping a repeated header row. The continuation's
 * rows are appended to the first part (their cell boxes keep their own page) and the continuation leaves the
 * list; the joined table is marked `continued`. Tables must come in page order. The runIds of the joined table
 * are those of its first page: take the runs to leave out of each page's text from findTables. */
export function mergeAcrossPages(tables: PdfTable[], pageHeights: Map<number, number>): PdfTable[] {
  const out: PdfTable[] = [];
  const height = (p: number) => pageHeights.get(p) ?? Infinity;
  let head: PdfTable | undefined;
  let prev: PdfTable | undefined;
  for (const t of tables) {
    const startsPage = t.startsPage ?? t.box.y0 <= PAGE_EDGE * height(t.page);
    const endsPage = (p: PdfTable) => p.endsPage ?? p.box.y1 >= (1 - PAGE_EDGE) * height(p.page);
    // prev is the last table of its page and t the first of the next when their pages follow each other.
    if (
      head &&
      prev &&
      prev.page + 1 === t.page &&
      startsPage &&
      endsPage(prev) &&
      sameColumns(prev, t) &&
      !nextOfTemplate(head, t)
    ) {
      const header = head.rows[0];
      const rest = header && t.rows.length > 1 && sameTexts(header, t.rows[0]!) ? t.rows.slice(1) : t.rows;
      // (A row cut by the page break goes back into the row it continues.)
      const joined = rest[0] && joinSplitRow(head.rows[head.rows.length - 1]!, rest[0]);
      if (joined) head.rows[head.rows.length - 1] = joined;
      head.rows.push(...(joined ? rest.slice(1) : rest));
      head.continued = true;
      head.provisional = undefined;
      head.parts!.push(t);
    } else {
      head = { ...t, rows: [...t.rows], parts: [t] };
      out.push(head);
    }
    prev = t;
  }
  // A provisional part that nothing continued is no table: its text goes back to the page.
  return out.filter((t) => !t.provisional);
}

function columnBounds(t: PdfTable): number[] {
  const xs = t.rows
    .flat()
    .filter((c) => c.col_span === 1 && c.box)
    .flatMap((c) => [c.box!.x0, c.box!.x1]);
  return clusterBy(xs, (x) => x, SAME_COLUMN).map((g) => g[0]!);
}

function sameColumns(a: PdfTable, b: PdfTable): boolean {
  // Boundaries taken from text gaps may lie anywhere in their gap: the parts agree when the gaps overlap.
  if (a.gaps && b.gaps && (a.gaps.some(([lo, hi]) => hi > lo) || b.gaps.some(([lo, hi]) => hi > lo))) {
    return (
      a.gaps.length === b.gaps.length &&
      a.gaps.every(([lo, hi], i) => lo <= b.gaps![i]![1] + SAME_COLUMN && b.gaps![i]![0] <= hi + SAME_COLUMN)
    );
  }
  const xa = columnBounds(a);
  const xb = columnBounds(b);
  return xa.length === xb.length && xa.every((x, i) => Math.abs(x - xb[i]!) <= SAME_COLUMN);
}

/** The next table of the same template, not a continuation: the same column headings under another title cell
 * (INCOME STATEMENT, then BALANCE SHEET, each over 2023A … 2028E). */
function nextOfTemplate(head: PdfTable, t: PdfTable): boolean {
  const a = head.rows[headingsRow(head.rows)];
  if (!a) return false;
  // The column headings repeated near the top of the next part: a new table when a title cell differs there.
  const at = t.rows.slice(0, 3).findIndex((r) => r.length === a.length && sameTexts(a.slice(1), r.slice(1)));
  if (at < 0) return false;
  const title = (r: RawCell[]) => r[0]!.text.trim();
  return t.rows.slice(0, at + 1).some((r) => title(r) !== "" && title(r) !== title(a));
}

const sameTexts = (a: RawCell[], b: RawCell[]) =>
  a.length === b.length && a.every((c, i) => c.text.trim() === b[i]!.text.trim());
