// Units and periods as notes print them, on hand-written labels and cells: the unit text, its currency and scale;
// a header's period (kind, actual or estimate, fiscal, year end); the cell forms of English notes.
import { describe, expect, it } from "vitest";
import { parseCell } from "../pipeline/stages/normalize/cell.ts";
import { labelUnit, readUnit, withoutUnits } from "../pipeline/stages/normalize/units.ts";
import { parsePeriod, readBarePart, readPeriod } from "../pipeline/stages/tables/periods.ts";

const M = 1e6;

describe("labelUnit: the unit a header, caption or unit line states", () => {
  it.each<[string, string, string | null, number | null]>([
    ["(RmbM)", "RmbM", "CNY", M],
    ["Rmb (mn)", "Rmb mn", "CNY", M],
    ["CNYmn", "CNYmn", "CNY", M],
    ["US$ m", "US$ m", "USD", M],
    ["USD mn unless otherwise stated", "USD mn", "USD", M],
    ["HK$", "HK$", "HKD", 1],
    ["(亿元)", "亿元", "CNY", 1e8],
    ["单位：百万元", "百万元", "CNY", M],
    ["Unit: RMB bn", "RMB bn", "CNY", 1e9],
    ["Net sales (US$bn)", "US$bn", "USD", 1e9],
    ["Income statement (HK$'000)", "HK$'000", "HKD", 1000],
    ["EPS (fen)", "fen", "CNY", 0.01],
    ["EPS (adj) [CNY]", "CNY", "CNY", 1],
    ["Net income (Adjusted - mn)", "mn", null, M],
    ["营业收入(万元)", "万元", "CNY", 1e4],
    ["市值（亿美元）", "亿美元", "USD", 1e8],
  ])("%j → %s %s %s", (label, unit, currency, scale) => {
    expect(labelUnit(label)).toEqual({ unit, currency, scale });
  });

  it.each<[string, string]>([
    ["Gross margin (%)", "%"],
    ["Sales growth (% YoY)", "%"],
    ["PE (x)", "x"],
    ["Change (ppt)", "ppt"],
    ["Spread (bp)", "bp"],
  ])("%j is a measure, no currency, no scale", (label, unit) => {
    expect(labelUnit(label)).toEqual({ unit, currency: null, scale: null });
  });

  it.each(["Revenue", "B", "M", "(40)", "Year to 31 December", "Model (7B)", ""])("%j states none", (label) => {
    expect(labelUnit(label)).toBeNull();
  });

  it("a lone scale letter counts in brackets, not bare (column B is a name)", () => {
    expect(readUnit("(B)")?.scale).toBe(1e9);
    expect(readUnit("B", true)).toBeNull();
  });

  it("withoutUnits leaves what else the label says", () => {
    expect(withoutUnits("(Rmb) 2025A")).toBe("2025A");
    expect(withoutUnits("EPS (adj) [CNY]")).toBe("EPS (adj)");
  });
});

describe("readPeriod: a period column header", () => {
  const p = (
    period: string,
    kind: string,
    basis: string | null,
    fiscal: boolean | null = null,
    end: number | null = null,
  ) => ({
    period,
    kind,
    basis,
    fiscal,
    year_end: end,
  });
  it.each<[string, ReturnType<typeof p>]>([
    ["FY26F", p("2026", "year", "estimate", true)],
    ["2026E", p("2026", "year", "estimate")],
    ["1Q26E", p("2026Q1", "quarter", "estimate")],
    ["4Q25A", p("2025Q4", "quarter", "actual")],
    ["12/25E", p("2025", "year", "estimate", null, 12)],
    ["CY2026", p("2026", "year", null, false)],
    ["2025A", p("2025", "year", "actual")],
    ["FY3/26E", p("2026", "year", "estimate", true, 3)],
    ["2026年E", p("2026", "year", "estimate")],
    ["2025H1", p("2025H1", "half", null)],
    ["1H25", p("2025H1", "half", null)],
    ["2H24A", p("2024H2", "half", "actual")],
    ["Q3 2026", p("2026Q3", "quarter", null)],
    ["2025Q2E", p("2025Q2", "quarter", "estimate")],
    ["2024", p("2024", "year", null)],
    ["12/22", p("2022", "year", null, null, 12)],
    ["FY 2027", p("2027", "year", null, true)],
  ])("%j", (text, want) => {
    expect(readPeriod(text)).toMatchObject(want);
  });

  it.each(["Revenue", "12", "26", "1M", "12M", "2025 2026E", "% YoY", "YoY", "5Q25", "13/25E", ""])(
    "%j is none",
    (t) => {
      expect(readPeriod(t)).toBeNull();
    },
  );

  it("orders quarters within and across years", () => {
    expect(readPeriod("4Q25")!.order).toBeLessThan(readPeriod("1Q26E")!.order);
  });

  it("keeps parsePeriod as the checks read it", () => {
    expect(parsePeriod("FY26E")).toEqual({ kind: "year", order: 2026 });
    expect(parsePeriod("12")).toBeNull();
  });

  it("reads a quarter or half printed without its year", () => {
    expect(readBarePart("Q1")).toEqual({ kind: "quarter", n: 1 });
    expect(readBarePart("2H")).toEqual({ kind: "half", n: 2 });
    expect(readBarePart("Q5")).toBeNull();
  });
});

describe("parseCell: numbers as English notes print them", () => {
  it.each<[string, number | null, string | null]>([
    ["3.1ppt", 3.1, "ppt"],
    ["-1.1 ppt", -1.1, "ppt"],
    ["25bp", 25, "bp"],
    ["12.5x", 12.5, "x"],
    ["HK$787.00", 787, "HK$"],
    ["US$1.2bn", 1.2, "US$bn"],
    ["HKD 775.00", 775, "HKD"],
    ["-US$3.5bn", -3.5, "US$bn"],
    ["(1,234)", -1234, null],
    ["2.5bn", 2.5, "bn"],
  ])("%j → %s %s", (raw, value, unit) => {
    const c = parseCell(raw);
    expect([c.value, c.unit, c.missing]).toEqual([value, unit, false]);
  });

  it.each(["n.a.", "n.a", "nm", "NM", "n/m", "—", "-", "N/A"])("%j is a missing marker", (raw) => {
    expect(parseCell(raw)).toMatchObject({ value: null, missing: true });
  });

  it.each(["12/22", "12/25E", "3/26"])("%j is a period, not a number", (raw) => {
    expect(parseCell(raw)).toMatchObject({ value: null, value2: null, missing: false });
  });

  it("a compound of decimals is still two values", () => {
    expect(parseCell("95.8/98.9")).toMatchObject({ value: 95.8, value2: 98.9, value2_relation: "/" });
  });
});
