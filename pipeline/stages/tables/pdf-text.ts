// Text pieces of a PDF page for table finding: runs split where they hold several cells (hidden template tags left
// out), grouped into lines, and the reading-order text of a cell (spaces between runs, line joins for CJK and
// hyphenated words, the two halves of a diagonally split corner cell kept apart).
import type { PdfPage } from "../../../schemas/index.ts";
import { firstChar, isCjk, joinRuns, lastChar } from "../layout/pdf-join.ts";
import { layout } from "../../vocab/layout.ts";

export { isCjk };

export interface Piece {
  /** index of the run in page.runs */
  run: number;
  text: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  size: number;
}

export interface Line {
  pieces: Piece[];
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  size: number;
}

/** Two pieces are on one line when they overlap vertically by this share of the lower one. */
const LINE_OVERLAP = 0.5;
/** A run is cut where it holds this many spaces in a row (a converter glued two cells together). */
const GLUED_SPACES = /\s{2,}/;
/** Runs of one string (a template tag split by font changes) follow each other within this share of the size. */
const TOUCH_GAP = 0.3;
/** Hidden template tags (`[Table_Finance]`): text a report template leaves in the page, never printed visibly. */
const HIDDEN_MARKERS = layout.hidden_markers.map((p) => new RegExp(p));
/** The two labels of a corner cell split by a diagonal line stand apart by this share of the font size ... */
const DIAGONAL_GAP = 0.5;
/** ... and the upper right one sits higher than the lower left one by this share of the font size. */
const DIAGONAL_STEP = 0.25;

/** The usable runs of a page as pieces; `exclude` are page headers and footers. Hidden template tags are left
 * out (see hiddenRuns). */
export function pagePieces(page: PdfPage, exclude?: Set<number>): Piece[] {
  const pieces: Piece[] = [];
  const hidden = hiddenRuns(page);
  page.runs.forEach((r, run) => {
    if (exclude?.has(run) || hidden.has(run) || r.text.trim() === "") return;
    if (r.x1 < 0 || r.x0 > page.width || r.y1 < 0 || r.y0 > page.height) return;
    const base: Piece = { run, text: r.text.trim(), x0: r.x0, y0: r.y0, x1: r.x1, y1: r.y1, size: r.size };
    pieces.push(...cutAtGluedSpaces(base, r.text));
  });
  return pieces;
}

/** Runs that spell a hidden template tag (vocab/zh/layout.json `hidden_markers`), alone or with the runs written
 * right after it on the same baseline (pdf.js splits a string where the font changes: "[Table_" "Base" "]").
 * pdf.js does not tell the text render mode or colour, so invisible text is known by what it says. */
export function hiddenRuns(page: PdfPage): Set<number> {
  const out = new Set<number>();
  const runs = page.runs;
  for (let i = 0; i < runs.length; i++) {
    let text = runs[i]!.text.trim();
    if (!text.startsWith("[")) continue;
    for (let j = i; j < runs.length; j++) {
      if (j > i) {
        const a = runs[j - 1]!;
        const b = runs[j]!;
        const size = Math.max(a.size, b.size);
        if (Math.abs(a.y1 - b.y1) > TOUCH_GAP * size || b.x0 < a.x0 || b.x0 - a.x1 > TOUCH_GAP * size) break;
        text += b.text.trim();
      }
      if (HIDDEN_MARKERS.some((re) => re.test(text))) {
        for (let k = i; k <= j; k++) out.add(k);
        break;
      }
      if (text.includes("]")) break;
    }
  }
  return out;
}

function cutAtGluedSpaces(p: Piece, raw: string): Piece[] {
  if (!GLUED_SPACES.test(raw.trim())) return [p];
  const out: Piece[] = [];
  const charW = (p.x1 - p.x0) / Math.max(1, raw.length);
  const re = /\S+(?:\s\S+)*/g;
  for (let m = re.exec(raw); m; m = re.exec(raw)) {
    out.push({ ...p, text: m[0], x0: p.x0 + m.index * charW, x1: p.x0 + (m.index + m[0].length) * charW });
  }
  return out.length > 0 ? out : [p];
}

/** Group pieces into lines (top to bottom), each line's pieces left to right. */
export function toLines(pieces: Piece[]): Line[] {
  const lines: Line[] = [];
  const sorted = [...pieces].sort((a, b) => a.y0 + a.y1 - (b.y0 + b.y1) || a.x0 - b.x0);
  for (const p of sorted) {
    const h = p.y1 - p.y0;
    let target: Line | undefined;
    for (let i = lines.length - 1; i >= 0 && i >= lines.length - 4; i--) {
      const l = lines[i]!;
      const overlap = Math.min(l.y1, p.y1) - Math.max(l.y0, p.y0);
      if (overlap >= LINE_OVERLAP * Math.min(h, l.y1 - l.y0)) {
        target = l;
        break;
      }
    }
    if (target) {
      target.pieces.push(p);
      target.x0 = Math.min(target.x0, p.x0);
      target.x1 = Math.max(target.x1, p.x1);
      target.y0 = Math.min(target.y0, p.y0);
      target.y1 = Math.max(target.y1, p.y1);
      target.size = Math.max(target.size, p.size);
    } else {
      lines.push({ pieces: [p], x0: p.x0, y0: p.y0, x1: p.x1, y1: p.y1, size: p.size });
    }
  }
  for (const l of lines) l.pieces.sort((a, b) => a.x0 - b.x0);
  return lines.sort((a, b) => a.y0 - b.y0);
}

/** Runs of one line joined: a space where the gap is wide, never between two CJK characters. */
export function lineText(pieces: Piece[]): string {
  let text = "";
  let prev: Piece | undefined;
  for (const p of pieces) {
    text = prev ? joinRuns(text, p.text, (p.x0 - prev.x1) / Math.min(prev.size, p.size)) : text + p.text;
    prev = p;
  }
  return text;
}

/** Lines of one cell joined: nothing after a hyphen or next to a CJK character, else a space. (A dash standing
 * apart, "677.50 -" over "435.40", is no hyphen: a space follows it.) */
export function joinLines(lines: string[]): string {
  let text = "";
  for (const raw of lines) {
    const line = raw.trim();
    if (line === "") continue;
    if (text === "") {
      text = line;
      continue;
    }
    const glue = /\S-$/.test(text) || isCjk(lastChar(text)) || isCjk(firstChar(line)) ? "" : " ";
    text += glue + line;
  }
  return tidy(text);
}

/** Collapse white space; drop spaces a justified layout put between two CJK characters. */
function tidy(text: string): string {
  let out = text.replace(/\s+/g, " ").trim();
  if (!out.includes(" ")) return out;
  const chars = Array.from(out);
  out = chars.filter((ch, i) => !(ch === " " && isCjk(chars[i - 1]) && isCjk(chars[i + 1]))).join("");
  return out;
}

/** Text of a cell from its pieces, in reading order. A corner cell split by a diagonal line (a column-axis name
 * upper right, a row-axis name lower left) gives both names apart: "upper / lower". */
export function cellText(pieces: Piece[]): string {
  // (Most slots of a grid are empty.)
  if (pieces.length === 0) return "";
  const diagonal = diagonalParts(pieces);
  if (diagonal) return `${plainText(diagonal[0])} / ${plainText(diagonal[1])}`;
  return plainText(pieces);
}

const plainText = (pieces: Piece[]) => joinLines(toLines(pieces).map((l) => lineText(l.pieces)));

/** The pieces of a cell as [upper right, lower left] when they form two blocks side by side with a clear gap
 * between them and the right one higher at both its top and its bottom (the halves of a diagonally split cell). */
function diagonalParts(pieces: Piece[]): [Piece[], Piece[]] | null {
  if (pieces.length < 2) return null;
  const sorted = [...pieces].sort((a, b) => a.x0 - b.x0);
  const blocks: { pieces: Piece[]; x1: number }[] = [];
  for (const p of sorted) {
    const last = blocks[blocks.length - 1];
    if (last && p.x0 < last.x1 + DIAGONAL_GAP * p.size) {
      last.pieces.push(p);
      last.x1 = Math.max(last.x1, p.x1);
    } else blocks.push({ pieces: [p], x1: p.x1 });
  }
  if (blocks.length !== 2) return null;
  const [left, right] = blocks.map((b) => b.pieces) as [Piece[], Piece[]];
  const box = (ps: Piece[]) => ({
    y0: Math.min(...ps.map((p) => p.y0)),
    y1: Math.max(...ps.map((p) => p.y1)),
    size: Math.max(...ps.map((p) => p.size)),
  });
  const l = box(left);
  const r = box(right);
  const step = DIAGONAL_STEP * Math.max(l.size, r.size);
  return r.y0 < l.y0 - step && r.y1 < l.y1 - step ? [right, left] : null;
}

/** Width of the first word of a text printed over [x0, x1]: one character for CJK, else up to a space. */
export function firstWordWidth(text: string, x0: number, x1: number, size: number): number {
  const chars = Array.from(text);
  if (chars.length === 0) return 0;
  if (isCjk(chars[0])) return size;
  const charW = (x1 - x0) / chars.length;
  const end = chars.findIndex((ch, i) => ch === " " || (i > 0 && isCjk(ch)));
  return (end < 0 ? chars.length : end) * charW;
}

/** A number as printed in a table (never wrapped over lines). */
const NUMBER = String.raw`[-+−–]?[$¥￥]?\d[\d,.]*\s*(?:%|x|倍|bp)?`;
const NUMBER_LIKE = new RegExp(String.raw`^(?:${NUMBER}|[(（]${NUMBER}[)）])\**$`, "i");
export const isNumberLike = (text: string): boolean => NUMBER_LIKE.test(text.trim());
