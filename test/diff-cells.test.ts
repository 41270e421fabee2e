// Cell, row, column, score and metadata diffs on small constructed tables.
import { describe, expect, it } from "vitest";
import { diffMeta, diffReports, type DiffOptions } from "../pipeline/diff/diff.ts";
import { DiffDocument } from "../schemas/diff.ts";
import { META, makeReport, makeTable, scoresOf, type TableSpec } from "./fixtures/diff/tables.ts";

const SPEC: TableSpec = {
  label: "图 4",
  title: "Gemini 基准测试量化结果",
  cols: ["Gemini Ultra", "GPT-4", "Claude 2"],
  rows: [
    ["MMLU", "90.04% CoT@32*", "87.29% CoT@32 (via API**)", "78.5% 5-shot CoT"],
    ["GSM8K", "94.4% Maj1@32", "92.0% 5-shot", "88.0% 0-shot"],
    ["MATH", "53.2% 4-shot", "52.9% 4-shot", "—"],
    ["Note", "最强", "较好", "一般"],
  ],
};

/** The spec with some cells replaced: edits[row label][column] = new raw text. */
function edit(spec: TableSpec, edits: Record<string, Record<string, string>>): TableSpec {
  return {
    ...spec,
    rows: spec.rows.map(
      ([path, ...raws]) => [path, ...raws.map((r, k) => edits[path]?.[spec.cols[k]!] ?? r)] as [string, ...string[]],
    ),
  };
}

function diff(a: TableSpec, b: TableSpec, options: Partial<DiffOptions> = { all: true }) {
  const ta = makeTable(a);
  const tb = makeTable(b);
  return diffReports(makeReport([ta], { scores: scoresOf(ta) }), makeReport([tb], { scores: scoresOf(tb) }), options)
    .changes;
}
const cellChanges = (a: TableSpec, b: TableSpec, options?: Partial<DiffOptions>) =>
  diff(a, b, options)
    .filter((c) => c.scope !== "score")
    .map((c) => ({
      kind: c.kind,
      row: c.row,
      col: c.col,
      old: c.old,
      new: c.new,
      old_value: c.old_value,
      new_value: c.new_value,
    }));

describe("cells", () => {
  it("reordered rows and columns are not changes", () => {
    const reordered: TableSpec = {
      ...SPEC,
      cols: ["Claude 2", "Gemini Ultra", "GPT-4"],
      rows: [SPEC.rows[2]!, SPEC.rows[0]!, SPEC.rows[3]!, SPEC.rows[1]!].map(([p, a, b, c]) => [p, c!, a!, b!]),
    };
    expect(diff(SPEC, reordered)).toEqual([]);
  });

  it("kinds: value, setting, note, footnote, text, missing marker", () => {
    const b = edit(SPEC, {
      GSM8K: { "GPT-4": "92.5% 5-shot", "Claude 2": "88.0% 8-shot" },
      MMLU: { "GPT-4": "87.29% CoT@32 (reported)", "Gemini Ultra": "90.04% CoT@32**" },
      MATH: { "Claude 2": "35.2% 4-shot" },
      Note: { "GPT-4": "更强" },
    });
    expect(cellChanges(SPEC, b)).toEqual([
      {
        kind: "setting",
        row: "MMLU",
        col: "Gemini Ultra",
        old: "90.04% CoT@32*",
        new: "90.04% CoT@32**",
        old_value: 90.04,
        new_value: 90.04,
      },
      {
        kind: "setting",
        row: "MMLU",
        col: "GPT-4",
        old: "87.29% CoT@32 (via API**)",
        new: "87.29% CoT@32 (reported)",
        old_value: 87.29,
        new_value: 87.29,
      },
      {
        kind: "value",
        row: "GSM8K",
        col: "GPT-4",
        old: "92.0% 5-shot",
        new: "92.5% 5-shot",
        old_value: 92,
        new_value: 92.5,
      },
      {
        kind: "setting",
        row: "GSM8K",
        col: "Claude 2",
        old: "88.0% 0-shot",
        new: "88.0% 8-shot",
        old_value: 88,
        new_value: 88,
      },
      { kind: "value", row: "MATH", col: "Claude 2", old: "—", new: "35.2% 4-shot", old_value: null, new_value: 35.2 },
      { kind: "value", row: "Note", col: "GPT-4", old: "较好", new: "更强", old_value: null, new_value: null },
    ]);
  });

  it("formatting only (spacing, full-width forms, another missing marker) is listed only with --all", () => {
    const b = edit(SPEC, {
      MMLU: { "Gemini Ultra": "90.04 % CoT@32*" },
      GSM8K: { "GPT-4": "９２.0％ 5-shot" },
      MATH: { "Claude 2": "-" },
      Note: { "GPT-4": "较 好" },
    });
    expect(cellChanges(SPEC, b).map((c) => [c.kind, c.row, c.col])).toEqual([
      ["format", "MMLU", "Gemini Ultra"],
      ["format", "GSM8K", "GPT-4"],
      ["format", "MATH", "Claude 2"],
      ["format", "Note", "GPT-4"],
    ]);
    const hidden = diffReports(makeReport([makeTable(SPEC)]), makeReport([makeTable(b)]));
    expect(hidden.changes).toEqual([]);
    expect(hidden.summary.hidden_format).toBe(4);
  });

  it("--epsilon: a difference within the tolerance is formatting, beyond it a value change", () => {
    const b = edit(SPEC, { GSM8K: { "GPT-4": "92.04% 5-shot", "Claude 2": "88.2% 0-shot" } });
    expect(cellChanges(SPEC, b, { all: true, epsilon: 0.05 }).map((c) => [c.kind, c.col])).toEqual([
      ["format", "GPT-4"],
      ["value", "Claude 2"],
    ]);
    expect(cellChanges(SPEC, b, { all: true, epsilon: 0 }).map((c) => c.kind)).toEqual(["value", "value"]);
  });

  it("rows and columns added and removed, with their texts; their cells are not listed again", () => {
    const b: TableSpec = {
      ...SPEC,
      cols: ["Gemini Ultra", "Claude 2", "Grok 1"],
      rows: [
        ["MMLU", "90.04% CoT@32*", "78.5% 5-shot CoT", "73.0% 5-shot"],
        ["GSM8K", "94.4% Maj1@32", "88.0% 0-shot", "62.9% 8-shot"],
        ["HumanEval", "74.4% 0-shot", "70.0% 0-shot", "63.2% 0-shot"],
        ["Note", "最强", "一般", "—"],
      ],
    };
    expect(diff(SPEC, b).map((c) => [c.kind, c.scope, c.row, c.col, c.old, c.new])).toEqual([
      ["col_removed", "table", null, "GPT-4", "87.29% CoT@32 (via API**) | 92.0% 5-shot | 52.9% 4-shot | 较好", null],
      ["col_added", "table", null, "Grok 1", null, "73.0% 5-shot | 62.9% 8-shot | 63.2% 0-shot | —"],
      ["row_removed", "table", "MATH", null, "53.2% 4-shot | 52.9% 4-shot | —", null],
      ["row_added", "table", "HumanEval", null, null, "74.4% 0-shot | 70.0% 0-shot | 63.2% 0-shot"],
    ]);
  });

  it("header paths are joined with ' / ', and repeated row headers told apart by occurrence", () => {
    const a: TableSpec = {
      label: "图 48",
      title: "合成测试结果",
      cols: ["Gemini / 1.0 Pro", "Gemini / 1.5 Pro"],
      rows: [
        ["Ours", "0.931", "38.49"],
        ["Math / Ours", "0.718", "29.56"],
        ["Ours", "0.044", "81.6"],
      ],
    };
    const b = edit(a, {});
    b.rows[2] = ["Ours", "0.044", "81.9"];
    expect(cellChanges(a, b)).toEqual([
      {
        kind: "value",
        row: "Ours #2",
        col: "Gemini / 1.5 Pro",
        old: "81.6",
        new: "81.9",
        old_value: 81.6,
        new_value: 81.9,
      },
    ]);
  });
});

describe("scores", () => {
  it("are diffed by (model, benchmark) with scope score, setting-agnostic", () => {
    const b = edit(SPEC, {
      GSM8K: { "GPT-4": "92.5% 5-shot", "Claude 2": "88.0% 8-shot" },
      MMLU: { "Gemini Ultra": "90.04 % CoT@32*" },
    });
    const scores = diff(SPEC, b).filter((c) => c.scope === "score");
    expect(scores.map((c) => [c.kind, c.row, c.col, c.old, c.new, c.old_value, c.new_value, c.table_title])).toEqual([
      ["format", "MMLU", "Gemini Ultra", "90.04% CoT@32*", "90.04 % CoT@32*", 90.04, 90.04, "Gemini 基准测试量化结果"],
      ["value", "GSM8K", "GPT-4", "92.0% 5-shot", "92.5% 5-shot", 92, 92.5, "Gemini 基准测试量化结果"],
      ["setting", "GSM8K", "Claude 2", "88.0% 0-shot", "88.0% 8-shot", 88, 88, "Gemini 基准测试量化结果"],
    ]);
  });

  it("a score appearing in a cell present in both editions is a value change; in an added row it is not listed", () => {
    const b = edit(SPEC, { MATH: { "Claude 2": "35.2% 4-shot" } });
    b.rows.push(["HumanEval", "74.4% 0-shot", "67.0% 0-shot", "70.0% 0-shot"]);
    const scores = diff(SPEC, b).filter((c) => c.scope === "score");
    expect(scores.map((c) => [c.kind, c.row, c.col, c.old, c.new, c.old_value, c.new_value])).toEqual([
      ["value", "MATH", "Claude 2", null, "35.2% 4-shot", null, 35.2],
    ]);
  });
});

describe("metadata", () => {
  it("compares cover fields; analysts by name and related reports by title, in any order", () => {
    const b = {
      ...META,
      date: "2024-03-16",
      rating: "中性",
      analysts: [
        { ...META.analysts[1]!, email: "liujian@tfzq.com" },
        META.analysts[0]!,
        { name: "王晓", role: "分析师", sac_id: null, email: null, phone: null, licences: [] },
      ],
      related_reports: [],
    };
    expect(diffMeta(META, b).map((c) => [c.kind, c.scope, c.field, c.old, c.new])).toEqual([
      ["meta", "meta", "date", "2024-03-09", "2024-03-16"],
      ["meta", "meta", "rating", "强于大市", "中性"],
      ["meta", "meta", "analysts", "刘鉴 (联系人, liujianb@tfzq.com)", "刘鉴 (联系人, liujian@tfzq.com)"],
      ["meta", "meta", "analysts", null, "王晓 (分析师)"],
      ["meta", "meta", "related_reports", "《计算机-行业点评》2024-03-06", null],
    ]);
    expect(diffMeta(META, { ...META, title: "大模型生态加速突破 ", analysts: [...META.analysts].reverse() })).toEqual(
      [],
    );
  });
});

describe("the diff document", () => {
  it("is valid under its schema, with counts per kind and scope", () => {
    const b = edit(SPEC, { GSM8K: { "GPT-4": "92.5% 5-shot" } });
    const r = diffReports(
      makeReport([makeTable(SPEC)], { scores: scoresOf(makeTable(SPEC)) }),
      makeReport([makeTable(b)], { meta: { date: "2024-03-16" }, scores: scoresOf(makeTable(b)) }),
    );
    expect(r.summary.by_kind).toMatchObject({ meta: 1, value: 2, setting: 0 });
    expect(r.summary.by_scope).toEqual({ cell: 1, score: 1, meta: 1, table: 0 });
    const doc = DiffDocument.parse({
      diff_version: 1,
      old: { path: "a", file: "a.txt", sha256: "0".repeat(64), tables: 1 },
      new: { path: "b", file: "b.txt", sha256: "0".repeat(64), tables: 1 },
      options: { epsilon: 0, all: false },
      summary: r.summary,
      changes: r.changes,
    });
    expect(doc.changes[0]).toMatchObject({ kind: "meta", field: "date" });
  });
});
