// A column boundary that cuts a text at a word space, where the column on one side holds nothing but that piece of
// the text, is no boundary: a rule drawn cell by cell can carry a split from another row's cells that falls under a
// header's words ("<" | "5%" of "< 5%"), and the one word left alone would make a column of its own.
import type { Columns } from "./pdf-columns.ts";
import type { Line, Piece } from "./pdf-text.ts";

/** Pieces closer than this share of the type size are one text (a word space). */
const WORD_GAP = 0.4;

/** The columns less the boundaries that cut a text at a word space and leave only its piece on one side. */
export function dropWordSplits(cols: Columns, lines: Line[], fs: number): Columns {
  const drop = new Set<number>();
  for (let k = 1; k < cols.bounds.length - 1; k++) {
    const cut = cutPieces(lines, cols.bounds[k]!, fs);
    if (cut.size === 0) continue;
    const [lo, x, hi] = [cols.bounds[k - 1]!, cols.bounds[k]!, cols.bounds[k + 1]!];
    if (onlyCut(lines, lo, x, cut) || onlyCut(lines, x, hi, cut)) drop.add(k);
  }
  if (drop.size === 0) return cols;
  return {
    bounds: cols.bounds.filter((_, i) => !drop.has(i)),
    prio: cols.prio.filter((_, i) => !drop.has(i)),
  };
}

/** The pieces on either side of x that are a word space from a piece on its other side, on the same line. */
function cutPieces(lines: Line[], x: number, fs: number): Set<Piece> {
  const cut = new Set<Piece>();
  for (const l of lines) {
    const ps = [...l.pieces].sort((a, b) => a.x0 - b.x0);
    for (let i = 0; i + 1 < ps.length; i++) {
      const [a, b] = [ps[i]!, ps[i + 1]!];
      if (a.x1 <= x + 0.5 && b.x0 >= x - 0.5 && b.x0 - a.x1 <= WORD_GAP * fs) {
        cut.add(a);
        cut.add(b);
      }
    }
  }
  return cut;
}

/** Every piece standing in [x0, x1] is one of the cut ones (and there is one). */
function onlyCut(lines: Line[], x0: number, x1: number, cut: Set<Piece>): boolean {
  const inside = lines.flatMap((l) => l.pieces).filter((p) => (p.x0 + p.x1) / 2 > x0 && (p.x0 + p.x1) / 2 < x1);
  return inside.length > 0 && inside.every((p) => cut.has(p));
}

/** Half the width of a word space, as a share of the type size. */
const SPACE = 0.125;
/** A drawn border falls within this many character widths of a word space of a text it crosses. */
const BORDER_AT_SPACE = 0.8;

/** Lines whose texts are cut where a drawn column border (a rule split, a vertical rule: `drawn`) passes through a
 * word space: one text item of the PDF holding two cells' texts ("4Q25 4Q25", "(666) 313.7"), as spreadsheet
 * exports write neighbouring cells. The characters' places are estimated from the text's width, so only a space
 * the border passes through cuts, never a word. */
export function cutAtBorders(lines: Line[], drawn: number[]): Line[] {
  if (drawn.length === 0) return lines;
  return lines.map((l) => {
    const pieces = l.pieces.flatMap((p) => cutPiece(p, drawn));
    return pieces.length === l.pieces.length ? l : { ...l, pieces };
  });
}

/** The pieces of a stack of rules cut where the splits of the rule right above or right below a piece (`levels`,
 * top to bottom) pass through one of its word spaces (see cutAtBorders). */
export function cutUnderSplits(pieces: Piece[], levels: { y: number; breaks: number[] }[]): Piece[] {
  if (!levels.some((l) => l.breaks.length > 0)) return pieces;
  return pieces.flatMap((p) => {
    // (A piece without a word space is never cut: the rules around it need not be looked up.)
    if (!p.text.includes(" ")) return [p];
    const cy = (p.y0 + p.y1) / 2;
    const above = levels.filter((l) => l.y <= cy).pop();
    const below = levels.find((l) => l.y > cy);
    return cutPiece(p, [...(above?.breaks ?? []), ...(below?.breaks ?? [])]);
  });
}

function cutPiece(p: Piece, drawn: number[]): Piece[] {
  const chars = Array.from(p.text);
  if (!chars.includes(" ")) return [p];
  const w = (p.x1 - p.x0) / chars.length;
  const border = drawn.find((b) => b > p.x0 + w && b < p.x1 - w);
  if (border === undefined) return [p];
  const at = chars.findIndex((c, i) => c === " " && Math.abs(p.x0 + w * (i + 0.5) - border) <= BORDER_AT_SPACE * w);
  if (at <= 0) return [p];
  const left = chars.slice(0, at).join("").trimEnd();
  const right = chars
    .slice(at + 1)
    .join("")
    .trimStart();
  if (!left || !right) return [p];
  // The two texts stay a word space apart (a quarter of the type size around the space's middle): a border that
  // only a header's words straddle is still dropped as such (dropWordSplits).
  const mid = p.x0 + w * (at + 0.5);
  return [
    { ...p, text: left, x1: mid - SPACE * p.size },
    ...cutPiece({ ...p, text: right, x0: mid + SPACE * p.size }, drawn),
  ];
}
