// Public API: extract a report to its data, and write it out. The CLI is a thin layer over these.
import type { Report } from "../schemas/index.ts";
import { buildReport } from "./run.ts";
import { loadSource, type LoadOptions } from "./source.ts";
import { emitReport, type FileText } from "./stages/emit.ts";
import { outputName, writeAtomically } from "./write.ts";

export type { Report, Table, Cell, Score, Meta, Figure, Section, Problem, SourceDocument, Chart, ChartPoint, OcrData } from "../schemas/index.ts";
export { buildReport } from "./run.ts";
export { emitReport } from "./stages/emit.ts";
export { joinText, type FileText } from "./stages/emit-text.ts";
export { loadSource, UnreadableInputError, type LoadOptions } from "./source.ts";
export { diffReports } from "./diff/index.ts";
export { OcrPool, sharedOcrPool, type OcrPoolOptions, type OcrService } from "./stages/ocr/index.ts";

export interface Extraction {
  report: Report;
  /** Output files by path in the report's folder; large ones as chunks (joinText makes one string). */
  files: Map<string, FileText>;
}

/** Read one report file and extract everything from it (no output written). */
export async function extract(path: string, options: LoadOptions = {}): Promise<Extraction> {
  const { doc, bytes, ocr } = await loadSource(path, options);
  const report = buildReport(doc, ocr);
  return { report, files: emitReport(report, bytes, { ocr: options.ocr !== false }) };
}

/** Extract one report and write its folder `outDir/NAME/` atomically; returns the folder. */
export async function extractToDir(path: string, outDir: string, options: LoadOptions = {}): Promise<Extraction & { dir: string }> {
  const result = await extract(path, options);
  const dir = await writeAtomically(outDir, outputName(path), result.files);
  return { ...result, dir };
}

export { outputName };
