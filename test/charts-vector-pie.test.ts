// Vector pies, thin stack segments and outlined labels on tiny hand-built pages: a pie's slices named from its
// legend (by colour, or by order when one colour is reported for all) with its printed percentages; a pie whose
// labels disagree with its angles stays a picture; a 0% segment drawn as a hairline on a stack gives no point; a
// chart whose category labels are glyph outlines says so; a chart's own legend; a partial reading stays a picture.
import { describe, expect, it } from "vitest";
import { readPies } from "../pipeline/stages/charts-vector-pie.ts";
import { readVectorCharts } from "../pipeline/stages/charts-vector.ts";
import type { PdfPage, PdfPath, PdfRun } from "../schemas/index.ts";
import { chartRun, pathPage } from "./support/pdf-page.ts";

const run = (text: string, x0: number, y0: number, size = 8) => chartRun(text, x0, y0, size, 0.6 * size);
const filled = (pts: number[], fill: string): PdfPath => {
  const xs = pts.filter((_, k) => k % 2 === 0);
  const ys = pts.filter((_, k) => k % 2 === 1);
  return {
    x0: Math.min(...xs),
    y0: Math.min(...ys),
    x1: Math.max(...xs),
    y1: Math.max(...ys),
    op: "fill",
    fill,
    stroke: null,
    subpaths: [pts],
  };
};
const rect = (x0: number, y0: number, x1: number, y1: number, fill: string) =>
  filled([x0, y0, x1, y0, x1, y1, x0, y1, x0, y0], fill);
const page = (runs: PdfRun[], paths: PdfPath[]) => pathPage(runs, paths);

/** A slice from angle a to b (degrees clockwise from 12 o'clock) of the pie at 200,200 radius 50, its arc by
 * end points every 30°. */
function slice(a: number, b: number, fill: string): PdfPath {
  const at = (d: number) => [200 + 50 * Math.sin((d * Math.PI) / 180), 200 - 50 * Math.cos((d * Math.PI) / 180)];
  const arc: number[] = [];
  for (let d = a; d < b; d += 30) arc.push(...at(d));
  arc.push(...at(b));
  return filled([...arc, 200, 200, ...arc.slice(0, 2)], fill);
}
/** A label outside the pie at the middle angle of a slice. */
const labelAt = (text: string, mid: number) =>
  run(text, 200 + 65 * Math.sin((mid * Math.PI) / 180) - 6, 200 - 65 * Math.cos((mid * Math.PI) / 180) - 4);
const legend = (names: string[], colours: string[]) => [
  ...names.map((n, i) => run(n, 300, 150 + 15 * i)),
  ...colours.map((c, i) => rect(290, 151 + 15 * i, 296, 157 + 15 * i, c)),
];

describe("vector pies", () => {
  const slices = [slice(0, 180, "#ff0000"), slice(180, 288, "#00ff00"), slice(288, 360, "#0000ff")];
  const labels = [labelAt("50%", 90), labelAt("30%", 234), labelAt("20%", 324)];

  it("names slices by their legend colour and takes the printed percentages", () => {
    const lg = legend(["A", "B", "C"], ["#00ff00", "#ff0000", "#0000ff"]);
    const runs = [...labels, ...lg.filter((x): x is PdfRun => "text" in x)];
    const paths = [...slices, ...lg.filter((x): x is PdfPath => "op" in x)];
    const [pie] = readPies(page(runs, paths));
    expect(pie?.why).toBeNull();
    expect(pie?.kind).toBe("pie");
    expect(pie?.points.map((p) => [p.category, p.value, p.source])).toEqual([
      ["B", 50, "label"],
      ["A", 30, "label"],
      ["C", 20, "label"],
    ]);
  });

  it("names slices in legend order when every slice reports one colour", () => {
    const one = slices.map((s) => ({ ...s, fill: "#4f81bd" }));
    const lg = legend(["A", "B", "C"], ["#4f81bd", "#4f81bd", "#4f81bd"]);
    const runs = [...labels, ...lg.filter((x): x is PdfRun => "text" in x)];
    const [pie] = readPies(page(runs, [...one, ...lg.filter((x): x is PdfPath => "op" in x)]));
    expect(pie?.points.map((p) => [p.category, p.value])).toEqual([
      ["A", 50],
      ["B", 30],
      ["C", 20],
    ]);
  });

  it("names slices by the words printed over their percentages when there is no legend", () => {
    const named = [
      ...labels,
      ...["Games", "Ads", "Cloud"].map((n, i) => {
        const l = labels[i]!;
        return run(n, l.x0 - 2, l.y0 - 8);
      }),
    ];
    const [pie] = readPies(page(named, slices));
    expect(pie?.points.map((p) => [p.category, p.value])).toEqual([
      ["Games", 50],
      ["Ads", 30],
      ["Cloud", 20],
    ]);
  });

  it("pairs a label on a leader line with its slice, not the slice it stands beside", () => {
    // the 20% label of the last slice (288°–360°) stands at 20°, over the first slice
    const moved = [labelAt("50%", 90), labelAt("30%", 234), labelAt("20%", 20)];
    const lg = legend(["A", "B", "C"], ["#ff0000", "#00ff00", "#0000ff"]);
    const runs = [...moved, ...lg.filter((x): x is PdfRun => "text" in x)];
    const [pie] = readPies(page(runs, [...slices, ...lg.filter((x): x is PdfPath => "op" in x)]));
    expect(pie?.points.map((p) => [p.category, p.value])).toEqual([
      ["A", 50],
      ["B", 30],
      ["C", 20],
    ]);
  });

  it("keeps a pie whose labels disagree with its angles as a picture", () => {
    const lg = legend(["A", "B", "C"], ["#ff0000", "#00ff00", "#0000ff"]);
    const wrong = [labelAt("40%", 90), labelAt("30%", 234), labelAt("20%", 324)];
    const runs = [...wrong, ...lg.filter((x): x is PdfRun => "text" in x)];
    const [pie] = readPies(page(runs, [...slices, ...lg.filter((x): x is PdfPath => "op" in x)]));
    expect(pie?.kind).toBe("picture");
    expect(pie?.why).toMatch(/do not match the slices. shares/);
    expect(pie?.points).toEqual([]);
  });

  it("keeps a pie without a legend entry per slice as a picture", () => {
    const lg = legend(["A", "B"], ["#ff0000", "#00ff00"]);
    const runs = [...labels, ...lg.filter((x): x is PdfRun => "text" in x)];
    const [pie] = readPies(page(runs, [...slices, ...lg.filter((x): x is PdfPath => "op" in x)]));
    expect(pie?.why).toMatch(/3 slices but 2 legend entries/);
  });
});

/** Axis 0..40 at y 300..100 (value = (300 − y) / 5), labels right-aligned at x 100. */
const ticks = ["40", "30", "20", "10", "0"].map((t, i) => ({ ...run(t, 100 - 4.8 * t.length, 96 + 50 * i) }));
const cats = ["2021", "2022"].map((t, i) => run(t, 138 + 100 * i, 306));

describe("stacks and outlined labels", () => {
  it("gives no point for a 0% segment drawn as a hairline on a stack", () => {
    const paths = [
      rect(140, 250, 160, 300, "#c00000"),
      rect(140, 200, 160, 250, "#0070c0"),
      rect(140, 199.9, 160, 200, "#7f7f7f"),
      rect(240, 225, 260, 300, "#c00000"),
      rect(240, 150, 260, 225, "#0070c0"),
      rect(240, 140, 260, 150, "#7f7f7f"),
      ...["#c00000", "#0070c0", "#7f7f7f"].map((c, i) => rect(150 + 60 * i, 60, 156 + 60 * i, 66, c)),
    ];
    const names = ["Ads", "Games", "Other"].map((t, i) => run(t, 158 + 60 * i, 59));
    const [chart] = readVectorCharts(page([...ticks, ...cats, ...names], paths));
    expect(chart?.why).toBeNull();
    expect(chart?.calibration).toBeGreaterThan(0.8);
    expect(chart?.points.every((p) => p.source === "geometry")).toBe(true);
    expect(chart?.points.map((p) => `${p.series} ${p.category} ${p.value}`).sort()).toEqual([
      "Ads 2021 10",
      "Ads 2022 15",
      "Games 2021 10",
      "Games 2022 15",
      "Other 2022 2",
    ]);
  });

  it("names a chart's series from its own legend, not the one under the chart above it", () => {
    /** A two-series bar chart shifted down by dy, its legend under the category row. */
    const chart = (dy: number, names: string[]) => ({
      runs: [
        ...["40", "30", "20", "10", "0"].map((t, i) => run(t, 100 - 4.8 * t.length, 96 + 50 * i + dy)),
        ...["2021", "2022"].map((t, i) => run(t, 138 + 100 * i, 306 + dy)),
        ...names.map((t, i) => run(t, 158 + 80 * i, 320 + dy)),
      ],
      paths: [
        rect(140, 250 + dy, 150, 300 + dy, "#c00000"),
        rect(150, 200 + dy, 160, 300 + dy, "#0070c0"),
        rect(240, 225 + dy, 250, 300 + dy, "#c00000"),
        rect(250, 150 + dy, 260, 300 + dy, "#0070c0"),
        ...["#c00000", "#0070c0"].map((c, i) => rect(150 + 80 * i, 321 + dy, 156 + 80 * i, 327 + dy, c)),
      ],
    });
    const up = chart(0, ["Sales", "Costs"]);
    const down = chart(260, ["Margin", "Growth"]);
    const charts = readVectorCharts(page([...up.runs, ...down.runs], [...up.paths, ...down.paths]));
    expect(charts.map((c) => [...new Set(c.points.map((p) => p.series))])).toEqual([
      ["Sales", "Costs"],
      ["Margin", "Growth"],
    ]);
  });

  it("keeps a chart whose bars were found over few of its category labels as a picture", () => {
    const many = ["A", "B", "C", "D", "E", "F", "G", "H"].map((t, i) => run(t, 120 + 30 * i, 306));
    const paths = [rect(118, 300, 128, 302, "#c00000"), rect(328, 300, 338, 302, "#c00000")];
    const [chart] = readVectorCharts(page([...ticks, ...many], paths));
    expect(chart?.kind).toBe("picture");
    expect(chart?.why).toMatch(/only 2 of 8 category labels/);
  });

  it("says so when the category labels are glyph outlines", () => {
    const glyph = (x: number): PdfPath => ({
      ...filled([x, 306, x + 4, 306, x + 5, 312, x + 2, 314, x, 306], "#000000"),
      subpaths: [
        [x, 306, x + 4, 306, x + 5, 312, x + 2, 314, x, 306],
        [x + 1, 308, x + 3, 308, x + 2, 310, x + 1, 308],
      ],
    });
    const paths = [rect(140, 250, 160, 300, "#c00000"), rect(240, 200, 260, 300, "#c00000"), glyph(145), glyph(245)];
    const [chart] = readVectorCharts(page(ticks, paths));
    expect(chart?.kind).toBe("picture");
    expect(chart?.why).toMatch(/glyph outlines/);
  });
});
