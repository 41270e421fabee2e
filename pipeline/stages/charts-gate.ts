// "Understood or picture" for raster bar charts: the bars measured in an image become data only when the reading
// agrees with itself — every bar got a category, the categories are real labels and all different, the axis ticks
// (when values lean on them) are evenly spaced with evenly stepping values, and the printed labels mostly agree
// with the bar heights. A line chart whose thick strokes passed for bars, read with OCR noise as categories, fails
// here and stays a picture. Pure.

interface Reading {
  points: { category: string; estimated: boolean }[];
  notes: { code: string }[];
  ticks: { y: number; v: number }[];
  scaled: boolean;
}

/** Positions and values of the ticks step evenly within this share of their typical step (OCR boxes wobble). */
const STEP_TOL = 0.15;
/** A category is a label when at least this share of its characters are letters, digits or ideographs. */
const WORDY = 0.6;

/** Why the reading is not a chart's data, or null when it is understood. */
export function understood(r: Reading, bars: number): string | null {
  if (r.points.length < 2) return `only ${r.points.length} of ${bars} bars have a category and a value`;
  if (r.points.length < bars) return `${bars - r.points.length} of ${bars} bars have no category or value read`;
  const noise = r.points.find((p) => !isLabel(p.category));
  if (noise) return `"${noise.category}" under a bar is not a category label`;
  const seen = new Set<string>();
  for (const p of r.points) {
    if (seen.has(p.category)) return `two bars read the same category "${p.category}"`;
    seen.add(p.category);
  }
  if (r.points.some((p) => p.estimated)) {
    if (!r.scaled || r.ticks.length < 3)
      return "values without labels would be estimated, but the value axis has fewer than three readable ticks";
    if (!evenTicks(r.ticks)) return "the value axis ticks read are not evenly spaced with evenly stepping values";
  }
  const disagree = r.notes.filter((n) => n.code === "chart/label-disagrees").length;
  if (disagree * 3 > r.points.length)
    return `${disagree} of ${r.points.length} value labels disagree with their bar heights`;
  return null;
}

/** Mostly letters, digits or ideographs, and more than one of them or a digit: a label, not OCR noise. */
export function isLabel(text: string): boolean {
  const chars = [...text.replace(/\s+/g, "")];
  const wordy = chars.filter((c) => /[\p{L}\p{N}]/u.test(c)).length;
  return chars.length > 0 && wordy / chars.length >= WORDY && (wordy >= 2 || /\d/.test(text));
}

/** Ticks (top to bottom) evenly spaced, their values an arithmetic progression falling downwards. */
export function evenTicks(ticks: { y: number; v: number }[]): boolean {
  const sorted = [...ticks].sort((a, b) => a.y - b.y);
  const gaps = sorted.slice(1).map((t, i) => t.y - sorted[i]!.y);
  const steps = sorted.slice(1).map((t, i) => sorted[i]!.v - t.v);
  const even = (xs: number[]) => {
    const m = [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    return m > 0 && xs.every((x) => Math.abs(x - m) <= STEP_TOL * m);
  };
  return even(gaps) && even(steps);
}
