// Tables whose rules are drawn whole, as a scan shows them (no splits at the cell borders, no vertical rules):
// columns from the gutters of the text, a header band whose body is on the next page, group labels in a column
// of their own, captions and source lines that end a table. Small constructed pages (PDF points, y down).
import { describe, expect, it } from "vitest";
import type { PdfPage, PdfRect, PdfRun } from "../schemas/index.ts";
import { findTables, mergeAcrossPages, type PdfTable } from "../pipeline/stages/tables/pdf-tables.ts";
import { isCjk } from "../pipeline/stages/tables/pdf-text.ts";

const SIZE = 9;
const width = (text: string, size = SIZE) => Array.from(text).reduce((w, ch) => w + (isCjk(ch) ? size : 0.5 * size), 0);
const run = (text: string, x0: number, top: number, size = SIZE): PdfRun => ({
  text,
  x0,
  y0: top,
  x1: x0 + width(text, size),
  y1: top + size,
  size,
  font: "ocr",
});
const hrule = (y: number, x0 = 50, x1 = 540): PdfRect => ({ x0, y0: y, x1, y1: y + 0.7, op: "fill" });
const shade = (y0: number, y1: number): PdfRect => ({ x0: 50, y0, x1: 540, y1, op: "fill" });
const page = (n: number, runs: PdfRun[], rects: PdfRect[]): PdfPage => ({
  page: n,
  width: 595,
  height: 842,
  runs,
  rects,
  images: [],
});
const texts = (t: PdfTable) => t.rows.map((r) => r.map((c) => c.text));

/** A label column and a wide description column whose text wraps over lines as wide as most of the table. */
const described = (top: number, rows: [string, string[]][]) => {
  const runs: PdfRun[] = [];
  const rects: PdfRect[] = [];
  let y = top;
  for (const [label, lines] of rows) {
    const h = 12 * lines.length + 6;
    runs.push(run(label, 55, y + h / 2 - 5));
    lines.forEach((l, i) => runs.push(run(l, 120, y + 4 + 12 * i)));
    y += h;
    rects.push(hrule(y));
  }
  return { runs, rects, bottom: y };
};
const LONG = "x".repeat(150); // 675 pt of text wrapped into 3 lines of about 400 pt each
const lines3 = (s: string) => [s.slice(0, 50) + " " + "a".repeat(40), "b".repeat(80), "c".repeat(30)];

describe("tables ruled with whole rules (a scan)", () => {
  it("takes the columns from the gutter between label and wrapped description, not from rule splits", () => {
    const { runs, rects } = described(100, [
      ["Ultra", lines3(LONG)],
      ["Pro", lines3(LONG)],
      ["Nano", lines3(LONG)],
    ]);
    const tables = findTables(page(1, runs, [hrule(100), ...rects]));
    expect(tables).toHaveLength(1);
    expect(texts(tables[0]!).map((r) => r[0])).toEqual(["Ultra", "Pro", "Nano"]);
    expect(tables[0]!.rows.every((r) => r.length === 2 && r[1]!.text.startsWith("xxx"))).toBe(true);
  });

  it("joins a header band at the foot of one page to the rows at the top of the next, and no lone band", () => {
    // Page 1: a caption, then the shaded header band between a rule and the shade's bottom edge; nothing below.
    const head = page(
      1,
      [
        run("正文的最后一行文字在这里结束。", 50, 700),
        run("图 3：三种等级", 50, 730),
        run("Model", 58, 748),
        run("Model description", 250, 753),
        run("size", 60, 758),
      ],
      [hrule(742), shade(743, 770)],
    );
    // Page 2: the body rows at the top of the page, separated by whole rules, then prose.
    const { runs, rects, bottom } = described(60, [
      ["Ultra", lines3(LONG)],
      ["Pro", lines3(LONG)],
      ["Nano", lines3(LONG)],
    ]);
    const body = page(2, [...runs, run("其后是正文。".repeat(10), 50, bottom + 40)], rects);
    const parts = [...findTables(head), ...findTables(body)];
    expect(parts.find((t) => t.page === 1)?.provisional).toBe(true);
    const merged = mergeAcrossPages(
      parts,
      new Map([
        [1, 842],
        [2, 842],
      ]),
    );
    expect(merged).toHaveLength(1);
    expect(texts(merged[0]!).map((r) => r[0])).toEqual(["Model size", "Ultra", "Pro", "Nano"]);
    expect(merged[0]!.rows[0]![1]!.text).toBe("Model description");
    expect(merged[0]!.continued).toBe(true);
    // Alone, the header band is no table: its text stays with the page.
    expect(mergeAcrossPages(findTables(head), new Map([[1, 842]]))).toEqual([]);
  });

  it("gives a group label printed left of every other cell a column of its own, though its line has few cells", () => {
    // Runs as OCR placed them on a scanned page (the top of a table continued from the page before): row 2's
    // cells are centred on its two lines, so the group label shares a line with one value only.
    const R = (text: string, x0: number, y0: number, x1: number, y1: number, size: number): PdfRun => ({
      text,
      x0,
      y0,
      x1,
      y1,
      size,
      font: "ocr",
    });
    const runs = [
      R("Natural2Code chat preamble* (Metric: pass rate).", 138.2, 67.49, 316.03, 76.33, 8.84),
      R("69.6% 0-shot", 334.6, 67.49, 382.09, 76.33, 8.84),
      R("74.9% 0-shot", 400.31, 67.49, 447.44, 76.33, 8.84),
      R("77.7% 0-shot", 475.65, 67.49, 523.15, 76.33, 8.84),
      R("WMT23: sentence-level machine translation (Metric:", 132.13, 83.33, 321.39, 91.68, 8.35),
      R("71.73 (PT) 1-", 335.67, 83.33, 380.66, 91.68, 8.35),
      R("74.41 (PT) 1-", 401.38, 83.33, 446.37, 91.68, 8.35),
      R("Multilinguality", 55.71, 88.8, 108.2, 97.86, 9.05),
      R("75.20 1-shot", 477.08, 88.8, 521.36, 97.86, 9.05),
      R("BLEURT). (Tom et al., 2023)", 178.19, 97.35, 276.04, 105.65, 8.3),
      R("shot", 350.31, 97.35, 366.02, 105.65, 8.3),
      R("shot", 416.02, 97.35, 431.73, 105.65, 8.3),
      R("MGSMT: multilingual math reasoning. (Shi et al.,", 139.27, 111.57, 314.96, 120.41, 8.84),
      R("63.45% 8-shot", 332.46, 111.57, 384.59, 120.41, 8.84),
      R("78.95% 8-shot", 398.16, 111.57, 449.58, 120.41, 8.84),
      R("88.73% 8-shot", 473.51, 116.87, 525.29, 126.2, 9.33),
      R("2023b)", 214.62, 125.66, 238.9, 133.96, 8.3),
      R("(PT)", 351.38, 125.66, 364.95, 133.96, 8.3),
      R("(PT)", 417.09, 125.66, 430.66, 133.96, 8.3),
    ];
    const [table] = findTables(
      page(
        1,
        runs,
        [63.8, 79.57, 107.88, 136.19].map((y) => hrule(y, 53.5, 541.7)),
      ),
    );
    expect(texts(table!)).toEqual([
      ["", "Natural2Code chat preamble* (Metric: pass rate).", "69.6% 0-shot", "74.9% 0-shot", "77.7% 0-shot"],
      [
        "Multilinguality",
        "WMT23: sentence-level machine translation (Metric: BLEURT). (Tom et al., 2023)",
        "71.73 (PT) 1-shot",
        "74.41 (PT) 1-shot",
        "75.20 1-shot",
      ],
      [
        "",
        "MGSMT: multilingual math reasoning. (Shi et al., 2023b)",
        "63.45% 8-shot (PT)",
        "78.95% 8-shot (PT)",
        "88.73% 8-shot",
      ],
    ]);
  });

  it("ends a table at its source line even when OCR gaps make that line look like cells", () => {
    const runs: PdfRun[] = [];
    const rects: PdfRect[] = [hrule(100)];
    for (let i = 0; i < 3; i++) {
      runs.push(
        run(`Row ${i + 1}`, 55, 104 + 20 * i),
        run(`${i}.5%`, 300, 104 + 20 * i),
        run(`${i}.7%`, 450, 104 + 20 * i),
      );
      rects.push(hrule(120 + 20 * i));
    }
    // The source line in pieces (OCR words apart), then a caption and a second table ruled the same way.
    runs.push(
      run("资料来源", 50, 166),
      run("：《Some Paper》", 92, 166),
      run("（作者 Somebody），天", 300, 166),
      run("图 7：第二张表", 50, 190),
    );
    for (let i = 0; i < 3; i++) {
      runs.push(
        run(`Item ${i + 1}`, 55, 214 + 20 * i),
        run(`${i}.1`, 300, 214 + 20 * i),
        run(`${i}.2`, 450, 214 + 20 * i),
      );
      rects.push(hrule(230 + 20 * i));
    }
    const tables = findTables(page(1, runs, [...rects, hrule(210)]));
    expect(tables.map((t) => texts(t).map((r) => r[0]))).toEqual([
      ["Row 1", "Row 2", "Row 3"],
      ["Item 1", "Item 2", "Item 3"],
    ]);
  });
  it("puts a column boundary where a header closer-set than the body leaves room, not in the middle of the body's gap", () => {
    const runs = [run("t 均值", 230, 104), run("因子收益率均值", 264, 104), run("IC", 400, 104)];
    [
      ["沪深 300", "0.71", "0.29%", "0.42"],
      ["中证 500", "0.50", "0.17%", "0.33"],
      ["全 A 股", "1.14", "0.13%", "0.25"],
    ].forEach((r, i) => {
      const y = 124 + 16 * i;
      runs.push(run(r[0]!, 55, y), run(r[1]!, 236, y), run(r[2]!, 296, y), run(r[3]!, 400, y));
    });
    const [table] = findTables(page(1, runs, [hrule(100), hrule(118), hrule(172)]));
    expect(texts(table!)[0]).toEqual(["", "t 均值", "因子收益率均值", "IC"]);
  });
  it("reads a narrow table whose number columns are only half an em apart as a table, not as prose", () => {
    // A sidebar's price table as OCR placed it: "7.18" and "32.88" 4.7 pt apart (half the type size).
    const R = (text: string, x0: number, x1: number, y0: number): PdfRun => ({
      text,
      x0,
      y0,
      x1,
      y1: y0 + 9.5,
      size: 9.1,
      font: "ocr",
    });
    const runs = [
      R("沪深 300 对比", 29.2, 86.8, 405.5),
      R("1M", 106.6, 124.6, 405.5),
      R("2M", 140.8, 159.5, 405.5),
      R("3M", 178.6, 191.2, 405.5),
      R("绝对涨幅(%)", 29.2, 83.5, 418.5),
      R("7.18", 100.4, 124.9, 418.5),
      R("32.88", 129.6, 159.5, 418.5),
      R("80.86", 167.0, 191.5, 418.5),
      R("相对涨幅(%)", 29.2, 83.5, 431.5),
      R("8.10", 103.3, 122.0, 431.5),
      R("25.93", 132.5, 156.6, 431.5),
      R("78.39", 167.4, 191.5, 431.5),
    ];
    const [table, ...rest] = findTables(
      page(1, runs, [hrule(403.2, 26.3, 193.3), hrule(416.5, 26.3, 193.3), hrule(443.2, 26.3, 193.3)]),
    );
    expect(rest).toEqual([]);
    expect(texts(table!)).toEqual([
      ["沪深 300 对比", "1M", "2M", "3M"],
      ["绝对涨幅(%)", "7.18", "32.88", "80.86"],
      ["相对涨幅(%)", "8.10", "25.93", "78.39"],
    ]);
  });
  it("keeps a wrapped cell whose first line falls a little short of the column's widest text in its ruled row", () => {
    // The benchmark column's widest text is 47 characters (211.5 pt); the wrapped cell's first line is 40 (180 pt)
    // and its second starts with "(Chen" (22.5 pt): 205 pt, short of the widest by less than an em — as a scan
    // measures a line that was full.
    const rows: [string, string, string][] = [
      ["Math", "Hellaswag common sense multiple choice question", "84.7%"],
      ["Coding", "HumanEval chat preamble (Metric: pass r)", "67.7%"],
      ["Code2", "Natural2Code chat preamble", "69.6%"],
    ];
    const runs: PdfRun[] = [];
    [104, 122, 150].forEach((y, i) => {
      const [a, b, c] = rows[i]!;
      runs.push(run(a, 55, y), run(b, 120, y), run(c, 400, y));
    });
    runs.push(run("(Chen et al.)", 120, 133));
    const rects = [hrule(100), hrule(118), hrule(146), hrule(164)];
    const [table] = findTables(page(1, runs, rects));
    expect(texts(table!).map((r) => r[1])).toEqual([
      "Hellaswag common sense multiple choice question",
      "HumanEval chat preamble (Metric: pass r) (Chen et al.)",
      "Natural2Code chat preamble",
    ]);
  });
});
