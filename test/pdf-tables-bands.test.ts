// Tables with no rules at all, headed by a band of coloured cell backgrounds (sell-side financial statements), on
// small constructed pages (PDF points, origin top-left, y down).
import { describe, expect, it } from "vitest";
import type { PdfPage, PdfRect, PdfRun } from "../schemas/index.ts";
import { findTables, mergeAcrossPages, type PdfTable } from "../pipeline/stages/tables/pdf-tables.ts";

const SIZE = 8;
const width = (text: string) => text.length * 0.5 * SIZE;
const run = (text: string, x0: number, top: number): PdfRun => ({
  text,
  x0,
  y0: top,
  x1: x0 + width(text),
  y1: top + SIZE,
  size: SIZE,
  font: "F1",
});
const right = (text: string, x1: number, top: number): PdfRun => run(text, x1 - width(text), top);
/** A header band: one filled box per column, no rule anywhere. */
const band = (xs: number[], top: number, height = 14): PdfRect[] =>
  xs.slice(1).map((x, i) => ({ x0: xs[i]!, y0: top, x1: x, y1: top + height, op: "fill" }));
const page = (runs: PdfRun[], rects: PdfRect[], n = 1): PdfPage => ({
  page: n,
  width: 595,
  height: 842,
  runs,
  rects,
  images: [],
});
const texts = (t: PdfTable) => t.rows.map((r) => r.map((c) => c.text));

const XS = [40, 200, 280, 360, 440, 520];
const YEARS = ["2023A", "2024A", "2025E", "2026E"];
/** A statement: its band with the title and years, then rows of a label and four right-aligned numbers. */
function statement(
  title: string,
  top: number,
  rows: string[][],
  gapAfter = -1,
): { runs: PdfRun[]; rects: PdfRect[]; bottom: number } {
  const runs = [run(title, 44, top + 3), ...YEARS.map((y, i) => right(y, XS[i + 2]! - 4, top + 3))];
  let y = top + 18;
  rows.forEach((r, i) => {
    runs.push(run(r[0]!, 44, y), ...r.slice(1).map((v, k) => right(v, XS[k + 2]! - 4, y)));
    y += i === gapAfter ? 22 : 11; // a blank row inside the body
  });
  return { runs, rects: band(XS, top), bottom: y };
}
const numbers = (label: string, k: number) => [
  label,
  ...YEARS.map((_, i) => `${(k * 100 + i * 7).toLocaleString("en")}`),
];

describe("tables under a header band, without rules", () => {
  it("is found, with its body down to the last row that keeps to the columns", () => {
    const s = statement("INCOME STATEMENT", 100, [
      numbers("Revenue", 6),
      numbers("Gross profit", 3),
      ["Others", "(12)", "0", "4", "(3)"],
      numbers("Net profit", 1),
    ]);
    const tables = findTables(
      page(
        [...s.runs, run("The outlook stays positive, as the text under the table says at length.", 40, s.bottom + 30)],
        s.rects,
      ),
    );
    expect(tables).toHaveLength(1);
    expect(texts(tables[0]!)).toEqual([
      ["INCOME STATEMENT", ...YEARS],
      numbers("Revenue", 6),
      numbers("Gross profit", 3),
      ["Others", "(12)", "0", "4", "(3)"],
      numbers("Net profit", 1),
    ]);
  });

  it("a blank row inside the body does not end the table", () => {
    const s = statement(
      "BALANCE SHEET",
      100,
      [
        numbers("Current assets", 5),
        numbers("Total assets", 9),
        numbers("Current liabilities", 2),
        numbers("Total liabilities", 4),
      ],
      1,
    );
    const [table] = findTables(page(s.runs, s.rects));
    expect(texts(table!).map((r) => r[0])).toEqual([
      "BALANCE SHEET",
      "Current assets",
      "Total assets",
      "Current liabilities",
      "Total liabilities",
    ]);
  });

  it("the next band starts the next table; neither takes the other's rows", () => {
    const a = statement("INCOME STATEMENT", 100, [numbers("Revenue", 6), numbers("Net profit", 1)]);
    const b = statement("BALANCE SHEET", a.bottom + 12, [numbers("Total assets", 9), numbers("Total equity", 5)]);
    const tables = findTables(page([...a.runs, ...b.runs], [...a.rects, ...b.rects]));
    expect(tables.map((t) => texts(t).map((r) => r[0]))).toEqual([
      ["INCOME STATEMENT", "Revenue", "Net profit"],
      ["BALANCE SHEET", "Total assets", "Total equity"],
    ]);
  });

  it("a statement on the next page under the same years is the next table, not a continuation", () => {
    const rows = Array.from({ length: 60 }, (_, i) => numbers(`Item ${i}`, i + 1));
    const a = statement("BALANCE SHEET", 60, rows);
    const b = statement("CASH FLOW", 40, [numbers("Operating", 2), numbers("Investing", 3)]);
    const [first] = findTables(page(a.runs, a.rects, 1));
    const [second] = findTables(page(b.runs, b.rects, 2));
    const merged = mergeAcrossPages(
      [first!, second!],
      new Map([
        [1, 842],
        [2, 842],
      ]),
    );
    expect(merged.map((t) => texts(t)[0]![0])).toEqual(["BALANCE SHEET", "CASH FLOW"]);
  });
});

/** A hairline rule split at the column boundaries, as statement tables rule every row. */
const splitRule = (y: number): PdfRect[] =>
  XS.slice(1).map((x, i) => ({ x0: XS[i]!, y0: y, x1: x - 0.5, y1: y + 0.4, op: "fill" }));
const wholeRule = (y: number, thick = 0.4): PdfRect => ({
  x0: XS[0]!,
  y0: y,
  x1: XS[XS.length - 1]!,
  y1: y + thick,
  op: "fill",
});
/** A statement ruled between every row: a title line, the headings over a heavy whole rule, rows between split rules. */
function ruled(title: string, top: number, rows: string[][]): { runs: PdfRun[]; rects: PdfRect[]; bottom: number } {
  const runs = [
    run(title, 44, top),
    run("Year to 31 December", 44, top + 12),
    ...YEARS.map((y, i) => right(y, XS[i + 2]! - 4, top + 12)),
  ];
  const rects = [wholeRule(top + 22, 1.2)];
  let y = top + 25;
  for (const r of rows) {
    runs.push(run(r[0]!, 44, y), ...r.slice(1).map((v, k) => right(v, XS[k + 2]! - 4, y)));
    rects.push(...splitRule(y + 10));
    y += 11;
  }
  return { runs, rects, bottom: y };
}

describe("statements ruled between every row", () => {
  it("the headings above a heavy whole rule are the header; the title line above them is not a row", () => {
    const s = ruled("Profit & Loss (Rmbm)", 100, [numbers("Revenue", 6), numbers("Cogs", 3), numbers("Net profit", 1)]);
    const [table, ...rest] = findTables(page(s.runs, s.rects));
    expect(rest).toEqual([]);
    expect(texts(table!)).toEqual([
      ["Year to 31 December", ...YEARS],
      numbers("Revenue", 6),
      numbers("Cogs", 3),
      numbers("Net profit", 1),
    ]);
  });

  it("a second block repeating the headings under its own title is a table of its own", () => {
    const a = ruled("Balance sheet (Rmbm)", 100, [numbers("Cash", 6), numbers("Total assets", 9)]);
    const b = ruled("Balance sheet ratios", a.bottom + 4, [numbers("ROE", 2), numbers("ROA", 1)]);
    const frame = [
      { x0: XS[0]!, y0: 95, x1: XS[XS.length - 1]!, y1: 95.4, op: "fill" as const },
      { x0: XS[0]!, y0: b.bottom + 2, x1: XS[XS.length - 1]!, y1: b.bottom + 2.4, op: "fill" as const },
    ];
    const tables = findTables(page([...a.runs, ...b.runs], [...a.rects, ...b.rects, ...frame]));
    expect(tables).toHaveLength(2);
    const labels = tables.map((t) => texts(t).map((r) => r[0]));
    expect(labels[0]).toEqual(expect.arrayContaining(["Cash", "Total assets"]));
    expect(labels[0]).not.toEqual(expect.arrayContaining(["ROE"]));
    expect(labels[0]).not.toContain("Balance sheet ratios");
    expect(labels[1]).toEqual(expect.arrayContaining(["ROE", "ROA"]));
    expect(labels[1]).not.toContain("Cash");
  });
});

describe("statements side by side", () => {
  it("a rule over and under two statements printed side by side frames two tables, not one", () => {
    const hr = (x0: number, x1: number, y: number): PdfRect => ({ x0, y0: y, x1, y1: y + 0.4, op: "fill" });
    const side = (x0: number, title: string, labels: string[]) => {
      const cols = [x0 + 110, x0 + 150, x0 + 190, x0 + 230];
      const runs = [run(title, x0 + 2, 102), ...YEARS.map((y, i) => right(y, cols[i]!, 102))];
      labels.forEach((l, r) =>
        runs.push(run(l, x0 + 2, 116 + 11 * r), ...cols.map((c, i) => right(`${(r + 1) * 10 + i}`, c, 116 + 11 * r))),
      );
      return { runs, rects: [hr(x0, x0 + 235, 112), hr(x0, x0 + 235, 159)] };
    };
    const left = side(40, "Income Statement", ["Revenue", "Costs", "Profit", "Tax"]);
    const right_ = side(300, "Cash Flow", ["Operating", "Investing", "Financing", "Net"]);
    const frame = [hr(40, 535, 98), hr(40, 535, 162)];
    const tables = findTables(page([...left.runs, ...right_.runs], [...left.rects, ...right_.rects, ...frame]));
    expect(tables.map((t) => texts(t)[0]![0])).toEqual(["Income Statement", "Cash Flow"]);
    expect(tables.map((t) => texts(t).length)).toEqual([5, 5]);
  });
});
