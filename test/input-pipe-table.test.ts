import { describe, expect, it } from "vitest";
import { isPipeDelimiter, parsePipeTable, splitPipeRow } from "../pipeline/input/pipe-table.ts";

describe("isPipeDelimiter", () => {
  it.each(["|---|:---:|", "--- | ---", "| :-- | --: |", "|-|", "  |---|---|  "])("accepts %j", (line) => {
    expect(isPipeDelimiter(line)).toBe(true);
  });
  it.each(["---", "| a | --- |", "| | |", "|:|", "", "| - - |", "|===|"])("rejects %j", (line) => {
    expect(isPipeDelimiter(line)).toBe(false);
  });
});

describe("splitPipeRow", () => {
  it("handles leading/trailing pipes and trims", () => {
    expect(splitPipeRow("| a | b |")).toEqual(["a", "b"]);
    expect(splitPipeRow("a | b")).toEqual(["a", "b"]);
    expect(splitPipeRow("| a |  |")).toEqual(["a", ""]);
    expect(splitPipeRow("|a||b|")).toEqual(["a", "", "b"]);
  });
  it("honours escaped pipes and leaves other backslashes", () => {
    expect(splitPipeRow("| a \\| b | 83.8\\% |")).toEqual(["a | b", "83.8\\%"]);
    expect(splitPipeRow("| x \\|")).toEqual(["x |"]);
  });
  it("returns no cells for empty input", () => {
    expect(splitPipeRow("   ")).toEqual([]);
    expect(splitPipeRow("|")).toEqual([]);
  });
});

describe("parsePipeTable", () => {
  it("marks header cells and drops the delimiter row", () => {
    const rows = parsePipeTable([
      "| 项目 | 2021A | 2022E |",
      "|:---|---:|---:|",
      "| 营业收入 | 10.5 | 12<br>(亿元) |",
      "| 净利润 | 2 |",
    ]);
    expect(rows).toEqual([
      [
        { text: "项目", row_span: 1, col_span: 1, header: true, box: null },
        { text: "2021A", row_span: 1, col_span: 1, header: true, box: null },
        { text: "2022E", row_span: 1, col_span: 1, header: true, box: null },
      ],
      [
        { text: "营业收入", row_span: 1, col_span: 1, header: false, box: null },
        { text: "10.5", row_span: 1, col_span: 1, header: false, box: null },
        { text: "12 (亿元)", row_span: 1, col_span: 1, header: false, box: null },
      ],
      // ragged rows are kept as written; a later stage reports them
      [
        { text: "净利润", row_span: 1, col_span: 1, header: false, box: null },
        { text: "2", row_span: 1, col_span: 1, header: false, box: null },
      ],
    ]);
  });
  it("treats all rows as body when there is no delimiter", () => {
    const rows = parsePipeTable(["a | b", "c | d"]);
    expect(rows.flat().some((x) => x.header)).toBe(false);
    expect(rows.map((r) => r.map((x) => x.text))).toEqual([
      ["a", "b"],
      ["c", "d"],
    ]);
  });
});
