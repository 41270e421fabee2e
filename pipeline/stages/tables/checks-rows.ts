// Row checks: a sound table names every row that holds values, names rows with words rather than values, and does
// not name two rows alike unless a group tells them apart.
import { type Doubt, filled, isNumber, positions, type TableView, valueLike, valuesIn } from "./checks-cells.ts";

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

/** Two runs of rows with the same full labels in the same order (at least two rows each) that hold numbers, in a
 * table whose labels name its rows: a reader cannot tell their cells apart (a group level lost over a whole block,
 * stacked tables read as one, or rows read twice). A single label repeated on its own ("Others" in each block of a
 * cash flow statement, "YoY (%)" under each line it grows) is how statements are printed, and is no sign. */
export function duplicateRowLabels(v: TableView): Doubt[] {
  // A label repeated in another block under a band row is told apart by its cells' column parents.
  const keyOf = (r: (typeof v.t.rows)[number]) => {
    const label = r.path.filter((p) => p.trim() !== "").join(" / ");
    return label && `${label}\u0000${v.cellHeaders(v.byRow.get(r.row))}`;
  };
  const numeric = v.t.rows.filter((r) => keyOf(r) && numbersIn(v, r.row).length > 0);
  if (new Set(numeric.map(keyOf)).size < KEY_SHARE * numeric.length) return [];
  const seen = new Map<string, number>();
  const dup: number[][] = [];
  for (const r of numeric) {
    const first = seen.get(keyOf(r));
    if (first !== undefined) dup.push([first, r.row]);
    else seen.set(keyOf(r), r.row);
  }
  // Only a repeat that is part of a run: the row before or after each of the pair repeats too, in step.
  const pairs = new Set(dup.map(([a, b]) => `${a}:${b}`));
  const inRun = dup.filter(([a, b]) => pairs.has(`${a! - 1}:${b! - 1}`) || pairs.has(`${a! + 1}:${b! + 1}`));
  if (inRun.length === 0) return [];
  const [a, b] = inRun[0]!;
  return [
    {
      what: `${inRun.length} row label(s) repeat with no group to tell them apart (${v.rowName(a!)} and row ${b! + 1})`,
      rows: inRun.flat(),
    },
  ];
}

const numbersIn = (v: TableView, row: number) => (v.byRow.get(row) ?? []).filter((c) => filled(c) && isNumber(c));

/** A row label that ends in a value ("Gross profit 12.5%") in a row holding fewer values than the table's rows
 * usually hold: a value glued to its label (the label column reaching into the first data column). */
export function valuesInLabels(v: TableView): Doubt[] {
  if (v.labels.length === 0) return [];
  const counts = v.t.rows.map((r) => numbersIn(v, r.row).length).filter((n) => n > 0);
  const usual = mostCommon(counts);
  const rows = v.t.rows.filter((r) => {
    const words = (r.path.at(-1) ?? "").trim().split(/\s+/);
    const last = words.at(-1) ?? "";
    return (
      words.length >= 2 &&
      /\p{L}/u.test(words.slice(0, -1).join(" ")) &&
      balanced(last) &&
      valueLike(last) &&
      numbersIn(v, r.row).length < usual
    );
  });
  if (rows.length === 0) return [];
  return [
    {
      what: `${positions(
        "row",
        rows.map((r) => r.row),
      )} ${rows.length > 1 ? "end their labels" : "ends its label"} in a value with fewer values than the other rows (${v.rowName(rows[0]!.row)}: a value glued to its label?)`,
      rows: rows.map((r) => r.row),
    },
  ];
}

/** A token that opens as many brackets as it closes: "(2.5)" is a value, "2021)" ends a citation. */
const balanced = (w: string) => (w.match(/[(（]/g) ?? []).length === (w.match(/[)）]/g) ?? []).length;

/** The most frequent of some counts (the larger on a tie), 0 for none. */
function mostCommon(counts: number[]): number {
  const freq = new Map<number, number>();
  for (const n of counts) freq.set(n, (freq.get(n) ?? 0) + 1);
  return [...freq.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]?.[0] ?? 0;
}

/** Body rows with no row label holding only a little text (at most this share of the data columns): the further
 * lines of wrapped cells read as rows of their own. */
const WRAP_SHARE = 0.5;

/** Rows without a label holding a few text cells and no number, in a table whose other rows are labelled: the
 * second line of a wrapped cell read as a row, so the cell's text is cut and a row is invented. */
export function wrappedRows(v: TableView): Doubt[] {
  if (v.labels.length === 0 || v.data.length === 0) return [];
  const unlabelled = (r: (typeof v.t.rows)[number]) => r.path.every((p) => p.trim() === "");
  const rows = v.t.rows.filter((r, i) => {
    if (i === 0 || !unlabelled(r)) return false;
    const cells = (v.byRow.get(r.row) ?? []).filter(filled);
    return cells.length > 0 && cells.every((c) => !isNumber(c)) && cells.length <= WRAP_SHARE * v.data.length;
  });
  if (rows.length === 0 || rows.length >= 0.5 * v.t.rows.length) return [];
  return [
    {
      what: `${positions(
        "row",
        rows.map((r) => r.row),
      )} ${rows.length > 1 ? "hold" : "holds"} a little text under no row label (the next line of a wrapped cell read as a row?)`,
      rows: rows.map((r) => r.row),
    },
  ];
}

/** Rows split from one printed row (two rows' values glued in each cell) where a split label starts with a number:
 * the label was cut inside a phrase ("业绩前 50%" + "全部基金" read as "业绩前" + "50%全部基金"), so rows and values may be
 * paired wrongly. */
export function splitLabels(v: TableView): Doubt[] {
  const rows = v.t.rows.filter((r) => r.split_from !== null && /^[-+−(（]?\d/.test((r.path.at(-1) ?? "").trim()));
  if (rows.length === 0) return [];
  return [
    {
      what: `${positions(
        "row",
        rows.map((r) => r.row),
      )} split from one printed row ${rows.length > 1 ? "begin" : "begins"} with a number (${v.rowName(rows[0]!.row)}: the label cut in the wrong place?)`,
      rows: rows.map((r) => r.row),
    },
  ];
}

/** The shared start or end of a column's texts that gives a glued cell away is at least this many characters. */
const AFFIX_CHARS = 4;
/** ... and the glued cell is at least this many times as long as the column's usual text. */
const GLUED_LENGTH = 1.5;

/** A text cell holding twice the start (or the end) that most texts of its column share ("每根 K 线有相同的…"
 * twice, "…等分切片" twice), about twice as long as they are, and cut there into two halves each of about their
 * length: two rows glued into one cell. */
export function gluedTexts(v: TableView): Doubt[] {
  const columns = [
    ...v.labels.map((c) => ({ col: c.col, texts: v.labelTexts(c.col) })),
    ...v.data.map((c) => ({ col: c.col, texts: v.filledIn(c.col).map((x) => ({ row: x.row, text: x.raw.trim() })) })),
  ];
  return columns.flatMap(({ col, texts }) => {
    const words = texts.filter((t) => t.text !== "" && valuesIn(t.text) === 0);
    if (words.length < 3) return [];
    const rows = words.filter((t, i) => {
      const others = words.filter((_, j) => j !== i).map((o) => o.text);
      const usual = [...others].map((o) => o.length).sort((a, b) => a - b)[Math.floor(others.length / 2)]!;
      if (t.text.length < GLUED_LENGTH * usual) return false;
      const enough = (n: number) => n >= Math.max(2, 0.5 * others.length);
      // Both halves of the cell read as the column's usual texts (their length about the usual one).
      const halves = (at: number) =>
        at > 0 &&
        [t.text.slice(0, at), t.text.slice(at)].every((h) => Math.abs(h.trim().length - usual) <= 0.5 * usual);
      for (let k = Math.floor(t.text.length / 2); k >= AFFIX_CHARS; k--) {
        const [head, tail] = [t.text.slice(0, k), t.text.slice(-k)];
        if (enough(others.filter((o) => o.startsWith(head)).length) && halves(t.text.indexOf(head, k))) return true;
        const end = t.text.lastIndexOf(tail, t.text.length - 2 * k);
        if (enough(others.filter((o) => o.endsWith(tail)).length) && end >= 0 && halves(end + k)) return true;
      }
      return false;
    });
    if (rows.length === 0) return [];
    return [
      {
        what: `${v.name(col)} has ${positions(
          "row",
          rows.map((r) => r.row),
        )} holding twice what its other cells begin or end with ("${rows[0]!.text}": two rows glued into one?)`,
        cols: [col],
        rows: rows.map((r) => r.row),
      },
    ];
  });
}
