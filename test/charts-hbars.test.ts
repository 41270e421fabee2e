// Horizontal bar charts in raster images, read from hand-made recognitions: a row is a category, then a value label
// where its bar ends; the labels' positions must agree with their values, else the image stays a picture.
import { describe, expect, it } from "vitest";
import { buildCharts, type ChartContext } from "../pipeline/stages/charts.ts";
import type { ImageOcr, OcrWord } from "../schemas/index.ts";
import { ocrWord } from "./support/ocr-words.ts";

const word = ocrWord;
const image = (words: OcrWord[]): ImageOcr => ({
  page: 2,
  index: 1,
  box: { page: 2, x0: 50, y0: 100, x1: 450, y1: 400 },
  width: 400,
  height: 300,
  scale: 1,
  sha256: "0".repeat(64),
  ocr: { status: "ok", message: null, width: 400, height: 300, words, confidence: 0.9 },
  bars: [],
  baseline: null,
});
const ctx: ChartContext = { captions: [], lines: [], boundaries: [], figures: [] };

/** Rows 40 px apart; names right-aligned at x 100; the axis at x 110, 5 px per unit; a label starts 6 px past its
 * bar's end, so a value v puts its label at x 116 + 5·v. */
const row = (name: string, label: string, i: number, labelX: number): OcrWord[] => [
  word(name, 100 - 10 * name.length, 20 + 40 * i, 100, 36 + 40 * i),
  word(label, labelX, 20 + 40 * i, labelX + 10 * label.length, 36 + 40 * i),
];
const at = (v: number) => 116 + 5 * v;
const bars = [
  ...row("Alpha", "40%", 0, at(40)),
  ...row("Beta", "25%", 1, at(25)),
  ...row("Gamma", "0%", 2, at(0)),
  ...row("Delta", "10%", 3, at(10)),
];
const read = (words: OcrWord[]) => buildCharts([image(words)], ctx).value[0]!;

describe("horizontal bar charts in images", () => {
  it("reads each row's category and the value printed at its bar's end", () => {
    const c = read(bars);
    expect(c.kind).toBe("bar");
    expect(c.unit).toBe("%");
    expect(c.points.map((p) => [p.category, p.value, p.source, p.estimated])).toEqual([
      ["Alpha", 40, "label", false],
      ["Beta", 25, "label", false],
      ["Gamma", 0, "label", false],
      ["Delta", 10, "label", false],
    ]);
    expect(c.points.every((p) => p.confidence === 0.9 && p.raw !== null)).toBe(true);
  });

  it("stops at a table under the bars: rows with two numbers are not bars", () => {
    const table = [
      word("Name:", 10, 200, 60, 216),
      word("0.70", 250, 200, 290, 216),
      word("0.84", 330, 200, 370, 216),
      ...row("Other", "12", 5, 300),
    ];
    const c = read([...bars, ...table]);
    expect(c.points.map((p) => p.category)).toEqual(["Alpha", "Beta", "Gamma", "Delta"]);
  });

  it("keeps a list of names and numbers standing in a column as a picture", () => {
    const list = [
      ...row("Alpha", "40", 0, 250),
      ...row("Beta", "25", 1, 250),
      ...row("Gamma", "5", 2, 260),
      ...row("Delta", "100", 3, 240),
    ];
    expect(read(list).kind).toBe("picture");
  });

  it("keeps a picture when one label stands far from where its value's bar would end", () => {
    const off = [...bars.slice(0, 6), ...row("Delta", "10%", 3, at(10) + 60)];
    expect(read(off).kind).toBe("picture");
  });

  it("needs three rows, different categories and one kind of value", () => {
    expect(read(bars.slice(0, 4)).kind).toBe("picture");
    const twice = [...bars.slice(0, 6), ...row("Alpha", "10%", 3, at(10))];
    expect(read(twice).kind).toBe("picture");
    const mixed = [...bars.slice(0, 6), ...row("Delta", "10", 3, at(10))];
    expect(read(mixed).kind).toBe("picture");
  });

  it("keeps a picture when the values would grow from an axis inside the category labels", () => {
    const left = (v: number) => 60 + 5 * v;
    const inside = [
      ...row("Alpha", "40%", 0, left(40)),
      ...row("Beta", "25%", 1, left(25)),
      ...row("Gamma", "30%", 2, left(30)),
      ...row("Delta", "10%", 3, left(10)),
    ];
    expect(read(inside).kind).toBe("picture");
  });
});
