// Axis tick labels of a vector chart: numbers in arithmetic progression, or dates, evenly spaced along a line
// (same right or left edge for a value axis, same baseline for a category axis).
import type { Rect } from "../../geometry.ts";
import { clusterBy } from "./pdf-geometry.ts";
import type { Piece } from "./pdf-text.ts";

/** An axis shows at least this many tick labels. */
const MIN_TICKS = 4;
/** Steps between ticks (positions and values) agree within this share of the typical step. */
const STEP_TOL = 0.1;
/** Labels of one axis line up within this share of the font size. */
const ALIGN = 0.25;

const NUMBER = /^[-+−]?\d[\d,]*(\.\d+)?%?$/;
const DATE = /^\d{4}([-/.年]\d{1,2}月?)([-/.]\d{1,2}日?)?$|^\d{1,2}[-/]\d{4}$/;

export function hasAxisTicks(pieces: Piece[], area: Rect, fs: number): boolean {
  const labels = pieces.filter((p) => {
    const cx = (p.x0 + p.x1) / 2;
    const cy = (p.y0 + p.y1) / 2;
    const t = p.text.trim();
    return cx >= area.x0 && cx <= area.x1 && cy >= area.y0 && cy <= area.y1 && (NUMBER.test(t) || DATE.test(t));
  });
  const tol = ALIGN * fs;
  const axes = [
    ...clusterBy(labels, (p) => p.x1, tol).map((g) => ({ g, pos: (p: Piece) => (p.y0 + p.y1) / 2 })),
    ...clusterBy(labels, (p) => p.x0, tol).map((g) => ({ g, pos: (p: Piece) => (p.y0 + p.y1) / 2 })),
    ...clusterBy(labels, (p) => p.y1, tol).map((g) => ({ g, pos: (p: Piece) => (p.x0 + p.x1) / 2 })),
  ];
  return axes.some(({ g, pos }) => {
    if (g.length < MIN_TICKS) return false;
    const sorted = [...g].sort((a, b) => pos(a) - pos(b));
    if (!even(sorted.map(pos))) return false;
    if (sorted.every((p) => DATE.test(p.text.trim()))) return true;
    const values = sorted.map((p) => Number(p.text.replace(/[,%−]/g, (c) => (c === "−" ? "-" : ""))));
    return values.every(Number.isFinite) && even(values);
  });
}

/** Evenly spaced values (in the order given; a constant step, up or down). */
function even(values: number[]): boolean {
  const steps = values.slice(1).map((v, i) => v - values[i]!);
  const step = steps[Math.floor(steps.length / 2)]!;
  return step !== 0 && steps.every((s) => Math.abs(s - step) <= STEP_TOL * Math.abs(step));
}
