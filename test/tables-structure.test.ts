import { describe, expect, it } from "vitest";
import type { RawCell, TableBlock } from "../schemas/index.ts";
import { splitBlocks } from "../pipeline/input/text.ts";
import { structureTable, type TableStructure } from "../pipeline/stages/tables/structure.ts";

/** The first table block splitBlocks finds in the text. */
function tableIn(text: string): TableBlock {
  const block = splitBlocks(text).find((b) => b.kind === "table");
  if (!block || block.kind !== "table") throw new Error(`no table block in ${JSON.stringify(text)}`);
  return block;
}

const structure = (text: string): TableStructure => structureTable(tableIn(text), "t-1");
const paths = (s: TableStructure) => s.rows.map((r) => r.path);
const codes = (s: TableStructure) => s.problems.map((p) => p.code);
const cellAt = (s: TableStructure, row: number, col: number) => s.cells.find((c) => c.row === row && c.col === col);

describe("structureTable", () => {
  it("reads a single header row: column paths, the row label column, raw body cells and the printed grid", () => {
    const s = structure("Model\tScoreA\tScoreB\nAlpha\t86.4% 5-shot\t2.5\nBeta\t3\t—");

    expect(s.title_row).toBeNull();
    expect(s.header_rows).toBe(1);
    expect(s.columns).toEqual([
      { col: 0, path: ["Model"], role: "label" },
      { col: 1, path: ["ScoreA"], role: "data" },
      { col: 2, path: ["ScoreB"], role: "data" },
    ]);
    expect(s.rows).toEqual([
      { row: 0, path: ["Alpha"], split_from: null },
      { row: 1, path: ["Beta"], split_from: null },
    ]);
    expect(s.cells).toEqual([
      { row: 0, col: 1, raw: "86.4% 5-shot", spanned: false, box: null },
      { row: 0, col: 2, raw: "2.5", spanned: false, box: null },
      { row: 1, col: 1, raw: "3", spanned: false, box: null },
      { row: 1, col: 2, raw: "—", spanned: false, box: null },
    ]);
    expect(s.grid).toEqual([
      ["Model", "ScoreA", "ScoreB"],
      ["Alpha", "86.4% 5-shot", "2.5"],
      ["Beta", "3", "—"],
    ]);
    expect(s.problems).toEqual([]);
  });

  it("builds two-level column paths from a TSV parent written once with blanks to its right", () => {
    const s = structure("\tFamilyA\t\tFamilyB\t\n\tx1\tx2\ty1\ty2\nrow\t1\t2\t3\t4");

    expect(s.header_rows).toBe(2);
    expect(s.columns.map((c) => c.path).slice(1)).toEqual([
      ["FamilyA", "x1"],
      ["FamilyA", "x2"],
      ["FamilyB", "y1"],
      ["FamilyB", "y2"],
    ]);
    expect(s.columns.map((c) => c.role)).toEqual(["label", "data", "data", "data", "data"]);
    expect(paths(s)).toEqual([["row"]]);
    expect(s.cells.map((c) => c.raw)).toEqual(["1", "2", "3", "4"]);
  });

  it("builds the same column paths from an HTML header with colspan parents and a rowspan stub", () => {
    const s = structure(
      "<table>" +
        '<tr><th rowspan="2">Name</th><th colspan="2">FamilyA</th><th colspan="2">FamilyB</th></tr>' +
        "<tr><th>x1</th><th>x2</th><th>y1</th><th>y2</th></tr>" +
        "<tr><td>row</td><td>1</td><td>2</td><td>3</td><td>4</td></tr>" +
        "</table>",
    );

    expect(s.header_rows).toBe(2);
    expect(s.columns).toEqual([
      { col: 0, path: ["Name"], role: "label" },
      { col: 1, path: ["FamilyA", "x1"], role: "data" },
      { col: 2, path: ["FamilyA", "x2"], role: "data" },
      { col: 3, path: ["FamilyB", "y1"], role: "data" },
      { col: 4, path: ["FamilyB", "y2"], role: "data" },
    ]);
    expect(paths(s)).toEqual([["row"]]);
    expect(s.cells.map((c) => [c.col, c.raw])).toEqual([
      [1, "1"],
      [2, "2"],
      [3, "3"],
      [4, "4"],
    ]);
  });

  it("repeats a row-spanning group label in column 0 over the inner label column", () => {
    const s = structure("Group\tItem\tV\nA\ta1\t1\n\ta2\t2\nB\tb1\t3\n\tb2\t4");

    expect(s.header_rows).toBe(1);
    expect(s.columns.map((c) => c.role)).toEqual(["label", "label", "data"]);
    expect(paths(s)).toEqual([
      ["A", "a1"],
      ["A", "a2"],
      ["B", "b1"],
      ["B", "b2"],
    ]);
    expect(s.cells.map((c) => [c.row, c.col, c.raw])).toEqual([
      [0, 2, "1"],
      [1, 2, "2"],
      [2, 2, "3"],
      [3, 2, "4"],
    ]);
  });

  it("keys rows by the group column and the first fully filled column, leaving a partly blank text column as data", () => {
    const s = structure(
      "Family\tNotes\tSize\tValue\n" +
        "Alpha\tdense model\t7B\t1.1\n" +
        "\t\t13B\t1.2\n" +
        "Beta\tsparse model\t7B\t2.1\n" +
        "\t\t13B\t2.2",
    );

    expect(s.columns.map((c) => [c.path, c.role])).toEqual([
      [["Family"], "label"],
      [["Notes"], "data"],
      [["Size"], "label"],
      [["Value"], "data"],
    ]);
    expect(paths(s)).toEqual([
      ["Alpha", "7B"],
      ["Alpha", "13B"],
      ["Beta", "7B"],
      ["Beta", "13B"],
    ]);
    expect(cellAt(s, 0, 1)?.raw).toBe("dense model");
    expect(cellAt(s, 3, 3)?.raw).toBe("2.2");
  });

  it("takes a row with only its first cell filled as a group label for the rows below, not as a body row", () => {
    const s = structure(
      "Key\tDescription\n" +
        "Section A\t\n" +
        "k1\tlong text value\n" +
        "k2\tanother text value\n" +
        "Section B\t\n" +
        "k3\tthird text value",
    );

    expect(s.header_rows).toBe(1);
    expect(paths(s)).toEqual([
      ["Section A", "k1"],
      ["Section A", "k2"],
      ["Section B", "k3"],
    ]);
    expect(s.cells.map((c) => c.raw)).toEqual(["long text value", "another text value", "third text value"]);
    expect(codes(s).filter((c) => c === "table/group-row")).toHaveLength(2);
  });

  it("splits a glued row whose label has one word per value into separate rows", () => {
    const s = structure("Model\tS1\tS2\nFoo Bar\t1.0 2.0\t3.0 4.0\nBaz\t5.0\t6.0");

    expect(s.rows).toEqual([
      { row: 0, path: ["Foo"], split_from: 0 },
      { row: 1, path: ["Bar"], split_from: 0 },
      { row: 2, path: ["Baz"], split_from: null },
    ]);
    expect(s.cells.map((c) => [c.row, c.col, c.raw])).toEqual([
      [0, 1, "1.0"],
      [0, 2, "3.0"],
      [1, 1, "2.0"],
      [1, 2, "4.0"],
      [2, 1, "5.0"],
      [2, 2, "6.0"],
    ]);
    expect(codes(s)).toContain("table/glued-row");
  });

  it("does not split a normal row whose cells hold a score with a setting and a second score", () => {
    const s = structure("Model\tMMLU\tGSM8K\nModel X\t58.5% 4-shot 59.4% 7-shot\t61.2% 5-shot 63.0% 8-shot");

    expect(s.rows).toEqual([{ row: 0, path: ["Model X"], split_from: null }]);
    expect(s.cells.map((c) => c.raw)).toEqual(["58.5% 4-shot 59.4% 7-shot", "61.2% 5-shot 63.0% 8-shot"]);
    expect(codes(s)).not.toContain("table/glued-row");
  });

  it("aligns a short row to the right when its first cell is a value and column 0 holds labels", () => {
    const s = structure("Name\tQ1\tQ2\nAlpha\t1\t2\n3\t4\nBeta\t5\t6");

    expect(s.grid[2]).toEqual(["", "3", "4"]);
    expect(s.cells.filter((c) => c.row === 1).map((c) => [c.col, c.raw])).toEqual([
      [1, "3"],
      [2, "4"],
    ]);
    expect(codes(s)).toContain("table/ragged-row");
  });

  // The ragged-row message says the row label "is taken from the row above" (a row-spanning label lost by the
  // converter), but the row comes out with an empty path.
  it("gives a right-aligned short row the row label of the row above", () => {
    const s = structure("Name\tQ1\tQ2\nAlpha\t1\t2\n3\t4\nBeta\t5\t6");

    expect(paths(s)).toEqual([["Alpha"], ["Alpha"], ["Beta"]]);
  });

  it("pads a short row on the right when its first cell is a label", () => {
    const s = structure("Name\tQ1\tQ2\nAlpha\t1\t2\nBeta\t3\nGamma\t5\t6");

    expect(s.grid[2]).toEqual(["Beta", "3", ""]);
    expect(paths(s)).toEqual([["Alpha"], ["Beta"], ["Gamma"]]);
    expect(cellAt(s, 1, 1)?.raw).toBe("3");
    expect(cellAt(s, 1, 2)?.raw).toBe("");
    expect(codes(s)).toContain("table/ragged-row");
  });

  it("reads a lone first cell above a header row as the table's title row", () => {
    const s = structure(
      "<table>" +
        '<tr><th>My Title</th><th colspan="2"></th></tr>' +
        "<tr><th></th><th>2020</th><th>2021E</th></tr>" +
        "<tr><td>Revenue</td><td>10</td><td>12</td></tr>" +
        "</table>",
    );

    expect(s.title_row).toBe("My Title");
    expect(s.header_rows).toBe(1);
    expect(s.columns.map((c) => c.path)).toEqual([[], ["2020"], ["2021E"]]);
    expect(paths(s)).toEqual([["Revenue"]]);
    expect(s.cells.map((c) => c.raw)).toEqual(["10", "12"]);
  });

  it("marks the second position of a value spanning two data columns as spanned and reports it", () => {
    const s = structure(
      "<table>" +
        "<tr><th>Name</th><th>A</th><th>B</th><th>C</th></tr>" +
        '<tr><td>Alpha</td><td colspan="2">5.0</td><td>6.0</td></tr>' +
        "<tr><td>Beta</td><td>1</td><td>2</td><td>3</td></tr>" +
        "</table>",
    );

    expect(s.cells.filter((c) => c.row === 0)).toEqual([
      { row: 0, col: 1, raw: "5.0", spanned: false, box: null },
      { row: 0, col: 2, raw: "", spanned: true, box: null },
      { row: 0, col: 3, raw: "6.0", spanned: false, box: null },
    ]);
    expect(s.cells.filter((c) => c.row === 1).every((c) => !c.spanned)).toBe(true);
    expect(codes(s)).toContain("table/spanning-value");
  });

  it("finds no header when the first row is long running text", () => {
    const long = "This first row is a long sentence of body text and not a header at all";
    const s = structure(`${long}\tanother long cell of plain descriptive text written here\nshort\tx`);

    expect(s.header_rows).toBe(0);
    expect(s.columns.every((c) => c.path.length === 0)).toBe(true);
    expect(s.rows).toHaveLength(2);
    expect(s.rows[0]?.path).toEqual([long]);
  });

  it("reads a table block constructed directly, without the text reader", () => {
    const c = (text: string, header = false): RawCell => ({ text, row_span: 1, col_span: 1, header, box: null });
    const block: TableBlock = {
      kind: "table",
      format: "pdf",
      line: null,
      page: 3,
      box: null,
      rows: [
        [c("Item", true), c("Value", true)],
        [c("alpha"), c("1")],
      ],
    };
    const s = structureTable(block, "t-2");
    expect(s.header_rows).toBe(1);
    expect(paths(s)).toEqual([["alpha"]]);
    expect(s.cells).toEqual([{ row: 0, col: 1, raw: "1", spanned: false, box: null }]);
  });

  it("takes a row holding one parent header spanning two columns (empty corner) as the header over its leaves", () => {
    const c = (text: string, col_span = 1): RawCell => ({ text, row_span: 1, col_span, header: false, box: null });
    const block: TableBlock = {
      kind: "table",
      format: "pdf",
      line: null,
      page: 8,
      box: null,
      rows: [
        [c(""), c("Rank relative to", 2), c("")],
        [c("Style"), c("sector"), c("market"), c("Definition")],
        [c("VALUE"), c("30%"), c("26%"), c("Book, Yield")],
        [c("GROWTH"), c("87%"), c("85%"), c("EPS, Sales")],
      ],
    };
    const s = structureTable(block, "t-4");
    expect(s.header_rows).toBe(2);
    expect(s.columns.slice(0, 3).map((col) => col.path)).toEqual([
      ["Style"],
      ["Rank relative to", "sector"],
      ["Rank relative to", "market"],
    ]);
    expect(paths(s)).toEqual([["VALUE"], ["GROWTH"]]);
  });

  it("labels every row of a PDF grid's row-spanning group label (placed at the first row of its span), with a spanning note kept as one cell", () => {
    const c = (text: string, row_span = 1): RawCell => ({ text, row_span, col_span: 1, header: false, box: null });
    const note = "自报告日后的 6 个月内的涨跌幅";
    const block: TableBlock = {
      kind: "table",
      format: "pdf",
      line: null,
      page: 20,
      box: null,
      rows: [
        [c("类别"), c("说明"), c("评级"), c("体系")],
        [c("股票投资评级", 3), c(note, 3), c("买入"), c("20%以上")],
        [c("持有"), c("-10%-10%")],
        [c("卖出"), c("-10%以下")],
        [c("行业投资评级", 2), c(note, 2), c("强于大市"), c("5%以上")],
        [c("弱于大市"), c("-5%以下")],
      ],
    };
    const s = structureTable(block, "t-3");
    expect(s.header_rows).toBe(1);
    expect(s.columns.map((col) => col.role)).toEqual(["label", "data", "label", "data"]);
    expect(paths(s)).toEqual([
      ["股票投资评级", "买入"],
      ["股票投资评级", "持有"],
      ["股票投资评级", "卖出"],
      ["行业投资评级", "强于大市"],
      ["行业投资评级", "弱于大市"],
    ]);
    expect(s.cells.filter((x) => x.col === 1).map((x) => x.raw)).toEqual([note, "", "", note, ""]);
    expect(s.cells.filter((x) => x.col === 3).map((x) => x.raw)).toEqual([
      "20%以上",
      "-10%-10%",
      "-10%以下",
      "5%以上",
      "-5%以下",
    ]);
  });
});

describe("rows indented under another", () => {
  /** A PDF table block: a header row, then one row per [label, text indent, value], each 13 points high. */
  function pdfBlock(rows: [string, number, string][]): TableBlock {
    const cell = (text: string, x0: number, x1: number, y: number, textX0: number, header = false): RawCell => ({
      text,
      row_span: 1,
      col_span: 1,
      header,
      box: { page: 1, x0, y0: y, x1, y1: y + 13 },
      text_x0: textX0,
    });
    const header = [cell("(RMB bn)", 40, 130, 100, 42, true), cell("1Q24", 130, 170, 100, 150, true)];
    const body = rows.map(([label, indent, value], i) => [
      cell(label, 40, 130, 113 + 13 * i, 42 + indent),
      cell(value, 130, 170, 113 + 13 * i, 150),
    ]);
    return { kind: "table", format: "pdf", line: null, page: 1, box: null, rows: [header, ...body] } as TableBlock;
  }

  it("names a repeated label indented under a row by that row: no two rows alike", () => {
    const s = structureTable(
      pdfBlock([
        ["Games revenue", 0, "48.1"],
        ["YoY%", 6, "-0.5%"],
        ["QoQ%", 6, "17.6%"],
        ["Ads revenue", 0, "26.5"],
        ["YoY%", 6, "26.4%"],
        ["QoQ%", 6, "-11.0%"],
      ]),
      "t-1",
    );
    expect(paths(s)).toEqual([
      ["Games revenue"],
      ["Games revenue", "YoY%"],
      ["Games revenue", "QoQ%"],
      ["Ads revenue"],
      ["Ads revenue", "YoY%"],
      ["Ads revenue", "QoQ%"],
    ]);
    expect(codes(s)).toContain("table/row-parent");
  });

  it("names a breakdown by the line it adds up to, past that line's growth or margin row of percentages", () => {
    const s = structureTable(
      pdfBlock([
        ["Total revenue", 0, "751,766"],
        ["Growth %", 0, "14%"],
        ["VAS", 7, "369,281"],
        ["Online advertising", 7, "144,973"],
        ["Gross profit", 0, "422,593"],
        ["Gross margin, %", 0, "56%"],
        ["VAS", 7, "222,296"],
        ["Online advertising", 7, "83,389"],
      ]),
      "t-1",
    );
    expect(paths(s).filter((p) => p.length > 1)).toEqual([
      ["Total revenue", "VAS"],
      ["Total revenue", "Online advertising"],
      ["Gross profit", "VAS"],
      ["Gross profit", "Online advertising"],
    ]);
  });

  it("measures the indent by one line's height where rows in a shaded band share the band's box", () => {
    const block = pdfBlock([
      ["Revenue", 0, "48.1"],
      ["YoY%", 6, "-0.5%"],
      ["QoQ%", 6, "17.6%"],
      ["Profit", 0, "26.5"],
      ["YoY%", 6, "26.4%"],
      ["QoQ%", 6, "-11.0%"],
    ]);
    // the last three rows' cells span their band (as a shaded band's cells do): 39 points high each
    for (const row of block.rows.slice(4)) for (const c of row) c.box = { ...c.box!, y0: 152, y1: 191 };
    expect(paths(structureTable(block, "t-1")).slice(3)).toEqual([["Profit"], ["Profit", "YoY%"], ["Profit", "QoQ%"]]);
  });

  it("leaves repeated labels printed at one indent (blocks of siblings) and unique indented labels alone", () => {
    const s = structureTable(
      pdfBlock([
        ["Buy", 0, "55%"],
        ["IB clients", 0, "48%"],
        ["Hold", 0, "30%"],
        ["IB clients", 0, "40%"],
        ["Payout ratio", 6, "20%"],
      ]),
      "t-1",
    );
    expect(paths(s)).toEqual([["Buy"], ["IB clients"], ["Hold"], ["IB clients"], ["Payout ratio"]]);
  });
});
