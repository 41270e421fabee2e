// Row labels printed just left of a table's rules (a small returns table whose rules start at its first column of
// values, with `Abs` / `Rel` outside them): the labels become the table's first column, so its rows are named.
import type { RawCell } from "../../../schemas/index.ts";
import { median } from "../../geometry.ts";
import type { PdfTable } from "./pdf-tables.ts";
import { isNumberLike, type Piece } from "./pdf-text.ts";

/** A label ends at most this many row heights left of the table. */
const LEFT_ROWS = 2;
/** ... is narrower than this share of the table (a label, not a line of a paragraph beside it). */
const LABEL_SHARE = 0.3;
/** ... and centred on its row within this share of a row height. */
const CENTRED = 0.25;
/** Runs closer than this share of a row height are one piece of text. */
const TOUCH = 0.5;

/** The table with a first column of labels taken from the text left of it, when every row of values has one and
 * the table has none of its own; else the table as it was. `free`: pieces in no table. */
export function withLeftLabels(t: PdfTable, free: Piece[]): PdfTable {
  const valueRows = t.rows.filter((r) => r.length >= 2 && r.some((c) => isNumberLike(c.text)));
  const unlabelled = t.rows.every((r) => !r[0]?.text || isNumberLike(r[0].text) || !valueRows.includes(r));
  if (valueRows.length < 2 || !unlabelled) return t;
  const h = median(t.rows.flatMap((r) => r.flatMap((c) => (c.box ? [c.box.y1 - c.box.y0] : []))));
  if (!(h > 0)) return t;
  const labels = new Map<RawCell[], Piece[]>();
  for (const row of valueRows) {
    const label = labelLeftOf(row, t, free, h);
    if (!label) return t;
    labels.set(row, label);
  }
  const used = [...labels.values()].flat();
  const x0 = Math.min(...used.map((p) => p.x0));
  const edge = Math.max(...used.map((p) => p.x1));
  const cell = (row: RawCell[]): RawCell => {
    const pieces = labels.get(row) ?? [];
    const y = row.find((c) => c.box)?.box;
    return {
      text: pieces.map((p) => p.text).join(" "),
      row_span: 1,
      col_span: 1,
      header: false,
      box: y ? { ...y, x0, x1: t.box.x0 } : null,
      ...(pieces.length ? { text_x0: Math.min(...pieces.map((p) => p.x0)) } : {}),
    };
  };
  return {
    ...t,
    box: { ...t.box, x0 },
    rows: t.rows.map((r) => [cell(r), ...r]),
    runIds: [...t.runIds, ...used.map((p) => p.run)].sort((a, b) => a - b),
    gaps: t.gaps ? [[Math.min(edge, t.box.x0), t.box.x0], ...t.gaps] : t.gaps,
  };
}

/** The short text ending just left of the table on the height of a row, read leftwards while its runs touch. */
function labelLeftOf(row: RawCell[], t: PdfTable, free: Piece[], h: number): Piece[] | null {
  const boxes = row.flatMap((c) => (c.box ? [c.box] : []));
  if (boxes.length === 0) return null;
  const mid = (Math.min(...boxes.map((b) => b.y0)) + Math.max(...boxes.map((b) => b.y1))) / 2;
  const on = free
    .filter((p) => p.x1 <= t.box.x0 + 1 && Math.abs((p.y0 + p.y1) / 2 - mid) <= CENTRED * h && p.text.trim())
    .sort((a, b) => b.x1 - a.x1);
  const first = on[0];
  if (!first || first.x1 < t.box.x0 - LEFT_ROWS * h || isNumberLike(first.text)) return null;
  const label = [first];
  for (const p of on.slice(1)) if (p.x1 > label[0]!.x0 - TOUCH * h) label.unshift(p);
  const width = first.x1 - label[0]!.x0;
  return width <= LABEL_SHARE * (t.box.x1 - t.box.x0) ? label : null;
}
