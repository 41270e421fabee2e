// Table matching across editions on small constructed cases: by content, never by label.
import { describe, expect, it } from "vitest";
import { diffReports, matchTables, tableFeatures, tableSimilarity, viewTable } from "../pipeline/diff/diff.ts";
import type { Table } from "../schemas/report.ts";
import { makeReport, makeTable } from "./fixtures/diff/tables.ts";

const features = (tables: Table[]) => tables.map((t) => tableFeatures(viewTable(t)));
const match = (a: Table[], b: Table[]) => matchTables(features(a), features(b));
const pairs = (a: Table[], b: Table[]) => match(a, b).pairs.map((p) => [p.old, p.new]);

const bench = (label: string | null) =>
  makeTable({
    label,
    title: "Gemini 基准测试量化结果",
    cols: ["Gemini Ultra", "GPT-4", "Claude 2"],
    rows: [
      ["MMLU", "90.04% CoT@32*", "87.29% CoT@32", "78.5% 5-shot"],
      ["GSM8K", "94.4% Maj1@32", "92.0% 5-shot", "88.0% 0-shot"],
      ["MATH", "53.2% 4-shot", "52.9% 4-shot", "—"],
    ],
  });
const mixtral = (label: string | null, title = "Mixtral 8x7B 标化测试结果") =>
  makeTable({
    label,
    title,
    cols: ["LLaMA 2 70B", "GPT-3.5", "Mixtral 8x7B"],
    rows: [
      ["MMLU (MCQ in 57 subjects)", "69.9%", "70.0%", "70.6%"],
      ["HellaSwag (10-shot)", "87.1%", "85.5%", "86.7%"],
      ["MBPP (pass@1)", "49.8%", "52.2%", "60.7%"],
    ],
  });
const lmsys = (label: string | null) =>
  makeTable({
    label,
    title: "LMSys 排行榜",
    cols: ["Arena Elo rating", "MT-bench (score)", "License"],
    rows: [
      ["GPT-4-Turbo", "1243", "9.32", "Proprietary"],
      ["Claude-1", "1149", "7.9", "Proprietary"],
      ["Yi-34B-Chat", "1110", "", "Yi License"],
    ],
  });
const abab = (label: string | null) =>
  makeTable({
    label,
    title: "abab6 评测数据",
    cols: ["abab6", "Claude", "GPT-4"],
    rows: [
      ["IFEval", "0.67", "0.57", "0.75"],
      ["MT-Bench", "8.61", "8.18", "9.32"],
    ],
  });

describe("table matching", () => {
  it("pairs identical editions one to one", () => {
    const tables = [bench("图 1"), mixtral("图 2"), lmsys("图 3")];
    const m = match(tables, tables);
    expect(m.pairs.map((p) => [p.old, p.new])).toEqual([
      [0, 0],
      [1, 1],
      [2, 2],
    ]);
    expect(m.removed).toEqual([]);
    expect(m.added).toEqual([]);
    expect(m.pairs.every((p) => p.similarity.score === 1)).toBe(true);
  });

  it("a removed figure that renumbers the rest gives one removal and relabellings, no cascade", () => {
    const old = [bench("图 1"), mixtral("图 2"), lmsys("图 3"), abab("图 4")];
    const now = [bench("图 1"), lmsys("图 2"), abab("图 3")];
    const m = match(old, now);
    expect(m.pairs.map((p) => [p.old, p.new])).toEqual([
      [0, 0],
      [2, 1],
      [3, 2],
    ]);
    expect(m.removed).toEqual([1]);
    expect(m.added).toEqual([]);
    const d = diffReports(makeReport(old), makeReport(now));
    expect(d.changes.map((c) => [c.kind, c.field, c.old_label, c.new_label])).toEqual([
      ["table_removed", null, "图 2", null],
      ["table_relabelled", "label", "图 3", "图 2"],
      ["table_relabelled", "label", "图 4", "图 3"],
    ]);
    expect(d.summary.data_changes).toBe(1);
  });

  it("does not use the label: a new table under an old table's label is matched to its own content", () => {
    const old = [bench("图 1"), mixtral("图 2"), lmsys("图 3")];
    const now = [bench("图 1"), lmsys("图 2")]; // 图 2 is now the LMSys table
    expect(pairs(old, now)).toEqual([
      [0, 0],
      [2, 1],
    ]);
  });

  it("matches reordered tables by content", () => {
    expect(
      pairs([bench("图 1"), mixtral("图 2"), lmsys("图 3")], [lmsys("图 1"), bench("图 2"), mixtral("图 3")]),
    ).toEqual([
      [2, 0],
      [0, 1],
      [1, 2],
    ]);
  });

  it("tells tables with the same content apart by their titles", () => {
    const nine = mixtral("图 9");
    const twelve = mixtral("图 12", "Mixtral 8x7B 与 LLaMA2、GPT-3.5 对比");
    expect(pairs([nine, twelve], [twelve, nine])).toEqual([
      [1, 0],
      [0, 1],
    ]);
    // 图 12 removed: the remaining copy is 图 9's
    const m = match([nine, twelve], [nine]);
    expect(m.pairs.map((p) => [p.old, p.new])).toEqual([[0, 0]]);
    expect(m.removed).toEqual([1]);
  });

  it("with the same title and content, the pair closest in position wins (no spurious relabel)", () => {
    const a = [bench("图 1"), bench("图 2")];
    expect(pairs(a, a)).toEqual([
      [0, 0],
      [1, 1],
    ]);
  });

  it("still matches a table edited in place (row added, column removed, values changed, new title)", () => {
    const old = bench("图 4");
    const edited = makeTable({
      label: "图 3",
      title: "Gemini 基准测试结果",
      cols: ["Gemini Ultra", "GPT-4"],
      rows: [
        ["MMLU", "90.04% CoT@32*", "86.4% 5-shot"],
        ["GSM8K", "94.4% Maj1@32", "92.5% 5-shot"],
        ["MATH", "53.2% 4-shot", "52.9% 4-shot"],
        ["HumanEval", "74.4% 0-shot", "67.0% 0-shot"],
      ],
    });
    const m = match([old, lmsys("图 5")], [lmsys("图 4"), edited]);
    expect(m.pairs.map((p) => [p.old, p.new])).toEqual([
      [1, 0],
      [0, 1],
    ]);
    expect(m.pairs[1]!.similarity.score).toBeGreaterThan(0.6);
  });

  it("an unrelated table in the place of a removed one is an addition and a removal", () => {
    const m = match([bench("图 1"), mixtral("图 2")], [bench("图 1"), abab("图 2")]);
    expect(m.pairs.map((p) => [p.old, p.new])).toEqual([[0, 0]]);
    expect(m.removed).toEqual([1]);
    expect(m.added).toEqual([1]);
  });

  it("is globally greedy: the best pair is taken first, whatever the order of the tables", () => {
    // old[0] is the benchmark table with one value changed; new[1] is old[0] edited further. old[0] is closer
    // to new[0] than to new[1], but new[0] is old[1] exactly: taking old[0]'s best first would steal it.
    const base = bench("图 2");
    const edited = makeTable({
      label: "图 1",
      title: "Gemini 基准测试量化结果",
      cols: ["Gemini Ultra", "GPT-4", "Claude 2"],
      rows: [
        ["MMLU", "90.04% CoT@32*", "87.29% CoT@32", "78.5% 5-shot"],
        ["GSM8K", "94.4% Maj1@32", "92.0% 5-shot", "88.0% 0-shot"],
        ["MATH", "53.2% 4-shot", "52.9% 4-shot", "35.2% 4-shot"],
      ],
    });
    const further = makeTable({
      label: "图 2",
      title: "Gemini 基准测试（更新）",
      cols: ["Gemini Ultra", "GPT-4", "Claude 2"],
      rows: [
        ["MMLU", "90.0%", "87.3%", "78.5% 5-shot"],
        ["GSM8K", "94.4% Maj1@32", "92.5% 5-shot", "88.0% 0-shot"],
        ["MATH", "53.2% 4-shot", "52.9% 4-shot", "35.2% 4-shot"],
        ["DROP", "82.4", "80.9", "—"],
      ],
    });
    const [e, b, f] = features([edited, base, further]) as [
      ReturnType<typeof tableFeatures>,
      ReturnType<typeof tableFeatures>,
      ReturnType<typeof tableFeatures>,
    ];
    expect(tableSimilarity(e, b).score).toBeGreaterThan(tableSimilarity(e, f).score);
    expect(tableSimilarity(e, f).score).toBeGreaterThan(0.5);
    const m = match([edited, base], [base, further]);
    expect(m.pairs.map((p) => [p.old, p.new])).toEqual([
      [1, 0],
      [0, 1],
    ]);
  });

  it("similarity: components both tables lack are left out, and the weights renormalised", () => {
    const noRows = (title: string) => makeTable({ title, cols: [], rows: [] });
    const s = tableSimilarity(
      tableFeatures(viewTable(noRows("投资评级声明"))),
      tableFeatures(viewTable(noRows("投资评级声明"))),
    );
    expect(s).toMatchObject({ score: 1, title: 1, rows: null, cols: null, values: null });
    const t = tableSimilarity(tableFeatures(viewTable(bench("图 1"))), tableFeatures(viewTable(lmsys("图 1"))));
    expect(t.score).toBeLessThan(0.2);
  });
});
