// Which header governs a cell, on hand-built structured tables: a unit in a row label governs its row, in a column
// header its column, in the caption, title or corner the whole table, the innermost winning; a unit over every
// column is the table's; a group's unit ends where its rows stop fitting it. Periods from the column headers, from
// a row of periods inside the body, from the row labels, and a year over a bare quarter.
import { describe, expect, it } from "vitest";
import type { Cell } from "../schemas/index.ts";
import type { TableContext } from "../pipeline/stages/layout/contents.ts";
import type { StructuredTable } from "../pipeline/stages/tables/index.ts";
import { normalizeTables } from "../pipeline/stages/normalize/tables.ts";

interface Spec {
  title?: string;
  /** header path of the label column (the corner) */
  corner?: string[];
  /** header path of each data column */
  cols: string[][];
  /** row path, then one raw text per data column */
  rows: [string[], ...string[]][];
  /** note lines under the table */
  notes?: string[];
}

function structured(spec: Spec): StructuredTable {
  const columns = [
    { col: 0, path: spec.corner ?? [], role: "label" as const },
    ...spec.cols.map((path, i) => ({ col: i + 1, path, role: "data" as const })),
  ];
  const rows = spec.rows.map(([path], row) => ({ row, path, split_from: null }));
  const cells = spec.rows.flatMap(([, ...raws], row) =>
    raws.map((raw, k) => ({ row, col: k + 1, raw, spanned: false, box: null })),
  );
  const context = {
    block: { line: 1, box: null },
    label: null,
    title: spec.title ?? "",
    source: null,
    page: 1,
    notes: spec.notes ?? [],
  };
  return {
    id: "t",
    context: context as unknown as TableContext,
    title: spec.title ?? "t",
    unit: null,
    structure: { grid: [], title_row: null, header_rows: 1, columns, rows, cells, problems: [] },
  };
}

const typed = (spec: Spec): Cell[] => normalizeTables([structured(spec)], []).value[0]!.cells;
const at = (cells: Cell[], row: number, col: number) => cells.find((c) => c.row === row && c.col === col)!;
const unitOf = (c: Cell) => [c.unit, c.currency ?? null, c.scale ?? null];

describe("units governing cells", () => {
  it("a note under the table states the unit of what the table leaves without one, except the rows it excepts", () => {
    const cells = typed({
      cols: [["FY25A"], ["FY26E"]],
      rows: [
        [["Revenue"], "751,766", "854,708"],
        [["Gross margin (%)"], "56.2", "56.4"],
        [["Adj. EPS"], "28.08", "30.54"],
        [["Shares outstanding"], "9,246", "9,209"],
        [["Payout ratio"], "20.4%", "20.4%"],
      ],
      notes: ["Note: Rmb in millions (except per-share data). Fiscal year ends Dec."],
    });
    expect(unitOf(at(cells, 0, 1))).toEqual(["Rmb millions", "CNY", 1e6]);
    expect(unitOf(at(cells, 1, 1))).toEqual(["%", null, null]);
    expect(unitOf(at(cells, 2, 1))).toEqual([null, null, null]);
    expect(unitOf(at(cells, 3, 1))).toEqual([null, null, null]);
    expect(unitOf(at(cells, 4, 2))).toEqual(["%", null, null]);
    const table = normalizeTables(
      [structured({ cols: [["FY25A"]], rows: [[["Revenue"], "1"]], notes: ["Note: Rmb in millions."] })],
      [],
    ).value[0]!;
    expect(table.notes).toEqual(["Note: Rmb in millions."]);
  });

  it("the table's own unit wins over a note's; a note whose exception cannot be read states none", () => {
    const own = typed({
      title: "Income statement (US$ mn)",
      cols: [["2025A"]],
      rows: [[["Revenue"], "1,000"]],
      notes: ["Note: in RMB mn"],
    });
    expect(unitOf(at(own, 0, 1))).toEqual(["US$ mn", "USD", 1e6]);
    const unread = typed({
      cols: [["2025A"]],
      rows: [[["Revenue"], "1,000"]],
      notes: ["Note: Rmb in millions, except for the operating data"],
    });
    expect(unitOf(at(unread, 0, 1))).toEqual([null, null, null]);
  });

  it("the caption's unit governs the table; a row's own unit wins over it; a cell's own over both", () => {
    const cells = typed({
      title: "Profit and loss (CNYm)",
      cols: [["2025A"], ["2026E"]],
      rows: [
        [["Revenue"], "1,000", "1,200"],
        [["Gross margin (%)"], "55.0", "56.0"],
        [["EPS (CNY)"], "7.58", "8.00"],
        [["Net margin"], "33.3%", "3.1ppt"],
      ],
    });
    expect(unitOf(at(cells, 0, 1))).toEqual(["CNYm", "CNY", 1e6]);
    expect(unitOf(at(cells, 1, 2))).toEqual(["%", null, null]);
    expect(unitOf(at(cells, 2, 1))).toEqual(["CNY", "CNY", 1]);
    expect(unitOf(at(cells, 3, 1))).toEqual(["%", null, null]);
    expect(unitOf(at(cells, 3, 2))).toEqual(["ppt", null, null]);
  });

  it("the corner over the row labels is the table's unit; a column's own unit wins over a row's", () => {
    const cells = typed({
      corner: ["(Rmbm)"],
      cols: [["2025A"], ["(% YoY)"]],
      rows: [[["Revenue (US$ m)"], "100", "12.0"]],
    });
    expect(unitOf(at(cells, 0, 1))).toEqual(["US$ m", "USD", 1e6]);
    expect(unitOf(at(cells, 0, 2))).toEqual(["%", null, null]);
  });

  it("a unit printed over every column is the table's: a row's own unit wins over it", () => {
    const cells = typed({
      cols: [
        ["(RMB mn)", "4Q24"],
        ["(RMB mn)", "4Q25"],
      ],
      rows: [
        [["Revenue"], "172,446", "194,371"],
        [["Gross margin (%)"], "53.2", "55.7"],
      ],
    });
    expect(unitOf(at(cells, 0, 2))).toEqual(["RMB mn", "CNY", 1e6]);
    expect(unitOf(at(cells, 1, 2))).toEqual(["%", null, null]);
  });

  it("a group label's unit governs its rows until a row prints a value no percentage has", () => {
    const cells = typed({
      corner: ["(Rmbm)"],
      cols: [["2025"]],
      rows: [
        [["Revenue"], "751,766"],
        [["YoY (%)", "Games"], "22.2"],
        [["YoY (%)", "Ads"], "19.4"],
        [["YoY (%)", "Gross profit"], "422,593"],
        [["YoY (%)", "Others"], "292"],
      ],
    });
    expect(cells.map((c) => c.unit)).toEqual(["Rmbm", "%", "%", "Rmbm", "Rmbm"]);
  });

  it("a Chinese unit line in the title, and a currency before a bare scale", () => {
    const cells = typed({
      title: "盈利预测 单位：百万元",
      cols: [["2026E"]],
      rows: [
        [["营业收入"], "1,234"],
        [["市值 (US$)"], "1.2bn"],
      ],
    });
    expect(unitOf(at(cells, 0, 1))).toEqual(["百万元", "CNY", 1e6]);
    expect(unitOf(at(cells, 1, 1))).toEqual(["bn", "USD", 1e9]);
  });

  it("a cell without a value gets no unit", () => {
    const cells = typed({ title: "x (RMB mn)", cols: [["2026E"]], rows: [[["Revenue"], "n.a."]] });
    expect(at(cells, 0, 1)).toMatchObject({ value: null, missing: true, unit: null, currency: null });
  });
});

describe("periods kept with each cell", () => {
  it("from the column headers, innermost first, a unit beside the period left out", () => {
    const cells = typed({
      cols: [["(Rmb) 2025A"], ["Daiwa forecasts", "1Q26E"], ["FY3/27F"], ["YoY"]],
      rows: [[["EPS"], "28.08", "7.58", "30.1", "5%"]],
    });
    expect(cells.map((c) => [c.period, c.period_kind, c.period_basis, c.period_fiscal, c.period_year_end])).toEqual([
      ["2025", "year", "actual", null, null],
      ["2026Q1", "quarter", "estimate", null, null],
      ["2027", "year", "estimate", true, 3],
      [null, null, null, null, null],
    ]);
    expect(at(cells, 0, 1).period_axis).toBe("column");
  });

  it("a row of periods printed inside the body is a header for the rows below it, not values", () => {
    const cells = typed({
      cols: [["2025A"], ["2026E"]],
      rows: [
        [["Revenue"], "751.8", "826.5"],
        [["Ratio"], "2024", "2025"],
        [["ROE (%)"], "21.1", "18.7"],
      ],
    });
    expect(at(cells, 1, 1)).toMatchObject({ value: null, period: "2024" });
    expect(at(cells, 2, 2)).toMatchObject({ value: 18.7, period: "2025", period_basis: null });
    expect(at(cells, 0, 2)).toMatchObject({ period: "2026", period_basis: "estimate" });
  });

  it("a row of numbers that happen to be years is data", () => {
    const cells = typed({ cols: [["A"], ["B"]], rows: [[["Units sold"], "2031", "2019"]] });
    expect(cells.map((c) => [c.value, c.period])).toEqual([
      [2031, null],
      [2019, null],
    ]);
  });

  it("from the row labels when the periods run down the table", () => {
    const cells = typed({ cols: [["Revenue"], ["EPS"]], rows: [[["FY26E"], "800", "30.5"]] });
    expect(at(cells, 0, 2)).toMatchObject({ period: "2026", period_axis: "row", period_fiscal: true });
  });

  it("a year over a bare quarter is that quarter", () => {
    const cells = typed({
      cols: [["2025A"], ["2026E"]],
      rows: [
        [["Q1"], "6.62", "7.58"],
        [["FY"], "28.08", "30.54"],
      ],
    });
    expect(cells.map((c) => [c.period, c.period_kind, c.period_basis])).toEqual([
      ["2025Q1", "quarter", "actual"],
      ["2026Q1", "quarter", "estimate"],
      ["2025", "year", "actual"],
      ["2026", "year", "estimate"],
    ]);
  });

  it("a header such as 12/22 is a period, its cells values", () => {
    const cells = typed({ cols: [["12/22"], ["12/23E"]], rows: [[["Sales"], "12", "13"]] });
    expect(cells.map((c) => [c.value, c.period, c.period_year_end])).toEqual([
      [12, "2022", 12],
      [13, "2023", 12],
    ]);
  });
});
