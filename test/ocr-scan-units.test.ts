// The pure parts of reading a scanned page, on hand-made pixels and words: dash marks the engine drops, the
// type size from ink heights, and the second reading of doubtful runs (with a stand-in for the engine).
import { describe, expect, it } from "vitest";
import type { OcrResult, OcrWord } from "../schemas/index.ts";
import type { Gray } from "../pipeline/ocr/preprocess.ts";
import { emOf, fullWidthStops, inkShare, joinWords, wordsToRuns } from "../pipeline/ocr/scan.ts";
import { clipAtRules, findDashes, findRules, shadedBands } from "../pipeline/ocr/marks.ts";
import { whitenBands } from "../pipeline/ocr/preprocess.ts";
import { fitToInk, pageInk } from "../pipeline/ocr/ink.ts";
import { REREAD_BELOW, rereadDoubtful } from "../pipeline/ocr/reread.ts";
import type { OcrJob, OcrOutcome } from "../pipeline/ocr/pool.ts";

/** A white page with dark boxes (x, y, width, height, gray level). */
function paper(width: number, height: number, boxes: [number, number, number, number, number?][]): Gray {
  const data = new Uint8Array(width * height).fill(250);
  for (const [x, y, w, h, v = 20] of boxes)
    for (let j = y; j < y + h; j++) for (let i = x; i < x + w; i++) data[j * width + i] = v;
  return { width, height, data };
}
const word = (text: string, x0: number, x1: number, confidence: number, y0 = 100, y1 = 130): OcrWord => ({
  text,
  x0,
  y0,
  x1,
  y1,
  line: 0,
  confidence,
});

describe("findDashes", () => {
  const PX_PER_PT = 2;
  it("finds a short thin level stroke standing alone, blurred edges and all", () => {
    // 20 × 3 px = 10 pt × 1.5 pt, with a speck of lighter blur just above it.
    const [d, ...rest] = findDashes(
      paper(400, 200, [
        [108, 99, 2, 1, 210],
        [100, 100, 20, 3],
      ]),
      PX_PER_PT,
    );
    expect(rest).toEqual([]);
    expect(d).toEqual({ x0: 100, y0: 100, x1: 120, y1: 103 });
  });

  it("takes no stroke that is part of a word, a rule, a bar or a dot", () => {
    const img = paper(600, 300, [
      [100, 100, 20, 3],
      [124, 92, 6, 14], // a hyphen touching the next letter
      [20, 200, 500, 2], // a rule
      [300, 40, 20, 12], // a solid block
      [400, 100, 3, 3], // a dot
    ]);
    expect(findDashes(img, PX_PER_PT)).toEqual([]);
  });
});

describe("type size from ink heights", () => {
  it("scales each word's ink height by the share of the em its letters reach", () => {
    expect(inkShare("模型")).toBe(0.95);
    expect(inkShare("(via")).toBe(0.95);
    expect(inkShare("Model")).toBe(0.73);
    expect(inkShare("once")).toBe(0.5);
  });

  it("measures Chinese words by their width (one em a character), whatever height the engine's box has", () => {
    // 4 characters of a 20 px type: 78 px of ink; the box reaches 40 px down into the rule below.
    expect(emOf(word("参数含义", 0, 78, 0.9, 100, 140))).toBeCloseTo(20, 0);
    expect(emOf(word("Model", 0, 60, 0.9, 100, 114.6))).toBeCloseTo(20, 0);
  });

  it("gives a line of capitals and figures the size a line with brackets of the same type has", () => {
    const map = { box: { x0: 0, y0: 0, x1: 100, y1: 100 }, width: 1000, height: 1000 };
    const caps = wordsToRuns([word("Model", 100, 180, 0.9, 100, 173)], map)[0]!.run;
    const brackets = wordsToRuns([word("(via", 100, 160, 0.9, 100, 195)], map)[0]!.run;
    expect(caps.size).toBeCloseTo(10, 1);
    expect(brackets.size).toBeCloseTo(10, 1);
  });
});

describe("rereadDoubtful", () => {
  const first = (words: OcrWord[]): OcrResult => ({
    status: "ok",
    message: null,
    width: 2000,
    height: 1000,
    words,
    confidence: 0.8,
  });
  const engine = (answer: (job: OcrJob) => OcrWord[]) => {
    const jobs: OcrJob[] = [];
    return {
      jobs,
      recognize: async (job: OcrJob): Promise<OcrOutcome> => {
        jobs.push(job);
        const words = answer(job);
        return {
          result: { status: "ok", message: null, width: 1, height: 1, words, confidence: 0.9 },
          aux: {},
          cached: false,
        };
      },
    };
  };
  const image = paper(2000, 1000, []);

  it("reads again only runs of Latin print holding a doubtful word, and takes the new words back to page pixels", async () => {
    // One doubtful run: its crop (from x = 300 - 0.25 em, em = 30 / 0.73) enlarged ×3 stands on the sheet at
    // (24, 24); the stand-in engine answers in sheet pixels.
    const fake = engine(() => [
      word("71.73", 24 + 3 * 10, 24 + 3 * 60, 0.95, 30, 90),
      word("(PT)", 24 + 3 * 70, 24 + 3 * 110, 0.96, 30, 90),
    ]);
    const words = [
      word("7173", 300, 350, 0.5),
      word("(PT)", 360, 400, 0.95),
      word("fine", 900, 950, 0.97),
      word("模糊", 1400, 1460, 0.4),
    ];
    const out = await rereadDoubtful(fake, image, first(words));
    expect(fake.jobs).toHaveLength(1);
    expect(out.words.map((w) => w.text)).toEqual(["71.73", "(PT)", "fine", "模糊"]);
    const ax = Math.floor(300 - 0.25 * (30 / 0.73));
    expect(out.words[0]!.x0).toBe(ax + 10);
    expect(words.filter((w) => w.confidence < REREAD_BELOW)).toHaveLength(2);
  });

  it("gives each run on a sheet the words read on its own strip", async () => {
    // Two doubtful runs on two lines: stacked one under the other; each gets back only its own words.
    const fake = engine((job) => {
      const sheet = job.prepare();
      expect(sheet.height).toBeGreaterThan(2 * 3 * 30);
      // The first crop's strip starts at the top padding, the last one ends at the bottom padding.
      return [
        word("12.5", 40, 100, 0.95, 40, 80),
        word("13.5", 40, 100, 0.95, sheet.height - 24 - 60, sheet.height - 24 - 20),
      ];
    });
    const words = [word("l2.5", 300, 350, 0.5, 100, 130), word("l3.5", 300, 350, 0.5, 300, 330)];
    const out = await rereadDoubtful(fake, image, first(words));
    expect(out.words.map((w) => w.text)).toEqual(["12.5", "13.5"]);
    expect(out.words[1]!.y0).toBeGreaterThan(290);
  });

  it("keeps the first reading when the second is less sure of itself", async () => {
    const fake = engine(() => [word("7l73", 10, 50, 0.2)]);
    const words = [word("7173", 300, 350, 0.5)];
    expect((await rereadDoubtful(fake, image, first(words))).words).toEqual(words);
  });
});

describe("rules and shading of a scanned page", () => {
  // 1 px = 1 pt on these pages.
  const map = (w: number, h: number) => ({ box: { x0: 0, y0: 0, x1: w, y1: h }, width: w, height: h });

  it("finds a striped row with text printed on it as a shaded band, and whitens it for the engine", () => {
    const img = paper(400, 100, [
      [20, 40, 360, 16, 200],
      ...[40, 80, 120, 160].map((x): [number, number, number, number, number] => [x, 44, 8, 8, 40]),
    ]);
    const bands = shadedBands(findRules(img, map(400, 100)), map(400, 100));
    expect(bands).toHaveLength(1);
    expect(bands[0]).toMatchObject({ x0: 20, y0: 40, x1: 380, y1: 56 });
    const white = whitenBands(img, bands);
    expect(white.data[41 * 400 + 30]).toBe(255); // the shade
    expect(white.data[46 * 400 + 42]).toBeLessThan(60); // the print on it
    expect(white.data[10 * 400 + 30]).toBe(250); // outside the band: untouched
  });

  it("joins the pieces of a faint rule broken up by noise, not two rules with paper between them", () => {
    // A rule 215 gray levels bright (35 under the paper): left piece solid, then a stretch where noise left only
    // every fifth pixel dark enough to count as ink (no run of ink, but darker than paper on average), then a
    // solid right piece.
    const broken = paper(400, 60, [
      [10, 20, 150, 1, 215],
      [250, 20, 140, 1, 215],
    ]);
    for (let x = 160; x < 250; x++) broken.data[20 * 400 + x] = x % 5 === 0 ? 150 : 228;
    const rules = findRules(broken, map(400, 60));
    expect(rules).toHaveLength(1);
    expect(rules[0]).toMatchObject({ x0: 10, y0: 20, x1: 390, y1: 21 });
    // The same two pieces with paper between (a gap left on purpose, as under two column headers).
    const apart = findRules(
      paper(400, 60, [
        [10, 20, 150, 1, 215],
        [250, 20, 140, 1, 215],
      ]),
      map(400, 60),
    );
    expect(apart.map((r) => [r.x0, r.x1])).toEqual([
      [10, 160],
      [250, 390],
    ]);
  });

  it("does not take a line of text on paper for a shaded band", () => {
    const letters = Array.from({ length: 40 }, (_, i): [number, number, number, number] => [20 + 9 * i, 40, 6, 12]);
    expect(shadedBands(findRules(paper(400, 100, letters), map(400, 100)), map(400, 100))).toEqual([]);
  });

  it("cuts a word box back at the rule it runs into, and keeps a run's box on its side of a rule", () => {
    const rule = { x0: 0, y0: 99, x1: 400, y1: 100, op: "fill" as const };
    const [w] = clipAtRules([word("流量", 100, 130, 0.9, 90, 125)], [rule], map(400, 200));
    expect([w!.y0, w!.y1]).toEqual([100, 125]);
    // A box that ends on a rule takes it in: it is cut back above it all the same.
    const under = { x0: 0, y0: 140, x1: 400, y1: 142, op: "fill" as const };
    const [v] = clipAtRules([word("净利润", 100, 160, 0.9, 101, 142)], [rule, under], map(400, 200));
    expect([v!.y0, v!.y1]).toEqual([101, 140]);
    // Ink just under the rule: the run's type-size box would reach over it.
    const [run] = wordsToRuns([word("7.18", 100, 130, 0.9, 101, 112)], map(400, 200), [rule]);
    expect(run!.run.y0).toBe(100);
  });
});

describe("spacing of recognised words", () => {
  it("puts no space between Chinese and a bracket the glyphs' side room separates, but one after a real gap", () => {
    expect(joinWords([word("每股指标(元", 0, 60, 0.9, 0, 10), word(")", 62, 64, 0.9, 0, 10)], 10)).toBe("每股指标(元)");
    expect(joinWords([word("拟人", 0, 20, 0.9, 0, 10), word("(humaneval)", 25, 80, 0.9, 0, 10)], 10)).toBe(
      "拟人 (humaneval)",
    );
  });

  it("writes no space after a full-width mark or before an opening bracket: the mark's blank half is its own room", () => {
    // 12 px of paper after the colon: as wide as a word space, but the colon's own.
    expect(joinWords([word("邮编:", 0, 40, 0.9), word("100031", 52, 100, 0.9)], 30)).toBe("邮编：100031");
    expect(joinWords([word("电话：", 0, 40, 0.9), word("(8621)", 52, 100, 0.9)], 30)).toBe("电话：(8621)");
    expect(joinWords([word("收益", 0, 40, 0.9), word("（亿元）", 52, 100, 0.9)], 30)).toBe("收益（亿元）");
    expect(joinWords([word("总股本(", 0, 40, 0.9), word("百万股):", 52, 100, 0.9)], 30)).toBe("总股本(百万股)：");
    expect(
      joinWords(
        [word("(", 0, 10, 0.9), word("via", 22, 50, 0.9), word("API", 62, 90, 0.9), word(")", 102, 110, 0.9)],
        30,
      ),
    ).toBe("(via API)");
    // An ASCII colon after Latin stays ASCII, and the gap after it is a space.
    expect(joinWords([word("Note:", 0, 40, 0.9), word("100", 52, 100, 0.9)], 30)).toBe("Note: 100");
  });

  it("sets a comma, colon or semicolon after a Chinese character full-width, as Chinese text has it", () => {
    expect(fullWidthStops("资料来源:Wind,天风证券研究所")).toBe("资料来源：Wind,天风证券研究所");
    expect(fullWidthStops("模型大,成本高;Team, Google")).toBe("模型大，成本高；Team, Google");
  });

  it("keeps Chinese and figures spaced a word apart in one run, and cuts at a cell's gap", () => {
    const map = { box: { x0: 0, y0: 0, x1: 1000, y1: 1000 }, width: 1000, height: 1000 };
    // em ≈ 10: 6 apart is a word space between scripts, 20 apart a new cell.
    const runs = wordsToRuns(
      [
        word("沪深", 0, 19, 0.9, 100, 109.5),
        word("300", 25, 40, 0.9, 100, 107.3),
        word("成份股内", 46, 84, 0.9, 100, 109.5),
        word("1.57", 104, 124, 0.9, 100, 107.3),
      ],
      map,
    );
    expect(runs.map((r) => r.run.text)).toEqual(["沪深 300 成份股内", "1.57"]);
  });

  it("parts Chinese words further apart than letter spacing (headers set close over narrow columns)", () => {
    const map = { box: { x0: 0, y0: 0, x1: 1000, y1: 1000 }, width: 1000, height: 1000 };
    // em = 10 (ten px a character): 1 px apart is one word, 4 px apart may be two cells.
    const close = wordsToRuns([word("参数", 0, 19, 0.9, 100, 110), word("量", 20, 29, 0.9, 100, 110)], map);
    expect(close.map((r) => r.run.text)).toEqual(["参数量"]);
    const apart = wordsToRuns([word("参数量", 0, 29, 0.9, 100, 110), word("模型大小", 33, 72, 0.9, 100, 110)], map);
    expect(apart.map((r) => r.run.text)).toEqual(["参数量", "模型大小"]);
  });
});

describe("words fitted to the ink of the page", () => {
  const map = { box: { x0: 0, y0: 0, x1: 400, y1: 100 }, width: 400, height: 100 };
  // Two header cells of Chinese, em ≈ 10 px: characters at 40–80 and at 100–140 (a 20 px = 2 em gap between).
  const cells = paper(400, 100, [
    [40, 40, 9, 10],
    [50, 40, 9, 10],
    [60, 40, 9, 10],
    [70, 40, 9, 10],
    [100, 40, 9, 10],
    [110, 40, 9, 10],
    [120, 40, 9, 10],
    [130, 40, 9, 10],
  ]);

  it("cuts a word whose box runs over the next cell back to its ink, so the gap between the cells shows", () => {
    // The engine's box for the last word of the first cell reaches to the end of the second, as it does for Chinese.
    const words = [
      word("隐藏", 40, 59, 0.9, 40, 50),
      word("层数", 60, 139, 0.9, 40, 50),
      word("注意", 100, 119, 0.9, 40, 50),
      word("力头", 120, 139, 0.9, 40, 50),
    ];
    expect(wordsToRuns(words, map).map((r) => r.run.text)).toEqual(["隐藏层数注意力头"]);
    const runs = wordsToRuns(words, map, [], pageInk(cells));
    expect(runs.map((r) => r.run.text)).toEqual(["隐藏层数", "注意力头"]);
    expect(runs[0]!.run.x1).toBeLessThan(100);
    expect(fitToInk(words, pageInk(cells), 5)[1]).toMatchObject({ x0: 60, x1: 79 });
  });

  it("drops a stop the engine read, unsure, into the blank paper between two cells; keeps one with ink", () => {
    const words = [
      word("层数", 60, 79, 0.9, 40, 50),
      word("。", 80, 99, 0.45, 40, 50),
      word("注意", 100, 119, 0.9, 40, 50),
    ];
    expect(fitToInk(words, pageInk(cells), 5).map((w) => w.text)).toEqual(["层数", "注意"]);
    const inked = paper(400, 100, [
      [60, 40, 19, 10],
      [82, 46, 4, 4],
      [100, 40, 19, 10],
    ]);
    expect(fitToInk(words, pageInk(inked), 5).map((w) => w.text)).toEqual(["层数", "。", "注意"]);
  });

  it("takes a vertical rule between two cells for paper", () => {
    const ruled = paper(400, 100, [
      [40, 40, 19, 10],
      [68, 20, 2, 60],
      [80, 40, 19, 10],
    ]);
    const words = [word("参数", 40, 99, 0.9, 40, 50), word("取值", 80, 99, 0.9, 40, 50)];
    // Paper on either side of the rule is narrower than a cell's gap; with the rule, the gap is wide enough.
    expect(fitToInk(words, pageInk(ruled), 15)[0]!.x1).toBe(99);
    expect(fitToInk(words, pageInk(ruled, [{ x0: 68, y0: 20, x1: 70, y1: 80 }]), 15)[0]!.x1).toBe(59);
  });
});
