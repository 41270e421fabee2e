// The page regions the review page shows beside what was extracted from them: each table on every page it has
// cells on (its box and its cells' boxes, with a margin), each chart's image, and the cover page. Pure.
import type { Box, Report } from "../../schemas/index.ts";

export interface Region {
  /** file name of the crop, without the extension: table-fig-4-p6, chart-fig-54, cover */
  name: string;
  page: number;
  /** in PDF points, top-left origin; clipped to the page when rendered */
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

const MARGIN = 10;

/** Regions of a table, one per page, in page order. */
export function tableRegions(t: Report["tables"][number]): Region[] {
  const boxes: Box[] = [...(t.box ? [t.box] : []), ...t.cells.flatMap((c) => (c.box ? [c.box] : []))];
  const pages = [...new Set(boxes.map((b) => b.page))].sort((a, b) => a - b);
  return pages.map((page) => {
    const on = boxes.filter((b) => b.page === page);
    return {
      name: `table-${t.id}-p${page}`,
      page,
      x0: Math.min(...on.map((b) => b.x0)) - MARGIN,
      y0: Math.min(...on.map((b) => b.y0)) - MARGIN,
      x1: Math.max(...on.map((b) => b.x1)) + MARGIN,
      y1: Math.max(...on.map((b) => b.y1)) + MARGIN,
    };
  });
}

export function chartRegion(c: NonNullable<Report["charts"]>[number]): Region {
  const { page, x0, y0, x1, y1 } = c.box;
  return { name: `chart-${c.figure_id}`, page, x0: x0 - 2, y0: y0 - 2, x1: x1 + 2, y1: y1 + 2 };
}

/** The cover: the whole first page (the size is taken from the page when rendered). */
export const COVER: Region = {
  name: "cover",
  page: 1,
  x0: 0,
  y0: 0,
  x1: Number.POSITIVE_INFINITY,
  y1: Number.POSITIVE_INFINITY,
};

/** Every region of a PDF report, sorted by page then name (the order they are rendered in). */
export function allRegions(report: Report): Region[] {
  const regions = [COVER, ...report.tables.flatMap(tableRegions), ...(report.charts ?? []).map(chartRegion)];
  return regions.sort((a, b) => a.page - b.page || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** A region clipped to its page, rounded outwards to whole points. */
export function clip(r: Region, width: number, height: number): Region {
  return {
    ...r,
    x0: Math.max(0, Math.floor(r.x0)),
    y0: Math.max(0, Math.floor(r.y0)),
    x1: Math.min(width, Math.ceil(r.x1)),
    y1: Math.min(height, Math.ceil(r.y1)),
  };
}
