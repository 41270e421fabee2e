// A column of prose (descriptions of several sentences) whose cells end their sentences, but for a few cells that
// stop mid-sentence: their last line was read into the next row (text overflowing its ruled cell, a row cut by a
// page break), so those rows hold each other's text.
import { type Doubt, filled, isNumber, positions, type TableView } from "./checks-cells.ts";

/** A prose cell has a clause break inside it and is at least this long (characters). */
const MIN_PROSE = 15;
/** The column is prose when at least this many of its cells are. */
const MIN_CELLS = 3;
/** Most prose cells end a sentence: at least this share of them. */
const ENDED_SHARE = 2 / 3;

const CLAUSE = /[，。；,;]/;
const ENDED = /[。！？.!?；;…)）”"」]$/;

export function cutProse(v: TableView): Doubt[] {
  return v.data.flatMap((col) => {
    const prose = (v.byCol.get(col.col) ?? []).filter(
      (c) => filled(c) && !isNumber(c) && c.raw.trim().length >= MIN_PROSE && CLAUSE.test(c.raw),
    );
    if (prose.length < MIN_CELLS) return [];
    const open = prose.filter((c) => !ENDED.test(c.raw.trim()));
    if (open.length === 0 || prose.length - open.length < ENDED_SHARE * prose.length) return [];
    const rows = open.map((c) => c.row);
    return [
      {
        what: `${v.name(col.col)} holds sentences, but in ${positions("row", rows)} they stop mid-sentence (the rest read into the next row?)`,
        rows,
        cols: [col.col],
      },
    ];
  });
}
