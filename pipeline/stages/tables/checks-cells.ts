// How the structure self-checks read a table: each cell's kind (number, text, missing), how many numbers a cell
// holds, whether a label looks like a measured value, and the table seen by column and by row. Nothing here knows a
// report; units and the header words that explain a column of mixed kinds come from the vocabulary.
import type { Cell, Table } from "../../../schemas/index.ts";
import checksEn from "../../vocab/en/checks.json" with { type: "json" };
import checksZh from "../../vocab/zh/checks.json" with { type: "json" };
import { numbers } from "../../vocab/numbers.ts";
import { parsePeriod } from "./periods.ts";

/** One sign of a wrong structure, with where it is (0-based body rows and grid columns). */
export interface Doubt {
  what: string;
  rows?: number[];
  cols?: number[];
}

/** Header words that say a column holds values of several kinds (notes, status, key–value boxes). */
const MIXED_HEADER_WORDS = [...checksEn.mixed_headers, ...checksZh.mixed_headers].map((w) => w.toLowerCase());

// A number as printed in a cell: sign, currency symbol, digits with separators, a percent or multiple mark, a
// trailing ± (the spread follows), parentheses for negatives.
const NUMBER = /^[(（]?[-+−–]?[$¥€£]?\d(?:[\d,]*\d)?(\.\d+)?[%‰x×]?±?[)）]?$/;
/** Words that may follow a number in the same value: units, scales, currencies (vocabulary). */
const UNIT_WORDS = new Set(
  [...Object.keys(numbers.measures), ...Object.keys(numbers.scales), ...Object.keys(numbers.currencies)].map((w) =>
    w.toLowerCase(),
  ),
);

/** Whole-cell texts standing for a value not given: the missing markers of both vocabularies. */
const MARKERS = new Set(
  [...numbers.missing, ...checksEn.markers, ...checksZh.markers].map((w) => w.toLowerCase().replace(/\s+/g, "")),
);
const marker = (raw: string) => /^[-–—−\s]*$/.test(raw) || MARKERS.has(raw.toLowerCase().replace(/\s+/g, ""));

/** A cell holding something: not empty, not a missing marker. */
export const filled = (c: Cell) => !c.missing && !marker(c.raw.trim());
export const isNumber = (c: Cell) => c.value !== null;

/** How many values a cell made only of numbers holds ("952,654 1,049,753" → 2, "12% 1.1 ppts" → 2,
 * "0.0275± 0.00" → 1: a spread belongs to its value); 0 for a cell with any other text. */
export function valuesIn(raw: string): number {
  const tokens = raw
    .replace(/\s*±\s*/g, "± ")
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  let values = 0;
  let spread = false;
  for (const [i, t] of tokens.entries()) {
    if (t === "±") spread = true;
    else if (NUMBER.test(t)) {
      if (!spread) values++;
      spread = t.endsWith("±");
    } else if (!(i > 0 && UNIT_WORDS.has(t.toLowerCase()) && NUMBER.test(tokens[i - 1]!))) return 0;
  }
  return values;
}

/** A label that reads as a measured value rather than a name: a number with decimals, thousands separators, a
 * sign, parentheses or a percent. Years, plain counts and group numbers (2019, 3, 10) are names. */
export function valueLike(raw: string): boolean {
  const t = raw.trim();
  if (valuesIn(t) !== 1 || parsePeriod(t) !== null) return false;
  return /[.,%‰()（）]|^[-+−–]/.test(t) && !/^\d{1,3}%$/.test(t);
}

/** The table by column and by row, with header names as a reader sees them. */
export class TableView {
  readonly byCol = new Map<number, Cell[]>();
  readonly byRow = new Map<number, Cell[]>();
  readonly data: Table["columns"];
  readonly labels: Table["columns"];
  constructor(readonly t: Table) {
    for (const c of t.cells) {
      this.byCol.set(c.col, [...(this.byCol.get(c.col) ?? []), c]);
      this.byRow.set(c.row, [...(this.byRow.get(c.row) ?? []), c]);
    }
    this.data = t.columns.filter((c) => c.role === "data");
    this.labels = t.columns.filter((c) => c.role === "label");
  }
  /** What tells the cells of a column (or a row) apart from another's: their column header paths, which for the
   * blocks under a band row include the band's text over them ("2016 / VIX" and "2018 / VIX"). */
  cellHeaders(cells: readonly Cell[] | undefined): string {
    return [...new Set((cells ?? []).map((c) => c.col_header.filter((p) => p.trim() !== "").join(" / ")))]
      .sort()
      .join(" | ");
  }
  /** The header of a column as one string, "" when it has none. */
  header(col: number): string {
    return (
      this.t.columns
        .find((c) => c.col === col)
        ?.path.filter((p) => p.trim() !== "")
        .join(" / ") ?? ""
    );
  }
  /** A column as a reader finds it: its position (1-based) and header. */
  name(col: number): string {
    const h = this.header(col);
    return h ? `column ${col + 1} "${h}"` : `column ${col + 1}`;
  }
  /** A body row as a reader finds it: its position (1-based) and label. */
  rowName(row: number): string {
    const label = this.t.rows
      .find((r) => r.row === row)
      ?.path.filter((p) => p.trim() !== "")
      .join(" / ");
    return label ? `row ${row + 1} "${label}"` : `row ${row + 1}`;
  }
  filledIn(col: number): Cell[] {
    return (this.byCol.get(col) ?? []).filter(filled);
  }
  /** The printed text of a label column in each body row (body rows are the grid's last rows). */
  labelTexts(col: number): { row: number; text: string }[] {
    const body = this.t.grid.slice(this.t.grid.length - this.t.rows.length);
    return body.map((r, i) => ({ row: this.t.rows[i]!.row, text: (r[col] ?? "").trim() }));
  }
  /** The header explains values of several kinds (a note or status column). */
  explainsMixing(col: number): boolean {
    const h = this.header(col).toLowerCase();
    return h !== "" && MIXED_HEADER_WORDS.some((w) => h.includes(w));
  }
}

/** "rows 3, 4 and 7" style lists, 1-based, a few at most. */
export function positions(kind: "row" | "column", at: number[]): string {
  const shown = at.slice(0, 4).map((i) => i + 1);
  const more = at.length > shown.length ? ` and ${at.length - shown.length} more` : "";
  return `${kind}${at.length > 1 ? "s" : ""} ${shown.join(", ")}${more}`;
}
