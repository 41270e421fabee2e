// The cover rules, each on a tiny hand-built cover: broker names through the broker list (legal entities, short
// names a report defines, whole words only), publication dates beside other dates, headlines cut by the layout or
// centred on two lines, tickers in every printed form, market caps with glued units, a target moved in a
// sentence, telephone numbers with spaced area codes, job titles above a name.
import { describe, expect, it } from "vitest";
import type { TextLine } from "../schemas/index.ts";
import { knownBroker, readBroker } from "../pipeline/stages/cover/broker.ts";
import type { CoverLine } from "../pipeline/stages/cover/lines.ts";
import { findDates, labelTerms } from "../pipeline/stages/cover/text.ts";
import { readMeta } from "../pipeline/stages/meta.ts";

/** A line of a PDF cover: page 1, its box and font size. */
function at(text: string, x0: number, y0: number, size: number, x1 = x0 + text.length * size * 0.5): TextLine {
  return { text, line: null, page: 1, box: { page: 1, x0, y0, x1, y1: y0 + size }, heading_level: null, size };
}
const metaOf = (lines: TextLine[], more: string[] = []) => readMeta(lines, [...lines.map((l) => l.text), ...more]);
const plain = (text: string): CoverLine => ({ text, page: 9, line: null, box: null, size: null, heading: false });

describe("broker names through the broker list", () => {
  it("maps a legal entity that starts with a listed name to that broker", () => {
    expect(knownBroker("J.P. Morgan Securities (Asia Pacific) Limited")).toBe("J.P. Morgan");
    expect(knownBroker("Daiwa Capital Markets Hong Kong Limited")).toBe("Daiwa");
    expect(knownBroker("Macquarie Group")).toBe("Macquarie");
    expect(knownBroker("光大证券股份有限公司")).toBe("光大证券");
    expect(knownBroker("Unknown Capital Partners Limited")).toBeNull();
  });

  it("keeps an initial's full stop inside a name a sentence prints", () => {
    const r = readBroker([], [plain("Copyright 2026 J.P. Morgan Chase & Co. All rights reserved.")]);
    expect(r.broker).toBe("J.P. Morgan");
  });

  it("reads a short name the report defines for a firm", () => {
    const lines = [
      plain("These materials have been produced by Daiwa Securities Co. Ltd (“DSCL”) and its affiliates."),
      plain("The materials prepared by DSCL are distributed by others."),
    ];
    expect(readBroker([], lines).broker).toBe("Daiwa");
  });

  it("counts a listed Latin name only as a whole word", () => {
    const r = readBroker([], [plain("Citic Pacific and Citic Bank"), plain("UBSX subscription terms")]);
    expect(r.broker).toBeNull();
  });

  it("leaves the broker empty, with a warning, when two firms are named alike", () => {
    const r = readBroker([], [plain("本报告由甲乙证券股份有限公司制作"), plain("本报告由丙丁证券股份有限公司制作")]);
    expect(r.broker).toBeNull();
    expect(r.problems[0]).toMatchObject({ code: "meta/field-doubtful", severity: "warning", where: "broker" });
  });
});

describe("the publication date", () => {
  it("is never a date after a longer label that ends in a date label (分析日期)", () => {
    const meta = metaOf([at("2019 年 12 月 10 日", 40, 77, 12), at("分析日期 2019 年 12 月 06 日", 26, 201, 11)]).value;
    expect(meta.date).toBe("2019-12-10");
  });

  it("is read in dotted, compact Chinese and ordinal English forms", () => {
    expect(findDates("2022.06.11")[0]?.iso).toBe("2022-06-11");
    expect(findDates("2020年10月22日")[0]?.iso).toBe("2020-10-22");
    expect(findDates("19th March 2026")[0]?.iso).toBe("2026-03-19");
    expect(findDates("March 19th, 2026")[0]?.iso).toBe("2026-03-19");
  });
});

describe("the headline", () => {
  it("joins the pieces of one baseline the layout cut apart, with the space printed between them", () => {
    const meta = metaOf([at("VIX 及", 137, 100, 24, 204), at("SKEW 指数的构建、分析与预测", 211, 100, 24, 557)]).value;
    expect(meta.title).toBe("VIX 及 SKEW 指数的构建、分析与预测");
  });

  it("joins a centred second line of the same size, but not a smaller subtitle", () => {
    const meta = metaOf([
      at("花开股市，相似几何系列二—", 257, 136, 18, 492),
      at("基于点位效率理论的个股趋势预测研究", 221, 154, 18, 528),
      at("——某某系列报告之二", 300, 175, 12, 420),
    ]).value;
    expect(meta.title).toBe("花开股市，相似几何系列二—基于点位效率理论的个股趋势预测研究");
  });
});

describe("the company and its tickers", () => {
  it("names the stock of a headline with a bare code after a line of its tickers", () => {
    const meta = metaOf([
      at("Tencent (0700)", 87, 86, 20, 227),
      at("0700.HK, 700 HK", 429, 99, 8),
      at("Still in the AI race; 2026 becomes a year of reinvestment", 87, 114, 13, 400),
    ]).value;
    expect(meta.companies).toEqual([
      { name: "Tencent", ticker: "0700.HK", tickers: ["0700", "0700.HK", "700 HK"], exchange: "HKEX" },
    ]);
    expect(meta.title).toBe("Still in the AI race; 2026 becomes a year of reinvestment");
  });

  it("takes a sidebar cell that is only a ticker, named by the masthead, and a country suffix by the code's prefix", () => {
    const named = (ticker: string) =>
      metaOf([
        at("Tencent", 28, 117, 16),
        at("Tencent delivered a solid quarter, and Tencent's games grew.", 28, 186, 9, 350),
        at(ticker, 383, 192, 8),
      ]).value.companies.map((c) => [c.name, c.ticker, c.exchange]);
    expect(named("700 HK")).toEqual([["Tencent", "0700.HK", "HKEX"]]);
    expect(named("603993 CH")).toEqual([["Tencent", "603993.SH", "SSE"]]);
  });

  it("takes no company from a lone ticker without a name, nor from an index's code", () => {
    expect(metaOf([at("700 HK", 383, 192, 8)]).value.companies).toEqual([]);
    const index = metaOf([
      at("Tencent", 28, 117, 16),
      at("Tencent, Tencent", 28, 140, 9),
      at("000300.SH", 383, 192, 8),
    ]);
    expect(index.value.companies).toEqual([]);
  });

  it("takes no company from lines of different stocks' tickers (a list of peers)", () => {
    const meta = metaOf([at("700 HK", 383, 192, 8), at("9988 HK", 383, 210, 8)]).value;
    expect(meta.companies).toEqual([]);
  });
});

describe("prices and market cap", () => {
  it("reads a currency and a unit printed as one word in the label's brackets", () => {
    expect(labelTerms("Market cap (USDbn)")).toEqual({ currency: "USD", unit: "bn", percent: false });
    const meta = metaOf([at("Market cap (USDbn) 636.44", 42, 300, 8)]).value;
    expect(meta.market_cap).toMatchObject({ value: 636.44, currency: "USD", unit: "bn" });
  });

  it("prefers the market cap whose currency is printed", () => {
    const meta = metaOf([
      at("Market Cap (Local) (m) 5,013,049", 383, 242, 8),
      at("Market Cap (USD) (m) 639,693", 383, 252, 8),
    ]).value;
    expect(meta.market_cap).toMatchObject({ value: 639693, currency: "USD", unit: "mn" });
  });

  it("reads the previous target from a sentence that moves the target", () => {
    const meta = metaOf([
      at("12-month target HK$559.00", 383, 212, 8),
      at("Valuation: We cut our SoTP-based TP by 2% to HK$559, from HK$569, on 15x P/E.", 28, 612, 9, 333),
    ]).value;
    expect(meta.target_price).toMatchObject({ value: 559, currency: "HKD", previous_value: 569 });
    const raised = metaOf([
      at("Target price: HK$750.00", 42, 106, 13),
      at("We raise our TP from HK$700 to HK$750 on higher estimates.", 42, 300, 9, 360),
    ]).value;
    expect(raised.target_price).toMatchObject({ value: 750, previous_value: 700 });
  });
});

describe("analysts", () => {
  it("reads a telephone number with a spaced area code and a job title printed above the name", () => {
    const meta = metaOf([
      at("Head of China Equity Research and", 426, 179, 9, 578),
      at("Co-Head of Asia TMT Research", 426, 189, 9, 560),
      at("Alex Yao AC", 426, 202, 8.5, 473),
      at("(86 21) 6106 6505", 426, 215, 7, 484),
      at("alex.yao@example.com", 426, 225, 7, 504),
    ]).value;
    expect(meta.analysts).toEqual([
      {
        name: "Alex Yao",
        role: "Head of China Equity Research and Co-Head of Asia TMT Research",
        sac_id: null,
        email: "alex.yao@example.com",
        phone: "(86 21) 6106 6505",
        licences: [],
      },
    ]);
  });

  it("joins a licence number cut by a narrow value column, and drops a template placeholder in an e-mail", () => {
    const meta = metaOf([
      at("证券分析师：丁竞渊", 28, 229, 11),
      at("执业证书编号： S06305160800", 28, 246, 10, 180),
      at("01", 115, 259, 10, 126),
      at("henan.zhang单击此处输入文字。@example.com.hk", 28, 274, 10, 250),
    ]).value;
    expect(meta.analysts[0]).toMatchObject({
      name: "丁竞渊",
      licences: [{ kind: "SAC", id: "S0630516080001" }],
      email: "henan.zhang@example.com.hk",
    });
  });
});
