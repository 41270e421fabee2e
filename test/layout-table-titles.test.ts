// Titles of uncaptioned tables, on hand-built pages: the title line right above a table by geometry (side-by-side
// tables each get their own, whatever the reading order), a bold title longer than a short label, a section
// heading giving way to a statement's own corner name, a unit in the corner naming nothing, a sentence never a title.
import { describe, expect, it } from "vitest";
import type { TableBlock, TextLine } from "../schemas/index.ts";
import type { Item } from "../pipeline/stages/layout/contents.ts";
import { uncaptionedTitle } from "../pipeline/stages/layout/table-titles.ts";

const line = (text: string, x0: number, y0: number, opts: { bold?: boolean; size?: number } = {}): Item => ({
  kind: "line",
  line: {
    text,
    line: null,
    page: 1,
    heading_level: null,
    size: opts.size ?? 9,
    box: { page: 1, x0, y0, x1: x0 + text.length * 5, y1: y0 + (opts.size ?? 9) },
    ...(opts.bold ? { bold: true as const } : {}),
  } as TextLine,
});
const cell = (text: string) => ({ text, row_span: 1, col_span: 1, header: false });
const table = (x0: number, y0: number, header: string[]): Item => ({
  kind: "table",
  block: {
    kind: "table",
    format: "pdf",
    line: null,
    page: 1,
    box: { page: 1, x0, y0, x1: x0 + 250, y1: y0 + 200 },
    rows: [header.map(cell), ["Revenue", "1,000", "1,200"].map(cell)],
  } as TableBlock,
});
const titleOf = (items: Item[], i: number, headings: number[] = []) =>
  uncaptionedTitle(items, i, 0, (items[i] as { block: TableBlock }).block, new Set(headings));

describe("uncaptionedTitle", () => {
  it("gives side-by-side tables the title over each, whatever the reading order", () => {
    const items: Item[] = [
      line("Profit & Loss", 43, 139, { bold: true }),
      line("Balance Sheet", 301, 139, { bold: true }),
      table(300, 150, ["RMB bn", "FY25", "FY26E"]),
      table(42, 152, ["RMB bn", "FY25", "FY26E"]),
    ];
    expect(titleOf(items, 2)).toBe("Balance Sheet");
    expect(titleOf(items, 3)).toBe("Profit & Loss");
  });

  it("takes a bold title longer than a short label, not a sentence", () => {
    const bold = [line("Tencent: Daiwa earnings forecasts revisions by segment", 43, 80, { bold: true })];
    expect(titleOf([...bold, table(42, 92, ["CNYm", "2026E", "2027E"])], 1)).toBe(
      "Tencent: Daiwa earnings forecasts revisions by segment",
    );
    const sentence = [line("We cut our forecasts for the coming two years.", 43, 80)];
    expect(titleOf([...sentence, table(42, 92, ["", "2026E", "2027E"])], 1)).toBe("");
  });

  it("lets a section heading give way to the statement's own name in its corner, never to a unit", () => {
    const heading = line("Financial Summary", 43, 72, { bold: true, size: 14 });
    expect(titleOf([heading, table(42, 97, ["INCOME STATEMENT", "2024A", "2025A"])], 1, [0])).toBe("INCOME STATEMENT");
    expect(titleOf([heading, table(42, 97, ["RMB bn", "2024A", "2025A"])], 1, [0])).toBe("Financial Summary");
  });

  it("takes nothing from a line far above the table or beside it", () => {
    const far = [line("Key data", 43, 20, { bold: true }), table(42, 150, ["", "2026E", "2027E"])];
    expect(titleOf(far, 1)).toBe("");
    const beside = [line("Price performance", 320, 140, { bold: true }), table(42, 150, ["", "2026E", "2027E"])];
    expect(titleOf(beside, 1)).toBe("");
  });
});
