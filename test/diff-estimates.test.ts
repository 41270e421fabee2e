// Estimate revisions between two notes of one broker on one company, on hand-built reports: their own change kind
// keyed on line item and period wherever the tables are, with the % change in plain units; none between brokers,
// none for two actual values, none for an unchanged value.
import { describe, expect, it } from "vitest";
import { diffDocument, diffReports, DEFAULT_OPTIONS } from "../pipeline/diff/diff.ts";
import { renderDiff } from "../pipeline/diff/render.ts";
import { readPeriod } from "../pipeline/stages/tables/periods.ts";
import type { Meta, Table } from "../schemas/report.ts";
import { DiffDocument } from "../schemas/diff.ts";
import { makeReport, makeTable, type TableSpec } from "./fixtures/diff/tables.ts";

const COMPANY = { name: "Example Holdings", ticker: "0001.HK", tickers: ["1 HK"], exchange: "HKEX" };
const NOTE: Partial<Meta> = { broker: "Example Securities", title: "Old", date: "2026-01-10", companies: [COMPANY] };
const LATER: Partial<Meta> = { ...NOTE, title: "New", date: "2026-03-20" };

/** A table typed as the normalize stage types a financial one: each cell the period of its column, and a unit. */
function periodTable(spec: TableSpec, unit: { unit: string; currency: string | null; scale: number | null }): Table {
  const t = makeTable(spec);
  const cells = t.cells.map((c) => {
    const p = readPeriod(c.col_header.at(-1) ?? "");
    return {
      ...c,
      ...(c.value === null || c.unit ? {} : unit),
      period: p?.period ?? null,
      period_kind: p?.kind ?? null,
      period_basis: p?.basis ?? null,
      period_axis: p ? ("column" as const) : null,
    };
  });
  return { ...t, cells };
}

const MN = { unit: "RMB mn", currency: "CNY", scale: 1e6 };
const BN = { unit: "RMB bn", currency: "CNY", scale: 1e9 };

const OLD: TableSpec = {
  label: "Figure 1",
  title: "Income statement",
  cols: ["2025A", "2026E", "2027E"],
  rows: [
    ["Revenue (RMB mn)", "751,766", "854,272", "954,560"],
    ["Gross margin", "56.2%", "57.5%", "58.8%"],
  ],
};
const NEW: TableSpec = {
  ...OLD,
  rows: [
    ["Revenue (RMB mn)", "751,800", "831,113", "954,560"],
    ["Gross margin", "56.2%", "56.4%", "56.8%"],
  ],
};

const diff = (a: Partial<Meta>, b: Partial<Meta>, old = periodTable(OLD, MN), now = periodTable(NEW, MN)) =>
  diffReports(makeReport([old], { meta: a }), makeReport([now], { meta: b }));

describe("estimate changes", () => {
  it("list each changed estimate by line item and period, with its % change, after rating and target price", () => {
    const { changes, summary } = diff(NOTE, LATER);
    const estimates = changes.filter((c) => c.kind === "estimate");
    expect(estimates.map((c) => [c.row, c.col, c.old, c.new, c.old_value, c.new_value])).toEqual([
      ["Revenue", "2026", "854,272", "831,113", 854272, 831113],
      ["Gross margin", "2026", "57.5%", "56.4%", 57.5, 56.4],
      ["Gross margin", "2027", "58.8%", "56.8%", 58.8, 56.8],
    ]);
    expect(estimates[0]!.change_pct).toBeCloseTo(((831113 - 854272) / 854272) * 100, 9);
    expect(estimates[0]!.field).toBe("RMB mn");
    expect(summary.by_kind.estimate).toBe(3);
    // Two actual values (2025A revised 751,766 → 751,800) are a restatement: a cell change, not an estimate.
    expect(estimates.some((c) => c.col === "2025")).toBe(false);
    expect(changes.some((c) => c.kind === "value" && c.col === "2025A")).toBe(true);
  });

  it("compare in plain units when the scale changed, and match wherever the table is", () => {
    const rescaled: TableSpec = {
      label: "Figure 9",
      title: "Summary",
      cols: ["2026E"],
      rows: [["Revenue (RMB bn)", "831.1"]],
    };
    const { changes } = diff(NOTE, LATER, periodTable(OLD, MN), periodTable(rescaled, BN));
    const revenue = changes.find((c) => c.kind === "estimate" && c.row === "Revenue")!;
    expect(revenue.change_pct).toBeCloseTo(((831.1e9 - 854272e6) / 854272e6) * 100, 9);
  });

  it("are none between two brokers' notes, and none when nothing changed", () => {
    expect(diff(NOTE, { ...LATER, broker: "Another Bank" }).changes.some((c) => c.kind === "estimate")).toBe(false);
    const same = diff(NOTE, LATER, periodTable(OLD, MN), periodTable(OLD, MN));
    expect(same.changes.some((c) => c.kind === "estimate")).toBe(false);
  });

  it("are printed in their own block and valid under the diff schema", () => {
    const a = makeReport([periodTable(OLD, MN)], { meta: NOTE });
    const b = makeReport([periodTable(NEW, MN)], { meta: LATER });
    const doc = diffDocument(
      diffReports(a, b),
      { old: { path: "a", report: a }, new: { path: "b", report: b } },
      DEFAULT_OPTIONS,
    );
    expect(DiffDocument.parse(doc).changes.filter((c) => c.kind === "estimate")).toHaveLength(3);
    const text = renderDiff(doc, false);
    expect(text).toMatch(/estimates \(3 revisions\)/);
    expect(text).toMatch(/Revenue +2026 +854,272 → 831,113 {2}−2\.7%/);
  });
});
