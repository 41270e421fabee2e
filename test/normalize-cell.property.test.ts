import fc from "fast-check";
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
import { readUnit } from "../pipeline/stages/normalize/units.ts";

const SETTINGS = [
  "5-shot",
  "0-shot CoT",
  "CoT@32",
  "Maj1@32",
  "4-shot Minerva prompt",
  "Variable shots",
  "SFT & 5-shot CoT",
  "pass@1",
  "1-shot",
];
const NOTES = ["(via API**)", "(reported)", "(IT)", "(PT)"];
const FOOTNOTES = ["*", "**", "***"];

/** Printed number with its exact value: optional sign, optional thousands separators, decimals. */
const printedNumber = fc
  .tuple(
    fc.constantFrom("", "-", "+", "\u2212"),
    fc.nat({ max: 9_999_999 }),
    fc.option(fc.nat({ max: 9999 }), { nil: undefined }),
    fc.boolean(),
  )
  .map(([sign, int, frac, grouped]) => {
    const digits = grouped ? int.toLocaleString("en-US") : String(int);
    const text = `${sign}${digits}${frac === undefined ? "" : `.${frac}`}`;
    const magnitude = Number(`${int}${frac === undefined ? "" : `.${frac}`}`);
    const value = sign === "-" || sign === "\u2212" ? -magnitude : magnitude;
    return { text, value: value === 0 ? 0 : value };
  });

/** Fragments that real cells are built from, glued in arbitrary order and spacing. */
const fragment = fc.oneof(
  printedNumber.map((n) => n.text),
  fc.constantFrom(...units.units),
  fc.constantFrom(...SETTINGS, ...NOTES, ...FOOTNOTES, ...settings.missing),
  fc.constantFrom(
    "/",
    "±",
    "(",
    ")",
    "$",
    "\\%",
    "<i>",
    "</i>",
    "×10^{-4}",
    "x10^-4",
    "e-4",
    "MajI@32",
    "O-shot",
    "（",
    "）",
    "９",
    "％",
    " ",
    "  ",
  ),
  fc.string({ maxLength: 4 }),
);
const fragmentCell = fc.array(fragment, { maxLength: 8 }).map((parts) => parts.join(""));
const spacedCell = fc.array(fragment, { maxLength: 8 }).map((parts) => parts.join(" "));

const anyText = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme" }),
  fc.string({ unit: "binary" }),
  fc.string({ unit: fc.constantFrom(..."0123456789.,-+−%()*/± $\\^{}x×eE万亿BMkT shot@CoT") }),
  fragmentCell,
  spacedCell,
);

function checkInvariants(raw: string, p: ParsedCell): void {
  expect(p.value === null || Number.isFinite(p.value)).toBe(true);
  expect(p.value2 === null || Number.isFinite(p.value2)).toBe(true);
  if (p.missing) {
    expect(p.value).toBeNull();
    expect(p.value2).toBeNull();
  }
  if (p.value === null) {
    // Only numeric cells carry unit, setting, note or a second value.
    expect([p.unit, p.setting, p.note, p.value2, p.value2_relation, p.unit2, p.setting2]).toEqual([
      null,
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
  }
  if (p.value2 === null) expect([p.unit2, p.setting2]).toEqual([null, null]);
  if (p.value2_relation === "second" || p.value2_relation === "/") expect(p.value2).not.toBeNull();
  expect(p.normalized === null).toBe(p.repairs.length === 0);
  // A unit is one the vocabulary reads: units.json's, or a currency, scale or measure of numbers.json.
  expect(p.unit === null || p.unit === "%" || units.units.includes(p.unit) || readUnit(p.unit) !== null).toBe(true);
  // Parsed fields never carry outer whitespace.
  for (const s of [p.setting, p.note, p.footnote, p.setting2]) if (s !== null) expect(s).toBe(s.trim());
}

describe("parseCell properties", () => {
  it("never throws, keeps raw unchanged, and keeps its invariants", () => {
    fc.assert(
      fc.property(anyText, (raw) => {
        const before = `${raw}`;
        const p = parseCell(raw);
        expect(raw).toBe(before);
        checkInvariants(raw, p);
      }),
      { numRuns: 3000 },
    );
  });

  it("is deterministic", () => {
    fc.assert(
      fc.property(anyText, (raw) => {
        expect(parseCell(raw)).toEqual(parseCell(raw));
      }),
      { numRuns: 500 },
    );
  });

  it("header helpers never throw", () => {
    fc.assert(
      fc.property(anyText, (label) => {
        const s = settingInLabel(label);
        const u = unitInLabel(label);
        expect(typeof cleanMarkup(label)).toBe("string");
        expect(s === null || typeof s === "string").toBe(true);
        expect(u === null || units.units.includes(u) || readUnit(u) !== null).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it("reads back well-formed cells built from number, unit, setting, note and footnote", () => {
    const unitsNoX = units.units.filter((u) => !["x", "X"].includes(u)); // "x" before "10^" would be an exponent
    fc.assert(
      fc.property(
        printedNumber,
        fc.option(fc.constantFrom(...unitsNoX), { nil: null }),
        fc.option(fc.constantFrom(...SETTINGS), { nil: null }),
        fc.option(fc.constantFrom(...NOTES), { nil: null }),
        fc.option(fc.constantFrom(...FOOTNOTES), { nil: null }),
        fc.constantFrom("", " "),
        (num, unit, setting, note, footnote, gap) => {
          const raw = [`${num.text}${unit === null ? "" : gap + unit}${footnote ?? ""}`, setting, note]
            .filter((x) => x !== null)
            .join(" ");
          const p = parseCell(raw);
          expect(p).toMatchObject({ value: num.value, unit, setting, note, footnote, missing: false, value2: null });
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("reads back compound cells", () => {
    fc.assert(
      fc.property(printedNumber, printedNumber, fc.constantFrom("/", "±", " "), (a, b, sep) => {
        const p = parseCell(`${a.text}${sep}${b.text}`);
        expect(p.value).toBe(a.value);
        expect(p.value2).toBe(b.value);
        expect(p.value2_relation).toBe(sep === " " ? "second" : sep);
      }),
      { numRuns: 1000 },
    );
  });

  it("missing markers with surrounding whitespace are missing", () => {
    fc.assert(
      fc.property(fc.constantFrom(...settings.missing), fc.stringMatching(/^\s{0,3}$/), (m, pad) => {
        const p = parseCell(`${pad}${m}${pad}`);
        expect(p.missing).toBe(true);
        expect(p.value).toBeNull();
      }),
    );
  });
});
