// The cover as the fact readers see it: its lines with page and box (a PDF's page 1, table cells included, since a
// sidebar of label/value pairs is often found as a table; a text report's lines before its contents), and the
// same lines rebuilt into rows. Rows matter because the layout reads a sidebar's label and its right-aligned value
// as two lines, and joins a value with the next row's label when they look like a wrapped paragraph; read row by
// row, left to right, the text is again "label value label value", whatever the line breaks.
import type { Box, PdfPage, TextLine } from "../../../schemas/index.ts";
import type { Contents } from "../layout/contents.ts";
import { isDisclaimerHeading } from "../layout/patterns.ts";
import { groupLines, marginRuns } from "../layout/pdf-lines.ts";
import { cover } from "../../vocab/cover.ts";

export interface CoverLine {
  text: string;
  page: number | null;
  line: number | null;
  box: Box | null;
  /** Font size (PDF); null for text input. */
  size: number | null;
  heading: boolean;
}

/** Text lines below this size are invisible template text (tags left by the producer). */
const INVISIBLE_SIZE = 3;

const TAGS = cover.template_tags.map((t) => new RegExp(t, "g"));
/** A line's text without markdown heading marks and template tags (Table_Title glued to the title). */
const clean = (text: string) => TAGS.reduce((t, re) => t.replace(re, ""), text.replace(/^#+\s*/, "")).trim();

export const fromTextLine = (l: TextLine): CoverLine => ({
  text: clean(l.text),
  page: l.page,
  line: l.line,
  box: l.box,
  size: l.size ?? null,
  heading: l.heading_level !== null,
});

/** The cover of a text report: the lines before the lists of contents, or before the disclaimers. */
export function textCover(contents: Contents): TextLine[] {
  const lines = contents.items.flatMap((it, i) => (it.kind === "line" ? [{ i, line: it.line }] : []));
  const disclaimerAt = lines.find((l) => isDisclaimerHeading(l.line.text))?.i ?? contents.items.length;
  const end = Math.min(contents.tocStart, disclaimerAt);
  return lines.filter((l) => l.i < end).map((l) => l.line);
}

/** Every line of the document with its page, table cells included: where the broker is looked for. */
export function allLines(contents: Contents): CoverLine[] {
  return contents.items.flatMap((it): CoverLine[] => {
    if (it.kind === "line") return [fromTextLine(it.line)];
    return it.block.rows.flatMap((row) =>
      row
        .filter((c) => clean(c.text) !== "")
        .map((c) => ({
          text: clean(c.text),
          page: it.block.page,
          line: it.block.line,
          box: c.box ?? it.block.box,
          size: null,
          heading: false,
        })),
    );
  });
}

/** The cover's lines: page 1 of a paged document (with the running header and footer the layout left out, when
 * the PDF's pages are given), else the lines before the contents. */
export function coverOf(contents: Contents, pages: PdfPage[] = []): CoverLine[] {
  const paged = contents.items.some((it) => (it.kind === "line" ? it.line.page : it.block.page) !== null);
  let lines = paged ? allLines(contents).filter((l) => l.page === 1) : textCover(contents).map(fromTextLine);
  const page1 = pages.find((p) => p.page === 1);
  if (paged && page1) {
    const margins = marginLines(pages, page1);
    lines = [
      ...margins.filter((l) => l.box!.y0 < page1.height / 2),
      ...lines,
      ...margins.filter((l) => l.box!.y0 >= page1.height / 2),
    ];
  }
  return stripSideLabel(
    lines.filter((l) => l.text !== "" && !l.text.startsWith("![") && (l.size === null || l.size >= INVISIBLE_SIZE)),
  );
}

/** The lines of page 1 the layout left out as a running header or footer (text repeated on every page): a date
 * a note prints in its header is its publication date. */
function marginLines(pages: PdfPage[], page1: PdfPage): CoverLine[] {
  const margin = marginRuns(pages).get(1) ?? new Set<number>();
  const others = new Set(page1.runs.map((_, i) => i).filter((i) => !margin.has(i)));
  return groupLines(page1, others, null).map((l) => ({
    text: clean(l.text),
    page: 1,
    line: null,
    box: { page: 1, x0: l.x0, y0: l.y0, x1: l.x1, y1: l.y1 },
    size: l.size,
    heading: false,
  }));
}

/** A vertical side label (金融工程 printed one character per line down the margin) comes out as one-character
 * lines stacked at one x, and the layout glues a character of it to the start of a line level with it. Both go. */
export function stripSideLabel(lines: CoverLine[]): CoverLine[] {
  const singles = lines.filter((l) => l.box && l.size && [...l.text].length === 1 && /\p{Script=Han}/u.test(l.text));
  const xs = singles.map((l) => l.box!.x0);
  const column = xs.find((x) => xs.filter((o) => Math.abs(o - x) <= 2).length >= 3);
  if (column === undefined) return lines;
  const at = (l: CoverLine) => l.box !== null && Math.abs(l.box.x0 - column) <= 2;
  return lines.flatMap((l) => {
    if (!at(l) || !/^\p{Script=Han}/u.test(l.text)) return [l];
    if ([...l.text].length === 1) return [];
    const rest = l.text.slice(1).trimStart();
    return [{ ...l, text: rest, box: { ...l.box!, x0: l.box!.x0 + (l.size ?? 0) } }];
  });
}

export interface Row {
  lines: CoverLine[];
  top: number;
  bottom: number;
}

/** The first physical line of a line: a joined paragraph's box spans several. */
const band = (l: CoverLine): [number, number] => [
  l.box!.y0,
  l.box!.y0 + Math.max(l.size ?? 0, Math.min(l.box!.y1 - l.box!.y0, 12)),
];
const overlapsX = (a: Box, b: Box) => Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0) > 0.5;

/** Lines side by side on one baseline (a label and its value), as one row ordered left to right. Lines of
 * another column level with them are far away in reading order, so only the last few rows are tried. */
export function rowsOf(lines: CoverLine[]): Row[] {
  const rows: Row[] = [];
  for (const l of lines) {
    if (!l.box) {
      rows.push({ lines: [l], top: 0, bottom: 0 });
      continue;
    }
    const [t, b] = band(l);
    const row = rows.slice(-3).find((r) => {
      if (r.lines[0]!.box === null || r.lines[0]!.page !== l.page) return false;
      const overlap = Math.min(r.bottom, b) - Math.max(r.top, t);
      return overlap >= 0.5 * Math.min(r.bottom - r.top, b - t) && !r.lines.some((o) => overlapsX(o.box!, l.box!));
    });
    if (row) {
      row.lines.push(l);
      row.lines.sort((x, y) => x.box!.x0 - y.box!.x0);
    } else rows.push({ lines: [l], top: t, bottom: b });
  }
  return rows;
}

export interface Piece {
  start: number;
  end: number;
  line: CoverLine;
}

/** The cover read row by row as one text, with the line behind every character. Fact readers match labels
 * and values in it; `evidence` turns a match back into page, box and text. */
export class Stream {
  readonly text: string;
  /** Each line's place in the text. */
  readonly pieces: Piece[] = [];

  constructor(readonly rows: Row[]) {
    let text = "";
    rows.forEach((row, r) => {
      if (r > 0) text += "\n";
      row.lines.forEach((line, i) => {
        if (i > 0) text += " ";
        this.pieces.push({ start: text.length, end: text.length + line.text.length, line });
        text += line.text;
      });
    });
    this.text = text;
  }

  /** The lines a span of the text covers. */
  linesIn(start: number, end: number): CoverLine[] {
    return this.pieces.filter((p) => p.end > start && p.start < Math.max(end, start + 1)).map((p) => p.line);
  }
}

/** Width of text in ems: a Han character is one, anything else about half. */
const ems = (s: string) => [...s].reduce((n, c) => n + (/[\p{Script=Han}\uff00-\uffef]/u.test(c) ? 1 : 0.5), 0);

/** Where characters from..to of a line are printed, estimated from the line's box and font size: a phone number
 * at the end of a line the layout joined with a paragraph is at that line's right end. */
export function partBox(line: CoverLine, from: number, to: number): Box | null {
  const b = line.box;
  if (!b || !line.size) return b;
  const text = line.text;
  if (from <= 0 && to >= text.length) return b;
  const size = line.size;
  // A line the layout joined from several rows: its end is on the last row, its start on the first.
  // Where on its row a part sits is not known (the rows may hold columns): the row's whole width.
  if (b.y1 - b.y0 > 1.6 * size) return to >= text.length ? { ...b, y0: b.y1 - size } : { ...b, y1: b.y0 + size };
  if (to >= text.length) return { ...b, x0: Math.max(b.x0, b.x1 - ems(text.slice(from)) * size) };
  if (from <= 0) return { ...b, x1: Math.min(b.x1, b.x0 + ems(text.slice(0, to)) * size) };
  return b;
}

/** Lines below a line and level with it (a label printed above its value), nearest first. */
export function below(lines: CoverLine[], of: CoverLine, maxGap = 2.5): CoverLine[] {
  const b = of.box;
  if (!b) {
    const i = lines.indexOf(of);
    return i >= 0 && i + 1 < lines.length ? [lines[i + 1]!] : [];
  }
  const size = of.size ?? 10;
  return lines
    .filter(
      (l) =>
        l !== of &&
        l.box &&
        l.page === of.page &&
        l.box.y0 >= b.y1 - 1 &&
        l.box.y0 - b.y1 <= maxGap * size &&
        overlapsX(l.box, b),
    )
    .sort((x, y) => x.box!.y0 - y.box!.y0);
}

export function union(boxes: (Box | null)[]): Box | null {
  const bs = boxes.filter((b): b is Box => b !== null);
  if (bs.length === 0) return null;
  return {
    page: bs[0]!.page,
    x0: Math.min(...bs.map((b) => b.x0)),
    y0: Math.min(...bs.map((b) => b.y0)),
    x1: Math.max(...bs.map((b) => b.x1)),
    y1: Math.max(...bs.map((b) => b.y1)),
  };
}

const RELATED_ITEM = /《|(?<!\d)(?:19|20)\d{2}(?!\d)|^\s*(?:\d{1,2}[.、)]|[-•·▪])\s*/;

/** The list of related reports (相关研究, Related Research): its heading and items, whose titles and dates are
 * other reports'. The list runs on while its lines are items (a 《title》, a date, a number) or wrapped parts of one
 * (at most three lines before the next item). */
export function relatedBlock(lines: CoverLine[], headings: string[]): Set<CoverLine> {
  const out = new Set<CoverLine>();
  const keys = headings.map((h) => h.replace(/\s+/g, ""));
  lines.forEach((l, i) => {
    const key = l.text.replace(/\s+/g, "");
    if (!keys.some((k) => key.startsWith(k) && key.length <= k.length + 12)) return;
    out.add(l);
    for (let j = i + 1; j < lines.length; j++) {
      const next = lines[j]!;
      const prev = lines[j - 1]!;
      // Another column starts where reading order goes back up the page.
      if (next.page !== l.page || (next.box && prev.box && next.box.y0 < prev.box.y0 - 2)) break;
      const item =
        RELATED_ITEM.test(next.text) || lines.slice(j + 1, j + 4).some((n) => RELATED_ITEM.test(n.text) && !out.has(n));
      if (!item) break;
      out.add(next);
    }
  });
  return out;
}
