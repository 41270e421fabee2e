// Titles of tables printed without a caption: the title line set right above the table (bold, or short), found by
// geometry — on the table's page, over its columns, nearer than a few lines — so that side-by-side tables each get
// their own; a section heading above a statement that names itself in its corner ("INCOME STATEMENT | 2024A …")
// gives way to that name. Text input, without positions, takes the nearest short line before the table in reading
// order. Failing those, the table's single-cell first row, or its corner.
import type { TableBlock, TextLine } from "../../../schemas/index.ts";
import { readUnit } from "../normalize/units.ts";
import type { Item } from "./contents.ts";
import { isNoteLine, parseCaption, parseSource, tidyTitle } from "./patterns.ts";

/** Items looked back over for a title line (side-by-side tables and their titles interleave in reading order). */
const LOOK_BACK = 12;
/** A title sits at most this many of its line heights above the table. */
const MAX_GAP_LINES = 2.5;
const MAX_CHARS = 90;
const MAX_WORDS = 14;
const SHORT_CHARS = 30;
const SENTENCE_END = /[。；;，,：:!！?？.]$/;

export function uncaptionedTitle(
  items: readonly Item[],
  index: number,
  floor: number,
  block: TableBlock,
  headingAt: ReadonlySet<number>,
): string {
  const corner = cornerTitle(block);
  const above = lineAbove(items, index, floor, block);
  if (above && titleLike(above.line)) return headingAt.has(above.index) && corner ? corner : tidyTitle(above.line.text);
  // Text input has no positions: the nearest short line before the table in reading order.
  const read = block.box ? null : headingAbove(items, index, floor);
  return read ?? titleRow(block) ?? corner ?? "";
}

/** The text line nearest above the table, over its columns and close to it, with its item index. */
function lineAbove(
  items: readonly Item[],
  index: number,
  floor: number,
  block: TableBlock,
): { line: TextLine; index: number } | null {
  const t = block.box;
  if (!t) return null;
  let best: { line: TextLine; index: number; gap: number } | null = null;
  for (let j = index - 1; j >= Math.max(floor, index - LOOK_BACK); j--) {
    const it = items[j]!;
    if (it.kind !== "line" || !it.line.box || it.line.box.page !== t.page) continue;
    const b = it.line.box;
    const size = it.line.size ?? b.y1 - b.y0;
    const gap = t.y0 - b.y1;
    // It starts over the table's left half (a title may run wider than a narrow table).
    const over = b.x0 >= t.x0 - 2 * size && b.x0 <= (t.x0 + t.x1) / 2;
    if (gap < -1 || gap > MAX_GAP_LINES * size || !over) continue;
    if (!best || gap < best.gap) best = { line: it.line, index: j, gap };
  }
  return best;
}

/** A line that can be a title: a few words naming something, not a sentence, caption, source or note; set in bold
 * or short. */
function titleLike(line: TextLine): boolean {
  const text = line.text.trim();
  if (!/\p{L}.*\p{L}/u.test(text) || text.length > MAX_CHARS || text.split(/\s+/).length > MAX_WORDS) return false;
  if (SENTENCE_END.test(text) || parseCaption(text) || parseSource(text) !== null || isNoteLine(text)) return false;
  return line.bold === true || text.length <= SHORT_CHARS;
}

/** Nearest heading-like line above a table in reading order: short, not a sentence, not a caption or source. */
function headingAbove(items: readonly Item[], index: number, floor: number): string | null {
  for (let i = index - 1, seen = 0; i >= floor && seen < 4; i--) {
    const it = items[i]!;
    if (it.kind === "table") return null;
    const text = it.line.text;
    if (!text || text.startsWith("![")) continue;
    seen++;
    if (parseCaption(text) || parseSource(text) !== null) return null;
    if (!/\p{L}.*\p{L}/u.test(text)) continue; // a stray mark ("-", "▲") names nothing
    if (text.length <= SHORT_CHARS && !/[。；;，,：:!！?？]$/.test(text)) return tidyTitle(text);
  }
  return null;
}

/** A year or period column header: 2025, FY26E, 2026CL, 4Q25, 1H26E. */
const PERIOD = /^(?:FY|CY)?(?:\d{4}|\d{2})[A-Z]{0,2}$|^[1-4][QH]\d{2}[A-Z]?$/;

/** The top-left cell of a statement whose other header cells are periods ("INCOME STATEMENT | 2023A | 2024A …")
 * names the table when nothing above it does; a unit there ("RMB bn") names nothing. */
function cornerTitle(block: TableBlock): string | null {
  const [corner, ...rest] = (block.rows[0] ?? []).map((c) => c.text.trim());
  const periods = rest.filter((t) => PERIOD.test(t.replace(/\s+/g, ""))).length;
  if (!corner || /\d|^\(/.test(corner) || corner.length > 40 || !/\p{L}{3}/u.test(corner)) return null;
  if (readUnit(corner, true) !== null) return null;
  return periods >= 2 && periods >= rest.filter(Boolean).length - 1 ? tidyTitle(corner) : null;
}

/** A first row with a single filled cell (e.g. "主要财务数据及预测") names the table. */
export function titleRow(block: TableBlock): string | null {
  const first = block.rows[0] ?? [];
  const filled = first.filter((c) => c.text.trim() !== "");
  return filled.length === 1 && first[0]?.text.trim() ? first[0].text.trim() : null;
}
