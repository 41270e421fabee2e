// Structure rules of issue 14 on hand-built grids: estimates over their t-statistics, rows named by small whole
// numbers, numeric leaves under parent headers, an inner label column a broken row left empty.
import { describe, expect, it } from "vitest";
import type { RawCell, TableBlock } from "../schemas/index.ts";
import { joinStatisticRows } from "../pipeline/stages/tables/grid.ts";
import { structureTable } from "../pipeline/stages/tables/structure.ts";

const cell = (text: string, row_span = 1, col_span = 1): RawCell => ({
  text,
  row_span,
  col_span,
  header: false,
  box: null,
});
const plain = (rows: string[][]) => rows.map((r) => r.map((t) => cell(t)));
const block = (rows: RawCell[][]): TableBlock => ({
  kind: "table",
  format: "pdf",
  rows,
  line: null,
  page: 1,
  box: null,
});
const texts = (rows: RawCell[][]) => rows.map((r) => r.map((c) => c.text));

describe("joinStatisticRows", () => {
  it("joins an unlabelled row of bracketed numbers to the labelled row of estimates above it", () => {
    const rows = plain([
      ["Window", "A", "B", "C"],
      ["1", "0.88", "-0.59", "1.47"],
      ["", "(3.95)", "-1.50", "(4.32)"],
      ["2", "0.90", "-0.55", "1.45"],
      ["", "(4.64)", "(-2.99)", "(4.72)"],
    ]);
    expect(texts(joinStatisticRows(rows))).toEqual([
      ["Window", "A", "B", "C"],
      ["1", "0.88 (3.95)", "-0.59 -1.50", "1.47 (4.32)"],
      ["2", "0.90 (4.64)", "-0.55 (-2.99)", "1.45 (4.72)"],
    ]);
  });

  it("leaves negatives in brackets of a statement alone (their rows have labels; a row above of brackets)", () => {
    const rows = plain([
      ["Item", "2024", "2025"],
      ["COGS", "(311)", "(329)"],
      ["", "(12)", "(13)"],
      ["Revenue", "660", "751"],
      ["Gross", "349", "422"],
    ]);
    expect(joinStatisticRows(rows)).toEqual(rows);
  });
});

describe("structureTable", () => {
  it("rows named by small whole numbers (window lengths) are labelled by them", () => {
    const s = structureTable(
      block(
        plain([
          ["Window", "A_long", "A_short"],
          ["1", "0.88 (3.95)", "-0.59 (-2.79)"],
          ["2", "0.90 (4.64)", "-0.55 (-2.99)"],
        ]),
      ),
      "t-1",
    );
    expect(s.rows.map((r) => r.path)).toEqual([["1"], ["2"]]);
    expect(s.columns.map((c) => c.role)).toEqual(["label", "data", "data"]);
  });

  it("numeric leaves under parents spanning columns are a header row, the stub headers spanning down to them", () => {
    const rows: RawCell[][] = [
      [cell("Group", 2), cell("Period", 2), cell("Return", 1, 2), cell("Hit rate", 1, 2)],
      [cell("3"), cell("5"), cell("3"), cell("5")],
      ...plain([
        ["Autos", "2010-2016", "1.9%", "2.4%", "77%", "72%"],
        ["", "2017-2021", "-0.2%", "-0.1%", "46%", "40%"],
      ]),
    ];
    const s = structureTable(block(rows), "t-1");
    expect(s.header_rows).toBe(2);
    expect(s.columns.map((c) => c.path)).toEqual([
      ["Group"],
      ["Period"],
      ["Return", "3"],
      ["Return", "5"],
      ["Hit rate", "3"],
      ["Hit rate", "5"],
    ]);
  });

  it("an inner label column empty on a row broken by a page break is still the label column", () => {
    const body = [
      ["Autos", "2010-2016", "18", "1.9%"],
      ["", "2017-2021", "15", "-0.2%"],
      ["", "2010-2021", "33", "0.9%"],
      ["Banks", "2010-2016", "17", "0.8%"],
      ["", "2017-2021", "26", "0.1%"],
      ["", "2010-2021", "43", "0.4%"],
      ["Media", "2010-2016", "12", "0.3%"],
      ["", "2017-2021", "19", "0.5%"],
      ["", "2010-2021", "31", "0.4%"],
      ["", "", "", "(1.1)"],
    ];
    const s = structureTable(block(plain([["Group", "Period", "Count", "Return"], ...body])), "t-1");
    expect(s.columns.map((c) => c.role)).toEqual(["label", "label", "data", "data"]);
  });
});
