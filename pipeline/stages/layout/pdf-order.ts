// Reading order on a page: a vertical rule or a clear gutter splits the page into a left and a right column
// (a cover's sidebar, a two-column page); items crossing the split (full-width headings, wide tables) are read
// in place. Then wrapped lines of one paragraph are joined back into one line.
import { joinRuns, type PdfLine } from "./pdf-lines.ts";
import { endsWithPageLeader, parseCaption, parseNumberedHeading, parseSource } from "./patterns.ts";

export interface Placed {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}
export interface Column<T> {
  items: T[];
  x0: number;
  x1: number;
}

export function readingOrder<T extends Placed>(items: T[], split: number | null): Column<T>[] {
  const byY = [...items].sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0);
  if (split === null) return [column(byY)];
  const out: Column<T>[] = [];
  let left: T[] = [];
  let right: T[] = [];
  const flush = () => {
    if (left.length) out.push(column(left));
    if (right.length) out.push(column(right));
    left = [];
    right = [];
  };
  for (const it of byY) {
    if (it.x1 <= split + 1) left.push(it);
    else if (it.x0 >= split - 1) right.push(it);
    else {
      flush();
      out.push(column([it]));
    }
  }
  flush();
  return out;
}

const column = <T extends Placed>(items: T[]): Column<T> => ({
  items,
  x0: Math.min(...items.map((i) => i.x0)),
  x1: Math.max(...items.map((i) => i.x1)),
});

/** A line that starts something of its own: a caption, a source line, a heading, a list item. */
function startsBlock(text: string): boolean {
  return (
    parseCaption(text) !== null ||
    parseSource(text) !== null ||
    parseNumberedHeading(text) !== null ||
    /^(?:[（(]\d{1,2}[)）]|[-•·▪■◆●]\s|\d{1,2}[、.]\s*《|《)/.test(text) ||
    /^\S+@\S+\.\w+$/.test(text) // an e-mail address on its own line (analyst blocks)
  );
}

/** Join the wrapped lines of a paragraph: same size, tight spacing, the line above runs to the column's right
 * edge, and the line below is not indented and does not start a block of its own. A paragraph is bold only when
 * all its lines are (a bold lead line running on into regular text is one paragraph). */
export function joinParagraphs(lines: PdfLine[], x0: number, x1: number): PdfLine[] {
  const out: PdfLine[] = [];
  let lastRight = 0; // right end of the last physical line of the paragraph being built
  for (const line of lines) {
    const prev = out[out.length - 1];
    const join =
      prev !== undefined &&
      Math.abs(prev.size - line.size) <= 0.5 &&
      line.y0 - prev.y1 >= -0.2 * line.size &&
      line.y0 - prev.y1 <= 1.0 * line.size &&
      (line.x0 - x0 <= 0.5 * line.size || (/^[•·▪■◆●]/.test(prev.text) && line.x0 - prev.x0 <= 2 * line.size)) &&
      lastRight >= x1 - 2.5 * prev.size &&
      // (a contents entry reaches the right margin too, but ends its line)
      !endsWithPageLeader(prev.text) &&
      !startsBlock(line.text);
    lastRight = line.x1;
    if (!join) {
      out.push({ ...line, runIds: [...line.runIds] });
      continue;
    }
    prev.text = prev.text.endsWith("-") ? prev.text + line.text : joinRuns(prev.text, line.text, 1);
    prev.x0 = Math.min(prev.x0, line.x0);
    prev.x1 = Math.max(prev.x1, line.x1);
    prev.y1 = line.y1;
    prev.runIds.push(...line.runIds);
    prev.bold &&= line.bold;
  }
  return out;
}
