// PDF reader (the I/O edge for PDFs): pdf.js with its bundled CMaps and standard fonts — without them CJK text
// silently disappears — turning each page into positioned runs, painted rectangles and image boxes.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import type { PdfImage, PdfPage, PdfPath, PdfRect, PdfRun } from "../../schemas/index.ts";
import fonts from "../vocab/fonts.json" with { type: "json" };
import glyphs from "../vocab/glyphs.json" with { type: "json" };
import { collectPdfWarnings, type DamageLog, type PdfDamage } from "./pdf-warnings.ts";

const require = createRequire(import.meta.url);
const PDFJS_DIR = dirname(require.resolve("pdfjs-dist/package.json"));
const FOLD: Record<string, string> = glyphs.fold;

/** An unreadable PDF: `code` says what kind (`pdf/encrypted`, `pdf/corrupt`…), `page` where, when known. */
export class PdfInputError extends Error {
  constructor(
    message: string,
    readonly code = "pdf/unreadable",
    readonly page: number | null = null,
  ) {
    super(message);
  }
}

export interface ReadPdfOptions {
  /** Password of an encrypted PDF. */
  password?: string;
  /** Refuse PDFs with more pages than this. */
  maxPages?: number;
  /** pdf.js never decodes an image larger than this many pixels (it drops it); callers refuse such files first. */
  maxImagePixels?: number;
  /** Called once the document is open (page 0), then after each page is read, with its number and the page count. */
  onPage?: (page: number, pages: number) => void;
  /** Stops between pages once aborted (a time limit); a page that itself hangs needs its thread terminated. */
  signal?: AbortSignal;
}

type Pdfjs = typeof import("pdfjs-dist/legacy/build/pdf.mjs");
type PdfDocument = Awaited<ReturnType<Pdfjs["getDocument"]>["promise"]>;
let pdfjsModule: Promise<Pdfjs> | undefined;

/** pdf.js, loaded once per thread past the TypeScript loader: tsx would rewrite its 3 MB bundles (they contain
 * `import(`) with a character-level source map, which costs ~300 MB of memory and ~1 s per process. The query
 * names a tsx namespace nothing registers, so tsx hands the files to Node untouched (plain Node ignores it), and
 * source maps are off while they load (Node would parse pdf.js's own). The worker module is registered as
 * `globalThis.pdfjsWorker` so that pdf.js's in-thread worker uses this copy instead of importing its own.
 * Our patch of pdf.js (patches/, applied by `npm ci`) also has it inflate FlateDecode streams with zlib in this
 * thread instead of through DecompressionStream, whose chunks through libuv's thread pool cost more than the
 * inflation itself and leave the thread idle while it waits: a quarter of the time of reading a PDF. */
export function loadPdfjs(): Promise<Pdfjs> {
  pdfjsModule ??= (async () => {
    const url = (name: string) =>
      `${pathToFileURL(join(PDFJS_DIR, "legacy/build", name)).href}?tsx-namespace=pdfjs-untransformed`;
    const maps = process.sourceMapsEnabled;
    process.setSourceMapsEnabled(false);
    const natives = keepNatives();
    try {
      const pdfjs = (await import(url("pdf.mjs"))) as Pdfjs;
      (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker ??= await import(url("pdf.worker.mjs"));
      return pdfjs;
    } finally {
      natives.restore();
      process.setSourceMapsEnabled(maps);
    }
  })();
  return pdfjsModule;
}

/** The legacy build's core-js replaces built-ins that Node 20 already has, to fix corner cases pdf.js never meets
 * (push onto a frozen or 2^32-long array, JSON.parse's source-text reviver argument). Its replacements are plain
 * JavaScript, several times slower, and they apply to every line of this thread, not only to pdf.js: putting the
 * engine's own back cut the CPU time of a 50-report batch (--no-ocr, concurrency 1) by 10–15%. They are the only
 * built-ins it replaces on Node 20; what core-js only adds (missing methods) stays. */
function keepNatives(): { restore(): void } {
  const kept = [
    [Array.prototype, "push"],
    [JSON, "parse"],
    [Function.prototype, "toString"],
  ] as const;
  const descriptors = kept.map(([owner, key]) => [owner, key, Object.getOwnPropertyDescriptor(owner, key)!] as const);
  return { restore: () => descriptors.forEach(([owner, key, d]) => Object.defineProperty(owner, key, d)) };
}

/** getDocument options every reader of a PDF uses: the bundled CMaps and standard fonts given explicitly (without
 * them CJK text silently disappears), no eval, no system fonts, no console noise. */
export function documentOptions(bytes: Uint8Array, password: string | undefined) {
  return {
    data: new Uint8Array(bytes),
    cMapUrl: join(PDFJS_DIR, "cmaps") + "/",
    cMapPacked: true,
    standardFontDataUrl: join(PDFJS_DIR, "standard_fonts") + "/",
    password,
    isEvalSupported: false,
    useSystemFonts: false,
    verbosity: 1, // warnings: caught by pdf-warnings.ts as problems, never printed
  };
}

/** Radical code points some producers emit for ordinary ideographs are folded (table first, then NFKC for the
 * Kangxi block); nothing else is normalised, so full-width punctuation stays as printed. */
export function foldGlyphs(text: string): string {
  return text.replace(/[\u2e80-\u2fdf]/g, (c) => FOLD[c] ?? c.normalize("NFKC"));
}

type Matrix = [number, number, number, number, number, number];
const multiply = (a: Matrix, b: number[]): Matrix => [
  a[0] * b[0]! + a[2] * b[1]!,
  a[1] * b[0]! + a[3] * b[1]!,
  a[0] * b[2]! + a[2] * b[3]!,
  a[1] * b[2]! + a[3] * b[3]!,
  a[0] * b[4]! + a[2] * b[5]! + a[4],
  a[1] * b[4]! + a[3] * b[5]! + a[5],
];
const apply = (m: Matrix, x: number, y: number): [number, number] => [
  m[0] * x + m[2] * y + m[4],
  m[1] * x + m[3] * y + m[5],
];
const round = (v: number) => Math.round(v * 100) / 100;

/** The pages of a PDF, and what pdf.js had to skip or repair while reading them (pdf-warnings.ts). */
export async function readPdfPages(
  bytes: Uint8Array,
  options: ReadPdfOptions = {},
): Promise<{ pages: PdfPage[]; damage: PdfDamage[] }> {
  const { value, damage } = await collectPdfWarnings((log) => readPdf(bytes, options, log));
  return { pages: value, damage };
}

async function readPdf(bytes: Uint8Array, options: ReadPdfOptions, log: DamageLog): Promise<PdfPage[]> {
  const pdfjs = await loadPdfjs();
  // Only where images are painted is needed here, not their pixels: skipImageDecoding (our patch of pdf.js,
  // patches/) keeps pdf.js from decoding every image while it builds the operator lists, which was a fifth of the
  // CPU of a PDF. The OCR reader (ocr/images.ts) opens its own document, with decoding, for the pages it needs.
  // skipGlyphs (same patch): no glyph outlines (only a canvas draws them) and no glyphs in the operator list (the
  // text comes from getTextContent), which cost a fifth of the CPU of reading.
  const task = pdfjs.getDocument({
    ...documentOptions(bytes, options.password),
    maxImageSize: options.maxImagePixels ?? -1,
    skipImageDecoding: true,
    skipGlyphs: true,
  });
  let doc;
  try {
    doc = await task.promise;
  } catch (e) {
    const { name, code } = e as { name?: string; code?: number };
    if (name === "PasswordException" && code === pdfjs.PasswordResponses.INCORRECT_PASSWORD) {
      throw new PdfInputError(
        "the PDF is encrypted and the password given is not right; check it (--password)",
        "pdf/wrong-password",
      );
    }
    if (name === "PasswordException")
      throw new PdfInputError("the PDF is encrypted and needs a password; give it with --password", "pdf/encrypted");
    if (!Buffer.from(bytes.subarray(Math.max(0, bytes.length - 1024))).includes("%%EOF")) {
      throw new PdfInputError(
        `the PDF is cut off: it does not end with %%EOF, and what there is cannot be read (pdf.js: ${(e as Error).message}); it was probably not completely downloaded or copied: get it again`,
        "pdf/truncated",
      );
    }
    throw new PdfInputError(
      `not a readable PDF (${(e as Error).message}); the file may be truncated or corrupted`,
      "pdf/corrupt",
    );
  }
  try {
    return await readPages(doc, pdfjs.OPS, options, log);
  } finally {
    await doc.destroy();
  }
}

/** Every page in order. A page pdf.js cannot read at all is logged and left empty (its size taken from a page
 * that could be read), so that one damaged page does not cost the others; a file none of whose pages can be read
 * is refused. */
async function readPages(
  doc: PdfDocument,
  ops: Pdfjs["OPS"],
  options: ReadPdfOptions,
  log: DamageLog,
): Promise<PdfPage[]> {
  const pages: PdfPage[] = [];
  if (options.maxPages !== undefined && doc.numPages > options.maxPages) {
    throw new PdfInputError(
      `the PDF has ${doc.numPages} pages, over the limit of ${options.maxPages}; raise it with --max-pages if the file is genuine`,
      "pdf/too-many-pages",
    );
  }
  const count = doc.numPages;
  const failed: { page: number; message: string }[] = [];
  options.onPage?.(0, count);
  for (let n = 1; n <= count; n++) {
    if (options.signal?.aborted)
      throw new PdfInputError(`stopped before page ${n} of ${count}: the time limit ran out`, "timeout", n);
    try {
      log.reading(n);
      pages.push(await readPage(doc, n, ops));
    } catch (e) {
      if (e instanceof PdfInputError) throw e;
      failed.push({ page: n, message: (e as Error).message });
      log.unreadable(n, `page ${n} of ${count}: ${(e as Error).message}`);
      pages.push({ page: n, width: 0, height: 0, runs: [], rects: [], images: [] });
    }
    options.onPage?.(n, count);
  }
  const sound = pages.find((p) => p.width > 0);
  if (!sound) {
    const first = failed[0];
    throw new PdfInputError(
      `no page could be read: page ${first?.page ?? 1} of ${count} could not be read (pdf.js: ${first?.message ?? "no pages"}); the file is damaged: get a fresh copy or re-save it from a PDF viewer`,
      "pdf/corrupt",
      first?.page ?? null,
    );
  }
  for (const p of pages) if (p.width === 0) Object.assign(p, { width: sound.width, height: sound.height });
  return pages;
}

async function readPage(doc: PdfDocument, n: number, ops: Pdfjs["OPS"]): Promise<PdfPage> {
  const page = await doc.getPage(n);
  const { width, height } = page.getViewport({ scale: 1 });
  const content = await page.getTextContent();
  // The operator list loads the page's fonts into commonObjs, where their PostScript names say their weight.
  const list = await page.getOperatorList();
  const bold = boldFonts(page.commonObjs, content.items);
  const runs: PdfRun[] = [];
  for (const item of content.items) {
    if (!("str" in item) || item.str.trim() === "") continue;
    const [a, b, , d, e, f] = item.transform as number[];
    const size = Math.hypot(a ?? 0, b ?? 0) || Math.abs(d ?? 0) || 1;
    const x = e ?? 0;
    const baseline = height - (f ?? 0);
    // A lone private-use glyph is a symbol-font bullet (Wingdings): written as a bullet, not as garbage.
    const text = /^[\ue000-\uf8ff]$/.test(item.str.trim()) ? "•" : foldGlyphs(item.str);
    const angle = Math.round((Math.atan2(b ?? 0, a ?? 0) * 180) / Math.PI);
    runs.push({
      text,
      x0: round(x),
      y0: round(baseline - size * 0.88),
      x1: round(x + item.width),
      y1: round(baseline + size * 0.12),
      size: round(size),
      font: item.fontName,
      ...(angle ? { angle } : {}),
      ...(bold.has(item.fontName) ? { bold: true } : {}),
    });
  }
  const rects: PdfRect[] = [];
  const images: PdfImage[] = [];
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  const stack: Matrix[] = [];
  const box = (x0: number, y0: number, x1: number, y1: number) => {
    const p = apply(ctm, x0, y0);
    const q = apply(ctm, x1, y1);
    return {
      x0: round(Math.min(p[0], q[0])),
      y0: round(height - Math.max(p[1], q[1])),
      x1: round(Math.max(p[0], q[0])),
      y1: round(height - Math.min(p[1], q[1])),
    };
  };
  const paths = new PathLog(ops, height);
  for (let i = 0; i < list.fnArray.length; i++) {
    const fn = list.fnArray[i];
    const args = list.argsArray[i] as unknown[];
    paths.step(fn!, args);
    if (fn === ops.save) stack.push(ctm);
    else if (fn === ops.restore) ctm = stack.pop() ?? ctm;
    else if (fn === ops.transform) ctm = multiply(ctm, args as number[]);
    else if (fn === ops.constructPath) {
      const paint = args[0] as number;
      const op =
        paint === ops.fill || paint === ops.eoFill
          ? "fill"
          : paint === ops.stroke || paint === ops.closeStroke
            ? "stroke"
            : paint === ops.fillStroke || paint === ops.eoFillStroke || paint === ops.closeFillStroke
              ? "fillStroke"
              : null;
      const mm = args[2] as number[] | null;
      if (op && mm && mm.length === 4) rects.push({ ...box(mm[0]!, mm[1]!, mm[2]!, mm[3]!), op });
    } else if (fn === ops.paintImageXObject || fn === ops.paintInlineImageXObject || fn === ops.paintImageMaskXObject) {
      images.push(box(0, 0, 1, 1));
    }
  }
  page.cleanup();
  return { page: n, width: round(width), height: round(height), runs, rects, images, paths: paths.paths };
}

const BOLD = new RegExp(fonts.bold_marks.join("|"), "i");

/** The fonts of text items whose PostScript name marks a bold face (Arial-BoldMT, Arial,Bold); none when pdf.js
 * has not loaded a font (its name is then unknown, and the text is taken as regular). */
function boldFonts(
  objs: { has(id: string): boolean; get(id: string): unknown },
  items: readonly object[],
): Set<string> {
  const out = new Set<string>();
  for (const id of new Set(items.map((i) => ("fontName" in i ? String(i.fontName) : "")))) {
    if (!id || !objs.has(id)) continue;
    const name = (objs.get(id) as { name?: unknown } | null)?.name;
    if (typeof name === "string" && BOLD.test(name.replace(/^[A-Z]{6}\+/, ""))) out.add(id);
  }
  return out;
}

/** At most this many coordinates are kept per path and per page (a page of outlined glyphs or a map would
 * otherwise cost memory for nothing a chart needs); past them paths keep their box and colours only. */
const PATH_NUMBERS = 20_000;
const PAGE_NUMBERS = 400_000;

/** Painted paths with their fill and stroke colours and vertices, for vector charts. Its own graphics state
 * (transform and colours, saved and restored, form XObjects' matrices applied), beside the rectangles above. */
class PathLog {
  readonly paths: PdfPath[] = [];
  private state = {
    ctm: [1, 0, 0, 1, 0, 0] as Matrix,
    fill: "#000000" as string | null,
    stroke: "#000000" as string | null,
  };
  private readonly stack: (typeof this.state)[] = [];
  private numbers = 0;
  constructor(
    private readonly ops: Pdfjs["OPS"],
    private readonly height: number,
  ) {}

  step(fn: number, args: unknown[]): void {
    const { ops, state } = this;
    if (fn === ops.save || fn === ops.paintFormXObjectBegin) {
      this.stack.push({ ...state });
      const m = fn === ops.paintFormXObjectBegin ? (args[0] as number[] | null) : null;
      if (m && m.length === 6) state.ctm = multiply(state.ctm, m);
    } else if (fn === ops.restore || fn === ops.paintFormXObjectEnd) this.state = this.stack.pop() ?? state;
    else if (fn === ops.transform) state.ctm = multiply(state.ctm, args as number[]);
    else if (fn === ops.setFillRGBColor) state.fill = typeof args[0] === "string" ? args[0] : null;
    else if (fn === ops.setStrokeRGBColor) state.stroke = typeof args[0] === "string" ? args[0] : null;
    else if (fn === ops.setFillTransparent) state.fill = null;
    else if (fn === ops.setStrokeTransparent) state.stroke = null;
    else if (fn === ops.constructPath) this.add(args);
  }

  private add(args: unknown[]): void {
    const { ops, state } = this;
    const paint = args[0] as number;
    const op =
      paint === ops.fill || paint === ops.eoFill
        ? "fill"
        : paint === ops.stroke || paint === ops.closeStroke
          ? "stroke"
          : paint === ops.fillStroke ||
              paint === ops.eoFillStroke ||
              paint === ops.closeFillStroke ||
              paint === ops.closeEOFillStroke
            ? "fillStroke"
            : null;
    const data = (args[1] as ArrayLike<number>[] | null)?.[0];
    if (!op || !data) return;
    const subpaths: number[][] = [];
    let cur = null as number[] | null;
    let kept = 0;
    const m = state.ctm;
    const vertex = (x: number, y: number) => {
      if (!cur) subpaths.push((cur = []));
      if (kept < PATH_NUMBERS && this.numbers + kept < PAGE_NUMBERS)
        cur.push(round(m[0] * x + m[2] * y + m[4]), round(this.height - (m[1] * x + m[3] * y + m[5])));
      kept += 2;
    };
    for (let i = 0; i < data.length; ) {
      const code = data[i++];
      if (code === 0) {
        cur = null;
        vertex(data[i++]!, data[i++]!);
      } else if (code === 1) vertex(data[i++]!, data[i++]!);
      else if (code === 2) (i += 4), vertex(data[i++]!, data[i++]!);
      else if (code === 3) (i += 2), vertex(data[i++]!, data[i++]!);
      else if (code === 4) {
        const c = cur as number[] | null;
        if (c?.length) c.push(c[0]!, c[1]!);
      } else break;
    }
    const box = bounds(subpaths);
    if (!box) return;
    this.numbers += Math.min(kept, PATH_NUMBERS);
    this.paths.push({
      ...box,
      op,
      fill: op === "stroke" ? null : state.fill,
      stroke: op === "fill" ? null : state.stroke,
      subpaths: subpaths.filter((p) => p.length >= 2),
    });
  }
}

/** The box of the kept vertices (x, y pairs), null when none was kept; Math.min/max fold as over all of them. */
function bounds(subpaths: number[][]): { x0: number; y0: number; x1: number; y1: number } | null {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  let any = false;
  for (const p of subpaths)
    for (let k = 0; k + 1 < p.length; k += 2) {
      any = true;
      x0 = Math.min(x0, p[k]!);
      x1 = Math.max(x1, p[k]!);
      y0 = Math.min(y0, p[k + 1]!);
      y1 = Math.max(y1, p[k + 1]!);
    }
  return any ? { x0, y0, x1, y1 } : null;
}
