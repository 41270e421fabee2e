// Labels in the first columns of a table that span body rows (pdf-grid.ts): vertically centred on their rows, or
// standing at the top of them, they become row-spanning cells.
import type { Chunk } from "./pdf-columns.ts";
import {
  bandOf,
  emptySlot,
  levelAt,
  range,
  roomAvail,
  type GridFrame,
  type RLine,
  type Row,
} from "./pdf-grid-frame.ts";
import { assemble, bandRows } from "./pdf-grid-cells.ts";
import { wrapsOnto } from "./pdf-row-grouping.ts";
import { median } from "../../geometry.ts";
import { cellText, isNumberLike, lineText } from "./pdf-text.ts";

/** A label spanning rows is centred on them within this share of the row pitch (one row more or less moves the
 * centre by half a pitch). */
const ROW_SPAN_CENTRE = 0.2;
/** Lines of one spanning label follow each other with at most this share of the font size between them. */
const LABEL_LINE_GAP = 1.0;

/** A label of a row-spanning column: body rows s..e */
interface Span {
  s: number;
  e: number;
  chunks: Chunk[];
}

/** The rows rebuilt without the labels of the first columns, those then set as row-spanning cells; null when no
 * first columns hold such labels. The widest set of label columns that reads so is taken. */
export function withSpanningLabels(f: GridFrame, plain: Row[]): Row[] | null {
  const header = new Set<RLine>(
    f.edges.length > 2 ? f.lines.filter((l) => bandOf(f, l) === 0) : (plain[0]?.lines ?? []),
  );
  const body = f.lines.filter((l) => !header.has(l));
  // The labels of a column are the same whichever set of label columns is tried: read once per column.
  const bodyChunks = body.flatMap((l) => l.chunks);
  const blocksOf = new Map<number, Chunk[][]>();
  const blocksAt = (c: number) => {
    let blocks = blocksOf.get(c);
    if (!blocks) {
      blocks = labelBlocks(f, bodyChunks, c);
      blocksOf.set(c, blocks);
    }
    return blocks;
  };
  for (let a = f.ncol - 1; a >= 1; a--) {
    const left = body.flatMap((l) => l.chunks.filter((c) => c.c0 < a));
    if (left.length === 0 || left.some((c) => c.c1 !== c.c0)) continue;
    // The last label column holds labels (spanLabels): without, the rows need not be assembled to tell.
    if (blocksAt(a - 1).length === 0) continue;
    const lines = f.lines.flatMap((l): RLine[] => {
      if (header.has(l)) return [l];
      const chunks = l.chunks.filter((c) => c.c0 >= a);
      return chunks.length
        ? [{ ...l, chunks, y0: Math.min(...chunks.map((c) => c.y0)), y1: Math.max(...chunks.map((c) => c.y1)) }]
        : [];
    });
    const built = bandRows(f, lines);
    // Assembling keeps a run of these rows: the last label column needs fewer labels than the body rows they may
    // come to (some label spans two rows or more, spanLabels), else the rows need not be assembled to tell.
    const builtStart = built.findIndex((r) => r.lines.some((l) => !header.has(l)));
    if (builtStart < 0 || blocksAt(a - 1).length >= built.length - builtStart) continue;
    const rows = assemble(f, built);
    const start = rows.findIndex((r) => r.lines.some((l) => !header.has(l)));
    if (start < 0) continue;
    const bodyRows = rows.slice(start);
    // A header cell reaching down into the body over a label column: the rules say otherwise.
    if (rows.slice(0, start).some((r, i) => r.slots.some((sl, c) => c < a && !sl.covered && i + sl.rs > start)))
      continue;
    const spans = spanLabels(f, bodyRows, blocksAt, a);
    if (!spans) continue;
    spans.forEach((list, c) => {
      for (const { s, e, chunks } of list) {
        bodyRows[s]!.slots[c] = {
          chunks,
          text: cellText(chunks.flatMap((ch) => ch.pieces)),
          rs: e - s + 1,
          cs: 1,
          covered: false,
        };
        for (let r = s + 1; r <= e; r++) bodyRows[r]!.slots[c] = emptySlot("row");
      }
    });
    return rows;
  }
  return null;
}

/** Labels of the first columns spanning body rows (`blocksAt`: the labels of a column before `a`), as spans of
 * body rows per column; null when they do not read so. A label is vertically centred on its rows, or stands at the
 * top of them; the rows of a label reach to those of the next one; the labels of a column nest in those of the
 * column before; some column's labels are centred, and the last column's labels span rows. */
function spanLabels(f: GridFrame, body: Row[], blocksAt: (c: number) => Chunk[][], a: number): Span[][] | null {
  const n = body.length;
  if (n < 2) return null;
  // Where drawn rules part the rows, they give the spans (see assemble): a label cell reaches down to a rule, never
  // across one. Between two rules, a label spans the rows of values it is centred on (not the lines of a wrapped
  // header).
  const ruled = (r: number) => body[r]!.band !== body[r - 1]!.band && !!levelAt(f, f.edges[body[r]!.band]!)?.thin;
  const byRules = range(1, n - 1).some(ruled);
  const badSpan = (sp: Span) =>
    byRules &&
    (range(sp.s + 1, sp.e).some(ruled) || (sp.e > sp.s && !range(sp.s, sp.e).every((r) => valueRow(body[r]!))));
  const mid = (r: Row | Chunk) => (r.y0 + r.y1) / 2;
  const near = ROW_SPAN_CENTRE * median(body.slice(1).map((r, i) => mid(r) - mid(body[i]!)));
  const onRow = (ch: Chunk) => body.findIndex((r) => mid(ch) >= r.y0 && mid(ch) <= r.y1);
  const out: Span[][] = [];
  let centredSeen = false;
  for (let c = 0; c < a; c++) {
    const blocks = blocksAt(c);
    if (blocks.length === 0 && c < a - 1) {
      out.push([]);
      continue;
    }
    // Centred labels show by one lying between two rows, or by the first row having none.
    const offRow = blocks.some((b) => onRow(b[0]!) < 0) || !blocks.some((b) => onRow(b[0]!) === 0);
    const spans = offRow ? centredSpans(body, blocks, near) : topAlignedSpans(body, blocks, near, onRow);
    if (!spans || spans.some(badSpan) || (c === a - 1 && !spans.some((sp) => sp.e > sp.s))) return null;
    // The labels of a column nest in those of the column before (outer groups first).
    const outer = [...out].reverse().find((o) => o.length > 0);
    if (outer && !spans.every((sp) => outer.some((o) => o.s <= sp.s && sp.e <= o.e))) return null;
    centredSeen ||= offRow;
    out.push(spans);
  }
  // Labels at the top of their rows alone are left as printed (the structure fills them down).
  return centredSeen ? out : null;
}

/** A row whose cells are mostly values (numbers). */
function valueRow(row: Row): boolean {
  const texts = row.lines.flatMap((l) => l.chunks).map((c) => lineText(c.pieces));
  return 2 * texts.filter(isNumberLike).length >= texts.length && texts.length > 0;
}

/** The labels of column c (among `chunks`), each as its lines: a line continues the one above when it follows closely and the
 * line above had no room left for its first word. */
function labelBlocks(f: GridFrame, chunks: Chunk[], c: number): Chunk[][] {
  const blocks: Chunk[][] = [];
  for (const ch of chunks.filter((x) => x.c0 === c).sort((x, y) => x.y0 - y.y0)) {
    const b = blocks[blocks.length - 1];
    const last = b?.[b.length - 1];
    if (b && last && ch.y0 - last.y1 <= LABEL_LINE_GAP * f.fs && wrapsOnto(last, ch, roomAvail(f, c, c, last.x0)))
      b.push(ch);
    else blocks.push([ch]);
  }
  return blocks;
}

const extent = (b: Chunk[]) => ({ y0: b[0]!.y0, y1: b[b.length - 1]!.y1 });

/** Each label centred on the rows it spans (within `near`), the spans following each other down to the last row. */
function centredSpans(body: Row[], blocks: Chunk[][], near: number): Span[] | null {
  const n = body.length;
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
}

/** Each label on the first row it spans, reaching down to the next label's row (the first label on row 0). */
function topAlignedSpans(body: Row[], blocks: Chunk[][], near: number, onRow: (ch: Chunk) => number): Span[] | null {
  const n = body.length;
  const starts = blocks.map((b) => onRow(b[0]!));
  if (starts[0] !== 0 || starts.some((r, i) => r < 0 || (i > 0 && r <= starts[i - 1]!))) return null;
  const spans = blocks.map((b, i) => ({ s: starts[i]!, e: (starts[i + 1] ?? n) - 1, chunks: b }));
  return spans.every((sp) => extent(sp.chunks).y1 <= body[sp.e]!.y1 + near) ? spans : null;
}
