// A real third-party conversion (MinerU markdown with HTML tables, LaTeX-escaped %, a wrong colspan) as input.
// Expectations were read off the markdown file by hand.
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { extract } from "../pipeline/index.ts";

const FILE = "../shared/fixtures/real/debang-2022-gaoce.mineru-ocr.md";
const present = existsSync(FILE);
if (!present)
  console.warn(
    `skipping MinerU input test: ${FILE} is absent (it lives in the shared fixtures, outside the repository)`,
  );

describe.skipIf(!present)("MinerU markdown input", async () => {
  const { report } = present ? await extract(FILE) : ({} as Awaited<ReturnType<typeof extract>>);
  const table = (title: string) => report.tables.find((t) => t.title === title)!;

  it("finds the three HTML tables, named by the line above or their title row", () => {
    expect(report.tables.map((t) => t.title)).toEqual(["市场表现", "股票数据", "主要财务数据及预测"]);
  });

  it("reads years as column headers and unescapes \\%", () => {
    const fin = table("主要财务数据及预测");
    expect(fin.columns.filter((c) => c.role === "data").map((c) => c.path.join(" / "))).toEqual([
      "2020",
      "2021",
      "2022E",
      "2023E",
      "2024E",
    ]);
    const revenue2021 = fin.cells.find((c) => c.row_header[0] === "营业收入(百万元)" && c.col_header[0] === "2021")!;
    expect([revenue2021.raw, revenue2021.value, revenue2021.unit]).toEqual(["1,567", 1567, "百万元"]);
    const margin = fin.cells.find((c) => c.row_header[0] === "毛利率(%)" && c.col_header[0] === "2020")!;
    expect([margin.raw, margin.value, margin.unit]).toEqual(["35.3%", 35.3, "%"]);
  });

  it("reports the converter's wrong colspan instead of inventing a value", () => {
    expect(report.problems.some((p) => p.code === "table/spanning-value" && p.message.includes("83.8%"))).toBe(true);
    const fin = table("主要财务数据及预测");
    const yoy = fin.cells.filter((c) => c.row === 3);
    expect(yoy.map((c) => c.missing)).toEqual([false, true, false, false, false]);
  });

  it("reports a table whose values the converter dropped", () => {
    expect(report.problems.some((p) => p.code === "table/no-values" && p.where === table("股票数据").id)).toBe(true);
  });

  it("reads the cover: rating, industry, analysts with LaTeX-broken e-mail repaired, related reports", () => {
    expect(report.meta.rating).toBe("增持");
    expect(report.meta.industry).toBe("机械设备");
    expect(report.meta.broker).toBe("德邦证券");
    // The fields of the first release (phone and licences came later, and are measured on the cover truth).
    expect(report.meta.analysts.map(({ name, role, sac_id, email }) => ({ name, role, sac_id, email }))).toEqual([
      { name: "倪正洋", role: "证券分析师", sac_id: "S0120521020003", email: "nizy@tebon.com.cn" },
      { name: "杨云逍", role: "研究助理", sac_id: null, email: "yangyx@tebon.com.cn" },
    ]);
    expect(report.meta.related_reports).toHaveLength(5);
    expect(report.meta.related_reports[0]).toEqual({
      title: "高测股份（688556)：光伏金刚线及硅片切割代工业务推动公司22Q1业绩大超预期",
      date: "2022-04-29",
    });
  });
});
