// The review page and the workbook of reports nobody wrote for this project: the scanned excerpt of the seed (its
// pages recognised by OCR, cells with confidence) and a corpus report. Each is extracted into a temporary folder
// and its page built with the PDF found by --source: a crop for every table region, chart and the cover, the
// summary counts of report.json, the same bytes twice; the workbook holds a sheet per table. Skipped when
// ../shared is absent; under CI=1 that fails instead.
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";
import { extractToDir } from "../pipeline/index.ts";
import { workbook } from "../pipeline/output/workbook.ts";
import { reviewFiles } from "../pipeline/review/build.ts";
import { allRegions } from "../pipeline/review/regions.ts";

const REPORTS = [
  { name: "the scanned excerpt", path: "../shared/fixtures/seed/tianfeng-2024-03-09-llm.scan-p5-8.pdf", ocr: true },
  { name: "a corpus report", path: "../shared/fixtures/corpus/zh/gf-2017-cgo.pdf", ocr: false },
];
const absent = REPORTS.filter((r) => !existsSync(r.path)).map((r) => r.path);
const scratch: string[] = [];
afterAll(async () => {
  for (const d of scratch) await rm(d, { recursive: true, force: true });
});

if (absent.length) {
  const reason = `${absent.join(", ")} absent (shared fixtures are outside the repository)`;
  if (!process.env.CI) console.warn(`review-real: skipped: ${reason}`);
  describe("review pages of real reports", () => {
    if (process.env.CI)
      it("needs ../shared: CI is set", () => {
        throw new Error(`the shared fixtures are required here (CI is set): ${reason}`);
      });
    else it.skip(`skipped: ${reason}`, () => undefined);
  });
}

describe.skipIf(absent.length > 0).each(REPORTS)("the review page of $name", ({ path, ocr }) => {
  it("crops every region, counts as report.json does, gives the same bytes twice, and a workbook", async () => {
    const out = await mkdtemp(join(tmpdir(), "review-real-"));
    scratch.push(out);
    const { report, dir } = await extractToDir(path, out, { ...(!ocr && { ocr: false }) });
    const page = await reviewFiles(dir, { sources: [dirname(path)] });
    expect(page.note).toBeNull();
    const images = [...page.files.keys()].filter((f) => f.startsWith("img/")).sort();
    expect(images).toEqual(
      allRegions(report)
        .map((r) => `img/${r.name}.png`)
        .sort(),
    );
    const html = Buffer.from(page.files.get("index.html")!).toString("utf8");
    const count = (k: string) => Number(new RegExp(`data-count="${k}">(\\d+)<`).exec(html)?.[1]);
    expect(count("tables")).toBe(report.tables.length);
    expect(count("cells")).toBe(report.tables.reduce((s, t) => s + t.cells.length, 0));
    expect(count("errors")).toBe(report.problems.filter((p) => p.severity === "error").length);
    expect(html.match(/<rect class="cell /g)?.length ?? 0).toBe(
      report.tables.reduce((s, t) => s + t.cells.filter((c) => c.box).length, 0),
    );
    if (ocr) expect(report.tables.some((t) => t.cells.some((c) => c.confidence !== undefined))).toBe(true);
    if (ocr) expect(html).toContain("lowest OCR confidence");
    const again = await reviewFiles(dir, { sources: [dirname(path)] });
    for (const [f, bytes] of page.files)
      expect(Buffer.from(again.files.get(f)!).equals(Buffer.from(bytes)), f).toBe(true);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await workbook(report)) as unknown as ArrayBuffer);
    expect(book.worksheets.length).toBe(report.tables.length + 1);
  }, 300_000);
});
