// Header checks: a sound header names each data column once, names one thing a column, runs its periods in one
// direction, and holds names rather than values; and the body does not hold a second header.
import { type Doubt, filled, isNumber, positions, type TableView, valueLike, valuesIn } from "./checks-cells.ts";
import { parsePeriod } from "./periods.ts";

/** A column is numeric when at least this share of its filled cells (the row itself left out) are numbers. */
const NUMERIC_SHARE = 0.6;
/** A body row is a header when at least this share of its filled data cells are text in numeric columns. */
const HEADER_ROW_SHARE = 2 / 3;

const leaf = (v: TableView, col: number) => (v.t.columns.find((c) => c.col === col)?.path.at(-1) ?? "").trim();

/** Two data columns with the same header: a parent level lost, or one column read twice. */
export function duplicateHeaders(v: TableView): Doubt[] {
  const seen = new Map<string, number>();
  for (const col of v.data) {
    const h = v.header(col.col);
    if (!h) continue;
    // Columns whose cells carry different parents (a band over each block of rows) are told apart by them.
    const key = v.cellHeaders(v.byCol.get(col.col)) || h;
    const first = seen.get(key);
    if (first !== undefined)
      return [
        {
          what: `two columns have the same header "${h}" (columns ${first + 1} and ${col.col + 1})`,
          cols: [first, col.col],
        },
      ];
    seen.set(key, col.col);
  }
  return [];
}

/** A header naming two periods ("2025 2026E"): two columns under one header. */
export function twoPeriodHeaders(v: TableView): Doubt[] {
  const col = v.data.find(
    (c) =>
      leaf(v, c.col)
        .split(/\s+/)
        .filter((w) => parsePeriod(w) !== null).length >= 2,
  );
  return col
    ? [
        {
          what: `the header of column ${col.col + 1} "${leaf(v, col.col)}" names two periods (two columns read as one?)`,
          cols: [col.col],
        },
      ]
    : [];
}

/** Period headers of one kind that run forward and then step back (2Q26E before 1Q26E): a shifted header. Columns
 * under different parent headers (Current / Previous, each over FY26E–FY28E) are separate runs. */
export function periodOrder(v: TableView): Doubt[] {
  const periods = v.data.map((c) => parsePeriod(leaf(v, c.col)));
  if (periods.length < 3 || periods.some((p) => p === null)) return [];
  const parent = (i: number) =>
    v.t.columns
      .find((c) => c.col === v.data[i]!.col)
      ?.path.slice(0, -1)
      .join(" / ") ?? "";
  const same = (i: number) => parent(i) === parent(i - 1) && periods[i]!.kind === periods[i - 1]!.kind;
  const at = periods.findIndex((p, i) => i > 0 && same(i) && p!.order < periods[i - 1]!.order);
  const rises = periods.filter((p, i) => i > 0 && same(i) && p!.order > periods[i - 1]!.order).length;
  if (at <= 0 || rises === 0) return [];
  const [a, b] = [v.data[at - 1]!.col, v.data[at]!.col];
  return [
    {
      what: `the period headers are out of order (${leaf(v, a)} before ${leaf(v, b)}, columns ${a + 1}–${b + 1})`,
      cols: [a, b],
    },
  ];
}

/** Header cells that read as values (12.5%, 1,234, (3.2)): a body row taken for the header. */
export function valuesInHeader(v: TableView): Doubt[] {
  const named = v.data.filter((c) => leaf(v, c.col) !== "");
  const values = named.filter((c) => valueLike(leaf(v, c.col)));
  if (values.length < 2 || values.length < 0.5 * named.length) return [];
  return [
    {
      what: `the header holds values ("${leaf(v, values[0]!.col)}" in ${positions(
        "column",
        values.map((c) => c.col),
      )}: a body row read as the header?)`,
      cols: values.map((c) => c.col),
    },
  ];
}

/** A body row whose cells are text (period labels, column names) where the columns hold numbers: the header of a
 * second table read as a body row (stacked tables merged), or a header row pushed into the body. */
export function headerRowsInBody(v: TableView): Doubt[] {
  const numericCols = new Set(
    v.data
      .filter((col) => {
        const cells = v.filledIn(col.col);
        return cells.length >= 3 && cells.filter(isNumber).length >= NUMERIC_SHARE * (cells.length - 1);
      })
      .map((c) => c.col),
  );
  const rows = v.t.rows.filter((r) => {
    const cells = (v.byRow.get(r.row) ?? []).filter(filled);
    const texts = cells.filter((c) => !isNumber(c) && valuesIn(c.raw) === 0 && numericCols.has(c.col));
    return texts.length >= 2 && texts.length >= HEADER_ROW_SHARE * cells.length;
  });
  if (rows.length === 0) return [];
  return [
    {
      what: `${rows
        .map((r) => v.rowName(r.row))
        .slice(0, 3)
        .join(
          ", ",
        )} ${rows.length > 1 ? "hold" : "holds"} text where the columns hold numbers (a header row read as a body row: tables stacked into one?)`,
      rows: rows.map((r) => r.row),
    },
  ];
}

/** A table with no caption whose title is a value or a period ("427", "36% -0.1 ppts", "2019"): the line above it,
 * taken for its title, is a row of the same table, so the table was cut there (a fragment of a larger table). */
export function valueAsTitle(v: TableView): Doubt[] {
  const title = v.t.title.trim();
  if (v.t.label !== null || (valuesIn(title) === 0 && parsePeriod(title) === null)) return [];
  return [{ what: `its title "${title}" is a value (a row of the table read as its title: the table cut in two?)` }];
}

/** A table read with no header row whose every body row lies under one and the same group label: a line printed
 * above all the rows and spanning them is the header of the value columns (their own header lost, the cells keyed
 * under a name the page does not print), not a group of rows. A table of several groups, or with a header row, is
 * left alone. */
export function headerAsGroup(v: TableView): Doubt[] {
  if (v.t.header_rows !== 0 || v.t.rows.length < 2 || v.data.length === 0) return [];
  const groups = new Set(v.t.rows.map((r) => (r.path.length >= 2 ? (r.path[0] ?? "").trim() : "")));
  const [group] = groups;
  if (groups.size !== 1 || !group) return [];
  // The value columns must hold numbers: a header line over text rows is a title.
  if (!v.data.some((col) => v.filledIn(col.col).some(isNumber))) return [];
  return [
    {
      what: `every row lies under one group "${group}" and the table has no header row (the header of its value columns read as a group?)`,
      rows: v.t.rows.map((r) => r.row),
      cols: v.data.map((c) => c.col),
    },
  ];
}
