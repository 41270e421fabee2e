// The grid of one table region: columns (pdf-columns.ts); bands between rules that cross the table, each cut into
// rows from its text lines (pdf-rows.ts; with three or more bands a band is one row unless a cell plainly starts
// anew in it); cell texts; spans evidenced by the rules (a border unsplit over several columns, a column where no
// rule separates two rows) or by a header centred over columns; labels in the first columns that span rows
// (vertically centred on their rows, or at the top of them) given as row-spanning cells; cell boxes. Source and
// note lines closing the table and a prose cell standing beside the whole table are left out of it.
import type { RawCell } from "../../../schemas/index.ts";
import { parseSource } from "../layout/patterns.ts";
import layout from "../../vocab/layout.json" with { type: "json" };
import { chunksOf, dropEmptyColumns, findColumns, place, type Chunk } from "./pdf-columns.ts";
import { coverage, type HLine, type Rect, type VLine } from "./pdf-geometry.ts";
import { groupRows, headerRows, wrapsOnto, type RowLine } from "./pdf-rows.ts";
import { cellText, median, toLines, type Line } from "./pdf-text.ts";

/** Runs closer than this share of the font size (a word space, with room for a scan's ink gaps) are one text when
 * telling whether a line runs across a column boundary; wider gaps are the table's own. */
const CROSS_GAP = 0.4;
/** A rule covering this share of the table width separates rows. */
const ROW_RULE_COVER = 0.5;
/** An edge of cell backgrounds must cover this share (backgrounds also come in strips around a cell's text). */
const ROW_EDGE_COVER = 0.6;
/** With this many bands of text between rules crossing the table, the rules separate rows. */
const RULED_BANDS = 3;
/** A chunk is centred over columns when its centre is within this share of the font size of theirs. */
const SPAN_CENTRE = 0.75;
/** A label spanning rows is centred on them within this share of the row pitch (one row more or less moves the
 * centre by half a pitch). */
const ROW_SPAN_CENTRE = 0.2;
/** Lines of one spanning label follow each other with at most this share of the font size between them. */
const LABEL_LINE_GAP = 1.0;
/** Bullet marks: a first column holding only these is a list, not a table. */
const MARKERS = /^[•●○◆◇■□▪▫►▶➢✓✔·\-–—*]$/u;
/** A line closing a table that starts so ("备注：", "注：") is a note under the table, not a row. */
const NOTE = new RegExp(`^(?:${layout.note_prefixes.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})\\s*[:：]`);

export interface Region {
  page: number;
  x0: number;
  x1: number;
  /** horizontal lines inside the region, one per height, top to bottom */
  levels: HLine[];
  vlines: VLine[];
  lines: Line[];
  /** y of the first and last ruled level; lines above / below them are extensions to be trimmed */
  firstRule: number;
  lastRule: number;
  fs: number;
}

export interface Grid {
  rows: RawCell[][];
  runIds: number[];
  box: Rect;
  /** the whole region the grid was read from (rules included), less a cell beside the table left to the text */
  area: Rect;
  /** the whole region, with such a cell */
  frame: Rect;
  columns: number;
  rowsWithTwoCells: number;
  crossedRows: number;
  markerColumn: boolean;
  ruled: boolean;
  /** both the top and the bottom of the grid are rules with column splits */
  closed: boolean;
  /** both the top and the bottom of the grid are rules or edges of backgrounds */
  bounded: boolean;
  /** per column boundary, where it may lie: exactly at a drawn split, else anywhere in the text gap */
  gaps: [number, number][];
}

/** covered: part of a cell to the left ("col") or above ("row") */
interface Slot { chunks: Chunk[]; text: string; rs: number; cs: number; covered: false | "col" | "row" }
type RLine = RowLine & { ext: boolean; raw: Chunk[] };
interface Row { lines: RLine[]; band: number; y0: number; y1: number; crossed: boolean; slots: Slot[] }
/** A label of a row-spanning column: body rows s..e */
interface Span { s: number; e: number; chunks: Chunk[] }

const r1 = (v: number) => Math.round(v * 10) / 10;
const emptySlot = (covered: Slot["covered"] = false): Slot => ({ chunks: [], text: "", rs: 1, cs: 1, covered });

export function buildGrid(region: Region): Grid | null {
  const { fs } = region;
  const tol = Math.max(1.5, 0.25 * fs);
  const { bounds, prio } = dropEmptyColumns(findColumns(region.x0, region.x1, region.lines, region.levels, region.vlines, fs), region.lines, fs);
  const ncol = bounds.length - 1;
  if (ncol < 2 || region.lines.length === 0) return null;
  const rlines: RLine[] = region.lines.map((l) => {
    const chunks = chunksOf(l, bounds, fs);
    chunks.forEach((c) => place(c, bounds, fs));
    const ext = l.y1 <= region.firstRule + tol || l.y0 >= region.lastRule - tol;
    // The line's runs joined across word spaces alone: text running across a column boundary shows here.
    const raw = chunksOf(l, [], fs, CROSS_GAP);
    raw.forEach((c) => place(c, bounds, fs));
    return { y0: l.y0, y1: l.y1, chunks: mergeSameColumn(chunks), ext, raw };
  });
  const all = rlines.flatMap((l) => l.chunks);
  const members = (c0: number, c1: number) => all.filter((c) => c.c0 === c0 && c.c1 === c1);
  // The width a cell's text may take: the extent of the text in that column (its longest lines, where it wraps).
  const textAvail = (c0: number, c1: number) => {
    const m = members(c0, c1);
    return m.length ? Math.max(...m.map((x) => x.x1)) - Math.min(...m.map((x) => x.x0)) : bounds[c1 + 1]! - bounds[c0]!;
  };
  // Between the drawn borders nearest to the text (rule splits, vertical rules, the table's edges), at least the
  // cell's width less its padding, taken as equal on both sides (a column whose longest text is short leaves
  // room to spare).
  const drawn = [region.x0, region.x1, ...region.levels.flatMap((l) => l.breaks), ...region.vlines.map((v) => v.x)];
  const roomAvail = (c0: number, c1: number, start: number) => {
    const text = textAvail(c0, c1);
    const m = members(c0, c1);
    if (m.length === 0) return text;
    const x0 = Math.min(...m.map((x) => x.x0));
    const x1 = Math.max(...m.map((x) => x.x1));
    const left = Math.max(...drawn.filter((x) => x <= x0 + tol && x >= bounds[c0]! - tol));
    const right = Math.min(...drawn.filter((x) => x >= x1 - tol && x <= bounds[c1 + 1]! + tol));
    if (!Number.isFinite(left) || !Number.isFinite(right)) return text;
    return Math.max(text, right - left - 2 * Math.max(0, start - left));
  };
  // Bands between rules that cross the table.
  const top = Math.min(region.firstRule, ...rlines.map((l) => l.y0));
  const bottom = Math.max(region.lastRule, ...rlines.map((l) => l.y1));
  // Text crossing a separator where it is not drawn is a cell spanning rows; such cells stand in the first
  // columns (group labels). Crossed elsewhere, the line is a strip of some cells' backgrounds, no row border.
  const spansOnLeft = (l: HLine) => {
    const crossed = range(0, ncol - 1).filter((c) => coverage(l.segs, bounds[c]!, bounds[c + 1]!) < 0.5 &&
      all.some((ch) => ch.c0 <= c && ch.c1 >= c && ch.y0 < l.y - 0.15 * ch.size && ch.y1 > l.y + 0.15 * ch.size));
    return crossed.every((c, i) => c === i);
  };
  const seps = region.levels.filter((l) => l.y > top + tol && l.y < bottom - tol &&
    coverage(l.segs, region.x0, region.x1) >= (l.thin ? ROW_RULE_COVER : ROW_EDGE_COVER) && spansOnLeft(l));
  const edges = [top, ...seps.map((s) => s.y), bottom];
  const levelAt = (y: number) => region.levels.find((l) => Math.abs(l.y - y) <= tol);
  const bandOf = (l: RowLine) => {
    let band = 0;
    for (let k = 1; k < edges.length - 1; k++) if ((l.y0 + l.y1) / 2 > edges[k]!) band = k;
    return band;
  };
  // Several bands of text between rules that cross the table: the rules separate rows, and a band holds more
  // than one row only when a cell plainly starts anew in it.
  const ruled = new Set(rlines.map(bandOf)).size >= RULED_BANDS;
  const bodyLines = rlines.filter((l) => bandOf(l) >= 1 && l.chunks.length >= 2).length;

  /** Rows of the given lines, band by band. */
  const group = (lines: RLine[]): Row[] => {
    const bandLines = edges.slice(1).map(() => [] as RLine[]);
    for (const l of lines) bandLines[bandOf(l)]!.push(l);
    const rows: Row[] = [];
    bandLines.forEach((ls, k) => {
      if (ls.length === 0) return;
      let grouped: RLine[][];
      // A header between the top rule and the rule under it is one row, unless a line holds a parent cell over
      // two cells of the next line.
      // So is a lone shaded band (the background's lower edge closes it): a header whose body is on the next page.
      const shaded = edges.length === 2 && levelAt(edges[1]!)?.thin === false;
      if (k === 0 && (bodyLines >= 2 || shaded) && region.firstRule <= ls[0]!.y0 + tol) grouped = headerRows(ls);
      else {
        // A band of three or more labelled one-line rows between two rules (rules around groups of rows).
        const plain = ls.length >= 3 && ls.every((l, i) => l.chunks.length >= 2 && l.chunks.some((c) => c.c0 === 0) && (i === 0 || l.y0 >= ls[i - 1]!.y1));
        const banded = ruled && !plain;
        grouped = groupRows(ls, banded ? textAvail : roomAvail, fs, banded) as RLine[][];
      }
      for (const g of grouped) rows.push({ lines: g, band: k, y0: Math.min(...g.map((l) => l.y0)), y1: Math.max(...g.map((l) => l.y1)), crossed: false, slots: [] });
    });
    return rows;
  };

  /** Cells of the rows: column spans, extension rows trimmed, row spans evidenced by the rules. */
  const assemble = (built: Row[]): Row[] => {
    const rows = [...built];
    for (const row of rows) {
      const slots: Slot[] = Array.from({ length: ncol }, () => emptySlot());
      const chunks = row.lines.flatMap((l) => l.chunks);
      for (const ch of chunks) if (ch.c0 === ch.c1) slots[ch.c0]!.chunks.push(ch);
      const around = [levelAt(edges[row.band]!), levelAt(edges[row.band + 1]!)];
      for (const ch of chunks.filter((c) => c.c1 > c.c0)) {
        const ruleRange = around.map((l) => l && breakFree(l, bounds, ch, tol)).find((r) => r);
        // Centred over the text of the columns it crosses (a parent header over two sub-columns).
        const left = Math.min(ch.x0, ...all.filter((c) => c.c0 === ch.c0 && c.c1 === ch.c0).map((c) => c.x0));
        const right = Math.max(ch.x1, ...all.filter((c) => c.c0 === ch.c1 && c.c1 === ch.c1).map((c) => c.x1));
        const margins = ch.x0 - left + (right - ch.x1);
        const centred = Math.abs((ch.x0 + ch.x1) / 2 - (left + right) / 2) <= Math.max(SPAN_CENTRE * fs, 0.05 * margins) && margins > 2 * fs;
        let [a, b] = [ch.c0, ch.c1];
        if (ruleRange) [a, b] = [Math.min(a, ruleRange[0]), Math.max(b, ruleRange[1])];
        const free = (c: number) => slots[c]!.chunks.length === 0 && !slots[c]!.covered;
        if (!(ruleRange || centred) || !range(a, b).every(free)) {
          slots[ch.c0]!.chunks.push(ch);
          continue;
        }
        slots[a]!.chunks.push(ch);
        slots[a]!.cs = b - a + 1;
        for (let c = a + 1; c <= b; c++) slots[c]!.covered = "col";
      }
      // A filled cell whose ruled box covers empty neighbours (borders above and below without a split).
      if (ruled) for (let c = 0; c < ncol; c++) {
        const s = slots[c]!;
        if (s.covered || s.chunks.length === 0) continue;
        let b = c + s.cs - 1;
        while (b + 1 < ncol && prio[b + 1]! >= 2 && slots[b + 1]!.chunks.length === 0 && !slots[b + 1]!.covered && noSplit(around, region.vlines, bounds[b + 1]!, row, tol)) b++;
        for (let k = c + s.cs; k <= b; k++) slots[k]!.covered = "col";
        s.cs = b - c + 1;
      }
      for (const s of slots) s.text = cellText(s.chunks.flatMap((c) => c.pieces));
      row.slots = slots;
      const spanned = (a: number, b: number) => slots.some((s, c) => !s.covered && s.cs > 1 && c <= a && b <= c + s.cs - 1);
      row.crossed = row.lines.some((l) => l.raw.some((ch) => ch.c1 > ch.c0 && !spanned(ch.c0, ch.c1)));
    }
    // Extension lines above the first / below the last rule that do not read as table rows are left out.
    const weak = (r: Row) => r.lines.every((l) => l.ext) && (r.crossed || r.slots.filter((s) => s.text).length <= 1);
    while (rows.length && weak(rows[rows.length - 1]!)) rows.pop();
    while (rows.length && weak(rows[0]!)) rows.shift();
    // Row spans: in a ruled table, cells of one column not separated by a rule are one cell (its text pooled).
    if (ruled) for (let r = 0; r + 1 < rows.length; r++) {
      const sep = levelAt(edges[rows[r + 1]!.band]!);
      if (!sep || rows[r + 1]!.band !== rows[r]!.band + 1) continue;
      for (let c = 0; c < ncol; c++) {
        const below = rows[r + 1]!.slots[c]!;
        if (below.covered || below.cs !== 1 || coverage(sep.segs, bounds[c]!, bounds[c + 1]!) >= 0.5) continue;
        let owner = r;
        while (owner > 0 && rows[owner]!.slots[c]!.covered === "row") owner--;
        const o = rows[owner]!.slots[c]!;
        if (o.covered || o.cs !== 1) continue;
        o.chunks.push(...below.chunks);
        o.text = cellText(o.chunks.flatMap((ch) => ch.pieces));
        o.rs = r + 2 - owner;
        below.covered = "row";
        below.chunks = [];
        below.text = "";
      }
    }
    return rows;
  };

  /** Labels of the first columns spanning body rows (`left`: their chunks, all in columns before `a`), as spans
   * of body rows per column; null when they do not read so. A label is vertically centred on its rows, or stands
   * at the top of them; the rows of a label reach to those of the next one; the labels of a column nest in those
   * of the column before; some column's labels are centred, and the last column's labels span rows. */
  const spanLabels = (body: Row[], left: Chunk[], a: number): Span[][] | null => {
    const n = body.length;
    if (n < 2) return null;
    // Where drawn rules part the rows, they give the spans (see assemble): a label cell reaches down to a rule.
    for (let r = 1; r < n; r++) if (body[r]!.band !== body[r - 1]!.band && levelAt(edges[body[r]!.band]!)?.thin) return null;
    const mid = (r: Row | Chunk) => (r.y0 + r.y1) / 2;
    const near = ROW_SPAN_CENTRE * median(body.slice(1).map((r, i) => mid(r) - mid(body[i]!)));
    const onRow = (ch: Chunk) => body.findIndex((r) => mid(ch) >= r.y0 && mid(ch) <= r.y1);
    const out: Span[][] = [];
    let centredSeen = false;
    for (let c = 0; c < a; c++) {
      // A label's lines: each line continues the one above when it follows closely and the line above had no
      // room left for its first word.
      const blocks: Chunk[][] = [];
      for (const ch of left.filter((x) => x.c0 === c).sort((x, y) => x.y0 - y.y0)) {
        const b = blocks[blocks.length - 1];
        const last = b?.[b.length - 1];
        if (b && last && ch.y0 - last.y1 <= LABEL_LINE_GAP * fs && wrapsOnto(last, ch, roomAvail(c, c, last.x0))) b.push(ch);
        else blocks.push([ch]);
      }
      const extent = (b: Chunk[]) => ({ y0: b[0]!.y0, y1: b[b.length - 1]!.y1 });
      const centred = (): Span[] | null => {
        const spans: Span[] = [];
        let s = 0;
        for (const b of blocks) {
          const { y0, y1 } = extent(b);
          const off = (e: number) => Math.abs((body[s]!.y0 + body[e]!.y1) / 2 - (y0 + y1) / 2);
          let best = -1;
          for (let e = s; e < n; e++) if (off(e) <= near && (best < 0 || off(e) < off(best))) best = e;
          if (best < 0 || y0 < body[s]!.y0 - near || y1 > body[best]!.y1 + near) return null;
          spans.push({ s, e: best, chunks: b });
          s = best + 1;
        }
        return s === n ? spans : null;
      };
      const topAligned = (): Span[] | null => {
        const starts = blocks.map((b) => onRow(b[0]!));
        if (starts[0] !== 0 || starts.some((r, i) => r < 0 || (i > 0 && r <= starts[i - 1]!))) return null;
        const spans = blocks.map((b, i) => ({ s: starts[i]!, e: (starts[i + 1] ?? n) - 1, chunks: b }));
        return spans.every((sp) => extent(sp.chunks).y1 <= body[sp.e]!.y1 + near) ? spans : null;
      };
      if (blocks.length === 0 && c < a - 1) { out.push([]); continue; }
      // Centred labels show by one lying between two rows, or by the first row having none.
      const offRow = blocks.some((b) => onRow(b[0]!) < 0) || !blocks.some((b) => onRow(b[0]!) === 0);
      const spans = offRow ? centred() : topAligned();
      if (!spans || (c === a - 1 && !spans.some((sp) => sp.e > sp.s))) return null;
      // The labels of a column nest in those of the column before (outer groups first).
      const outer = [...out].reverse().find((o) => o.length > 0);
      if (outer && !spans.every((sp) => outer.some((o) => o.s <= sp.s && sp.e <= o.e))) return null;
      centredSeen ||= offRow;
      out.push(spans);
    }
    // Labels at the top of their rows alone are left as printed (the structure fills them down).
    return centredSeen ? out : null;
  };

  /** The rows rebuilt without the labels of the first columns, those then set as row-spanning cells; null when
   * no first columns hold such labels. The widest set of label columns that reads so is taken. */
  const withSpanningLabels = (plain: Row[]): Row[] | null => {
    const header = new Set<RLine>(edges.length > 2 ? rlines.filter((l) => bandOf(l) === 0) : plain[0]?.lines ?? []);
    const body = rlines.filter((l) => !header.has(l));
    for (let a = ncol - 1; a >= 1; a--) {
      const left = body.flatMap((l) => l.chunks.filter((c) => c.c0 < a));
      if (left.length === 0 || left.some((c) => c.c1 !== c.c0)) continue;
      const lines = rlines.flatMap((l): RLine[] => {
        if (header.has(l)) return [l];
        const chunks = l.chunks.filter((c) => c.c0 >= a);
        return chunks.length ? [{ ...l, chunks, y0: Math.min(...chunks.map((c) => c.y0)), y1: Math.max(...chunks.map((c) => c.y1)) }] : [];
      });
      const rows = assemble(group(lines));
      const start = rows.findIndex((r) => r.lines.some((l) => !header.has(l)));
      if (start < 0) continue;
      const bodyRows = rows.slice(start);
      // A header cell reaching down into the body over a label column: the rules say otherwise.
      if (rows.slice(0, start).some((r, i) => r.slots.some((sl, c) => c < a && !sl.covered && i + sl.rs > start))) continue;
      const spans = spanLabels(bodyRows, left, a);
      if (!spans) continue;
      spans.forEach((list, c) => {
        for (const { s, e, chunks } of list) {
          bodyRows[s]!.slots[c] = { chunks, text: cellText(chunks.flatMap((ch) => ch.pieces)), rs: e - s + 1, cs: 1, covered: false };
          for (let r = s + 1; r <= e; r++) bodyRows[r]!.slots[c] = emptySlot("row");
        }
      });
      return rows;
    }
    return null;
  };

  const plain = assemble(group(rlines));
  const rows = withSpanningLabels(plain) ?? plain;
  // Source and note lines closing the table (inside its frame) are left to the text.
  const lone = (r: Row) => {
    const filled = r.slots.filter((s) => s.text);
    return filled.length === 1 ? filled[0]!.text : null;
  };
  while (rows.length > 1) {
    const text = lone(rows[rows.length - 1]!);
    if (text === null || (parseSource(text) === null && !NOTE.test(text))) break;
    rows.pop();
  }
  if (rows.length === 0) return null;
  rows.forEach((r, i) => r.slots.forEach((sl) => { sl.rs = Math.min(sl.rs, rows.length - i); }));
  // A cell spanning every row beside the rest of the table (a prose sidebar or a title written down the side,
  // framed by the table's top and bottom rules) is no column of it: it is left to the text.
  let cFirst = 0;
  let cLast = ncol - 1;
  const beside = (c: number) => {
    const s = rows[0]!.slots[c]!;
    return !s.covered && s.cs === 1 && s.rs === rows.length && rows.length >= 2 && toLines(s.chunks.flatMap((ch) => ch.pieces)).length >= 2;
  };
  if (ncol >= 3 && beside(0)) cFirst = 1;
  else if (ncol >= 3 && beside(ncol - 1)) cLast = ncol - 2;
  const rowTop = (i: number) => {
    const row = rows[i]!;
    const prev = rows[i - 1];
    return ruled || !prev || prev.band !== row.band ? Math.min(edges[row.band]!, row.y0) : (prev.y1 + row.y0) / 2;
  };
  const rowBottom = (i: number) => {
    const row = rows[i]!;
    const next = rows[i + 1];
    return ruled || !next || next.band !== row.band ? Math.max(edges[row.band + 1]!, row.y1) : (row.y1 + next.y0) / 2;
  };
  const kept = (row: Row) => row.slots.map((s, c) => ({ s, c })).filter(({ c }) => c >= cFirst && c <= cLast);
  const out: RawCell[][] = rows.map((row, i) => kept(row).flatMap(({ s, c }) => s.covered ? [] : [{
    text: s.text, row_span: s.rs, col_span: s.cs, header: false,
    box: { page: region.page, x0: r1(bounds[c]!), y0: r1(rowTop(i)), x1: r1(bounds[c + s.cs]!), y1: r1(rowBottom(i + s.rs - 1)) },
  }]));
  const runIds = [...new Set(rows.flatMap((r) => kept(r).flatMap(({ s }) => s.chunks.flatMap((c) => c.pieces.map((p) => p.run)))))].sort((a, b) => a - b);
  const first = rows.map((r) => r.slots[cFirst]!.text).filter(Boolean);
  const used = rows.flatMap((r) => r.slots.flatMap((sl) => sl.chunks));
  const topLevel = levelAt(rowTop(0));
  const bottomLevel = levelAt(rowBottom(rows.length - 1));
  return {
    rows: out,
    runIds,
    box: { x0: r1(bounds[cFirst]!), y0: r1(rowTop(0)), x1: r1(bounds[cLast + 1]!), y1: r1(rowBottom(rows.length - 1)) },
    area: { x0: bounds[cFirst]!, y0: top, x1: bounds[cLast + 1]!, y1: bottom },
    frame: { x0: region.x0, y0: top, x1: region.x1, y1: bottom },
    columns: range(cFirst, cLast).filter((c) => rows.some((r) => r.slots[c]!.text)).length,
    rowsWithTwoCells: rows.filter((r) => kept(r).filter(({ s }) => s.text).length >= 2).length,
    crossedRows: rows.filter((r) => r.crossed).length,
    markerColumn: first.length > 0 && first.every((t) => MARKERS.test(t)),
    ruled,
    closed: !!topLevel && !!bottomLevel && topLevel.breaks.length > 0 && bottomLevel.breaks.length > 0,
    bounded: !!topLevel && !!bottomLevel,
    gaps: range(cFirst + 1, cLast).map((k): [number, number] => {
      if (prio[k]! >= 2) return [bounds[k]!, bounds[k]!];
      const left = Math.max(...used.filter((c) => c.c1 < k).map((c) => c.x1));
      const right = Math.min(...used.filter((c) => c.c0 >= k).map((c) => c.x0));
      return Number.isFinite(left) && Number.isFinite(right) && left <= right ? [r1(left), r1(right)] : [bounds[k]!, bounds[k]!];
    }),
  };
}

const range = (a: number, b: number) => Array.from({ length: Math.max(0, b - a + 1) }, (_, i) => a + i);

function mergeSameColumn(chunks: Chunk[]): Chunk[] {
  const out: Chunk[] = [];
  for (const c of chunks) {
    const same = out.find((o) => o.c0 === c.c0);
    if (!same) { out.push({ ...c, pieces: [...c.pieces] }); continue; }
    same.pieces.push(...c.pieces);
    same.x0 = Math.min(same.x0, c.x0); same.x1 = Math.max(same.x1, c.x1);
    same.y0 = Math.min(same.y0, c.y0); same.y1 = Math.max(same.y1, c.y1);
    same.c1 = Math.max(same.c1, c.c1); same.size = Math.max(same.size, c.size);
  }
  return out;
}

/** Columns of the unsplit stretch of a rule (that is split elsewhere) under / over a chunk; null when split. */
function breakFree(level: HLine, bounds: number[], ch: Chunk, tol: number): [number, number] | null {
  if (level.breaks.length === 0) return null;
  const a = bounds[ch.c0]!;
  const b = bounds[ch.c1 + 1]!;
  if (coverage(level.segs, a, b) < 0.9 || level.breaks.some((x) => x > a + tol && x < b - tol)) return null;
  const lo = Math.max(level.x0, ...level.breaks.filter((x) => x <= a + tol));
  const hi = Math.min(level.x1, ...level.breaks.filter((x) => x >= b - tol));
  const cols = range(0, bounds.length - 2).filter((c) => bounds[c]! >= lo - tol && bounds[c + 1]! <= hi + tol);
  return cols.length ? [cols[0]!, cols[cols.length - 1]!] : null;
}

/** Neither the rule above nor the one below is split at x, and at least one of them is split elsewhere. */
function noSplit(around: (HLine | undefined)[], vlines: VLine[], x: number, row: { y0: number; y1: number }, tol: number): boolean {
  if (vlines.some((v) => Math.abs(v.x - x) <= tol && v.y0 < row.y1 && v.y1 > row.y0)) return false;
  const present = around.filter((l): l is HLine => !!l && l.x0 < x - tol && l.x1 > x + tol);
  return present.length > 0 && present.some((l) => l.breaks.length > 0) && present.every((l) => !l.breaks.some((b) => Math.abs(b - x) <= tol));
}
