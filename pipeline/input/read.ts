// The read stage (input edge): read a file, check it against the limits, and hand its bytes to the reader for its
// format: a text report becomes the source document at once, a PDF its pages (text runs, rules, image boxes).
// Every refusal is an InputError naming the file, the kind of problem (`code`), the page when known, and what to do.
import { readFile, stat } from "node:fs/promises";
import { basename, extname } from "node:path";
import type { PdfPage, SourceDocument, SourceFormat } from "../../schemas/index.ts";
import { sha256 } from "../hash.ts";
import { type Found, found, type Staged } from "../problems.ts";
import { readTextReport } from "./text.ts";
import { UnreadableInputError } from "./encoding.ts";
import { PdfInputError, readPdfPages } from "./pdf.ts";
import { damageMessage } from "./pdf-warnings.ts";

export { UnreadableInputError };

const FORMATS: Record<string, SourceFormat> = {
  ".txt": "text",
  ".text": "text",
  ".md": "markdown",
  ".markdown": "markdown",
  ".pdf": "pdf",
};
export const SUPPORTED_EXTENSIONS = Object.keys(FORMATS);
const MB = 2 ** 20;

export interface ReadOptions {
  /** Password of an encrypted PDF. */
  password?: string;
  /** Refuse PDFs with more pages than this (default 2000). */
  maxPages?: number;
  /** Refuse files larger than this many bytes (default 200 MB). */
  maxBytes?: number;
  /** Refuse PDFs holding an image of more pixels than this (default 50 million). */
  maxImagePixels?: number;
  /** Called when a PDF is open (page 0), then after each page is read, with its number and the page count. */
  onPage?: (page: number, pages: number) => void;
  /** Stops reading between PDF pages once aborted (a time limit). */
  signal?: AbortSignal;
}

/** A page scanned at 600 dpi is 35 megapixels; decoding one image of the limit takes ~200 MB. */
export const DEFAULT_LIMITS = { maxPages: 2000, maxBytes: 200 * MB, maxImagePixels: 50_000_000 } as const;

/** A file that cannot be extracted. The message reads `FILE: what was wrong; what to do`. */
export class InputError extends UnreadableInputError {
  constructor(
    /** The file's name as given. */
    readonly file: string,
    /** Kind of problem: `input/empty`, `pdf/encrypted`, `text/invalid-utf8`… */
    readonly code: string,
    /** What was wrong. */
    readonly what: string,
    /** What the user can do about it. */
    readonly action: string,
    /** 1-based page where it was found, when known. */
    readonly page: number | null = null,
  ) {
    super(`${file}: ${what}; ${action}`);
  }
}

/** An error message of the form "what; what to do" split at its last "; ". */
function fromMessage(file: string, code: string, message: string, page: number | null = null): InputError {
  const cut = message.lastIndexOf("; ");
  return cut < 0
    ? new InputError(file, code, message, "check the file", page)
    : new InputError(file, code, message.slice(0, cut), message.slice(cut + 2), page);
}

/** Format from the content first (a PDF is a PDF whatever its name says), then from the extension. */
export function detectFormat(file: string, bytes: Uint8Array): SourceFormat {
  if (hasPdfHeader(bytes)) return "pdf";
  return FORMATS[extname(file).toLowerCase()] ?? "text";
}

const hasPdfHeader = (bytes: Uint8Array) =>
  Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 1024)).includes("%PDF-");

/** What the read stage gives: a text report's document, or a PDF's bytes and pages for OCR and layout. */
export type Input =
  | { format: "text" | "markdown"; file: string; size: number; doc: SourceDocument }
  | { format: "pdf"; file: string; size: number; sha256: string; bytes: Uint8Array; pages: PdfPage[] };

export async function readInput(path: string, options: ReadOptions = {}): Promise<Staged<Input>> {
  const file = basename(path);
  const bytes = await readChecked(path, options.maxBytes ?? DEFAULT_LIMITS.maxBytes);
  const named = FORMATS[extname(file).toLowerCase()];
  if (hasPdfHeader(bytes)) return readPdf(path, bytes, named, options);
  const wrong = wrongType(path, bytes);
  if (wrong) throw new InputError(path, wrong.code, wrong.what, wrong.action);
  try {
    // A file named .pdf without a PDF header is read as the text it may be (and said so), else refused.
    const format = named === "pdf" || !named ? "text" : named;
    const { value: doc, problems } = readTextReport(bytes, file, format);
    if (named === "pdf") problems.unshift(mismatch("PDF", "text", ".txt"));
    return { value: { format, file, size: bytes.length, doc }, problems };
  } catch (e) {
    if (!(e instanceof UnreadableInputError)) throw e;
    if (named === "pdf")
      throw new InputError(
        path,
        "pdf/corrupt",
        "not a PDF: there is no %PDF- header in its first 1 KB, and it is not text either",
        "the file is damaged at its start or is not a PDF: get a fresh copy",
      );
    const bad = invalidUtf8(bytes);
    if (bad) {
      throw new InputError(
        path,
        "text/invalid-utf8",
        `invalid UTF-8 at line ${bad.line} (byte ${bad.offset}; ${bad.count} bad byte${bad.count > 1 ? "s" : ""} in all): the text is UTF-8 but damaged or mixes encodings`,
        "re-save it as UTF-8, or fix that line",
      );
    }
    throw fromMessage(path, "text/not-text", e.message);
  }
}

async function readChecked(path: string, maxBytes: number): Promise<Uint8Array> {
  const cannotRead = (e: NodeJS.ErrnoException): never => {
    if (e.code === "ENOENT") throw new InputError(path, "input/missing", "no such file", "check the path");
    if (e.code === "EACCES" || e.code === "EPERM")
      throw new InputError(path, "input/unreadable", "cannot read it (permission denied)", "check its permissions");
    throw new InputError(path, "input/unreadable", `cannot read it (${e.code ?? e.message})`, "check the file");
  };
  const info = await stat(path).catch(cannotRead);
  if (!info.isFile())
    throw new InputError(path, "input/not-a-file", "not a file", "give a report file, or a folder to walk");
  const size = sizeProblem(info.size, maxBytes);
  if (size) throw new InputError(path, size.code, size.what, size.action);
  return new Uint8Array(await readFile(path).catch(cannotRead));
}

async function readPdf(
  path: string,
  bytes: Uint8Array,
  named: SourceFormat | undefined,
  options: ReadOptions,
): Promise<Staged<Input>> {
  const file = basename(path);
  const maxImagePixels = options.maxImagePixels ?? DEFAULT_LIMITS.maxImagePixels;
  const huge = largestImage(bytes);
  if (huge && huge.width * huge.height > maxImagePixels) {
    throw new InputError(
      path,
      "pdf/image-too-large",
      `an image of ${huge.width} × ${huge.height} pixels (PDF object ${huge.object}) is over the limit of ${megapixels(maxImagePixels)}`,
      "raise it with --max-image-pixels if the file is genuine",
    );
  }
  let pages, damage;
  try {
    ({ pages, damage } = await readPdfPages(bytes, {
      password: options.password,
      maxPages: options.maxPages ?? DEFAULT_LIMITS.maxPages,
      maxImagePixels,
      onPage: options.onPage,
      signal: options.signal,
    }));
  } catch (e) {
    if (e instanceof PdfInputError) throw fromMessage(path, e.code, e.message, e.page);
    throw e;
  }
  const problems: Found[] = [];
  if (named && named !== "pdf") problems.push(mismatch(named, "PDF", ".pdf"));
  const xref = xrefDamage(bytes);
  if (xref)
    problems.push(
      found(
        "input/pdf-repaired",
        "warning",
        `${xref}, so pdf.js rebuilt it by scanning the file: parts may be missing or wrong; compare with the original, or get a fresh copy`,
      ),
    );
  for (const d of damage)
    problems.push(
      found(d.code, d.severity, damageMessage(d), { page: d.page, where: d.page === null ? null : `page ${d.page}` }),
    );
  return { value: { format: "pdf", file, size: bytes.length, sha256: sha256(bytes), bytes, pages }, problems };
}

/** What is wrong with the end of a PDF that still opened: no %%EOF (cut off), or a `startxref` that does not point
 * at a cross-reference table or stream. Null when it is sound. */
function xrefDamage(bytes: Uint8Array): string | null {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  const tail = buf.toString("latin1", Math.max(0, buf.length - 1024));
  if (!tail.includes("%%EOF"))
    return "the PDF does not end with %%EOF: it is cut off, and its cross-reference table is lost";
  const at = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail.slice(0, tail.lastIndexOf("%%EOF") + 5));
  const target = at ? buf.toString("latin1", Number(at[1]), Number(at[1]) + 32).trimStart() : "";
  return /^(xref|\d+\s+\d+\s+obj)/.test(target) ? null : "the cross-reference table at the end of the PDF is damaged";
}

const mismatch = (named: string, read: string, ext: string) =>
  found(
    "input/extension-mismatch",
    "warning",
    `the name says ${named} but the content is ${read}; read as ${read}: rename it to ${ext}`,
  );
const megapixels = (n: number) => `${(n / 1e6).toLocaleString("en")} megapixels`;

/** Common file types that are not reports, by their first bytes. */
const SIGNATURES: [string, number[]][] = [
  ["a PNG image", [0x89, 0x50, 0x4e, 0x47]],
  ["a JPEG image", [0xff, 0xd8, 0xff]],
  ["a GIF image", [0x47, 0x49, 0x46, 0x38]],
  ["a TIFF image", [0x49, 0x49, 0x2a, 0x00]],
  ["a TIFF image", [0x4d, 0x4d, 0x00, 0x2a]],
  ["a ZIP archive (or a Word/Excel/PowerPoint file)", [0x50, 0x4b, 0x03, 0x04]],
  ["an old Word/Excel file (OLE2)", [0xd0, 0xcf, 0x11, 0xe0]],
  ["a gzip archive", [0x1f, 0x8b]],
  ["a RAR archive", [0x52, 0x61, 0x72, 0x21]],
  ["a 7-Zip archive", [0x37, 0x7a, 0xbc, 0xaf]],
  ["an executable", [0x7f, 0x45, 0x4c, 0x46]],
  ["an executable", [0x4d, 0x5a]],
];
/** What is wrong with an input of this size, or null. Used by the reader and by a batch before it starts. */
export function sizeProblem(size: number, maxBytes: number): { code: string; what: string; action: string } | null {
  if (size === 0)
    return {
      code: "input/empty",
      what: "empty file: there is nothing to read",
      action: "check that the right file was given",
    };
  if (size > maxBytes)
    return {
      code: "input/too-large",
      what: `${(size / MB).toFixed(0)} MB is over the ${(maxBytes / MB).toFixed(0)} MB limit`,
      action: "raise it with --max-bytes if the file is genuine",
    };
  return null;
}

/** An image, archive, Office file… by its first bytes, whatever the name says; null for anything else. */
export function wrongType(path: string, head: Uint8Array): { code: string; what: string; action: string } | null {
  const foreign = foreignType(head);
  if (!foreign) return null;
  const ext = extname(path).toLowerCase();
  return {
    code: "input/wrong-type",
    what: `this is ${foreign}, not a report${FORMATS[ext] ? ` (its name says ${ext})` : ""}`,
    action: "give the report as PDF, text or markdown",
  };
}

function foreignType(bytes: Uint8Array): string | null {
  return SIGNATURES.find(([, sig]) => sig.every((b, i) => bytes[i] === b))?.[0] ?? null;
}

/** The largest image XObject by its dictionary. Image streams are never inside object streams, so their
 * dictionaries (/Width, /Height) are plain text in the file even when it is compressed or encrypted. */
export function largestImage(bytes: Uint8Array): { width: number; height: number; object: string } | null {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  let best: { width: number; height: number; object: string } | null = null;
  for (let at = buf.indexOf("/Image"); at >= 0; at = buf.indexOf("/Image", at + 6)) {
    const start = Math.max(0, at - 1024);
    const before = buf.toString("latin1", start, at + 7);
    if (!/\/Subtype\s*\/Image[^A-Za-z]$/.test(before)) continue;
    const open = before.lastIndexOf(" obj");
    const dict =
      before.slice(Math.max(0, open)) +
      buf.toString("latin1", at + 7, Math.min(buf.length, at + 1024)).split("stream")[0];
    const width = Number(/\/Width\s+(\d+)(?![\d.]|\s+\d+\s+R)/.exec(dict)?.[1] ?? 0);
    const height = Number(/\/Height\s+(\d+)(?![\d.]|\s+\d+\s+R)/.exec(dict)?.[1] ?? 0);
    const object = /(\d+)\s+\d+\s+obj/.exec(before.slice(Math.max(0, open - 24)))?.[1] ?? "?";
    if (width * height > (best ? best.width * best.height : 0)) best = { width, height, object };
  }
  return best;
}

/** Where bytes that are mostly valid UTF-8 stop being valid: the first bad byte (line, offset) and how many there
 * are. Null when they do not look like UTF-8 text at all (many invalid sequences, or NUL bytes). */
function invalidUtf8(bytes: Uint8Array): { line: number; offset: number; count: number } | null {
  let valid = 0;
  let bad = 0;
  let first = -1;
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    const len = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    let ok = len > 0 && i + len <= bytes.length;
    for (let k = 1; ok && k < len; k++) ok = (bytes[i + k]! & 0xc0) === 0x80;
    if (ok) {
      if (len > 1) valid++;
      i += len;
    } else {
      bad++;
      if (first < 0) first = i;
      i++;
    }
  }
  if (first < 0 || bad > valid || bytes.includes(0)) return null;
  let line = 1;
  for (let i = 0; i < first; i++) if (bytes[i] === 0x0a) line++;
  return { line, offset: first, count: bad };
}
