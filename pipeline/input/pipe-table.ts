// Markdown (GFM) pipe tables. Rows are returned as written; ragged rows are reported by a
// later stage, so nothing is padded or cut here.
import type { RawCell } from "../../schemas/layout.ts";

const DELIMITER_CELL = /^:?-+:?$/;

/** True for a markdown table delimiter row like "|---|:---:|" or "--- | ---". */
export function isPipeDelimiter(line: string): boolean {
  // A pipe is required: a bare "---" is a thematic break or setext heading, not a table.
  if (!line.includes("|")) return false;
  const cells = splitPipeRow(line);
  return cells.length > 0 && cells.every((c) => DELIMITER_CELL.test(c));
}

/** Split a pipe-table row into trimmed cell texts, honouring escaped pipes "\|" and leading/trailing pipes. */
export function splitPipeRow(line: string): string[] {
  const s = line.trim();
  if (s === "") return [];
  const cells: string[] = [];
  let cur = "";
  let endsWithPipe = false;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    endsWithPipe = false;
    if (ch === "\\" && s[i + 1] === "|") {
      cur += "|"; // GFM: the backslash only protects the pipe and is dropped
      i++;
    } else if (ch === "\\" && s[i + 1] === "\\") {
      cur += "\\\\"; // keep "\\" so a following pipe still splits
      i++;
    } else if (ch === "|") {
      cells.push(cur);
      cur = "";
      endsWithPipe = true;
    } else {
      cur += ch;
    }
  }
  if (!endsWithPipe) cells.push(cur);
  if (s.startsWith("|")) cells.shift();
  return cells.map((c) => c.trim());
}

function cellText(raw: string): string {
  // <br> is how converters write line breaks inside a cell.
  return raw
    .replace(/<br\s*\/?>/gi, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** Given consecutive lines forming a pipe table (header, delimiter, body...), return RawCell rows; the delimiter row is dropped. */
export function parsePipeTable(lines: string[]): RawCell[][] {
  const delimiter = lines.findIndex(isPipeDelimiter);
  const rows: RawCell[][] = [];
  lines.forEach((line, i) => {
    if (i === delimiter || line.trim() === "") return;
    const header = i < delimiter;
    rows.push(splitPipeRow(line).map((t) => ({ text: cellText(t), row_span: 1, col_span: 1, header, box: null })));
  });
  return rows;
}
