import { describe, expect, it } from "vitest";
import type { RawCell } from "../schemas/layout.ts";
import { expandSpans, findHtmlTables, parseHtmlTable } from "../pipeline/input/html-table.ts";

const c = (text: string, extra: Partial<RawCell> = {}): RawCell => ({
  text,
  row_span: 1,
  col_span: 1,
  header: false,
  box: null,
  ...extra,
});
const texts = (rows: RawCell[][]) => rows.map((r) => r.map((x) => x.text));

describe("parseHtmlTable", () => {
  it("parses the MinerU shape, keeping LaTeX escapes as text", () => {
    const html =
      "<table><tr><th>主要财务数据及预测</th><th colspan='5'></th></tr><tr><td></td><td>2020</td><td>2021</td></tr>" +
      "<tr><td>( +/-YOY(\\%)</td><td colspan='2'>83.8\\%</td><td>193.4\\%</td></tr></table>";
    expect(parseHtmlTable(html)).toEqual([
      [c("主要财务数据及预测", { header: true }), c("", { header: true, col_span: 5 })],
      [c(""), c("2020"), c("2021")],
      [c("( +/-YOY(\\%)"), c("83.8\\%", { col_span: 2 }), c("193.4\\%")],
    ]);
  });

  it("reads rowspan/colspan with any quoting and attribute case", () => {
    const rows = parseHtmlTable(
      `<TABLE><TR><TD ROWSPAN="2">a</TD><td colspan=3 class=x>b</td><td RowSpan = '4'>c</td></tr></table>`,
    );
    expect(rows[0]!.map((x) => [x.row_span, x.col_span])).toEqual([
      [2, 1],
      [1, 3],
      [4, 1],
    ]);
  });

  it("treats invalid spans as 1", () => {
    const rows = parseHtmlTable(`<table><tr><td colspan="0">a</td><td rowspan="x">b</td></tr></table>`);
    expect(rows[0]!.map((x) => [x.row_span, x.col_span])).toEqual([
      [1, 1],
      [1, 1],
    ]);
  });

  it("decodes entities, strips tags, turns <br> into a space and collapses whitespace", () => {
    const rows = parseHtmlTable(
      "<table><tr><td> A&amp;B &lt;x&gt; &quot;q&quot; &#39;s&#39;&nbsp;&#x4E2D;&#25991; </td>" +
        "<td><b>营业<i>收入</i></b><br/>（亿元）\n  合计</td><td>&lt;td&gt; &unknown;</td></tr></table>",
    );
    expect(texts(rows)).toEqual([[`A&B <x> "q" 's' 中文`, "营业收入 （亿元） 合计", "<td> &unknown;"]]);
  });

  it("tolerates missing </td> and </tr>, thead/tbody", () => {
    const html =
      "<table><thead><tr><th>项目<th>2021A</thead><tbody><tr><td>收入<td>10<tr><td>利润<td>2</tbody></table>";
    const rows = parseHtmlTable(html);
    expect(texts(rows)).toEqual([
      ["项目", "2021A"],
      ["收入", "10"],
      ["利润", "2"],
    ]);
    expect(rows[0]!.every((x) => x.header)).toBe(true);
    expect(rows[1]!.some((x) => x.header)).toBe(false);
  });

  it("keeps the text of a table with no closing tags at all", () => {
    expect(texts(parseHtmlTable("<table><tr><td>a<td>b"))).toEqual([["a", "b"]]);
  });

  it("ignores comments and text outside cells", () => {
    expect(
      texts(parseHtmlTable("<table><caption>x</caption><!-- <td>no</td> --><tr><td>a</td></tr>junk</table>")),
    ).toEqual([["a"]]);
  });

  it("folds a nested table into the outer cell's text", () => {
    const rows = parseHtmlTable(
      "<table><tr><td>a<table><tr><td>x</td><td>y</td></tr></table>b</td><td>c</td></tr></table>",
    );
    expect(texts(rows)).toEqual([["a x y b", "c"]]);
  });
});

describe("findHtmlTables", () => {
  it("finds tables case-insensitively across lines, with nesting", () => {
    const text =
      "intro\n<table><tr><td>1</td></tr></table>\nmid <TABLE border=1>\n<tr><td><table></table></td></tr>\n</Table> end";
    const found = findHtmlTables(text);
    expect(found.map(({ start, end }) => text.slice(start, end))).toEqual([
      "<table><tr><td>1</td></tr></table>",
      "<TABLE border=1>\n<tr><td><table></table></td></tr>\n</Table>",
    ]);
  });

  it("ends an unclosed table at the next blank line", () => {
    const text = "<table><tr><td>1\n<tr><td>2\n\nnext paragraph";
    expect(findHtmlTables(text)).toEqual([{ start: 0, end: text.indexOf("\n\n") }]);
  });

  it("does not match <tables> or similar words", () => {
    expect(findHtmlTables("<tablex> </tablex>")).toEqual([]);
  });
});

describe("expandSpans", () => {
  it("places spanned text at the top-left and records origins", () => {
    const rows = [[c("a", { row_span: 2 }), c("b", { col_span: 2 })], [c("c"), c("")], [c("d")]];
    const { grid, origin } = expandSpans(rows);
    expect(grid).toEqual([
      ["a", "b", ""],
      ["", "c", ""],
      ["d", "", ""],
    ]);
    expect(origin).toEqual([
      [
        [0, 0],
        [0, 1],
        [0, 1],
      ],
      [
        [0, 0],
        [1, 1],
        [1, 2],
      ],
      [
        [2, 0],
        [2, 1],
        [2, 2],
      ], // short row: padded positions are their own origin
    ]);
  });

  it("clips row spans at the last row and handles the MinerU header", () => {
    const rows = [[c("h", { header: true }), c("", { col_span: 5, row_span: 9 })], [c("x")]];
    const { grid, origin } = expandSpans(rows);
    expect(grid).toEqual([
      ["h", "", "", "", "", ""],
      ["x", "", "", "", "", ""],
    ]);
    expect(origin[1]![3]).toEqual([0, 1]);
  });

  it("returns an empty grid for no rows", () => {
    expect(expandSpans([])).toEqual({ grid: [], origin: [] });
  });
});
