import { describe, expect, it } from "vitest";
import { splitBlocks } from "../pipeline/input/text.ts";
import { ProblemLog } from "../pipeline/problems.ts";
import { readContents, type Contents } from "../pipeline/stages/layout/contents.ts";

/** Lines joined with "\n": line numbers in the result are 1-based positions in this array. */
/** The contents stage as the stage list runs it: its problems filed under "contents" for the file. */
const contentsOf = (...lines: string[]) => {
  const log = new ProblemLog("t.txt");
  return { ...log.take("contents", readContents(splitBlocks(lines.join("\n")))), problems: log.problems };
};
const figure = (c: Contents, label: string) => c.figures.find((f) => f.label === label);

describe("readContents: table of contents", () => {
  it("reads 目录 entries with leader dots and tab-separated pages, and finds each heading's body line", () => {
    const c = contentsOf(
      "目录", //                      1
      "1. 行业概览......3", //         2
      "2. 市场格局\t5", //             3
      "2.1 竞争态势......6", //        4
      "", //                          5
      "1. 行业概览", //                6
      "需求稳步增长。", //              7
      "2. 市场格局", //                8
      "2.1 竞争态势", //               9
      "头部企业份额提升。", //          10
    );

    expect(c.sections).toEqual([
      { number: "1", title: "行业概览", page: 3, line: 6 },
      { number: "2", title: "市场格局", page: 5, line: 8 },
      { number: "2.1", title: "竞争态势", page: 6, line: 9 },
    ]);
  });

  it("accepts 内容目录 as the contents heading", () => {
    const c = contentsOf("内容目录", "1. 概述......2", "2. 展望......4", "正文。", "1. 概述", "2. 展望");
    expect(c.sections.map((s) => [s.number, s.title, s.page, s.line])).toEqual([
      ["1", "概述", 2, 5],
      ["2", "展望", 4, 6],
    ]);
  });
});

describe("readContents: list of figures", () => {
  it("an entry that does not read as a caption is reported, not taken for a figure (it crashed the stage)", () => {
    const long =
      "图 2 这是一段很长的说明文字没有冒号而且超过了五十个字符所以它读起来像正文而不是图表的标题文字内容很多很多很多很多";
    const c = contentsOf("图表目录", "图 1：季度收入......3", `${long}......4`, "图 3：利润率......5", "正文。");
    expect(c.figures.map((f) => f.label)).toEqual(["图 1", "图 3"]);
    expect(c.problems.find((p) => p.code === "contents/unread-entry")).toMatchObject({
      severity: "warning",
      stage: "contents",
    });
  });

  it("resolves a page glued to the title by the neighbours' pages", () => {
    const c = contentsOf("图表目录", "图 1：季度收入......20", "图 2：年度支出21", "图 3：利润率......22", "正文。");
    expect(figure(c, "图 2")).toMatchObject({ title: "年度支出", page: 21 });
  });

  it("splits a glued page differently when the neighbours' pages require it", () => {
    const c = contentsOf("图表目录", "图 1：季度收入......1", "图 2：年度支出21", "图 3：利润率......2", "正文。");
    expect(figure(c, "图 2")).toMatchObject({ title: "年度支出2", page: 1 });
  });

  it("confirms a glued page by the body caption and notes the repair", () => {
    const c = contentsOf("图表目录", "图 3: 年度支出21", "正文。", "图 3：年度支出", "资料来源：甲公司");
    expect(figure(c, "图 3")).toMatchObject({ title: "年度支出", page: 21, caption: "年度支出" });
    expect(c.problems.map((p) => p.code)).toContain("contents/glued-page");
  });

  it("resolves a page glued to a title ending in a digit by the body caption", () => {
    const c = contentsOf("图表目录", "图 1：模型版本V27", "正文。", "图 1：模型版本V2", "资料来源：甲公司");
    expect(figure(c, "图 1")).toMatchObject({ title: "模型版本V2", page: 7, caption: "模型版本V2" });
  });

  // The entry is not read as a list entry at all (only 1-4 trailing digits are tried), so it becomes a
  // body caption "产能规划20258" and the real caption is reported as a duplicate.
  it("resolves a glued page when the title ends in a year (more than four trailing digits)", () => {
    const c = contentsOf(
      "图表目录",
      "图 1：产能规划20258",
      "公司产能持续扩张。",
      "图 1：产能规划2025",
      "资料来源：甲公司公告",
    );
    expect(figure(c, "图 1")).toMatchObject({ title: "产能规划2025", page: 8, caption: "产能规划2025", line: 4 });
  });

  // The space before the trailing digits is lost when the page is split off: title comes out "iPhone15".
  it("keeps the space inside a title whose glued page was split off", () => {
    const c = contentsOf("图表目录", "图 1：iPhone 157", "正文。", "图 1：iPhone 15", "资料来源：甲公司");
    expect(figure(c, "图 1")).toMatchObject({ title: "iPhone 15", page: 7 });
  });

  it("links body captions 图 and 表 to the list, with the source from the following 资料来源 line", () => {
    const c = contentsOf(
      "图表目录", //                         1
      "图 1：季度收入......3", //             2
      "表 2：主要指标......4", //             3
      "正文开始。", //                        4
      "图 1：季度收入", //                    5
      "资料来源：甲公司年报，某某研究所", //   6
      "表 2：主要指标", //                    7
      "资料来源：乙数据库", //                8
    );

    expect(c.figures).toEqual([
      {
        label: "图 1",
        title: "季度收入",
        page: 3,
        caption: "季度收入",
        line: 5,
        source: "甲公司年报，某某研究所",
        content: "image",
        table_id: null,
      },
      {
        label: "表 2",
        title: "主要指标",
        page: 4,
        caption: "主要指标",
        line: 7,
        source: "乙数据库",
        content: "image",
        table_id: null,
      },
    ]);
    expect(c.problems.filter((p) => p.severity !== "info")).toEqual([]);
  });

  it("reports a list title that differs from the body caption", () => {
    const c = contentsOf("图表目录", "图 1：季度收入......3", "正文。", "图 1：季度营业收入", "资料来源：甲公司");

    expect(figure(c, "图 1")).toMatchObject({ title: "季度收入", caption: "季度营业收入", page: 3 });
    const differs = c.problems.filter((p) => p.code === "contents/title-differs");
    expect(differs).toHaveLength(1);
    expect(differs[0]).toMatchObject({ where: "图 1", line: 4, stage: "contents", source: "t.txt" });
  });
});

describe("readContents: captions in the body", () => {
  it("assigns two source lines in order to two captions printed side by side", () => {
    const c = contentsOf("图 1：收入结构", "图 2：成本结构", "资料来源：甲公司", "资料来源：乙公司");

    expect(figure(c, "图 1")?.source).toBe("甲公司");
    expect(figure(c, "图 2")?.source).toBe("乙公司");
  });

  it("marks a caption followed by a table as a table and gives the table the caption's label, title and source", () => {
    const c = contentsOf("图 1：主要指标", "项目\t2022\t2023", "收入\t10\t12", "资料来源：甲公司");

    expect(figure(c, "图 1")).toMatchObject({ content: "table", caption: "主要指标", source: "甲公司", line: 1 });
    expect(c.tables).toHaveLength(1);
    expect(c.tables[0]).toMatchObject({ label: "图 1", title: "主要指标", source: "甲公司" });
  });

  it("marks a caption with no table under it as an image", () => {
    const c = contentsOf("图 1：用户增长趋势", "资料来源：甲公司", "用户规模持续增长。");

    expect(figure(c, "图 1")).toMatchObject({ content: "image", source: "甲公司", title: "用户增长趋势" });
    expect(c.tables).toEqual([]);
  });

  it("titles an uncaptioned table with the short heading line above it", () => {
    const c = contentsOf("公司经营稳健，收入持续增长。", "主要财务指标", "项目\t2022\t2023", "收入\t10\t12");

    expect(c.tables).toHaveLength(1);
    expect(c.tables[0]).toMatchObject({ label: null, title: "主要财务指标", source: null });
    expect(c.figures).toEqual([]);
  });

  it("reads a table printed before the list of contents (a cover's summary table) as a table", () => {
    const c = contentsOf(
      "股票数据",
      "项目\t数值",
      "总股本(亿股)\t10.0",
      "流通股本(亿股)\t8.0",
      "",
      "目录",
      "1. 行业概览......3",
      "",
      "1. 行业概览",
      "需求稳步增长。",
    );

    expect(c.tables.map((t) => [t.title, t.block.rows.length])).toEqual([["股票数据", 3]]);
    expect(c.sections.map((s) => s.title)).toEqual(["行业概览"]);
  });
});

describe("readContents: entries of a list of figures", () => {
  it("takes 图目录 as the heading of a list of figures", () => {
    const c = contentsOf("图目录", "图 1：行业规模......6", "正文。", "图 1：行业规模", "资料来源：Wind");
    expect(figure(c, "图 1")?.title).toBe("行业规模");
    expect(figure(c, "图 1")?.source).toBe("Wind");
  });

  it("never takes a line with leader dots and a page for a caption, even under an unknown heading", () => {
    const c = contentsOf("插图索引", "图 1：行业规模......6", "正文。", "图 1：行业规模", "资料来源：Wind");
    expect(figure(c, "图 1")?.title).toBe("行业规模");
    expect(figure(c, "图 1")?.source).toBe("Wind");
  });
});

describe("readContents: a list of figures set in two columns", () => {
  it("reads both entries of a line, each with its own page", () => {
    const c = contentsOf(
      "图表目录",
      "图 1：行业规模......6   图 2：市场份额......7",
      "正文。",
      "图 1：行业规模",
      "资料来源：Wind",
      "图 2：市场份额",
      "资料来源：公司公告",
    );
    expect([figure(c, "图 1")?.title, figure(c, "图 2")?.title]).toEqual(["行业规模", "市场份额"]);
    expect(c.problems.filter((p) => p.code === "contents/title-differs")).toEqual([]);
  });
});

describe("readContents: 正文目录", () => {
  it("heads the contents, whose entries then find their short headings in the body", () => {
    const c = contentsOf("正文目录", "1. 引言......3", "2. 总结......5", "1. 引言", "正文。", "2. 总结", "结论。");
    expect(c.sections.map((s) => [s.number, s.title, s.page])).toEqual([
      ["1", "引言", 3],
      ["2", "总结", 5],
    ]);
  });
});

describe("readContents: entries without numbers", () => {
  it("finds an unnumbered entry as a body line that is its title and nothing else", () => {
    const c = contentsOf(
      "目录",
      "思考......21",
      "总结......23",
      "正文里的思考不算。",
      "思考",
      "内容。",
      "总结",
      "结论。",
    );
    expect(c.sections.map((s) => [s.number, s.title, s.page, s.line])).toEqual([
      [null, "思考", 21, 5],
      [null, "总结", 23, 7],
    ]);
  });
});
