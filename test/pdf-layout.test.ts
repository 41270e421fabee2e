// Geometric text steps on small constructed pages: lines, running headers, column split, paragraphs, garbled text.
import { describe, expect, it } from "vitest";
import type { PdfPage, PdfRun } from "../schemas/index.ts";
import { columnSplit, groupLines, joinRuns, marginRuns } from "../pipeline/stages/layout/pdf-lines.ts";
import { joinParagraphs, readingOrder } from "../pipeline/stages/layout/pdf-order.ts";
import { pdfToDocument } from "../pipeline/stages/layout/pdf-document.ts";
import { foldGlyphs } from "../pipeline/input/pdf.ts";

const run = (text: string, x0: number, y: number, size = 10, width?: number): PdfRun => ({
  text,
  x0,
  y0: y - size,
  x1: x0 + (width ?? text.length * size * (/[\u4e00-\u9fff]/.test(text) ? 1 : 0.5)),
  y1: y,
  size,
  font: "f",
});
const page = (runs: PdfRun[], n = 1, extra: Partial<PdfPage> = {}): PdfPage => ({
  page: n,
  width: 600,
  height: 800,
  runs,
  rects: [],
  images: [],
  ...extra,
});

describe("lines from runs", () => {
  it("joins runs on one baseline, with a space only where the gap is a space and never between CJK characters", () => {
    const lines = groupLines(
      page([run("模型", 50, 100), run("结构", 70, 100), run("GPT-4", 93, 100), run("的", 120, 100)]),
    );
    expect(lines.map((l) => l.text)).toEqual(["模型结构 GPT-4 的"]);
    expect(joinRuns("abc", "def", 0.05)).toBe("abcdef");
  });

  it("splits one baseline where a wide gap separates two things side by side", () => {
    const lines = groupLines(page([run("图 1：甲", 50, 100), run("图 2：乙", 320, 100)]));
    expect(lines.map((l) => l.text)).toEqual(["图 1：甲", "图 2：乙"]);
  });

  it("folds radical code points into ordinary ideographs and leaves full-width punctuation alone", () => {
    expect(foldGlyphs("⼤模型⽣态，⻛险：")).toBe("大模型生态，风险：");
  });
});

describe("running headers and footers", () => {
  it("drops a line repeated in the margin of most pages, page numbers included, and keeps body text", () => {
    const pages = [1, 2, 3, 4].map((n) =>
      page(
        [run("某某证券 行业报告", 50, 30), run(`正文第${n}页内容`, 50, 400), run(`请阅读免责声明 ${n}`, 50, 780)],
        n,
      ),
    );
    const margins = marginRuns(pages);
    for (const p of pages) {
      const kept = groupLines(p, margins.get(p.page)).map((l) => l.text);
      expect(kept).toEqual([`正文第${p.page}页内容`]);
    }
  });
});

describe("page numbers", () => {
  it("a lone small number in the margin is a page number; a year in a header row is not", () => {
    const years = [run("2020", 300, 40), run("2021", 360, 40)]; // a table header that starts in the top margin of page 1
    const pages = [1, 2, 3].map((n) =>
      page([run(`${n}`, 290, 790), ...(n === 1 ? years : []), run("正文", 50, 400)], n),
    );
    const margins = marginRuns(pages);
    expect(groupLines(pages[0]!, margins.get(1)).map((l) => l.text)).toEqual(["2020", "2021", "正文"]);
  });
});

describe("columns and reading order", () => {
  const twoColumns = () => {
    const runs: PdfRun[] = [];
    for (let i = 0; i < 8; i++) {
      runs.push(run("左栏正文内容左栏正文内容", 50, 100 + i * 15));
      runs.push(run("右栏侧边信息", 400, 100 + i * 15));
    }
    return page(runs);
  };

  it("finds the gutter between a main column and a sidebar and never joins text across it", () => {
    const p = twoColumns();
    const split = columnSplit(p);
    expect(split).not.toBeNull();
    expect(split!).toBeGreaterThan(170);
    expect(split!).toBeLessThan(400);
    expect(groupLines(p, new Set(), split).every((l) => l.x1 <= split! || l.x0 >= split!)).toBe(true);
  });

  it("reads the left column before the right one", () => {
    const p = twoColumns();
    const split = columnSplit(p);
    const cols = readingOrder(groupLines(p, new Set(), split), split);
    expect(cols.map((c) => c.items[0]!.text)).toEqual(["左栏正文内容左栏正文内容", "右栏侧边信息"]);
  });

  it("a single-column page has no split", () => {
    const runs = Array.from({ length: 10 }, (_, i) =>
      run("通栏正文通栏正文通栏正文通栏正文通栏正文通栏正文通栏正文通栏正文通栏正文", 50, 100 + i * 15),
    );
    expect(columnSplit(page(runs))).toBeNull();
  });
});

describe("paragraphs", () => {
  it("joins a wrapped paragraph, but not a line after a short one, an indented first line or a caption", () => {
    const lines = groupLines(
      page([
        run("第一段的第一行写满了整个栏宽度第一段的第一行写满了整个栏宽", 50, 100), // ends at the right edge
        run("第一段第二行", 50, 115),
        run("第二段首行缩进第二段首行缩进第二段首行缩进第二段首行缩", 70, 130),
        run("图 1：标题", 50, 145),
      ]),
    );
    const right = Math.max(...lines.map((l) => l.x1));
    expect(joinParagraphs(lines, 50, right).map((l) => l.text)).toEqual([
      "第一段的第一行写满了整个栏宽度第一段的第一行写满了整个栏宽第一段第二行",
      "第二段首行缩进第二段首行缩进第二段首行缩进第二段首行缩",
      "图 1：标题",
    ]);
  });

  it("never runs a contents entry (leader dots, a page number) on into the next entry", () => {
    const lines = groupLines(
      page([
        run("思考..............................21", 50, 100),
        run("总结..............................23", 50, 115),
      ]),
    );
    const right = Math.max(...lines.map((l) => l.x1));
    expect(joinParagraphs(lines, 50, right).map((l) => l.text)).toEqual([
      "思考..............................21",
      "总结..............................23",
    ]);
  });

  it("joins a word broken at a hyphen without a space", () => {
    const lines = groupLines(
      page([run("OpenAI released the model called GPT-", 50, 100, 10, 300), run("4V last year.", 50, 115, 10, 60)]),
    );
    expect(joinParagraphs(lines, 50, 350)[0]!.text).toBe("OpenAI released the model called GPT-4V last year.");
  });
});

describe("pages whose text did not decode", () => {
  it("reports replacement characters and a scanned page, so a later stage can OCR them", () => {
    const garbled = page([run("\ufffd\ufffd\ufffd\ufffd 数据", 50, 100)], 1);
    const scanned = page([], 2, { images: [{ x0: 0, y0: 0, x1: 600, y1: 800 }] });
    const doc = pdfToDocument([garbled, scanned], { file: "x.pdf", sha256: "0".repeat(64) });
    expect(doc.problems.map((p) => [p.code, p.page])).toEqual([
      ["text/garbled-glyphs", 1],
      ["text/no-text-layer", 2],
    ]);
  });

  it("a lone private-use bullet glyph is not garbage", () => {
    const doc = pdfToDocument([page([run("•", 50, 100), run("要点内容", 62, 100)])], {
      file: "x.pdf",
      sha256: "0".repeat(64),
    });
    expect(doc.problems).toEqual([]);
  });
});
