// The review page without a browser: its pure parts on hand-made tables (header spans, group rows, periods, the
// truth format, problems by table and cell), and whole pages of the committed seed extractions (out/, with the
// PDF in sources/): every table and chart region cropped, the same bytes on every build, the text report without
// crops, the source found by its sha256 or missing with a note.
import { cp, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Problem, Report, Table } from "../schemas/index.ts";
import { doubts, tablesByDoubt } from "../pipeline/review/doubt.ts";
import { reviewFiles } from "../pipeline/review/build.ts";
import { allRegions } from "../pipeline/review/regions.ts";
import { layoutTable, periodOf } from "../pipeline/review/table-layout.ts";
import { truthTable } from "../pipeline/review/truth.ts";
import { testCell } from "./support/cells.ts";

const PDF_OUT = "out/tianfeng-2024-03-09-llm";
const TEXT_OUT = "out/tianfeng-2024-03-09-llm-text";
const seed = JSON.parse(await readFile(`${PDF_OUT}/report.json`, "utf8")) as Report;
const scratch: string[] = [];
afterAll(async () => {
  for (const d of scratch) await rm(d, { recursive: true, force: true });
});
const temp = async () => {
  const d = await mkdtemp(join(tmpdir(), "review-"));
  scratch.push(d);
  return d;
};

/** A table with a two-level header (A over a1 a2, then b alone) and rows in two groups. */
function grouped(): Table {
  const columns = [
    { col: 0, path: ["Item"], role: "label" as const },
    { col: 1, path: ["A", "a1"], role: "data" as const },
    { col: 2, path: ["A", "a2"], role: "data" as const },
    { col: 3, path: ["2025E"], role: "data" as const },
  ];
  const rows = [
    { row: 0, path: ["G1", "x"], split_from: null },
    { row: 1, path: ["G1", "y"], split_from: null },
    { row: 2, path: ["G2", "z"], split_from: null },
  ];
  const cells = rows.flatMap((r) =>
    columns.slice(1).map((c) =>
      testCell({
        row: r.row,
        col: c.col,
        row_header: r.path,
        col_header: c.path,
        raw: `${r.row}${c.col}`,
        value: r.row * 10 + c.col,
      }),
    ),
  );
  return {
    id: "tab-1",
    label: "表 1",
    title: "t",
    page: 3,
    line: null,
    source: null,
    notes: [],
    unit: null,
    header_rows: 2,
    columns,
    rows,
    grid: [],
    cells,
    box: null,
  };
}

describe("layoutTable", () => {
  it("merges a group header over its columns and takes a lone header down to the last header row", () => {
    const lay = layoutTable(grouped());
    expect(lay.headerRows).toBe(2);
    expect(lay.header).toEqual([
      { text: "Item", row: 0, col: 0, rowSpan: 2, colSpan: 1 },
      { text: "A", row: 0, col: 1, rowSpan: 1, colSpan: 2 },
      { text: "2025E", row: 0, col: 3, rowSpan: 2, colSpan: 1 },
      { text: "a1", row: 1, col: 1, rowSpan: 1, colSpan: 1 },
      { text: "a2", row: 1, col: 2, rowSpan: 1, colSpan: 1 },
    ]);
  });

  it("puts a group row where the outer row path changes, and the leaf label in the label column", () => {
    const body = layoutTable(grouped()).body.map((b) =>
      b.kind === "group" ? `group ${b.label}` : `${b.labels.join("|")}: ${b.cells.map((c) => c?.raw ?? "-").join(" ")}`,
    );
    expect(body).toEqual(["group G1", "x: - 01 02 03", "y: - 11 12 13", "group G2", "z: - 21 22 23"]);
  });

  it("finds a cell's period in its column header, else its row header", () => {
    expect(periodOf({ col_header: ["Revenue", "2025E"], row_header: ["x"] })).toBe("2025E");
    expect(periodOf({ col_header: ["Old"], row_header: ["1Q26E"] })).toBe("1Q26E");
    expect(periodOf({ col_header: ["Old"], row_header: ["x"] })).toBeNull();
  });
});

describe("truthTable", () => {
  it("writes the structure in the fixtures' truth format: one cell per body row and data column", () => {
    const t = truthTable(grouped());
    expect(t).toMatchObject({
      label: "表1",
      page: 3,
      header_rows: 2,
      body_rows: 3,
      cols: 4,
      row_header: "Item",
      section_rows: ["G1", "G2"],
    });
    expect(t.columns[0]).toEqual({ key: "A / a1", header_pieces: ["A", "a1"] });
    expect(t.rows[0]).toEqual({ key: "G1 / x", label: "x" });
    expect(t.cells.length).toBe(t.body_rows * (t.cols - 1));
    expect(t.cells[0]).toEqual({ row: "G1 / x", col: "A / a1", raw: "01" });
  });
});

describe("doubts", () => {
  const problem = (severity: Problem["severity"], where: string): Problem => ({
    code: "x/y",
    severity,
    stage: "checks",
    source: "f",
    page: 1,
    line: null,
    where,
    message: "m",
  });
  it("files problems under their table and cell, and orders the most doubtful tables first", () => {
    const a = { ...grouped(), id: "tab-1" };
    const b = { ...grouped(), id: "tab-2" };
    const report = {
      ...seed,
      tables: [a, b],
      charts: [],
      problems: [problem("info", "tab-1 r0c1"), problem("error", "tab-2"), problem("warning", "fig-9 2021Q2")],
    };
    const d = doubts(report);
    expect(d.tables.get("tab-1")!.cells.get("0,1")!.length).toBe(1);
    expect(d.tables.get("tab-1")!.level).toBe("info");
    expect(d.tables.get("tab-2")!.level).toBe("error");
    expect(d.counts).toEqual({ error: 1, warning: 1, info: 1 });
    expect(tablesByDoubt(report, d).map((t) => t.id)).toEqual(["tab-2", "tab-1"]);
  });
});

describe("the seed PDF's page", async () => {
  const out = await temp();
  const page = await reviewFiles(PDF_OUT, { out });
  const html = Buffer.from(page.files.get("index.html")!).toString("utf8");

  it("finds the source PDF in sources/ by its sha256 and crops every table region, chart and the cover", () => {
    expect(page.note).toBeNull();
    expect(page.source).toMatch(/sources\/tianfeng-2024-03-09-llm\.pdf$/);
    const images = [...page.files.keys()].filter((f) => f.startsWith("img/")).sort();
    expect(images).toEqual(
      allRegions(seed)
        .map((r) => `img/${r.name}.png`)
        .sort(),
    );
    for (const f of images) expect(Buffer.from(page.files.get(f)!).subarray(1, 4).toString(), f).toBe("PNG");
    // no time or text chunk in the PNGs
    for (const f of images) expect(Buffer.from(page.files.get(f)!).includes("tIME"), f).toBe(false);
  });

  it("draws a box for every cell that has one, and the extracted series over every bar chart", () => {
    const boxes = seed.tables.reduce((s, t) => s + t.cells.filter((c) => c.box).length, 0);
    expect(html.match(/<rect class="cell /g)?.length).toBe(boxes);
    for (const c of (seed.charts ?? []).filter((x) => x.kind === "bar")) {
      const article = html.slice(html.indexOf(`id="c-${c.figure_id}"`));
      expect(article.slice(0, article.indexOf("</article>")), c.figure_id).toContain('<polyline class="series"');
    }
  });

  it("gives the same bytes on a second build, images included", async () => {
    const again = await reviewFiles(PDF_OUT, { out });
    expect([...again.files.keys()]).toEqual([...page.files.keys()]);
    for (const [path, bytes] of page.files)
      expect(Buffer.from(again.files.get(path)!).equals(Buffer.from(bytes)), path).toBe(true);
  });
});

describe("the text report's page", () => {
  it("has no crops: each table beside its text as printed", async () => {
    const page = await reviewFiles(TEXT_OUT);
    expect([...page.files.keys()].sort()).toEqual(["index.html", "review.css", "review.js"]);
    const html = Buffer.from(page.files.get("index.html")!).toString("utf8");
    expect(html).toContain("A text input has no page images");
    expect(html.match(/<table class="as-printed">/g)?.length).toBe(seed.tables.length);
  });
});

describe("finding the source PDF", () => {
  it("builds without crops and says why when the PDF is not beside the folder, and finds it with --source", async () => {
    const dir = join(await temp(), "out", "tianfeng-2024-03-09-llm");
    await cp(PDF_OUT, dir, { recursive: true, dereference: true });
    const lost = await reviewFiles(dir);
    expect(lost.note).toMatch(/source PDF tianfeng-2024-03-09-llm\.pdf .* was not found.*--source FILE/);
    expect([...lost.files.keys()].some((f) => f.startsWith("img/"))).toBe(false);
    expect(Buffer.from(lost.files.get("index.html")!).toString()).toContain("No crop: the source PDF was not found");
    const wrong = await reviewFiles(dir, { sources: ["sources/tianfeng-2024-03-09-llm-text.txt"] });
    expect(wrong.note).toMatch(/has other bytes/);
    const found = await reviewFiles(dir, { sources: ["sources"] });
    expect(found.note).toBeNull();
  });
});
