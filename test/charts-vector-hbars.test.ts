// Horizontal vector bar charts on tiny hand-built pages: bars growing sideways from one zero line, names on the
// left, values from a row of ticks under the plot (exact geometry) or from the labels at the bars' ends (only when
// the lengths are proportional to them); what does not agree stays a picture saying why.
import { describe, expect, it } from "vitest";
import { buildCharts, type ChartContext } from "../pipeline/stages/charts.ts";
import { readHorizontalBarCharts } from "../pipeline/stages/charts-vector-hbars.ts";
import { withAcross } from "../pipeline/stages/charts-vector-stage.ts";
import type { VectorChart } from "../pipeline/stages/charts-vector.ts";
import type { PdfPage, PdfPath, PdfRun } from "../schemas/index.ts";
import { chartRun, filledRect, pathPage } from "./support/pdf-page.ts";

const run = (text: string, x0: number, y0: number, size = 8) => chartRun(text, x0, y0, size, 4);
/** right-aligned at x */
const right = (text: string, x: number, y0: number) => run(text, x - 4 * text.length, y0);
const rect = filledRect;
const page = (runs: PdfRun[], paths: PdfPath[]) => pathPage(runs, paths, 4);

/** Zero line at x 110, 5 pt per unit; rows 20 pt apart from y 100, bars 10 pt thick, names right-aligned at x 104. */
const ZERO = 110;
const xOf = (v: number) => ZERO + 5 * v;
const rowY = (i: number) => 100 + 20 * i;
const bar = (i: number, v: number, fill?: string) =>
  v >= 0 ? rect(ZERO, rowY(i), xOf(v), rowY(i) + 10, fill) : rect(xOf(v), rowY(i), ZERO, rowY(i) + 10, fill);
const name = (t: string, i: number, x = 104) => right(t, x, rowY(i) + 1);
/** names left of a plot with a negative bar (it reaches to x 75) */
const farName = (t: string, i: number) => name(t, i, 64);
/** a value label 3 pt past its bar's end */
const label = (t: string, i: number, v: number) =>
  v >= 0 ? run(t, xOf(v) + 3, rowY(i) + 1) : right(t, xOf(v) - 3, rowY(i) + 1);
const names = ["North", "South", "East", "West"];

describe("horizontal vector bar charts", () => {
  it("reads the printed values when the bar lengths are proportional to them", () => {
    const values = [40, 25, 10, 32];
    const runs = [...names.map((t, i) => name(t, i)), ...values.map((v, i) => label(`${v}%`, i, v))];
    const [c] = readHorizontalBarCharts(
      page(
        runs,
        values.map((v, i) => bar(i, v)),
      ),
    );
    expect(c).toMatchObject({ kind: "bar", why: null, unit: "%" });
    expect(c!.points.map((p) => [p.category, p.value, p.source])).toEqual([
      ["North", 40, "label"],
      ["South", 25, "label"],
      ["East", 10, "label"],
      ["West", 32, "label"],
    ]);
  });

  it("keeps a picture when a label does not fit its bar's length and there is no axis", () => {
    const values = [40, 25, 10, 32];
    const runs = [...names.map((t, i) => name(t, i)), ...values.map((v, i) => label(i === 2 ? "18" : `${v}`, i, v))];
    const [c] = readHorizontalBarCharts(
      page(
        runs,
        values.map((v, i) => bar(i, v)),
      ),
    );
    expect(c!.kind).toBe("picture");
    expect(c!.why).toMatch(/not proportional.*East/);
  });

  it("measures bars against a row of ticks under the plot, exactly, a negative bar too", () => {
    // ticks -10, 0, 10, 20, 30, 40 centred on their x, under the last row
    const ticks = [-10, 0, 10, 20, 30, 40].map((v) => run(`${v}`, xOf(v) - 2 * `${v}`.length, 185));
    const values = [36, -7, 12.5, 25];
    const runs = [...names.map((t, i) => farName(t, i)), ...ticks];
    const [c] = readHorizontalBarCharts(
      page(
        runs,
        values.map((v, i) => bar(i, v)),
      ),
    );
    expect(c).toMatchObject({ kind: "bar", why: null });
    expect(c!.points.map((p) => [p.category, p.value, p.source])).toEqual([
      ["North", 36, "geometry"],
      ["South", -7, "geometry"],
      ["East", 12.5, "geometry"],
      ["West", 25, "geometry"],
    ]);
  });

  it("takes a label that agrees with the axis, and never a negative bar's label for a name", () => {
    const ticks = [-10, 0, 10, 20, 30, 40].map((v) => run(`${v}`, xOf(v) - 2 * `${v}`.length, 185));
    const values = [36, -7, 12.5, 25];
    const runs = [...names.map((t, i) => farName(t, i)), ...ticks, label("-7.0", 1, -7), label("36.0", 0, 36)];
    const [c] = readHorizontalBarCharts(
      page(
        runs,
        values.map((v, i) => bar(i, v)),
      ),
    );
    expect(c!.points.map((p) => [p.category, p.value, p.raw])).toEqual([
      ["North", 36, "36.0"],
      ["South", -7, "-7.0"],
      ["East", 12.5, null],
      ["West", 25, null],
    ]);
  });

  it("gives a zero to a name printed with 0 at the zero line and no bar", () => {
    const values = [40, 25, 0, 32];
    const runs = [...names.map((t, i) => name(t, i)), ...values.map((v, i) => label(`${v}`, i, v))];
    const bars = values.flatMap((v, i) => (v ? [bar(i, v)] : []));
    const [c] = readHorizontalBarCharts(page(runs, bars));
    expect(c!.points.map((p) => [p.category, p.value])).toEqual([
      ["North", 40],
      ["South", 25],
      ["East", 0],
      ["West", 32],
    ]);
  });

  it("names two series from the legend, and keeps a picture when a colour has no legend entry", () => {
    const a = [30, 20, 10];
    const b = [15, 25, 35];
    const bars = [0, 1, 2].flatMap((i) => [
      rect(ZERO, 100 + 30 * i, xOf(a[i]!), 108 + 30 * i, "#c00000"),
      rect(ZERO, 108 + 30 * i, xOf(b[i]!), 116 + 30 * i, "#1f4e79"),
    ]);
    const ticks = [0, 10, 20, 30, 40].map((v) => run(`${v}`, xOf(v) - 2 * `${v}`.length, 182));
    const rows = ["North", "South", "East"].map((t, i) => right(t, 104, 104 + 30 * i));
    const legend = [rect(120, 210, 126, 216, "#c00000"), rect(180, 210, 186, 216, "#1f4e79")];
    const legendText = [run("Plan", 128, 209), run("Actual", 188, 209)];
    const [c] = readHorizontalBarCharts(page([...rows, ...ticks, ...legendText], [...bars, ...legend]));
    expect(c).toMatchObject({ kind: "bar", why: null });
    expect(c!.points.map((p) => [p.series, p.category, p.value])).toEqual([
      ["Plan", "North", 30],
      ["Actual", "North", 15],
      ["Plan", "South", 20],
      ["Actual", "South", 25],
      ["Plan", "East", 10],
      ["Actual", "East", 35],
    ]);
    const [d] = readHorizontalBarCharts(page([...rows, ...ticks, legendText[0]!], [...bars, legend[0]!]));
    expect(d!.kind).toBe("picture");
    expect(d!.why).toMatch(/no legend entry/);
  });

  it("does not take a stacked column or a table's shaded rows for horizontal bars", () => {
    const column = [rect(200, 100, 220, 140), rect(200, 140, 220, 150), rect(200, 150, 220, 200)];
    const shaded = [0, 1, 2, 3].map((i) => rect(ZERO, rowY(i), 400, rowY(i) + 10, "#404040"));
    expect(
      readHorizontalBarCharts(
        page(
          names.map((t, i) => name(t, i)),
          [...column, ...shaded],
        ),
      ),
    ).toEqual([]);
  });

  it("comes out of the charts stage once, linked to its caption, every point a label", () => {
    const values = [40, 25, 10, 32];
    const runs = [...names.map((t, i) => name(t, i)), ...values.map((v, i) => label(`${v}%`, i, v))];
    const ctx: ChartContext = {
      captions: [
        {
          label: "Figure 3",
          title: "Share of sales",
          page: 4,
          box: { page: 4, x0: 60, y0: 80, x1: 300, y1: 90 },
          index: 1,
        },
      ],
      lines: [],
      boundaries: [],
      figures: [],
    };
    const { value: charts } = buildCharts([], ctx, [
      page(
        runs,
        values.map((v, i) => bar(i, v)),
      ),
    ]);
    expect(charts).toHaveLength(1);
    expect(charts[0]).toMatchObject({ figure_id: "fig-3", kind: "bar", series: "Share of sales", unit: "%" });
    expect(charts[0]!.points.every((p) => p.source === "label" && !p.estimated && p.confidence === 1)).toBe(true);
  });
});

describe("horizontal readings among the page's other vector charts", () => {
  const chart = (kind: VectorChart["kind"], x0: number, y0: number, x1: number, y1: number): VectorChart => ({
    box: { x0, y0, x1, y1 },
    kind,
    why: kind === "picture" ? "not understood" : null,
    unit: null,
    text: "",
    points: [],
    notes: [],
    calibration: 1,
  });
  it("takes the place of a picture of the same chart, never a second reading of a chart read", () => {
    const picture = chart("picture", 100, 100, 300, 200);
    const read = chart("bar", 100, 100, 300, 200);
    const across = chart("bar", 110, 105, 290, 195);
    expect(withAcross([picture], [across])).toEqual([across]);
    expect(withAcross([read], [across])).toEqual([read]);
    expect(withAcross([read], [chart("picture", 110, 105, 290, 195)])).toEqual([read]);
    const elsewhere = chart("bar", 100, 400, 300, 500);
    expect(withAcross([read], [elsewhere])).toEqual([read, elsewhere]);
  });
});

describe("long names", () => {
  it("joins a name wrapped onto two lines beside its bar, and keeps short names one per bar", () => {
    // rows 30 pt apart, bars 10 pt thick centred at y 105, 135, 165; the first name on two lines around y 105
    const values = [40, 25, 10];
    const bars = values.map((v, i) => rect(ZERO, 100 + 30 * i, xOf(v), 110 + 30 * i));
    const runs = [
      right("Cloud and", 104, 96.5),
      right("software", 104, 105.5),
      right("Games", 104, 131),
      right("Ads", 104, 161),
      ...values.map((v, i) => run(`${v}`, xOf(v) + 3, 101 + 30 * i)),
    ];
    const [c] = readHorizontalBarCharts(page(runs, bars));
    expect(c).toMatchObject({ kind: "bar", why: null });
    expect(c!.points.map((p) => [p.category, p.value])).toEqual([
      ["Cloud and software", 40],
      ["Games", 25],
      ["Ads", 10],
    ]);
  });
});
