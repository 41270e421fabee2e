// Confidence of table cells read from recognised pages: the lowest confidence of the OCR words inside the cell's
// box. Cells under the threshold are listed as ocr/low-confidence problems. Pure.
import type { PageOcr, Table } from "../../../schemas/index.ts";
import { type Found, found, type Staged } from "../../problems.ts";
import { LOW_CONFIDENCE } from "../charts.ts";

export function cellConfidence(tables: Table[], pages: PageOcr[]): Staged<Table[]> {
  const problems: Found[] = [];
  const byPage = new Map(pages.map((p) => [p.page, p]));
  if (byPage.size === 0) return { value: tables, problems };
  const out = tables.map((t) => ({
    ...t,
    cells: t.cells.map((c) => {
      const rec = c.box ? byPage.get(c.box.page) : undefined;
      if (!rec || !c.box) return c;
      const b = c.box;
      const inside = rec.words.filter((w) => {
        const cx = (w.box.x0 + w.box.x1) / 2;
        const cy = (w.box.y0 + w.box.y1) / 2;
        return cx >= b.x0 - 1 && cx <= b.x1 + 1 && cy >= b.y0 - 1 && cy <= b.y1 + 1;
      });
      if (inside.length === 0) return c;
      const confidence = Math.min(...inside.map((w) => w.confidence));
      if (confidence < LOW_CONFIDENCE) {
        const message = `"${c.raw}" was recognised from a scan with confidence ${confidence}; check it against the page`;
        problems.push(
          found("ocr/low-confidence", "warning", message, { page: b.page, where: `${t.id} r${c.row}c${c.col}` }),
        );
      }
      return { ...c, confidence };
    }),
  }));
  return { value: out, problems };
}
