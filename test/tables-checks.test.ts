// Structure self-checks on small hand-made tables: each sign of a wrong structure is named; a sound table has none.
import { describe, expect, it } from "vitest";
import type { Cell, PdfPage, Table } from "../schemas/index.ts";
import { valueLike, valuesIn } from "../pipeline/stages/tables/checks-cells.ts";
import { CHECKS, checkTables, structureDoubts, tableDoubts } from "../pipeline/stages/tables/checks.ts";
import { parsePeriod } from "../pipeline/stages/tables/periods.ts";

const NUM = /^\(?-?[\d,]+(\.\d+)?%?\)?$/;
const first = (raw: string) => raw.trim().split(/\s+/)[0]!;
function table(headers: string[], body: string[][]): Table {
  const cells: Cell[] = body.flatMap((r, row) =>
    r.slice(1).map((raw, k) => ({
      row,
      col: k + 1,
      row_header: [r[0]!],
      col_header: [headers[k + 1]!],
      raw,
      value: NUM.test(first(raw)) ? Number(first(raw).replace(/[(),%]/g, "")) : null,
      unit: null,
      setting: null,
      note: null,
      footnote: null,
      missing: raw === "" || raw === "-",
      value2: null,
      value2_relation: null,
      unit2: null,
      setting2: null,
      normalized: null,
      box: null,
    })),
  );
  return {
    id: "t-1",
    label: null,
    title: "T",
    page: 1,
    line: null,
    source: null,
    notes: [],
    unit: null,
    header_rows: 1,
    columns: headers.map((h, col) => ({ col, path: h ? [h] : [], role: col === 0 ? "label" : "data" })),
    rows: body.map((r, row) => ({ row, path: [r[0]!], split_from: null })),
    grid: [headers, ...body],
    cells,
    box: null,
  };
}
const rows = (n: number, f: (i: number) => string[]) => Array.from({ length: n }, (_, i) => f(i));
/** The doubts one check finds in a table. */
const only = (name: keyof typeof CHECKS, t: Table) => tableDoubts(t, [CHECKS[name]!]);
/** A table whose header row was not recognised: every grid row is a body row, no column has a header. */
function headerless(body: string[][]): Table {
  const t = table(
    body[0]!.map(() => ""),
    body,
  );
  return { ...t, header_rows: 0, grid: body };
}

describe("structure self-checks", () => {
  it("a sound statement has no doubts", () => {
    const t = table(
      ["Item", "2024A", "2025A", "2026E"],
      rows(5, (i) => [`Row ${i}`, `${i * 10}`, `(${i})`, `${i}.5%`]),
    );
    expect(structureDoubts(t)).toEqual([]);
    expect(checkTables([t]).problems).toEqual([]);
  });

  it("columns and rows told apart only by a band over each block (a year over each pair) are no duplicates", () => {
    const t = table(
      ["Stat", "VIX", "SKEW", "VIX", "SKEW"],
      [
        ["Count", "244", "244", "244", "244"],
        ["Mean", "20.1", "99.4", "12.7", "98.0"],
        ["Count", "243", "243", "223", "223"],
        ["Mean", "23.1", "99.3", "21.5", "98.3"],
      ],
    );
    const years = [
      ["2016", "2016", "2017", "2017"],
      ["2018", "2018", "2019", "2019"],
    ];
    const banded = {
      ...t,
      cells: t.cells.map((c) => ({ ...c, col_header: [years[c.row < 2 ? 0 : 1]![c.col - 1]!, ...c.col_header] })),
    };
    expect(only("duplicateHeaders", banded)).toEqual([]);
    expect(only("duplicateRowLabels", banded)).toEqual([]);
    // Without the bands the same table is ambiguous, and said so.
    expect(only("duplicateHeaders", t)).not.toEqual([]);
    expect(only("duplicateRowLabels", t)).not.toEqual([]);
  });

  it("a sound quant table of compound cells (a value over its t-statistic) has no doubts", () => {
    const t = table(
      ["Window", "A_long", "A_short", "L/S"],
      rows(4, (i) => [`${i + 1}`, `0.${i}9 (2.0${i})`, `-0.3${i} -1.5${i}`, `1.${i}`]),
    );
    expect(structureDoubts(t)).toEqual([]);
  });

  it("counts the values in a cell: units and spreads belong to their value", () => {
    expect(valuesIn("952,654 1,049,753")).toBe(2);
    expect(valuesIn("12% 1.1 ppts")).toBe(2);
    expect(valuesIn("1.1 ppts")).toBe(1);
    expect(valuesIn("0.0275± 0.00")).toBe(1);
    expect(valuesIn("0.0275± 0.00 0.2157± 0.01")).toBe(2);
    expect(valuesIn("2, 14, 24")).toBe(0);
    expect(valuesIn("18 Mar 2026")).toBe(0);
    expect(valueLike("1,234")).toBe(true);
    expect(valueLike("(3.2)")).toBe(true);
    expect(valueLike("2019")).toBe(false);
    expect(valueLike("10")).toBe(false);
    expect(valueLike("10%")).toBe(false);
  });

  it("a column mixing numbers and text, unless its header explains it or the table is a key–value box", () => {
    const body = rows(6, (i) => [`R${i}`, i % 2 ? "Strong growth" : `${i}`, `${i}`]);
    expect(
      only("mixedColumns", table(["Item", "A", "B"], body))
        .map((d) => d.what)
        .join(),
    ).toMatch(/column 2 "A" mixes 3 numbers and 3 texts \(text in rows 2, 4, 6/);
    expect(only("mixedColumns", table(["Item", "A", "B"], body))[0]).toMatchObject({ cols: [1], rows: [1, 3, 5] });
    expect(only("mixedColumns", table(["Item", "Note", "B"], body))).toEqual([]);
    expect(
      only(
        "mixedColumns",
        table(
          ["Item", "A"],
          body.map((r) => r.slice(0, 2)),
        ),
      ),
    ).toEqual([]);
  });

  it("a cell holding several numbers among single values", () => {
    const t = table(
      ["Item", "A", "B"],
      rows(6, (i) => [`R${i}`, i === 2 ? "12.5 13.1" : `${i}.5`, `${i}`]),
    );
    expect(only("severalNumbers", t)).toEqual([
      expect.objectContaining({
        what: expect.stringMatching(/column 2 "A" has 1 cell\(s\) holding several numbers \("12\.5 13\.1", row 3/),
        cols: [1],
        rows: [2],
      }),
    ]);
  });

  it("a whole column of two numbers a cell in a table of single values", () => {
    const t = table(
      ["Item", "2027E", "2028E", "2029E"],
      rows(5, (i) => [`R${i}`, `${i}.5 ${i}.9`, "", `${i}.1`]),
    );
    expect(
      only("severalNumbers", t)
        .map((d) => d.what)
        .join(),
    ).toMatch(/"2027E" has 5 cell\(s\) holding several/);
    expect(
      only("emptyColumns", t)
        .map((d) => d.what)
        .join(),
    ).toMatch(/column 3 "2028E" has no value in any row/);
  });

  it("a column printed as not available in every row is not an empty column", () => {
    const t = table(
      ["Item", "Current", "Previous", "Change"],
      rows(4, (i) => [`R${i}`, `${i}.5`, "NA", "NA"]),
    );
    expect(only("emptyColumns", t)).toEqual([]);
  });

  it("a compound cell split over two rows in a table of compound cells", () => {
    const body = rows(10, (i) => [`R${i}`, `0.${i}1% (1.${i})`, `0.${i}2% (2.${i})`]);
    body.splice(2, 1, ["R2", "0.21%", "0.22%"], ["", "(1.2)", "(2.2)"]);
    expect(
      only("severalNumbers", table(["Item", "3", "5"], body))
        .map((d) => d.what)
        .join(),
    ).toMatch(/holding other than 2 numbers where the table's cells hold 2 \("0\.21%", rows 3, 4/);
  });

  it("units after a number make one value, not several", () => {
    const t = table(
      ["Item", "A", "B"],
      rows(6, (i) => [`R${i}`, i % 2 ? `${i}% 1.${i} ppts` : `${i}%`, `${i}`]),
    );
    expect(
      only("severalNumbers", t)
        .map((d) => d.what)
        .join(),
    ).toMatch(/"A" has 3 cell\(s\) holding several numbers \("1% 1\.1 ppts"/);
    expect(
      only(
        "severalNumbers",
        table(
          ["Item", "A", "B"],
          rows(5, (i) => [`R${i}`, `${i}.5 ppts`, `${i}`]),
        ),
      ),
    ).toEqual([]);
  });

  it("numbers under no header: a whole column, a row wider than the header, a table with no header", () => {
    expect(
      only(
        "unheadedNumbers",
        table(
          ["Item", "A", ""],
          rows(4, (i) => [`R${i}`, `${i}`, `${i}`]),
        ),
      ).map((d) => d.what),
    ).toEqual(["column 3 holds numbers under no header"]);
    const wide = table(
      ["Item", "A", ""],
      rows(4, (i) => [`R${i}`, `${i}`, i === 1 ? "7" : ""]),
    );
    expect(only("unheadedNumbers", wide)[0]).toMatchObject({
      what: expect.stringMatching(/row 2 hold more values than there are headed columns/),
      rows: [1],
    });
    expect(
      only("unheadedNumbers", headerless(rows(4, (i) => [`R${i}`, `${i}.1`, `${i}.2`])))
        .map((d) => d.what)
        .join(),
    ).toMatch(/2 columns hold numbers but the table has no header/);
    // A key–value box (one column of values) needs no header.
    expect(only("unheadedNumbers", headerless(rows(4, (i) => [`Field ${i}`, `${i}.1`])))).toEqual([]);
  });

  it("text pushed into a numeric column", () => {
    const t = table(
      ["Item", "A", "B"],
      rows(6, (i) => [`R${i}`, i === 4 ? "Gross profit" : `${i}.5`, `${i}`]),
    );
    expect(only("textInNumbers", t)[0]).toMatchObject({
      what: expect.stringMatching(/column 2 "A" holds numbers but text in row 5 \("Gross profit"/),
      rows: [4],
    });
    // Markers of a value not given are not text.
    expect(
      only(
        "textInNumbers",
        table(
          ["Item", "A", "B"],
          rows(6, (i) => [`R${i}`, i === 4 ? "n.a." : `${i}.5`, `${i}`]),
        ),
      ),
    ).toEqual([]);
  });

  it("a value of another kind than the rest of its column, in a table whose columns each hold one kind", () => {
    const line = (i: number) => [`R${i}`, `${i}.1%`, `${i}.23`, `${i}.4%`, `${i}.56`, `${i}.7%`];
    const head = ["Item", "Return", "IR", "Win", "Sharpe", "Drawdown"];
    const body = rows(5, line);
    body[2] = ["R2", "2.23", "2.1%", "2.4%", "2.56", "2.7%"];
    const doubts = only("kindOutliers", table(head, body));
    expect(doubts.map((d) => d.what).join()).toMatch(
      /2 cell\(s\) differ in kind from the rest of their column \("2\.23" in row 3/,
    );
    expect(only("kindOutliers", table(head, rows(5, line)))).toEqual([]);
  });

  it("a header naming two periods", () => {
    const t = table(
      ["Item", "2025 2026E", "2027E"],
      rows(4, (i) => [`R${i}`, `${i}`, `${i}`]),
    );
    expect(
      only("twoPeriodHeaders", t)
        .map((d) => d.what)
        .join(),
    ).toMatch(/column 2 "2025 2026E" names two periods/);
  });

  it("duplicated headers and periods out of order", () => {
    expect(
      only(
        "duplicateHeaders",
        table(
          ["Item", "Q1", "Q1"],
          rows(4, (i) => [`R${i}`, `${i}`, `${i}`]),
        ),
      )[0],
    ).toMatchObject({
      what: expect.stringMatching(/same header "Q1" \(columns 2 and 3\)/),
      cols: [1, 2],
    });
    const shifted = table(
      ["Item", "1Q26E", "3Q26E", "2Q26E", "4Q26E"],
      rows(3, (i) => [`R${i}`, "1", "2", "3", "4"]),
    );
    expect(
      only("periodOrder", shifted)
        .map((d) => d.what)
        .join(),
    ).toMatch(/out of order \(3Q26E before 2Q26E, columns 3–4\)/);
  });

  it("periods that restart under a new parent header are in order", () => {
    const t = table(
      ["Item", "FY26E", "FY27E", "FY28E", "FY26E", "FY27E", "FY28E"],
      rows(3, (i) => [`R${i}`, "1", "2", "3", "4", "5", "6"]),
    );
    const grouped = {
      ...t,
      header_rows: 2,
      columns: t.columns.map((c) =>
        c.col === 0 ? c : { ...c, path: [c.col <= 3 ? "Current" : "Previous", ...c.path] },
      ),
    };
    expect(only("periodOrder", grouped)).toEqual([]);
    // The same run under one parent steps back: still out of order.
    const one = {
      ...grouped,
      columns: grouped.columns.map((c) => (c.col === 0 ? c : { ...c, path: ["All", c.path.at(-1)!] })),
    };
    expect(only("periodOrder", one)).toHaveLength(1);
  });

  it("values in the header: a body row taken for the header", () => {
    const t = table(
      ["Factor", "-6.94%", "-0.87", "0.63"],
      rows(3, (i) => [`F${i}`, `-${i}.5%`, `-0.${i}`, `1.${i}`]),
    );
    expect(
      only("valuesInHeader", t)
        .map((d) => d.what)
        .join(),
    ).toMatch(/the header holds values \("-6\.94%" in columns 2, 3, 4/);
    // Group numbers and years are names.
    expect(
      only(
        "valuesInHeader",
        table(
          ["Group", "1", "2", "3"],
          rows(3, (i) => [`${2019 + i}`, "1.5", "2.5", "3.5"]),
        ),
      ),
    ).toEqual([]);
  });

  it("a header row in the body: stacked tables read as one", () => {
    const body = rows(6, (i) => [`Item ${i}`, `${i},100`, `${i},200`, `${i},300`]);
    body[3] = ["Balance sheet", "FY24A", "FY25A", "FY26E"];
    expect(only("headerRowsInBody", table(["Income", "FY24A", "FY25A", "FY26E"], body))[0]).toMatchObject({
      what: expect.stringMatching(/row 4 "Balance sheet" holds text where the columns hold numbers/),
      rows: [3],
    });
    body[3] = ["Net debt/Equity", "NM", "NM", "NM"];
    expect(only("headerRowsInBody", table(["Income", "FY24A", "FY25A", "FY26E"], body))).toEqual([]);
  });

  it("rows holding values under no row label", () => {
    const body = rows(5, (i) => [i === 1 ? "VALUE GROWTH QUALITY" : i > 1 ? "" : "ALPHA", `${i}%`, `${i + 1}%`]);
    expect(only("unlabelledRows", table(["Factor", "Feb", "Jan"], body))[0]).toMatchObject({
      what: expect.stringMatching(/rows 3, 4, 5 hold values but no row label/),
      rows: [2, 3, 4],
    });
  });

  it("row labels that are values: a data column read as the labels", () => {
    const t = table(
      ["FY24A", "FY25A", "FY26E"],
      rows(4, (i) => [`${i + 1},234`, `${i}.5`, `${i}.6`]),
    );
    expect(
      only("valuesAsLabels", t)
        .map((d) => d.what)
        .join(),
    ).toMatch(/the row labels in column 1 "FY24A" are values \("1,234" and 3 more/);
    // Years and group numbers are names.
    expect(
      only(
        "valuesAsLabels",
        table(
          ["Year", "Return"],
          rows(4, (i) => [`${2019 + i}`, `${i}.5%`]),
        ),
      ),
    ).toEqual([]);
  });

  it("row labels repeated with no group, in a table whose labels name its rows", () => {
    // A run of labels repeated in step (a group level lost over a block, or stacked tables read as one).
    const body = rows(8, (i) => [`Item ${i}`, `${i},100`, `${i},200`]);
    body[1] = ["Financial assets", "5", "6"];
    body[2] = ["Cash", "7", "8"];
    body[5] = ["Financial assets", "15", "16"];
    body[6] = ["Cash", "17", "18"];
    expect(only("duplicateRowLabels", table(["BS", "2024A", "2025A"], body))[0]).toMatchObject({
      what: expect.stringMatching(
        /2 row label\(s\) repeat with no group to tell them apart \(row 2 "Financial assets" and row 6\)/,
      ),
      rows: [1, 5, 2, 6],
    });
    // One label repeated on its own ("Others" in each block, "YoY (%)" under each line it grows) is how
    // statements are printed: no doubt.
    body[6] = ["Deposits", "17", "18"];
    body[3] = ["YoY (%)", "1.5", "2.5"];
    body[7] = ["YoY (%)", "3.5", "4.5"];
    expect(only("duplicateRowLabels", table(["BS", "2024A", "2025A"], body))).toEqual([]);
    // A column of categories (up, down, up…) does not name rows.
    const swings = rows(6, (i) => [i % 2 ? "down" : "up", `${i}`, `${i}.5%`]);
    expect(only("duplicateRowLabels", table(["Swing", "Days", "Change"], swings))).toEqual([]);
  });

  it("a value glued to its row label, in a row holding fewer values than the others", () => {
    const body = rows(5, (i) => [`Item ${i}`, `${i}.5`, `${i},100`, `${i}.9%`]);
    body[2] = ["Gross profit 12.5", "", "2,100", "2.9%"];
    expect(only("valuesInLabels", table(["Item", "2024A", "2025A", "2026E"], body))[0]).toMatchObject({
      what: expect.stringMatching(/row 3 ends its label in a value .*"Gross profit 12\.5"/),
      rows: [2],
    });
    // A label ending in a count, a citation year or a share is a name; a full row is not glued.
    body[2] = ["Top 10", "", "2,100", "2.9%"];
    expect(only("valuesInLabels", table(["Item", "2024A", "2025A", "2026E"], body))).toEqual([]);
    body[2] = ["Grade-school math (Cobbe et al., 2021)", "", "2,100", "2.9%"];
    expect(only("valuesInLabels", table(["Item", "2024A", "2025A", "2026E"], body))).toEqual([]);
    body[2] = ["Return on equity 12.5%", "2.5", "2,100", "2.9%"];
    expect(only("valuesInLabels", table(["Item", "2024A", "2025A", "2026E"], body))).toEqual([]);
  });

  it("a table without caption titled by a value is a fragment", () => {
    const t = table(
      ["Item", "2024A", "2025A"],
      rows(3, (i) => [`R${i}`, `${i}.5`, `${i}.9`]),
    );
    expect(only("valueAsTitle", { ...t, title: "36% -0.1 ppts" })[0]!.what).toMatch(
      /title "36% -0\.1 ppts" is a value/,
    );
    expect(only("valueAsTitle", { ...t, title: "2019" })).toHaveLength(1);
    expect(only("valueAsTitle", { ...t, title: "Key metrics" })).toEqual([]);
    expect(only("valueAsTitle", { ...t, label: "Table 3", title: "2019" })).toEqual([]);
  });

  it("a table split in two: an unnamed headerless table lined up right below another", () => {
    // Cells on a grid: column k spans x 100+60k … 160+60k, rows 12 high from `top`.
    const place = (t: Table, top: number): Table => {
      const box = (row: number, col: number) => ({
        page: 1,
        x0: 100 + 60 * col,
        y0: top + 12 * row,
        x1: 160 + 60 * col,
        y1: top + 12 * row + 12,
      });
      const n = t.rows.length;
      return {
        ...t,
        cells: t.cells.map((c) => ({ ...c, box: box(c.row, c.col) })),
        box: { page: 1, x0: 100, y0: top - 12, x1: 100 + 60 * t.columns.length, y1: top + 12 * n },
      };
    };
    const upper = place(
      {
        ...table(
          ["Year", "IC", "IR", "Win"],
          rows(4, (i) => [`${2010 + i}`, `${i}.1%`, `0.${i}`, `5${i}%`]),
        ),
        label: "Table 2",
      },
      100,
    );
    const rest = headerless(rows(3, (i) => [`${2014 + i}`, `${i}.2%`, `0.${i}5`, `6${i}%`]));
    const lower = place({ ...rest, id: "t-2" }, 100 + 12 * 4 + 14);
    const problems = checkTables([upper, lower]).problems;
    expect(problems.map((p) => p.where)).toEqual(["t-1", "t-2"]);
    expect(problems[0]!.message).toMatch(/line up with its columns follow right below it as t-2/);
    expect(problems[1]!.message).toMatch(/no caption and no header of its own and lines up with Table 2/);
    // Far below, beside it, or with a header of its own: two tables.
    expect(checkTables([upper, place({ ...rest, id: "t-2" }, 400)]).problems.map((p) => p.where)).toEqual(["t-2"]);
    const shifted = {
      ...lower,
      cells: lower.cells.map((c) => ({ ...c, box: c.box && { ...c.box, x0: c.box.x0 + 300, x1: c.box.x1 + 300 } })),
    };
    expect(checkTables([upper, shifted]).problems.map((p) => p.where)).toEqual(["t-2"]);
    const named = place(
      {
        ...table(
          ["Year", "IC", "IR", "Win"],
          rows(3, (i) => [`${2014 + i}`, `${i}.2%`, `0.${i}5`, `6${i}%`]),
        ),
        id: "t-2",
      },
      162,
    );
    expect(checkTables([upper, named]).problems).toEqual([]);
    // A "header" sharing nothing with the headers above (a row of the table above taken for one): split in two.
    const rowAsHeader = place(
      {
        ...table(
          ["2014", "0.2%", "0.05", "60%"],
          rows(3, (i) => [`${2015 + i}`, `${i}.2%`, `0.${i}5`, `6${i}%`]),
        ),
        id: "t-2",
      },
      162,
    );
    expect(checkTables([upper, rowAsHeader]).problems.map((p) => p.where)).toEqual(["t-1", "t-2"]);
  });

  it("a text column under no header among headed columns: tables side by side read as one", () => {
    const body = rows(4, (i) => [`Factor ${i}`, `0.${i}5`, `Style ${i}`, `0.${i}9`]);
    expect(only("unheadedText", table(["Factor", "UBL", "", "Beta"], body))[0]).toMatchObject({
      what: expect.stringMatching(/column 3 holds text \("Style 0"\) under no header/),
      cols: [2],
    });
    expect(only("unheadedText", table(["Factor", "UBL", "Name", "Beta"], body))).toEqual([]);
    // A column of numbers under no header is another check's.
    const numbers = rows(4, (i) => [`Factor ${i}`, `0.${i}5`, `1.${i}`, `0.${i}9`]);
    expect(only("unheadedText", table(["Factor", "UBL", "", "Beta"], numbers))).toEqual([]);
  });

  it("the second line of a wrapped cell read as a row of its own", () => {
    const body = rows(5, (i) => [`Pattern ${i}`, `P${i}`, "up", `A description of pattern ${i}`]);
    body.splice(3, 0, ["", "", "", "that goes on over a second line"]);
    expect(only("wrappedRows", table(["Name", "Code", "Sign", "Description"], body))[0]).toMatchObject({
      what: expect.stringMatching(/row 4 holds a little text under no row label/),
      rows: [3],
    });
    // Rows of numbers under no label are another check's; a table with no such row is sound.
    body[3] = ["", "", "", "12.5"];
    expect(only("wrappedRows", table(["Name", "Code", "Sign", "Description"], body))).toEqual([]);
    body.splice(3, 1);
    expect(only("wrappedRows", table(["Name", "Code", "Sign", "Description"], body))).toEqual([]);
  });

  it("two rows glued into one cell: the shared start or end of the column printed twice", () => {
    const body = [
      ["时间等分切片", "每根 K 线有相同的时间跨度"],
      ["TicK 等分切片成交量等分切片", "每根 K 线有相同的交易笔数每根 K 线有相同的成交量"],
      ["成交额等分切片", "每根 K 线有相同的成交额"],
    ];
    const doubts = only("gluedTexts", table(["方式", "解释"], body));
    expect(doubts.map((d) => d.cols)).toEqual([[0], [1]]);
    expect(doubts[0]).toMatchObject({ rows: [1], what: expect.stringMatching(/two rows glued into one/) });
    // Each row on its own, or a long text that does not repeat the column's start: no doubt.
    const apart = [
      body[0]!,
      ["TicK 等分切片", "每根 K 线有相同的交易笔数"],
      ["成交量等分切片", "每根 K 线有相同的成交量"],
      body[2]!,
    ];
    expect(only("gluedTexts", table(["方式", "解释"], apart))).toEqual([]);
    const long = [body[0]!, ["TicK 等分切片", "每根 K 线有相同的交易笔数，按成交笔数切分而不按时间"], body[2]!];
    expect(only("gluedTexts", table(["方式", "解释"], long))).toEqual([]);
    // A cell printed with a longer note between two values is not two of the column's cells.
    const scores = rows(4, (i) => [`Task ${i}`, `7${i}.5% ${i}-shot`]);
    scores[2]![1] = "58.5% 4-shot Minerva prompt 59.4% 7-shot";
    expect(only("gluedTexts", table(["Task", "Score"], scores))).toEqual([]);
  });

  it("a table cut short: the line right below it goes on in its columns", () => {
    // Three rows of a table 12 high from y 100; columns at x 100–160 (labels), 160–220, 220–280.
    const t = table(
      ["Factor", "IC", "IR"],
      rows(3, (i) => [`F${i}`, `-${i}.5%`, `0.${i}`]),
    );
    const cells = t.cells.map((c) => ({
      ...c,
      box: { page: 1, x0: 100 + 60 * c.col, y0: 100 + 12 * c.row, x1: 160 + 60 * c.col, y1: 112 + 12 * c.row },
    }));
    const placed: Table = { ...t, cells, box: { page: 1, x0: 100, y0: 88, x1: 280, y1: 136 } };
    const run = (text: string, x0: number, x1: number, y0: number) => ({
      text,
      x0,
      x1,
      y0,
      y1: y0 + 10,
      size: 9,
      font: "F",
    });
    const page = (runs: PdfPage["runs"]): PdfPage => ({
      page: 1,
      width: 600,
      height: 800,
      runs,
      rects: [],
      images: [],
    });
    const next = [run("F3", 102, 115, 138), run("-3.1%", 170, 200, 138), run("0.7", 230, 245, 138)];
    expect(checkTables([placed], [page(next)]).problems[0]!.message).toMatch(
      /holds numbers in 2 of its 2 numeric columns/,
    );
    // A source line, a line far below, or a header of the next table (periods) is no row of it.
    expect(checkTables([placed], [page([run("Source: company data, 2024", 100, 260, 138)])]).problems).toEqual([]);
    expect(checkTables([placed], [page(next.map((r) => ({ ...r, y0: r.y0 + 30, y1: r.y1 + 30 })))]).problems).toEqual(
      [],
    );
    expect(checkTables([placed], [page([run("2025A", 170, 200, 138), run("2026E", 230, 260, 138)])]).problems).toEqual(
      [],
    );
    // Without the pages nothing is known of the text below.
    expect(checkTables([placed]).problems).toEqual([]);
    // A table of text: runs each inside a column go on; a sentence across the columns does not.
    const text = table(
      ["Item", "Setting"],
      rows(3, (i) => [`Item ${i}`, `setting ${i}`]),
    );
    const textCells = text.cells.map((c) => ({
      ...c,
      box: { page: 1, x0: 160, y0: 100 + 12 * c.row, x1: 280, y1: 112 + 12 * c.row },
    }));
    const textTable: Table = { ...text, cells: textCells, box: { page: 1, x0: 100, y0: 88, x1: 280, y1: 136 } };
    expect(
      checkTables([textTable], [page([run("Frequency", 102, 140, 138), run("monthly", 170, 200, 138)])]).problems[0]!
        .message,
    ).toMatch(/holds text in its columns/);
    expect(
      checkTables([textTable], [page([run("Note: settings as of 2019 for all items", 102, 270, 138)])]).problems,
    ).toEqual([]);
  });

  it("rows split from one printed row whose label begins with a number: the label cut in the wrong place", () => {
    const t = table(
      ["Pool", "Return", "IR"],
      [
        ["Base", "12.7%", "2.53"],
        ["Top", "13.4%", "2.62"],
        ["50% all funds", "13.1%", "2.54"],
      ],
    );
    const split = { ...t, rows: t.rows.map((r) => ({ ...r, split_from: r.row > 0 ? 1 : null })) };
    expect(only("splitLabels", split)[0]).toMatchObject({
      what: expect.stringMatching(/row 3 split from one printed row begins with a number/),
      rows: [2],
    });
    // Printed rows of their own, or split labels of words, are no sign.
    expect(only("splitLabels", t)).toEqual([]);
    const words = { ...split, rows: split.rows.map((r) => (r.row === 2 ? { ...r, path: ["All funds"] } : r)) };
    expect(only("splitLabels", words)).toEqual([]);
  });

  it("a parent header printed centred over more columns than it names", () => {
    // Leaves M1–M4 at x 140–300 (40 wide each); the parent "Returns" was given to M3–M4 only.
    const t = table(
      ["Factor", "M1", "M2", "M3", "M4"],
      rows(3, (i) => [`F${i}`, `${i}%`, `-${i}%`, `${i + 1}%`, `0%`]),
    );
    const columns = t.columns.map((c) => (c.col >= 3 ? { ...c, path: ["Returns", ...c.path] } : c));
    const cells = t.cells.map((c) => ({
      ...c,
      box: { page: 1, x0: 100 + 40 * c.col, y0: 100 + 12 * c.row, x1: 140 + 40 * c.col, y1: 112 + 12 * c.row },
    }));
    const placed: Table = { ...t, header_rows: 2, columns, cells, box: { page: 1, x0: 100, y0: 76, x1: 300, y1: 136 } };
    const page = (x0: number, x1: number): PdfPage => ({
      page: 1,
      width: 600,
      height: 800,
      runs: [{ text: "Returns", x0, x1, y0: 78, y1: 87, size: 9, font: "F" }],
      rects: [],
      images: [],
    });
    expect(checkTables([placed], [page(200, 240)]).problems[0]!.message).toMatch(
      /the header "Returns" is printed over columns 2–5 but names only columns 4–5/,
    );
    // Printed over its own columns: centred, or starting at the first of them.
    expect(checkTables([placed], [page(240, 280)]).problems).toEqual([]);
    expect(checkTables([placed], [page(220, 260)]).problems).toEqual([]);
  });

  it("a column of sentences where a few cells stop mid-sentence: their last line read into the next row", () => {
    const said = [
      "头肩顶是在上涨行情接近尾声时的看跌形态，一般需要经历三次起落。",
      "头肩底形态与头肩顶的方向刚好相反，需要经历三个局",
      "部极小值点。该形态由一极大值点开始，波动逐渐增大。",
      "与顶部发散类似，区别在于初始极值点为极小值点。",
    ];
    const t = table(
      ["形态", "英文", "简述"],
      said.map((d, i) => [`形态${i}`, `P${i}`, d]),
    );
    expect(only("cutProse", t)[0]).toMatchObject({ rows: [1], cols: [2] });
    // Every sentence ended, or short phrases without clauses, are no sign.
    const ended = table(
      ["形态", "英文", "简述"],
      said.map((d, i) => [`形态${i}`, `P${i}`, i === 1 ? `${d}。` : d]),
    );
    expect(only("cutProse", ended)).toEqual([]);
    const phrases = table(
      ["形态", "英文", "简述"],
      rows(4, (i) => [`形态${i}`, `P${i}`, `看跌形态${i}`]),
    );
    expect(only("cutProse", phrases)).toEqual([]);
  });

  it("a parent naming a range of as many numbers as its columns spans them, wherever it is printed", () => {
    // "Groups 3～4" over M3–M4, printed off their centre (values set to one side of wide columns).
    const t = table(
      ["Factor", "M1", "M2", "M3", "M4"],
      rows(3, (i) => [`F${i}`, `${i}%`, `-${i}%`, `${i + 1}%`, `0%`]),
    );
    const parent = "Groups 3～4";
    const columns = t.columns.map((c) => (c.col >= 3 ? { ...c, path: [parent, ...c.path] } : c));
    const cells = t.cells.map((c) => ({
      ...c,
      box: { page: 1, x0: 100 + 40 * c.col, y0: 100 + 12 * c.row, x1: 140 + 40 * c.col, y1: 112 + 12 * c.row },
    }));
    const placed: Table = { ...t, header_rows: 2, columns, cells, box: { page: 1, x0: 100, y0: 76, x1: 300, y1: 136 } };
    const run = { text: parent, x0: 200, x1: 240, y0: 78, y1: 87, size: 9, font: "F" };
    const page: PdfPage = { page: 1, width: 600, height: 800, runs: [run], rects: [], images: [] };
    expect(checkTables([placed], [page]).problems).toEqual([]);
  });

  it("a doubtful table is an error problem naming the table, the reasons and where they are", () => {
    const t = table(
      ["Item", "A", "A"],
      rows(4, (i) => [`R${i}`, `${i}`, `${i}`]),
    );
    expect(checkTables([t]).problems).toEqual([
      expect.objectContaining({
        code: "table/doubtful",
        severity: "error",
        where: "t-1",
        page: 1,
        message: expect.stringMatching(/same header "A" \(columns 2 and 3\)/),
      }),
    ]);
  });

  it("reads period headers", () => {
    expect(parsePeriod("2025A")).toEqual({ kind: "year", order: 2025 });
    expect(parsePeriod("FY26E")).toEqual({ kind: "year", order: 2026 });
    expect(parsePeriod("1Q26E")).toEqual({ kind: "quarter", order: 2026 * 4 + 1 });
    expect(parsePeriod("2H25")).toEqual({ kind: "half", order: 2025 * 2 + 2 });
    expect(parsePeriod("Revenue")).toBeNull();
    expect(parsePeriod("12")).toBeNull();
  });
});
