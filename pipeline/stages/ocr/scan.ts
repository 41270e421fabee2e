// Scanned pages back into what the PDF reader gives for a page with a text layer, so the PDF layout and table code
// runs unchanged: recognised words become PdfRuns (words of one line close together joined into one run), and the
// rules and shaded cell backgrounds of the scan become PdfRects. Pure: words and pixels in, page content out.
import type { OcrWord, PdfPage, PdfRect, PdfRun } from "../../../schemas/index.ts";
import type { Gray } from "./preprocess.ts";
import type { Rect } from "./images.ts";

/** Same rules as the layout stage's text/no-text-layer and text/garbled-glyphs problems (layout/pdf-document.ts). */
export function ocrReason(page: PdfPage): "no-text-layer" | "garbled-glyphs" | null {
  const text = page.runs.map((r) => r.text).join("");
  const visible = text.replace(/\s/g, "").length;
  if (page.images.length > 0 && visible < 20) return "no-text-layer";
  const bad = (text.match(/\ufffd/g)?.length ?? 0) + (text.match(/\(cid:\d+\)/g)?.length ?? 0) +
    page.runs.filter((r) => /[\ue000-\uf8ff]/.test(r.text.replace(/^[\ue000-\uf8ff]\s*/, ""))).length;
  if (bad > 0 && bad >= text.length * 0.02) return "garbled-glyphs";
  return null;
}

/** Maps prepared-image pixels to PDF points. */
export interface PixelMap { box: Rect; width: number; height: number }
export const toPoints = (m: PixelMap, x: number, y: number): [number, number] =>
  [m.box.x0 + (x / m.width) * (m.box.x1 - m.box.x0), m.box.y0 + (y / m.height) * (m.box.y1 - m.box.y0)];

const CJK = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/;
const round = (v: number) => Math.round(v * 100) / 100;

/** A gap wider than this share of the line height ends a run (column or cell boundary). */
const RUN_GAP = 0.5;
/** Latin words further apart than this share of the line height get a space. */
const SPACE_GAP = 0.12;

export interface OcrLine { words: OcrWord[]; x0: number; y0: number; x1: number; y1: number }

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

/** Join words of one run: nothing between CJK characters, a space between other words (between CJK and Latin
 * only where the gap shows one). */
export function joinWords(words: OcrWord[], height: number): string {
  let text = "";
  let prev: OcrWord | null = null;
  for (const w of words) {
    if (prev) {
      const a = CJK.test(Array.from(prev.text).at(-1) ?? "");
      const b = CJK.test(Array.from(w.text)[0] ?? "");
      if (!a && !b) text += " ";
      else if (a !== b && w.x0 - prev.x1 > SPACE_GAP * height) text += " ";
    }
    text += w.text;
    prev = w;
  }
  return text;
}

/** Share of the em a word's ink spans, from its letters: CJK glyphs and brackets fill it; Latin capitals, digits
 * and ascenders reach about three quarters of it, descenders a quarter below the baseline, lower-case letters
 * without either about half. */
export function inkShare(text: string): number {
  if (CJK.test(text) || /[()[\]{}|]/.test(text)) return 0.95;
  const up = /[A-Z0-9bdfhiklt%&@#$?!/\\]/.test(text);
  const down = /[gjpqy]/.test(text);
  if (up && down) return 0.95;
  if (up) return 0.73;
  if (down) return 0.72;
  return /[a-z]/.test(text) ? 0.5 : 0.73;
}

export interface RunWithConfidence { run: PdfRun; confidence: number }

/** The words of a recognised page as runs: lines (groupLines) cut where a gap is wider than RUN_GAP of the
 * line's type size (em, from the words' ink heights). */
export function runGroups(words: OcrWord[]): { words: OcrWord[]; em: number; line: OcrLine }[] {
  const out: { words: OcrWord[]; em: number; line: OcrLine }[] = [];
  for (const line of groupLines(words)) {
    // The line's type size from its words' ink heights, each scaled by the share of the em its letters reach
    // ("Model" stops at the cap height, "(via" fills it): the median of those estimates.
    const ems = line.words.map((w) => (w.y1 - w.y0) / inkShare(w.text)).sort((a, b) => a - b);
    const em = ems[Math.floor(ems.length / 2)]!;
    let group: OcrWord[] = [];
    for (const w of line.words) {
      const prev = group[group.length - 1];
      if (prev && w.x0 - prev.x1 > RUN_GAP * em) { out.push({ words: group, em, line }); group = []; }
      group.push(w);
    }
    if (group.length > 0) out.push({ words: group, em, line });
  }
  return out;
}

/** Runs of a recognised page (runGroups), each as a PdfRun in points with the lowest confidence of its words. */
export function wordsToRuns(words: OcrWord[], map: PixelMap): RunWithConfidence[] {
  const ptPerPx = (map.box.y1 - map.box.y0) / map.height;
  return runGroups(words).map(({ words: group, em, line }) => {
    const heights = line.words.map((w) => w.y1 - w.y0).sort((a, b) => a - b);
    const h = heights[Math.floor(heights.length / 2)]!;
    // Baseline: most words have no descender, so the median bottom of the line.
    const bottoms = line.words.map((w) => w.y1).sort((a, b) => a - b);
    const baseline = bottoms[Math.floor(bottoms.length / 2)]!;
    const size = Math.max(1, round(em * ptPerPx));
    const x0 = Math.min(...group.map((w) => w.x0));
    const x1 = Math.max(...group.map((w) => w.x1));
    // Runs of one line share its baseline and size, as a text layer's runs do.
    const [px0, py0] = toPoints(map, x0, baseline - 0.88 * em);
    const [px1, py1] = toPoints(map, x1, baseline + 0.12 * em);
    return { run: { text: joinWords(group, h), x0: round(px0), y0: round(py0), x1: round(px1), y1: round(py1), size, font: "ocr" }, confidence: Math.min(...group.map((w) => w.confidence)) };
  });
}

/** Bump when findRules changes: cached page results keep the rules found when they were recognised. */
export const RULES_VERSION = "rules-6";

/** Ink this many gray levels darker than the paper is a rule; a shade this many levels darker a cell background. */
const RULE_INK = 30;
const SHADE = 10;
/** A rule is at least this share of the page width (height for vertical rules) long and at most this thick (px). */
const MIN_RULE = 0.08;
const MAX_THICK = 5;

/** Horizontal and vertical rules and shaded bands of a deskewed page image, in PDF points. */
export function findRules(img: Gray, map: PixelMap): PdfRect[] {
  const { width, height, data } = img;
  const hist = new Array<number>(256).fill(0);
  for (const v of data) hist[v]!++;
  const paper = hist.indexOf(Math.max(...hist));
  const dark = paper - RULE_INK;
  const rects: PdfRect[] = [];
  const push = (x0: number, y0: number, x1: number, y1: number) => {
    const [a, b] = toPoints(map, x0, y0);
    const [c, d] = toPoints(map, x1, y1);
    rects.push({ x0: round(a), y0: round(b), x1: round(c), y1: round(d), op: "fill" });
  };
  // Horizontal: long runs of ink (gaps up to 2 px) in a row, merged with the rows below into one rule.
  const segments = (get: (i: number, j: number) => number, n: number, m: number, minLen: number, test: (v: number) => boolean) => {
    const out: { at: number; from: number; to: number }[] = [];
    for (let i = 0; i < n; i++) {
      let start = -1;
      let last = -10;
      for (let j = 0; j <= m; j++) {
        const on = j < m && test(get(i, j));
        if (on) {
          if (start < 0 || j - last > 3) {
            if (start >= 0 && last - start >= minLen) out.push({ at: i, from: start, to: last + 1 });
            start = j;
          }
          last = j;
        }
      }
      if (start >= 0 && last - start >= minLen) out.push({ at: i, from: start, to: last + 1 });
    }
    return out;
  };
  const merge = (segs: { at: number; from: number; to: number }[]) => {
    const groups: { from: number; to: number; first: number; last: number }[] = [];
    for (const s of segs) {
      const g = groups.find((g) => s.at - g.last <= 1 && Math.min(g.to, s.to) - Math.max(g.from, s.from) > 0.5 * Math.min(g.to - g.from, s.to - s.from));
      if (g) {
        g.from = Math.min(g.from, s.from);
        g.to = Math.max(g.to, s.to);
        g.last = s.at;
      } else groups.push({ from: s.from, to: s.to, first: s.at, last: s.at });
    }
    // Pieces of one skewed rule found on neighbouring rows are one rule.
    for (let i = 0; i < groups.length; i++) {
      for (let j = i + 1; j < groups.length; j++) {
        const a = groups[i]!;
        const b = groups[j]!;
        if (b.first - a.last <= 1 && a.first - b.last <= 1 && Math.min(a.to, b.to) > Math.max(a.from, b.from) - 3) {
          a.from = Math.min(a.from, b.from);
          a.to = Math.max(a.to, b.to);
          a.first = Math.min(a.first, b.first);
          a.last = Math.max(a.last, b.last);
          groups.splice(j, 1);
          j = i;
        }
      }
    }
    return groups;
  };
  const isInk = (v: number) => v <= dark;
  for (const g of merge(segments((y, x) => data[y * width + x]!, height, width, MIN_RULE * width, isInk))) {
    if (g.last - g.first + 1 <= MAX_THICK) push(g.from, g.first, g.to, g.last + 1);
  }
  for (const g of merge(segments((x, y) => data[y * width + x]!, width, height, MIN_RULE * height, isInk))) {
    if (g.last - g.first + 1 <= MAX_THICK) push(g.first, g.from, g.last + 1, g.to);
  }
  // Shaded bands (header backgrounds): rows whose long runs are a light shade, at least 8 px high.
  const isShade = (v: number) => v < paper - SHADE && v > dark;
  const shades = merge(segments((y, x) => data[y * width + x]!, height, width, 0.2 * width, isShade).filter((s) => s.to - s.from >= 0.2 * width));
  for (const g of shades) if (g.last - g.first + 1 >= 8) push(g.from, g.first, g.to, g.last + 1);
  return rects;
}

/** A dash mark ("—", "–", "-" standing for a missing value) is this long, in points... */
const DASH_MIN = 2.5;
const DASH_MAX = 16;
/** ...at most this thick (points) and this many times longer than thick... */
const DASH_THICK = 1.6;
const DASH_ASPECT = 3;
/** ...and stands alone: no other ink within this many points beside it, or half of it above and below. */
const DASH_CLEAR = 6;

/** Dash marks of a deskewed page image: short, thin, level strokes with clear paper around them, in pixels. The
 * engine drops a lone dash (what many tables print for a missing value) as noise; the caller keeps those that
 * no recognised word covers. Pure. */
export function findDashes(img: Gray, pxPerPt: number): Rect[] {
  const { width, height, data } = img;
  const hist = new Array<number>(256).fill(0);
  for (const v of data) hist[v]!++;
  const dark = hist.indexOf(Math.max(...hist)) - RULE_INK;
  const ink = (x: number, y: number) => data[y * width + x]! <= dark;
  const [minW, maxW, maxH, clear] = [DASH_MIN, DASH_MAX, DASH_THICK, DASH_CLEAR].map((pt) => pt * pxPerPt) as [number, number, number, number];
  // Horizontal ink runs of a dash's length, row by row; runs overlapping on neighbouring rows form one stroke.
  const strokes: { x0: number; x1: number; y0: number; y1: number }[] = [];
  let open: typeof strokes = [];
  for (let y = 0; y < height; y++) {
    const next: typeof strokes = [];
    for (let x = 0; x < width; x++) {
      if (!ink(x, y)) continue;
      const start = x;
      while (x + 1 < width && ink(x + 1, y)) x++;
      const len = x + 1 - start;
      if (len < minW || len > maxW) continue;
      const s = open.find((o) => o.y1 === y && Math.min(o.x1, x + 1) - Math.max(o.x0, start) > 0.5 * len);
      if (s) { s.x0 = Math.min(s.x0, start); s.x1 = Math.max(s.x1, x + 1); s.y1 = y + 1; next.push(s); } else {
        const n = { x0: start, x1: x + 1, y0: y, y1: y + 1 };
        strokes.push(n);
        next.push(n);
      }
    }
    open = next;
  }
  const alone = (s: Rect) => {
    const h = s.y1 - s.y0;
    const ys = [Math.max(0, Math.floor(s.y0 - Math.max(h, clear / 2))), Math.min(height, Math.ceil(s.y1 + Math.max(h, clear / 2)))] as const;
    const xs = [Math.max(0, Math.floor(s.x0 - clear)), Math.min(width, Math.ceil(s.x1 + clear))] as const;
    for (let y = ys[0]; y < ys[1]; y++) for (let x = xs[0]; x < xs[1]; x++) {
      // Its own blurred edge (a pixel or two around it) is no other ink.
      if (ink(x, y) && !(x >= s.x0 - 2 && x < s.x1 + 2 && y >= s.y0 - 2 && y < s.y1 + 2)) return false;
    }
    return true;
  };
  return strokes.filter((s) => s.y1 - s.y0 <= maxH && s.x1 - s.x0 >= DASH_ASPECT * (s.y1 - s.y0) && alone(s));
}
