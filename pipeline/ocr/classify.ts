// Which raster images are worth recognising: a cheap look at each image (its place on the page, its shape, one
// pass over its gray levels) before the engine spends a tenth of a second to seconds on it. Charts, diagrams,
// tables and scans give data; a logo in the header or footer band, a decorative strip, a blank box, a QR code or a
// photograph do not, and each of those is skipped with a stable reason code (ocr/skipped-*). The rules are kept
// conservative: an image that fits none of them is recognised as before.
import type { Rect } from "../geometry.ts";
import type { Gray } from "./preprocess.ts";

export type SkipReason = "margin" | "strip" | "blank" | "qr" | "photo";

/** Why each reason's images hold no data, for the problem's message. */
export const SKIP_WHY: Record<SkipReason, string> = {
  margin: "a logo or stamp in the page's header or footer band",
  strip: "a decorative bar (one side more than 8 times the other)",
  blank: "one flat colour with nothing printed on it",
  qr: "a QR code (square, black and white, dense edges)",
  photo: "a photograph (continuous tones, little flat background)",
};

/** Header band: an image ending above this share of the page height; footer band: one starting below. */
const HEADER = 0.12;
const FOOTER = 0.9;
/** A band image is at most this share of the page height (a banner, not a figure reaching into the band). */
const BAND_HEIGHT = 0.15;
const STRIP_ASPECT = 8;
/** Blank: the commonest gray level (±8) covers this share. */
const BLANK_SHARE = 0.995;
/** Neighbouring pixels differing by at most this are "flat"; by more than EDGE, an edge. */
const FLAT = 3;
const EDGE = 48;

export interface ImageStats {
  /** share of pixels within 8 levels of the commonest one (the paper or background) */
  paper: number;
  /** gray levels that hold at least 0.1% of the pixels */
  levels: number;
  /** share of pixels near black or white (< 64 or > 192) */
  blackWhite: number;
  /** share of pixels whose left and upper neighbours differ by at most FLAT levels */
  flat: number;
  /** share of pixels differing from their left neighbour by more than EDGE levels */
  edges: number;
}

/** One pass over the pixels (every other row of a large image: the shares stay the same). */
export function imageStats(img: Gray): ImageStats {
  const { width, height, data } = img;
  const hist = new Uint32Array(256);
  const rowStep = width * height > 400_000 ? 2 : 1;
  let n = 0;
  let flat = 0;
  let edges = 0;
  let bw = 0;
  for (let y = 1; y < height; y += rowStep) {
    const row = y * width;
    for (let x = 1; x < width; x++) {
      const v = data[row + x]!;
      const dx = Math.abs(v - data[row + x - 1]!);
      const dy = Math.abs(v - data[row + x - width]!);
      hist[v]!++;
      n++;
      if (dx <= FLAT && dy <= FLAT) flat++;
      if (dx > EDGE) edges++;
      if (v < 64 || v > 192) bw++;
    }
  }
  if (n === 0) return { paper: 1, levels: 1, blackWhite: 1, flat: 1, edges: 0 };
  let top = 0;
  for (let v = 1; v < 256; v++) if (hist[v]! > hist[top]!) top = v;
  let near = 0;
  let levels = 0;
  for (let v = 0; v < 256; v++) {
    if (Math.abs(v - top) <= 8) near += hist[v]!;
    if (hist[v]! >= n * 0.001) levels++;
  }
  return { paper: near / n, levels, blackWhite: bw / n, flat: flat / n, edges: edges / n };
}

/** Where the image sits on its page, in points, and the page's size. */
export interface Placement {
  box: Rect;
  pageWidth: number;
  pageHeight: number;
}

/** The place alone: a band image needs no pixels looked at. */
export function placementSkip({ box, pageHeight }: Placement): SkipReason | null {
  const w = box.x1 - box.x0;
  const h = box.y1 - box.y0;
  if (pageHeight > 0 && h <= BAND_HEIGHT * pageHeight) {
    if (box.y1 <= HEADER * pageHeight || box.y0 >= FOOTER * pageHeight) return "margin";
  }
  if (w >= STRIP_ASPECT * h || h >= STRIP_ASPECT * w) return "strip";
  return null;
}

/** The reason to skip an image, or null to recognise it. */
export function skipReason(img: Gray, placement: Placement): SkipReason | null {
  const placed = placementSkip(placement);
  if (placed) return placed;
  const s = imageStats(img);
  if (s.paper >= BLANK_SHARE) return "blank";
  const { box } = placement;
  const w = box.x1 - box.x0;
  const h = box.y1 - box.y0;
  const square = w <= 1.33 * h && h <= 1.33 * w;
  if (square && Math.max(w, h) <= 160 && s.blackWhite >= 0.85 && s.edges >= 0.08) return "qr";
  // A photograph has many tones and little flat paper; a small one (a head shot) may sit on white, and is too
  // small for a chart anyway. A chart saved as JPEG has many tones too, but keeps its flat background.
  if (s.levels >= 150 && s.paper < 0.3 && s.flat < 0.55) return "photo";
  if (s.levels >= 150 && Math.max(w, h) <= 100 && s.flat < 0.75) return "photo";
  return null;
}
