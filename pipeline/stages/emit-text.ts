// Output text as a list of UTF-8 chunks instead of one string: a report of hundreds of thousands of cells would
// otherwise be built as a single string of hundreds of megabytes (two bytes a character once it holds any
// Chinese, and papaparse's and template literals' concatenations kept as ropes of small pieces), then copied
// again to hash and to write it. Chunks are encoded as they are made (Buffers live outside the JavaScript heap,
// one byte per ASCII character) and hashed, measured and written one by one.
import { createHash } from "node:crypto";
import Papa from "papaparse";

/** A file's text: one string, or UTF-8 chunks to be concatenated. */
export type FileText = string | readonly Buffer[];

export const textChunks = (text: FileText): readonly (string | Buffer)[] => (typeof text === "string" ? [text] : text);
export const joinText = (text: FileText): string =>
  typeof text === "string" ? text : Buffer.concat(text).toString("utf8");
export const textBytes = (text: FileText): number => textChunks(text).reduce((n, c) => n + Buffer.byteLength(c), 0);

export function textSha256(text: FileText): string {
  const hash = createHash("sha256");
  for (const chunk of textChunks(text)) hash.update(chunk);
  return hash.digest("hex");
}

/** True when the value holds no list of objects or lists: such a value is written on one line. */
function flat(value: unknown): boolean {
  if (value === null || typeof value !== "object") return true;
  const children = Array.isArray(value) ? value : Object.values(value);
  if (Array.isArray(value) && children.some((c) => c !== null && typeof c === "object")) return false;
  return children.every(flat);
}

/** JSON laid out for people and for line diffs: objects and lists indented two spaces, but any value that holds no
 * list of records (a cell, a score, a grid row, a box) on one line. One chunk per line. */
export function jsonChunks(value: unknown): Buffer[] {
  const out: Buffer[] = [];
  const push = (line: string) => out.push(Buffer.from(line, "utf8"));
  const write = (v: unknown, indent: string, prefix: string, suffix: string) => {
    if (flat(v)) {
      push(`${indent}${prefix}${JSON.stringify(v)}${suffix}\n`);
      return;
    }
    const inner = `${indent}  `;
    if (Array.isArray(v)) {
      push(`${indent}${prefix}[\n`);
      v.forEach((item, i) => write(item, inner, "", i < v.length - 1 ? "," : ""));
      push(`${indent}]${suffix}\n`);
      return;
    }
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
    push(`${indent}${prefix}{\n`);
    entries.forEach(([k, x], i) => write(x, inner, `${JSON.stringify(k)}: `, i < entries.length - 1 ? "," : ""));
    push(`${indent}}${suffix}\n`);
  };
  write(value, "", "", "");
  return out;
}

const CSV_ROWS_PER_CHUNK = 2000;

/** CSV (papaparse, "\n" line ends, a final newline) in chunks of rows; "" for no rows and no header. Rows are
 * made a chunk at a time (`row(i)`), so the whole file never exists as arrays of strings either. */
export function csvChunks(
  fields: readonly string[],
  count: number,
  row: (i: number) => string[],
  header = true,
): FileText {
  const chunks: Buffer[] = [];
  if (header) chunks.push(Buffer.from(`${Papa.unparse([[...fields]], { newline: "\n" })}\n`, "utf8"));
  for (let i = 0; i < count; i += CSV_ROWS_PER_CHUNK) {
    const rows = Array.from({ length: Math.min(CSV_ROWS_PER_CHUNK, count - i) }, (_, k) => row(i + k));
    const text = Papa.unparse(rows, { newline: "\n" });
    if (text !== "") chunks.push(Buffer.from(`${text}\n`, "utf8"));
  }
  return chunks.length === 0 ? "" : chunks;
}
