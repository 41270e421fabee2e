// tables.xlsx read back with ExcelJS: every cell of cells.csv at its place with its value and type (numbers as
// numbers, percent as percent, the printed text otherwise), headers merged as printed, the caption, source and
// page on top, the first sheet with links, cover facts and problems; and the same bytes on every run.
import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import type { Cell, Report, Table } from "../schemas/index.ts";
import { CONTENTS_SHEET, FIXED_DATE, sheetNames, workbook } from "../pipeline/output/workbook.ts";
import { MAX_FORMATS, sheetValue } from "../pipeline/output/workbook-cells.ts";
import { layoutTable } from "../pipeline/review/table-layout.ts";
import { testCell } from "./support/cells.ts";

const SEED = "out/tianfeng-2024-03-09-llm";
const report = JSON.parse(readFileSync(`${SEED}/report.json`, "utf8")) as Report;
const bytes = await workbook(report);
const book = new ExcelJS.Workbook();
await book.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);

/** Where a body cell lands: rows 1–4 caption, source, page, blank; then the header rows; then the body. */
function address(t: Table, row: number, col: number): { r: number; c: number } {
  const lay = layoutTable(t);
  const at = lay.body.findIndex((b) => b.kind === "row" && b.row === row);
  return { r: 5 + lay.headerRows + at, c: lay.cols.indexOf(col) + 1 };
}

const cell = testCell;

describe("the seed's workbook", () => {
  const names = sheetNames(report.tables);

  it("has the contents sheet first, then one sheet per table named by its caption label", () => {
    expect(book.worksheets.map((w) => w.name)).toEqual([CONTENTS_SHEET, ...report.tables.map((t) => names.get(t.id))]);
    expect(names.get("fig-4")).toBe("图 4");
    expect(names.get("table-1")).toBe("table-1");
  });

  it("holds the value of every cell of cells.csv at its place, numbers as numbers", () => {
    const rows = Papa.parse<Record<string, string>>(readFileSync(`${SEED}/cells.csv`, "utf8"), {
      header: true,
      skipEmptyLines: true,
    }).data;
    expect(rows.length).toBe(report.tables.reduce((s, t) => s + t.cells.length, 0));
    let numbers = 0;
    for (const row of rows) {
      const t = report.tables.find((x) => x.id === row.table_id)!;
      const { r, c } = address(t, Number(row.row), Number(row.col));
      const got = book.getWorksheet(names.get(t.id))!.getCell(r, c);
      const where = `${t.id} r${row.row}c${row.col} "${row.raw}"`;
      const numeric = row.value !== "" && row.value2 === "" && row.missing === "false";
      if (numeric) {
        numbers++;
        expect(typeof got.value, where).toBe("number");
        const percent = row.unit === "%" && row.raw!.includes("%");
        expect(got.value as number, where).toBeCloseTo(Number(row.value) / (percent ? 100 : 1), 9);
        if (percent) expect(got.numFmt, where).toMatch(/%/);
      } else {
        expect(got.value ?? "", where).toBe(row.raw!.trim());
      }
    }
    expect(numbers).toBeGreaterThan(300);
  });

  it("prints a percent cell with its setting and footnote as the report did", () => {
    const t = report.tables.find((x) => x.id === "fig-4")!;
    const c = t.cells.find((x) => x.raw.startsWith("90.04%"))!;
    const { r, c: col } = address(t, c.row, c.col);
    const got = book.getWorksheet("图 4")!.getCell(r, col);
    expect(got.value).toBeCloseTo(0.9004, 12);
    expect(got.numFmt).toBe('0.00%" CoT@32*"');
  });

  it("merges group headers over their columns, and a single-level header down to the last header row", () => {
    const ws = book.getWorksheet("图 33")!;
    const merges = (ws.model as { merges: string[] }).merges;
    expect(ws.getCell("B5").value).toBe("数学");
    expect(ws.getCell("B6").value).toBe("GSM8K");
    expect(ws.getCell("C6").value).toBe("MATH");
    expect(merges).toContain("B5:C5");
    expect(merges).toContain("A5:A6");
  });

  it("puts the caption, source line and page on top", () => {
    const t = report.tables.find((x) => x.id === "fig-4")!;
    const ws = book.getWorksheet("图 4")!;
    expect(ws.getCell("A1").value).toBe(`图 4 ${t.title}`);
    expect(ws.getCell("A2").value).toBe(`Source: ${t.source}`);
    expect(ws.getCell("A3").value).toBe(`Page ${t.page}`);
  });

  it("lists the tables with links, the cover facts and the problems on the first sheet", () => {
    const ws = book.getWorksheet(CONTENTS_SHEET)!;
    const values = ws.getSheetValues().flatMap((r) => (Array.isArray(r) ? [r.slice(1)] : []));
    const link = ws.getCell("A5").value as { text: string; hyperlink: string };
    expect(link).toEqual({ text: "图 3", hyperlink: "#'图 3'!A1" });
    expect(values.some((r) => r[0] === "Broker" && r[1] === report.meta.broker)).toBe(true);
    expect(values.some((r) => r[0] === "Analyst" && String(r[1]).startsWith(report.meta.analysts[0]!.name))).toBe(true);
    const messages = new Set(values.map((r) => r[5]));
    for (const p of report.problems) expect(messages.has(p.message), p.message).toBe(true);
  });
});

describe("deterministic bytes", () => {
  it("gives the same bytes twice, with fixed document and zip dates", async () => {
    expect(Buffer.from(await workbook(report)).equals(Buffer.from(bytes))).toBe(true);
    const zip = await JSZip.loadAsync(bytes);
    for (const f of Object.values(zip.files)) expect(f.date.getTime(), f.name).toBe(FIXED_DATE.getTime());
    const core = await zip.file("docProps/core.xml")!.async("string");
    expect(core).toContain("1980-01-01T00:00:00Z");
    expect(book.created?.getTime()).toBe(FIXED_DATE.getTime());
  });
});

describe("sheetValue", () => {
  const formats = () => new Set<string>();
  it("keeps decimals, thousands separators and negatives in parentheses as printed", () => {
    expect(sheetValue(cell({ raw: "1,234.50", value: 1234.5 }), formats())).toEqual({
      value: 1234.5,
      numFmt: "#,##0.00",
    });
    expect(sheetValue(cell({ raw: "(12.3)", value: -12.3 }), formats())).toEqual({ value: -12.3, numFmt: "0.0;(0.0)" });
    expect(sheetValue(cell({ raw: "42", value: 42 }), formats())).toEqual({ value: 42 });
    expect(sheetValue(cell({ raw: "15.2x", value: 15.2, unit: "x" }), formats())).toEqual({
      value: 15.2,
      numFmt: '0.0"x"',
    });
    expect(sheetValue(cell({ raw: "3.0×10^{-4}", value: 0.0003 }), formats())).toEqual({
      value: 0.0003,
      numFmt: "0.0E+00",
    });
  });

  it("keeps missing markers and compound cells as their printed text", () => {
    expect(sheetValue(cell({ raw: "—", missing: true }), formats())).toEqual({ value: "—" });
    expect(sheetValue(cell({ raw: "", missing: true }), formats())).toEqual({ value: null });
    expect(sheetValue(cell({ raw: "95.8/98.9", value: 95.8, value2: 98.9, value2_relation: "/" }), formats())).toEqual({
      value: "95.8/98.9",
    });
  });

  it("writes the printed text once the workbook has as many custom formats as Excel keeps", () => {
    const full = new Set(Array.from({ length: MAX_FORMATS }, (_, i) => `0"#${i}"`));
    expect(sheetValue(cell({ raw: "1.5 5-shot", value: 1.5, setting: "5-shot" }), full)).toEqual({
      value: "1.5 5-shot",
    });
    expect(sheetValue(cell({ raw: "1.5", value: 1.5 }), new Set(full).add("0.0"))).toEqual({
      value: 1.5,
      numFmt: "0.0",
    });
  });
});
