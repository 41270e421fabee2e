// Column checks: what a column of a sound table looks like — one kind of value, one value a cell, a header over
// its numbers, some values at all. Merged, split and shifted columns break one of these. Shares are of the
// column's own filled cells.
import { type Doubt, filled, isNumber, positions, type TableView, valuesIn } from "./checks-cells.ts";

/** A data column is mixed when at least this share of its filled cells are numbers and this share are text. */
const MIXED_SHARE = 0.25;
/** A column is numeric when at least this share of its filled cells are numbers. */
const NUMERIC_SHARE = 0.5;
/** Fewest body rows for an empty headed column to say something. */
const EMPTY_MIN_ROWS = 3;

/** Numbers and text in one data column (not in a key–value box, nor under a header that explains it). */
export function mixedColumns(v: TableView): Doubt[] {
  if (v.data.length < 2) return [];
  return v.data.flatMap((col) => {
    const cells = v.filledIn(col.col);
    if (cells.length < 3 || v.explainsMixing(col.col)) return [];
    const numeric = cells.filter(isNumber).length;
    const text = cells.length - numeric;
    if (numeric < Math.max(2, MIXED_SHARE * cells.length) || text < Math.max(2, MIXED_SHARE * cells.length)) return [];
    const rows = cells.filter((c) => !isNumber(c)).map((c) => c.row);
    return [
      {
        what: `${v.name(col.col)} mixes ${numeric} numbers and ${text} texts (text in ${positions("row", rows)}: columns merged or shifted?)`,
        cols: [col.col],
        rows,
      },
    ];
  });
}

/** Cells holding more numbers than the table's cells hold ("952,654 1,049,753" among single values,
 * "12% 1.1 ppts"): neighbouring columns read as one. In a table of compound cells (a value over its statistic,
 * "0.59 (2.04)") a cell holding another count is doubtful: columns merged, or a compound cell split over rows. */
export function severalNumbers(v: TableView): Doubt[] {
  const count = (raw: string) => valuesIn(raw);
  const columns = v.data
    .map((col) => ({ col: col.col, cells: v.filledIn(col.col).filter((c) => count(c.raw) > 0) }))
    .filter((c) => c.cells.length > 0)
    .map((c) => ({ ...c, usual: usualCount(c.cells.map((x) => count(x.raw))) }));
  const compound = columns.filter((c) => c.usual > 1);
  // A table of compound cells: most numeric columns hold compound cells, of one count.
  const tableUsual =
    compound.length > 0.5 * columns.length
      ? usualCount(
          compound.map((c) => c.usual),
          0,
        )
      : 1;
  return columns.flatMap(({ col, cells, usual }) => {
    const odd = cells.filter((c) => (tableUsual > 1 && usual > 1 ? count(c.raw) !== tableUsual : count(c.raw) > 1));
    if (odd.length === 0) return [];
    const rows = odd.map((c) => c.row);
    const what =
      tableUsual === 1
        ? `holding several numbers ("${odd[0]!.raw}", ${positions("row", rows)}: two columns read as one?)`
        : `holding other than ${tableUsual} numbers where the table's cells hold ${tableUsual} ("${odd[0]!.raw}", ${positions("row", rows)}: columns merged or a cell split over rows?)`;
    return [{ what: `${v.name(col)} has ${odd.length} cell(s) ${what}`, cols: [col], rows }];
  });
}

/** A table of compound cells holds the same count of numbers in at least this share of a column's cells. */
const STACKED_SHARE = 0.8;

/** The count of numbers a cell of a column holds as printed: the common count when nearly all cells share one
 * above `floor` (compound cells), else 1. */
function usualCount(counts: number[], floor = 1): number {
  const freq = new Map<number, number>();
  for (const k of counts) freq.set(k, (freq.get(k) ?? 0) + 1);
  const [mode, n] = [...freq.entries()].sort((a, b) => b[1] - a[1])[0] ?? [1, 0];
  return mode > 1 && (floor === 0 || n >= STACKED_SHARE * counts.length) ? mode : 1;
}

/** Numbers in a column with no header, in a table that has a header (a row wider than the header, or a shifted
 * header); in a table with no header at all, several columns of numbers nobody can name. */
export function unheadedNumbers(v: TableView): Doubt[] {
  const numeric = v.data.filter((col) => v.filledIn(col.col).some(isNumber));
  const unheaded = numeric.filter((col) => v.header(col.col) === "");
  if (v.t.header_rows === 0) {
    if (unheaded.length < 2 || v.data.some((col) => v.header(col.col) !== "")) return [];
    return [
      {
        what: `${unheaded.length} columns hold numbers but the table has no header (the header was lost or the table is a fragment?)`,
        cols: unheaded.map((c) => c.col),
      },
    ];
  }
  return unheaded.map((col) => {
    const cells = v.filledIn(col.col).filter(isNumber);
    const rows = cells.map((c) => c.row);
    const most = cells.length >= NUMERIC_SHARE * v.t.rows.length;
    return {
      what: most
        ? `column ${col.col + 1} holds numbers under no header`
        : `${positions("row", rows)} hold more values than there are headed columns (column ${col.col + 1} has no header)`,
      cols: [col.col],
      rows,
    };
  });
}

/** A column is of text when at least this share of its filled cells are text. */
const TEXT_SHARE = 0.5;

/** A data column of text under no header while at least two other data columns have headers: a second label
 * column (tables side by side read as one) or a header cell lost. */
export function unheadedText(v: TableView): Doubt[] {
  if (v.t.header_rows === 0 || v.data.filter((col) => v.header(col.col) !== "").length < 2) return [];
  return v.data.flatMap((col) => {
    if (v.header(col.col) !== "") return [];
    const cells = v.filledIn(col.col);
    const text = cells.filter((c) => !isNumber(c));
    if (text.length === 0 || text.length < TEXT_SHARE * cells.length) return [];
    return [
      {
        what: `column ${col.col + 1} holds text ("${text[0]!.raw}") under no header while its neighbours have headers (a second label column: tables side by side read as one?)`,
        cols: [col.col],
        rows: text.map((c) => c.row),
      },
    ];
  });
}

/** A headed data column with nothing printed in any row while its neighbours have values: its values went
 * elsewhere. A column printed as not available in every row ("NA" down a column with no previous forecast) is
 * accounted for. */
export function emptyColumns(v: TableView): Doubt[] {
  if (v.t.rows.length < EMPTY_MIN_ROWS) return [];
  const blank = (col: number) => (v.byCol.get(col) ?? []).every((c) => c.raw.trim() === "");
  const empty = v.data.filter((col) => v.header(col.col) !== "" && blank(col.col));
  const full = v.data.filter((col) => (v.byCol.get(col.col) ?? []).some(filled));
  if (empty.length === 0 || full.length === 0) return [];
  return [
    {
      what: `${empty.map((c) => v.name(c.col)).join(", ")} ${empty.length > 1 ? "have" : "has"} no value in any row (values shifted to another column?)`,
      cols: empty.map((c) => c.col),
    },
  ];
}

/** A column of numbers is this sure when at least this share of its filled cells are numbers. */
const SURE_NUMERIC = 0.8;
/** Text this long (letters or CJK) is a label or a header, not a marker such as "NA" or "TBC". */
const WORDY = /[\p{L}]{4,}/u;

/** A numeric column with a wordy text cell in a row (not a missing marker): a label or header fragment pushed
 * into the body, or a two-line label glued to its neighbour. */
export function textInNumbers(v: TableView): Doubt[] {
  return v.data.flatMap((col) => {
    const cells = v.filledIn(col.col);
    if (cells.length < 4 || v.explainsMixing(col.col)) return [];
    const text = cells.filter((c) => !isNumber(c));
    const words = text.filter((c) => WORDY.test(c.raw) && valuesIn(c.raw) === 0);
    if (words.length === 0 || cells.length - text.length < SURE_NUMERIC * cells.length) return [];
    const rows = words.map((c) => c.row);
    return [
      {
        what: `${v.name(col.col)} holds numbers but text in ${positions("row", rows)} ("${words[0]!.raw}": a label or header pushed into the body?)`,
        cols: [col.col],
        rows,
      },
    ];
  });
}

type Kind = "%" | "plain";
const kindOf = (raw: string): Kind => (/%\s*\)?$/.test(raw.trim()) ? "%" : "plain");
/** A column is uniform when all its numeric cells, at least this many, are of one kind. */
const UNIFORM_MIN = 3;

/** In a table whose columns each hold one kind of number (percentages or plain numbers: a metric a column), a
 * lone cell of the other kind: a value shifted from a neighbouring column. Rows are not checked this way: a
 * financial row legitimately ends in a change in %. */
export function kindOutliers(v: TableView): Doubt[] {
  const numeric = v.t.cells.filter((c) => filled(c) && isNumber(c) && valuesIn(c.raw) === 1);
  const long = v.data.map((col) => numeric.filter((c) => c.col === col.col)).filter((l) => l.length >= UNIFORM_MIN);
  const uniform = long.filter((l) => new Set(l.map((c) => kindOf(c.raw))).size === 1);
  const odd = long.flatMap((l) => loneOdd(l));
  const kinds = new Set(numeric.map((c) => kindOf(c.raw))).size;
  // Uniform by column: at least half the columns are of one kind, each other one has a lone odd cell.
  if (kinds < 2 || odd.length === 0 || uniform.length + odd.length < long.length || uniform.length < 0.5 * long.length)
    return [];
  return [
    {
      what: `${odd.length} cell(s) differ in kind from the rest of their column ("${odd[0]!.raw}" in ${v.rowName(odd[0]!.row)}, ${v.name(odd[0]!.col)}: a value shifted from a neighbouring column?)`,
      rows: odd.map((c) => c.row),
      cols: odd.map((c) => c.col),
    },
  ];
}

/** The one cell of a column whose kind differs from all the others, if there is exactly one. */
function loneOdd<T extends { raw: string }>(line: T[]): T[] {
  const pct = line.filter((c) => kindOf(c.raw) === "%");
  if (pct.length === 1) return pct;
  if (line.length - pct.length === 1) return line.filter((c) => kindOf(c.raw) !== "%");
  return [];
}

/** Two numbers joined by a slash ("151 / 673", a rank out of a count, a high and a low).  */
const SLASHED = /^[(（]?[-+−–]?[\d,.]+[%x×]?[)）]?\s*\/\s*[(（]?[-+−–]?[\d,.]+[%x×]?[)）]?$/;

/** A cell of two numbers joined by a slash, read as one value, in a column whose other cells (at least three)
 * each hold one number, where neither its row label nor its column header names two things (no slash there,
 * as "High/Low" has) nor says the column mixes kinds: a line of another kind (a footer, a rank "151 / 673")
 * caught in the table, its value taken from the first number only. */
export function slashedNumbers(v: TableView): Doubt[] {
  const labelOf = (row: number) => v.t.rows.find((r) => r.row === row)?.path.join(" / ") ?? "";
  return v.data.flatMap((col) => {
    if (v.explainsMixing(col.col) || v.header(col.col).includes("/")) return [];
    const cells = v.filledIn(col.col);
    const single = cells.filter((c) => isNumber(c) && valuesIn(c.raw.trim()) === 1);
    const odd = cells.filter(
      (c) => isNumber(c) && SLASHED.test(c.raw.trim()) && !labelOf(c.row).replace(/\s+/g, "").includes("/"),
    );
    if (odd.length === 0 || single.length < 3 || single.length < NUMERIC_SHARE * cells.length) return [];
    const rows = odd.map((c) => c.row);
    return [
      {
        what: `${v.name(col.col)} has ${odd.length} cell(s) of two numbers joined by a slash where its other cells hold one ("${odd[0]!.raw}", ${positions("row", rows)}: a line of another kind caught in the table?)`,
        cols: [col.col],
        rows,
      },
    ];
  });
}
