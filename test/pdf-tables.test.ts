// Table finding on small constructed PDF pages (PDF points, origin top-left, y down).
import { describe, expect, it } from "vitest";
import type { PdfPage, PdfRect, PdfRun, RawCell } from "../schemas/index.ts";
import { findTables, mergeAcrossPages, type PdfTable } from "../pipeline/stages/tables/pdf-tables.ts";
import { cellText, hiddenRuns, isCjk, joinLines, lineText, type Piece } from "../pipeline/stages/tables/pdf-text.ts";

const SIZE = 9;
/** Printed width of a text: CJK characters a full em, others half an em. */
const width = (text: string, size = SIZE) => Array.from(text).reduce((w, ch) => w + (isCjk(ch) ? size : 0.5 * size), 0);
/** A run whose left edge is x0 and whose top is `top`. */
const run = (text: string, x0: number, top: number, size = SIZE): PdfRun => ({
  text,
  x0,
  y0: top,
  x1: x0 + width(text, size),
  y1: top + size,
  size,
  font: "F1",
});
/** A run whose right edge is x1 (right-aligned numbers). */
const right = (text: string, x1: number, top: number, size = SIZE): PdfRun =>
  run(text, x1 - width(text, size), top, size);
/** A run centred on x. */
const centred = (text: string, x: number, top: number, size = SIZE): PdfRun =>
  run(text, x - width(text, size) / 2, top, size);
/** A horizontal rule from x0 to x1 whose top is at y, as Word / Chromium paint it (a thin filled box). */
const hrule = (x0: number, x1: number, y: number): PdfRect => ({ x0, y0: y, x1, y1: y + 0.5, op: "fill" });
/** The same rule painted in pieces split at the given x (cell borders). */
const splitRule = (xs: number[], y: number): PdfRect[] => xs.slice(1).map((x, i) => hrule(xs[i]!, x, y));
const vrule = (x: number, y0: number, y1: number): PdfRect => ({ x0: x - 0.25, y0, x1: x + 0.25, y1, op: "fill" });
const page = (runs: PdfRun[], rects: PdfRect[], extra: Partial<PdfPage> = {}): PdfPage => ({
  page: 1,
  width: 595,
  height: 842,
  runs,
  rects,
  images: [],
  ...extra,
});
const texts = (t: PdfTable) => t.rows.map((r) => r.map((c) => c.text));
const spans = (row: RawCell[]) => row.map((c) => [c.text, c.row_span, c.col_span]);

describe("findTables", () => {
  it("reads a ruled grid: one cell per ruled box, boxes rounded to 0.1pt, every run consumed", () => {
    const xs = [50, 150, 250, 350];
    const ys = [100, 120, 140, 160];
    const runs = [
      run("Name", 55, 105),
      centred("Q1", 200, 105),
      centred("Q2", 300, 105),
      run("Alpha", 55, 125),
      right("1.0", 245, 125),
      right("2.0", 345, 125),
      run("Beta", 55, 145),
      right("3.0", 245, 145),
      right("4.0", 345, 145),
    ];
    const rects = [...ys.map((y) => hrule(50, 350, y)), ...xs.map((x) => vrule(x, 100, 160.5))];
    const [table, ...rest] = findTables(page(runs, rects));
    expect(rest).toEqual([]);
    expect(texts(table!)).toEqual([
      ["Name", "Q1", "Q2"],
      ["Alpha", "1.0", "2.0"],
      ["Beta", "3.0", "4.0"],
    ]);
    expect(table!.rows.flat().every((c) => c.row_span === 1 && c.col_span === 1 && !c.header)).toBe(true);
    expect(table!.rows[1]![1]!.box).toEqual({ page: 1, x0: 150, y0: 120.3, x1: 250, y1: 140.3 });
    expect(table!.runIds).toEqual(runs.map((_, i) => i));
    expect(table!.continued).toBe(false);
  });

  it("takes columns from text alignment in a table with only a top and a bottom rule", () => {
    const runs = [run("指标", 55, 104), right("2021", 250, 104), right("2022E", 350, 104), right("2023E", 440, 104)];
    const body = [
      ["营业收入", "1,567", "3,684", "5,056"],
      ["净利润", "-173", "471", "717"],
      ["EPS(元)", "0.76", "2.07", "3.15"],
      ["毛利率", "33.7%", "35.0%", "36.0%"],
    ];
    body.forEach((r, i) =>
      runs.push(
        run(r[0]!, 55, 118 + 12 * i),
        right(r[1]!, 250, 118 + 12 * i),
        right(r[2]!, 350, 118 + 12 * i),
        right(r[3]!, 440, 118 + 12 * i),
      ),
    );
    const tables = findTables(page(runs, [hrule(50, 450, 100), hrule(50, 450, 167)]));
    expect(tables).toHaveLength(1);
    expect(texts(tables[0]!)).toEqual([["指标", "2021", "2022E", "2023E"], ...body]);
  });

  it("keeps a cell whose text wraps over two or three lines as one cell (spaces between Latin lines, none in CJK)", () => {
    const runs = [
      run("Item", 55, 104),
      run("Comment", 130, 104),
      right("Value", 440, 104),
      run("Sales", 55, 118),
      run("Revenue grew strongly in", 130, 118),
      right("12.5", 440, 118),
      run("the third quarter driven", 130, 130),
      run("by exports.", 130, 142),
      run("Costs", 55, 156),
      run("Margins held up.", 130, 156),
      right("3.1", 440, 156),
      run("费用", 55, 170),
      run("营业收入同比增长十分明显", 130, 170),
      right("7.0", 440, 170),
      run("百分之二十", 130, 182),
    ];
    const tables = findTables(page(runs, [hrule(50, 450, 100), hrule(50, 450, 194)]));
    expect(texts(tables[0]!)).toEqual([
      ["Item", "Comment", "Value"],
      ["Sales", "Revenue grew strongly in the third quarter driven by exports.", "12.5"],
      ["Costs", "Margins held up.", "3.1"],
      ["费用", "营业收入同比增长十分明显百分之二十", "7.0"],
    ]);
  });

  it("puts a label centred beside a three-line cell into that cell's row", () => {
    const runs = [
      run("Model", 55, 104),
      run("Description", 130, 104),
      run("Our most capable model that handles", 130, 118),
      run("Ultra", 55, 130),
      run("the hardest tasks with reasoning and", 130, 130),
      run("vision.", 130, 142),
      run("A balanced model for everyday work at", 130, 160),
      run("Pro", 55, 172),
      run("low cost and low latency for almost", 130, 172),
      run("any task.", 130, 184),
    ];
    const tables = findTables(page(runs, [hrule(50, 450, 100), hrule(50, 450, 196)]));
    expect(texts(tables[0]!)).toEqual([
      ["Model", "Description"],
      ["Ultra", "Our most capable model that handles the hardest tasks with reasoning and vision."],
      ["Pro", "A balanced model for everyday work at low cost and low latency for almost any task."],
    ]);
  });

  const parentHeader = (underline: boolean) => {
    const runs = [
      centred("2023", 225, 104),
      centred("2024", 375, 104),
      run("公司", 55, 118),
      centred("营收", 187, 118),
      centred("增速", 263, 118),
      centred("营收", 337, 118),
      centred("增速", 413, 118),
    ];
    const body = [
      ["甲", "120", "5%", "130", "8%"],
      ["乙", "90", "-2%", "95", "6%"],
      ["丙", "60", "11%", "70", "17%"],
      ["丁", "45", "3%", "44", "-2%"],
    ];
    body.forEach((r, i) => {
      const top = 134 + 12 * i;
      runs.push(
        run(r[0]!, 55, top),
        right(r[1]!, 200, top),
        right(r[2]!, 275, top),
        right(r[3]!, 350, top),
        right(r[4]!, 425, top),
      );
    });
    const rects = [hrule(50, 450, 100), hrule(50, 450, 131), hrule(50, 450, 182)];
    if (underline) rects.push(hrule(155, 295, 115), hrule(305, 445, 115));
    return findTables(page(runs, rects));
  };

  it("spans a parent header over the two columns its rule segment underlines (and the corner cell over both header rows)", () => {
    const [table] = parentHeader(true);
    expect(spans(table!.rows[0]!)).toEqual([
      ["公司", 2, 1],
      ["2023", 1, 2],
      ["2024", 1, 2],
    ]);
    expect(texts(table!).slice(1)).toEqual([
      ["营收", "增速", "营收", "增速"],
      ["甲", "120", "5%", "130", "8%"],
      ["乙", "90", "-2%", "95", "6%"],
      ["丙", "60", "11%", "70", "17%"],
      ["丁", "45", "3%", "44", "-2%"],
    ]);
  });

  it("spans a parent header centred over two columns without a rule under it", () => {
    const [table] = parentHeader(false);
    expect(spans(table!.rows[0]!)).toEqual([
      ["", 1, 1],
      ["2023", 1, 2],
      ["2024", 1, 2],
    ]);
    expect(texts(table!)[1]).toEqual(["公司", "营收", "增速", "营收", "增速"]);
  });

  it("returns two tables standing side by side as separate tables", () => {
    const runs: PdfRun[] = [];
    const rects: PdfRect[] = [];
    for (const [x0, x1, title] of [
      [40, 280, "利润表"],
      [300, 560, "资产负债表"],
    ] as const) {
      runs.push(run(title, x0 + 3, 103), right("2021", x1 - 80, 103), right("2022E", x1 - 5, 103));
      ["营业收入", "营业成本", "毛利", "净利润"].forEach((label, i) =>
        runs.push(
          run(label, x0 + 3, 118 + 12 * i),
          right(`${100 + i}`, x1 - 80, 118 + 12 * i),
          right(`${200 + i}`, x1 - 5, 118 + 12 * i),
        ),
      );
      rects.push(...splitRule([x0, x0 + 100, x1 - 75, x1], 100), ...splitRule([x0, x0 + 100, x1 - 75, x1], 114));
    }
    const tables = findTables(page(runs, rects));
    expect(tables.map((t) => t.rows[0]![0]!.text)).toEqual(["利润表", "资产负债表"]);
    expect(tables.map((t) => [t.box.x0, t.box.x1])).toEqual([
      [40, 280],
      [300, 560],
    ]);
    expect(tables.map((t) => t.rows.length)).toEqual([5, 5]);
    expect(texts(tables[1]!)[4]).toEqual(["净利润", "103", "203"]);
  });

  it("does not take a prose paragraph framed by rules for a table", () => {
    const lines = [
      "我们认为大模型的能力提升仍将持续，多模态与长文本是下一阶段竞争的关键，",
      "国内厂商在中文能力上已接近海外领先水平，应用落地有望在今年加速。",
      "风险提示：技术迭代不及预期，商业化进展不及预期，行业竞争加剧。",
      "Investors should watch   compute supply, pricing and the pace of adoption.",
    ];
    const runs = lines.map((t, i) => run(t, 55, 110 + 14 * i));
    expect(findTables(page(runs, [hrule(50, 450, 100), hrule(50, 450, 170)]))).toEqual([]);
  });

  // A horizontal bar chart in a figure frame: category labels and bar-end values line up like a two-column
  // table; the bars, the axis and the evenly spaced tick labels under it make it a chart.
  const barChart = (drawn: boolean) => {
    const runs: PdfRun[] = [run("出货量(百万台)", 200, 106)];
    [
      ["华为", 35.2],
      ["小米", 28.7],
      ["苹果", 22.4],
      ["三星", 15.9],
    ].forEach(([name, v], i) => {
      runs.push(run(name as string, 65, 124 + 22 * i), run(String(v), 112 + 8 * (v as number), 124 + 22 * i));
    });
    ["0", "10", "20", "30", "40"].forEach((t, i) => runs.push(centred(t, 105 + 80 * i, 214)));
    const rects: PdfRect[] = [hrule(60, 460, 100), hrule(60, 460, 228)];
    if (drawn) {
      rects.push(
        { x0: 104, y0: 118, x1: 106, y1: 210, op: "stroke" },
        { x0: 105, y0: 208, x1: 425, y1: 211, op: "stroke" },
      );
      [35.2, 28.7, 22.4, 15.9].forEach((v, i) =>
        rects.push({ x0: 105, y0: 122 + 22 * i, x1: 105 + 8 * v, y1: 134 + 22 * i, op: "fill" }),
      );
    }
    return findTables(page(runs, rects));
  };

  it("does not take a vector chart with axis tick labels for a table", () => {
    expect(barChart(true)).toEqual([]);
    // The same text without the drawing does read as a table: the chart is recognised by what is drawn.
    const [bare] = barChart(false);
    expect(texts(bare!).find((r) => r[0] === "华为")).toContain("35.2");
  });

  it("leaves out runs the caller marks as page headers and footers", () => {
    const runs = [
      run("Name", 55, 105),
      right("Q1", 245, 105),
      run("Alpha", 55, 118),
      right("1.0", 245, 118),
      run("Beta", 55, 130),
      right("2.0", 245, 130),
    ];
    const rects = [hrule(50, 250, 100), hrule(50, 250, 114), hrule(50, 250, 142)];
    expect(texts(findTables(page(runs, rects))[0]!)).toHaveLength(3);
    expect(texts(findTables(page(runs, rects), new Set([4, 5]))[0]!)).toEqual([
      ["Name", "Q1"],
      ["Alpha", "1.0"],
    ]);
  });
});

describe("findTables: labels spanning rows", () => {
  // Columns split by the rule under the header: 类别 50–130, 说明 130–300, 评级 300–360, 体系 360–500.
  const xs = [50, 130, 300, 360, 500];
  const header = [run("类别", 55, 103), run("说明", 135, 103), run("评级", 305, 103), run("体系", 365, 103)];
  /** Body rows at a pitch of 16pt from y = 120; a label centred on rows a..b has its top at the middle of their
   * text extent less half a line. */
  const rowTop = (r: number) => 120 + 16 * r;
  const centredOn = (a: number, b: number, lines = 1) =>
    (rowTop(a) + rowTop(b) + SIZE) / 2 - (16 * (lines - 1) + SIZE) / 2;
  const ratings = [
    ["买入", "上涨 20%以上"],
    ["增持", "上涨 10%至 20%"],
    ["持有", "涨跌 10%以内"],
    ["卖出", "下跌 10%以上"],
    ["强于大市", "行业上涨 5%以上"],
    ["中性", "行业涨跌 5%以内"],
    ["弱于大市", "行业下跌 5%以上"],
  ];
  const note1 = "自报告日后的六个月内相对于同期沪深"; // fills 说明 (no room left for the next character)
  const note2 = "三百指数的涨跌幅";

  const ratingTable = (notes: "centred" | "top") => {
    const runs = [...header];
    ratings.forEach(([rating, text], i) => runs.push(run(rating!, 305, rowTop(i)), run(text!, 365, rowTop(i))));
    // Group 1 (rows 0–3): label between two rows, centred description lines on rows 1 and 2. Group 2 (rows 4–6):
    // label on the middle row, centred description lines between the rows.
    const noteTop = (a: number, b: number) => (notes === "centred" ? centredOn(a, b, 2) : rowTop(a));
    runs.push(
      run("股票评级", 55, centredOn(0, 3)),
      run(note1, 135, noteTop(0, 3)),
      run(note2, 135, noteTop(0, 3) + 16),
    );
    runs.push(
      run("行业评级", 55, centredOn(4, 6)),
      run(note1, 135, noteTop(4, 6)),
      run(note2, 135, noteTop(4, 6) + 16),
    );
    return { runs, tables: findTables(page(runs, [...splitRule(xs, 114), hrule(50, 500, rowTop(6) + 14)])) };
  };

  it("gives a group label and a description centred on their rows (no rules between rows) one cell each, spanning the rows", () => {
    const {
      runs,
      tables: [table, ...rest],
    } = ratingTable("centred");
    expect(rest).toEqual([]);
    const note = note1 + note2;
    expect(table!.rows.map(spans)).toEqual([
      [
        ["类别", 1, 1],
        ["说明", 1, 1],
        ["评级", 1, 1],
        ["体系", 1, 1],
      ],
      [
        ["股票评级", 4, 1],
        [note, 4, 1],
        ["买入", 1, 1],
        ["上涨 20%以上", 1, 1],
      ],
      [
        ["增持", 1, 1],
        ["上涨 10%至 20%", 1, 1],
      ],
      [
        ["持有", 1, 1],
        ["涨跌 10%以内", 1, 1],
      ],
      [
        ["卖出", 1, 1],
        ["下跌 10%以上", 1, 1],
      ],
      [
        ["行业评级", 3, 1],
        [note, 3, 1],
        ["强于大市", 1, 1],
        ["行业上涨 5%以上", 1, 1],
      ],
      [
        ["中性", 1, 1],
        ["行业涨跌 5%以内", 1, 1],
      ],
      [
        ["弱于大市", 1, 1],
        ["行业下跌 5%以上", 1, 1],
      ],
    ]);
    expect(table!.runIds).toEqual(runs.map((_, i) => i));
    // The spanning cell's box covers its rows.
    const label = table!.rows[1]![0]!;
    expect(label.box!.y1).toBeGreaterThan(rowTop(3) + SIZE - 0.1);
  });

  it("spans a description at the top of its rows beside a centred group label the same way", () => {
    const {
      tables: [table],
    } = ratingTable("top");
    expect(table!.rows.slice(1).map((r) => r.map((c) => c.row_span))).toEqual([
      [4, 4, 1, 1],
      [1, 1],
      [1, 1],
      [1, 1],
      [3, 3, 1, 1],
      [1, 1],
      [1, 1],
    ]);
    expect(table!.rows[1]![1]!.text).toBe(note1 + note2);
  });

  // A factor list: 类别 | 简称 | 名称, groups of 1, 3, 2 and 5 rows.
  const factorList = (place: "centred" | "top", rules: boolean, code = (r: number) => `F${r}`) => {
    const sizes = [1, 3, 2, 5];
    const names = ["规模", "估值", "技术", "成长"];
    const runs = [run("类别", 55, 103), run("简称", 135, 103), run("名称", 305, 103)];
    const rects: PdfRect[] = [...splitRule([50, 130, 300, 500], 114)];
    let r = 0;
    sizes.forEach((n, g) => {
      for (let k = 0; k < n; k++)
        runs.push(run(code(r + k), 135, rowTop(r + k)), run(`因子${r + k}`, 305, rowTop(r + k)));
      runs.push(run(names[g]!, 55, place === "centred" ? centredOn(r, r + n - 1) : rowTop(r)));
      r += n;
      // Ruled: a rule under every row in the data columns, under the group only in the label column.
      if (rules) for (let k = 0; k < n; k++) rects.push(hrule(k === n - 1 ? 50 : 130, 500, rowTop(r - n + k) + 13));
    });
    if (!rules) rects.push(hrule(50, 500, rowTop(r - 1) + 13));
    return findTables(page(runs, rects))[0]!;
  };
  const labelSpans = (t: PdfTable) =>
    t.rows.slice(1).flatMap((row) => (row.length === 3 ? [[row[0]!.text, row[0]!.row_span]] : []));

  it("spans a group label vertically centred on its rows over all of them, from the first (unruled: up to the neighbouring groups)", () => {
    const t = factorList("centred", false);
    expect(labelSpans(t)).toEqual([
      ["规模", 1],
      ["估值", 3],
      ["技术", 2],
      ["成长", 5],
    ]);
    expect(t.rows.slice(1).map((row) => row.at(-2)!.text)).toEqual(Array.from({ length: 11 }, (_, i) => `F${i}`));
  });

  it("reads the codes beside centred group labels one per row, even where each fills its column (no label of theirs crosses a group)", () => {
    const long = (r: number) => `OPERPROFITINCYOY${String(r).padStart(2, "0")}`;
    const t = factorList("centred", false, long);
    expect(labelSpans(t)).toEqual([
      ["规模", 1],
      ["估值", 3],
      ["技术", 2],
      ["成长", 5],
    ]);
    expect(t.rows.slice(1).map((row) => [row.at(-2)!.text, row.at(-2)!.row_span])).toEqual(
      Array.from({ length: 11 }, (_, i) => [long(i), 1]),
    );
  });

  it("takes the span of a centred group label from the rules where rules part the groups", () => {
    const t = factorList("centred", true);
    expect(labelSpans(t)).toEqual([
      ["规模", 1],
      ["估值", 3],
      ["技术", 2],
      ["成长", 5],
    ]);
  });

  it("leaves group labels at the top of their rows as printed (the structure fills them down)", () => {
    const t = factorList("top", false);
    expect(t.rows.slice(1).map((row) => (row.length === 3 ? row[0]!.text : null))).toEqual([
      "规模",
      "估值",
      "",
      "",
      "技术",
      "",
      "成长",
      "",
      "",
      "",
      "",
    ]);
    expect(t.rows.flat().every((c) => c.row_span === 1)).toBe(true);
  });
});

describe("findTables: page furniture in and around tables", () => {
  it("keeps the two names of a corner cell split by a diagonal apart: upper right / lower left", () => {
    const small = 6;
    const runs = [
      run("因子值秩", 95, 101, small),
      run("相关系数", 95, 108, small),
      run("因子IC序", 53, 105, small),
      run("列相关系数", 53, 112, small),
      centred("Q1", 200, 106),
      centred("Q2", 300, 106),
      run("Alpha", 55, 125),
      right("1.0", 245, 125),
      right("2.0", 345, 125),
      run("Beta", 55, 145),
      right("3.0", 245, 145),
      right("4.0", 345, 145),
    ];
    const rects = [
      ...[100, 120, 140, 160].map((y) => hrule(50, 350, y)),
      ...[50, 150, 250, 350].map((x) => vrule(x, 100, 160.5)),
    ];
    const [table] = findTables(page(runs, rects));
    expect(texts(table!)[0]).toEqual(["因子值秩相关系数 / 因子IC序列相关系数", "Q1", "Q2"]);
    // Side by side on one line, or one under the other, the pieces of a cell are read as before.
    const piece = (text: string, x0: number, y0: number): Piece => ({
      run: 0,
      text,
      x0,
      x1: x0 + width(text),
      y0,
      y1: y0 + SIZE,
      size: SIZE,
    });
    expect(cellText([piece("营业", 0, 0), piece("收入", 30, 0)])).toBe("营业收入");
    expect(cellText([piece("Revenue", 0, 0), piece("(net)", 40, 10)])).toBe("Revenue (net)");
  });

  it("drops hidden template tags ([Table_Finance], even split over runs) from cells and takes their runs with the table", () => {
    const runs = [
      run("[Table_", 52, 101),
      run("Finance", 52 + width("[Table_"), 101),
      run("]", 52 + width("[Table_Finance"), 101),
      run("主要财务数据", 55, 103),
      right("2021", 245, 103),
      right("2022E", 345, 103),
      run("营业收入[1]", 55, 118),
      right("1,567", 245, 118),
      right("3,684", 345, 118),
      run("净利润", 55, 130),
      right("173", 245, 130),
      right("471", 345, 130),
    ];
    const p = page(runs, [hrule(50, 350, 100), hrule(50, 350, 114), hrule(50, 350, 142)]);
    expect([...hiddenRuns(p)]).toEqual([0, 1, 2]);
    const [table] = findTables(p);
    expect(texts(table!)).toEqual([
      ["主要财务数据", "2021", "2022E"],
      ["营业收入[1]", "1,567", "3,684"],
      ["净利润", "173", "471"],
    ]);
    expect(table!.runIds).toEqual(runs.map((_, i) => i));
  });

  it("leaves source and note lines closing a table inside its frame to the text", () => {
    const runs = [
      run("指标", 55, 103),
      right("2021", 245, 103),
      right("2022E", 345, 103),
      run("营业收入", 55, 118),
      right("1,567", 245, 118),
      right("3,684", 345, 118),
      run("净利润", 55, 132),
      right("173", 245, 132),
      right("471", 345, 132),
      run("资料来源：公司年报，研究所", 55, 148, 7),
      run("备注：净利润为归母净利润", 55, 158, 7),
    ];
    const rects = [...[100, 114, 128, 142].map((y) => hrule(50, 350, y)), hrule(50, 350, 156), hrule(50, 350, 167)];
    const [table] = findTables(page(runs, rects));
    expect(texts(table!)).toEqual([
      ["指标", "2021", "2022E"],
      ["营业收入", "1,567", "3,684"],
      ["净利润", "173", "471"],
    ]);
    expect(table!.runIds).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it("leaves a prose cell standing beside a whole ruled table (framed by its top and bottom rules) to the text", () => {
    const prose = ["1. 评级标准：以报告发布后", "六个月内的市场表现为比较", "标准，相对同期基准指数。"];
    const runs = prose.map((t, i) => run(t, 45, 104 + 12 * i));
    runs.push(run("类别", 200, 103), run("评级", 265, 103), run("说明", 320, 103));
    [
      ["买入", "强于市场 20%以上"],
      ["增持", "强于市场 5%至 20%"],
      ["中性", "市场表现正负 5%"],
    ].forEach(([a, b], i) => runs.push(run(a!, 265, 117 + 14 * i), run(b!, 320, 117 + 14 * i)));
    runs.push(run("股票评级", 200, 131));
    const xs = [40, 195, 255, 310, 500];
    const rects = [
      hrule(40, 500, 100),
      ...splitRule(xs.slice(1), 114),
      ...splitRule(xs.slice(2), 128),
      ...splitRule(xs.slice(2), 142),
      hrule(40, 500, 156),
      ...xs.map((x) => vrule(x, 100, 156.5)),
    ];
    const [table, ...rest] = findTables(page(runs, rects));
    expect(rest).toEqual([]);
    expect(table!.box.x0).toBe(195);
    expect(table!.rows.map(spans)).toEqual([
      [
        ["类别", 1, 1],
        ["评级", 1, 1],
        ["说明", 1, 1],
      ],
      [
        ["股票评级", 3, 1],
        ["买入", 1, 1],
        ["强于市场 20%以上", 1, 1],
      ],
      [
        ["增持", 1, 1],
        ["强于市场 5%至 20%", 1, 1],
      ],
      [
        ["中性", 1, 1],
        ["市场表现正负 5%", 1, 1],
      ],
    ]);
    expect(table!.runIds.some((i) => i < prose.length)).toBe(false);
  });

  it("takes the header row printed over the rule under it also where the rules above belong to other text", () => {
    // A page-wide rule under the running header has the same ends as the table's rules.
    const runs = [run("公司研究", 55, 60), run("通讯地址", 55, 150)];
    runs.push(run("北京", 55, 175), run("上海", 205, 175), run("深圳", 355, 175));
    [
      ["西城区金融街 1 号", "浦东新区世纪大道 8 号", "福田区益田路 5 号"],
      ["邮编：100031", "邮编：200120", "邮编：518000"],
    ].forEach((r, i) => r.forEach((t, c) => runs.push(run(t, 55 + 150 * c, 192 + 16 * i))));
    const rects = [hrule(50, 500, 72), ...splitRule([50, 200, 350, 500], 186), ...splitRule([50, 200, 350, 500], 222)];
    const [table] = findTables(page(runs, rects));
    expect(texts(table!)[0]).toEqual(["北京", "上海", "深圳"]);
  });
});

describe("cell text", () => {
  const piece = (text: string, x0: number, x1: number, size = 10): Piece => ({
    run: 0,
    text,
    x0,
    x1,
    y0: 0,
    y1: size,
    size,
  });

  it("writes a space between runs only where the gap is wide, never between two CJK characters", () => {
    expect(lineText([piece("Gemini", 0, 30), piece("Ultra", 32, 55)])).toBe("Gemini Ultra");
    expect(lineText([piece("e", 0, 5), piece("ffi", 5, 12), piece("cient", 12, 35)])).toBe("efficient");
    expect(lineText([piece("营业", 0, 20), piece("收入", 25, 45)])).toBe("营业收入");
    expect(lineText([piece("Wind", 0, 20), piece("风控", 22, 42)])).toBe("Wind 风控");
  });

  it("joins lines with nothing after a hyphen or next to CJK, else with a space", () => {
    expect(joinLines(["MMLU Multiple-", "choice questions"])).toBe("MMLU Multiple-choice questions");
    expect(joinLines(["87.29%", "CoT@32 (via", "API**)"])).toBe("87.29% CoT@32 (via API**)");
    expect(joinLines(["北京市西城区德胜国际中心 B", "座 11 层"])).toBe("北京市西城区德胜国际中心 B座 11 层");
    expect(joinLines(["负 面 新 闻"])).toBe("负面新闻");
  });
});

describe("mergeAcrossPages", () => {
  const cell = (text: string, x0: number, x1: number, p: number): RawCell => ({
    text,
    row_span: 1,
    col_span: 1,
    header: false,
    box: { page: p, x0, y0: 0, x1, y1: 10 },
  });
  const table = (p: number, y0: number, y1: number, rows: string[][], xs = [50, 150, 450]): PdfTable => ({
    page: p,
    box: { x0: 50, y0, x1: 450, y1 },
    runIds: [],
    continued: false,
    rows: rows.map((r) => r.map((t, c) => cell(t, xs[c]!, xs[c + 1]!, p))),
  });
  const heights = new Map([
    [1, 842],
    [2, 842],
  ]);

  it("joins a table at the top of a page to the previous page's last table, dropping the repeated header", () => {
    const first = table(1, 600, 800, [
      ["Model", "Score"],
      ["A", "1"],
    ]);
    const next = table(2, 60, 120, [
      ["Model", "Score"],
      ["B", "2"],
    ]);
    const merged = mergeAcrossPages([first, next], heights);
    expect(merged).toHaveLength(1);
    expect(merged[0]!.continued).toBe(true);
    expect(merged[0]!.page).toBe(1);
    expect(merged[0]!.rows.map((r) => r.map((c) => c.text))).toEqual([
      ["Model", "Score"],
      ["A", "1"],
      ["B", "2"],
    ]);
    expect(merged[0]!.rows[2]![0]!.box!.page).toBe(2);
    expect(first.rows).toHaveLength(2);
  });

  it("keeps tables apart when the columns differ, the caller says something stands between, or the pages are not consecutive", () => {
    const first = table(1, 600, 800, [
      ["Model", "Score"],
      ["A", "1"],
    ]);
    const count = (next: PdfTable, prev = first) => mergeAcrossPages([prev, next], heights).length;
    expect(count(table(2, 60, 120, [["B", "2"]], [50, 250, 450]))).toBe(2);
    expect(count({ ...table(2, 60, 120, [["B", "2"]]), startsPage: false })).toBe(2);
    expect(count({ ...table(3, 60, 120, [["B", "2"]]), startsPage: true })).toBe(2);
    expect(count(table(2, 300, 400, [["B", "2"]]))).toBe(2);
    expect(count({ ...table(2, 300, 400, [["B", "2"]]), startsPage: true }, { ...first, endsPage: true })).toBe(1);
  });
});
