import { describe, expect, it } from "vitest";
import { readContents } from "../pipeline/stages/layout/contents.ts";
import { headingText, isDateOrPageLine } from "../pipeline/stages/layout/headings.ts";
import type { Block, TextLine } from "../schemas/index.ts";

// Hand-built PDF lines: text, page, left, top, right, size (boxes in points, y down).
type L = [string, number, number, number, number, number];
const line = ([text, page, x0, y0, x1, size]: L): TextLine => ({
  text,
  line: null,
  page,
  box: { page, x0, y0, x1, y1: y0 + size },
  heading_level: null,
  size,
});
const blocks = (...lines: L[]): Block[] => [{ kind: "text", lines: lines.map(line) }];
const para = "A paragraph of body text that runs across the whole column and wraps onto the next line.";
/** A page of body text (enough characters for its own body size) and the lines under test. */
const filler = (page: number, y: number): L[] =>
  Array.from({ length: 6 }, (_, k): L => [para, page, 40, y + 12 * k, 560, 10]);
const sections = (...lines: L[]) => readContents(blocks(...lines)).value.sections.map((s) => s.title);

describe("headings of a PDF without contents, from type and geometry", () => {
  it("takes a short line in larger type, and a body-size line standing alone over a paragraph", () => {
    expect(
      sections(
        ...filler(1, 40),
        ["Investment risks", 1, 40, 130, 140, 12],
        [para, 1, 40, 146, 560, 10],
        ["Strategic positioning", 1, 40, 180, 150, 10],
        [para, 1, 40, 194, 560, 10],
      ),
    ).toEqual(["Investment risks", "Strategic positioning"]);
  });

  it("takes a heading over a bullet list and strips its bar marker", () => {
    expect(
      sections(
        ...filler(1, 40),
        ["▌Chips / compute", 1, 40, 130, 130, 10],
        ["• Supply improves.", 1, 58, 144, 300, 10],
      ),
    ).toEqual(["Chips / compute"]);
  });

  it("leaves out wrapped paragraph lines, dates, table rows, header rows, list items and small print", () => {
    expect(
      sections(
        ...filler(1, 40),
        ["Tencent is a leading provider of premium", 1, 40, 130, 555, 10], // runs to the column's edge
        [para, 1, 40, 143, 560, 10],
        ["19 March 2026", 1, 40, 170, 110, 10],
        [para, 1, 40, 184, 560, 10],
        ["Revenue 660,257 751,766 831,126", 1, 40, 210, 300, 10],
        [para, 1, 40, 224, 560, 10],
        ["New estimates", 1, 40, 250, 110, 10], // beside another column title
        ["Old estimates", 1, 300, 250, 370, 10],
        [para, 1, 40, 264, 560, 10],
        ["• Reaffirming our Buy call", 1, 40, 290, 200, 10],
        [para, 1, 40, 304, 560, 10],
        ["Side note in small type", 1, 40, 330, 150, 8],
        [para, 1, 40, 344, 560, 10],
        ["Glued to the line above", 1, 40, 357, 160, 10],
        [para, 1, 40, 369, 560, 10],
      ),
    ).toEqual([]);
  });

  it("leaves out a line repeated on three pages (a running header)", () => {
    const header = (page: number): L[] => [
      ["Games, ads and cloud", page, 40, 20, 200, 12],
      [para, page, 40, 36, 560, 10],
      ...filler(page, 60),
    ];
    expect(sections(...header(1), ...header(2), ...header(3))).toEqual([]);
  });

  it("takes no headings after a disclaimer heading joined to another word", () => {
    expect(
      sections(
        ...filler(1, 40),
        ["Important Disclosures and Disclaimer", 1, 40, 130, 300, 12],
        [para, 1, 40, 146, 560, 10],
        ["Ownership of Securities", 1, 40, 180, 200, 10],
        [para, 1, 40, 194, 560, 10],
      ),
    ).toEqual([]);
  });
});

describe("heading words", () => {
  it("reads dates, time stamps and page counts as such", () => {
    expect(isDateOrPageLine("18, Mar 2026 18:21:03 ET │ 22 pages")).toBe(true);
    expect(isDateOrPageLine("Model updated: 14 November 2025")).toBe(true);
    expect(isDateOrPageLine("1Q26 outlook: Prioritizing AI investment")).toBe(false);
  });
  it("takes short title-like lines only", () => {
    expect(headingText("Retain O-PF with an unchanged target price of HK$740")).toBe(
      "Retain O-PF with an unchanged target price of HK$740",
    );
    expect(headingText("n Games, ad and cloud propel growth")).toBe("Games, ad and cloud propel growth");
    expect(headingText("Source: Company, CLSA")).toBeNull();
    expect(headingText("Note: data as of market close")).toBeNull();
    expect(headingText("positively influenced investor sentiment.")).toBeNull();
    expect(headingText("Figure 3")).toBeNull();
  });
});

describe("captions printed alone over their title", () => {
  it("takes the title from the line under the label, side by side captions each from their own column", () => {
    const c = readContents(
      blocks(
        ["Figure 7", 1, 36, 98, 60, 6.5],
        ["Figure 8", 1, 304, 98, 329, 6.5],
        ["Fight of The Golden Spatula (China)", 1, 36, 108, 165, 7.9],
        ["Delta Force (China)", 1, 304, 108, 374, 7.9],
        ["Source: Sensor Tower, CLSA", 1, 36, 278, 126, 7],
        ["Source: Company", 1, 304, 278, 394, 7],
      ),
    ).value;
    expect(c.figures.map((f) => [f.label, f.title, f.source])).toEqual([
      ["Figure 7", "Fight of The Golden Spatula (China)", "Sensor Tower, CLSA"],
      ["Figure 8", "Delta Force (China)", "Company"],
    ]);
  });

  it("takes the single-cell first row of the table under the label for its title", () => {
    const table: Block = {
      kind: "table",
      format: "pdf",
      line: null,
      page: 1,
      box: { page: 1, x0: 183, y0: 107, x1: 400, y1: 232 },
      rows: [
        [
          { text: "WACC (no changes)", row_span: 1, col_span: 1, header: false, box: null },
          { text: "", row_span: 1, col_span: 1, header: false, box: null },
        ],
        [
          { text: "Cost of equity", row_span: 1, col_span: 1, header: false, box: null },
          { text: "10%", row_span: 1, col_span: 1, header: false, box: null },
        ],
      ],
    };
    const c = readContents([
      { kind: "text", lines: [line(["Figure 27", 1, 184, 98, 213, 6.5])] },
      table,
      { kind: "text", lines: [line(["Source: CLSA", 1, 184, 235, 228, 7])] },
    ]).value;
    expect(c.figures.map((f) => [f.label, f.title, f.source, f.content])).toEqual([
      ["Figure 27", "WACC (no changes)", "CLSA", "table"],
    ]);
  });
});

describe("headings of Chinese pages, measured in character widths", () => {
  const han = "金融新闻数据".repeat(7); // 42 Han characters: a full line of a Chinese paragraph
  it("takes a heading over a paragraph line of Han characters, each printed two wide", () => {
    expect(sections(...filler(1, 40), ["新闻舆情因子构建", 1, 40, 130, 120, 12], [han, 1, 40, 146, 560, 10])).toEqual([
      "新闻舆情因子构建",
    ]);
  });

  it("takes a two-character heading", () => {
    expect(sections(...filler(1, 40), ["总结", 1, 40, 130, 64, 12], [han, 1, 40, 146, 560, 10])).toEqual(["总结"]);
  });

  it("takes a sub-heading set close under a larger section title", () => {
    expect(
      sections(
        ...filler(1, 40),
        ["基于新闻数据的选股因子", 1, 40, 130, 200, 14],
        ["新闻数据说明", 1, 40, 147, 130, 12],
        [han, 1, 40, 163, 560, 10],
      ),
    ).toEqual(["基于新闻数据的选股因子", "新闻数据说明"]);
  });

  it("leaves out a numbered list item whose first line runs on into the next", () => {
    expect(
      sections(
        ...filler(1, 40),
        ["1. 预训练：通过多种预训练任务从海量文本数据中学习字符级", 1, 40, 130, 560, 10],
        ["和语句级的特征。", 1, 40, 144, 140, 10],
        ["2. 风险提示", 1, 40, 170, 100, 10],
        [han, 1, 40, 184, 560, 10],
      ),
    ).toEqual(["风险提示"]);
  });

  it("reads a contents entry whose number is set on a line of its own", () => {
    const c = readContents(
      blocks(
        ["目录", 1, 40, 40, 80, 12],
        ["1 引言..........................3", 1, 40, 60, 560, 10],
        ["2.15", 1, 40, 74, 60, 10],
        ["剥离风格因子后的表现..............21", 1, 70, 74, 560, 10],
        ["3 风险提示......................24", 1, 40, 88, 560, 10],
        ...filler(2, 40),
      ),
    ).value;
    expect(c.sections.map((s) => [s.number, s.title])).toEqual([
      ["1", "引言"],
      ["2.15", "剥离风格因子后的表现"],
      ["3", "风险提示"],
    ]);
  });
});

describe("source lines under tables set side by side", () => {
  const cell = (text: string) => ({ text, row_span: 1, col_span: 1, header: false, box: null });
  const table = (x0: number, x1: number, y1: number, title: string): Block => ({
    kind: "table",
    format: "pdf",
    line: null,
    page: 2,
    box: { page: 2, x0, y0: 50, x1, y1 },
    rows: [
      [cell(title), cell("")],
      [cell("总股本"), cell("227.92")],
    ],
  });
  it("gives each table the source line printed under it, not the last table read", () => {
    const c = readContents([
      table(22, 190, 158, "股票数据"),
      table(194, 571, 176, "主要财务数据及预测"),
      { kind: "text", lines: [line(["资料来源：公司公告", 2, 23, 160, 90, 7.5])] },
      { kind: "text", lines: [line(["资料来源：德邦研究所", 2, 196, 178, 340, 7.5])] },
    ]).value;
    expect(c.tables.map((t) => t.source)).toEqual(["公司公告", "德邦研究所"]);
  });
});
