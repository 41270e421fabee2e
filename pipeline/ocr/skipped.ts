// The images the OCR stage chose not to recognise (classify.ts), said as info problems: one per distinct image
// and reason, so a logo printed on every page is one line that names its pages, not thirty.
import { found, type Found } from "../problems.ts";
import type { Rect } from "../geometry.ts";
import { SKIP_WHY, type SkipReason } from "./classify.ts";

export interface Skipped {
  reason: SkipReason;
  page: number;
  index: number;
  box: Rect;
  /** hash of the image's pixels: the same image on several pages is one problem */
  pixels: string;
}

export function skippedProblems(skipped: Skipped[]): Found[] {
  const groups = new Map<string, Skipped[]>();
  for (const s of [...skipped].sort((a, b) => a.page - b.page || a.index - b.index)) {
    const key = `${s.reason};${s.pixels}`;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  return [...groups.values()].map((group) => {
    const first = group[0]!;
    const size = `${Math.round(first.box.x1 - first.box.x0)} × ${Math.round(first.box.y1 - first.box.y0)} pt`;
    const rest = group.filter((s) => s.page !== first.page);
    const others = rest.length > 0 ? `, and the same image on ${pageList(rest)}` : "";
    const message = `image ${first.index} of page ${first.page} (${size}${others}) was not recognised: ${SKIP_WHY[first.reason]}, which holds no data`;
    return found(`ocr/skipped-${first.reason}`, "info", message, {
      page: first.page,
      where: `image ${first.index} of page ${first.page}`,
    });
  });
}

/** "page 3", "pages 2, 5 and 7", or "pages 2–30" for a run. */
function pageList(group: Skipped[]): string {
  const pages = [...new Set(group.map((s) => s.page))];
  if (pages.length === 1) return `page ${pages[0]}`;
  const run = pages.every((p, i) => i === 0 || p === pages[i - 1]! + 1);
  if (run) return `pages ${pages[0]}–${pages.at(-1)}`;
  return `pages ${pages.slice(0, -1).join(", ")} and ${pages.at(-1)}`;
}
