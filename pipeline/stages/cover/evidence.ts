// Where a fact was read: the printed text and the page, source line and box of the lines it came from.
import type { Box, Evidence } from "../../../schemas/index.ts";
import { type CoverLine, type Stream, union } from "./lines.ts";

const round = (v: number) => Math.round(v * 10) / 10;
const rounded = (b: Box | null): Box | null =>
  b ? { page: b.page, x0: round(b.x0), y0: round(b.y0), x1: round(b.x1), y1: round(b.y1) } : null;

export function evidence(field: string, text: string, lines: CoverLine[], box?: Box | null): Evidence {
  const first = lines[0];
  return {
    field,
    text: text.replace(/\s+/g, " ").trim(),
    page: first?.page ?? null,
    line: first?.line ?? null,
    box: rounded(box !== undefined ? box : union(lines.filter((l) => l.page === first?.page).map((l) => l.box))),
  };
}

/** Evidence for a span of the cover's stream. */
export const spanEvidence = (field: string, stream: Stream, start: number, end: number): Evidence =>
  evidence(field, stream.text.slice(start, end), stream.linesIn(start, end));
