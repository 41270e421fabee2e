// A row cut by a page break: the first row of a table's part on the next page has no label, and its filled cells
// hold words, not values, each under a text of the last row above the break (the rest of wrapped text cells: a
// description's last lines, "Bottoms" of "Broadening Bottoms"). It is the rest of that row, not a row of its own.
import type { RawCell } from "../../../schemas/index.ts";
import { isValueLike } from "./values.ts";
import { joinLines } from "./pdf-text.ts";

/** The last row of the part above with the first row of the next part joined into it; null when that row is
 * a row of its own. */
export function joinSplitRow(last: RawCell[], first: RawCell[]): RawCell[] | null {
  if (last.length !== first.length || last.length < 2) return null;
  if (last.some((c, i) => c.col_span !== first[i]!.col_span)) return null;
  if (last[0]!.text.trim() === "" || first[0]!.text.trim() !== "") return null;
  const rest = first.slice(1).filter((c) => c.text.trim() !== "");
  if (rest.length === 0 || rest.some((c) => isValueLike(c.text))) return null;
  // Each of its words goes on a text of the row above (a wrapped cell continues), none stands under a value
  // there (a heading repeated without its label corner would).
  const above = (c: RawCell) => last[first.indexOf(c)]!.text.trim();
  if (rest.some((c) => above(c) === "" || isValueLike(above(c)))) return null;
  return last.map((c, i) => ({ ...c, text: joinLines([c.text, first[i]!.text]) }));
}
