import { describe, expect, it } from "vitest";
import type { TextLine } from "../schemas/index.ts";
import { readRecommendations } from "../pipeline/stages/recommendations.ts";

/** Text lines numbered 1, 2, 3 … */
const linesOf = (...texts: string[]): TextLine[] =>
  texts.map((text, i) => ({ text, line: i + 1, page: null, box: null, heading_level: null }));

describe("readRecommendations", () => {
  const records = readRecommendations(
    linesOf(
      "我们认为行业景气度持续提升，建议关注以下公司。", //   1
      "应用：（1）办公软件：甲公司、乙公司（某团队覆盖）", // 2
      "（2）多模态：丙公司、丁公司", //                      3
      "基础设施：戊公司、", //                                4
      "己公司（联合覆盖）", //                                5
      "短期看，需求回暖，估值修复。", //                       6
      "风险提示：需求不及预期、竞争加剧。", //                 7
    ),
    "投资建议",
  );

  it("gives one record per company with category, numbered subcategory and parenthesised note", () => {
    expect(records.slice(0, 2)).toEqual([
      { section: "投资建议", category: "应用", subcategory: "办公软件", company: "甲公司", note: null, line: 2 },
      {
        section: "投资建议",
        category: "应用",
        subcategory: "办公软件",
        company: "乙公司",
        note: "某团队覆盖",
        line: 2,
      },
    ]);
  });

  it("keeps the category of the line above for a numbered subcategory line", () => {
    expect(records.filter((r) => r.line === 3)).toEqual([
      { section: "投资建议", category: "应用", subcategory: "多模态", company: "丙公司", note: null, line: 3 },
      { section: "投资建议", category: "应用", subcategory: "多模态", company: "丁公司", note: null, line: 3 },
    ]);
  });

  it("joins a list that breaks after 、 with the next line, under a new category without subcategory", () => {
    expect(records.filter((r) => r.category === "基础设施")).toEqual([
      { section: "投资建议", category: "基础设施", subcategory: null, company: "戊公司", note: null, line: 4 },
      { section: "投资建议", category: "基础设施", subcategory: null, company: "己公司", note: "联合覆盖", line: 4 },
    ]);
  });

  it("ignores prose lines ending with 。", () => {
    expect(records.map((r) => r.company)).toEqual(["甲公司", "乙公司", "丙公司", "丁公司", "戊公司", "己公司"]);
  });

  it("finds nothing in prose alone", () => {
    expect(readRecommendations(linesOf("公司收入增长，利润改善，现金流充裕。", "维持买入评级。"), "投资建议")).toEqual(
      [],
    );
  });
});
