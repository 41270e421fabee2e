// Checks across the tables of a page: a table split in two. A table found without a caption and without a header
// (or with a "header" sharing nothing with the headers of the table above, as many columns: a row of it), starting
// right below another table whose columns its own columns line up with, is most likely that table's
// continuation: the upper table then lacks its last rows and the lower one has rows no header names. Distances are
// relative to the upper table's own row height; columns are compared by the boxes of their cells.
import type { Table } from "../../../schemas/index.ts";
import type { Doubt } from "./checks-cells.ts";

type Box = NonNullable<Table["box"]>;

/** The lower table starts at most this many of the upper table's row heights below it. */
const GAP_ROWS = 2.5;
/** Two columns line up when they overlap over at least this share of the wider one. */
const ALIGN_SHARE = 0.8;

/** Each table's x-extent a column, from its cells' boxes. */
function columnSpans(t: Table): [number, number][] {
  const spans = new Map<number, [number, number]>();
  for (const c of t.cells) {
    if (!c.box) continue;
    const s = spans.get(c.col) ?? [c.box.x0, c.box.x1];
    spans.set(c.col, [Math.min(s[0], c.box.x0), Math.max(s[1], c.box.x1)]);
  }
  return [...spans.values()];
}

/** The median height of a table's cells: its row height. */
export function rowHeight(t: Table): number {
  const h = t.cells.flatMap((c) => (c.box ? [c.box.y1 - c.box.y0] : [])).sort((a, b) => a - b);
  return h[Math.floor(h.length / 2)] ?? 0;
}

const lineUp = ([a0, a1]: [number, number], [b0, b1]: [number, number]) =>
  Math.min(a1, b1) - Math.max(a0, b0) >= ALIGN_SHARE * Math.max(a1 - a0, b1 - b0);

/** A table nothing names: no caption label and no header over its data columns. */
const unnamed = (t: Table) =>
  t.label === null && t.columns.filter((c) => c.role === "data").every((c) => c.path.every((p) => p.trim() === ""));

/** The texts of a table's column headers (their leaves). */
const heads = (t: Table) =>
  t.columns
    .filter((c) => c.role === "data")
    .map((c) => (c.path.at(-1) ?? "").trim())
    .filter(Boolean);

/** A table nothing names as a table of its own below `above`: unnamed, or uncaptioned with as many columns as
 * `above` under a "header" sharing none of its headers (a row of the table above taken for a header). */
function headless(below: Table, above: Table): boolean {
  if (unnamed(below)) return true;
  const [mine, theirs] = [heads(below), heads(above)];
  return (
    below.label === null && theirs.length >= 2 && mine.length === theirs.length && !mine.some((h) => theirs.includes(h))
  );
}

/** `below` starts right under `above` (not beside it, not inside it) and its columns line up with `above`'s. */
function continues(above: Table, below: Table): boolean {
  const [a, b] = [above.box as Box, below.box as Box];
  const h = rowHeight(above);
  const gap = b.y0 - a.y1;
  if (h <= 0 || gap < -h || gap > GAP_ROWS * h || b.y0 < (a.y0 + a.y1) / 2) return false;
  const upper = columnSpans(above);
  const lower = columnSpans(below);
  const aligned = lower.filter((s) => upper.some((u) => lineUp(s, u))).length;
  return aligned >= 2 && aligned >= 0.5 * lower.length;
}

/** Doubts by table id for tables split in two: the upper one and its unnamed continuation. */
export function splitTables(tables: Table[]): Map<string, Doubt[]> {
  const doubts = new Map<string, Doubt[]>();
  const add = (t: Table, what: string) => doubts.set(t.id, [...(doubts.get(t.id) ?? []), { what }]);
  for (const below of tables) {
    if (!below.box) continue;
    const above = tables.find(
      (t) => t !== below && t.box && t.page === below.page && continues(t, below) && headless(below, t),
    );
    if (!above) continue;
    const name = above.label ?? above.id;
    add(above, `rows that line up with its columns follow right below it as ${below.id} (the table split in two?)`);
    add(
      below,
      `it has no caption and no header of its own and lines up with ${name} right above it (the rest of that table?)`,
    );
  }
  return doubts;
}
