// Blocks of a financial summary printed in one frame: side by side (each with its own label column and the same
// period headings) and stacked (a heading row repeated lower down, its quarter columns left blank).
import { describe, expect, it } from "vitest";
import type { RawCell } from "../schemas/index.ts";
import { splitSideBySide } from "../pipeline/stages/tables/pdf-side-by-side.ts";
import { splitStacked } from "../pipeline/stages/tables/pdf-stacked.ts";
import type { PdfTable } from "../pipeline/stages/tables/pdf-tables.ts";
import { paintedPage } from "./support/pdf-page.ts";

/** A table of one-column cells, 60 pt wide and 12 pt high each, from its rows of text. */
function table(rows: string[][]): PdfTable {
  const cells = rows.map((r, i) =>
    r.map(
      (text, j): RawCell => ({
        text,
        row_span: 1,
        col_span: 1,
        header: false,
        box: { page: 1, x0: 40 + 60 * j, y0: 100 + 12 * i, x1: 100 + 60 * j, y1: 112 + 12 * i },
      }),
    ),
  );
  const width = Math.max(...rows.map((r) => r.length));
  return {
    page: 1,
    box: { x0: 40, y0: 100, x1: 40 + 60 * width, y1: 100 + 12 * rows.length },
    rows: cells,
    runIds: [],
    continued: false,
  };
}
const texts = (t: PdfTable) => t.rows.map((r) => r.map((c) => c.text));
const page = paintedPage([], []);

describe("statements side by side", () => {
  const rows = [
    ["Income Statement", "2025A", "2026E", "Balance Sheet", "2025A", "2026E"],
    ["Revenue", "751.8", "826.5", "Cash", "384.8", "496.7"],
    ["EBIT", "241.6", "266.4", "Receivables", "49.9", "53.9"],
    ["Net Profit", "229.8", "250.5", "", "", ""],
  ];

  it("are two tables: a label column in the middle, headed by a title, the periods repeated right of it", () => {
    const parts = splitSideBySide(table(rows), page);
    expect(parts.map(texts)).toEqual([
      [
        ["Income Statement", "2025A", "2026E"],
        ["Revenue", "751.8", "826.5"],
        ["EBIT", "241.6", "266.4"],
        ["Net Profit", "229.8", "250.5"],
      ],
      [
        ["Balance Sheet", "2025A", "2026E"],
        ["Cash", "384.8", "496.7"],
        ["Receivables", "49.9", "53.9"],
      ],
    ]);
  });

  it("stay one table when the text column's headings do not repeat the periods (a rating column)", () => {
    const one = [
      ["Company", "2025A", "2026E", "Rating", "Target", "Upside"],
      ["Alpha", "1.0", "2.0", "Buy", "12.0", "10%"],
      ["Beta", "1.5", "2.5", "Hold", "13.0", "5%"],
    ];
    expect(splitSideBySide(table(one), page)).toHaveLength(1);
  });
});

describe("a stacked block repeating the headings with its quarters blank", () => {
  it("starts a new table whose blank headings are those of the block above", () => {
    const rows = [
      ["Income Statement", "2025A", "2026E", "Q4/26A"],
      ["Revenue", "751.8", "826.5", "214.3"],
      ["EBIT", "241.6", "266.4", "65.4"],
      ["Ratio", "2025A", "2026E", ""],
      ["Revenue Growth (%)", "13.9", "9.9", "-"],
    ];
    const parts = splitStacked(table(rows), page);
    expect(parts.map(texts)).toEqual([
      rows.slice(0, 3),
      [
        ["Ratio", "2025A", "2026E", "Q4/26A"],
        ["Revenue Growth (%)", "13.9", "9.9", "-"],
      ],
    ]);
  });
});
