import { describe, expect, it } from "vitest";
import type { PdfPage, TextLine } from "../schemas/index.ts";
import { splitBlocks } from "../pipeline/input/text.ts";
import { readContents } from "../pipeline/stages/layout/contents.ts";
import { readCover, readMeta } from "../pipeline/stages/meta.ts";

/** Cover lines as the text reader produces them (markdown headings and markup handled). */
function coverLines(...lines: string[]): TextLine[] {
  return splitBlocks(lines.join("\n")).flatMap((b) => (b.kind === "text" ? b.lines : []));
}
const metaOf = (lines: TextLine[]) =>
  readMeta(
    lines,
    lines.map((l) => l.text),
  ).value;

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
      {
        name: "张三",
        role: "分析师",
        sac_id: "S1234567890123",
        email: "zhangsan@example.com",
        phone: null,
        licences: [{ kind: "SAC", id: "S1234567890123" }],
      },
      { name: "李四", role: "联系人", sac_id: null, email: "lisi@example.com", phone: null, licences: [] },
    ]);
  });

  // "1 《…》" (number, space, title) is not matched: the pattern only allows "1." or "1、" before 《.
  it("reads a numbered related report without the 《》 marks, with an ISO date", () => {
    expect(meta.related_reports).toEqual([{ title: "电子-行业点评:某某公司", date: "2023-04-01" }]);
  });

  it('reads a related report numbered as "1." without the 《》 marks, with an ISO date', () => {
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
      {
        name: "王五",
        role: "证券分析师",
        sac_id: "S0000000000001",
        email: "wangwu@example.com",
        phone: null,
        licences: [{ kind: "SAC", id: "S0000000000001" }],
      },
      { name: "赵六", role: "研究助理", sac_id: null, email: "zhaoliu@example.com", phone: null, licences: [] },
    ]);
  });
});

/** A line of a PDF cover: page 1, its box and font size. */
function at(
  text: string,
  x0: number,
  y0: number,
  size: number,
  x1 = x0 + text.length * size * 0.5,
  y1 = y0 + size,
): TextLine {
  return { text, line: null, page: 1, box: { page: 1, x0, y0, x1, y1 }, heading_level: null, size };
}
const factsOf = (lines: TextLine[], more: string[] = []) => readMeta(lines, [...lines.map((l) => l.text), ...more]);

describe("readMeta: an English company note with a label/value sidebar", () => {
  // As the layout gives it: a sidebar value and the next row's label joined into one line spanning two rows.
  const lines = [
    at("Tencent Holdings", 26, 51, 18),
    at("4Q25 Review: patience is", 26, 85, 18),
    at("a virtue", 26, 107, 18),
    at("Reiterate Rating: BUY | PO: 780.00 HKD | Price: 508.00 HKD", 26, 131, 8),
    at(
      "We stay positive on Tencent after the results: Tencent's games and Tencent Cloud beat our estimates.",
      26,
      174,
      9.5,
      380,
    ),
    at(
      "Example Securities does and seeks to do business with issuers covered in its research reports.",
      26,
      711,
      8,
      380,
    ),
    at("23 March 2026", 434, 160, 8),
    at("Alex Liu >>", 434, 282, 7),
    at("Research Analyst", 434, 290, 7),
    at("alex.liu@example.com", 434, 305, 7),
    at("Price", 434, 399, 7, 446, 406),
    at("508.00 HKD Price Objective", 434, 399, 7, 584, 418),
    at("780.00 HKD Market Value (mn)", 434, 411, 7, 584, 430),
    at("4,634,746 HKD Bloomberg / Reuters", 434, 423, 7, 584, 442),
    at("700 HK / 0700.HK", 538, 435, 7, 584, 442),
  ];
  const { value: meta, problems } = factsOf(lines);

  it("reads title, broker, date and rating from their places", () => {
    expect(meta.title).toBe("4Q25 Review: patience is a virtue");
    expect(meta.broker).toBe("Example Securities");
    expect(meta.date).toBe("2026-03-23");
    expect([meta.rating, meta.rating_action, meta.rating_normalised, meta.language]).toEqual([
      "BUY",
      "Reiterate",
      "positive",
      "en",
    ]);
  });

  it("reads the sidebar's values after their labels, across the layout's line breaks", () => {
    expect(meta.target_price).toEqual({
      value: 780,
      currency: "HKD",
      text: "780.00 HKD",
      previous_value: null,
      previous_text: null,
    });
    expect(meta.current_price).toMatchObject({ value: 508, currency: "HKD", text: "508.00 HKD" });
    expect(meta.market_cap).toEqual({ value: 4634746, currency: "HKD", unit: "mn", text: "4,634,746 HKD" });
  });

  it("reads the company from the masthead (a name the cover repeats) and its tickers, normalised", () => {
    expect(meta.companies).toEqual([
      { name: "Tencent Holdings", ticker: "0700.HK", tickers: ["700 HK", "0700.HK"], exchange: "HKEX" },
    ]);
  });

  it("reads the analyst with the role and e-mail printed under the name", () => {
    expect(meta.analysts).toEqual([
      {
        name: "Alex Liu",
        role: "Research Analyst",
        sac_id: null,
        email: "alex.liu@example.com",
        phone: null,
        licences: [],
      },
    ]);
  });

  it("gives every fact its page and box, and says what is not printed", () => {
    const target = meta.evidence.find((e) => e.field === "target_price");
    expect(target).toMatchObject({ page: 1, text: expect.stringContaining("780.00 HKD") });
    expect(target?.box).not.toBeNull();
    expect(problems.filter((p) => p.severity !== "info")).toEqual([]);
    expect(problems.map((p) => p.where)).toEqual([]);
  });
});

describe("readMeta: a Chinese company note (text)", () => {
  const meta = metaOf(
    coverLines(
      "公司研究/公司点评",
      "2022 年 07 月 19 日",
      "示例股份（688556）：业绩超预期，切片代工放量",
      "投资评级：买入（维持）",
      "上次评级：增持",
      "目标价：66.00 元",
      "上次目标价：60.00 元",
      "当前价格：45.30 元",
      "总市值（亿元）：102.34",
      "流通市值（亿元）：80.10",
      "分析师：张三",
      "执业证书编号：S1234567890123",
      "邮箱：zhangsan@example.com",
      "电话：021-12345678",
    ),
  );

  it("reads the company and its code with the exchange the code implies", () => {
    expect(meta.companies).toEqual([{ name: "示例股份", ticker: "688556.SH", tickers: ["688556"], exchange: "SSE" }]);
    expect(meta.title).toBe("示例股份（688556）：业绩超预期，切片代工放量");
    expect(meta.date).toBe("2022-07-19");
  });

  it("reads the rating on its scale, the printed previous rating apart from the inferred one", () => {
    expect([
      meta.rating,
      meta.rating_action,
      meta.rating_normalised,
      meta.previous_rating,
      meta.previous_rating_printed,
    ]).toEqual(["买入", "维持", "positive", "增持", "增持"]);
  });

  it("reads target price with the previous one, current price and market cap (not the float cap)", () => {
    expect(meta.target_price).toEqual({
      value: 66,
      currency: "CNY",
      text: "66.00 元",
      previous_value: 60,
      previous_text: "60.00 元",
    });
    expect(meta.current_price).toMatchObject({ value: 45.3, currency: "CNY" });
    expect(meta.market_cap).toEqual({ value: 102.34, currency: "CNY", unit: "亿", text: "102.34" });
  });

  it("reads the analyst's phone and licence", () => {
    expect(meta.analysts).toEqual([
      {
        name: "张三",
        role: "分析师",
        sac_id: "S1234567890123",
        email: "zhangsan@example.com",
        phone: "021-12345678",
        licences: [{ kind: "SAC", id: "S1234567890123" }],
      },
    ]);
  });
});

describe("readMeta: doubtful and missing facts", () => {
  it("leaves two different target prices empty, with a warning", () => {
    const { value, problems } = factsOf(coverLines("Target price HK$740.00", "Price target HK$760.00", "Rating: BUY"));
    expect(value.target_price).toBeNull();
    expect(problems).toContainEqual(
      expect.objectContaining({ code: "meta/field-doubtful", severity: "warning", where: "target_price" }),
    );
  });

  it("says what the cover does not print, as information", () => {
    const { problems } = factsOf(coverLines("Rating: BUY"));
    expect(problems).toContainEqual(
      expect.objectContaining({ code: "meta/field-missing", severity: "info", where: "market_cap" }),
    );
  });

  it("reads a previous target after 'from' and a previous TP label", () => {
    expect(metaOf(coverLines("Price target: HK$787.00 from HK$783.00")).target_price).toMatchObject({
      value: 787,
      previous_value: 783,
      previous_text: "HK$783.00",
    });
    expect(metaOf(coverLines("Target Price HK$750.00", "(Previous TP HK$760.00)")).target_price).toMatchObject({
      value: 750,
      previous_value: 760,
    });
    expect(metaOf(coverLines("目标价 港币 666.00")).target_price).toMatchObject({ value: 666, currency: "HKD" });
  });

  it("takes no rating from a related report's title, nor a percentage after a target label", () => {
    const meta = metaOf(
      coverLines(
        "相关报告",
        "FOF 和资产配置周报：美股 2020-06-14",
        "增持医药电子",
        "Up/downside to price target (%) 33",
      ),
    );
    expect(meta.rating).toBeNull();
    expect(meta.target_price).toBeNull();
  });

  it.each([
    ["投资评级：跑赢行业", "positive"],
    ["行业评级：同步大市（维持）", "neutral"],
    ["Stock Rating Underweight", "negative"],
    ["强烈推荐-A（维持）", "positive"],
    ["Rating: Buy (1)", "positive"],
  ])("reads %s on the broker's scale as %s", (line, normalised) => {
    expect(metaOf(coverLines(line)).rating_normalised).toBe(normalised);
  });
});

describe("readMeta: prices with their dates and previous targets in other common forms", () => {
  const meta = metaOf(
    coverLines(
      "Overweight",
      "Price (18 Mar 26): HK$550.50",
      "Price Target (Dec-26): HK$750.00",
      "Prior (Dec-26): HK$760.00",
      "Market cap (US$ bn) 639.6",
    ),
  );

  it("reads a price date with a two-digit year, and the previous target after 'Prior'", () => {
    expect(meta.current_price).toEqual({
      value: 550.5,
      currency: "HKD",
      text: "HK$550.50",
      date: "2026-03-18",
      date_text: "18 Mar 26",
    });
    expect(meta.target_price).toMatchObject({
      value: 750,
      currency: "HKD",
      previous_value: 760,
      previous_text: "HK$760.00",
    });
    expect(meta.market_cap).toEqual({ value: 639.6, currency: "USD", unit: "bn", text: "639.6" });
    expect([meta.rating, meta.rating_normalised]).toEqual(["Overweight", "positive"]);
  });
});

describe("readCover: page 1's running header", () => {
  // Three pages with the date in the header of each: the layout leaves it out as a running header.
  const run = (text: string, x0: number, y0: number, size = 10) => ({
    text,
    x0,
    y0,
    x1: x0 + text.length * size * 0.5,
    y1: y0 + size,
    size,
    font: "f",
  });
  const pages: PdfPage[] = [1, 2, 3].map((page) => ({
    page,
    width: 595,
    height: 842,
    rects: [],
    images: [],
    runs: [run("19 Mar 2026", 42, 20), run(`Body text of page ${page} and more words`, 42, 300)],
  }));
  const line = (text: string, y0: number, size = 10): TextLine => ({
    text,
    line: null,
    page: 1,
    box: { page: 1, x0: 42, y0, x1: 400, y1: y0 + size },
    heading_level: null,
    size,
  });
  const contents = readContents([
    {
      kind: "text",
      lines: [line("Inline results; investing for growth", 100, 16), line("Body text of page 1 and more words", 300)],
    },
  ]).value;

  it("is read when the PDF's pages are given (readCover(contents, pages))", () => {
    expect(readCover(contents).value.date).toBeNull();
    const meta = readCover(contents, pages).value;
    expect(meta.date).toBe("2026-03-19");
    expect(meta.evidence.find((e) => e.field === "date")).toMatchObject({
      page: 1,
      text: "19 Mar 2026",
      box: { page: 1, y0: 20 },
    });
  });
});

describe("readMeta: an analyst block in a narrow column", () => {
  it("joins an e-mail address and a licence number the column cut, and only those", () => {
    const meta = factsOf([
      at("分析师：张三", 400, 200, 8, 450),
      at("执业证书编号：S06305160800", 400, 210, 8, 500),
      at("01", 400, 219, 8, 408),
      at("zhangsan@example.com.c", 400, 228, 8, 500),
      at("n", 400, 237, 8, 404),
      at("电话：021-12345678", 400, 246, 8, 480),
      at("lisi@example.com", 400, 260, 8, 480),
      at("research", 400, 269, 8, 440),
    ]).value;
    expect(meta.analysts).toEqual([
      {
        name: "张三",
        role: "分析师",
        sac_id: "S0630516080001",
        email: "zhangsan@example.com.cn",
        phone: "021-12345678",
        licences: [{ kind: "SAC", id: "S0630516080001" }],
      },
    ]);
  });
});
