import { describe, expect, it } from "vitest";
import {
  cleanMarkup,
  parseCell,
  settingInLabel,
  unitInLabel,
  type ParsedCell,
} from "../pipeline/stages/normalize/cell.ts";
import units from "../pipeline/vocab/units.json" with { type: "json" };
import settings from "../pipeline/vocab/settings.json" with { type: "json" };

const EMPTY: ParsedCell = {
  value: null,
  unit: null,
  setting: null,
  note: null,
  footnote: null,
  missing: false,
  value2: null,
  value2_relation: null,
  unit2: null,
  setting2: null,
  normalized: null,
  repairs: [],
};
/** Full expected cell: defaults plus the fields that differ. */
const cell = (fields: Partial<ParsedCell>): ParsedCell => ({ ...EMPTY, ...fields });

describe("parseCell: plain numbers", () => {
  it.each<[string, Partial<ParsedCell>]>([
    ["90.04%", { value: 90.04, unit: "%" }],
    ["1,567", { value: 1567 }],
    ["53,000", { value: 53000 }],
    ["1,234,567.5", { value: 1234567.5 }],
    ["-4.4%", { value: -4.4, unit: "%" }],
    ["\u22124.4%", { value: -4.4, unit: "%" }],
    ["+24.4%", { value: 24.4, unit: "%" }],
    ["＋3.2%", { value: 3.2, unit: "%" }],
    ["(1,234)", { value: -1234 }],
    ["( 12.5 )", { value: -12.5 }],
    ["0", { value: 0 }],
    ["-0.0", { value: 0 }],
    [".5", { value: 0.5 }],
    ["100", { value: 100 }],
    ["90.04 %", { value: 90.04, unit: "%" }],
    ["  45.2  ", { value: 45.2 }],
  ])("%j", (raw, fields) => {
    expect(parseCell(raw)).toEqual(cell(fields));
  });

  it("normalises negative zero to zero", () => {
    expect(Object.is(parseCell("-0").value, 0)).toBe(true);
  });
});

describe("parseCell: exponents", () => {
  it.each<[string, number]>([
    ["3.0×10^{-4}", 0.0003],
    ["1.5×10^{-4}", 0.00015],
    ["1.5x10^-4", 0.00015],
    ["2 × 10^{3}", 2000],
    ["1e-4", 0.0001],
    ["2.5E3", 2500],
    ["3.0×10^{\u22124}", 0.0003],
  ])("%j -> %d exactly", (raw, value) => {
    expect(parseCell(raw)).toEqual(cell({ value }));
  });

  it("LaTeX math exponent", () => {
    expect(parseCell("$3.0 \\times 10^{-4}$").value).toBe(0.0003);
  });
});

describe("parseCell: units", () => {
  it.each<[string, number, string]>([
    ["7B", 7, "B"],
    ["65B", 65, "B"],
    ["2k", 2, "k"],
    ["4K", 4, "K"],
    ["1.0T", 1, "T"],
    ["28.3MB", 28.3, "MB"],
    ["80GB", 80, "GB"],
    ["3.3M", 3.3, "M"],
    ["750 万", 750, "万"],
    ["1,200亿元", 1200, "亿元"],
    ["35.5百万元", 35.5, "百万元"],
    ["110亿美元", 110, "亿美元"],
    ["12.5倍", 12.5, "倍"],
    ["3x", 3, "x"],
    ["5GW", 5, "GW"],
    ["-2.1pct", -2.1, "pct"],
  ])("%j -> %d %s", (raw, value, unit) => {
    expect(parseCell(raw)).toEqual(cell({ value, unit }));
  });

  it("unit followed by footnote, slash, ± or note", () => {
    expect(parseCell("7B*")).toEqual(cell({ value: 7, unit: "B", footnote: "*" }));
    expect(parseCell("7B/13B")).toMatchObject({ value: 7, unit: "B", value2: 13, unit2: "B", value2_relation: "/" });
    expect(parseCell("7B (est.)")).toEqual(cell({ value: 7, unit: "B", note: "(est.)" }));
  });

  it("unit glued to text is not a unit", () => {
    expect(parseCell("90%以上")).toEqual(cell({}));
    expect(parseCell("5Bn")).toEqual(cell({}));
  });
});

describe("parseCell: missing markers", () => {
  it.each(["", " ", "\t\n", "—", "–", "-", "－", "--", "——", "/", "N/A", "NA", "n/a", "null", "无", "\u3000"])(
    "%j is missing",
    (raw) => {
      expect(parseCell(raw)).toEqual(cell({ missing: true }));
    },
  );

  it("missing marker with a footnote mark", () => {
    expect(parseCell("—*")).toEqual(cell({ missing: true, footnote: "*" }));
  });

  it("every marker in settings.json is missing", () => {
    for (const m of settings.missing) expect(parseCell(m).missing, m).toBe(true);
  });
});

describe("parseCell: text cells", () => {
  it.each([
    "2022.4.29",
    "2024-03-06",
    "A100-80GB",
    "1.0 Pro",
    "1.5 Pro",
    "GPT-4",
    "较好",
    "Proprietary",
    "×",
    "✓",
    "8x7B",
    "Mixtral 8x7B",
    "LLaMA 2 70B",
    "Apache 2.0",
    "5-shot",
    "(IT)",
    "12.5 vs 13",
    "3,45",
    "1e",
    "10^{-4}",
  ])("%j is text", (raw) => {
    expect(parseCell(raw)).toEqual(cell({}));
  });
});

describe("parseCell: settings, notes, footnotes", () => {
  it.each<[string, Partial<ParsedCell>]>([
    ["90.04% CoT@32*", { value: 90.04, unit: "%", setting: "CoT@32", footnote: "*" }],
    ["79.13% CoT@8*", { value: 79.13, unit: "%", setting: "CoT@8", footnote: "*" }],
    ["68.0%***", { value: 68, unit: "%", footnote: "***" }],
    ["87.29% CoT@32 (via API**)", { value: 87.29, unit: "%", setting: "CoT@32", note: "(via API**)" }],
    ["74.4% 0-shot (IT)", { value: 74.4, unit: "%", setting: "0-shot", note: "(IT)" }],
    ["67.0% 0-shot (reported)", { value: 67, unit: "%", setting: "0-shot", note: "(reported)" }],
    ["71.73 (PT) 1-shot", { value: 71.73, setting: "1-shot", note: "(PT)" }],
    ["82.4 Variable shots", { value: 82.4, setting: "Variable shots" }],
    ["92.0% SFT & 5-shot CoT", { value: 92, unit: "%", setting: "SFT & 5-shot CoT" }],
    ["50.4% 0-shot CoT", { value: 50.4, unit: "%", setting: "0-shot CoT" }],
    ["94.4% Maj1@32", { value: 94.4, unit: "%", setting: "Maj1@32" }],
    ["32.6% 4-shot Minerva prompt", { value: 32.6, unit: "%", setting: "4-shot Minerva prompt" }],
    ["49.8% pass@1", { value: 49.8, unit: "%", setting: "pass@1" }],
    ["53.2 5 shot", { value: 53.2, setting: "5-shot" }],
    ["53.2 5-shots", { value: 53.2, setting: "5-shot" }],
    ["53.2 5shot", { value: 53.2, setting: "5-shot" }],
    ["53.2 10 Shots", { value: 53.2, setting: "10-shot" }],
    ["70%   5-shot", { value: 70, unit: "%", setting: "5-shot" }],
    ["1,567 (预测)", { value: 1567, note: "(预测)" }],
    ["53.2 (a) (b)", { value: 53.2, note: "(a) (b)" }],
    ["53.2 (a (nested))", { value: 53.2, note: "(a (nested))" }],
    ["53.2 (unclosed", { value: 53.2, note: "(unclosed" }],
    ["53.2†", { value: 53.2, footnote: "†" }],
  ])("%j", (raw, fields) => {
    expect(parseCell(raw)).toEqual(cell(fields));
  });

  it("digits inside settings are not second values", () => {
    for (const raw of ["70% 5-shot", "90% CoT@32", "94% Maj1@32", "49% pass@1", "88% 0-shot", "71 1-shot"]) {
      const p = parseCell(raw);
      expect(p.value2, raw).toBeNull();
      expect(p.value2_relation, raw).toBeNull();
      expect(p.setting, raw).not.toBeNull();
    }
  });
});

describe("parseCell: compound cells", () => {
  it.each<[string, Partial<ParsedCell>]>([
    ["95.8/98.9", { value: 95.8, value2: 98.9, value2_relation: "/" }],
    ["95.8 / 98.9", { value: 95.8, value2: 98.9, value2_relation: "/" }],
    ["0.0275± 0.00", { value: 0.0275, value2: 0, value2_relation: "±" }],
    ["0.0275 ± 0.01", { value: 0.0275, value2: 0.01, value2_relation: "±" }],
    ["91.4 90.4", { value: 91.4, value2: 90.4, value2_relation: "second" }],
    ["95.8/97.6 95.7/97.6", { value: 95.8, value2: 97.6, value2_relation: "/" }],
    ["91.4 88.3/63.0", { value: 91.4, value2: 88.3, value2_relation: "second" }],
    ["1 2 3", { value: 1, value2: 2, value2_relation: "second" }],
    ["12.5%/13.0%", { value: 12.5, unit: "%", value2: 13, unit2: "%", value2_relation: "/" }],
    [
      "58.5% 4-shot Minerva prompt 59.4% 7-shot",
      {
        value: 58.5,
        unit: "%",
        setting: "4-shot Minerva prompt",
        value2: 59.4,
        unit2: "%",
        setting2: "7-shot",
        value2_relation: "second",
      },
    ],
    [
      "58.5% 59.4 % 7 shot",
      { value: 58.5, unit: "%", value2: 59.4, unit2: "%", setting2: "7-shot", value2_relation: "second" },
    ],
    [
      "88.1% 5-shot (IT) 90.0% 0-shot*",
      {
        value: 88.1,
        unit: "%",
        setting: "5-shot",
        note: "(IT)",
        footnote: "*",
        value2: 90,
        unit2: "%",
        setting2: "0-shot",
        value2_relation: "second",
      },
    ],
  ])("%j", (raw, fields) => {
    expect(parseCell(raw)).toEqual(cell(fields));
  });

  it("a slash not followed by a number is text", () => {
    expect(parseCell("95.8/abc")).toEqual(cell({}));
  });
});

describe("parseCell: markup and full-width forms", () => {
  it.each<[string, Partial<ParsedCell>]>([
    ["4.5\\%", { value: 4.5, unit: "%" }],
    ["$+24.4\\%$", { value: 24.4, unit: "%" }],
    ["$-3.1\\%$", { value: -3.1, unit: "%" }],
    ["<i>45.2</i>", { value: 45.2 }],
    ["<b>90.1%</b> 5-shot", { value: 90.1, unit: "%", setting: "5-shot" }],
    ["９０％", { value: 90, unit: "%" }],
    ["１，５６７", { value: 1567 }],
    ["74.4% 0-shot （IT）", { value: 74.4, unit: "%", setting: "0-shot", note: "(IT)" }],
    ["（１,２３４）", { value: -1234 }],
    ["90.04%\u00a0CoT@32", { value: 90.04, unit: "%", setting: "CoT@32" }],
  ])("%j", (raw, fields) => {
    expect(parseCell(raw)).toEqual(cell(fields));
  });
});

describe("parseCell: recognition-slip repairs", () => {
  it("MajI@32 -> Maj1@32", () => {
    expect(parseCell("94.4% MajI@32")).toEqual(
      cell({ value: 94.4, unit: "%", setting: "Maj1@32", normalized: "94.4% Maj1@32", repairs: ["MajI@32 → Maj1@32"] }),
    );
  });
  it("Majl@32 -> Maj1@32", () => {
    expect(parseCell("86.5% Majl@32")).toMatchObject({ setting: "Maj1@32", repairs: ["Majl@32 → Maj1@32"] });
  });
  it("O-shot -> 0-shot", () => {
    expect(parseCell("67.0% O-shot")).toMatchObject({
      value: 67,
      setting: "0-shot",
      normalized: "67.0% 0-shot",
      repairs: ["O-shot → 0-shot"],
    });
  });
  it("one entry per repair", () => {
    expect(parseCell("94.4% MajI@32 90.0% Majl@8").repairs).toEqual(["MajI@32 → Maj1@32", "Majl@8 → Maj1@8"]);
  });
  it("no repair leaves normalized null", () => {
    expect(parseCell("94.4% Maj1@32")).toMatchObject({ normalized: null, repairs: [] });
  });
  it("words that merely look similar are untouched", () => {
    expect(parseCell("Major@32").repairs).toEqual([]);
    expect(parseCell("TWO-shot").repairs).toEqual([]);
  });
});

describe("parseCell: robustness", () => {
  it("never throws on odd input and leaves raw untouched", () => {
    const inputs = [
      "(",
      ")",
      "((((",
      "$",
      "$$",
      "$\\$",
      "&#99999999;",
      "<",
      "1(",
      "1)",
      "1/",
      "1±",
      "1e999",
      "9".repeat(400),
    ];
    for (const raw of inputs) {
      const copy = `${raw}`;
      const p = parseCell(raw);
      expect(raw).toBe(copy);
      expect(p.value === null || Number.isFinite(p.value)).toBe(true);
    }
  });
  it("non-finite numbers are text", () => {
    expect(parseCell("1e999").value).toBeNull();
    expect(parseCell("9".repeat(400)).value).toBeNull();
  });
  it("tolerates non-string input from untyped callers", () => {
    expect(parseCell(undefined as unknown as string)).toEqual(cell({ missing: true }));
  });
});

describe("settingInLabel", () => {
  it.each<[string, string | null]>([
    ["HellaSwag (10-shot)", "10-shot"],
    ["GPT-4 (5 shot)", "5-shot"],
    ["GPT-3.5 (5 shot)", "5-shot"],
    ["MMMU (val) Multi-discipline college-level problems 0-shot (Yue et al., 2023)", "0-shot"],
    ["VATEX (test) English video captioning 4-shot (Wang et al., 2019)", "4-shot"],
    ["MBPP (pass@1)", "pass@1"],
    ["Benchmark (shots)", null],
    ["GPT-4 (Med-prompt)", "Med-prompt"],
    ["GSM8K (maj@8)", "maj@8"],
    ["BBH (3-shot CoT)", "3-shot CoT"],
    ["MMLU （5-shot）", "5-shot"],
    ["MMLU (MCQ in 57 subjects)", null],
    ["CogVideo (EN) [43]", null],
    ["FVD (↓)", null],
    ["GPT-4", null],
    ["", null],
  ])("%j -> %j", (label, expected) => {
    expect(settingInLabel(label)).toBe(expected);
  });
});

describe("unitInLabel", () => {
  it.each<[string, string | null]>([
    ["营业收入(百万元)", "百万元"],
    ["毛利率(%)", "%"],
    ["资本性支出（亿美元）", "亿美元"],
    ["绝对涨幅(\\%)", "%"],
    ["PE(倍)", "倍"],
    ["Params (B)", "B"],
    ["图 5：收入（单位：亿元）", "亿元"],
    ["单位：百万元", "百万元"],
    ["Unit: GW", "GW"],
    ["FVD (↓)", null],
    ["Model size", null],
    ["GPT-4 (5 shot)", null],
    ["营业收入(亿元人民币币)", null],
    ["", null],
  ])("%j -> %j", (label, expected) => {
    expect(unitInLabel(label)).toBe(expected);
  });

  it("every units.json unit is found in parentheses", () => {
    for (const u of units.units) expect(unitInLabel(`X (${u})`), u).toBe(u);
  });
});

describe("cleanMarkup", () => {
  it.each<[string, string]>([
    ["<i>Carbon Footprint</i>", "Carbon Footprint"],
    ["a<br/>b", "a b"],
    ["H<sub>2</sub>O", "H2O"],
    ["$+24.4\\%$", "+24.4%"],
    ["\\%", "%"],
    ["4.5\\%", "4.5%"],
    ["$^+$", "+"],
    ["Claude$^+$", "Claude+"],
    ["yangyx $@$ tebon", "yangyx@tebon"],
    ["$3.0 \\times 10^{-4}$", "3.0 × 10^{-4}"],
    ["$0.5 \\pm 0.1$", "0.5 ± 0.1"],
    ["$\\mathrm{CO}_2$", "CO2"],
    ["US$5 and US$6", "US$5 and US$6"],
    ["R&amp;D &lt;5", "R&D <5"],
    ["&#37;", "%"],
    ["  a \n\t b  ", "a b"],
    ["a\u200bb", "ab"],
    ["3.0×10^{-4}", "3.0×10^{-4}"],
    ["<5%", "<5%"],
  ])("%j -> %j", (input, expected) => {
    expect(cleanMarkup(input)).toBe(expected);
  });
});
