// Structure self-checks on small hand-made tables: each sign of a wrong structure is named; a sound table has none.
import { describe, expect, it } from "vitest";
import type { Cell, Table } from "../schemas/index.ts";
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
    const body = rows(6, (i) => [i === 4 ? "Financial assets" : `Item ${i}`, `${i},100`, `${i},200`]);
    body[1] = ["Financial assets", "5", "6"];
    expect(only("duplicateRowLabels", table(["BS", "2024A", "2025A"], body))[0]).toMatchObject({
      what: expect.stringMatching(
        /1 row label\(s\) repeat with no group to tell them apart \(row 2 "Financial assets" and row 5\)/,
      ),
      rows: [1, 4],
    });
    // A column of categories (up, down, up…) does not name rows.
    const swings = rows(6, (i) => [i % 2 ? "down" : "up", `${i}`, `${i}.5%`]);
    expect(only("duplicateRowLabels", table(["Swing", "Days", "Change"], swings))).toEqual([]);
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
