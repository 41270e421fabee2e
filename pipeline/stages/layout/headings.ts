// Headings of a PDF without a list of contents, from type and geometry alone: a short line, alone, not a sentence,
// in type at least as large as the body text of its page, that starts what follows it — a paragraph or a bullet
// list below it in the same column (or, for a line in larger type, a table or a caption). Never from a report's
// own strings: dates, page counts, table rows, running headers (text repeated on several pages) are not headings.
import type { TextLine } from "../../../schemas/index.ts";
import type { Item } from "./contents.ts";
import { isNoteLine, parseCaption, parseNumberedHeading, parseSource, tidyTitle } from "./patterns.ts";

export interface HeadingContext {
  /** Body type size of each page (the size most characters of its text lines are set in). */
  bodySize: Map<number, number>;
  /** Keys of short lines printed on three pages or more (running headers the margins did not catch). */
  repeated: Set<string>;
}

/** A page needs this many characters of text lines before its own body size is trusted over the document's. */
const PAGE_BODY_CHARS = 400;
const MAX_CHARS = 90;
const MAX_WORDS = 14;
/** A paragraph that follows a heading: at least this many characters (or a bullet item). */
const PARAGRAPH_CHARS = 50;

/** Length in Latin character widths: a Han character or full-width sign is printed two wide, so a line of 40 Han
 * characters is as long as one of 80 letters. */
const WIDE = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/gu;
export const textWidth = (text: string) => text.length + (text.match(WIDE)?.length ?? 0);

const lineKey = (text: string) => text.replace(/\d+/g, "#").replace(/\s+/g, "").toLowerCase();

export function headingContext(items: Item[]): HeadingContext {
  const perPage = new Map<number, Map<number, number>>();
  const all = new Map<number, number>();
  const pages = new Map<string, Set<number>>();
  for (const it of items) {
    if (it.kind !== "line" || it.line.size === undefined || it.line.page === null) continue;
    const { size, page, text } = it.line;
    const sizes = perPage.get(page) ?? new Map<number, number>();
    perPage.set(page, sizes);
    const n = text.replace(/\s/g, "").length;
    sizes.set(size, (sizes.get(size) ?? 0) + n);
    all.set(size, (all.get(size) ?? 0) + n);
    if (text.length <= MAX_CHARS) pages.set(lineKey(text), (pages.get(lineKey(text)) ?? new Set()).add(page));
  }
  const mode = (m: Map<number, number>) => [...m].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0];
  const doc = mode(all);
  // A page of tables and charts has too little text of its own: its body type is the last text page's (the
  // document's, dominated by small-print disclosures, only before the first).
  const bodySize = new Map<number, number>();
  let last = doc;
  for (const [page, sizes] of [...perPage].sort((a, b) => a[0] - b[0])) {
    const chars = [...sizes.values()].reduce((a, b) => a + b, 0);
    if (chars >= PAGE_BODY_CHARS) last = mode(sizes);
    if (last !== undefined) bodySize.set(page, last);
  }
  const repeated = new Set([...pages].filter(([, p]) => p.size >= 3).map(([k]) => k));
  return { bodySize, repeated };
}

/** A list item's bullet (an item is not a heading) and a heading's marker (a bar or block before it, or a symbol-font
 * glyph read as a lone letter: "n Games, ad…"). */
const BULLET = /^[•·▪◆●►▶➢❖✓✔□◼»-]\s*/u;
const MARKER = /^(?:[▌▍▎■|]\s*|[a-zØÞ]\s+(?=\p{Lu}))/u;
const MONTH = /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\b/i;
/** A date, a time stamp or a page count ("18, Mar 2026 18:21:03 ET │ 22 pages", "19 March 2026", "Page 2"). */
export function isDateOrPageLine(text: string): boolean {
  if (/\d{1,2}:\d{2}/.test(text) || /\bpages?\b\s*\d|\d+\s*pages?\b/i.test(text)) return true;
  if (/\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}/.test(text)) return true;
  if (!MONTH.test(text) || !/\b(?:19|20)\d{2}\b/.test(text)) return false;
  // Only a date, or a line that ends with one ("Model updated: 14 November 2025").
  return text.replace(/[\d\s,./-]/g, "").length <= 12 || /\b(?:19|20)\d{2}\W*$/.test(text);
}

/** A line that reads as a heading by its words alone: short, not a sentence, not a caption, source, note, date,
 * table row or symbol. */
export function headingText(text: string): string | null {
  if (BULLET.test(text)) return null;
  const t = tidyTitle(text.replace(MARKER, ""));
  if (textWidth(t) < 3 || t.length > MAX_CHARS || t.split(" ").length > MAX_WORDS) return null;
  if (/[.,;:，。；：、]$/.test(t) || !/^[\p{Lu}\p{N}\p{Lo}"“(（]/u.test(t)) return null;
  // A sentence inside the line, or a long line of Chinese (no spaces to count words by): running text.
  if (/[。；！？]|[，,]\s*\p{Script=Han}.*[，,]/u.test(t) || (t.match(/\p{Script=Han}/gu)?.length ?? 0) > 40)
    return null;
  if (parseCaption(t) || parseSource(t) !== null || isNoteLine(t) || isDateOrPageLine(t)) return null;
  const letters = t.replace(/[^\p{L}]/gu, "").length;
  const numbers = t.match(/[-+(]?\d[\d,.]*%?\)?/g) ?? [];
  if (textWidth(t.replace(/[^\p{L}]/gu, "")) < 3 || numbers.length > 2 || letters < 0.6 * t.replace(/\s/g, "").length)
    return null;
  if (/@|https?:|www\./i.test(t)) return null;
  return t;
}

const overlaps = (a: { x0: number; x1: number }, b: { x0: number; x1: number }) => a.x0 < b.x1 && b.x0 < a.x1;

/** What follows line `i` in its column: the next table or text line below it that overlaps it across. */
function follower(items: Item[], i: number, line: TextLine): number | null {
  const box = line.box!;
  for (let j = i + 1; j < items.length && j <= i + 6; j++) {
    const it = items[j]!;
    const b = it.kind === "table" ? it.block.box : it.line.box;
    if (it.kind === "line" && (!it.line.text || it.line.text.startsWith("!["))) continue;
    if (!b || b.page !== box.page) return null;
    if (b.y0 < box.y1 - 1 || !overlaps(b, box)) continue;
    return j;
  }
  return null;
}

/** The nearest line above line `i` in its column sits close under it: `i` continues a block, it does not start one. */
function glued(items: Item[], i: number, line: TextLine): boolean {
  const box = line.box!;
  for (let j = i - 1; j >= 0 && j >= i - 6; j--) {
    const it = items[j]!;
    const b = it.kind === "table" ? it.block.box : it.line.box;
    if (!b || b.page !== box.page) return false;
    if (b.y1 > box.y0 + 1 || !overlaps(b, box)) continue;
    // A title in larger type right above starts the block this line heads (a section title over its sub-heading).
    if (it.kind === "line" && (it.line.size ?? 0) > (line.size ?? 0) + 0.3) return false;
    return box.y0 - b.y1 < 0.4 * (line.size ?? 10);
  }
  return false;
}

/** Another line on the heading's baseline over what it heads: a header row (column titles over a table), not a
 * heading alone on its line. */
function besideOthers(items: Item[], i: number, line: TextLine, span: { x0: number; x1: number }): boolean {
  const box = line.box!;
  for (let j = Math.max(0, i - 8); j < items.length && j <= i + 8; j++) {
    const it = items[j]!;
    if (j === i || it.kind !== "line" || !it.line.box || it.line.box.page !== box.page) continue;
    if (Math.abs((it.line.size ?? 0) - (line.size ?? 0)) > 1) continue; // a sidebar's small print beside it
    const b = it.line.box;
    const shared = Math.min(b.y1, box.y1) - Math.max(b.y0, box.y0);
    if (shared >= 0.5 * (box.y1 - box.y0) && overlaps(b, span)) return true;
  }
  return false;
}

/** A numbered line in body type that runs on into the line close under it, reaching as far right: the first line
 * of a numbered list item ("1. 预训练：通过多种…"), not a heading. */
function runsOn(items: Item[], i: number, line: TextLine, body: number): boolean {
  const j = follower(items, i, line);
  const next = j === null ? null : items[j]!;
  if (!next || next.kind !== "line" || line.size === undefined || line.size >= body + 1) return false;
  const n = next.line;
  if (Math.abs((n.size ?? 0) - line.size) > 0.3) return false;
  return n.box!.y0 - line.box!.y1 < 0.6 * line.size && line.box!.x1 >= n.box!.x1 - line.size;
}

/** A paragraph's line or a bullet item: words, not a row of figures. */
function bodyText(text: string): boolean {
  if (BULLET.test(text)) return true;
  const letters = text.replace(/[^\p{L}]/gu, "").length;
  return textWidth(text) >= PARAGRAPH_CHARS && letters >= 0.5 * text.replace(/\s/g, "").length;
}

/** A heading of a PDF page by type and geometry (see the file's comment), or null. `depth` lets a heading start
 * with a sub-heading (a title in large type, then a bold line, then the paragraph). */
export function typeHeading(
  items: Item[],
  i: number,
  ctx: HeadingContext,
  depth = 0,
): { number: string | null; title: string } | null {
  const it = items[i]!;
  if (it.kind !== "line") return null;
  const line = it.line;
  const body = line.page !== null ? ctx.bodySize.get(line.page) : undefined;
  if (line.size === undefined || !line.box || body === undefined) return null;
  const title = headingText(line.text);
  if (!title || line.size < body - 0.3 || ctx.repeated.has(lineKey(line.text))) return null;
  if (depth === 0 && glued(items, i, line)) return null;
  // A line numbered as a heading is ("2.3 标题", "4. Valuation"; not "3 Whiteout …", a table row's rank) in body
  // type or larger needs nothing under it to be a heading.
  const num = /^\d{1,2}(?:\.\d{1,2})+\.?\s|^\d{1,2}[.、．]/.test(title) ? parseNumberedHeading(title) : null;
  if (depth === 0 && num && !besideOthers(items, i, line, line.box) && !runsOn(items, i, line, body)) return num;
  const j = follower(items, i, line);
  if (j === null) return null;
  const next = items[j]!;
  const larger = line.size >= body + 1;
  const nb = next.kind === "table" ? next.block.box! : next.line.box!;
  if (besideOthers(items, i, line, { x0: Math.min(nb.x0, line.box.x0), x1: nb.x1 })) return null;
  if (next.kind === "table") return larger ? numbered(title) : null;
  const n = next.line;
  const gap = n.box!.y0 - line.box.y1;
  const indent = n.box!.x0 - line.box.x0;
  if (gap > 2.5 * line.size || (n.size ?? 0) > line.size + 0.3) return null;
  if (indent < -line.size || indent > 4 * line.size) return null;
  // A wrapped paragraph line runs to the column's edge; a heading stops short of the text under it.
  if (bodyText(n.text)) return larger || line.box.x1 < n.box!.x1 - 2 * line.size ? numbered(title) : null;
  if (larger && parseCaption(n.text)) return numbered(title);
  return depth < 2 && (n.size ?? 0) <= line.size && typeHeading(items, j, ctx, depth + 1) ? numbered(title) : null;
}

function numbered(title: string): { number: string | null; title: string } {
  return parseNumberedHeading(title) ?? { number: null, title };
}
