// What a table cell becomes in the workbook: a number with a number format that prints it as the report did
// (decimals, thousands separators, negatives in parentheses, percent as percent, a unit, setting, note or footnote
// printed with the value as a literal suffix), or the printed text when it is not one number (a missing marker, a
// compound cell such as 95.8/98.9, words). Pure.
import type { Cell } from "../../schemas/index.ts";

export interface SheetValue {
  value: string | number | null;
  /** Excel number format; absent for text and General numbers */
  numFmt?: string;
}

/** Excel keeps a few hundred custom number formats per workbook; past this many, a cell whose format would be new
 * is written as its printed text instead. */
export const MAX_FORMATS = 200;

const NUMBER = /[-−+]?\(?\s*\d[\d,]*(?:\.(\d+))?/;

/** A cell's workbook value; `formats` is the set of custom formats the workbook already uses (added to). */
export function sheetValue(c: Cell, formats: Set<string>): SheetValue {
  const raw = c.raw.trim();
  const text = (): SheetValue => ({ value: raw === "" ? null : raw });
  if (c.missing || c.value === null || c.value2 !== null) return text();
  const m = NUMBER.exec(c.normalized ?? raw);
  if (!m) return text();
  const digits = m[0];
  const decimals = m[1]?.length ?? 0;
  const fraction = decimals > 0 ? `.${"0".repeat(decimals)}` : "";
  const scientific = /×\s*10|\d[eE][-+]?\d/.test(raw);
  let base = scientific ? `0${fraction}E+00` : `${/\d,\d{3}/.test(digits) ? "#,##0" : "0"}${fraction}`;
  let value = c.value;
  const percent = c.unit === "%" && raw.includes("%");
  if (percent) {
    value = Number((c.value / 100).toPrecision(15));
    base = `${base}%`;
  }
  const unit = c.unit && c.unit !== "%" && raw.includes(c.unit) ? c.unit : "";
  const suffix = `${unit}${c.setting ? ` ${c.setting}` : ""}${c.note ? ` ${c.note}` : ""}${c.footnote ?? ""}`;
  if (suffix.includes('"') || suffix.includes("\\")) return text();
  const literal = suffix ? `"${suffix}"` : "";
  const parens = c.value < 0 && /\(\s*\d/.test(raw) && !/^-/.test(raw);
  const numFmt = parens ? `${base}${literal};(${base})${literal}` : `${base}${literal}`;
  if (numFmt === "0") return { value };
  if (!formats.has(numFmt) && formats.size >= MAX_FORMATS) return text();
  formats.add(numFmt);
  return { value, numFmt };
}
