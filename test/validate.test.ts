import { describe, expect, it } from "vitest";
import { z } from "zod";
import { Report } from "../schemas/index.ts";
import { ProblemLog } from "../pipeline/problems.ts";
import { validateReport as validateStage } from "../pipeline/stages/validate.ts";
import { testCell } from "./support/cells.ts";

/** The validate stage as the stage list runs it: its problems filed after the report's own. */
function validateReport(report: Report): Report {
  const log = new ProblemLog(report.source.file);
  const valid = log.take("validate", validateStage(report));
  return { ...valid, problems: [...report.problems, ...log.problems] };
}

function validReport(): Report {
  return {
    schema_version: 1,
    source: { file: "t.txt", sha256: "0".repeat(64), format: "text", encoding: "utf-8", pages: null },
    meta: {
      title: "某模型评测报告",
      broker: null,
      industry: "电子",
      date: "2024-01-02",
      rating: "买入",
      rating_action: "维持",
      previous_rating: "买入",
      analysts: [
        {
          name: "张三",
          role: "分析师",
          sac_id: "S1234567890123",
          email: "zhangsan@example.com",
          phone: null,
          licences: [{ kind: "SAC", id: "S1234567890123" }],
        },
      ],
      related_reports: [],
      language: "zh",
      companies: [],
      rating_normalised: "positive",
      previous_rating_printed: null,
      target_price: null,
      current_price: null,
      market_cap: null,
      evidence: [],
    },
    sections: [{ number: "1", title: "概览", page: 3, line: 5 }],
    figures: [
      {
        label: "图 1",
        title: "对比",
        page: null,
        caption: "对比",
        line: 7,
        source: "某实验室",
        content: "table",
        table_id: "fig-1",
      },
    ],
    tables: [
      {
        id: "fig-1",
        label: "图 1",
        title: "对比",
        page: null,
        line: 8,
        source: "某实验室",
        notes: [],
        unit: null,
        header_rows: 1,
        columns: [
          { col: 0, path: ["模型"], role: "label" },
          { col: 1, path: ["MMLU"], role: "data" },
        ],
        rows: [{ row: 0, path: ["ModelA"], split_from: null }],
        grid: [
          ["模型", "MMLU"],
          ["ModelA", "70.1"],
        ],
        cells: [testCell({ row_header: ["ModelA"], col_header: ["MMLU"], raw: "70.1", value: 70.1 })],
        box: null,
      },
    ],
    scores: [
      {
        table_id: "fig-1",
        label: "图 1",
        model: "ModelA",
        model_raw: "ModelA",
        benchmark: "MMLU",
        benchmark_raw: "MMLU",
        metric: null,
        value: 70.1,
        unit: null,
        setting: null,
        note: null,
        footnote: null,
        value2: null,
        raw: "70.1",
        row: 0,
        col: 1,
      },
    ],
    recommendations: [],
    problems: [],
  };
}

describe("validateReport", () => {
  it("passes a valid report unchanged", () => {
    const report = validReport();
    expect(validateReport(report)).toEqual(validReport());
  });

  it("removes a score whose value is NaN and reports it as an error naming the record", () => {
    const report = validReport();
    report.scores[0]!.value = Number.NaN;
    const out = validateReport(report);

    expect(out.scores).toEqual([]);
    expect(out.tables).toEqual(validReport().tables);
    expect(out.problems).toHaveLength(1);
    const p = out.problems[0]!;
    expect(p).toMatchObject({
      code: "validate/record-rejected",
      severity: "error",
      stage: "validate",
      source: "t.txt",
      where: "scores[0].value",
    });
    expect(p.message).toMatch(/number/i);
    expect(p.message).toContain("ModelA");
  });

  it("removes a table whose id has spaces and reports it as an error naming the record", () => {
    const report = validReport();
    report.tables[0]!.id = "fig 1";
    const out = validateReport(report);

    expect(out.tables).toEqual([]);
    // Scores pointing at a table that is not in the output go too, and say so: no dangling references.
    expect(out.scores).toEqual([]);
    expect(out.problems).toHaveLength(2);
    const p = out.problems[0]!;
    expect(p).toMatchObject({ code: "validate/record-rejected", severity: "error", where: "tables[0].id" });
    expect(p.message).toContain("fig 1");
    expect(out.problems[1]).toMatchObject({ code: "validate/record-rejected", where: "tables/fig-1" });
  });

  it("keeps the problems already in the report when it adds its own", () => {
    const report = validReport();
    report.problems.push({
      code: "table/ragged-row",
      severity: "warning",
      stage: "tables",
      source: "t.txt",
      page: null,
      line: 8,
      where: "fig-1",
      message: "row 2 is short",
    });
    report.scores[0]!.value = Number.NaN;
    const out = validateReport(report);
    expect(out.problems.map((p) => p.code)).toEqual(["table/ragged-row", "validate/record-rejected"]);
  });
});

describe("Report schema", () => {
  it("rejects a malformed report with an error whose pretty text names the path", () => {
    const bad = { ...validReport(), meta: { ...validReport().meta, date: "2024/01/02" } };
    const result = Report.safeParse(bad);

    expect(result.success).toBe(false);
    const text = z.prettifyError(result.error!);
    expect(text).toContain("meta.date");
    expect(text).toContain("dates are ISO YYYY-MM-DD");
  });
});
