// Vector charts on tiny hand-built pages: bars on a calibrated axis, a line, series named by a legend, value labels,
// and charts that are not understood (uneven ticks, a time series) kept as pictures with the reason; the raster
// gate; the chart truth checker.
import { describe, expect, it } from "vitest";
import { buildCharts, type ChartContext } from "../pipeline/stages/charts.ts";
import { understood } from "../pipeline/stages/charts-gate.ts";
import { readVectorCharts } from "../pipeline/stages/charts-vector.ts";
import type { PdfPage, PdfPath, PdfRun } from "../schemas/index.ts";
import { checkTruth } from "./fixtures/chart-truth/check.ts";
import { existsSync } from "node:fs";
import { filledRect, pathPage } from "./support/pdf-page.ts";

const run = (text: string, x0: number, y0: number, x1 = x0 + 6 * text.length, size = 8): PdfRun => ({
  text,
  x0,
  y0,
  x1,
  y1: y0 + size,
  size,
  font: "f",
});
const rect = filledRect;
const line = (pts: [number, number][], stroke: string): PdfPath => ({
  x0: Math.min(...pts.map((p) => p[0])),
  y0: Math.min(...pts.map((p) => p[1])),
  x1: Math.max(...pts.map((p) => p[0])),
  y1: Math.max(...pts.map((p) => p[1])),
  op: "stroke",
  fill: null,
  stroke,
  subpaths: [pts.flat()],
});
/** Axis: 0/10/20/30/40 at y 300/250/200/150/100 (value = (300 − y) / 5), labels right-aligned at x 100, centred on their y. */
const ticks = (labels = ["40", "30", "20", "10", "0"], ys = [100, 150, 200, 250, 300]) =>
  labels.map((t, i) => run(t, 100 - 6 * t.length, ys[i]! - 4));
const grid = [100, 150, 200, 250, 300].map((y) =>
  line(
    [
      [104, y],
      [400, y],
    ],
    "#d9d9d9",
  ),
);
const cats = ["2021", "2022", "2023"].map((t, i) => run(t, 138 + 100 * i, 306, 162 + 100 * i));
const page = (runs: PdfRun[], paths: PdfPath[]) => pathPage(runs, paths, 2);

describe("vector charts", () => {
  it("reads bars standing on the zero line exactly against the axis", () => {
    const bars = [
      rect(140, 240, 160, 300, "#c00000"),
      rect(240, 175, 260, 300, "#c00000"),
      rect(340, 120, 360, 300, "#c00000"),
    ];
    const [c] = readVectorCharts(page([...ticks(), ...cats], [...grid, ...bars]));
    expect(c).toMatchObject({ kind: "bar", why: null });
    expect(c!.points.map((p) => [p.category, p.value, p.source])).toEqual([
      ["2021", 12, "geometry"],
      ["2022", 25, "geometry"],
      ["2023", 36, "geometry"],
    ]);
  });

  it("takes a printed value label that agrees with its bar, names grouped series from the legend", () => {
    const bars = [
      rect(135, 240, 148, 300, "#c00000"),
      rect(150, 200, 163, 300, "#4472c4"),
      rect(235, 175, 248, 300, "#c00000"),
      rect(250, 150, 263, 300, "#4472c4"),
      rect(335, 120, 348, 300, "#c00000"),
      rect(350, 100, 363, 300, "#4472c4"),
    ];
    const legend = [rect(150, 80, 156, 86, "#c00000"), rect(220, 80, 226, 86, "#4472c4")];
    const runs = [...ticks(), ...cats, run("收入", 158, 79), run("利润", 228, 79), run("12.0", 130, 228)];
    const [c] = readVectorCharts(page(runs, [...grid, ...bars, ...legend]));
    expect(c?.kind).toBe("bar");
    expect(c!.points).toHaveLength(6);
    expect(c!.points.find((p) => p.series === "收入" && p.category === "2021")).toMatchObject({
      value: 12,
      raw: "12.0",
      source: "label",
    });
    expect(c!.points.find((p) => p.series === "利润" && p.category === "2023")).toMatchObject({
      value: 40,
      source: "geometry",
    });
  });

  it("reads a line's vertices over the category labels", () => {
    const [c] = readVectorCharts(
      page(
        [...ticks(), ...cats],
        [
          ...grid,
          line(
            [
              [150, 250],
              [250, 200],
              [350, 170],
            ],
            "#ed7d31",
          ),
        ],
      ),
    );
    expect(c?.kind).toBe("line");
    expect(c!.points.map((p) => p.value)).toEqual([10, 20, 26]);
  });

  it("keeps a time series as a picture: more vertices than printed categories", () => {
    const pts = Array.from({ length: 60 }, (_, i) => [140 + 4 * i, 250 - (i % 7) * 5] as [number, number]);
    const [c] = readVectorCharts(page([...ticks(), ...cats], [...grid, line(pts, "#ed7d31")]));
    expect(c).toMatchObject({ kind: "picture", points: [] });
    expect(c!.why).toMatch(/x values are not printed/);
  });

  it("finds no axis when the ticks are unevenly spaced or do not step evenly: no data", () => {
    const bars = [rect(140, 240, 160, 300, "#c00000"), rect(240, 175, 260, 300, "#c00000")];
    expect(readVectorCharts(page([...ticks(["40", "30", "25", "10", "0"]), ...cats], [...grid, ...bars]))).toEqual([]);
    expect(readVectorCharts(page([...ticks(undefined, [100, 150, 210, 250, 300]), ...cats], [...bars]))).toEqual([]);
  });

  it("goes through the charts stage: captioned, sourced, a picture with an info problem when not understood", () => {
    const ctx: ChartContext = {
      captions: [
        {
          label: "图 3",
          title: "营业收入（亿元）",
          page: 2,
          box: { page: 2, x0: 80, y0: 70, x1: 300, y1: 80 },
          index: 1,
        },
      ],
      lines: [],
      boundaries: [],
      figures: [],
    };
    const bars = [
      rect(140, 240, 160, 300, "#c00000"),
      rect(240, 175, 260, 300, "#c00000"),
      rect(340, 120, 360, 300, "#c00000"),
    ];
    const { value } = buildCharts([], ctx, [page([...ticks(), ...cats], [...grid, ...bars])]);
    expect(value[0]).toMatchObject({ figure_id: "fig-3", kind: "bar", series: "营业收入", unit: "亿元" });
    expect(value[0]!.points[0]).toMatchObject({
      series: "营业收入",
      unit: "亿元",
      source: "geometry",
      confidence: 1,
      estimated: true,
    });
    const pts = Array.from({ length: 30 }, (_, i) => [140 + 8 * i, 250 - (i % 5) * 5] as [number, number]);
    const pic = buildCharts([], ctx, [page([...ticks(), ...cats], [...grid, line(pts, "#333333")])]);
    expect(pic.value[0]).toMatchObject({ kind: "picture", points: [] });
    expect(pic.problems.map((p) => p.code)).toContain("chart/not-understood");
  });
});

describe("raster gate", () => {
  const pt = (category: string, estimated = false) => ({ category, estimated });
  it("passes a reading that agrees with itself", () => {
    expect(understood({ points: [pt("2021"), pt("2022")], notes: [], ticks: [], scaled: false }, 2)).toBeNull();
  });
  it("refuses OCR noise as categories, dropped bars, repeated categories and an uneven axis", () => {
    expect(understood({ points: [pt("2021"), pt("—'")], notes: [], ticks: [], scaled: false }, 2)).toMatch(
      /not a category label/,
    );
    expect(understood({ points: [pt("2021"), pt("2022")], notes: [], ticks: [], scaled: false }, 5)).toMatch(
      /3 of 5 bars/,
    );
    expect(understood({ points: [pt("2021"), pt("2021")], notes: [], ticks: [], scaled: false }, 2)).toMatch(
      /same category/,
    );
    const uneven = [
      { y: 10, v: 40 },
      { y: 50, v: 30 },
      { y: 60, v: 20 },
    ];
    expect(understood({ points: [pt("2021", true), pt("2022")], notes: [], ticks: uneven, scaled: true }, 2)).toMatch(
      /not evenly spaced/,
    );
  });
});

describe.skipIf(!existsSync("../shared/fixtures/corpus"))("chart truth", () => {
  it("every truth file is well formed and its texts are on their pages' text layers", async () => {
    expect(await checkTruth()).toEqual([]);
  }, 120_000);
});
