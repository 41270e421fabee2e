// Table rows from text lines: lines that overlap vertically are one row; a line continues the row above when
// each cell it shares with the line above is a wrapped text (the line above had no room for its first word).
import type { Chunk } from "./pdf-columns.ts";
import { firstWordWidth, isCjk, isNumberLike, lineText } from "./pdf-text.ts";

/** Lines overlapping by more than this share of the font size are one row (vertically centred cells). */
const ROW_OVERLAP = 0.15;
/** A vertical gap wider than this share of the font size between lines always starts a new row. */
const ROW_BREAK = 1.0;
/** Slack, as a share of the font size, when deciding that a line was full and wrapped. */
const WRAP_TOL = 0.1;
/** Between rules, a line is full when it comes within this share of the font size of the column's widest text. */
const BANDED_SLACK = 1.0;
/** Width of a space between words, as a share of the font size. */
const SPACE_WIDTH = 0.25;
/** Numbers under numbers in this many cells, beside a text whose wrap is unproven, start a new row. */
const STACKED_VALUES = 2;

export interface RowLine {
  y0: number;
  y1: number;
  chunks: Chunk[];
}

/** How lines are grouped into rows. `banded`: the lines lie between two rules that separate rows elsewhere, so
 * they are one row unless some cell plainly starts anew (a value may then wrap too: "94.4%" over "Maj1@32").
 * `alone`: a line that is a row of its own (a block's title). */
export interface Grouping {
  banded?: boolean;
  alone?: (line: RowLine) => boolean;
}

/** Group lines (top to bottom) into rows. `avail(c0, c1, x0)` is the text width a cell over those columns allows
 * to a line starting at x0. */
export function groupRows(
  lines: RowLine[],
  avail: (c0: number, c1: number, x0: number) => number,
  fs: number,
  how: Grouping = {},
): RowLine[][] {
  const alone = how.alone ?? (() => false);
  const rows: RowLine[][] = [];
  for (const [i, line] of lines.entries()) {
    const cur = rows[rows.length - 1];
    if (!cur || alone(line) || (i > 0 && alone(lines[i - 1]!))) {
      rows.push([line]);
      continue;
    }
    const bottom = Math.max(...cur.map((l) => l.y1));
    if (line.y0 < bottom - ROW_OVERLAP * fs) cur.push(line);
    else if (line.y0 - bottom > ROW_BREAK * fs) rows.push([line]);
    else if (continues(cur, line, avail, fs, how)) cur.push(line);
    else rows.push([line]);
  }
  return rows;
}

/** A header band between two rules: one row, split only under a line holding a parent cell over two or more
 * cells of the next line (running across them, or — `centredOver` — set in the middle of them). */
export function headerRows<T extends RowLine>(
  lines: T[],
  centredOver: (line: Chunk[], below: Chunk[]) => boolean = () => false,
): T[][] {
  const rows: T[][] = [[lines[0]!]];
  for (let i = 1; i < lines.length; i++) {
    const above = lines[i - 1]!.chunks;
    const below = lines[i]!.chunks;
    const parent =
      above.some((p) => p.c1 > p.c0 && below.filter((c) => c.c0 >= p.c0 && c.c1 <= p.c1).length >= 2) ||
      centredOver(above, below);
    if (parent) rows.push([lines[i]!]);
    else rows[rows.length - 1]!.push(lines[i]!);
  }
  return rows;
}

/** Does the line continue the row? Each cell it shares with the row is read as wrapped ("wrap": the text above
 * had no room for the next word), new, or (a number above, between rules) undecided. */
function continues(
  row: RowLine[],
  line: RowLine,
  avail: (c0: number, c1: number, x0: number) => number,
  fs: number,
  how: Grouping,
): boolean {
  const banded = how.banded ?? false;
  // The text above in each column: from the last line of the row that has text there.
  const upper = new Map<number, Chunk>();
  for (const l of row) for (const c of l.chunks) upper.set(c.c0, c);
  const cols = [...upper.keys()];
  // A label alone in the first column above a line with values: a group label, not a wrapped cell.
  if (cols.length === 1 && cols[0] === 0 && line.chunks.some((c) => c.c0 !== 0)) return false;
  let wraps = 0;
  let widest = 0;
  let stacked = 0;
  for (const lower of line.chunks) {
    const up = upper.get(lower.c0);
    if (!up) continue;
    const upText = lineText(up.pieces);
    const lowText = lineText(lower.pieces);
    // A bare number under text starts a row (a header over values).
    if (isNumberLike(lowText) && !isNumberLike(upText)) return false;
    if (isNumberLike(upText)) {
      if (!banded) return false;
      if (isNumberLike(lowText)) stacked++;
      continue;
    }
    // Between rules a cell's lines are one text: the line above counts as full within an em of the room (the
    // widest text of the column; a scan's word boxes are a little off), elsewhere within a small slack.
    const room = avail(up.c0, Math.max(up.c1, lower.c1), up.x0);
    if (!wrapsOnto(up, lower, room + (banded ? -BANDED_SLACK : WRAP_TOL) * fs)) return false;
    wraps++;
    if (up.x1 - up.x0 >= room - WRAP_TOL * fs) widest++;
  }
  // Numbers never wrap: numbers under numbers are one cell's lines (a statistic under its estimate), or the values
  // of the next row. A text above as wide as the room is the room's own measure (the column's widest text, often
  // centred): that it seems full says nothing, and the numbers starting anew beside it make the line a new row.
  if (wraps > 0 && widest === wraps && stacked >= STACKED_VALUES) return false;
  // Between rules, lines sharing no cell (a one-line cell centred beside two-line cells) or only values are one
  // row; elsewhere a line continues a row only where its text wraps.
  return banded || wraps > 0;
}

/** Did the text of `up` wrap onto the line of `low`: the line of `up` had no room (`room` wide) left for the
 * first word of `low`? */
export function wrapsOnto(up: Chunk, low: Chunk, room: number): boolean {
  const upText = lineText(up.pieces);
  const lowText = lineText(low.pieces);
  const space = isCjk(Array.from(lowText)[0]) || isCjk(Array.from(upText).at(-1)) ? 0 : SPACE_WIDTH * low.size;
  return up.x1 - up.x0 + firstWordWidth(lowText, low.x0, low.x1, low.size) + space > room;
}
