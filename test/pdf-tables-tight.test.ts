// Cells that a PDF's text items or tight spacing run together (issue 14), on small constructed pages (PDF points,
// origin top-left, y down): one text item holding two cells' texts across a drawn cell border, and columns of
// figures a type size apart inside a band of background drawn over a group of columns.
import { describe, expect, it } from "vitest";
import type { PdfRect, PdfRun } from "../schemas/index.ts";
import { findTables, type PdfTable } from "../pipeline/stages/tables/pdf-tables.ts";
import { cutAtBorders } from "../pipeline/stages/tables/pdf-word-splits.ts";
import type { Line } from "../pipeline/stages/tables/pdf-text.ts";
import { paint, paintedPage, splitRule, textKit } from "./support/pdf-page.ts";

const { run, right, width } = textKit(8);
const texts = (t: PdfTable) => t.rows.map((r) => r.map((c) => c.text));

describe("a text item across a drawn cell border", () => {
  // Label column 50–150, then four value columns 40 points wide, every row ruled cell by cell.
  const XS = [50, 150, 190, 230, 270, 310];
  const rows = [
    ["Region", "1Q25", "2Q25", "3Q25", "4Q25"],
    ["North", "553", "524", "534", "532"],
    ["South", "1,359", "1,385", "1,402", "1,411"],
    ["West", "477", "(161)", "291", "253"],
    ["East", "2,064", "2,295", "1,129", "1,838"],
    ["Centre", "48,100", "49,268", "59,500", "59,200"],
    ["Total", "52,302", "56,125", "54,907", "55,536"],
  ];
  const rules = (n: number) => Array.from({ length: n + 1 }, (_, i) => splitRule(XS, 80 + 14 * i)).flat();

  it("is cut at the word space the border passes through: two cells, as printed", () => {
    // The exporter wrote the last two cells of the header and of the West row as one item each, right-aligned
    // texts whose space falls on the border at 270.
    const runs: PdfRun[] = rows.flatMap((r, i) => {
      const top = 83 + 14 * i;
      const joined = i === 0 || i === 3;
      const cells = r.slice(1).map((v, k) => right(v, XS[k + 2]! - 3, top));
      if (!joined) return [run(r[0]!, 53, top), ...cells];
      const text = `${r[3]} ${r[4]}`;
      // one character's width per character: the space sits at the border
      const x0 = 270 - width(`${r[3]} `) + width(" ") / 2;
      return [run(r[0]!, 53, top), cells[0]!, cells[1]!, run(text, x0, top)];
    });
    const [table] = findTables(paintedPage(runs, paint(rules(rows.length))));
    expect(texts(table!)).toEqual(rows);
  });

  it("cuts nothing where no border passes through a space (a word, or a space away from the border)", () => {
    const line = (text: string, x0: number): Line => {
      const p = { run: 0, text, x0, y0: 0, x1: x0 + width(text), y1: 8, size: 8 };
      return { pieces: [p], x0: p.x0, y0: 0, x1: p.x1, y1: 8, size: 8 };
    };
    // "Total revenue" crossing a border at its middle letter, and a border between the words but far off the space
    expect(cutAtBorders([line("Total revenue", 100)], [129])[0]!.pieces.map((p) => p.text)).toEqual(["Total revenue"]);
    expect(cutAtBorders([line("Total revenue", 100)], [110])[0]!.pieces.map((p) => p.text)).toEqual(["Total revenue"]);
    // the border through the space: two texts a word space apart
    const [a, b] = cutAtBorders([line("Total revenue", 100)], [122])[0]!.pieces;
    expect([a!.text, b!.text]).toEqual(["Total", "revenue"]);
    expect(b!.x0 - a!.x1).toBeGreaterThan(0.8);
    expect(b!.x0 - a!.x1).toBeLessThan(3.2);
  });
});

describe("figures a type size apart in a band of background over a group of columns", () => {
  // Two groups of three right-aligned columns, each group on its own shaded band (the first band under the labels
  // too; the sides of the bands are the only drawn boundaries); within a group the widest figures stand 6.5 points
  // (0.8 of the type size) apart.
  const groups = [
    [140, 174.5, 209],
    [280, 314.5, 349],
  ];
  const header = ["2025", "2026E", "2027E"];
  const values = [
    ["751,766", "826,524", "900,137", "749,905", "818,424", "888,201"],
    ["14%", "9.9%", "9%", "14%", "9%", "9%"],
    ["369,281", "396,615", "423,298", "366,455", "388,580", "411,963"],
  ];
  // (as spreadsheet exports paint them: the gap between the groups' bands is a white fill of its own)
  const bands = (): [PdfRect, string][] =>
    [80, 94, 108, 122].flatMap((top): [PdfRect, string][] => [
      [{ x0: 15, y0: top, x1: 215, y1: top + 12, op: "fill" }, "#cccccc"],
      [{ x0: 215, y0: top, x1: 242, y1: top + 12, op: "fill" }, "#ffffff"],
      [{ x0: 242, y0: top, x1: 355, y1: top + 12, op: "fill" }, "#cccccc"],
    ]);

  it("are columns of their own when every line's figures line up on their right edges", () => {
    const runs: PdfRun[] = [
      ...groups.flatMap((g) => g.map((x, k) => right(header[k]!, x, 82))),
      ...values.flatMap((row, i) => [
        run(["Total revenue", "Growth %", "VAS"][i]!, 20, 96 + 14 * i),
        ...row.map((v, k) => right(v, groups[Math.floor(k / 3)]![k % 3]!, 96 + 14 * i)),
      ]),
    ];
    const [table] = findTables(paintedPage(runs, bands()));
    expect(texts(table!)[1]).toEqual(["Total revenue", ...values[0]!]);
    expect(texts(table!).at(-1)).toEqual(["VAS", ...values[2]!]);
  });

  it("stay one cell where a grid's rules draw the cell: a value and its t-statistic side by side", () => {
    const XS = [50, 150, 230, 310];
    const cell = (v: string, t: string, mid: number, top: number) => {
      const w = width(v) + 6 + width(t);
      return [run(v, mid - w / 2, top), run(t, mid - w / 2 + width(v) + 6, top)];
    };
    const labels = ["Size", "Value", "Momentum", "Quality"];
    const runs: PdfRun[] = [
      run("Factor", 53, 83),
      right("Long", 190, 83),
      right("Short", 270, 83),
      ...labels.flatMap((l, i) => [
        run(l, 53, 97 + 14 * i),
        ...cell("12.50", "(3.10)", 190, 97 + 14 * i),
        ...cell("-0.75", "(1.24)", 270, 97 + 14 * i),
      ]),
    ];
    const rules = Array.from({ length: labels.length + 2 }, (_, i) => splitRule(XS, 80 + 14 * i)).flat();
    const [table] = findTables(paintedPage(runs, paint(rules)));
    expect(texts(table!).slice(1)).toEqual(labels.map((l) => [l, "12.50 (3.10)", "-0.75 (1.24)"]));
  });
});
