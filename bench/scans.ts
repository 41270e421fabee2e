// Unseen-scan benchmark (part of npm run bench; alone: npx tsx bench/scans.ts): how well tables come out of scans
// of pages the OCR code was never tuned on. The pages are chosen automatically — every page holding a table in the
// text-layer extraction of the real reports and the seed report, at most PER_PDF per report, spread over it — and
// turned into synthetic scans deterministically: rendered by pdf.js at 200 dpi in gray, turned by a small angle,
// given seeded Gaussian noise, stored as JPEG (quality 80) in a one-page-image PDF written here by hand. Each scan is
// extracted with OCR and the grid cells of its tables compared with those of the text-layer extraction of the page.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { extract, OcrPool, type Report } from "../pipeline/index.ts";
import { documentOptions, loadPdfjs } from "../pipeline/input/pdf.ts";
import { encodePgm } from "../pipeline/ocr/preprocess.ts";
import { agreement } from "../test/fixtures/agreement.ts";

const REAL = "../shared/fixtures/real";
const SEED = "../shared/fixtures/seed/tianfeng-2024-03-09-llm.pdf";
/** Pages measured per report at most. */
const PER_PDF = 4;
/** The synthetic scan: resolution, turn (alternating, degrees, clockwise positive), noise, JPEG quality. */
export const SCAN = { dpi: 200, angles: [0.4, -0.5], noiseSigma: 8, jpegQuality: 80 } as const;

type Table = Report["tables"][number];

export interface ScanPage {
  file: string;
  /** the page measured */
  page: number;
  /** the pages scanned: the page, and the next ones when a table of it runs on over them */
  pages: number[];
  nativeTables: number;
  nativeCells: number;
  /** tables of the scan starting on its first page (the measured page) */
  scanTables: number;
  scanCells: number;
  /** native grid cells found among the scan's (a multiset match) */
  identical: number;
  share: number;
  seconds: number;
  /** native cell texts the scan did not give (a few, for the notes) */
  missing: string[];
  /** what the extraction of the scan reported about OCR (page recognised, skew) and problems worth noting */
  notes: string[];
}

export interface ScanBench {
  skipped: string | null;
  pages: ScanPage[];
  commit: string | null;
}

/** Deterministic choice of `k` of the items, spread over them (first and last included). */
export function spread<T>(items: T[], k: number): T[] {
  if (items.length <= k) return items;
  if (k === 1) return [items[0]!];
  return Array.from({ length: k }, (_, i) => items[Math.round((i * (items.length - 1)) / (k - 1))]!);
}

/** mulberry32: a small seeded PRNG (32-bit state), the same sequence on every machine. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a of a string: the seed of a page's noise. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (const b of Buffer.from(s, "utf8")) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return h;
}

/** The canvas pdf.js's own factory makes (@napi-rs/canvas, as loaded by pdf.js: a canvas created from another copy
 * of the module refuses pdf.js's Path2D objects). */
interface Canvas {
  width: number;
  height: number;
  getContext(kind: "2d"): CanvasRenderingContext2D;
  encode(format: "jpeg", quality: number): Promise<Buffer>;
}
interface CanvasFactory {
  create(w: number, h: number): { canvas: Canvas; context: CanvasRenderingContext2D };
  destroy(c: unknown): void;
}

export interface ScannedPage {
  jpeg: Buffer;
  width: number;
  height: number;
  widthPt: number;
  heightPt: number;
}

/** Render pages of a PDF as synthetic scans: gray at SCAN.dpi, turned, noisy, JPEG-encoded. */
export async function scanPages(
  bytes: Uint8Array,
  pages: number[],
  seedName: string,
  angleIndex: number,
): Promise<ScannedPage[]> {
  const pdfjs = await loadPdfjs();
  const doc = await pdfjs.getDocument({ ...documentOptions(bytes, undefined), isOffscreenCanvasSupported: false })
    .promise;
  const factory = (doc as unknown as { canvasFactory: CanvasFactory }).canvasFactory;
  const out: ScannedPage[] = [];
  try {
    for (const [k, n] of pages.entries()) {
      const page = await doc.getPage(n);
      const pt = page.getViewport({ scale: 1 });
      const viewport = page.getViewport({ scale: SCAN.dpi / 72 });
      const width = Math.ceil(viewport.width);
      const height = Math.ceil(viewport.height);
      const sheet = factory.create(width, height);
      sheet.context.fillStyle = "white";
      sheet.context.fillRect(0, 0, width, height);
      await page.render({
        canvasContext: sheet.context,
        canvas: sheet.canvas as unknown as HTMLCanvasElement,
        viewport,
      }).promise;
      page.cleanup();
      // The sheet laid slightly askew on the glass: turned about its centre, white where it leaves the frame.
      const angle = SCAN.angles[(angleIndex + k) % SCAN.angles.length]!;
      const scan = factory.create(width, height);
      const ctx = scan.context;
      ctx.fillStyle = "white";
      ctx.fillRect(0, 0, width, height);
      ctx.imageSmoothingEnabled = true;
      ctx.imageSmoothingQuality = "high";
      ctx.translate(width / 2, height / 2);
      ctx.rotate((angle * Math.PI) / 180);
      ctx.translate(-width / 2, -height / 2);
      ctx.drawImage(sheet.canvas as unknown as CanvasImageSource, 0, 0);
      factory.destroy(sheet);
      // Gray (Rec. 601 luma) plus Gaussian noise (Box–Muller on the seeded PRNG), clamped to 0–255.
      const img = ctx.getImageData(0, 0, width, height);
      const d = img.data;
      const random = mulberry32(fnv1a(`${seedName}#${n}`));
      let spare: number | null = null;
      const gauss = () => {
        if (spare !== null) {
          const s = spare;
          spare = null;
          return s;
        }
        const u = Math.max(random(), 1e-12);
        const v = random();
        const r = Math.sqrt(-2 * Math.log(u));
        spare = r * Math.sin(2 * Math.PI * v);
        return r * Math.cos(2 * Math.PI * v);
      };
      for (let i = 0; i < d.length; i += 4) {
        const g = Math.round(0.299 * d[i]! + 0.587 * d[i + 1]! + 0.114 * d[i + 2]! + SCAN.noiseSigma * gauss());
        d[i] = d[i + 1] = d[i + 2] = g < 0 ? 0 : g > 255 ? 255 : g;
        d[i + 3] = 255;
      }
      ctx.resetTransform();
      ctx.putImageData(img, 0, 0);
      out.push({
        jpeg: await scan.canvas.encode("jpeg", SCAN.jpegQuality),
        width,
        height,
        widthPt: pt.width,
        heightPt: pt.height,
      });
      factory.destroy(scan);
    }
  } finally {
    await doc.destroy();
  }
  return out;
}

/** A PDF of one full-page image per page, written object by object with a correct cross-reference table.
 * The canvas's JPEG encoder always writes three components (YCbCr, here with neutral chroma), so the image is
 * declared /DeviceRGB, as in the scanned fixture the project was tuned on: its pixels are gray all the same. */
export function imagePdf(pages: ScannedPage[]): Buffer {
  const parts: Buffer[] = [];
  const offsets: number[] = [];
  let length = 0;
  const put = (b: Buffer | string) => {
    const buf = typeof b === "string" ? Buffer.from(b, "latin1") : b;
    parts.push(buf);
    length += buf.length;
  };
  const object = (n: number, body: Buffer | string, stream?: Buffer) => {
    offsets[n] = length;
    put(`${n} 0 obj\n`);
    put(body);
    if (stream) {
      put("\nstream\n");
      put(stream);
      put("\nendstream");
    }
    put("\nendobj\n");
  };
  const num = (v: number) => String(Math.round(v * 1000) / 1000);
  put("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n");
  // 1 catalog, 2 page tree, then per page: page, image, content stream.
  const pageObj = (i: number) => 3 + 3 * i;
  object(1, "<< /Type /Catalog /Pages 2 0 R >>");
  object(2, `<< /Type /Pages /Kids [${pages.map((_, i) => `${pageObj(i)} 0 R`).join(" ")}] /Count ${pages.length} >>`);
  pages.forEach((p, i) => {
    const [pg, im, content] = [pageObj(i), pageObj(i) + 1, pageObj(i) + 2];
    const [w, h] = [num(p.widthPt), num(p.heightPt)];
    object(
      pg,
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${w} ${h}] /Resources << /XObject << /Im0 ${im} 0 R >> >> /Contents ${content} 0 R >>`,
    );
    object(
      im,
      `<< /Type /XObject /Subtype /Image /Width ${p.width} /Height ${p.height} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode /Length ${p.jpeg.length} >>`,
      p.jpeg,
    );
    const draw = Buffer.from(`q ${w} 0 0 ${h} 0 0 cm /Im0 Do Q`, "latin1");
    object(content, `<< /Length ${draw.length} >>`, draw);
  });
  const size = 3 + 3 * pages.length;
  const xref = length;
  put(`xref\n0 ${size}\n0000000000 65535 f \n`);
  for (let n = 1; n < size; n++) put(`${String(offsets[n]).padStart(10, "0")} 00000 n \n`);
  put(`trailer\n<< /Size ${size} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  return Buffer.concat(parts);
}

const cellTexts = (tables: Table[]) => tables.flatMap((t) => t.grid.flat().filter((x) => x.trim() !== ""));
/** Last page holding a cell of the table (tables joined across a page break hold cells of the next pages). */
const lastPage = (t: Table) => Math.max(t.page ?? 0, ...t.cells.map((c) => c.box?.page ?? 0));

function commitOf(): string | null {
  try {
    const head = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
    const dirty =
      execFileSync("git", ["status", "--porcelain", "--", "pipeline", "schemas"], { encoding: "utf8" }).trim() !== "";
    return dirty ? `${head} with uncommitted changes in pipeline/ or schemas/` : head;
  } catch {
    return null;
  }
}

export async function benchScans(): Promise<ScanBench> {
  const files = existsSync(REAL)
    ? readdirSync(REAL)
        .filter((f) => f.endsWith(".pdf"))
        .sort()
        .map((f) => join(REAL, f))
    : [];
  if (existsSync(SEED)) files.push(SEED);
  if (files.length === 0)
    return {
      skipped: `skipped: ${REAL}/*.pdf and ${SEED} are absent (shared fixtures are outside the repository)`,
      pages: [],
      commit: null,
    };
  // The code measured is what was on disk when the process started (modules load once): name it now.
  const commit = commitOf();
  const dir = mkdtempSync(join(tmpdir(), "bench-scans-"));
  // A pool of our own without the cache, so that every page is recognised (a timing that a re-run repeats).
  const pool = new OcrPool({ cacheDir: false });
  const results: ScanPage[] = [];
  try {
    // Start the OCR engine outside the timing (it loads its language data once).
    const blank = { width: 64, height: 64, data: new Uint8Array(64 * 64).fill(255) };
    await pool.recognize({
      pixels: "bench-scans-warm-up",
      settings: "bench",
      psm: "sparse",
      prepare: () => ({ image: encodePgm(blank), width: 64, height: 64, aux: {} }),
    });
    let angleIndex = 0;
    for (const file of files) {
      const bytes = new Uint8Array(readFileSync(file));
      const native = (await extract(file, { ocr: false })).report;
      const withTables = [...new Set(native.tables.map((t) => t.page).filter((p): p is number => p !== null))].sort(
        (a, b) => a - b,
      );
      for (const page of spread(withTables, PER_PDF)) {
        const tables = native.tables.filter((t) => t.page === page);
        const last = Math.max(page, ...tables.map(lastPage));
        const pages = Array.from({ length: last - page + 1 }, (_, i) => page + i);
        const scanned = await scanPages(bytes, pages, basename(file), angleIndex);
        angleIndex += pages.length;
        const scanFile = join(dir, `${basename(file, ".pdf")}.scan-p${pages.join("-")}.pdf`);
        writeFileSync(scanFile, imagePdf(scanned));
        const t0 = performance.now();
        const scan = (await extract(scanFile, { ocr: pool })).report;
        const seconds = (performance.now() - t0) / 1000;
        const scanTables = scan.tables.filter((t) => t.page === 1);
        const expected = cellTexts(tables);
        const actual = cellTexts(scanTables);
        const { share, missing } = agreement(expected, actual);
        const notes = [
          ...scan.problems.filter((p) => p.code === "ocr/page-recognised" && p.page === 1).map((p) => p.message),
          ...scan.problems
            .filter((p) => /^(load|pdf|ocr\/(timeout|error))/.test(p.code))
            .map((p) => `${p.code}: ${p.message}`),
        ];
        const later = scan.tables.filter((t) => t.page !== 1).length;
        if (later) notes.push(`${later} table(s) of the scan start on a later scanned page (not counted)`);
        results.push({
          file: basename(file),
          page,
          pages,
          nativeTables: tables.length,
          nativeCells: expected.length,
          scanTables: scanTables.length,
          scanCells: actual.length,
          identical: expected.length - missing.length,
          share,
          seconds,
          missing: missing.slice(0, 8),
          notes,
        });
        console.error(
          `${basename(file)} p${pages.join("-")}: ${(share * 100).toFixed(1)}% of ${expected.length} cells, ${tables.length} → ${scanTables.length} tables, ${seconds.toFixed(1)} s`,
        );
      }
    }
  } finally {
    await pool.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return { skipped: null, pages: results, commit };
}

export function formatScanBench(b: ScanBench): string {
  if (b.skipped) return b.skipped;
  const pct = (v: number) => `${(v * 100).toFixed(1)} %`;
  const rows = b.pages.map((p) => {
    const scanned = p.pages.length > 1 ? ` (scanned ${p.pages[0]}–${p.pages.at(-1)})` : "";
    return `| ${p.file} | ${p.page}${scanned} | ${p.nativeTables} / ${p.nativeCells} | ${p.scanTables} / ${p.scanCells} | ${pct(p.share)} | ${p.seconds.toFixed(1)} |`;
  });
  const expected = b.pages.reduce((s, p) => s + p.nativeCells, 0);
  const identical = b.pages.reduce((s, p) => s + p.identical, 0);
  const seconds = b.pages.reduce((s, p) => s + p.seconds, 0);
  const scannedPages = b.pages.reduce((s, p) => s + p.pages.length, 0);
  const tablesNative = b.pages.reduce((s, p) => s + p.nativeTables, 0);
  const tablesScan = b.pages.reduce((s, p) => s + p.scanTables, 0);
  const noTable = b.pages.filter((p) => p.scanTables === 0 && p.nativeTables > 0).map((p) => `${p.file} p. ${p.page}`);
  const mean = b.pages.length ? b.pages.reduce((s, p) => s + p.share, 0) / b.pages.length : 0;
  const lines = [
    `Pages with at least one table in the text-layer extraction (\`extract(file, { ocr: false })\`) of ${REAL}/*.pdf and ${SEED}, at most ${PER_PDF} per report spread over it, made into synthetic scans: rendered by pdf.js at ${SCAN.dpi} dpi in gray, turned by ${SCAN.angles.map((a) => `${a > 0 ? "+" : "−"}${Math.abs(a)}°`).join(" / ")} alternately, Gaussian noise σ = ${SCAN.noiseSigma} gray levels (seeded), JPEG quality ${SCAN.jpegQuality}, one image per page of a PDF without text. A table running on over the next page is scanned with it (the scan is then two pages or more). Each scan is extracted with OCR (cold: a pool without cache, the engine started beforehand) and its tables starting on the page are compared with the text layer's tables of that page: the multiset of non-empty grid cell texts, headers included (\`agreement\` of test/fixtures/agreement.ts). Tables / cells: counts of each side; seconds: the extraction of the scan${b.commit ? `; extraction code at ${b.commit}` : ""}.`,
    "",
    "| report | page | native tables / cells | scan tables / cells | identical | seconds |",
    "|---|---|---|---|---|---|",
    ...rows,
    "",
    `- overall: **${pct(expected ? identical / expected : 0)}** of ${expected} native grid cells identical in the scans (${identical} cells; mean of the pages ${pct(mean)}); tables ${tablesNative} native, ${tablesScan} from the scans; ${b.pages.length} pages measured, ${scannedPages} scanned, ${seconds.toFixed(1)} s of extraction (${(seconds / Math.max(1, scannedPages)).toFixed(1)} s per scanned page)`,
  ];
  if (noTable.length) lines.push(`- no table found in the scan of: ${noTable.join(", ")}`);
  return lines.join("\n");
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const b = await benchScans();
  console.log(formatScanBench(b));
  for (const p of b.pages)
    if (p.missing.length || p.notes.length) console.error(`${p.file} p${p.page}:`, p.notes, p.missing);
}
