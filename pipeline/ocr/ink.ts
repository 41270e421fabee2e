// Where the ink of a recognised line is, read off the page's pixels. The engine's boxes for Chinese often run on
// over the characters after them (a word's last character reaching to the end of the next words), which hides
// the gaps between cells; and it sometimes reads a mark into blank paper between two cells ("。"). The paper
// between the words, column by column, tells both. Pure: pixels and word boxes in, word boxes out.
import type { OcrWord } from "../../schemas/index.ts";
import type { Rect } from "../geometry.ts";
import { paperLevel, type Gray } from "./preprocess.ts";

/** A pixel this many gray levels darker than the paper is ink (scanner noise stays well under it). */
const INK = 40;
/** A word the engine is this unsure of, holding only punctuation, with ink in under this share of its box's
 * columns, is a mark read into blank paper. */
const STRAY_CONFIDENCE = 0.6;
const STRAY_INK = 0.25;

export interface PageInk {
  /** Columns of the band y0..y1 (pixels) from x0 to x1 holding ink: 1, paper: 0 (index 0 is column x0). */
  columns(x0: number, y0: number, x1: number, y1: number): Uint8Array;
}

/** The ink of a prepared page image; `paperBands` (vertical rules, pixels) count as paper: they part cells. */
export function pageInk(img: Gray, paperBands: Rect[] = []): PageInk {
  const dark = paperLevel(img) - INK;
  return {
    columns(x0, y0, x1, y1) {
      const [a, b] = [Math.max(0, Math.floor(x0)), Math.min(img.width, Math.ceil(x1))];
      const [top, bottom] = [Math.max(0, Math.floor(y0)), Math.min(img.height, Math.ceil(y1))];
      const out = new Uint8Array(Math.max(0, Math.ceil(x1) - Math.floor(x0)));
      for (let x = a; x < b; x++) {
        if (paperBands.some((r) => x >= r.x0 && x < r.x1 && r.y0 <= top && r.y1 >= bottom)) continue;
        for (let y = top; y < bottom; y++)
          if (img.data[y * img.width + x]! <= dark) {
            out[x - Math.floor(x0)] = 1;
            break;
          }
      }
      return out;
    },
  };
}

/** The words of one line (left to right) with their boxes cut back at the first stretch of paper at least `gap`
 * pixels wide after their start, and stray marks left out. */
export function fitToInk(words: OcrWord[], ink: PageInk, gap: number): OcrWord[] {
  if (words.length === 0) return words;
  const x0 = Math.min(...words.map((w) => w.x0));
  const y0 = Math.min(...words.map((w) => w.y0));
  const y1 = Math.max(...words.map((w) => w.y1));
  const cols = ink.columns(x0, y0, Math.max(...words.map((w) => w.x1)), y1);
  const at = (x: number) => cols[Math.round(x) - Math.floor(x0)] ?? 0;
  const need = Math.max(1, gap);
  return words.flatMap((w) => {
    let end = w.x1;
    let paper = 0;
    // From the first column of ink on, the box ends where `need` columns of paper follow each other.
    let seen = false;
    for (let x = Math.round(w.x0); x < w.x1; x++) {
      if (at(x)) {
        seen = true;
        paper = 0;
        continue;
      }
      if (seen && ++paper >= need) {
        end = x - paper + 1;
        break;
      }
    }
    let inked = 0;
    for (let x = Math.round(w.x0); x < end; x++) inked += at(x);
    const share = inked / Math.max(1, end - w.x0);
    if (w.confidence < STRAY_CONFIDENCE && !/[\p{L}\p{N}]/u.test(w.text) && share < STRAY_INK) return [];
    return end < w.x1 ? [{ ...w, x1: Math.max(w.x0 + 1, end) }] : [w];
  });
}
