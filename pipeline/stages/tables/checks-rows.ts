// Row checks: a sound table names every row that holds values, names rows with words rather than values, and does
// not name two rows alike unless a group tells them apart.
import { type Doubt, filled, isNumber, positions, type TableView, valueLike } from "./checks-cells.ts";

/** A label column is read as values when at least this share of its filled cells look like values. */
const VALUE_LABEL_SHARE = 0.5;

/** Rows holding values under no row label, in a table with a label column: labels glued into one cell (a stacked
 * label column read as one block), or a row split from its label. */
export function unlabelledRows(v: TableView): Doubt[] {
  if (v.labels.length === 0) return [];
  const rows = v.t.rows.filter(
    (r) => r.path.every((p) => p.trim() === "") && (v.byRow.get(r.row) ?? []).some((c) => filled(c) && isNumber(c)),
  );
  if (rows.length === 0) return [];
  return [
    {
      what: `${positions(
        "row",
        rows.map((r) => r.row),
      )} hold values but no row label (labels glued into another row?)`,
      rows: rows.map((r) => r.row),
    },
  ];
}

/** A label column whose cells are values (1,234, 12.5%, (3.2)): a data column taken for the row labels. */
export function valuesAsLabels(v: TableView): Doubt[] {
  return v.labels.flatMap((col) => {
    const texts = v.labelTexts(col.col).filter((l) => l.text !== "");
    const values = texts.filter((l) => valueLike(l.text));
    if (values.length < 2 || values.length < VALUE_LABEL_SHARE * texts.length) return [];
    return [
      {
        what: `the row labels in ${v.name(col.col)} are values ("${values[0]!.text}" and ${values.length - 1} more: a data column read as the labels?)`,
        cols: [col.col],
        rows: values.map((l) => l.row),
      },
    ];
  });
}

/** A label column names rows (rather than sorting them into categories) when at least this share of its labels
 * are distinct. */
const KEY_SHARE = 0.5;

/** Two rows with the same full label that both hold numbers, in a table whose labels name its rows: a reader
 * cannot tell their cells apart (a group level lost, or one row read twice). */
export function duplicateRowLabels(v: TableView): Doubt[] {
  const keyOf = (r: (typeof v.t.rows)[number]) => r.path.filter((p) => p.trim() !== "").join(" / ");
  const numeric = v.t.rows.filter((r) => keyOf(r) && (v.byRow.get(r.row) ?? []).some((c) => filled(c) && isNumber(c)));
  if (new Set(numeric.map(keyOf)).size < KEY_SHARE * numeric.length) return [];
  const seen = new Map<string, number>();
  const dup: number[][] = [];
  for (const r of numeric) {
    const first = seen.get(keyOf(r));
    if (first !== undefined) dup.push([first, r.row]);
    else seen.set(keyOf(r), r.row);
  }
  if (dup.length === 0) return [];
  const [a, b] = dup[0]!;
  return [
    {
      what: `${dup.length} row label(s) repeat with no group to tell them apart (${v.rowName(a!)} and row ${b! + 1})`,
      rows: dup.flat(),
    },
  ];
}
