// The four bar charts of the seed PDF (图 54–57) come out as data: categories, values, series and unit as the
// ground truth gives them (../shared/fixtures/seed/…figures.json); the pictures yield no data but keep their text.
import { existsSync, readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { extract, type Report } from "../pipeline/index.ts";

const TRUTH = "../shared/fixtures/seed/tianfeng-2024-03-09-llm.figures.json";
const PDF = "sources/tianfeng-2024-03-09-llm.pdf";
const present = existsSync(TRUTH);
if (!present)
  console.warn(`skipping the chart accuracy test: ${TRUTH} is absent (shared fixtures are outside the repository)`);

interface Truth {
  kind: "bar" | "picture";
  text?: string;
  title?: string;
  unit?: string;
  labels?: string[];
  values?: number[];
}

describe.skipIf(!present)("charts of the seed PDF against the ground truth", () => {
  let report: Report;
  let truth: Record<string, Truth>;
  beforeAll(async () => {
    truth = (JSON.parse(readFileSync(TRUTH, "utf8")) as { figures: Record<string, Truth> }).figures;
    report = (await extract(PDF)).report;
  }, 300_000);

  it("≥ 95% of bar values and categories are exact", () => {
    let exact = 0;
    let total = 0;
    const wrong: string[] = [];
    for (const [label, t] of Object.entries(truth)) {
      if (t.kind !== "bar") continue;
      const chart = report.charts?.find((c) => c.label === label);
      expect(chart?.kind, label).toBe("bar");
      t.labels!.forEach((category, i) => {
        total += 2;
        const point = chart?.points.find((p) => p.category === category);
        if (point) exact++;
        else wrong.push(`${label} category ${category}`);
        if (point && point.value === t.values![i] && !point.estimated) exact++;
        else wrong.push(`${label} ${category}: ${point?.value} for ${t.values![i]}`);
      });
      expect(chart?.unit, label).toBe(t.unit);
      expect(chart?.points.length, label).toBe(t.labels!.length);
    }
    console.log(
      `seed charts: ${exact} of ${total} values and categories exact (${((exact / total) * 100).toFixed(1)}%)`,
      wrong,
    );
    expect(exact / total).toBeGreaterThanOrEqual(0.95);
  });

  it("the other figures yield no data and keep their recognised text", () => {
    const pictures = Object.entries(truth).filter(([, t]) => t.kind === "picture");
    for (const [label] of pictures) {
      const chart = report.charts?.find((c) => c.label === label);
      expect(chart, label).toBeDefined();
      expect(chart!.kind, label).toBe("picture");
      expect(chart!.points, label).toEqual([]);
    }
    // Recognised text is searchable: most pictures' text is found in their chart entry.
    let chars = 0;
    let found = 0;
    for (const [label, t] of pictures) {
      const have = [...(report.charts?.find((c) => c.label === label)?.text ?? "").replace(/\s+/g, "")];
      for (const ch of t.text!.replace(/\s+/g, "")) {
        chars++;
        const i = have.indexOf(ch);
        if (i >= 0) {
          found++;
          have.splice(i, 1);
        }
      }
    }
    console.log(`seed pictures: ${((found / chars) * 100).toFixed(1)}% of their characters recognised`);
    expect(found / chars).toBeGreaterThanOrEqual(0.85);
  });

  it("series and unit come from the chart title; a value the text states is checked", () => {
    const meta = report.charts!.find((c) => c.label === "图 54")!;
    expect(meta.series).toBe("Meta 资本性支出");
    expect(meta.unit).toBe("亿美元");
    // "谷歌 2023Q4 的资本支出为 110 亿美元" next to 图 56 (106.9 shown; 110 is that rounded to tens).
    const google = report.charts!.find((c) => c.label === "图 56")!;
    expect(google.points.find((p) => p.category === "2023Q4")?.check).toBe("confirmed");
    expect(google.points.filter((p) => p.check !== null)).toHaveLength(1);
  });
});
