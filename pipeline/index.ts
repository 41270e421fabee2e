// Public API: extract a report to its data, and write it out. The CLI is a thin layer over these.
export type {
  Report,
  Table,
  Cell,
  Score,
  Meta,
  Figure,
  Section,
  Problem,
  SourceDocument,
  Chart,
  ChartPoint,
  OcrData,
} from "../schemas/index.ts";
export { analyse, extract, extractToDir, type ExtractOptions, type Extraction } from "./extract.ts";
export { emitReport } from "./stages/emit.ts";
export { joinText, type FileText } from "./stages/emit-text.ts";
export { readInput, UnreadableInputError, type ReadOptions } from "./input/read.ts";
export { diffReports } from "./diff/diff.ts";
export { OcrPool, sharedOcrPool, type OcrPoolOptions, type OcrService } from "./ocr/pool.ts";
export { outputName } from "./output/write.ts";
