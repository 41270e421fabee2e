// Output files of one report, as bytes-to-be: pure, deterministic (fixed column order, shortest round-trip
// number formatting, no clocks). Writing them to disk happens at the edge (pipeline/write.ts).
import pkg from "../../package.json" with { type: "json" };
import type { Manifest, OutputOptions, Report } from "../../schemas/index.ts";
import { csvChunks, type FileText, jsonChunks, textBytes, textSha256 } from "./emit-text.ts";
import { OUTPUT_TABLES, type OutputTable } from "./emit-spec.ts";
import { dataPackage } from "./datapackage.ts";

export type { FileText } from "./emit-text.ts";

/** The extractor as manifest.json names it: package.json's name and version. */
export const TOOL: Readonly<Manifest["tool"]> = { name: pkg.name, version: pkg.version };

/** The options that change what is extracted, as manifest.json records them (`options`, schemas/manifest.ts). An
 * incremental run redoes a report whose manifest records other options. */
export function outputOptions(options: { ocr: boolean }): OutputOptions {
  return { ocr: options.ocr };
}

type Scalar = string | number | boolean | null | undefined;
const format = (v: Scalar): string =>
  v === null || v === undefined ? "" : typeof v === "number" ? (Number.isFinite(v) ? String(v) : "") : String(v);

export function toCsv(fields: readonly string[], rows: Scalar[][], header = true): FileText {
  return csvChunks(fields, rows.length, (i) => rows[i]!.map(format), header);
}

// A spreadsheet evaluates a cell that starts with = + - @ (or a tab or carriage return before one) as a formula:
// `=cmd|' /C calc'!A0` would run. The printed grids (tables/*.csv) are the files people open in a spreadsheet, so
// such a cell gets a leading apostrophe (OWASP's advice), except a plain signed number ("-1,234.5", "+3.2%"), which
// a spreadsheet reads as a number, not a formula. cells.csv and the other data files keep the exact text.
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(\d[\d,]*)?(\.\d+)?%?$/;

export function spreadsheetSafe(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

function csvOf(table: OutputTable, report: Report): FileText {
  return toCsv(
    table.fields.map((f) => f.name),
    table.rows(report),
  );
}

/** Every output file of a report, keyed by path relative to the report's output folder, in sorted order. */
/** `workbook`: the bytes of tables.xlsx (output/workbook.ts makes them: ExcelJS is asynchronous), when wanted. */
export function emitReport(
  report: Report,
  inputBytes: number,
  options: OutputOptions,
  workbook: Uint8Array | null = null,
): Map<string, FileText> {
  const files = new Map<string, FileText>();
  files.set("report.json", jsonChunks(report));
  for (const table of OUTPUT_TABLES) files.set(table.path, csvOf(table, report));
  for (const t of report.tables)
    files.set(
      `tables/${t.id}.csv`,
      toCsv(
        [],
        t.grid.map((row) => row.map(spreadsheetSafe)),
        false,
      ),
    );
  files.set("datapackage.json", `${JSON.stringify(dataPackage(report), null, 2)}\n`);
  if (workbook) files.set("tables.xlsx", [Buffer.from(workbook)]);
  const outputs = [...files]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([path, text]) => ({ path, sha256: textSha256(text), bytes: textBytes(text) }));
  const manifest: Manifest = {
    tool: TOOL,
    input: { file: report.source.file, sha256: report.source.sha256, bytes: inputBytes, format: report.source.format },
    options: outputOptions(options),
    status: report.problems.some((p) => p.severity === "error") ? "partial" : "success",
    counts: {
      tables: report.tables.length,
      cells: report.tables.reduce((n, t) => n + t.cells.length, 0),
      scores: report.scores.length,
      figures: report.figures.length,
      sections: report.sections.length,
      recommendations: report.recommendations.length,
      problems: report.problems.length,
    },
    outputs,
  };
  files.set("manifest.json", `${JSON.stringify(manifest, null, 2)}\n`);
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : 1)));
}
