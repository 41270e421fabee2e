// The stage list: everything that happens to one report, in order — the one place that knows the order.
//
//   read → ocr │ layout → contents → meta → tables → normalize → checks → scores → recommendations → charts
//   → validate │ emit            (with the workbook of output/workbook.ts; then output/write.ts puts the files on disk)
//
// read and ocr are the input edge (the file system, pdf.js, the OCR engines and their cache); every stage after
// them is a pure function of data. Each stage returns what it made and what it found (`Staged`); the ProblemLog
// files every problem under the name of the stage that found it (schemas/problem.ts `Stage`: the same list).
import { basename } from "node:path";
import type { OcrData, PdfPage, Report, SourceDocument } from "../schemas/index.ts";
import { type Input, readInput, type ReadOptions } from "./input/read.ts";
import type { OcrService } from "./ocr/pool.ts";
import { type Recognised, recognisePdf } from "./ocr/recognise.ts";
import { sharedOcrPool } from "./ocr/pool.ts";
import { workbook } from "./output/workbook.ts";
import { outputName, writeAtomically } from "./output/write.ts";
import { ProblemLog, staged, type Staged } from "./problems.ts";
import { StageClock, type StageTiming, stageRunner } from "./timings.ts";
import { buildCharts, chartContext } from "./stages/charts.ts";
import { emitReport, type FileText } from "./stages/emit.ts";
import { readContents } from "./stages/layout/contents.ts";
import { pdfToDocument } from "./stages/layout/pdf-document.ts";
import { coverLines, readCover } from "./stages/meta.ts";
import { normalizeTables } from "./stages/normalize/tables.ts";
import { findRecommendations } from "./stages/recommendations.ts";
import { findScores } from "./stages/scores.ts";
import { checkTables } from "./stages/tables/checks.ts";
import { structureTables } from "./stages/tables/index.ts";
import { validateReport } from "./stages/validate.ts";

export interface ExtractOptions extends ReadOptions {
  /** OCR of scanned pages and raster figures: the pool to use (a batch shares one and closes it at the end), or
   * false for none. Default: a pool shared by the process whose workers end after a second without work. */
  ocr?: OcrService | false;
}

export interface Extraction {
  report: Report;
  /** Output files by path in the report's folder; large ones as chunks (joinText makes one string). */
  files: Map<string, FileText>;
  /** Each stage's wall time and the memory after it, in stage order (for the run log, not the output). */
  timings: StageTiming[];
}

/** Read one report file and extract everything from it (no output written). `clock` receives each stage's wall
 * time and memory (for the run log; never part of the output). */
export async function extract(
  path: string,
  options: ExtractOptions = {},
  clock = new StageClock(),
): Promise<Extraction> {
  const log = new ProblemLog(basename(path));
  const stage = stageRunner(log, clock);
  const input = await stage("read", () => readInput(path, options));
  const recognised = await stage("ocr", async () => recognise(input, options));
  const doc = stage("layout", () => layout(input, recognised));
  const report = analyse(doc, recognised?.ocr ?? null, log, input.format === "pdf" ? input.pages : [], clock);
  const book = await clock.time("workbook", () => workbook(report));
  const files = clock.time("emit", () => emitReport(report, input.size, { ocr: options.ocr !== false }, book));
  return { report, files, timings: clock.timings };
}

/** The pure stages, from the source document (and what OCR read in its images) to the validated report. */
export function analyse(
  doc: SourceDocument,
  ocr: OcrData | null = null,
  log = new ProblemLog(doc.file),
  pages: PdfPage[] = [],
  clock = new StageClock(),
): Report {
  const stage = stageRunner(log, clock);
  const contents = stage("contents", () => readContents(doc.blocks));
  const cover = coverLines(contents);
  const meta = stage("meta", () => readCover(contents, pages));
  const structured = stage("tables", () => structureTables(contents.tables));
  const typed = stage("normalize", () => normalizeTables(structured, ocr?.pages ?? []));
  const tables = stage("checks", () => checkTables(typed, pages, contents.figures));
  const figures = contents.figures.map((f) => ({
    ...f,
    table_id: tables.find((t) => t.label === f.label)?.id ?? null,
  }));
  const scores = stage("scores", () => findScores(tables));
  const recommendations = stage("recommendations", () => findRecommendations(contents, cover));
  const charts = stage("charts", () =>
    buildCharts(ocr?.images ?? [], chartContext(contents, figures), pages, ocr?.outlines ?? []),
  );
  const source = { file: doc.file, sha256: doc.sha256, format: doc.format, encoding: doc.encoding, pages: doc.pages };
  const draft: Report = {
    schema_version: 1,
    source,
    meta,
    sections: contents.sections,
    figures,
    tables,
    scores,
    recommendations,
    charts,
    problems: [...log.problems],
  };
  const valid = stage("validate", () => validateReport(draft));
  return { ...valid, problems: [...log.problems] };
}

/** Extract one report and write its folder `outDir/NAME/` atomically; returns the folder. */
export async function extractToDir(
  path: string,
  outDir: string,
  options: ExtractOptions = {},
): Promise<Extraction & { dir: string }> {
  const clock = new StageClock();
  const result = await extract(path, options, clock);
  const dir = await clock.time("write", () => writeAtomically(outDir, outputName(path), result.files));
  return { ...result, dir };
}

/** The ocr stage: a PDF's scanned pages and raster images recognised; nothing for text, or with OCR off. */
function recognise(input: Input, options: ExtractOptions): Promise<Staged<Recognised | null>> | Staged<null> {
  if (input.format !== "pdf" || options.ocr === false) return staged(null);
  return recognisePdf(input.bytes, input.pages, input.file, {
    pool: options.ocr ?? sharedOcrPool(),
    password: options.password,
  });
}

/** The layout stage: a PDF's pages (the recognised ones with OCR's words) → lines and table grids in reading
 * order; a text report's document is already laid out. */
function layout(input: Input, recognised: Recognised | null): Staged<SourceDocument> {
  if (input.format !== "pdf") return staged(input.doc);
  return pdfToDocument(recognised?.pages ?? input.pages, input);
}
