// The title: the cover's headline. In a PDF, the largest type on page 1 among lines that could be a headline (not
// a date, a rating, a report-type or series band, a company masthead, a label), with the pieces of its baseline
// the layout cut apart and the lines of the same size right under it that continue it (left-aligned, centred or
// right-aligned); in markdown the first heading; in text an early long line.
import type { Box, Evidence } from "../../../schemas/index.ts";
import { cover } from "../../vocab/cover.ts";
import { evidence } from "./evidence.ts";
import { type CoverLine, union } from "./lines.ts";
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

/** One printed line of a headline: pieces the layout cut apart on one baseline ("VIX 及" | "SKEW 指数…"), joined. */
interface Visual {
  parts: CoverLine[];
  text: string;
  box: Box;
  size: number;
}

const visual = (parts: CoverLine[]): Visual => ({
  parts,
  text: parts.map((l) => l.text).reduce((a, b, i) => `${a}${spaced(parts[i - 1]!, parts[i]!) ? " " : ""}${b}`),
  box: union(parts.map((l) => l.box))!,
  size: parts[0]!.size!,
});

/** The line with the pieces of the same size right and left of it on its baseline, a word's gap apart at most. */
function rowOf(l: CoverLine, lines: CoverLine[], skip: Set<CoverLine>): Visual {
  const parts = [l];
  const level = (o: CoverLine) =>
    o.box !== null &&
    o.size !== null &&
    o.page === l.page &&
    !skip.has(o) &&
    !parts.includes(o) &&
    Math.abs(o.size - l.size!) <= 0.5 &&
    Math.abs(o.box.y0 - l.box!.y0) <= 0.3 * l.size! &&
    Math.abs(o.box.y1 - l.box!.y1) <= 0.3 * l.size!;
  for (let grew = true; grew; ) {
    const box = union(parts.map((p) => p.box))!;
    const next = lines.find(
      (o) => level(o) && Math.max(o.box!.x0 - box.x1, box.x0 - o.box!.x1) <= l.size! && !overlapsX(o.box!, box),
    );
    grew = next !== undefined;
    if (next) parts.push(next);
  }
  return visual(parts.sort((a, b) => a.box!.x0 - b.box!.x0));
}

/** Pieces of one baseline had a space between them unless both sides are Han (Chinese sets no spaces) or they touch. */
const spaced = (a: CoverLine, b: CoverLine) =>
  b.box!.x0 - a.box!.x1 >= 0.2 * a.size! && !(/\p{Script=Han}$/u.test(a.text) && /^\p{Script=Han}/u.test(b.text));

const overlapsX = (a: Box, b: Box) => Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0) > 0.5;

/** Two lines of one headline: same size, the second right under the first, starting, centred or ending at
 * about the same x (a left-aligned, centred or right-aligned headline). */
function continues(a: Visual, b: Visual): boolean {
  if (a.parts[0]!.page !== b.parts[0]!.page) return false;
  const near = (x: number, y: number) => Math.abs(x - y) <= 2 * a.size;
  return (
    Math.abs(a.size - b.size) <= 0.5 &&
    b.box.y0 >= a.box.y1 - 1 &&
    b.box.y0 - a.box.y1 <= 0.8 * a.size &&
    (near(b.box.x0, a.box.x0) || near(b.box.x1, a.box.x1) || near(b.box.x0 + b.box.x1, a.box.x0 + a.box.x1))
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
    const block = [rowOf(first, lines, skip)];
    for (let next = nextBelow(block.at(-1)!, lines, skip); next; next = nextBelow(block.at(-1)!, lines, skip)) {
      if (!continues(block.at(-1)!, next)) break;
      block.push(next);
    }
    const title = block.map((v) => v.text).reduce(joinText);
    return {
      title,
      evidence: [
        evidence(
          "title",
          title,
          block.flatMap((v) => v.parts),
        ),
      ],
    };
  }
  const heading = candidates.find((l) => l.heading) ?? lines.slice(0, 5).find((l) => candidates.includes(l));
  return heading
    ? { title: heading.text, evidence: [evidence("title", heading.text, [heading])] }
    : { title: null, evidence: [] };
}

/** The printed line right under a headline line (the nearest below that overlaps it horizontally). */
function nextBelow(v: Visual, lines: CoverLine[], skip: Set<CoverLine>): Visual | undefined {
  const b = v.box;
  const under = lines
    .filter(
      (o) =>
        !v.parts.includes(o) &&
        o.box &&
        o.size &&
        o.page === v.parts[0]!.page &&
        o.box.y0 >= b.y1 - 1 &&
        overlapsX(o.box, b),
    )
    .sort((x, y) => x.box!.y0 - y.box!.y0)[0];
  return under && !skip.has(under) ? rowOf(under, lines, skip) : undefined;
}
