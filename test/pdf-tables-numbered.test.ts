// Issue 14 rules on small constructed pages (PDF points, origin top-left, y down): columns and rows named by a run
// of numbers (quantile groups 1 2 3 …, parameter values), a parent naming a range of numbers over as many columns,
// a header bar's side reaching past the labels, and a rule split that falls under a header's words.
import { describe, expect, it } from "vitest";
import type { PdfRun, RawCell } from "../schemas/index.ts";
import { findTables, mergeAcrossPages, type PdfTable } from "../pipeline/stages/tables/pdf-tables.ts";
import { structureTable } from "../pipeline/stages/tables/structure.ts";
import { hrule, paint, paintedPage, splitRule, textKit, tableBlock } from "./support/pdf-page.ts";

const { run, centred, right } = textKit(9);
const texts = (t: PdfTable) => t.rows.map((r) => r.map((c) => c.text));
const structured = (runs: PdfRun[], rules = paint([hrule(50, 450, 80), hrule(50, 450, 96), hrule(50, 450, 150)])) => {
  const tables = findTables(paintedPage(runs, rules));
  expect(tables).toHaveLength(1);
  return structureTable(tableBlock(tables[0]!), "t-1");
};

describe("numbers naming columns and rows", () => {
  it("reads a first row 1 2 3 4 beside text cells over rows of other values as the header", () => {
    const xs = [150, 210, 270, 330, 400];
    const runs = [
      run("Window", 55, 84),
      ...["1", "2", "3", "4", "L-S"].map((h, j) => centred(h, xs[j]!, 84)),
      ...[1, 2, 3].flatMap((w, i) => [
        centred(String(w), 70, 100 + 14 * i),
        ...["-0.59", "-0.27", "0.19", "0.70", "1.29"].map((v, j) => centred(v, xs[j]!, 100 + 14 * i)),
      ]),
    ];
    const s = structured(runs);
    expect(s.header_rows).toBe(1);
    expect(s.columns.map((c) => c.path)).toEqual([["Window"], ["1"], ["2"], ["3"], ["4"], ["L-S"]]);
    expect(s.rows.map((r) => r.path)).toEqual([["1"], ["2"], ["3"]]);
  });

  it("takes a first column 1 2 3 4 for row labels when the values beside it are whole numbers too", () => {
    const xs = [150, 210, 270, 330];
    const counts = [
      ["19", "8", "18", "77"],
      ["18", "6", "14", "58"],
      ["18", "5", "10", "44"],
      ["18", "5", "8", "37"],
    ];
    const runs = [
      run("Rate", 55, 84),
      ...["> 20%", "10% - 20%", "< 10%", "Total"].map((h, j) => centred(h, xs[j]!, 84)),
      ...counts.flatMap((row, i) => [
        centred(String(i + 1), 70, 100 + 12 * i),
        ...row.map((v, j) => centred(v, xs[j]!, 100 + 12 * i)),
      ]),
    ];
    const s = structured(runs);
    expect(s.columns[0]).toMatchObject({ path: ["Rate"], role: "label" });
    expect(s.rows.map((r) => r.path)).toEqual([["1"], ["2"], ["3"], ["4"]]);
    expect(s.cells.find((c) => c.row === 0 && c.col === 1)?.raw).toBe("19");
  });

  it("names the columns under a parent 'groups 1～3' by their numbers", () => {
    const xs = [170, 230, 290];
    const runs = [
      centred("Groups 1～3 return", 230, 84),
      centred("Sharpe", 370, 84),
      ...["Alpha", "Beta"].flatMap((label, i) => [
        run(label, 55, 100 + 14 * i),
        ...["17.79%", "5.64%", "0.29%"].map((v, j) => right(v, xs[j]! + 20, 100 + 14 * i)),
        right("1.66", 390, 100 + 14 * i),
      ]),
    ];
    const s = structured(runs);
    expect(s.columns.map((c) => c.path)).toEqual([
      [],
      ["Groups 1～3 return", "1"],
      ["Groups 1～3 return", "2"],
      ["Groups 1～3 return", "3"],
      ["Sharpe"],
    ]);
  });
});

describe("drawn boundaries that split no cells", () => {
  it("a side of the header bar left of all the text does not make the columns ruled", () => {
    // Headers a little more than half an em apart: text gaps enough for columns, not for a ruled table's cells.
    const heads = ["Name", "Rank IC", "Rank ICIR", "t", "Return", "Vol"];
    const vals = ["Alpha", "-4.35%", "-2.98", "-10.40", "22.27%", "8.08%"];
    const x0s = [60, 89, 127, 174, 207, 240];
    const runs = [...heads.map((h, j) => run(h, x0s[j]!, 84)), ...vals.map((v, j) => run(v, x0s[j]!, 98))];
    const bar = { x0: 50, y0: 82, x1: 280, y1: 95, op: "fill" as const };
    const side = { x0: 54, y0: 82, x1: 54.5, y1: 95, op: "fill" as const };
    const tables = findTables(
      paintedPage(runs, [
        [bar, "#c00000"],
        [side, "#ffffff"],
        [hrule(50, 280, 110), "#000000"],
      ]),
    );
    expect(tables.map(texts)).toEqual([[heads, vals]]);
  });

  it("a rule split under a header's words, left alone with one of them, is no column border", () => {
    // The rules over and under the table are split at 290 as well as where the cells meet (260, 320): only the
    // header "< 5%" reaches past 290, at a word space.
    const xs = [50, 150, 200, 260, 290, 320];
    const runs = [
      run("Rate", 55, 84),
      centred("> 20%", 175, 84),
      centred("5-20%", 230, 84),
      run("<", 282, 84),
      run("5%", 289.5, 84),
      run("Total", 330, 84),
      ...[1, 2, 3].flatMap((k, i) => [
        centred(String(k), 70, 100 + 14 * i),
        centred("19", 175, 100 + 14 * i),
        centred("27", 230, 100 + 14 * i),
        centred("5", 295, 100 + 14 * i),
        centred("77", 340, 100 + 14 * i),
      ]),
    ];
    const rules = paint([...splitRule([...xs, 360], 80), ...splitRule([50, 150, 200, 260, 320, 360], 96)]);
    const bottom = paint(splitRule([...xs, 360], 145));
    const tables = findTables(paintedPage(runs, [...rules, ...bottom]));
    expect(tables).toHaveLength(1);
    expect(texts(tables[0]!)[0]).toEqual(["Rate", "> 20%", "5-20%", "< 5%", "Total"]);
  });
});

describe("a row cut by a page break", () => {
  /** One page's part of a table: one-column cells 80 pt wide and 12 pt high. */
  const part = (page: number, rows: string[][], edge: "starts" | "ends"): PdfTable => ({
    page,
    box: { x0: 40, y0: 100, x1: 360, y1: 100 + 12 * rows.length },
    rows: rows.map((r, i) =>
      r.map(
        (text, j): RawCell => ({
          text,
          row_span: 1,
          col_span: 1,
          header: false,
          box: { page, x0: 40 + 80 * j, y0: 100 + 12 * i, x1: 120 + 80 * j, y1: 112 + 12 * i },
        }),
      ),
    ),
    runIds: [],
    continued: false,
    ...(edge === "starts" ? { startsPage: true, endsPage: false } : { startsPage: false, endsPage: true }),
  });
  const heights = new Map([
    [1, 842],
    [2, 842],
  ]);

  it("goes back into the row it continues when the next page's first row has no label and holds words", () => {
    const above = part(
      1,
      [
        ["Name", "English", "Note"],
        ["顶部发散", "Broadening", "极大值与极小值交"],
      ],
      "ends",
    );
    const below = part(
      2,
      [
        ["", "Bottoms", "替出现。"],
        ["双顶", "Double Tops", "两个波峰。"],
      ],
      "starts",
    );
    const [t] = mergeAcrossPages([above, below], heights);
    expect(texts(t!)).toEqual([
      ["Name", "English", "Note"],
      ["顶部发散", "Broadening Bottoms", "极大值与极小值交替出现。"],
      ["双顶", "Double Tops", "两个波峰。"],
    ]);
  });

  it("stays a row of its own when it holds values", () => {
    const above = part(
      1,
      [
        ["Name", "2024", "2025"],
        ["Revenue", "10.0", "12.0"],
      ],
      "ends",
    );
    const below = part(
      2,
      [
        ["", "3.0", "4.0"],
        ["EBIT", "2.0", "2.5"],
      ],
      "starts",
    );
    const [t] = mergeAcrossPages([above, below], heights);
    expect(t!.rows).toHaveLength(4);
  });

  it("stays a row of its own when its words stand under values (headings repeated without their corner)", () => {
    const above = part(
      1,
      [
        ["Fund", "Return", "Sharpe"],
        ["A", "10.0", "1.2"],
      ],
      "ends",
    );
    const below = part(
      2,
      [
        ["", "Return", "Sharpe ratio"],
        ["B", "8.0", "0.9"],
      ],
      "starts",
    );
    const [t] = mergeAcrossPages([above, below], heights);
    expect(t!.rows).toHaveLength(4);
  });
});
