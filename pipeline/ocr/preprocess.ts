// Image preparation for recognition, in plain JavaScript arithmetic so that every machine gets the same pixels
// (a canvas library's resampling may differ between CPU builds): grayscale, bilinear scale-up of small text,
// Otsu binarisation, deskew (rotation found by projection profiles), and PGM encoding for the engine.
import { round1, round2, type Rect } from "../geometry.ts";
import { sha256 } from "../hash.ts";

export interface Gray {
  width: number;
  height: number;
  data: Uint8Array;
}

/** Decoded pixels as pdf.js gives them: 1 (gray), 3 (RGB) or 4 (RGBA) bytes per pixel. */
export function toGray(data: Uint8Array | Uint8ClampedArray, width: number, height: number, channels: 1 | 3 | 4): Gray {
  const out = new Uint8Array(width * height);
  if (channels === 1) out.set(data.subarray(0, width * height));
  else
    for (let i = 0, j = 0; i < out.length; i++, j += channels)
      out[i] = ((299 * data[j]! + 587 * data[j + 1]! + 114 * data[j + 2]! + 500) / 1000) | 0;
  return { width, height, data: out };
}

/** Bilinear resampling by `factor` (> 1 enlarges). */
export function scaleGray(img: Gray, factor: number): Gray {
  if (factor === 1) return img;
  const width = Math.max(1, Math.round(img.width * factor));
  const height = Math.max(1, Math.round(img.height * factor));
  const out = new Uint8Array(width * height);
  const sx = img.width / width;
  const sy = img.height / height;
  const src = img.data;
  for (let y = 0; y < height; y++) {
    const fy = Math.max(0, (y + 0.5) * sy - 0.5);
    const y0 = Math.min(img.height - 1, Math.floor(fy));
    const y1 = Math.min(img.height - 1, y0 + 1);
    const wy = fy - y0;
    for (let x = 0; x < width; x++) {
      const fx = Math.max(0, (x + 0.5) * sx - 0.5);
      const x0 = Math.min(img.width - 1, Math.floor(fx));
      const x1 = Math.min(img.width - 1, x0 + 1);
      const wx = fx - x0;
      const top = src[y0 * img.width + x0]! * (1 - wx) + src[y0 * img.width + x1]! * wx;
      const bottom = src[y1 * img.width + x0]! * (1 - wx) + src[y1 * img.width + x1]! * wx;
      out[y * width + x] = Math.round(top * (1 - wy) + bottom * wy);
    }
  }
  return { width, height, data: out };
}

/** The paper's gray level: the commonest one (most of a page, a chart or a crop is paper). */
export function paperLevel(img: Gray): number {
  const hist = new Array<number>(256).fill(0);
  for (const v of img.data) hist[v]!++;
  return hist.indexOf(Math.max(...hist));
}

/** Otsu's threshold: the gray level that best separates ink from paper. */
export function otsu(img: Gray): number {
  const hist = new Array<number>(256).fill(0);
  for (const v of img.data) hist[v]!++;
  const total = img.data.length;
  let sum = 0;
  for (let t = 0; t < 256; t++) sum += t * hist[t]!;
  let sumB = 0;
  let wB = 0;
  let best = -1;
  let threshold = 127;
  for (let t = 0; t < 256; t++) {
    wB += hist[t]!;
    if (wB === 0) continue;
    const wF = total - wB;
    if (wF === 0) break;
    sumB += t * hist[t]!;
    const mB = sumB / wB;
    const mF = (sum - sumB) / wF;
    const between = wB * wF * (mB - mF) * (mB - mF);
    if (between > best) {
      best = between;
      threshold = t;
    }
  }
  return threshold;
}

export function binarize(img: Gray, threshold = otsu(img)): Gray {
  const out = new Uint8Array(img.data.length);
  for (let i = 0; i < out.length; i++) out[i] = img.data[i]! <= threshold ? 0 : 255;
  return { width: img.width, height: img.height, data: out };
}

/** Rotate by `degrees` (positive: clockwise) about the centre, bilinear, paper colour outside. */
export function rotateGray(img: Gray, degrees: number, paper = 255): Gray {
  if (degrees === 0) return img;
  const { width, height, data } = img;
  const out = new Uint8Array(width * height);
  const a = (degrees * Math.PI) / 180;
  const cos = Math.cos(a);
  const sin = Math.sin(a);
  const cx = (width - 1) / 2;
  const cy = (height - 1) / 2;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      // inverse mapping: the source pixel that lands on (x, y)
      const dx = x - cx;
      const dy = y - cy;
      const fx = cos * dx + sin * dy + cx;
      const fy = -sin * dx + cos * dy + cy;
      const x0 = Math.floor(fx);
      const y0 = Math.floor(fy);
      if (x0 < 0 || y0 < 0 || x0 + 1 >= width || y0 + 1 >= height) {
        out[y * width + x] = paper;
        continue;
      }
      const wx = fx - x0;
      const wy = fy - y0;
      const i = y0 * width + x0;
      const top = data[i]! * (1 - wx) + data[i + 1]! * wx;
      const bottom = data[i + width]! * (1 - wx) + data[i + width + 1]! * wx;
      out[y * width + x] = Math.round(top * (1 - wy) + bottom * wy);
    }
  }
  return { width, height, data: out };
}

/** The rotation (degrees, positive clockwise) that makes the text lines horizontal, within ±`range`: the angle
 * whose row projection of the ink is sharpest (largest sum of squares), searched coarse then fine. 0 when the
 * page has too little ink to tell. */
export function estimateSkew(img: Gray, range = 3): number {
  const step = Math.max(1, Math.floor(Math.max(img.width, img.height) / 1000));
  const threshold = Math.min(otsu(img), 160);
  const xs: number[] = [];
  const ys: number[] = [];
  for (let y = 0; y < img.height; y += step)
    for (let x = 0; x < img.width; x += step) {
      if (img.data[y * img.width + x]! <= threshold) {
        xs.push(x);
        ys.push(y);
      }
    }
  if (xs.length < 200) return 0;
  const cx = img.width / 2;
  const offset = Math.ceil(img.width / step) + 2;
  const bins = new Float64Array(Math.ceil((img.height + 2 * img.width) / step) + 8);
  const score = (deg: number) => {
    // Ink of a line tilted by `deg` (clockwise) lands in one row after rotating back.
    const t = Math.tan((deg * Math.PI) / 180);
    bins.fill(0);
    for (let i = 0; i < xs.length; i++) bins[Math.round((ys[i]! - (xs[i]! - cx) * t) / step) + offset]! += 1;
    let s = 0;
    for (const v of bins) s += v * v;
    return s;
  };
  let best = 0;
  let bestScore = score(0);
  for (let d = -range; d <= range + 1e-9; d += 0.1) {
    const deg = round1(d);
    const s = score(deg);
    if (s > bestScore) {
      best = deg;
      bestScore = s;
    }
  }
  const coarse = best;
  for (let d = coarse - 0.1; d <= coarse + 0.1 + 1e-9; d += 0.02) {
    const deg = round2(d);
    const s = score(deg);
    if (s > bestScore) {
      best = deg;
      bestScore = s;
    }
  }
  return Math.abs(best) < 0.05 ? 0 : best;
}

/** The part x0..x1 × y0..y1 (clamped), with a margin of paper around it (the engine reads text at an edge badly). */
export function cropGray(img: Gray, x0: number, y0: number, x1: number, y1: number, margin = 0, paper = 255): Gray {
  const ax = Math.max(0, Math.floor(x0));
  const ay = Math.max(0, Math.floor(y0));
  const bx = Math.min(img.width, Math.ceil(x1));
  const by = Math.min(img.height, Math.ceil(y1));
  const width = Math.max(1, bx - ax) + 2 * margin;
  const height = Math.max(1, by - ay) + 2 * margin;
  const out = new Uint8Array(width * height).fill(paper);
  for (let y = ay; y < by; y++)
    out.set(img.data.subarray(y * img.width + ax, y * img.width + bx), (y - ay + margin) * width + margin);
  return { width, height, data: out };
}

/** Binary PGM (P5): read by tesseract.js and the tesseract command alike. */
export function encodePgm(img: Gray): Buffer {
  return Buffer.concat([
    Buffer.from(`P5\n${img.width} ${img.height}\n255\n`, "ascii"),
    Buffer.from(img.data.buffer, img.data.byteOffset, img.data.length),
  ]);
}

export const pixelHash = (img: Gray): string =>
  sha256(
    Buffer.concat([
      Buffer.from(`${img.width}x${img.height}:`),
      Buffer.from(img.data.buffer, img.data.byteOffset, img.data.length),
    ]),
  );

/** How an image is prepared. Chosen by measurement (README "OCR and charts", bench/ocr.ts). */
export interface Preparation {
  /** enlarge so that the image reaches this many pixels per PDF point (≈ dpi / 72), up to `maxScale` */
  targetPxPerPt: number;
  maxScale: number;
  binarize: boolean;
  deskew: boolean;
  /** make shaded bands white before recognition (whitenBands) */
  whiten?: boolean;
}

/** Shaded bands (striped rows, header backgrounds) made paper-white, the print on them kept: each band's pixels
 * divided by its background level (the median of its pixels, mostly shade). The engine thresholds a page once;
 * on a gray band it loses the text. Bands in pixels; the rest of the image is left as it is. */
export function whitenBands(img: Gray, bands: Rect[]): Gray {
  if (bands.length === 0) return img;
  const { width, height } = img;
  const data = new Uint8Array(img.data);
  for (const b of bands) {
    const [x0, x1] = [Math.max(0, Math.floor(b.x0)), Math.min(width, Math.ceil(b.x1))];
    const [y0, y1] = [Math.max(0, Math.floor(b.y0)), Math.min(height, Math.ceil(b.y1))];
    const hist = new Array<number>(256).fill(0);
    for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) hist[data[y * width + x]!]!++;
    let seen = 0;
    const half = ((x1 - x0) * (y1 - y0)) / 2;
    let level = 255;
    for (let v = 0; v < 256; v++) {
      seen += hist[v]!;
      if (seen >= half) {
        level = v;
        break;
      }
    }
    for (let y = y0; y < y1; y++)
      for (let x = x0; x < x1; x++) {
        const i = y * width + x;
        data[i] = Math.min(255, Math.round((data[i]! * 255) / Math.max(1, level)));
      }
  }
  return { width, height, data };
}

/** Raster figures (charts, pictures), whole-image pass: gray as they are, enlarged only below 100 dpi. Measured on
 * the seed's 39 figures (with the ×3 label re-read of charts): ×1 gray 84/84 chart values and categories, 94.6% of
 * picture characters, 7.7 s; ×2 + Otsu 84/84, 94.2%, 16.3 s; ×2 gray 84/84, 92.8%, 8.6 s. Value and category
 * labels of charts are re-read from crops ×3 + Otsu (index.ts). */
export const FIGURE_PREP: Preparation = { targetPxPerPt: 100 / 72, maxScale: 3, binarize: false, deskew: false };
/** Scanned pages: deskewed, recognised at their own resolution when ≥ 200 dpi, gray. Measured on the scanned
 * excerpt (3 pages, sparse-text mode): ×1 98.6% of characters and 95.2% of Latin tokens at 5.0 s/page; ×1.5 98.8%
 * and 96.2% at 6.0 s/page; page-layout mode (psm 3) ×1 only 81–86% of Latin tokens. */
export const PAGE_PREP: Preparation = {
  targetPxPerPt: 200 / 72,
  maxScale: 2,
  binarize: false,
  deskew: true,
  whiten: true,
};

export const prepId = (p: Preparation) =>
  `px/pt=${p.targetPxPerPt.toFixed(3)};max=${p.maxScale};bin=${p.binarize};deskew=${p.deskew}${p.whiten ? ";whiten" : ""}`;

/** Scale factor for an image drawn `pxPerPt` pixels per point: whole or half steps, never below 1. */
export function scaleFor(pxPerPt: number, prep: Preparation): number {
  if (!(pxPerPt > 0)) return 1;
  const want = prep.targetPxPerPt / pxPerPt;
  return Math.min(prep.maxScale, Math.max(1, Math.round(want * 2) / 2));
}

export interface Prepared {
  image: Gray;
  scale: number;
  skew: number;
}

export function prepare(gray: Gray, pxPerPt: number, prep: Preparation): Prepared {
  const skew = prep.deskew ? estimateSkew(gray) : 0;
  let img = skew ? rotateGray(gray, -skew) : gray;
  const scale = scaleFor(pxPerPt, prep);
  img = scaleGray(img, scale);
  if (prep.binarize) img = binarize(img);
  return { image: img, scale, skew };
}
