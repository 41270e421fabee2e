// Scanned pages back into what the PDF reader gives for a page with a text layer, so the PDF layout and table code
// runs unchanged: recognised words become PdfRuns (words of one line close together joined into one run; the
// rules, shading and dash marks of the scan are marks.ts). Pure: words in, runs out.
import type { OcrWord, PdfPage, PdfRect, PdfRun } from "../../schemas/index.ts";
import { round2, upperMedian, type Rect } from "../geometry.ts";
import { isCjk } from "../stages/layout/pdf-join.ts";
import { fitToInk, type PageInk } from "./ink.ts";

/** Same rules as the layout stage's text/no-text-layer and text/garbled-glyphs problems (layout/pdf-document.ts). */
export function ocrReason(page: PdfPage): "no-text-layer" | "garbled-glyphs" | null {
  const text = page.runs.map((r) => r.text).join("");
  const visible = text.replace(/\s/g, "").length;
  if (page.images.length > 0 && visible < 20) return "no-text-layer";
  const bad =
    (text.match(/\ufffd/g)?.length ?? 0) +
    (text.match(/\(cid:\d+\)/g)?.length ?? 0) +
    page.runs.filter((r) => /[\ue000-\uf8ff]/.test(r.text.replace(/^[\ue000-\uf8ff]\s*/, ""))).length;
  if (bad > 0 && bad >= text.length * 0.02) return "garbled-glyphs";
  return null;
}

/** Rectangles thicker than this (points) are shaded bands, not rules. */
const RULE_MAX_PT = 2;
/** Ink may reach into a rule by this share of its thickness and still be on one side of it. */
const RULE_TOUCH = 0.5;
/** Pixels per point of a map. */
export const pxPerPtOf = (m: PixelMap) => m.height / (m.box.y1 - m.box.y0);
/** Maps prepared-image pixels to PDF points. */
export interface PixelMap {
  box: Rect;
  width: number;
  height: number;
}
export const toPoints = (m: PixelMap, x: number, y: number): [number, number] => [
  m.box.x0 + (x / m.width) * (m.box.x1 - m.box.x0),
  m.box.y0 + (y / m.height) * (m.box.y1 - m.box.y0),
];

/** A gap wider than this share of the line height ends a run (column or cell boundary). */
const RUN_GAP = 0.5;
/** Between Chinese and Latin or figures ("沪深 300 成份股内") the space is wider: ink gaps up to this share. */
const MIXED_GAP = 1.0;
/** Latin words further apart than this share of the line height get a space. */
const SPACE_GAP = 0.12;

/** Between Chinese and a bracket or a stop the glyphs' own side room looks like a space: only wider gaps are. */
const PUNCT_SPACE_GAP = 0.35;
/** Is the non-Chinese side of a Chinese / non-Chinese pair of words punctuation ("(元" + ")")? */
const punctuation = (left: string, right: string) => {
  const edge = isCjk(Array.from(left).at(-1)) ? Array.from(right)[0] : Array.from(left).at(-1);
  return !!edge && !/[A-Za-z0-9]/.test(edge);
};

export interface OcrLine {
  words: OcrWord[];
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Words grouped into lines by their positions (not the engine's order): words overlapping vertically by half
 * the smaller height are on one line, left to right. */
export function groupLines(words: OcrWord[]): OcrLine[] {
  const lines: OcrLine[] = [];
  const sorted = [...words].sort((a, b) => (a.y0 + a.y1) / 2 - (b.y0 + b.y1) / 2 || a.x0 - b.x0);
  for (const w of sorted) {
    const h = w.y1 - w.y0;
    const line = lines.find((l) => {
      const overlap = Math.min(l.y1, w.y1) - Math.max(l.y0, w.y0);
      const lh = l.y1 - l.y0;
      return overlap >= 0.5 * Math.min(h, lh);
    });
    if (line) {
      line.words.push(w);
      line.x0 = Math.min(line.x0, w.x0);
      line.x1 = Math.max(line.x1, w.x1);
      // the line keeps the height of its first words: one tall glyph must not swallow the next line
    } else lines.push({ words: [w], x0: w.x0, y0: w.y0, x1: w.x1, y1: w.y1 });
  }
  for (const l of lines) l.words.sort((a, b) => a.x0 - b.x0);
  return lines.sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0);
}

/** Full-width marks carry their own room (the right half of a colon or comma, the left half of an opening
 * bracket is blank): no space after such a mark — or after a stop the engine read as ASCII after a Chinese
 * character, which fullWidthStops makes full-width — nor before an opening bracket. */
const FULL_WIDTH_AFTER =
  /(?:[\u3001\u3002\uff01\uff09\uff0c\uff1a\uff1b\uff1f\u300b\u300d\u300f\u3011]|[\u3400-\u9fff][)）]?[,:;])$/u;
const FULL_WIDTH_BEFORE = /^[\uff08\u300a\u300c\u300e\u3010]/u;
/** Nor, in any script, after an opening bracket or before a closing one. */
const OPENS = /[([{]$/;
const CLOSES = /^[)\]}]/;

/** Join words of one run: nothing between CJK characters, a space between other words (between CJK and Latin
 * only where the gap shows one). */
export function joinWords(words: OcrWord[], height: number): string {
  let text = "";
  let prev: OcrWord | null = null;
  for (const w of words) {
    if (prev) {
      const a = isCjk(Array.from(prev.text).at(-1));
      const b = isCjk(Array.from(w.text)[0]);
      if (FULL_WIDTH_AFTER.test(text) || FULL_WIDTH_BEFORE.test(w.text) || OPENS.test(text) || CLOSES.test(w.text)) {
        /* no space */
      } else if (!a && !b) text += " ";
      else if (a !== b && w.x0 - prev.x1 > (punctuation(prev.text, w.text) ? PUNCT_SPACE_GAP : SPACE_GAP) * height)
        text += " ";
    }
    text += w.text;
    prev = w;
  }
  return fullWidthStops(text);
}

/** The engine reads "，：；" as ASCII marks; after a Chinese character (or a bracket closing after one) they are the
 * full-width ones that Chinese text sets there (and that a text layer gives). */
export const fullWidthStops = (text: string) =>
  text
    .replace(/([\u3400-\u9fff][)）]?),/g, "$1，")
    .replace(/([\u3400-\u9fff][)）]?):/g, "$1：")
    .replace(/([\u3400-\u9fff][)）]?);/g, "$1；");

/** Share of the em a word's ink spans, from its letters: CJK glyphs and brackets fill it; Latin capitals, digits
 * and ascenders reach about three quarters of it, descenders a quarter below the baseline, lower-case letters
 * without either about half. */
export function inkShare(text: string): number {
  if (Array.from(text).some(isCjk) || /[()[\]{}|]/.test(text)) return 0.95;
  const up = /[A-Z0-9bdfhiklt%&@#$?!/\\]/.test(text);
  const down = /[gjpqy]/.test(text);
  if (up && down) return 0.95;
  if (up) return 0.73;
  if (down) return 0.72;
  return /[a-z]/.test(text) ? 0.5 : 0.73;
}

/** A word's type size (em, pixels). Chinese characters are set one em apart, so a word of several measures it
 * by its width — the engine's boxes for Chinese often reach up or down into a rule or the next line; other
 * words by their ink height scaled by the share of the em their letters reach ("Model" stops at the cap
 * height, "(via" fills it). */
export function emOf(w: OcrWord): number {
  const chars = Array.from(w.text);
  if (chars.length >= 1 && chars.every(isCjk)) return (w.x1 - w.x0) / (chars.length - CJK_SIDE);
  return (w.y1 - w.y0) / inkShare(w.text);
}
/** The side room of a Chinese character's ink, both sides together, as a share of the em. */
const CJK_SIDE = 0.1;

export interface RunWithConfidence {
  run: PdfRun;
  confidence: number;
}

/** The words of a recognised page as runs: lines (groupLines) cut where a gap is wider than RUN_GAP of the
 * line's type size (em, from the words' ink heights), MIXED_GAP where Chinese meets Latin, CJK_RUN_GAP between
 * Chinese words. With the page's
 * ink, the words' boxes are first cut back to it (ink.ts): gaps the engine's boxes run over show. */
export function runGroups(words: OcrWord[], ink?: PageInk): { words: OcrWord[]; em: number; line: OcrLine }[] {
  const out: { words: OcrWord[]; em: number; line: OcrLine }[] = [];
  // The line's type size: the median of its words' estimates (emOf).
  const emOfLine = (ws: OcrWord[]) => upperMedian(ws.map(emOf))!;
  for (const found of groupLines(words)) {
    const line = ink ? { ...found, words: fitToInk(found.words, ink, RUN_GAP * emOfLine(found.words)) } : found;
    if (line.words.length === 0) continue;
    const em = emOfLine(line.words);
    let group: OcrWord[] = [];
    for (const w of line.words) {
      const prev = group[group.length - 1];
      if (prev && w.x0 - prev.x1 > gapLimit(prev, w) * em) {
        out.push({ words: group, em, line });
        group = [];
      }
      group.push(w);
    }
    if (group.length > 0) out.push({ words: group, em, line });
  }
  return out;
}

/** Between two Chinese words a gap this wide (share of the em) is more than letter spacing: it may be the edge of
 * a cell (headers set close over narrow columns). The words go to two runs, which the table code joins again
 * unless a column boundary lies between them, and text joins without a space (Chinese takes none). */
const CJK_RUN_GAP = 0.3;

/** The widest gap (share of the em) inside a run between two words: wider where the script changes, narrower
 * between Chinese words. */
function gapLimit(a: OcrWord, b: OcrWord): number {
  const cjkA = isCjk(Array.from(a.text).at(-1));
  const cjkB = isCjk(Array.from(b.text)[0]);
  if (cjkA && cjkB) return CJK_RUN_GAP;
  const latin = (ch: string | undefined) => !!ch && /[A-Za-z0-9]/.test(ch);
  return (cjkA && latin(Array.from(b.text)[0])) || (cjkB && latin(Array.from(a.text).at(-1))) ? MIXED_GAP : RUN_GAP;
}

/** Runs of a recognised page (runGroups), each as a PdfRun in points with the lowest confidence of its words.
 * A run's box spans its type size as a text layer's does, but never across a rule (PdfRects in points) its ink
 * stays clear of: scanned cells are often padded more tightly than that box. */
export function wordsToRuns(
  words: OcrWord[],
  map: PixelMap,
  rules: PdfRect[] = [],
  ink?: PageInk,
): RunWithConfidence[] {
  const ptPerPx = (map.box.y1 - map.box.y0) / map.height;
  return runGroups(words, ink).map(({ words: group, em, line }) => {
    const h = upperMedian(line.words.map((w) => w.y1 - w.y0))!;
    // Baseline: most words have no descender, so the median bottom of the line.
    const baseline = upperMedian(line.words.map((w) => w.y1))!;
    const size = Math.max(1, round2(em * ptPerPx));
    const x0 = Math.min(...group.map((w) => w.x0));
    const x1 = Math.max(...group.map((w) => w.x1));
    // Runs of one line share its baseline and size, as a text layer's runs do.
    const [px0, ey0] = toPoints(map, x0, baseline - 0.88 * em);
    const [px1, ey1] = toPoints(map, x1, baseline + 0.12 * em);
    const ink0 = toPoints(map, x0, Math.min(...group.map((w) => w.y0)))[1];
    const ink1 = toPoints(map, x0, Math.max(...group.map((w) => w.y1)))[1];
    let [py0, py1] = [ey0, ey1];
    for (const r of rules) {
      if (r.y1 - r.y0 > RULE_MAX_PT || Math.min(r.x1, px1) - Math.max(r.x0, px0) < 0.5 * (px1 - px0)) continue;
      // Ink touching the rule (a pixel's error either way) still stays on its side of it.
      const slack = RULE_TOUCH * (r.y1 - r.y0 + 1);
      if (r.y1 <= ink0 + slack && r.y1 > py0) py0 = r.y1;
      if (r.y0 >= ink1 - slack && r.y0 < py1) py1 = r.y0;
    }
    return {
      run: {
        text: joinWords(group, h),
        x0: round2(px0),
        y0: round2(py0),
        x1: round2(px1),
        y1: round2(py1),
        size,
        font: "ocr",
      },
      confidence: Math.min(...group.map((w) => w.confidence)),
    };
  });
}
