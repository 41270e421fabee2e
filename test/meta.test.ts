import { describe, expect, it } from "vitest";
import type { TextLine } from "../schemas/index.ts";
import { splitBlocks } from "../pipeline/input/text.ts";
import { readMeta } from "../pipeline/stages/meta.ts";

/** Cover lines as the text reader produces them (markdown headings and markup handled). */
function coverLines(...lines: string[]): TextLine[] {
  return splitBlocks(lines.join("\n")).flatMap((b) => (b.kind === "text" ? b.lines : []));
}
const metaOf = (lines: TextLine[]) => readMeta(lines, lines.map((l) => l.text)).value;

describe("readMeta: sidebar cover (one field per line)", () => {
  const lines = coverLines(
    "电子",
    "消费电子需求回暖，龙头公司业绩改善",
    "证券研究报告",
    "2023 年 05 月 06 日",
    "投资评级",
    "行业评级",
    "买入(维持评级)",
    "上次评级",
    "买入",
    "作者",
    "张三",
    "分析师",
    "SAC 执业证书编号：S1234567890123",
    "zhangsan@example.com",
    "李四",
    "联系人",
    "lisi@example.com",
    "相关报告",
    "1 《电子-行业点评:某某公司》2023-04-01",
  );
  const meta = metaOf(lines);

  it("takes the headline as the title", () => {
    expect(meta.title).toBe("消费电子需求回暖，龙头公司业绩改善");
  });

  it("takes an industry-vocabulary line near the top as the industry", () => {
    expect(meta.industry).toBe("电子");
  });

  it("reads the cover date as ISO", () => {
    expect(meta.date).toBe("2023-05-06");
  });

  it("reads the rating, its action and the previous rating", () => {
    expect(meta.rating).toBe("买入");
    expect(meta.rating_action).toBe("维持");
    expect(meta.previous_rating).toBe("买入");
  });

  it("reads each analyst with the role, SAC number and e-mail printed under the name", () => {
    expect(meta.analysts).toEqual([
      { name: "张三", role: "分析师", sac_id: "S1234567890123", email: "zhangsan@example.com" },
      { name: "李四", role: "联系人", sac_id: null, email: "lisi@example.com" },
    ]);
  });

  // "1 《…》" (number, space, title) is not matched: the pattern only allows "1." or "1、" before 《.
  it("reads a numbered related report without the 《》 marks, with an ISO date", () => {
    expect(meta.related_reports).toEqual([{ title: "电子-行业点评:某某公司", date: "2023-04-01" }]);
  });

  it("reads a related report numbered as \"1.\" without the 《》 marks, with an ISO date", () => {
    const m = metaOf(coverLines("相关报告", "1.《电子-行业点评:某某公司》2023-04-01"));
    expect(m.related_reports).toEqual([{ title: "电子-行业点评:某某公司", date: "2023-04-01" }]);
  });
});

describe("readMeta: markdown cover (MinerU style)", () => {
  const meta = metaOf(
    coverLines(
      "# 增持 （首次）",
      "所属行业：电子当前价格(元)：10.00",
      "# 证券分析师",
      "王五资格编号：S0000000000001邮箱：wangwu@example.com",
      "# 研究助理",
      "赵六邮箱：zhaoliu $@$ example.com",
      "市场表现",
    ),
  );

  it("reads the rating and the first-coverage action from a heading, with no previous rating", () => {
    expect(meta.rating).toBe("增持");
    expect(meta.rating_action).toBe("首次");
    expect(meta.previous_rating).toBeNull();
  });

  it("reads the industry after the 所属行业 label even when other fields are glued to it", () => {
    expect(meta.industry).toBe("电子");
  });

  it("reads only the named analysts, each with the role heading above them and the details glued to the name", () => {
    expect(meta.analysts).toEqual([
      { name: "王五", role: "证券分析师", sac_id: "S0000000000001", email: "wangwu@example.com" },
      { name: "赵六", role: "研究助理", sac_id: null, email: "zhaoliu@example.com" },
    ]);
  });
});
