// Checks for what no table was read from (checks-found.ts) and for tables cut at a page break or missing their
// label column (checks-page.ts), on small hand-made pages.
import { describe, expect, it } from "vitest";
import type { Figure, PdfPage, PdfRun, Table } from "../schemas/index.ts";
import { checkTables } from "../pipeline/stages/tables/checks.ts";
import { missedGrids, notFound } from "../pipeline/stages/tables/checks-found.ts";
import { continuedOverPage, labelsLeftOut } from "../pipeline/stages/tables/checks-page.ts";
import { testCell } from "./support/cells.ts";

/** A run 10 points high, 5 points a character. */
const run = (text: string, x0: number, y0: number): PdfRun => ({
  text,
  x0,
  y0,
  x1: x0 + 5 * text.length,
  y1: y0 + 10,
  size: 10,
  font: "F",
});
/** A run right-aligned at x. */
const right = (text: string, x: number, y0: number) => run(text, x - 5 * text.length, y0);
const page = (runs: PdfRun[], n = 1, images: PdfPage["images"] = []): PdfPage => ({
  page: n,
  width: 600,
  height: 800,
  runs,
  rects: [],
  images,
});
/** Lines of a label and three right-aligned numbers (columns ending at x 200, 260, 320), 14 points apart. */
const grid = (top: number, n = 3) =>
  Array.from({ length: n }, (_, i) => [
    run(`Row ${i}`, 50, top + 14 * i),
    right(`${i}.25`, 200, top + 14 * i),
    right(`-1${i}.5%`, 260, top + 14 * i),
    right(`(3.${i}1)`, 320, top + 14 * i),
  ]).flat();

/** A table of `rows` body rows on page 1 at the given box, its cells placed in three data columns. */
function placed(box: NonNullable<Table["box"]>, rows = 3, labels = true): Table {
  const h = 12;
  const cells = Array.from({ length: rows }, (_, row) =>
    [1, 2, 3].map((col) =>
      testCell({
        row,
        col,
        raw: `${row}.${col}`,
        value: row + col / 10,
        box: {
          page: box.page,
          x0: 100 + 60 * col,
          y0: box.y1 - h * (rows - row),
          x1: 150 + 60 * col,
          y1: box.y1 - h * (rows - row) + h,
        },
      }),
    ),
  ).flat();
  return {
    id: "table-1",
    label: null,
    title: "T",
    page: box.page,
    line: null,
    source: null,
    notes: [],
    unit: null,
    header_rows: 1,
    columns: [0, 1, 2, 3].map((col) => ({ col, path: col ? [`C${col}`] : [], role: col ? "data" : "label" })),
    rows: Array.from({ length: rows }, (_, row) => ({ row, path: labels ? [`R${row}`] : [], split_from: null })),
    grid: [],
    cells,
    box,
  } as Table;
}

describe("tables not found", () => {
  it("lines of numbers lined up in columns that lie in no table", () => {
    const runs = [run("表 3：因子测试结果", 50, 80), ...grid(100)];
    const [g, ...more] = missedGrids(page(runs), []);
    expect(more).toEqual([]);
    expect(g).toMatchObject({ lines: 3, columns: 3, caption: "表 3" });
    expect(g!.numbers[0]).toEqual(["0.25", "-10.5%", "(3.01)"]);
    // Read into a table: nothing is missed.
    expect(missedGrids(page(runs), [{ x0: 40, y0: 95, x1: 330, y1: 140 }])).toEqual([]);
    // One line is no table, nor are lines whose numbers do not line up.
    expect(missedGrids(page(grid(100, 1)), [])).toEqual([]);
    const shifted = grid(100, 2).map((r, i) => (i >= 4 ? { ...r, x0: r.x0 + 25, x1: r.x1 + 25 } : r));
    expect(missedGrids(page(shifted), [])).toEqual([]);
    // The problem names the caption and the page.
    const problems = notFound([], [page(runs, 4)]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: "table/not-found", severity: "error", page: 4, where: "表 3" });
    expect(problems[0]!.message).toMatch(/3 lines of numbers lined up in 3 columns under the caption 表 3/);
  });

  it("chart axes, phone numbers, periods and numbers in sentences are no table", () => {
    // Two charts side by side: a value axis at x 100 and one at x 300, a legend column at x 400 (1, 2, 3, 4).
    const axes = [0, 1, 2, 3, 4].flatMap((i) => [
      right(`${40 - 10 * i}`, 100, 100 + 20 * i),
      right(`${(8 - 2 * i).toFixed(1)}%`, 300, 100 + 20 * i),
      right(`${i + 1}`, 400, 100 + 20 * i),
    ]);
    expect(missedGrids(page(axes), [])).toEqual([]);
    // Contact lines: "+852 2600 8632" is one number in three pieces.
    const phones = [0, 1, 2].flatMap((i) => [
      run(`Analyst ${i}`, 50, 100 + 14 * i),
      run(`+852 2600 86${i}2`, 150, 100 + 14 * i),
    ]);
    expect(missedGrids(page(phones), [])).toEqual([]);
    // A category axis of years under each of two charts.
    const years = [0, 1].flatMap((i) =>
      ["2019", "2020", "2021", "2022"].map((y, k) => run(y, 60 + 60 * k, 300 + 14 * i)),
    );
    expect(missedGrids(page(years), [])).toEqual([]);
    // A list of figures: numbers inside the text of each entry.
    const list = [0, 1, 2].map((i) => run(`图 ${i + 1}：中证 800 指数 2019 收益 ${i + 5}`, 50, 100 + 14 * i));
    expect(missedGrids(page(list), [])).toEqual([]);
  });

  it("a table caption with no table on its page", () => {
    const fig = (label: string, caption: string | null = "因子测试结果"): Figure => ({
      label,
      title: "因子测试结果",
      page: 2,
      caption,
      line: null,
      source: null,
      content: "image",
      table_id: null,
    });
    const pages = [page([run("表 2：因子测试结果", 50, 80)], 2, [{ x0: 50, y0: 95, x1: 500, y1: 300 }])];
    const [p, ...more] = notFound([], pages, [fig("表 2")]);
    expect(more).toEqual([]);
    expect(p).toMatchObject({ code: "table/not-found", page: 2, where: "表 2" });
    expect(p!.message).toMatch(/printed as an image/);
    // A figure caption, an entry of a list of figures, or a caption whose table was read is no sign.
    expect(notFound([], pages, [fig("图 2")])).toEqual([]);
    expect(notFound([], pages, [fig("表 2", "因子测试结果........ 5")])).toEqual([]);
    expect(notFound([], pages, [fig("表 2", "因子测试结果........ - 5 -")])).toEqual([]);
    expect(notFound([], pages, [fig("表 2", null)])).toEqual([]);
    const read = placed({ page: 2, x0: 100, y0: 100, x1: 340, y1: 148 });
    expect(notFound([read], pages, [fig("表 2")])).toEqual([]);
    expect(notFound([{ ...read, label: "表 2", page: 3 }], pages, [fig("表 2")])).toEqual([]);
    // checkTables files them with the doubts.
    expect(checkTables([], pages, [fig("表 2")]).problems.map((q) => q.code)).toEqual(["table/not-found"]);
  });
});

describe("tables cut at the page break or without their labels", () => {
  it("a table at the foot of a page that goes on at the top of the next", () => {
    const t = placed({ page: 1, x0: 100, y0: 690, x1: 340, y1: 738 });
    const foot = page([run("Page 1 of 9", 280, 770)], 1);
    const rowsOn = page([run("Row 9", 105, 90), run("1.5", 165, 90), run("2.5", 225, 90), run("3.5", 285, 90)], 2);
    expect(continuedOverPage(t, foot, rowsOn)).toBe(true);
    expect(checkTables([t], [foot, rowsOn]).problems[0]!.message).toMatch(/ends at the foot of the page/);
    // A sentence with numbers in it, a table followed by its source line, or one ending mid-page: no doubt.
    const sentence = page([run("In 2019 the 3 factors rose by 4.5 and 6.5 points", 105, 90)], 2);
    expect(continuedOverPage(t, foot, sentence)).toBe(false);
    const source = page([run("Source: company data", 100, 752), run("Page 1 of 9", 280, 770)], 1);
    expect(continuedOverPage(t, source, rowsOn)).toBe(false);
    const high = placed({ page: 1, x0: 100, y0: 300, x1: 340, y1: 348 });
    expect(continuedOverPage(high, foot, rowsOn)).toBe(false);
    expect(continuedOverPage(t, foot, undefined)).toBe(false);
    // A table of text whose next page opens with a running header printed on both pages: furniture, not rows.
    const text: Table = { ...t, cells: t.cells.map((c) => ({ ...c, raw: "text", value: null })) };
    const header = [run("Asia", 165, 85), run("Research", 225, 85)];
    expect(continuedOverPage(text, page([...foot.runs, ...header], 1), page(header, 2))).toBe(false);
    expect(continuedOverPage(text, foot, page(header, 2))).toBe(true);
  });

  it("a table of values whose row labels are printed just left of it", () => {
    const t = placed({ page: 1, x0: 160, y0: 100, x1: 340, y1: 136 }, 3, false);
    const labels = page([run("Abs", 140, 101), run("Rel", 140, 113), run("Vol", 140, 125)]);
    expect(labelsLeftOut(t, labels)).toBe(3);
    expect(checkTables([t], [labels]).problems[0]!.message).toMatch(/no row labels but text is printed just left/);
    // Labels read, text far off, or not on the rows: no doubt.
    expect(labelsLeftOut({ ...t, rows: t.rows.map((r) => ({ ...r, path: ["x"] })) }, labels)).toBe(0);
    expect(labelsLeftOut(t, page([run("Abs", 20, 101), run("Rel", 20, 113), run("Vol", 20, 125)]))).toBe(0);
    expect(labelsLeftOut(t, page([run("Abs", 140, 60), run("Rel", 140, 150)]))).toBe(0);
    // Lines of a paragraph beside the table, at its row pitch: long pieces, no labels.
    const prose = [101, 113, 125].map((y) => run("the factor rose again in the year", 150 - 5 * 33, y));
    expect(labelsLeftOut(t, page(prose))).toBe(0);
  });
});
