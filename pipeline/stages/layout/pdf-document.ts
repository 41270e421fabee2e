// PDF pages → the source document every later stage reads: running headers and footers dropped, tables found
// from geometry, the remaining text in reading order with wrapped paragraphs joined, every line and cell with
// its page and box. Pages whose text did not decode (and that OCR did not replace) are reported.
import type { Block, PdfPage, SourceDocument } from "../../../schemas/index.ts";
import { roundBox } from "../../geometry.ts";
import { type Found, found, type Staged } from "../../problems.ts";
import { findTables, mergeAcrossPages, type PdfTable } from "../tables/pdf-tables.ts";
import { hiddenRuns } from "../tables/pdf-text.ts";
import { cleanMarkup } from "../normalize/cell.ts";
import { columnSplit, groupLines, marginRuns, type PdfLine } from "./pdf-lines.ts";
import { joinParagraphs, readingOrder } from "./pdf-order.ts";

type Item =
  | { kind: "line"; line: PdfLine; x0: number; y0: number; x1: number; y1: number }
  | { kind: "table"; table: PdfTable; x0: number; y0: number; x1: number; y1: number };

export function pdfToDocument(pages: PdfPage[], source: { file: string; sha256: string }): Staged<SourceDocument> {
  const problems: Found[] = [];
  const margins = marginRuns(pages);
  const perPage = pages.map((p) => ({ page: p, tables: findTables(p, margins.get(p.page)) }));
  const merged = mergeAcrossPages(
    perPage.flatMap((p) => p.tables),
    new Map(pages.map((p) => [p.page, p.height])),
  );
  const blocks: Block[] = [];
  for (const { page } of perPage) {
    // Running headers and footers, and template tags the producer left in the text layer ([Table_Main]).
    const skip = new Set([...(margins.get(page.page) ?? []), ...hiddenRuns(page)]);
    const tables = merged.filter((t) => t.page === page.page);
    // Runs of the tables found on the page, less a provisional part that no other part continued.
    const kept = new Set(merged.flatMap((t) => t.parts ?? [t]));
    for (const t of perPage.find((p) => p.page.page === page.page)!.tables)
      if (kept.has(t)) for (const id of t.runIds) skip.add(id);
    problems.push(...textProblems(page));
    const split = columnSplit(page, skip);
    const items: Item[] = [
      ...groupLines(page, skip, split).map(
        (line): Item => ({ kind: "line", line, x0: line.x0, y0: line.y0, x1: line.x1, y1: line.y1 }),
      ),
      ...tables.map((table): Item => ({ kind: "table", table, ...table.box })),
    ];
    for (const col of readingOrder(items, split)) {
      let lines: PdfLine[] = [];
      const flush = () => {
        const joined = joinParagraphs(lines, col.x0, col.x1);
        if (joined.length > 0)
          blocks.push({
            kind: "text",
            lines: joined.map((l) => ({
              text: l.text,
              line: null,
              page: l.page,
              box: { page: l.page, ...roundBox(l) },
              heading_level: null,
              size: l.size,
              ...(l.bold ? { bold: true as const } : {}),
            })),
          });
        lines = [];
      };
      for (const it of col.items) {
        if (it.kind === "line") {
          lines.push(it.line);
          continue;
        }
        flush();
        const b = it.table.box;
        // Markup printed literally (<i>…</i>) is cleaned as in text input: one rule for every format.
        const rows = it.table.rows.map((r) => r.map((c) => ({ ...c, text: cleanMarkup(c.text) })));
        blocks.push({
          kind: "table",
          format: "pdf",
          rows,
          line: null,
          page: it.table.page,
          box: { page: it.table.page, ...roundBox(b) },
        });
      }
      flush();
    }
  }
  return {
    value: { file: source.file, sha256: source.sha256, format: "pdf", encoding: "binary", pages: pages.length, blocks },
    problems,
  };
}

const PRIVATE_USE = /[\ue000-\uf8ff]/g;

/** Text that did not decode: replacement characters, private-use code points (other than bullets at the start
 * of a line), "(cid:N)" output, or a page with images but almost no text. */
function textProblems(page: PdfPage): Found[] {
  const text = page.runs.map((r) => r.text).join("");
  const bad =
    (text.match(/\ufffd/g)?.length ?? 0) +
    (text.match(/\(cid:\d+\)/g)?.length ?? 0) +
    page.runs.filter((r) => PRIVATE_USE.test(r.text.replace(/^[\ue000-\uf8ff]\s*/, ""))).length;
  const problems: Found[] = [];
  const at = { page: page.page, where: `page ${page.page}` };
  if (bad > 0 && bad >= text.length * 0.02) {
    problems.push(
      found(
        "text/garbled-glyphs",
        "error",
        `${bad} characters on page ${page.page} did not decode to text (missing font mapping); the page needs OCR`,
        at,
      ),
    );
  }
  if (page.images.length > 0 && text.replace(/\s/g, "").length < 20) {
    problems.push(
      found(
        "text/no-text-layer",
        "warning",
        `page ${page.page} has images but almost no text layer (a scan?); its content needs OCR`,
        at,
      ),
    );
  }
  return problems;
}
