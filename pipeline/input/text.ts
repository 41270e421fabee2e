// Text and markdown reader: lines become text blocks; tab-separated runs, markdown pipe tables and
// HTML <table> blocks become raw table grids. Pure: takes the bytes, returns the source document.
import type { Block, RawCell, SourceDocument, SourceFormat, TextLine } from "../../schemas/index.ts";
import { type Found, found, type Staged } from "../problems.ts";
import { cleanMarkup } from "../stages/normalize/cell.ts";
import { decodeText } from "./encoding.ts";
import { findHtmlTables, parseHtmlTable } from "./html-table.ts";
import { isPipeDelimiter, parsePipeTable } from "./pipe-table.ts";
import { sha256 } from "../hash.ts";

const plainCell = (text: string, header = false): RawCell => ({ text, row_span: 1, col_span: 1, header, box: null });

export function readTextReport(bytes: Uint8Array, file: string, format: SourceFormat): Staged<SourceDocument> {
  const decoded = decodeText(bytes);
  const problems: Found[] = [];
  if (decoded.encoding !== "utf-8") {
    problems.push(
      found(
        "input/non-utf8-encoding",
        "info",
        `decoded as ${decoded.encoding}; the text is fine, but UTF-8 files avoid guessing`,
      ),
    );
  }
  const doc = {
    file,
    sha256: sha256(bytes),
    format,
    encoding: decoded.encoding,
    pages: null,
    blocks: splitBlocks(decoded.text),
  };
  return { value: doc, problems };
}

/** Split decoded text into blocks. Line numbers are 1-based positions in the decoded text. */
export function splitBlocks(text: string): Block[] {
  const lines = text.split("\n");
  const blocks: Block[] = [];
  let paragraph: TextLine[] = [];
  const flush = () => {
    if (paragraph.length > 0) blocks.push({ kind: "text", lines: paragraph });
    paragraph = [];
  };
  const lineStarts = startOffsets(lines);
  const htmlTables = findHtmlTables(text);
  let i = 0;
  while (i < lines.length) {
    const raw = lines[i] ?? "";
    const lineNo = i + 1;
    const html = htmlTables.find((t) => t.start >= (lineStarts[i] ?? 0) && t.start < (lineStarts[i + 1] ?? Infinity));
    if (html) {
      const before = text.slice(lineStarts[i] ?? 0, html.start).trim();
      if (before) paragraph.push(textLine(before, lineNo));
      flush();
      blocks.push(tableBlock("html", cleanCells(parseHtmlTable(text.slice(html.start, html.end))), lineNo));
      const endLine = lineIndexAt(lineStarts, html.end - 1);
      const after = text.slice(html.end, lineStarts[endLine + 1] ?? text.length).trim();
      if (after) paragraph.push(textLine(after, endLine + 1));
      i = endLine + 1;
      continue;
    }
    if (raw.includes("\t") && raw.trim() !== "") {
      flush();
      const start = i;
      const rows: RawCell[][] = [];
      while (i < lines.length && (lines[i] ?? "").includes("\t") && (lines[i] ?? "").trim() !== "") {
        rows.push((lines[i] ?? "").split("\t").map((c) => plainCell(cleanMarkup(c))));
        i++;
      }
      blocks.push(tableBlock("tsv", rows, start + 1));
      continue;
    }
    if (raw.trim().startsWith("|") && isPipeDelimiter(lines[i + 1] ?? "")) {
      flush();
      const start = i;
      const tableLines: string[] = [];
      while (i < lines.length && (lines[i] ?? "").trim().startsWith("|")) tableLines.push(lines[i++] ?? "");
      blocks.push(tableBlock("pipe", cleanCells(parsePipeTable(tableLines)), start + 1));
      continue;
    }
    if (raw.trim() === "") flush();
    else paragraph.push(textLine(raw, lineNo));
    i++;
  }
  flush();
  return blocks;
}

const cleanCells = (rows: RawCell[][]) => rows.map((r) => r.map((c) => ({ ...c, text: cleanMarkup(c.text) })));

function textLine(raw: string, line: number): TextLine {
  const heading = /^\s{0,3}(#{1,6})\s+(.*)$/.exec(raw);
  const body = heading ? (heading[2] ?? "") : raw;
  return {
    text: cleanMarkup(body).trim(),
    line,
    page: null,
    box: null,
    heading_level: heading ? (heading[1] ?? "").length : null,
  };
}

function tableBlock(format: "tsv" | "pipe" | "html", rows: RawCell[][], line: number): Block {
  return { kind: "table", format, rows, line, page: null, box: null };
}

function startOffsets(lines: string[]): number[] {
  const starts: number[] = [];
  let offset = 0;
  for (const l of lines) {
    starts.push(offset);
    offset += l.length + 1;
  }
  return starts;
}

function lineIndexAt(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
