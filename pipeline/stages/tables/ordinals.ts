// Ordinal numbers in a table's margins: a header row naming its columns 1, 2, 3 … (quantile groups) and a first
// column naming its rows so (parameter values, window lengths). They read as values; a run of whole numbers rising
// by one step says they are names, where the cells they head or label hold no such run.
import { isValueLike } from "./values.ts";

/** At least this many numbers make a run. */
const MIN_RUN = 3;
const whole = (t: string) => /^\d{1,3}$/.test(t);

/** Whole numbers rising by one constant step, at least MIN_RUN of them (1 2 3 4 5; 10 20 30). */
export function ordinalRun(texts: string[]): boolean {
  if (texts.length < MIN_RUN || !texts.every(whole)) return false;
  const n = texts.map(Number);
  const step = n[1]! - n[0]!;
  return step >= 1 && n.every((v, i) => i === 0 || v - n[i - 1]! === step);
}

const filledOf = (cells: string[]) => cells.map((t) => t.trim()).filter((t) => t !== "");

/** A first row whose numbers run 1, 2, 3 … among short text cells (a stub header, a "long-short" column), over a
 * row holding values that are no such run: the header of numbered columns, not a row of data. */
export function ordinalHeaderRow(cells: string[], below: string[] | undefined, maxText: number): boolean {
  const filled = filledOf(cells);
  const numbers = filled.filter(isValueLike);
  if (!ordinalRun(numbers) || filled.some((t) => !isValueLike(t) && t.length > maxText)) return false;
  const next = filledOf(below ?? []).filter(isValueLike);
  return next.length >= numbers.length && !ordinalRun(next);
}

/** A first column whose every row holds the next number of a run, where no other column does: it names the rows
 * even when the values beside are whole numbers too (counts per parameter value). */
export function ordinalStub(rows: string[][], col0: string[]): boolean {
  if (!ordinalRun(col0)) return false;
  const width = Math.max(...rows.map((r) => r.length));
  for (let c = 1; c < width; c++) if (ordinalRun(rows.map((r) => (r[c] ?? "").trim()))) return false;
  return true;
}

/** "1～5", "1-5", "1至5" in a header: the numbers of the columns it stands over. */
const RANGE = /(?<!\d)(\d{1,3})\s*[～~〜\-–—至到]\s*(\d{1,3})(?!\d)/;

/** Columns sharing one header path (a parent over them, no leaf row) whose header names a range of as many numbers
 * ("分层组合 1～5" over five columns): each gets its number as its leaf, in order. */
export function rangeLeaves(paths: string[][]): string[][] {
  const out = paths.map((p) => [...p]);
  for (let c = 0; c < paths.length; ) {
    const key = paths[c]!.join("\u0000");
    let e = c + 1;
    while (e < paths.length && paths[e]!.join("\u0000") === key) e++;
    const from = Number(RANGE.exec(paths[c]!.at(-1) ?? "")?.[1]);
    if (e - c >= 2 && rangeSize(paths[c]!.at(-1) ?? "") === e - c)
      for (let k = c; k < e; k++) out[k]!.push(String(from + k - c));
    c = e;
  }
  return out;
}

/** How many numbers the range in a header names ("1～5" → 5); null without one. */
export function rangeSize(text: string): number | null {
  const m = RANGE.exec(text);
  const n = m ? Number(m[2]) - Number(m[1]) + 1 : 0;
  return n >= 2 ? n : null;
}
