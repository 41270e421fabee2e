import { describe, expect, it } from "vitest";
import {
  isDisclaimerHeading,
  isNoteLine,
  parseCaption,
  parseSource,
  parseTocEntry,
} from "../pipeline/stages/layout/patterns.ts";

const label = (text: string) => parseCaption(text)?.label ?? null;
const title = (text: string) => parseCaption(text)?.title ?? null;

describe("captions in Chinese", () => {
  it("reads 图 / 表 / 图表 with a colon, a space or a title glued to the number", () => {
    expect(label("图 1：模型对比")).toBe("图 1");
    expect(label("图表1 标题")).toBe("图表 1");
    expect(parseCaption("图1标题")).toMatchObject({ label: "图 1", title: "标题" });
    expect(label("表 3.2 结果")).toBe("表 3.2");
  });
  it("takes a sentence that mentions a figure for prose", () => {
    expect(parseCaption("图表 1 为本文数据样本。")).toBeNull();
  });
  it("reads an enumeration comma after the number, but not a list of figures", () => {
    expect(parseCaption("表 4、不同比值下上涨波段幅度统计")).toMatchObject({
      label: "表 4",
      title: "不同比值下上涨波段幅度统计",
    });
    expect(parseCaption("图 1、图 2 显示了结果")).toBeNull();
  });
  it("reads a contents entry whose page is set between dashes", () => {
    expect(parseTocEntry("三种上下行划分方法总结 ........... - 9 -", false)).toMatchObject({
      title: "三种上下行划分方法总结",
      candidates: [{ page: 9 }],
    });
  });
});

describe("captions in English", () => {
  it("reads Figure, Fig., Exhibit, Table and Chart with a colon, full stop, dash, bar or space", () => {
    expect(parseCaption("Figure 3: Tencent revenue")).toMatchObject({
      kind: "Figure",
      number: "3",
      label: "Figure 3",
      title: "Tencent revenue",
    });
    expect(title("Figure 3. Revenue mix")).toBe("Revenue mix");
    expect(label("Fig. 3: Margins")).toBe("Fig. 3");
    expect(label("Exhibit 12: Valuation")).toBe("Exhibit 12");
    expect(title("Table 3 Key financials")).toBe("Key financials");
    expect(title("Figure 3 – Earnings revisions")).toBe("Earnings revisions");
    expect(title("Chart 4 | Data")).toBe("Data");
    expect(label("FIGURE 7: SEGMENTS")).toBe("FIGURE 7");
  });
  it("reads lettered and sub-numbered captions", () => {
    expect(label("Figure 3a: Gross margin")).toBe("Figure 3a");
    expect(label("Figure 3.1 Title")).toBe("Figure 3.1");
    expect(label("Figure 10-2: Capex")).toBe("Figure 10-2");
    expect(label("Exhibit A-1: Peer valuation")).toBe("Exhibit A-1");
  });
  it("does not take prose, plurals or period headers for captions", () => {
    expect(parseCaption("Figure 3 shows that revenue rose")).toBeNull();
    expect(parseCaption("Tables 3: not a caption")).toBeNull();
    expect(parseCaption("Table 2025E")).toBeNull();
    expect(parseCaption("Figure 3 is the revenue.")).toBeNull();
  });
});

describe("source lines", () => {
  it("reads 资料来源 and Source(s) lines", () => {
    expect(parseSource("资料来源：Wind")).toBe("Wind");
    expect(parseSource("Source: Company data, J.P. Morgan estimates")).toBe("Company data, J.P. Morgan estimates");
    expect(parseSource("Sources: Bloomberg")).toBe("Bloomberg");
    expect(parseSource("Source of growth is advertising")).toBeNull();
  });
});

describe("note lines and disclaimer headings", () => {
  it("reads Note(s) and 注 lines", () => {
    expect(isNoteLine("Note: data as of market close on 17 Mar")).toBe(true);
    expect(isNoteLine("Notes: data is for single-branded research")).toBe(true);
    expect(isNoteLine("注：单位为亿元")).toBe(true);
    expect(isNoteLine("Noteworthy growth in ads")).toBe(false);
  });
  it("reads a disclaimer heading alone or joined to another with and / &", () => {
    expect(isDisclaimerHeading("Important Disclosures")).toBe(true);
    expect(isDisclaimerHeading("Important Disclosures and Disclaimer")).toBe(true);
    expect(isDisclaimerHeading("Disclosures & Disclaimers")).toBe(true);
    expect(isDisclaimerHeading("Risks and opportunities")).toBe(false);
  });
});

describe("parseCaption: a title that starts with a number", () => {
  it("reads the title after a colon even when it starts with digits (a year, a date range)", () => {
    expect(parseCaption("图 4：2014 至 2019 不同优化目标下的组合表现")?.title).toBe(
      "2014 至 2019 不同优化目标下的组合表现",
    );
    expect(parseCaption("Figure 2: 2025 revenue by segment")?.title).toBe("2025 revenue by segment");
    // a full stop or dash before a digit goes on the number
    expect(parseCaption("Figure 3.1 Revenue")?.number).toBe("3.1");
  });
});

describe("parseCaption: figures named together in prose", () => {
  it("is no caption when a joining word and another figure's label follow the number", () => {
    expect(parseCaption("图 4 和图 5 展示了基础反转因子的截面相关性")).toBeNull();
    expect(parseCaption("Figure 3 and Figure 4 show the split")).toBeNull();
    // a title that merely starts with such a word after a colon is a caption
    expect(parseCaption("图 4：和图 5 对比")?.title).toBe("和图 5 对比");
    // without a separator, a Chinese comma inside the text makes it a clause of prose
    expect(parseCaption("图 7 给出了全 A 股因子的净值曲线，表 6 给出了每组的收益")).toBeNull();
    expect(parseCaption("图 7 全 A 股因子的净值曲线")?.title).toBe("全 A 股因子的净值曲线");
  });
});
