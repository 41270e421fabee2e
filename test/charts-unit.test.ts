// The charts stage on hand-made recognitions: positions, not word order, decide category and value; missing
// labels are estimated from bar heights against the axis ticks; lost decimal points are restored; pictures give
// no data; the text next to the chart confirms or contradicts a value.
import { describe, expect, it } from "vitest";
import { buildCharts, fitAxis, parseNumber, splitUnit, type ChartContext } from "../pipeline/stages/charts.ts";
import type { ImageOcr, OcrWord } from "../schemas/index.ts";
import { ocrWord } from "./support/ocr-words.ts";

const word = ocrWord;

/** A 400×300 px column chart: axis ticks 0/50/100 at y 250/150/50 (value = (250 - y) / 2), bars on baseline 250. */
function chart(words: OcrWord[]): ImageOcr {
  return {
    page: 3,
    index: 1,
    box: { page: 3, x0: 50, y0: 100, x1: 450, y1: 400 },
    width: 400,
    height: 300,
    scale: 1,
    sha256: "0".repeat(64),
    ocr: { status: "ok", message: null, width: 400, height: 300, words, confidence: 0.9 },
    bars: [
      { x0: 100, y0: 170, x1: 140, y1: 250 },
      { x0: 200, y0: 110, x1: 240, y1: 250 },
      { x0: 300, y0: 90, x1: 340, y1: 250 },
    ],
    baseline: 250,
  };
}
const ticks = [word("100", 20, 44, 45, 56), word("50", 28, 144, 45, 156), word("0", 36, 244, 45, 256)];
const categories = [
  word("2022", 104, 258, 136, 270),
  word("2023", 204, 258, 236, 270),
  word("2024", 304, 258, 336, 270),
];
const title = [word("营业收入", 60, 5, 120, 20), word("（亿元）", 122, 5, 170, 20)];
const ctx = (lines: string[] = []): ChartContext => ({
  captions: [
    { label: "图 7", title: "公司营业收入", page: 3, box: { page: 3, x0: 50, y0: 80, x1: 300, y1: 92 }, index: 10 },
  ],
  lines: lines.map((text, i) => ({ text, page: 3, index: 5 + i })),
  boundaries: [],
  figures: [],
});

describe("bar charts", () => {
  it("reads categories, values, series and unit by position, whatever the word order", () => {
    const labels = [word("40.0", 108, 155, 132, 167), word("70.0", 208, 95, 232, 107), word("80.0", 308, 75, 332, 87)];
    const { value: charts, problems } = buildCharts(
      [chart([...labels.reverse(), ...categories.reverse(), ...ticks, ...title])],
      ctx(),
    );
    const c = charts[0]!;
    expect(c).toMatchObject({ figure_id: "fig-7", label: "图 7", kind: "bar", series: "营业收入", unit: "亿元" });
    expect(c.points.map((p) => [p.category, p.value, p.estimated])).toEqual([
      ["2022", 40, false],
      ["2023", 70, false],
      ["2024", 80, false],
    ]);
    expect(c.points[0]!.raw).toBe("40.0");
    expect(problems).toEqual([]);
  });

  it("estimates a value without a label from the bar height and marks it", () => {
    const labels = [word("40.0", 108, 155, 132, 167), word("80.0", 308, 75, 332, 87)];
    const { value: charts, problems } = buildCharts([chart([...labels, ...categories, ...ticks, ...title])], ctx());
    const p = charts[0]!.points[1]!;
    expect(p).toMatchObject({ category: "2023", value: 70, estimated: true, raw: null });
    expect(problems.map((x) => x.code)).toContain("chart/value-estimated");
  });

  it("restores a decimal point lost in recognition when the bar height agrees", () => {
    const labels = [word("400", 108, 155, 132, 167), word("70.0", 208, 95, 232, 107), word("80.0", 308, 75, 332, 87)];
    const { value: charts, problems } = buildCharts([chart([...labels, ...categories, ...ticks, ...title])], ctx());
    expect(charts[0]!.points[0]).toMatchObject({ value: 40, raw: "400", estimated: false });
    expect(problems.map((x) => x.code)).toContain("chart/label-repaired");
  });

  it("confirms or contradicts a value the paragraph before the caption states", () => {
    const labels = [word("40.0", 108, 155, 132, 167), word("70.0", 208, 95, 232, 107), word("80.0", 308, 75, 332, 87)];
    const text = ["公司 2023 年营业收入为 70 亿元，同比增长。2024 营业收入为 85 亿元。"];
    const { value: charts, problems } = buildCharts([chart([...labels, ...categories, ...ticks, ...title])], ctx(text));
    expect(charts[0]!.points.map((p) => p.check)).toEqual([null, "confirmed", "contradicted"]);
    expect(problems.map((p) => p.code)).toContain("chart/contradicted");
  });

  it("an image without bars is a picture: text kept, no data", () => {
    const im = {
      ...chart([word("示意图", 150, 140, 250, 160), word("Gemini", 80, 100, 150, 120)]),
      bars: [],
      baseline: null,
    };
    const { value: charts } = buildCharts([im], ctx());
    expect(charts[0]).toMatchObject({ kind: "picture", points: [], text: "Gemini 示意图" });
  });
});

describe("helpers", () => {
  it("parses numbers as labels print them", () => {
    expect(parseNumber("1,234.5")).toBe(1234.5);
    expect(parseNumber("”176.5")).toBe(176.5);
    expect(parseNumber("12%")).toBe(12);
    expect(parseNumber("2021Q2")).toBeNull();
  });
  it("splits the unit off a title, also with a misread bracket", () => {
    expect(splitUnit("Meta 资本性支出（亿美元）")).toEqual({ series: "Meta 资本性支出", unit: "亿美元" });
    expect(splitUnit("Google 资本性支出〈亿美元)")).toEqual({ series: "Google 资本性支出", unit: "亿美元" });
    expect(splitUnit("收入 单位：亿元")).toEqual({ series: "收入", unit: "亿元" });
    expect(splitUnit("Sora 视频生成效果")).toEqual({ series: "Sora 视频生成效果", unit: null });
  });
  it("fits an axis only when values grow upwards on a line", () => {
    expect(
      fitAxis([
        { y: 250, v: 0 },
        { y: 150, v: 50 },
      ])!.at(200),
    ).toBeCloseTo(25);
    expect(
      fitAxis([
        { y: 250, v: 50 },
        { y: 150, v: 0 },
      ]),
    ).toBeNull();
    expect(fitAxis([{ y: 250, v: 0 }])).toBeNull();
  });
});
