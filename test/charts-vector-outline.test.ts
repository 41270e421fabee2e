// Category labels drawn as glyph outlines on tiny hand-built pages: the outline filled level (a counter stays paper),
// the angle a label is set at, glyph paths grouped into labels, the run that stands for a label read, the sheet of
// labels read by a stand-in engine (a chart is read whole or stays a picture) and the chart read with the runs.
import { describe, expect, it } from "vitest";
import { rasterOutline, readOutlines } from "../pipeline/ocr/outline.ts";
import type { OcrJob, OcrOutcome } from "../pipeline/ocr/pool.ts";
import { directionOf, labelsOf, outlinedCategoryLabels, outlineRun } from "../pipeline/stages/charts-vector-outline.ts";
import { vectorCharts } from "../pipeline/stages/charts-vector-stage.ts";
import { readVectorCharts } from "../pipeline/stages/charts-vector.ts";
import type { OcrWord, PdfPath } from "../schemas/index.ts";
import { ocrWord } from "./support/ocr-words.ts";
import { chartRun, filledRect, pathPage } from "./support/pdf-page.ts";

const run = (text: string, x0: number, y0: number, size = 8) => chartRun(text, x0, y0, size, 6);
/** Axis 0…40 at y 300…100, labels right-aligned at x 100. */
const ticks = ["40", "30", "20", "10", "0"].map((t, i) => run(t, 100 - 6 * t.length, 96 + 50 * i));
const bars = [filledRect(140, 240, 160, 300, "#c00000"), filledRect(240, 175, 260, 300, "#c00000")];

/** A square glyph of side 5 centred at (cx, cy), turned by `deg` counter-clockwise on the page (y down). */
const square = (cx: number, cy: number, deg: number, side = 5): number[] => {
  const t = (deg * Math.PI) / 180;
  const corners = [
    [-1, -1],
    [1, -1],
    [1, 1],
    [-1, 1],
    [-1, -1],
  ];
  return corners.flatMap(([u, v]) => {
    const [x, y] = [(u! * side) / 2, (v! * side) / 2];
    return [cx + x * Math.cos(t) + y * Math.sin(t), cy - x * Math.sin(t) + y * Math.cos(t)];
  });
};
/** A label of `n` glyphs rising at 45° from its lower-left glyph at (x, y), as one filled path. */
const label45 = (x: number, y: number, n = 3): PdfPath => {
  const subpaths = Array.from({ length: n }, (_, k) => square(x + 4.6 * k, y - 4.6 * k, 45));
  const xs = subpaths.flatMap((s) => s.filter((_, i) => i % 2 === 0));
  const ys = subpaths.flatMap((s) => s.filter((_, i) => i % 2 === 1));
  return {
    x0: Math.min(...xs),
    y0: Math.min(...ys),
    x1: Math.max(...xs),
    y1: Math.max(...ys),
    op: "fill",
    fill: "#000000",
    stroke: null,
    subpaths,
  };
};
const outlinedPage = () => pathPage(ticks, [...bars, label45(140, 318), label45(240, 318)], 3);

/** A stand-in engine that reads the given texts, one a line of the sheet, in the order the labels were stacked. */
const engine = (texts: string[], confidence = 0.9) => ({
  recognize: async (job: OcrJob): Promise<OcrOutcome> => {
    const { height } = job.prepare();
    const pitch = height / texts.length;
    const words: OcrWord[] = texts.map((t, k) => ({
      ...ocrWord(t, 30, Math.round(k * pitch + pitch / 3), 90, Math.round(k * pitch + pitch / 2), confidence),
      line: k,
    }));
    return {
      result: { status: "ok", message: null, width: 100, height, words, confidence },
      aux: {},
      cached: false,
    };
  },
});

describe("outlined category labels", () => {
  it("fills an outline level and black, its counter paper", () => {
    const ring = [
      [0, 0, 10, 0, 10, 10, 0, 10, 0, 0],
      [3, 3, 7, 3, 7, 7, 3, 7, 3, 3],
    ];
    const img = rasterOutline(ring, 0, 2);
    const at = (x: number, y: number) => img.data[y * img.width + x];
    const pad = Math.round(0.4 * 10 * 2);
    expect(at(pad + 2, pad + 2)).toBe(0);
    expect(at(pad + 10, pad + 10)).toBe(255);
    expect(at(0, 0)).toBe(255);
  });

  it("turns a label set at 45° level: its glyphs side by side on one row", () => {
    const img = rasterOutline(label45(0, 0).subpaths, 45, 4);
    const inked = (y: number) => Array.from(img.data.subarray(y * img.width, (y + 1) * img.width)).some((v) => v === 0);
    const rows = Array.from({ length: img.height }, (_, y) => inked(y)).filter(Boolean).length;
    // three squares of side 5 in a row: ink 5 pt high (not 3 × 5 stacked), the image three times wider than tall
    expect(rows).toBeGreaterThanOrEqual(19);
    expect(rows).toBeLessThanOrEqual(21);
    expect(img.width).toBeGreaterThan(2 * img.height);
  });

  it("finds the angle a label's text runs at from its glyphs; one glyph says nothing", () => {
    expect(directionOf(label45(0, 100).subpaths)).toBe(45);
    const falling = [0, 1, 2].map((k) => square(10 + 4.6 * k, 50 + 4.6 * k, -45));
    expect(directionOf(falling)).toBe(-45);
    const level = [0, 1, 2].map((k) => square(10 + 6 * k, 50, 0));
    expect(directionOf(level)).toBe(0);
    expect(directionOf([square(0, 0, 0)])).toBeNull();
  });

  it("groups glyph paths into labels and gives every label the chart's angle", () => {
    const glyphs = (x: number): PdfPath[] =>
      label45(x, 318).subpaths.map((sp) => ({ ...label45(x, 318), subpaths: [sp] }));
    const labels = labelsOf([...glyphs(140), ...glyphs(240)]);
    expect(labels).toHaveLength(2);
    expect(labels.map((l) => l.angle)).toEqual([45, 45]);
    expect(labels.map((l) => l.subpaths.length)).toEqual([3, 3]);
  });

  it("places the run of a label read at the label's lower-left end, set at its angle", () => {
    const [label] = labelsOf([label45(140, 318)]);
    const r = outlineRun(label!, "FY24");
    expect(r.angle).toBe(45);
    const base = r.y1 - 0.12 * r.size;
    // the first glyph's lower-left corner in the label's frame is the diamond's bottom tip (140, 318 + 2.5·√2)
    expect(r.x0).toBeCloseTo(140, 1);
    expect(base).toBeCloseTo(321.54, 1);
    // it runs up the label: its end is the last glyph's lower-right corner
    expect(r.x0 + (r.x1 - r.x0) * Math.cos(Math.PI / 4)).toBeCloseTo(140 + 2 * 4.6 + 3.54, 1);
    // glyphs 5 pt high are capitals of a 5 / 0.72 pt type
    expect(r.size).toBeCloseTo(5 / 0.72, 1);
  });

  it("reads the chart's labels and the chart with them; a chart unread stays a picture", async () => {
    const page = outlinedPage();
    expect(readVectorCharts(page)[0]?.why).toMatch(/glyph outlines/);
    expect(outlinedCategoryLabels(page)).toHaveLength(1);
    const read = await readOutlines(engine(["FY24", "FY25"], 0.8), page);
    expect(read.map((o) => [o.page, o.run.text, o.confidence])).toEqual([
      [3, "FY24", 0.8],
      [3, "FY25", 0.8],
    ]);
    const [chart] = vectorCharts([page], () => null, read).value.map((v) => v.chart);
    expect(chart?.kind).toBe("bar");
    // measured values, no surer than the axis fit (0.9: ticks not snapped to grid lines) nor the labels' reading
    expect(chart!.points.map((p) => [p.category, p.value, p.confidence])).toEqual([
      ["FY24", 12, 0.8],
      ["FY25", 25, 0.8],
    ]);
  });

  it("takes no label of a chart when one is unsure or two read the same", async () => {
    expect(await readOutlines(engine(["FY24", "FY25"], 0.5), outlinedPage())).toEqual([]);
    expect(await readOutlines(engine(["FY24", "FY24"]), outlinedPage())).toEqual([]);
  });
});
