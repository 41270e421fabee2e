// What a reader sees of the page's painted rectangles. A rule painted in the colour of the surface it lies on (a
// cell border in the cell's own background colour) is invisible, and so is a background inside a larger one of the
// same colour (a box behind a cell's text): neither separates anything. Word processors draw both.
import type { PdfPage, PdfPath, PdfRect } from "../../../schemas/index.ts";
import type { Rect } from "../../geometry.ts";

/** Two colours a reader cannot tell apart: every channel within this many levels (of 255). */
const SAME_COLOUR = 8;
/** A rect and a path are the same paint operation when their boxes agree within this many points. */
const SAME_BOX = 0.6;
/** Boxes within this many points of each other's edges are inside them. */
const PROBE = 0.3;

export interface Paint {
  /** rects no reader sees: rules painted in the colour of the surface under them, backgrounds inside a larger
   * background of the same colour */
  invisible: Set<PdfRect>;
}

/** The paint of a page's rects (`thin`: a rect at most this many points across is a rule). Pages without path
 * colours (built by hand, or OCR) hide nothing. */
export function pagePaint(page: PdfPage, thin: number): Paint {
  const colour = colours(page);
  const isThin = (r: Rect) => r.y1 - r.y0 <= thin || r.x1 - r.x0 <= thin;
  const invisible = new Set<PdfRect>();
  const areas = filledAreas(page, isThin);
  for (const [r, { colour: c, index }] of colour) {
    if (!isThin(r)) continue;
    const under = surface(areas, index, r);
    if (under && sameColour(c, under)) invisible.add(r);
  }
  // A background inside a larger one of the same colour (a box behind a cell's text) is not seen at all. Fills are
  // taken largest first, so each is compared only with the larger ones (pages of charts have thousands of fills).
  const area = (r: Rect) => (r.x1 - r.x0) * (r.y1 - r.y0);
  const fills = [...colour]
    .filter(([r]) => r.op === "fill" && !isThin(r))
    .map(([r, { colour: c }]): Fill => ({ r, c, area: area(r) }))
    .sort((a, b) => b.area - a.area);
  fills.forEach(({ r, c, area: size }, i) => {
    for (let k = 0; k < i; k++) {
      const o = fills[k]!;
      if (o.area <= size) break;
      if (within(r, o.r) && sameColour(o.c, c)) {
        invisible.add(r);
        return;
      }
    }
  });
  return { invisible };
}

/** A filled rect (not a rule), its colour and its area (computed once: each fill is compared with every larger
 * one). */
interface Fill {
  r: PdfRect;
  c: string;
  area: number;
}

const within = (r: Rect, o: Rect) =>
  o.x0 <= r.x0 + PROBE && o.x1 >= r.x1 - PROBE && o.y0 <= r.y0 + PROBE && o.y1 >= r.y1 - PROBE;

/** The paint colour of each rect (fill colour for fills, stroke colour for strokes) and its paint order. rects and
 * paths come from the same paint operations in the same order; a path may be missing (no vertices). */
function colours(page: PdfPage): Map<PdfRect, { colour: string; index: number }> {
  const out = new Map<PdfRect, { colour: string; index: number }>();
  const paths = page.paths ?? [];
  let j = 0;
  for (const r of page.rects) {
    const k = paths.slice(j, j + 4).findIndex((p) => p.op === r.op && sameBox(p, r));
    if (k < 0) continue;
    j += k + 1;
    const p = paths[j - 1]!;
    const c = r.op === "fill" ? p.fill : r.op === "stroke" ? p.stroke : null;
    if (c) out.set(r, { colour: c, index: j - 1 });
  }
  return out;
}

const sameBox = (p: PdfPath, r: PdfRect) =>
  Math.abs(p.x0 - r.x0) <= SAME_BOX &&
  Math.abs(p.y0 - r.y0) <= SAME_BOX &&
  Math.abs(p.x1 - r.x1) <= SAME_BOX &&
  Math.abs(p.y1 - r.y1) <= SAME_BOX;

/** A path a rule may lie on: a filled area (no rule itself), with its paint order. */
interface Area {
  index: number;
  box: Rect;
  fill: string;
}

/** The filled areas of the page in paint order, picked once (every rule looks for the one under it). */
function filledAreas(page: PdfPage, isThin: (p: Rect) => boolean): Area[] {
  const out: Area[] = [];
  (page.paths ?? []).forEach((p, index) => {
    if (p.fill && p.op !== "stroke" && !isThin(p)) out.push({ index, box: p, fill: p.fill });
  });
  return out;
}

/** The colour under the middle of a rule: the last filled area painted before it (paint order `before`) there (on
 * bare paper a white rule may still be seen against a picture or a shading: not judged). */
function surface(areas: Area[], before: number, r: PdfRect): string | null {
  const cx = (r.x0 + r.x1) / 2;
  const cy = (r.y0 + r.y1) / 2;
  const at = (p: Rect) => p.x0 <= cx && p.x1 >= cx && p.y0 <= cy && p.y1 >= cy;
  // The areas painted before it: those before the first at or after `before`.
  let lo = 0;
  let hi = areas.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (areas[mid]!.index < before) lo = mid + 1;
    else hi = mid;
  }
  for (let k = lo - 1; k >= 0; k--) {
    const a = areas[k]!;
    if (at(a.box)) return a.fill;
  }
  return null;
}

/** Colours as [r, g, b], parsed once per distinct "#rrggbb" (a page compares the same few colours many times). */
const RGB = new Map<string, number[]>();
function rgb(s: string): number[] {
  let v = RGB.get(s);
  if (!v) {
    v = [0, 1, 2].map((k) => parseInt(s.slice(1 + 2 * k, 3 + 2 * k), 16));
    if (RGB.size < 4096) RGB.set(s, v);
  }
  return v;
}

function sameColour(a: string, b: string): boolean {
  if (a === b) return true;
  const x = rgb(a);
  const y = rgb(b);
  return (
    Math.abs(x[0]! - y[0]!) <= SAME_COLOUR &&
    Math.abs(x[1]! - y[1]!) <= SAME_COLOUR &&
    Math.abs(x[2]! - y[2]!) <= SAME_COLOUR
  );
}
