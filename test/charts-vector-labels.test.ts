// Value labels and legends of vector charts on tiny hand-built pages: labels of two close lines interleave and each
// goes to one point, the closest agreeing pair first; a leader from a label to its point is no series; a legend
// named by years above the plot, with bar swatches as wide as line swatches.
import { describe, expect, it } from "vitest";
import { readVectorCharts } from "../pipeline/stages/charts-vector.ts";
import type { PdfPath } from "../schemas/index.ts";
import { chartRun, filledRect, pathPage } from "./support/pdf-page.ts";

const run = (text: string, x0: number, y0: number, size = 8) => chartRun(text, x0, y0, size, 6);
/** centred on x, its middle at y */
const at = (text: string, x: number, y: number) => run(text, x - 3 * text.length, y - 4);
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
/** Axis 0…40 at y 300…100 (value = (300 − y) / 5), labels right-aligned at x 100; categories at x 150/250/350. */
const ticks = ["40", "30", "20", "10", "0"].map((t, i) => run(t, 100 - 6 * t.length, 96 + 50 * i));
const cats = ["2021", "2022", "2023"].map((t, i) => run(t, 138 + 100 * i, 306));

describe("vector chart value labels", () => {
  it("gives each label to one point, closest agreeing pair first; a leader line is no series", () => {
    // A at 10/20/30, B at 8/18/28: B's label under B, A's over A — but A's label is nearer to B's point than B's own
    const a = line(
      [
        [150, 250],
        [250, 200],
        [350, 150],
      ],
      "#ed7d31",
    );
    const b = line(
      [
        [150, 260],
        [250, 210],
        [350, 160],
      ],
      "#4472c4",
    );
    const labels = [
      at("10", 150, 241),
      at("8", 150, 272),
      at("20", 250, 199),
      at("18", 250, 222),
      at("30", 350, 141),
      at("28", 350, 172),
    ];
    const leader = line(
      [
        [250, 210],
        [251, 218],
      ],
      "#000000",
    );
    const legend = [
      line(
        [
          [150, 80],
          [170, 80],
        ],
        "#ed7d31",
      ),
      line(
        [
          [250, 80],
          [270, 80],
        ],
        "#4472c4",
      ),
    ];
    const runs = [...ticks, ...cats, ...labels, run("A", 174, 76), run("B", 274, 76)];
    const [c] = readVectorCharts(pathPage(runs, [a, b, leader, ...legend]));
    expect(c).toMatchObject({ kind: "line", why: null });
    expect(c!.points.map((p) => [p.series, p.category, p.value, p.source])).toEqual([
      ["A", "2021", 10, "label"],
      ["A", "2022", 20, "label"],
      ["A", "2023", 30, "label"],
      ["B", "2021", 8, "label"],
      ["B", "2022", 18, "label"],
      ["B", "2023", 28, "label"],
    ]);
  });

  it("names series by years printed beside wide bar swatches above the plot", () => {
    const bars = [
      filledRect(135, 240, 148, 300, "#c00000"),
      filledRect(150, 200, 163, 300, "#4472c4"),
      filledRect(235, 175, 248, 300, "#c00000"),
      filledRect(250, 150, 263, 300, "#4472c4"),
      filledRect(335, 120, 348, 300, "#c00000"),
      filledRect(350, 100, 363, 300, "#4472c4"),
    ];
    // 24 pt wide, 4 high: three type sizes wide, as wide as a line swatch
    const legend = [filledRect(150, 78, 174, 82, "#c00000"), filledRect(250, 78, 274, 82, "#4472c4")];
    const runs = [...ticks, ...cats, run("2023", 177, 76), run("2024", 277, 76)];
    const [c] = readVectorCharts(pathPage(runs, [...bars, ...legend]));
    expect(c).toMatchObject({ kind: "bar", why: null });
    expect([...new Set(c!.points.map((p) => p.series))]).toEqual(["2023", "2024"]);
    expect(c!.points.find((p) => p.series === "2024" && p.category === "2022")?.value).toBe(30);
  });
});
