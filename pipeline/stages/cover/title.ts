// The title: the cover's headline. In a PDF, the largest type on page 1 among lines that could be a headline (not
// a date, a rating, a report-type or series band, a company masthead, a label), with the lines of the same size
// right under it that continue it; in markdown the first heading; in text an early long line.
import type { Evidence } from "../../../schemas/index.ts";
import { cover } from "../../vocab/cover.ts";
import { evidence } from "./evidence.ts";
import type { CoverLine } from "./lines.ts";
import { alternation, findDates, plain } from "./text.ts";

const REPORT_TYPES = new Set(cover.report_type_lines.map(plain));
const RATINGS = new Set(Object.keys(cover.rating_scale).map(plain));
const LABEL_WORDS = [
  ...cover.roles,
  ...cover.author_labels,
  ...cover.industry_labels,
  ...cover.rating_labels,
  ...cover.target_price_labels,
  ...cover.current_price_labels,
  ...cover.market_cap_labels,
  ...cover.phone_labels,
  ...cover.email_labels,
  ...cover.publication_date_labels,
  ...cover.ticker_labels,
];
/** A line that starts "label:": a field of the cover, not its headline. */
const LABELLED = new RegExp(`^[^：:]{0,16}(?:${alternation(LABEL_WORDS)})\\s*[：:]`);
const EN_TYPE_END = new RegExp(
  `(?:${alternation(cover.report_type_lines.filter((w) => /^[A-Za-z]/.test(w) && w.includes(" ")))})$`,
  "i",
);
/** Type larger than this is a watermark or a decorative letter, not a headline. */
const MAX_TITLE_SIZE = 72;

function isCandidate(l: CoverLine, skip: Set<CoverLine>): boolean {
  const t = l.text;
  const han = /\p{Script=Han}/u.test(t);
  const words = t.split(/\s+/).filter(Boolean).length;
  if (skip.has(l) || (l.size !== null && l.size > MAX_TITLE_SIZE) || (l.box !== null && l.box.y0 < 0)) return false;
  if (han ? [...plain(t)].length < 6 : words < 3 || t.length < 12) return false;
  if (t.length > 100 || /[。；;]$/.test(t) || t.includes("《") || t.includes("@") || /^[■•●◆▪\-*]/.test(t))
    return false;
  if (LABELLED.test(t)) return false; // "Reiterate Rating: BUY | PO: …", 分析师：…, 行业：…
  const p = plain(t);
  if (REPORT_TYPES.has(p) || RATINGS.has(p)) return false;
  if (!han && words <= 6 && EN_TYPE_END.test(t)) return false; // "Asia Pacific Equity Research", "Hong Kong Equity Research"
  if (han && p.length <= 10 && cover.report_type_suffixes.some((s) => p.endsWith(s))) return false;
  const dates = findDates(t);
  return !(dates.length > 0 && t.length - dates.reduce((n, d) => n + d.text.length, 0) < 16);
}

/** Two lines of one headline: same size, the second right under the first, starting at about the same x. */
function continues(a: CoverLine, b: CoverLine): boolean {
  if (!a.box || !b.box || !a.size || !b.size || a.page !== b.page) return false;
  return (
    Math.abs(a.size - b.size) <= 0.5 &&
    b.box.y0 >= a.box.y1 - 1 &&
    b.box.y0 - a.box.y1 <= 0.8 * a.size &&
    Math.abs(b.box.x0 - a.box.x0) <= 2 * a.size
  );
}

const joinText = (a: string, b: string) =>
  /[\p{Script=Han}，：、]$/u.test(a) || /^[\p{Script=Han}，、]/u.test(b) ? `${a}${b}` : `${a} ${b}`;

export function readTitle(lines: CoverLine[], skip: Set<CoverLine>): { title: string | null; evidence: Evidence[] } {
  const candidates = lines.filter((l) => isCandidate(l, skip));
  const sized = candidates.filter((l) => l.size !== null && l.box !== null);
  if (sized.length > 0) {
    const size = Math.max(...sized.map((l) => l.size!));
    const first = sized.filter((l) => l.size === size).sort((a, b) => a.box!.y0 - b.box!.y0)[0]!;
    const block = [first];
    for (
      let next = nextBelow(first, lines);
      next && !skip.has(next) && continues(block.at(-1)!, next);
      next = nextBelow(next, lines)
    )
      block.push(next);
    const title = block.map((l) => l.text).reduce(joinText);
    return { title, evidence: [evidence("title", title, block)] };
  }
  const heading = candidates.find((l) => l.heading) ?? lines.slice(0, 5).find((l) => candidates.includes(l));
  return heading
    ? { title: heading.text, evidence: [evidence("title", heading.text, [heading])] }
    : { title: null, evidence: [] };
}

/** The line right under a line (the nearest below that overlaps it horizontally). */
function nextBelow(l: CoverLine, lines: CoverLine[]): CoverLine | undefined {
  const b = l.box!;
  return lines
    .filter(
      (o) =>
        o !== l &&
        o.box &&
        o.page === l.page &&
        o.box.y0 >= b.y1 - 1 &&
        Math.min(o.box.x1, b.x1) > Math.max(o.box.x0, b.x0),
    )
    .sort((x, y) => x.box!.y0 - y.box!.y0)[0];
}
