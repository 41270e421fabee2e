// The scanned excerpt (pages 5–8 of the seed PDF as gray JPEGs, slightly rotated, no text layer): its pages are
// recognised, straightened and laid out by the ordinary PDF code; its tables are compared with the text
// extraction of the same report. Skips when ../shared is absent.
import { existsSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { extract, type Report } from "../pipeline/index.ts";
import { agreement } from "./fixtures/agreement.ts";

const SCAN = "../shared/fixtures/seed/tianfeng-2024-03-09-llm.scan-p5-8.pdf";
const TEXT = "../shared/fixtures/seed/tianfeng-2024-03-09-llm-text.txt";
const PDF = "../shared/fixtures/seed/tianfeng-2024-03-09-llm.pdf";
const present = existsSync(SCAN) && existsSync(TEXT) && existsSync(PDF);
if (!present)
  console.warn(`skipping the scanned-page test: ${SCAN} is absent (shared fixtures are outside the repository)`);

type Tbl = Report["tables"][number];
const key = (t: Tbl, c: Tbl["cells"][number]) =>
  [t.label, c.row_header.join(" / "), c.col_header.join(" / "), c.raw].join(" | ");

describe.skipIf(!present)("scanned pages", () => {
  let scan: Report;
  let text: Report;
  beforeAll(async () => {
    [scan, text] = [(await extract(SCAN)).report, (await extract(TEXT)).report];
  }, 300_000);

  it("recognises every page (no text layer) and says so, with straightening and confidence", () => {
    const notes = scan.problems.filter((p) => p.code === "ocr/page-recognised");
    expect(notes.map((p) => p.page)).toEqual([1, 2, 3, 4]);
    expect(scan.problems.filter((p) => p.code === "text/no-text-layer")).toEqual([]);
    for (const n of notes) expect(n.message).toMatch(/straightened by -?\d/);
  });

  it("rebuilds captions, the list of figures' labels and tables from the words, 图 3 and 图 6 across a page break", () => {
    expect(scan.figures.map((f) => f.label)).toEqual(
      expect.arrayContaining(["图 1", "图 2", "图 3", "图 4", "图 5", "图 6"]),
    );
    const labels = scan.tables.map((t) => t.label);
    expect(labels).toEqual(["图 3", "图 4", "图 6", "图 7"]);
    // Both parts of the tables split over two pages are joined, into as many rows as the text version has.
    const rows = (r: Report) =>
      ["图 3", "图 6"].map((l) => r.tables.filter((t) => t.label === l).map((t) => t.grid.length));
    expect(rows(scan)).toEqual(rows(text));
  });

  it("every cell read from the scan carries its confidence; low ones are problems", () => {
    const cells = scan.tables.flatMap((t) => t.cells.filter((c) => !c.missing));
    expect(cells.length).toBeGreaterThan(50);
    for (const c of cells) {
      expect(c.confidence).toBeGreaterThanOrEqual(0);
      expect(c.confidence).toBeLessThanOrEqual(1);
    }
    const low = cells.filter((c) => c.confidence! < 0.6).length;
    expect(scan.problems.filter((p) => p.code === "ocr/low-confidence")).toHaveLength(low);
  });

  // The scan is pages 5–8 of the seed PDF: its tables are those the PDF extraction places there (the text
  // version's page numbers run one page behind from page 7 on).
  const scannedLabels = async () =>
    (await extract(PDF, { ocr: false })).report.tables
      .filter((t) => t.page !== null && t.page >= 5 && t.page <= 8)
      .map((t) => t.label);

  it("≥ 90% of the cells of the scanned tables are identical to the text extraction's (every grid cell, headers included)", async () => {
    const labels = await scannedLabels();
    expect(labels).toEqual(["图 3", "图 4", "图 6", "图 7"]);
    const cells = (r: Report) =>
      r.tables
        .filter((t) => labels.includes(t.label))
        .flatMap((t) =>
          t.grid
            .flat()
            .filter((x) => x.trim() !== "")
            .map((x) => `${t.label} | ${x}`),
        );
    const expected = cells(text);
    const { share, missing } = agreement(expected, cells(scan));
    console.log(
      `scan vs text, grid cells of ${labels.join(", ")}: ${(share * 100).toFixed(1)}% of ${expected.length} identical`,
      missing,
    );
    expect(share).toBeGreaterThanOrEqual(0.9);
  });

  it("measures body cells identical with their row and column headers (a misread label costs its whole row)", async () => {
    const labels = await scannedLabels();
    const expected = text.tables.filter((t) => labels.includes(t.label)).flatMap((t) => t.cells.map((c) => key(t, c)));
    const { share, missing } = agreement(
      expected,
      scan.tables.flatMap((t) => t.cells.map((c) => key(t, c))),
    );
    console.log(
      `scan vs text on pages 5–8 (${labels.join(", ")}): ${(share * 100).toFixed(1)}% of ${expected.length} body cells identical with their headers`,
      missing.slice(0, 5),
    );
    expect(share).toBeGreaterThanOrEqual(0.7);
  });
});
