// Marks on a scanned page image that are not words: table rules, shaded bands (cell backgrounds, striped rows),
// lone dash marks (missing values the engine drops), and word boxes cut back at the rules they run into. Pure:
// pixels in, rectangles out (PDF points for rules and bands, pixels for dashes).
import type { OcrWord, PdfRect } from "../../schemas/index.ts";
import { round2, type Rect } from "../geometry.ts";
import { paperLevel, type Gray } from "./preprocess.ts";
import { pxPerPtOf, toPoints, type PixelMap } from "./scan.ts";

/** The shaded bands among findRules' rectangles (those thicker than a rule), back in pixels of the image. */
export function shadedBands(rects: PdfRect[], map: PixelMap): Rect[] {
  const k = pxPerPtOf(map);
  return rects
    .filter((r) => (r.y1 - r.y0) * k > MAX_THICK && (r.x1 - r.x0) * k > MAX_THICK)
    .map((r) => ({
      x0: (r.x0 - map.box.x0) * k,
      y0: (r.y0 - map.box.y0) * k,
      x1: (r.x1 - map.box.x0) * k,
      y1: (r.y1 - map.box.y0) * k,
    }));
}

/** The vertical rules among findRules' rectangles, back in pixels of the image. */
export function verticalRules(rects: PdfRect[], map: PixelMap): Rect[] {
  const k = pxPerPtOf(map);
  return rects
    .filter((r) => (r.x1 - r.x0) * k <= MAX_THICK && r.y1 - r.y0 > r.x1 - r.x0)
    .map((r) => ({
      x0: Math.floor((r.x0 - map.box.x0) * k),
      y0: (r.y0 - map.box.y0) * k,
      x1: Math.ceil((r.x1 - map.box.x0) * k),
      y1: (r.y1 - map.box.y0) * k,
    }));
}

/** Word boxes cut back at the rules they reach over: where a glyph touches a table rule, the engine's box takes in
 * the rule and runs on to the next one, which would make the line look twice its size and cross the rule. Rules
 * in PDF points (findRules), words in pixels of the image `map` describes. Pure. */
export function clipAtRules(words: OcrWord[], rules: PdfRect[], map: PixelMap): OcrWord[] {
  const pxPerPt = map.height / (map.box.y1 - map.box.y0);
  const toPx = (x: number, y: number) => [(x - map.box.x0) * pxPerPt, (y - map.box.y0) * pxPerPt] as const;
  const lines = rules
    .map((r) => {
      const [x0, y0] = toPx(r.x0, r.y0);
      const [x1, y1] = toPx(r.x1, r.y1);
      return { x0, y0, x1, y1 };
    })
    .filter((r) => r.y1 - r.y0 <= MAX_THICK && r.x1 - r.x0 > 4 * MAX_THICK);
  return words.map((w) => {
    let { y0, y1 } = w;
    for (const r of lines) {
      // A rule inside the box, or across its top or bottom edge (the box taking in the rule it ends on).
      if (Math.min(r.x1, w.x1) - Math.max(r.x0, w.x0) < 0.5 * (w.x1 - w.x0) || r.y1 <= y0 || r.y0 >= y1) continue;
      if ((r.y0 + r.y1) / 2 < (y0 + y1) / 2) y0 = Math.max(y0, Math.ceil(r.y1));
      else y1 = Math.min(y1, Math.floor(r.y0));
    }
    return y0 === w.y0 && y1 === w.y1 ? w : { ...w, y0, y1: Math.max(y0 + 1, y1) };
  });
}

/** Ink this many gray levels darker than the paper is a rule; a shade this many levels darker a cell background. */
const RULE_INK = 30;
const SHADE = 10;
/** A shaded run is at least this share shade or the ink printed on it (no more paper than speckle). */
const SHADE_SHARE = 0.9;
/** A rule is at least this share of the page width (height for vertical rules) long and at most this thick (px). */
const MIN_RULE = 0.08;
export const MAX_THICK = 5;

/** A gap between two pieces of one rule is bridged when some row along the rule is, over the whole gap, on
 * average this many gray levels darker than the paper: a faint rule breaks up under scanner noise pixel by pixel,
 * but its average stays dark, while a gap left on purpose is paper. */
const BRIDGE_INK = 12;

/** A rule found in the pixels: along it from..to, across it first..last (rows of a horizontal rule). */
interface Group {
  from: number;
  to: number;
  first: number;
  last: number;
}

/** Pieces of one rule (same rows, one after the other along it) joined where the gap between them is darker than
 * paper. `get(i, j)`: the pixel at row i, position j along the rows (or column i, position j for vertical rules). */
function bridge(groups: Group[], get: (i: number, j: number) => number, rows: number, paper: number): Group[] {
  const out = [...groups].sort((a, b) => a.first - b.first || a.from - b.from);
  for (let i = 0; i < out.length; i++) {
    for (let j = i + 1; j < out.length; j++) {
      const [a, b] = out[i]!.from <= out[j]!.from ? [out[i]!, out[j]!] : [out[j]!, out[i]!];
      if (Math.abs(a.first - b.first) > 2 || Math.abs(a.last - b.last) > 2 || b.from <= a.to) continue;
      let darkest = Infinity;
      for (
        let r = Math.max(0, Math.min(a.first, b.first) - 1);
        r <= Math.min(rows - 1, Math.max(a.last, b.last) + 1);
        r++
      ) {
        let sum = 0;
        for (let k = a.to; k < b.from; k++) sum += get(r, k);
        darkest = Math.min(darkest, sum / (b.from - a.to));
      }
      if (darkest > paper - BRIDGE_INK) continue;
      out[i] = { from: a.from, to: b.to, first: Math.min(a.first, b.first), last: Math.max(a.last, b.last) };
      out.splice(j, 1);
      j = i;
    }
  }
  return out;
}

/** Horizontal and vertical rules and shaded bands of a deskewed page image, in PDF points. */
export function findRules(img: Gray, map: PixelMap): PdfRect[] {
  const { width, height, data } = img;
  const paper = paperLevel(img);
  const dark = paper - RULE_INK;
  const rects: PdfRect[] = [];
  const push = (x0: number, y0: number, x1: number, y1: number) => {
    const [a, b] = toPoints(map, x0, y0);
    const [c, d] = toPoints(map, x1, y1);
    rects.push({ x0: round2(a), y0: round2(b), x1: round2(c), y1: round2(d), op: "fill" });
  };
  // Horizontal: long runs of ink (gaps up to 2 px) in a row, merged with the rows below into one rule; vertical
  // likewise down the columns.
  const isInk = (v: number) => v <= dark;
  const across = (y: number, x: number) => data[y * width + x]!;
  const down = (x: number, y: number) => data[y * width + x]!;
  const thin = (g: Group) => g.last - g.first + 1 <= MAX_THICK;
  for (const g of bridge(
    mergeRuns(inkRuns(across, height, width, MIN_RULE * width, isInk)).filter(thin),
    across,
    height,
    paper,
  )) {
    push(g.from, g.first, g.to, g.last + 1);
  }
  for (const g of bridge(
    mergeRuns(inkRuns(down, width, height, MIN_RULE * height, isInk)).filter(thin),
    down,
    width,
    paper,
  )) {
    push(g.first, g.from, g.last + 1, g.to);
  }
  // Shaded bands (shadeRuns), at least 8 px high.
  const shades = mergeRuns(shadeRuns(img, paper));
  for (const g of shades) if (g.last - g.first + 1 >= 8) push(g.from, g.first, g.to, g.last + 1);
  return rects;
}

/** A run along row (or column) `at` of the image, from..to. */
interface Run {
  at: number;
  from: number;
  to: number;
}

/** Runs at least `minLen` long of pixels passing `test` in each of `n` rows of `m` pixels (`get(i, j)`: row i,
 * position j), across gaps up to 2 px. */
function inkRuns(
  get: (i: number, j: number) => number,
  n: number,
  m: number,
  minLen: number,
  test: (v: number) => boolean,
): Run[] {
  const out: Run[] = [];
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
}

/** Runs (row by row) merged with the overlapping runs of the next rows: one group for each rule or band. */
function mergeRuns(segs: Run[]): Group[] {
  const groups: Group[] = [];
  for (const s of segs) {
    const g = groups.find(
      (g) =>
        s.at - g.last <= 1 &&
        Math.min(g.to, s.to) - Math.max(g.from, s.from) > 0.5 * Math.min(g.to - g.from, s.to - s.from),
    );
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
}

/** Runs of shaded bands (header backgrounds, striped rows; some as dark as text): long runs of a row all but
 * without paper. The text printed on a shade does not break it; a line of text on paper leaves paper between and
 * inside its letters. */
function shadeRuns(img: Gray, paper: number): Run[] {
  const { width, height, data } = img;
  const out: Run[] = [];
  for (let y = 0; y < height; y++) {
    let start = -1;
    let shade = 0;
    let last = -10;
    const close = () => {
      if (start >= 0 && last + 1 - start >= 0.2 * width && shade >= SHADE_SHARE * (last + 1 - start))
        out.push({ at: y, from: start, to: last + 1 });
    };
    for (let x = 0; x < width; x++) {
      const v = data[y * width + x]!;
      if (v >= paper - SHADE) continue; // paper: a gap
      if (start < 0 || x - last > 3) {
        close();
        start = x;
        shade = 0;
      }
      shade++;
      last = x;
    }
    close();
  }
  return out;
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
  const dark = paperLevel(img) - RULE_INK;
  const ink = (x: number, y: number) => data[y * width + x]! <= dark;
  const [minW, maxW, maxH, clear] = [DASH_MIN, DASH_MAX, DASH_THICK, DASH_CLEAR].map((pt) => pt * pxPerPt) as [
    number,
    number,
    number,
    number,
  ];
  // Horizontal ink runs of a dash's length, row by row; runs overlapping on neighbouring rows form one stroke.
  const strokes: Rect[] = [];
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
      if (s) {
        s.x0 = Math.min(s.x0, start);
        s.x1 = Math.max(s.x1, x + 1);
        s.y1 = y + 1;
        next.push(s);
      } else {
        const n = { x0: start, x1: x + 1, y0: y, y1: y + 1 };
        strokes.push(n);
        next.push(n);
      }
    }
    open = next;
  }
  const alone = (s: Rect) => {
    const h = s.y1 - s.y0;
    const ys = [
      Math.max(0, Math.floor(s.y0 - Math.max(h, clear / 2))),
      Math.min(height, Math.ceil(s.y1 + Math.max(h, clear / 2))),
    ] as const;
    const xs = [Math.max(0, Math.floor(s.x0 - clear)), Math.min(width, Math.ceil(s.x1 + clear))] as const;
    for (let y = ys[0]; y < ys[1]; y++)
      for (let x = xs[0]; x < xs[1]; x++) {
        // Its own blurred edge (a pixel or two around it) is no other ink.
        if (ink(x, y) && !(x >= s.x0 - 2 && x < s.x1 + 2 && y >= s.y0 - 2 && y < s.y1 + 2)) return false;
      }
    return true;
  };
  return strokes.filter((s) => s.y1 - s.y0 <= maxH && s.x1 - s.x0 >= DASH_ASPECT * (s.y1 - s.y0) && alone(s));
}
