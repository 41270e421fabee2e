// The input edge: read a file and hand its bytes to the reader for its format.
import { readFile, stat } from "node:fs/promises";
import { basename, extname } from "node:path";
import type { SourceDocument, SourceFormat } from "../schemas/index.ts";
import { readTextReport } from "./stages/load/text.ts";
import { UnreadableInputError } from "./stages/load/encoding.ts";

export { UnreadableInputError };

const FORMATS: Record<string, SourceFormat> = { ".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown", ".pdf": "pdf" };
export const SUPPORTED_EXTENSIONS = Object.keys(FORMATS);

/** Format from the content first (a PDF is a PDF whatever its name says), then from the extension. */
export function detectFormat(file: string, bytes: Uint8Array): SourceFormat {
  if (Buffer.from(bytes.subarray(0, 1024)).includes("%PDF-")) return "pdf";
  return FORMATS[extname(file).toLowerCase()] ?? "text";
}

export async function loadSource(path: string): Promise<{ doc: SourceDocument; bytes: number }> {
  const info = await stat(path).catch((e: NodeJS.ErrnoException) => {
    throw new UnreadableInputError(e.code === "ENOENT" ? `${path}: no such file; check the path` : `${path}: cannot read (${e.code ?? e.message})`);
  });
  if (!info.isFile()) throw new UnreadableInputError(`${path}: not a file`);
  const bytes = new Uint8Array(await readFile(path));
  const file = basename(path);
  const format = detectFormat(file, bytes);
  if (format === "pdf") throw new UnreadableInputError(`${file}: PDF input is not supported yet; give the report as text or markdown`);
  try {
    return { doc: readTextReport(bytes, file, format), bytes: bytes.length };
  } catch (e) {
    if (e instanceof UnreadableInputError) throw new UnreadableInputError(`${file}: ${e.message}`);
    throw e;
  }
}
