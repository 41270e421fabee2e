// Golden checks of table finding on real broker reports, written from the page images (not from the output).
// The reports live outside the repository in ../shared/fixtures/; the checks skip when they are absent.
import { existsSync, readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import type { PdfPage } from "../schemas/index.ts";
import { expandSpans } from "../pipeline/input/html-table.ts";
import { readPdfPages } from "../pipeline/input/pdf.ts";
import { findTables, mergeAcrossPages, type PdfTable } from "../pipeline/stages/tables/pdf-tables.ts";

const REAL = "../shared/fixtures/real";
const SEED = "../shared/fixtures/seed";
const have = (file: string) => {
  const ok = existsSync(file);
  if (!ok)
    console.warn(
      `skipping PDF table checks on ${file}: the file is absent (shared fixtures are outside the repository)`,
    );
  return ok;
};

/** Page headers and footers: the caller excludes them; here, runs in the top and bottom 6% of the page. */
const MARGIN = 0.06;
function tablesOf(pages: PdfPage[], n: number): PdfTable[] {
  const p = pages[n - 1]!;
  const exclude = new Set(
    p.runs.flatMap((r, i) => (r.y1 < MARGIN * p.height || r.y0 > (1 - MARGIN) * p.height ? [i] : [])),
  );
  return findTables(p, exclude);
}
/** Cell texts with spans expanded, compared NFKC-folded (the reader may keep full-width punctuation as printed). */
const fold = (s: string) => s.normalize("NFKC");
const grid = (t: PdfTable) => expandSpans(t.rows).grid.map((r) => r.map(fold));
/** Cell texts folded and without white space (the reader puts spaces between CJK and Latin or digit runs). */
const squash = (s: string) => fold(s).replace(/\s+/g, "");
/** Each row's cells as [text, row_span] (squashed). */
const spanRows = (t: PdfTable) => t.rows.map((r) => r.map((c) => [squash(c.text), c.row_span]));
/** The cell in the row whose first cell is `label`, under the column whose header (first row) is `column`. */
function cell(t: PdfTable, label: string, column: string): string | undefined {
  const g = grid(t);
  const c = g[0]!.indexOf(column);
  return g.find((r) => r[0] === label)?.[c];
}

async function load(file: string): Promise<PdfPage[]> {
  return (await readPdfPages(new Uint8Array(readFileSync(file)))).pages;
}

describe.skipIf(!have(`${REAL}/debang-2022-gaoce-company.pdf`))("debang-2022-gaoce-company.pdf", () => {
  let pages: PdfPage[];
  beforeAll(async () => {
    pages = await load(`${REAL}/debang-2022-gaoce-company.pdf`);
  }, 60_000);

  it("page 1: the 沪深300对比 table, and the 市场表现 line chart above it is no table", () => {
    const tables = tablesOf(pages, 1);
    expect(tables).toHaveLength(1);
    expect(grid(tables[0]!)).toEqual([
      ["沪深 300对比", "1M", "2M", "3M"],
      ["绝对涨幅(%)", "7.18", "32.88", "80.86"],
      ["相对涨幅(%)", "8.10", "25.93", "78.39"],
    ]);
  });

  it("page 2: 股票数据 beside 主要财务数据及预测, two tables", () => {
    const [left, right] = tablesOf(pages, 2);
    expect(left!.box.x1).toBeLessThan(right!.box.x0);
    expect(grid(left!).map((r) => r[0])).toContain("总股本(百万股):");
    expect(grid(left!).find((r) => r[0] === "总市值(百万元):")?.[1]).toBe("18,785.44");
    expect(grid(right!)[0]![0]).toContain("主要财务数据及预测");
    expect(grid(right!)[1]).toEqual(["", "2020", "2021", "2022E", "2023E", "2024E"]);
    const row = (label: string) => grid(right!).find((r) => r[0] === label);
    expect(row("营业收入(百万元)")).toEqual(["营业收入(百万元)", "746", "1,567", "3,684", "5,056", "5,752"]);
    expect(row("净资产收益率(%)")?.[3]).toBe("27.9%");
  });

  it("page 3: the four statements laid out 2×2 come out as four separate tables", () => {
    const tables = tablesOf(pages, 3);
    expect(tables.map((t) => grid(t)[0]![0])).toEqual([
      "主要财务指标",
      "利润表(百万元)",
      "资产负债表(百万元)",
      "现金流量表(百万元)",
    ]);
    for (const t of tables) expect(grid(t)[0]!.slice(1)).toEqual(["2021", "2022E", "2023E", "2024E"]);
    const [ratios, income, balance, cash] = tables;
    expect(ratios!.box.x1).toBeLessThan(income!.box.x0);
    expect(cell(ratios!, "EV/EBITDA", "2023E")).toBe("15.68");
    expect(cell(income!, "资产减值损失", "2024E")).toBe("-98");
    expect(cell(balance!, "资产总计", "2024E")).toBe("10,141");
    expect(cell(cash!, "营运资金变动", "2021")).toBe("-220");
    // The notes under the cash-flow statement are not rows of it.
    expect(grid(cash!).at(-1)![0]).toBe("现金净流量");
    // Group labels stand alone in the first column.
    expect(grid(ratios!).find((r) => r[0] === "每股指标(元)")).toEqual(["每股指标(元)", "", "", "", ""]);
  });

  it("page 2: the hidden template tags over the titles ([Table_Base], [Table_Finance]) are in no cell; the source and note lines under the forecast are no rows", () => {
    const [left, right] = tablesOf(pages, 2);
    expect(left!.rows[0]![0]!.text).toBe("股票数据");
    expect(right!.rows[0]![0]!.text).toBe("主要财务数据及预测");
    for (const t of [left!, right!])
      expect(t.rows.flat().some((c) => c.text.includes("[") || c.text.includes("Table_"))).toBe(false);
    expect(grid(right!).at(-1)).toEqual(["净资产收益率(%)", "6.0%", "15.0%", "27.9%", "28.8%", "26.5%"]);
  });

  it("page 4: the rating table beside the rating notes; the notes are no column of it, the rating classes span their ratings", () => {
    const tables = tablesOf(pages, 4);
    expect(tables).toHaveLength(1);
    const [t] = tables;
    expect(spanRows(t!)).toEqual([
      [
        ["类别", 1],
        ["评级", 1],
        ["说明", 1],
      ],
      [
        ["股票投资评级", 4],
        ["买入", 1],
        ["相对强于市场表现20%以上;", 1],
      ],
      [
        ["增持", 1],
        ["相对强于市场表现5%~20%;", 1],
      ],
      [
        ["中性", 1],
        ["相对市场表现在-5%~+5%之间波动;", 1],
      ],
      [
        ["减持", 1],
        ["相对弱于市场表现5%以下。", 1],
      ],
      [
        ["行业投资评级", 3],
        ["优于大市", 1],
        ["预期行业整体回报高于基准指数整体水平10%以上;", 1],
      ],
      [
        ["中性", 1],
        ["预期行业整体回报介于基准指数整体水平-10%与10%之间;", 1],
      ],
      [
        ["弱于大市", 1],
        ["预期行业整体回报低于基准指数整体水平10%以下。", 1],
      ],
    ]);
    // The notes ("1. 投资评级的比较和评级标准：…") stand left of the table and stay text.
    const notes = pages[3]!.runs.findIndex((r) => r.text.includes("投资评级的比较和评级标准"));
    expect(t!.runIds).not.toContain(notes);
    expect(t!.box.x0).toBeGreaterThan(pages[3]!.runs[notes]!.x1);
    // The hidden tag printed over the notes ("[Table_" "RatingDescription" "]") goes with the table's frame, so the
    // notes read cleanly as text.
    const tag = pages[3]!.runs.findIndex((r) => r.text.includes("RatingDescription"));
    expect(t!.runIds).toEqual(expect.arrayContaining([tag - 1, tag, tag + 1]));
  });
});

describe.skipIf(!have(`${REAL}/huatai-2020-bert-sentiment.pdf`))("huatai-2020-bert-sentiment.pdf", () => {
  let pages: PdfPage[];
  beforeAll(async () => {
    pages = await load(`${REAL}/huatai-2020-bert-sentiment.pdf`);
  }, 60_000);

  it("page 5: the news sample table, cells wrapped over many lines read as one cell", () => {
    const [t, ...rest] = tablesOf(pages, 5);
    expect(rest).toEqual([]);
    const g = grid(t!);
    expect(g[0]).toEqual(["发布时间", "新闻标题", "新闻内容", "来源", "新闻栏目", "相关公司", "市场情绪"]);
    expect(g).toHaveLength(3);
    expect(g[1]![0]).toBe("2020/9/26 00:16:19");
    expect(g[1]![1]).toBe("朗玛信息:动视云未来业务发展存在一定的不确定性");
    expect(g[2]![2]).toMatch(/^e 公司讯,启迪环境\(000826\)9 ?月 27 日晚间公告.*较为积极的影响。$/);
  });

  it("pages 6 and 7: charts (raster, and vector with text tick labels) give no table", () => {
    expect(tablesOf(pages, 6)).toEqual([]);
    expect(tablesOf(pages, 7)).toEqual([]);
  });

  it("page 11: the two-line header: a parent over five columns and wrapped header cells", () => {
    const [t] = tablesOf(pages, 11);
    const header = t!.rows[0]!;
    expect(header.map((c) => [fold(c.text), c.col_span])).toEqual([
      ["", 1],
      ["分层组合 1~5(从左到右)年化收益率", 5],
      ["多空组合年化收益率", 1],
      ["多空组合夏普比率", 1],
      ["多空组合最大回撤", 1],
      ["多空组合胜率", 1],
    ]);
    expect(grid(t!)[1]).toEqual([
      "沪深 300 成份股内",
      "17.79%",
      "5.64%",
      "0.29%",
      "-1.14%",
      "-1.30%",
      "18.73%",
      "1.66",
      "19.47%",
      "65.91%",
    ]);
  });

  it("pages 18 and 19: model comparison, hyper-parameter and metric tables; the training chart is no table", () => {
    const [models, params] = tablesOf(pages, 18);
    expect(grid(models!)[0]).toEqual([
      "模型",
      "Transformer 层数",
      "隐藏层神经元数",
      "自注意力头数目",
      "参数量",
      "模型大小",
    ]);
    expect(grid(models!)[2]).toEqual(["BERT-base", "12", "768", "12", "1.1 亿", "392MB"]);
    expect(grid(params!)).toEqual([
      ["参数", "参数含义", "参数取值"],
      ["learning_rate", "学习率", "0.00001"],
      ["num_train_epochs", "迭代次数", "5"],
      ["max_seq_length", "文本的最长长度,超过会截断", "500"],
    ]);
    const [metrics, ...rest] = tablesOf(pages, 19);
    expect(rest).toEqual([]);
    expect(metrics!.box.y0).toBeGreaterThan(400);
    expect(grid(metrics!)).toEqual([
      ["", "准确率", "AUC", "精确率", "召回率"],
      ["测试集表现", "0.9826", "0.9746", "0.9736", "0.9744"],
    ]);
  });
});

describe.skipIf(!have(`${REAL}/tianfeng-2018-index-enhance.pdf`))("tianfeng-2018-index-enhance.pdf", () => {
  let pages: PdfPage[];
  beforeAll(async () => {
    pages = await load(`${REAL}/tianfeng-2018-index-enhance.pdf`);
  }, 60_000);

  it("page 12: the yearly backtest table, its wrapped header cells one row", () => {
    const [t, ...rest] = tablesOf(pages, 12);
    expect(rest).toEqual([]);
    const g = grid(t!);
    expect(g[0]).toEqual([
      "年份",
      "绝对收益",
      "指数收益",
      "超额收益",
      "相对最大回撤",
      "收益回撤比",
      "信息比",
      "跟踪误差",
      "回撤前高点",
      "回撤低点",
      "月度胜率",
    ]);
    expect(g[1]).toEqual([
      "2010",
      "-1.40%",
      "-12.54%",
      "11.14%",
      "-1.19%",
      "9.34",
      "3.97",
      "3.13%",
      "20101124",
      "20101130",
      "91.67%",
    ]);
    expect(g.at(-1)).toEqual([
      "全样本期",
      "13.88%",
      "-0.22%",
      "14.11%",
      "-3.02%",
      "4.67",
      "3.5",
      "3.78%",
      "20150708",
      "20150713",
      "89.22%",
    ]);
  });

  it("page 8: the composite-factor table; the bar chart image above it is no table", () => {
    const tables = tablesOf(pages, 8);
    expect(tables.map(grid)).toEqual([
      [
        ["", "复合因子 IC 均值", "复合因子年化 ICIR", "复合因子 IC 胜率"],
        ["原始", "0.1238", "6.1065", "94.12%"],
        ["对称正交", "0.1330", "7.0424", "96.08%"],
      ],
    ]);
  });

  it("page 4: the factor list with its category labels spanning rows", () => {
    const [t] = tablesOf(pages, 4);
    const g = grid(t!);
    expect(g[0]).toEqual(["类别", "因子简称", "因子名称", "因子计算方式"]);
    expect(g.find((r) => r[1] === "LNCAP")).toEqual(["规模", "LNCAP", "总市值对数", "总市值取对数"]);
    const technical = t!.rows.flat().find((c) => c.text === "技术");
    expect(technical?.row_span).toBe(2);
  });

  it("page 4: each category label, printed in the middle of its rows, spans all of them from the first", () => {
    const [t] = tablesOf(pages, 4);
    // Rows of four cells start a category (its label first); the shading of the page groups the factors so.
    const starts = t!.rows.slice(1).flatMap((r) => (r.length === 4 ? [[r[0]!.text, r[0]!.row_span, r[1]!.text]] : []));
    expect(starts).toEqual([
      ["规模", 1, "LNCAP"],
      ["估值", 3, "BP"],
      ["技术", 2, "REVERSE1M"],
      ["成长", 5, "NETPROFITINCYOY"],
      ["盈利", 4, "ROE"],
      ["一致预期", 3, "FEPTTM"],
      ["流动性", 3, "ILLIQ"],
      ["波动", 3, "IVR"],
      ["分红", 1, "DIVIDENDRATE"],
    ]);
    expect(t!.rows).toHaveLength(26);
  });

  it("page 6: the heatmap's corner cell split by a diagonal gives both axis names apart", () => {
    const [t, ...rest] = tablesOf(pages, 6);
    expect(rest).toEqual([]);
    const g = grid(t!);
    expect(g[0]![0]).toBe("因子值秩相关系数 / 因子IC序列相关系数");
    expect(g[0]![1]).toBe("总市值对数");
    expect(g).toHaveLength(26);
    expect(g[1]!.slice(0, 4)).toEqual(["总市值对数", "", "-0.12", "-0.04"]);
    expect(g[2]!.slice(0, 4)).toEqual(["股息率", "0.01", "", "0.30"]);
  });

  it("page 20: the rating table without a top rule: classes and their note centred on their ratings, one cell each", () => {
    const [t] = tablesOf(pages, 20);
    const note = "自报告日后的6个月内,相对同期沪深300指数的涨跌幅";
    expect(spanRows(t!)).toEqual([
      [
        ["类别", 1],
        ["说明", 1],
        ["评级", 1],
        ["体系", 1],
      ],
      [
        ["股票投资评级", 4],
        [note, 4],
        ["买入", 1],
        ["预期股价相对收益20%以上", 1],
      ],
      [
        ["增持", 1],
        ["预期股价相对收益10%-20%", 1],
      ],
      [
        ["持有", 1],
        ["预期股价相对收益-10%-10%", 1],
      ],
      [
        ["卖出", 1],
        ["预期股价相对收益-10%以下", 1],
      ],
      [
        ["行业投资评级", 3],
        [note, 3],
        ["强于大市", 1],
        ["预期行业指数涨幅5%以上", 1],
      ],
      [
        ["中性", 1],
        ["预期行业指数涨幅-5%-5%", 1],
      ],
      [
        ["弱于大市", 1],
        ["预期行业指数涨幅-5%以下", 1],
      ],
    ]);
  });
});

describe.skipIf(!have(`${SEED}/tianfeng-2024-03-09-llm.pdf`))(
  "seed tianfeng-2024-03-09-llm.pdf against its text version",
  () => {
    it("gives the cells of the text version's tab-separated tables (matched by caption order)", async () => {
      const pages = await load(`${SEED}/tianfeng-2024-03-09-llm.pdf`);
      const text = readFileSync("sources/tianfeng-2024-03-09-llm-text.txt", "utf8").split(/\r?\n/);
      const truth: string[][][] = [];
      let caption = false;
      for (let i = 0; i < text.length; i++) {
        if (/^\s*图\s*\d+\s*[:：]/.test(text[i]!) && !text[i]!.includes("\t")) caption = true;
        else if (caption && text[i]!.includes("\t")) {
          const rows: string[][] = [];
          while (i < text.length && text[i]!.includes("\t")) rows.push(text[i++]!.split("\t").map((s) => s.trim()));
          truth.push(rows);
          caption = false;
        }
      }
      const tables = mergeAcrossPages(
        pages.flatMap((p) => findTables(p)),
        new Map(pages.map((p) => [p.page, p.height])),
      );
      const joined = tables.map(grid);
      // 图 3 runs from page 5 (its header row) onto page 6.
      expect(tables[0]!.continued).toBe(true);
      const norm = (s: string | undefined) =>
        fold(s ?? "")
          .replace(/\s+/g, " ")
          .trim();
      let same = 0;
      let total = 0;
      truth.forEach((rows, k) =>
        rows.forEach((row, r) =>
          row.forEach((want, c) => {
            total++;
            if (norm(joined[k]?.[r]?.[c]) === norm(want)) same++;
          }),
        ),
      );
      expect(total).toBeGreaterThan(900);
      expect(same / total).toBeGreaterThanOrEqual(0.99);
    }, 60_000);
  },
);
