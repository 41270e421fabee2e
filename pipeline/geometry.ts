// Numbers and boxes written once: the rectangle of page geometry (PDF points or image pixels, top-left origin), its
// area and overlap, the rounding of coordinates and confidences for output, and medians. Pure.

/** A box on a page or an image: x0 ≤ x1 left to right, y0 ≤ y1 top to bottom. */
export interface Rect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export const area = (r: Rect) => Math.max(0, r.x1 - r.x0) * Math.max(0, r.y1 - r.y0);
export const intersect = (a: Rect, b: Rect): Rect => ({
  x0: Math.max(a.x0, b.x0),
  y0: Math.max(a.y0, b.y0),
  x1: Math.min(a.x1, b.x1),
  y1: Math.min(a.y1, b.y1),
});

/** To one decimal (boxes in points, degrees of skew): Math.round of the tenths, so a half goes up (not toFixed). */
export const round1 = (v: number) => Math.round(v * 10) / 10;
/** To two decimals (confidences, resolutions, OCR runs and rules in points): Math.round of the hundredths. */
export const round2 = (v: number) => Math.round(v * 100) / 100;
/** A box with each coordinate round1'ed, keys in the order x0, y0, x1, y1 (output bytes follow that order). */
export const roundBox = (b: Rect): Rect => ({ x0: round1(b.x0), y0: round1(b.y0), x1: round1(b.x1), y1: round1(b.y1) });

/** The upper median: of the values sorted ascending, the one at index ⌊n/2⌋ — for an even count the higher of the
 * two middle values, never their mean; undefined when there are none. */
export function upperMedian(values: readonly number[]): number | undefined {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
}

/** The lower median: of the values sorted ascending, the one at index ⌊(n−1)/2⌋ — for an even count the lower of
 * the two middle values; undefined when there are none. */
export function lowerMedian(values: readonly number[]): number | undefined {
  return [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];
}

/** The upper median (upperMedian), 0 when there are no values. */
export const median = (values: readonly number[]): number => upperMedian(values) ?? 0;
