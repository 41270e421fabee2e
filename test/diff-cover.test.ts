// Rating and target-price changes between two notes of one broker on one company, on two hand-built reports: their
// own change kinds, listed and printed first; between different brokers or companies, plain metadata changes.
import { describe, expect, it } from "vitest";
import { diffDocument, diffReports, DEFAULT_OPTIONS } from "../pipeline/diff/diff.ts";
import { renderDiff } from "../pipeline/diff/render.ts";
import type { Meta } from "../schemas/report.ts";
import { makeReport, makeTable, type TableSpec } from "./fixtures/diff/tables.ts";

const TENCENT = { name: "Tencent", ticker: "0700.HK", tickers: ["700 HK"], exchange: "HKEX" };
const NOTE: Partial<Meta> = {
  broker: "Example Securities",
  title: "Solid quarter, AI costs ahead",
  date: "2026-03-19",
  rating: "BUY",
  rating_normalised: "positive",
  companies: [TENCENT],
  target_price: { value: 775, currency: "HKD", text: "HK$775.00", previous_value: null, previous_text: null },
};
const LATER: Partial<Meta> = {
  ...NOTE,
  title: "AI capex weighs on margins",
  date: "2026-04-02",
  rating: "HOLD",
  rating_normalised: "neutral",
  companies: [{ ...TENCENT, tickers: ["0700.HK"] }],
  target_price: { value: 727, currency: "HKD", text: "HK$727.00", previous_value: 775, previous_text: "HK$775.00" },
};
const SPEC: TableSpec = {
  label: "Figure 1",
  title: "Estimates",
  cols: ["FY26E", "FY27E"],
  rows: [["EPS", "30.3", "33.5"]],
};
const EDITED: TableSpec = { ...SPEC, rows: [["EPS", "29.1", "32.0"]] };

const diff = (a: Partial<Meta>, b: Partial<Meta>) =>
  diffReports(makeReport([makeTable(SPEC)], { meta: a }), makeReport([makeTable(EDITED)], { meta: b }));

describe("rating and target-price changes", () => {
  it("are their own kinds when the notes are of one broker on one company (matched by normalised ticker), listed first", () => {
    const { changes, summary } = diff(NOTE, LATER);
    expect(changes.slice(0, 2).map((c) => [c.kind, c.row, c.old, c.new, c.old_value, c.new_value])).toEqual([
      ["rating", "0700.HK", "BUY (positive)", "HOLD (neutral)", null, null],
      ["target_price", "0700.HK", "HKD HK$775.00", "HKD HK$727.00", 775, 727],
    ]);
    expect(summary.by_kind.rating).toBe(1);
    expect(summary.by_kind.target_price).toBe(1);
    // The rating is not listed a second time as metadata; the other cover fields are.
    expect(changes.filter((c) => c.kind === "meta").map((c) => c.field)).toEqual(["title", "date"]);
    expect(changes.some((c) => c.kind === "value" && c.row === "EPS")).toBe(true);
  });

  it("are printed before the metadata and the tables, with the size of a target cut", () => {
    const a = makeReport([makeTable(SPEC)], { meta: NOTE });
    const b = makeReport([makeTable(EDITED)], { meta: LATER });
    const result = diffReports(a, b);
    const text = renderDiff(
      diffDocument(result, { old: { path: "a", report: a }, new: { path: "b", report: b } }, DEFAULT_OPTIONS),
      false,
    );
    const block = text.indexOf("rating and target price (0700.HK)");
    expect(block).toBeGreaterThan(0);
    expect(block).toBeLessThan(text.indexOf("metadata\n"));
    expect(text).toMatch(/target price +HKD HK\$775\.00 → HKD HK\$727\.00 {2}cut 6\.2%/);
    expect(text).toMatch(/rating +BUY \(positive\) → HOLD \(neutral\)/);
  });

  it("are plain metadata changes between different brokers or different companies", () => {
    for (const other of [
      { ...LATER, broker: "Another Bank" },
      { ...LATER, companies: [{ ...TENCENT, ticker: "9988.HK", tickers: ["9988 HK"] }] },
    ]) {
      const { changes } = diff(NOTE, other);
      expect(changes.some((c) => c.kind === "rating" || c.kind === "target_price")).toBe(false);
      expect(
        changes
          .filter((c) => c.kind === "meta" && ["rating", "target_price"].includes(c.field ?? ""))
          .map((c) => c.field),
      ).toEqual(["rating", "target_price"]);
    }
  });

  it("are none when rating and target are unchanged", () => {
    const { changes } = diff(NOTE, { ...NOTE, date: "2026-04-02" });
    expect(changes.filter((c) => c.scope === "meta").map((c) => [c.kind, c.field])).toEqual([["meta", "date"]]);
  });
});
