// Table structure rules of issue 14 on small constructed pages (PDF points, origin top-left, y down): a column
// border the rows of a word processor's table draw at different places, labels centred on the rows of a band
// between rules, lines whose values start anew beside a text as wide as its column, and blocks stacked under
// titles centred over the table, each repeating the column headings.
import { describe, expect, it } from "vitest";
import type { PdfRun, RawCell } from "../schemas/index.ts";
import { findTables, mergeAcrossPages, type PdfTable } from "../pipeline/stages/tables/pdf-tables.ts";
import { structureTable } from "../pipeline/stages/tables/structure.ts";
import { hrule, paint, paintedPage, splitRule, textKit, tableBlock } from "./support/pdf-page.ts";
import type { Chunk } from "../pipeline/stages/tables/pdf-columns.ts";
import { movedOn } from "../pipeline/stages/tables/pdf-grid-frame.ts";

const { run, centred } = textKit(9);
const texts = (t: PdfTable) => t.rows.map((r) => r.map((c) => c.text));
const spans = (row: RawCell[]) => row.map((c) => [c.text, c.row_span, c.col_span]);

describe("a column border moved from row to row", () => {
  // The rule over the header is split where the header cells meet (350), the rule under the last row where the
  // body cells meet (330): the header "Header C wide" runs past 330, the values keep clear of both.
  const xsTop = [50, 150, 250, 350, 450];
  const xsBottom = [50, 150, 250, 330, 450];
  const runs: PdfRun[] = [
    run("Name", 55, 84),
    centred("A", 200, 84),
    run("Header C wide", 290, 84),
    centred("D", 400, 84),
    ...["Alpha", "Beta", "Gamma"].flatMap((label, i) => [
      run(label, 55, 98 + 14 * i),
      centred("1.0", 200, 98 + 14 * i),
      centred("2.0", 300, 98 + 14 * i),
      centred("3.0", 400, 98 + 14 * i),
    ]),
  ];

  it("is one table when no text stands between the two places of the border", () => {
    const tables = findTables(paintedPage(runs, paint([...splitRule(xsTop, 80), ...splitRule(xsBottom, 142)])));
    expect(tables).toHaveLength(1);
    expect(texts(tables[0]!)).toEqual([
      ["Name", "A", "Header C wide", "D"],
      ["Alpha", "1.0", "2.0", "3.0"],
      ["Beta", "1.0", "2.0", "3.0"],
      ["Gamma", "1.0", "2.0", "3.0"],
    ]);
  });

  it("are two grids when a cell stands between the two places (a column only one rule knows)", () => {
    const between = [...runs, centred("x", 340, 126)];
    const tables = findTables(paintedPage(between, paint([...splitRule(xsTop, 80), ...splitRule(xsBottom, 142)])));
    expect(tables.some((t) => t.rows.length === 4)).toBe(false);
  });
});

describe("labels centred on the rows of a band between rules", () => {
  // Two groups of three rows, each group between rules; the group's label is printed on two lines standing
  // between the rows, and the middle row's text is the widest of its column (centred, it seems full).
  const xs = [50, 110, 230, 310, 390, 470];
  function group(top: number, name: string): PdfRun[] {
    const events = ["Up", "Up after timing", "Up in 7 days"];
    return [
      centred(name, 80, top + 6.5),
      centred("A", 80, top + 19.5),
      ...events.flatMap((e, i) => [
        centred(e, 170, top + 13 * i),
        centred(`${i + 1}.5%`, 270, top + 13 * i),
        centred(`${i + 2}.5%`, 350, top + 13 * i),
        centred(`${i + 3}.5%`, 430, top + 13 * i),
      ]),
    ];
  }
  const header = ["Index", "Event", "V1", "V2", "V3"].map((h, i) => centred(h, (xs[i]! + xs[i + 1]!) / 2, 84));
  const rules = [80, 95, 140, 185].flatMap((y) => splitRule(xs, y));
  const page = paintedPage([...header, ...group(99, "Group"), ...group(144, "Other")], paint(rules));

  it("each label spans the rows of its band, and each line of values is a row", () => {
    const [table] = findTables(page);
    expect(table!.rows).toHaveLength(7);
    expect(spans(table!.rows[1]!)).toEqual([
      ["Group A", 3, 1],
      ["Up", 1, 1],
      ["1.5%", 1, 1],
      ["2.5%", 1, 1],
      ["3.5%", 1, 1],
    ]);
    expect(texts(table!)[2]).toEqual(["Up after timing", "2.5%", "3.5%", "4.5%"]);
    expect(texts(table!)[3]).toEqual(["Up in 7 days", "3.5%", "4.5%", "5.5%"]);
    expect(spans(table!.rows[4]!)[0]).toEqual(["Other A", 3, 1]);
  });
});

describe("a text as wide as its column over numbers starting anew", () => {
  const xs = [50, 150, 250, 350];
  const line = (label: string, y: number) => [centred(label, 100, y), centred("1.25", 200, y), centred("2.50", 300, y)];
  const head = [centred("Pool", 100, 84), centred("A", 200, 84), centred("B", 300, 84)];

  it("the line below it is the next row when numbers stand under numbers beside it", () => {
    // "Top half pool" is the widest label of its centred column: it seems full, yet "All" starts a row.
    const runs = [...head, ...line("Base", 99), ...line("Top half pool", 112), ...line("All", 125)];
    const [table] = findTables(paintedPage(runs, paint([80, 95, 108, 137].flatMap((y) => splitRule(xs, y)))));
    expect(texts(table!).map((r) => r[0])).toEqual(["Pool", "Base", "Top half pool", "All"]);
  });

  it("a label that wraps beside a wider one stays one cell, its values too", () => {
    const runs = [
      ...head,
      ...line("A very wide label", 99),
      centred("Short label", 100, 112),
      centred("1.25", 200, 112),
      centred("2.50", 300, 112),
      centred("wraps", 100, 125),
      centred("(0.5)", 200, 125),
      centred("(0.7)", 300, 125),
    ];
    const [table] = findTables(paintedPage(runs, paint([80, 95, 108, 137].flatMap((y) => splitRule(xs, y)))));
    expect(texts(table!)[2]).toEqual(["Short label wraps", "1.25 (0.5)", "2.50 (0.7)"]);
  });
});

describe("blocks stacked under titles centred over the table", () => {
  // Each block: its title and the column headings over a rule, then two rows; rules split at the columns.
  const xs = [50, 150, 250, 350];
  function blockAt(top: number, title: string, values: [string, string][]): PdfRun[] {
    return [
      centred(title, 200, top),
      centred("Return", 200, top + 13),
      centred("Risk", 300, top + 13),
      ...values.flatMap(([a, b], i) => [
        centred(["Before", "After"][i]!, 100, top + 28 + 13 * i),
        centred(a, 200, top + 28 + 13 * i),
        centred(b, 300, top + 28 + 13 * i),
      ]),
    ];
  }
  const values = (k: number): [string, string][] => [
    [`${k}.1%`, `${k + 1}.1%`],
    [`${k}.2%`, `${k + 1}.2%`],
  ];
  const runs = [
    ...blockAt(84, "Results of the first strategy", values(1)),
    ...blockAt(141, "Results of the other strategy", values(3)),
  ];
  const rules = [hrule(50, 350, 80), ...[108, 137, 165, 194].flatMap((y) => splitRule(xs, y))];
  const page = paintedPage(runs, paint(rules));

  it("are one table, each title one cell over every column", () => {
    const tables = findTables(page);
    expect(tables).toHaveLength(1);
    const [table] = tables;
    expect(spans(table!.rows[0]!)).toEqual([["Results of the first strategy", 1, 3]]);
    expect(spans(table!.rows[4]!)).toEqual([["Results of the other strategy", 1, 3]]);
    expect(texts(table!)[5]).toEqual(["", "Return", "Risk"]);
  });

  it("each title heads its rows as a group, and the repeated column headings are no row", () => {
    const s = structureTable(tableBlock(findTables(page)[0]!), "t-1");
    expect(s.title_row).toBe("Results of the first strategy");
    expect(s.rows.map((r) => r.path)).toEqual([
      ["Before"],
      ["After"],
      ["Results of the other strategy", "Before"],
      ["Results of the other strategy", "After"],
    ]);
    expect(s.cells.map((c) => c.raw)).toEqual(["1.1%", "2.1%", "1.2%", "2.2%", "3.1%", "4.1%", "3.2%", "4.2%"]);
    expect(s.problems.map((p) => p.code)).toContain("table/repeated-header");
  });

  it("a title at the left of the table (not centred) over repeated headings starts a table of its own", () => {
    const left = runs.map((r) => (r.text.startsWith("Results") ? run(r.text, 55, r.y0) : r));
    const tables = findTables(paintedPage(left, paint(rules)));
    expect(tables.some((t) => t.rows.some((r) => r[0]!.col_span === 3))).toBe(false);
    expect(
      tables.some((t) => texts(t).flat().includes("Results of the other strategy") && texts(t).flat().includes("1.1%")),
    ).toBe(false);
  });
});

describe("structure: column headings printed again in the body", () => {
  const cell = (text: string): RawCell => ({ text, row_span: 1, col_span: 1, header: false, box: null });
  const rowOf = (...t: string[]) => t.map(cell);

  it("a body row equal to the header row is left out; one differing in a cell stays", () => {
    const rows = [
      rowOf("Item", "2024", "2025"),
      rowOf("Sales", "1", "2"),
      rowOf("Item", "2024", "2025"),
      rowOf("Costs", "3", "4"),
      rowOf("Item", "2024", "2026"),
    ];
    const s = structureTable({ kind: "table", format: "pdf", rows, line: null, page: 1, box: null }, "t-1");
    expect(s.rows.map((r) => r.path)).toEqual([["Sales"], ["Costs"], ["Item"]]);
  });
});

describe("a pen mark over a table", () => {
  it("a stroke across several rows and beyond the table cuts no row off", () => {
    const xs = [50, 200, 300, 400];
    const labels = ["One", "Two", "Three", "Four", "Five"];
    const runs = [
      ...["Name", "A", "B", "C"].map((h, i) => centred(h, (xs[i]! + xs[i + 1]!) / 2, 84)),
      ...labels.flatMap((l, i) => [
        run(l, 55, 99 + 14 * i),
        ...[250, 350].map((x) => centred(`${i}.5`, x, 99 + 14 * i)),
      ]),
      ...labels.map((_, i) => centred(`${i}.9`, 175 + 0, 99 + 14 * i)),
    ];
    const rules = [80, 95, 109, 123, 137, 151, 165].flatMap((y) => splitRule(xs, y));
    // A hand-drawn curve's box: from the third row down past the table into the text below it.
    const pen = { x0: 230, y0: 125, x1: 330, y1: 230, op: "stroke" as const };
    const tables = findTables(paintedPage(runs, [...paint(rules), [pen, "#00a000"]]));
    expect(tables).toHaveLength(1);
    expect(texts(tables[0]!).map((r) => r[0])).toEqual(["Name", ...labels]);
  });
});

describe("rows over the only rule at the top of a page", () => {
  const xs = [50, 200, 400];
  const row = (a: string, b: string, y: number) => [centred(a, 125, y), centred(b, 300, y)];
  const first = paintedPage(
    [...row("Method", "Meaning", 744), ...row("By time", "Each bar spans the same time", 759)],
    paint([740, 755, 772].flatMap((y) => splitRule(xs, y))),
  );
  const rest = [
    ...row("By ticks", "Each bar holds the same trades", 60),
    ...row("By volume", "Each bar holds the same volume", 74),
    ...row("By value", "Each bar the same value", 88),
  ];
  const second = { ...paintedPage(rest, paint(splitRule(xs, 100))), page: 2 };
  const heights = new Map([
    [1, 842],
    [2, 842],
  ]);

  it("are the rest of the table begun at the foot of the page before", () => {
    const tables = mergeAcrossPages([...findTables(first), ...findTables(second)], heights);
    expect(tables).toHaveLength(1);
    expect(tables[0]!.continued).toBe(true);
    expect(texts(tables[0]!).map((r) => r[0])).toEqual(["Method", "By time", "By ticks", "By volume", "By value"]);
  });

  it("are no table when nothing on the page before continues into them", () => {
    expect(mergeAcrossPages(findTables(second), heights)).toEqual([]);
  });
});

describe("a column set centred", () => {
  it("a line as wide as the column's widest text but far narrower than its cell did not wrap", () => {
    const xs = [50, 200, 400];
    const row = (a: string, b: string, y: number) => [centred(a, 125, y), centred(b, 300, y)];
    const runs = [
      ...row("Method", "Meaning", 84),
      ...row("Split by ticks", "Each bar holds the same trades", 99),
      ...row("By volume", "Each bar the same volume", 112),
      ...row("By value", "Each bar the same value", 125),
    ];
    const [table] = findTables(paintedPage(runs, paint([80, 95, 137].flatMap((y) => splitRule(xs, y)))));
    expect(texts(table!).map((r) => r[0])).toEqual(["Method", "Split by ticks", "By volume", "By value"]);
  });
});

describe("a band of years over pairs of columns between stacked blocks", () => {
  // Rules split at every column over and under each row; each block opens with a band naming the year of each pair
  // of columns, centred on the pair. Values are set to the right of their cells.
  const xs = [50, 150, 230, 310, 390, 470];
  const rowAt = (label: string, y: number, v: string) => [
    run(label, 55, y),
    ...[225, 305, 385, 465].map((x) => run(v, x - 4.5 * v.length, y)),
  ];
  const band = (a: string, b: string, y: number) => [centred(a, 230, y), centred(b, 390, y)];
  const runs = [
    ...["VIX", "SKEW", "VIX", "SKEW"].map((h, i) => centred(h, (xs[i + 1]! + xs[i + 2]!) / 2, 84)),
    ...band("2016", "2017", 99),
    ...rowAt("Count", 114, "244"),
    ...rowAt("Mean", 129, "20.1"),
    ...band("2018", "2019", 144),
    ...rowAt("Count", 159, "243"),
    ...rowAt("Mean", 174, "23.1"),
  ];
  const rules = [80, 95, 110, 125, 140, 155, 170, 185].flatMap((y) => splitRule(xs, y));
  const page = paintedPage(runs, paint(rules));

  it("the bands stay in the table, each year one cell over its pair of columns", () => {
    const tables = findTables(page);
    expect(tables).toHaveLength(1);
    expect(spans(tables[0]!.rows[1]!)).toEqual([
      ["", 1, 1],
      ["2016", 1, 2],
      ["2017", 1, 2],
    ]);
    expect(spans(tables[0]!.rows[4]!).slice(1)).toEqual([
      ["2018", 1, 2],
      ["2019", 1, 2],
    ]);
  });

  it("each band heads the columns of its block: every cell's header names its year, no two cells alike", () => {
    const s = structureTable(tableBlock(findTables(page)[0]!), "t-1");
    expect(s.header_rows).toBe(1);
    expect(s.rows.map((r) => r.path)).toEqual([["Count"], ["Mean"], ["Count"], ["Mean"]]);
    expect(s.cells.filter((c) => c.row === 2).map((c) => c.raw)).toEqual(["243", "243", "243", "243"]);
    const header = (row: number) => s.cells.filter((c) => c.row === row).map((c) => c.col_path?.[0]);
    expect(header(0)).toEqual(["2016", "2016", "2017", "2017"]);
    expect(header(2)).toEqual(["2018", "2018", "2019", "2019"]);
    const keys = s.cells.map((c) => `${s.rows[c.row]!.path.join("/")}|${c.col_path?.join("/")}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe("a last row set apart by a blank row under the last rule", () => {
  // A statement between rules (over and under its header, under its totals); two rows follow the last rule
  // directly, one more after a blank row.
  const { right } = textKit(9);
  const cols = [250, 330, 410];
  const row = (label: string, values: string[], top: number) => [
    run(label, 55, top),
    ...values.map((v, i) => right(v, cols[i]!, top)),
  ];
  const body = [
    ...row("Balance Sheet", ["FY24A", "FY25A", "FY26E"], 84),
    ...row("Cash", ["132,519", "141,041", "180,031"], 100),
    ...row("Receivables", ["48,203", "49,930", "55,785"], 114),
    ...row("Total assets", ["180,722", "190,971", "235,816"], 128),
    ...row("BVPS", ["113.39", "136.50", "161.59"], 146),
    ...row("y/y Growth", ["22.9%", "20.4%", "18.4%"], 160),
  ];
  const rules = paint([hrule(50, 420, 80), hrule(50, 420, 95), hrule(50, 420, 141)]);

  it("is a row of the table when it holds values in the columns", () => {
    const tables = findTables(
      paintedPage([...body, ...row("Net debt/(cash)", ["(120,801)", "(123,290)", "(132,280)"], 188)], rules),
    );
    expect(tables).toHaveLength(1);
    expect(texts(tables[0]!).at(-1)).toEqual(["Net debt/(cash)", "(120,801)", "(123,290)", "(132,280)"]);
  });

  it("is not when it holds words (a note, the next block's title)", () => {
    const tables = findTables(paintedPage([...body, ...row("Margins", ["high", "higher", "highest"], 188)], rules));
    expect(tables.flatMap((t) => texts(t)).some((r) => r[0] === "Margins")).toBe(false);
  });
});

describe("row labels printed left of a table's rules", () => {
  // A small returns table whose rules start at its first column of values; `Abs` / `Rel` stand left of them.
  const { right } = textKit(9);
  const cols = [150, 220, 290, 360];
  const row = (values: string[], top: number) => values.map((v, i) => right(v, cols[i]!, top));
  const table = [...row(["YTD", "1m", "3m", "12m"], 84), ...row(["-8.1%", "3.3%", "-9.0%", "1.8%"], 98)];
  const rules = paint([...splitRule([100, 160, 230, 300, 370], 95), hrule(100, 370, 121)]);

  it("become its first column when every row of values has one", () => {
    const runs = [...table, ...row(["-9.6%", "5.8%", "-11.1%", "-3.4%"], 110), run("Abs", 70, 98), run("Rel", 70, 110)];
    const tables = findTables(paintedPage(runs, rules));
    expect(tables.map(texts)).toEqual([
      [
        ["", "YTD", "1m", "3m", "12m"],
        ["Abs", "-8.1%", "3.3%", "-9.0%", "1.8%"],
        ["Rel", "-9.6%", "5.8%", "-11.1%", "-3.4%"],
      ],
    ]);
  });

  it("stay out when a row has none (text beside the table, not its labels)", () => {
    const runs = [...table, ...row(["-9.6%", "5.8%", "-11.1%", "-3.4%"], 110), run("Abs", 70, 98)];
    expect(findTables(paintedPage(runs, rules)).flatMap(texts).flat()).not.toContain("Abs");
  });
});

describe("a header wider than its column over a rule drawn whole", () => {
  // Columns found from the gutters of the body text; the header words run past the middle of a gutter but stop
  // short of the next column's text.
  const runs: PdfRun[] = [
    run("Ratings distribution as of January 2026", 55, 62),
    run("Overweight", 240, 76),
    run("Neutral", 300, 76),
    run("Underweight", 350, 76),
    ...["Global coverage", "Clients"].flatMap((label, i) => [
      run(label, 55, 100 + 14 * i),
      run("51%", 240, 100 + 14 * i),
      run("37%", 300, 100 + 14 * i),
      run("12%", 350, 100 + 14 * i),
    ]),
  ];

  it("keeps the header row (and leaves the title line above it out)", () => {
    const tables = findTables(paintedPage(runs, paint([hrule(50, 420, 96), hrule(50, 420, 126)])));
    expect(tables.map(texts)).toEqual([
      [
        ["", "Overweight", "Neutral", "Underweight"],
        ["Global coverage", "51%", "37%", "12%"],
        ["Clients", "51%", "37%", "12%"],
      ],
    ]);
  });
});

describe("a wide value reaching back over a drawn column border", () => {
  // Column B (210–250) is narrower than its widest value: `10.1 ppts` reaches 5 pt back into column A, where
  // `12%` stands on its line.
  const bounds = [50, 150, 210, 250];
  const chunk = (text: string, x0: number, x1: number, c0: number, c1: number): Chunk => ({
    pieces: [],
    x0,
    x1,
    y0: 111,
    y1: 120,
    c0,
    c1,
    size: 9,
  });
  const label = chunk("Growth %", 55, 91, 0, 0);
  const left = chunk("12%", 181.5, 195, 1, 1);
  const wide = chunk("10.1 ppts", 204.5, 245, 1, 2);

  it("starts in the column holding most of it when its neighbour holds the first", () => {
    expect(movedOn(wide, [label, left, wide], bounds)).toMatchObject({ c0: 2, c1: 2 });
  });

  it("keeps its columns when the first is free (a text spanning the two)", () => {
    expect(movedOn(wide, [label, wide], bounds)).toMatchObject({ c0: 1, c1: 2 });
  });
});

describe("a wide value reaching back over a split rule", () => {
  // Column B (210–250) is narrower than its widest value: `10.1 ppts`, set right, reaches 5 pt back into
  // column A, where `12%` stands on its line; every rule is split where the columns meet.
  const { right } = textKit(9);
  const xs = [50, 150, 210, 250];
  const runs: PdfRun[] = [
    right("2025E", 195, 84),
    right("% diff", 245, 84),
    run("Revenue", 55, 99),
    right("192,510", 195, 99),
    right("1%", 245, 99),
    run("Growth %", 55, 111),
    right("12%", 195, 111),
    right("10.1 ppts", 245, 111),
  ];

  it("keeps its row in the table, in the column holding most of it", () => {
    const rules = paint([...splitRule(xs, 80), ...splitRule(xs, 95), ...splitRule(xs, 125)]);
    expect(findTables(paintedPage(runs, rules)).map(texts)).toEqual([
      [
        ["", "2025E", "% diff"],
        ["Revenue", "192,510", "1%"],
        ["Growth %", "12%", "10.1 ppts"],
      ],
    ]);
  });
});
