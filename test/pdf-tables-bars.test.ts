// Table rules of issue 14, round 2, on small constructed pages (PDF points, origin top-left, y down): title bars
// between boxes, a rule under a header as the only rule, rules over totals under the values alone, tight columns
// of long values, group titles among the rows of a ruled band, a parent header across split rules; key–value boxes
// named; a dash standing apart at a line's end.
import { describe, expect, it } from "vitest";
import type { PdfPage, PdfPath, PdfRect, PdfRun, RawCell, TableBlock } from "../schemas/index.ts";
import { findTables, type PdfTable } from "../pipeline/stages/tables/pdf-tables.ts";
import { joinLines } from "../pipeline/stages/tables/pdf-text.ts";
import { structureTable } from "../pipeline/stages/tables/structure.ts";

const SIZE = 8;
const run = (text: string, x0: number, top: number, size = SIZE): PdfRun => ({
  text,
  x0,
  y0: top,
  x1: x0 + 0.5 * size * text.length,
  y1: top + size,
  size,
  font: "F1",
});
/** Right-aligned at x. */
const right = (text: string, x: number, top: number): PdfRun => run(text, x - 0.5 * SIZE * text.length, top);
const hrule = (x0: number, x1: number, y: number): PdfRect => ({ x0, y0: y, x1, y1: y + 0.5, op: "fill" });
const box = (x0: number, x1: number, y0: number, y1: number): PdfRect => ({ x0, y0, x1, y1, op: "fill" });
function page(runs: PdfRun[], painted: [PdfRect, string][]): PdfPage {
  const rects = painted.map(([r]) => r);
  const paths: PdfPath[] = painted.map(([r, fill]) => ({ ...r, fill, stroke: null, subpaths: [] }));
  return { page: 1, width: 595, height: 842, runs, rects, images: [], paths };
}
const black = (rs: PdfRect[]): [PdfRect, string][] => rs.map((r) => [r, "#000000"]);
const texts = (t: PdfTable) => t.rows.map((r) => r.map((c) => c.text));

describe("title bars", () => {
  // Two boxes of one column of the page, each under a grey bar holding its title in a larger type.
  const grey = (y: number): [PdfRect, string] => [box(40, 300, y, y + 10), "#dddddd"];
  const title = (text: string, y: number) => run(text, 42, y + 0.5, 9);
  const kv = [
    ["Shares O/S (mn)", "9,525"],
    ["Market cap ($ mn)", "669,157"],
    ["Free float (%)", "67.3%"],
  ];
  const kvRuns = kv.flatMap(([k, v], i) => [run(k!, 42, 115 + i * 9), right(v!, 298, 115 + i * 9)]);
  const metrics = [
    ["Revenue", "751,766", "854,708"],
    ["Adj. EBIT", "280,656", "306,774"],
    ["Net margin", "34.5%", "32.9%"],
  ];
  const metricRuns = [
    run("Rmb in millions", 42, 168),
    right("FY25A", 230, 168),
    right("FY26E", 298, 168),
    ...metrics.flatMap(([k, a, b], i) => [
      run(k!, 42, 177 + i * 9),
      right(a!, 230, 177 + i * 9),
      right(b!, 298, 177 + i * 9),
    ]),
  ];
  const tables = findTables(
    page(
      [title("Company Data", 100), ...kvRuns, title("Key Metrics", 153), ...metricRuns],
      [grey(100), grey(153), ...black([hrule(40, 300, 145)])],
    ),
  );

  it("a bar ends the box above and heads the one below: two tables, not one", () => {
    expect(tables.map(texts)).toEqual([
      [["Company Data", ""], ...kv],
      [["Key Metrics", "", ""], ["Rmb in millions", "FY25A", "FY26E"], ...metrics],
    ]);
  });

  it("the bar's text is the table's title row, marked as a header cell", () => {
    const [box1, box2] = tables;
    expect(box1!.rows[0]![0]!.header).toBe(true);
    expect(box2!.rows[0]![0]!.header).toBe(true);
    const s = structureTable(block(box1!.rows), "t-1");
    expect(s.title_row).toBe("Company Data");
    expect(s.rows.map((r) => r.path)).toEqual(kv.map(([k]) => [k]));
  });

  it("a shaded row in the body's own type size is no title bar", () => {
    const shaded = findTables(
      page(
        [run("Company Data", 42, 100.5), ...kvRuns, run("Key Metrics", 42, 153.5), ...metricRuns],
        [grey(100), grey(153), ...black([hrule(40, 300, 145)])],
      ),
    );
    expect(shaded).toHaveLength(1);
    expect(shaded[0]!.rows[0]![0]!.header).toBe(false);
  });
});

const block = (rows: RawCell[][]): TableBlock => ({
  kind: "table",
  format: "pdf",
  rows,
  line: null,
  page: 1,
  box: null,
});

describe("rules that leave rows apart", () => {
  const X = [160, 230, 300];
  const row = (label: string, values: string[], y: number) => [
    run(label, 42, y),
    ...values.map((v, k) => right(v, X[k]!, y)),
  ];

  it("a rule under the header is the only rule: the body below it, blank rows and all, is the table", () => {
    const runs = [
      run("Cash Flow", 42, 90),
      right("FY24A", 160, 90),
      right("FY25A", 230, 90),
      right("FY26E", 300, 90),
      ...row("Operating", ["258,521", "303,052", "291,068"], 101),
      ...row("Investing", ["(122,187)", "(205,732)", "(257,213)"], 110),
      ...row("Financing", ["(176,494)", "(87,155)", "(9,996)"], 128),
      ...row("Net change", ["(39,801)", "8,522", "38,990"], 137),
    ];
    const [t] = findTables(page(runs, black([hrule(40, 302, 99.5)])));
    expect(texts(t!).map((r) => r[0])).toEqual(["Cash Flow", "Operating", "Investing", "Financing", "Net change"]);
    expect(texts(t!)[3]).toEqual(["Financing", "(176,494)", "(87,155)", "(9,996)"]);
  });

  it("a rule under a page's heading over two columns of prose and a sidebar is no table: its body holds no figures", () => {
    const prose = [
      "股票价格的动量顾名思义代表的是股价",
      "在一定时间内延续前期走势的现象不过",
      "与海外长期的研究和经验相悖的是在",
      "市场我们发现股价的反转效应要远强",
    ];
    const side = ["分析师", "张三 执业证书编号", "相关研究", "《因子正交与择时》"];
    const runs = [
      run("金融工程", 42, 90),
      run("深度报告", 250, 90),
      ...prose.flatMap((p, i) => [run(p, 42, 101 + 11 * i), run(side[i]!, 250, 101 + 11 * i)]),
    ];
    expect(findTables(page(runs, black([hrule(40, 330, 99.5)])))).toEqual([]);
  });

  it("rules over the totals, drawn under the values alone, separate no labels: each row keeps its own", () => {
    const rules = [
      hrule(40, 302, 88),
      hrule(40, 302, 99),
      hrule(120, 302, 117.5),
      hrule(120, 302, 144.5),
      hrule(40, 302, 164),
    ];
    const runs = [
      run("Income", 42, 90),
      right("FY24A", 160, 90),
      right("FY25A", 230, 90),
      right("FY26E", 300, 90),
      ...row("Revenue", ["660,257", "751,766", "854,708"], 100),
      ...row("COGS", ["(311,011)", "(329,173)", "(372,644)"], 109),
      ...row("Gross profit", ["349,246", "422,593", "482,064"], 118),
      ...row("SG&A", ["(149,149)", "(177,854)", "(202,818)"], 127),
      ...row("Shares outstanding", ["9,424", "9,246", "9,209"], 136),
      ...row("Net income", ["222,703", "259,626", "281,250"], 145),
      ...row("EPS", ["23.63", "28.08", "30.54"], 154),
    ];
    const [t] = findTables(page(runs, black(rules)));
    expect(texts(t!).map((r) => r[0])).toEqual([
      "Income",
      "Revenue",
      "COGS",
      "Gross profit",
      "SG&A",
      "Shares outstanding",
      "Net income",
      "EPS",
    ]);
    expect(texts(t!)[3]).toEqual(["Gross profit", "349,246", "422,593", "482,064"]);
  });

  it("in a table ruled between every row, labels of their own in a column the rules leave out stay apart", () => {
    // Rules between the rows under the values only (heat-map cells); each label a row's height below the last.
    const names = ["ALPHA", "VALUE", "ANALYST", "MOMENTUM"];
    const rules = [
      hrule(40, 302, 88),
      hrule(40, 302, 99),
      ...names.slice(1).map((_, i) => hrule(120, 302, 119 + 20 * i)),
      hrule(40, 302, 179),
    ];
    const runs = [
      run("Factor", 42, 90),
      right("Feb", 160, 90),
      right("Jan", 230, 90),
      right("Dec", 300, 90),
      ...names.flatMap((n, i) => row(n, ["1%", "-2%", "3%"], 105 + 20 * i)),
    ];
    const [t] = findTables(page(runs, black(rules)));
    expect(texts(t!).map((r) => r[0])).toEqual(["Factor", ...names]);
  });

  it("a band of labelled rows between rules with a group's title among them is one row per line", () => {
    // (The group's title stands a blank line below the last row, over the rule under it.)
    const rules = [hrule(40, 302, 88), hrule(40, 302, 99), hrule(40, 302, 148), hrule(40, 302, 170)];
    const runs = [
      run("Year", 42, 90),
      right("2024", 160, 90),
      right("2025", 230, 90),
      right("2026", 300, 90),
      ...row("Avg shares (m)", ["9,294", "9,091", "9,081"], 101),
      ...row("Average market cap", ["3,082,800", "4,402,075", "4,402,075"], 110),
      ...row("Enterprise value", ["2,720,903", "3,780,982", "3,505,934"], 119),
      run("Valuation Metrics", 42, 138),
      ...row("P/E (x)", ["14.0", "17.3", "15.5"], 150),
      ...row("P/BV (x)", ["3.67", "3.51", "2.85"], 159),
    ];
    const [t] = findTables(page(runs, black(rules)));
    expect(texts(t!).map((r) => r[0])).toEqual([
      "Year",
      "Avg shares (m)",
      "Average market cap",
      "Enterprise value",
      "Valuation Metrics",
      "P/E (x)",
      "P/BV (x)",
    ]);
  });
});

describe("columns", () => {
  it("long values set closer than a word space's worth apart are two cells, not one", () => {
    // Values right-aligned at 120 / 160 / 200: "1,245,622" starts 4 pt (half the type size) after "959,760".
    const row = (label: string, vs: string[], y: number) => [
      run(label, 42, y),
      ...vs.map((v, k) => right(v, 120 + 40 * k, y)),
    ];
    const runs = [
      run("Assets", 42, 90),
      right("FY24A", 120, 90),
      right("FY25A", 160, 90),
      right("FY26E", 200, 90),
      ...row("PP&E", ["133,283", "199,281", "220,794"], 101),
      ...row("Other", ["600,544", "959,760", "1,245,622"], 110),
      ...row("Total", ["1,780,995", "2,038,986", "2,346,251"], 119),
      ...row("Cash", ["48,203", "49,930", "55,785"], 128),
    ];
    const [t] = findTables(page(runs, black([hrule(40, 202, 88), hrule(40, 202, 99), hrule(40, 202, 138)])));
    expect(texts(t!)[2]).toEqual(["Other", "600,544", "959,760", "1,245,622"]);
    expect(texts(t!)[3]).toEqual(["Total", "1,780,995", "2,038,986", "2,346,251"]);
  });

  it("a parent header across the column splits of the rules around it is a header, not prose ending the table", () => {
    const xs = [40, 100, 140, 180, 220, 260];
    const split = (y: number) => xs.slice(1).map((x, i) => hrule(xs[i]!, x - 0.5, y));
    const runs = [
      run("Monthly returns", 140, 90),
      run("Factor", 42, 101),
      ...["Feb", "Jan", "Dec", "Nov"].map((m, k) => run(m, 105 + 40 * k, 101)),
      ...["ALPHA", "VALUE"].flatMap((f, i) => [
        run(f, 42, 112 + i * 11),
        ...["1%", "-2%", "3%", "0%"].map((v, k) => run(v, 105 + 40 * k, 112 + i * 11)),
      ]),
    ];
    const [t] = findTables(page(runs, black([...split(88), ...split(110), ...split(121), ...split(132)])));
    expect(texts(t!)[0]!.join("|")).toContain("Monthly returns");
    expect(texts(t!).map((r) => r[0])).toEqual(["", "Factor", "ALPHA", "VALUE"]);
  });
});

describe("key–value boxes", () => {
  const kvBlock = (rows: string[][]): TableBlock =>
    block(rows.map((r) => r.map((text) => ({ text, row_span: 1, col_span: 1, header: false, box: null }))));

  it("the value column of a box of labels and short values, with no header row, is named by the vocabulary", () => {
    const en = structureTable(
      kvBlock([
        ["Shares O/S (mn)", "9,525"],
        ["Index", "HSI"],
      ]),
      "t-1",
    );
    expect(en.header_rows).toBe(0);
    expect(en.columns.map((c) => c.path)).toEqual([[], ["Value"]]);
    const zh = structureTable(
      kvBlock([
        ["总股本(百万股)", "227.92"],
        ["总市值(百万元)", "18,785.44"],
      ]),
      "t-2",
    );
    expect(zh.columns[1]!.path).toEqual(["数值"]);
  });

  it("a column of prose beside labels is no value column: it stays unnamed", () => {
    const long = "Pretraining utilized a cumulative 3.3M GPU hours of computation on hardware";
    const s = structureTable(
      kvBlock([
        ["Carbon Footprint", long],
        ["Overview", long],
      ]),
      "t-1",
    );
    expect(s.columns[1]!.path).toEqual([]);
  });
});

describe("joinLines", () => {
  it("a dash standing apart at a line's end is no hyphen: a space follows it", () => {
    expect(joinLines(["677.50 -", "435.40"])).toBe("677.50 - 435.40");
    expect(joinLines(["Multiple-", "choice"])).toBe("Multiple-choice");
  });
});
