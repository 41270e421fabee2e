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
