// HTML tables as PDF-to-markdown converters (MinerU etc.) write them: one <table> per line,
// often without </td>/</tr>, attribute quotes in any style. A tolerant tag scanner is
// enough here; a full HTML parser would be a dependency for little gain.
import type { RawCell } from "../../schemas/layout.ts";

// HTML caps spans at these values; also keeps expandSpans from allocating huge grids.
const MAX_COLSPAN = 1000;
const MAX_ROWSPAN = 65534;

const NAMED_ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  ensp: " ",
  emsp: " ",
  thinsp: " ",
  ndash: "–",
  mdash: "—",
  hellip: "…",
  lsquo: "‘",
  rsquo: "’",
  ldquo: "“",
  rdquo: "”",
  middot: "·",
  times: "×",
  divide: "÷",
  plusmn: "±",
  deg: "°",
  permil: "‰",
  yen: "¥",
  copy: "©",
  reg: "®",
};

export function decodeEntities(text: string): string {
  return text.replace(/&(#[xX][0-9a-fA-F]+|#[0-9]+|[a-zA-Z][a-zA-Z0-9]*);/g, (whole, body: string) => {
    if (body.startsWith("#")) {
      const hex = body[1] === "x" || body[1] === "X";
      const code = parseInt(body.slice(hex ? 2 : 1), hex ? 16 : 10);
      if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return "\uFFFD";
      return String.fromCodePoint(code);
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? whole;
  });
}

function spanAttr(attrs: string, name: string, max: number): number {
  const m = new RegExp(`\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"'>]+))`, "i").exec(attrs);
  if (!m) return 1;
  const n = parseInt((m[1] ?? m[2] ?? m[3] ?? "").trim(), 10);
  return Number.isFinite(n) && n >= 1 ? Math.min(n, max) : 1;
}

// Tags whose boundaries separate words inside a cell; inline tags (<b>, <sup>…) join text.
const SPACING_TAGS = new Set(["br", "p", "div", "li", "ul", "ol", "hr"]);

const TAG = /<!--[\s\S]*?-->|<(\/?)([a-zA-Z][a-zA-Z0-9]*)([^<>]*)>/g;

/** Parse one <table>…</table> into rows of cells as written (spans not expanded). */
export function parseHtmlTable(html: string): RawCell[][] {
  const rows: RawCell[][] = [];
  let row: RawCell[] | null = null;
  let cell: { parts: string[]; header: boolean; row_span: number; col_span: number } | null = null;
  let depth = 0; // nested tables: their content is folded into the enclosing cell's text

  const closeCell = () => {
    if (!cell) return;
    const text = decodeEntities(cell.parts.join("")).replace(/\s+/g, " ").trim();
    row!.push({ text, row_span: cell.row_span, col_span: cell.col_span, header: cell.header, box: null });
    cell = null;
  };
  const closeRow = () => {
    closeCell();
    if (row) rows.push(row);
    row = null;
  };

  let last = 0;
  for (const m of html.matchAll(TAG)) {
    if (cell) cell.parts.push(html.slice(last, m.index));
    last = m.index + m[0].length;
    if (m[2] === undefined) continue; // comment
    const closing = m[1] === "/";
    const name = m[2].toLowerCase();
    const attrs = m[3] ?? "";

    if (name === "table") {
      depth = closing ? Math.max(0, depth - 1) : depth + 1;
      if (closing && depth === 0) closeRow();
      else if (depth > 1 || closing) cell?.parts.push(" "); // nested table boundary
      continue;
    }
    if (depth > 1) {
      // Inside a nested table: keep its text in the outer cell, separated by spaces.
      if (SPACING_TAGS.has(name) || name === "td" || name === "th" || name === "tr") cell?.parts.push(" ");
      continue;
    }
    if (name === "tr") {
      closeRow();
      if (!closing) row = [];
    } else if (name === "td" || name === "th") {
      closeCell();
      if (closing) continue;
      if (!row) row = [];
      cell = {
        parts: [],
        header: name === "th",
        row_span: spanAttr(attrs, "rowspan", MAX_ROWSPAN),
        col_span: spanAttr(attrs, "colspan", MAX_COLSPAN),
      };
    } else if (name === "thead" || name === "tbody" || name === "tfoot") {
      closeRow();
    } else if (cell && SPACING_TAGS.has(name)) {
      cell.parts.push(" ");
    }
  }
  cell?.parts.push(html.slice(last));
  closeRow();
  return rows;
}

/**
 * Find every <table>…</table> in a text; returns [start, end) offsets. Nested tables stay
 * inside their outer table. An unclosed table ends at the next blank line (or the text's end)
 * so one broken table cannot swallow the rest of the report.
 */
export function findHtmlTables(text: string): { start: number; end: number }[] {
  const found: { start: number; end: number }[] = [];
  const re = /<(\/?)table\b[^<>]*>/gi;
  let start = -1;
  let depth = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[1] !== "/") {
      if (depth === 0) start = m.index;
      depth++;
    } else if (depth > 0) {
      depth--;
      if (depth === 0) found.push({ start, end: m.index + m[0].length });
    }
  }
  if (depth > 0) {
    const blank = /\n[ \t]*\n/g;
    blank.lastIndex = start;
    const b = blank.exec(text);
    found.push({ start, end: b ? b.index : text.length });
  }
  return found;
}

/**
 * Expand spans into a dense grid. origin[r][c] is the [row, col] of the cell covering the
 * position; a position no cell covers (short row) is "" with itself as origin, like an empty cell.
 * Row spans past the last row are clipped, as browsers do.
 */
export function expandSpans(rows: RawCell[][]): { grid: string[][]; origin: [number, number][][] } {
  const origin: ([number, number] | undefined)[][] = rows.map(() => []);
  const grid: string[][] = rows.map(() => []);
  rows.forEach((cells, r) => {
    let c = 0;
    for (const cell of cells) {
      while (origin[r]![c]) c++;
      const lastRow = Math.min(rows.length, r + cell.row_span);
      for (let rr = r; rr < lastRow; rr++) {
        for (let cc = c; cc < c + cell.col_span; cc++) {
          if (origin[rr]![cc]) continue; // overlapping spans: the first cell wins
          origin[rr]![cc] = [r, c];
          grid[rr]![cc] = rr === r && cc === c ? cell.text : "";
        }
      }
      c += cell.col_span;
    }
  });
  const width = Math.max(0, ...origin.map((o) => o.length));
  const dense = origin.map((o, r) => Array.from({ length: width }, (_, c): [number, number] => o[c] ?? [r, c]));
  const texts = grid.map((g) => Array.from({ length: width }, (_, c) => g[c] ?? ""));
  return { grid: texts, origin: dense };
}
