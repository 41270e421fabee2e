import { describe, expect, it } from "vitest";
import type { Report, SourceDocument } from "../schemas/index.ts";
import { splitBlocks } from "../pipeline/input/text.ts";
import { analyse } from "../pipeline/extract.ts";
import { extractScores } from "../pipeline/stages/scores.ts";

function reportOf(...lines: string[]): Report {
  const doc: SourceDocument = {
    file: "t.txt",
    sha256: "0".repeat(64),
    format: "text",
    encoding: "utf-8",
    pages: null,
    blocks: splitBlocks(lines.join("\n")),
  };
  return analyse(doc);
}
const pick = (r: Report) => r.scores.map((s) => [s.model, s.benchmark, s.value, s.setting]);

describe("extractScores", () => {
  it("reads models as columns and benchmarks as rows: one score per cell, canonical names, cell setting", () => {
    const r = reportOf(
      "图 1：模型对比",
      "Benchmark\tGPT4\tClaude-2",
      "MMLU\t86.4% 5-shot\t78.5% 5-shot",
      "GSM-8K\t92.0% 5-shot\t88.0% 0-shot",
      "资料来源：某实验室",
    );

    expect(pick(r)).toEqual([
      ["GPT-4", "MMLU", 86.4, "5-shot"],
      ["Claude 2", "MMLU", 78.5, "5-shot"],
      ["GPT-4", "GSM8K", 92.0, "5-shot"],
      ["Claude 2", "GSM8K", 88.0, "0-shot"],
    ]);
    expect(r.scores[0]).toEqual({
      table_id: "fig-1",
      label: "图 1",
      model: "GPT-4",
      model_raw: "GPT4",
      benchmark: "MMLU",
      benchmark_raw: "MMLU",
      metric: null,
      value: 86.4,
      unit: "%",
      setting: "5-shot",
      note: null,
      footnote: null,
      value2: null,
      raw: "86.4% 5-shot",
      row: 0,
      col: 1,
    });
  });

  describe("models as rows, benchmarks under two-row header parents", () => {
    const r = reportOf(
      "图 2：综合评测",
      "\t推理\t\t知识",
      "模型\tGSM8K (8-shot)\tMATH\tMMLU",
      "GPT-4\t92.0\t52.9% 4-shot\t86.4",
      "Claude 2\t88.0\t45.0\t78.5",
      "GPT-4/Claude 2\t1.05\t1.18\t1.10",
      "资料来源：某实验室",
    );

    it("gives one score per model and benchmark, naming the benchmark under its parent", () => {
      expect(pick(r).map(([m, b, v]) => [m, b, v])).toEqual([
        ["GPT-4", "GSM8K", 92.0],
        ["GPT-4", "MATH", 52.9],
        ["GPT-4", "MMLU", 86.4],
        ["Claude 2", "GSM8K", 88.0],
        ["Claude 2", "MATH", 45.0],
        ["Claude 2", "MMLU", 78.5],
      ]);
      expect(r.scores[0]?.benchmark_raw).toBe("推理 / GSM8K (8-shot)");
    });

    it("leaves out the ratio row comparing two model rows", () => {
      expect(r.scores.some((s) => s.model_raw.includes("/"))).toBe(false);
      expect(r.tables[0]?.rows.map((row) => row.path)).toContainEqual(["GPT-4/Claude 2"]);
    });

    it("takes the setting stated in the header when the cell has none, and the cell's own otherwise", () => {
      const setting = (model: string, benchmark: string) =>
        r.scores.find((s) => s.model === model && s.benchmark === benchmark)?.setting;
      expect(setting("GPT-4", "GSM8K")).toBe("8-shot");
      expect(setting("Claude 2", "GSM8K")).toBe("8-shot");
      expect(setting("GPT-4", "MATH")).toBe("4-shot");
      expect(setting("Claude 2", "MMLU")).toBeNull();
    });
  });

  it("gives no scores for a qualitative table of text cells", () => {
    const r = reportOf("图 3：模型特点", "模型\tMMLU\tGSM8K", "GPT-4\t领先\t较强", "Claude 2\t较强\t一般");
    expect(r.tables).toHaveLength(1);
    expect(r.scores).toEqual([]);
  });

  it("gives no scores for a table of model parameters", () => {
    const r = reportOf("图 4：模型规模", "模型\tParams\tTokens", "GPT-4\t1.8T\t13T", "Claude 2\t130B\t2T");
    expect(r.tables).toHaveLength(1);
    expect(r.scores).toEqual([]);
  });

  it("keeps unknown model names as printed", () => {
    const r = reportOf("图 5：新模型", "模型\tMMLU\tGSM8K", "Zephyrion-9\t70.1\t55.2", "Kestrel Pro\t68.0\t50.5");
    expect(r.scores.map((s) => [s.model, s.model_raw, s.benchmark, s.value])).toEqual([
      ["Zephyrion-9", "Zephyrion-9", "MMLU", 70.1],
      ["Zephyrion-9", "Zephyrion-9", "GSM8K", 55.2],
      ["Kestrel Pro", "Kestrel Pro", "MMLU", 68.0],
      ["Kestrel Pro", "Kestrel Pro", "GSM8K", 50.5],
    ]);
  });

  it("is the same as extractScores applied to the report's table", () => {
    const r = reportOf("图 1：对比", "模型\tMMLU", "GPT-4\t86.4", "Claude 2\t78.5");
    const table = r.tables[0];
    expect(table).toBeDefined();
    expect(extractScores(table!)).toEqual(r.scores);
  });
});

describe("financial line items are never scores", () => {
  it("a table of periods whose row labels share a name with a metric (EM, F1) gives none", () => {
    const r = reportOf(
      "Figure 1: Revenue by market (US$ m)",
      "Year to Dec\t2025A\t2026E\t2027E",
      "EM\t1,234\t1,456\t1,600",
      "F1\t88.0\t90.5\t92.1",
      "Source: company data",
    );
    expect(r.tables[0]!.cells.filter((c) => c.period !== null)).toHaveLength(6);
    expect(r.scores).toEqual([]);
  });

  it("an amount of money in a model × benchmark table is no score", () => {
    const r = reportOf("图 1：模型对比", "Benchmark\tGPT4\tClaude-2", "MMLU\t86.4%\tUS$1.2bn", "GSM-8K\t92.0%\t88.0%");
    expect(pick(r).map(([m, b]) => `${m} ${b}`)).toEqual(["GPT-4 MMLU", "GPT-4 GSM8K", "Claude 2 GSM8K"]);
  });
});
