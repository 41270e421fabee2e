// The input edge: read a file and hand its bytes to the reader for its format.
import { readFile, stat } from "node:fs/promises";
import { basename, extname } from "node:path";
import type { SourceDocument, SourceFormat } from "../schemas/index.ts";
import { sha256 } from "./hash.ts";
import { readTextReport } from "./stages/load/text.ts";
import { UnreadableInputError } from "./stages/load/encoding.ts";
import { PdfInputError, readPdfPages } from "./stages/load/pdf.ts";
import { pdfToDocument, type TableFinder } from "./stages/layout/pdf-document.ts";
import { findTables, mergeAcrossPages } from "./stages/tables/pdf-tables.ts";

export { UnreadableInputError };

const FORMATS: Record<string, SourceFormat> = { ".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown", ".pdf": "pdf" };
export const SUPPORTED_EXTENSIONS = Object.keys(FORMATS);
const TABLES: TableFinder = { findTables, mergeAcrossPages };

export interface LoadOptions {
  /** Password of an encrypted PDF. */
  password?: string;
  /** Refuse PDFs with more pages than this (default 2000). */
  maxPages?: number;
  /** Refuse files larger than this many bytes (default 200 MB). */
  maxBytes?: number;
}

/** Format from the content first (a PDF is a PDF whatever its name says), then from the extension. */
export function detectFormat(file: string, bytes: Uint8Array): SourceFormat {
  if (Buffer.from(bytes.subarray(0, 1024)).includes("%PDF-")) return "pdf";
  return FORMATS[extname(file).toLowerCase()] ?? "text";
}

export async function loadSource(path: string, options: LoadOptions = {}): Promise<{ doc: SourceDocument; bytes: number }> {
  const info = await stat(path).catch((e: NodeJS.ErrnoException) => {
    throw new UnreadableInputError(e.code === "ENOENT" ? `${path}: no such file; check the path` : `${path}: cannot read (${e.code ?? e.message})`);
  });
  if (!info.isFile()) throw new UnreadableInputError(`${path}: not a file`);
  const maxBytes = options.maxBytes ?? 200 * 2 ** 20;
  if (info.size > maxBytes) throw new UnreadableInputError(`${path}: ${(info.size / 2 ** 20).toFixed(0)} MB is over the ${(maxBytes / 2 ** 20).toFixed(0)} MB limit; raise it with --max-bytes if the file is genuine`);
  const bytes = new Uint8Array(await readFile(path));
  const file = basename(path);
  const format = detectFormat(file, bytes);
  try {
    if (format === "pdf") {
      const pages = await readPdfPages(bytes, { password: options.password, maxPages: options.maxPages ?? 2000 });
      return { doc: pdfToDocument(pages, { file, sha256: sha256(bytes) }, TABLES), bytes: bytes.length };
    }
    return { doc: readTextReport(bytes, file, format), bytes: bytes.length };
  } catch (e) {
    if (e instanceof UnreadableInputError || e instanceof PdfInputError) throw new UnreadableInputError(`${file}: ${e.message}`);
    throw e;
  }
}
