// The pdf.js set-up of the PDF reader: what loading pdf.js does to the process, and our patch of pdf.js
// (patches/pdfjs-dist+*.patch, applied by `npm ci` through patch-package) that lets the layout pass skip image
// decoding.
import { existsSync, readFileSync } from "node:fs";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { documentOptions, loadPdfjs, readPdfPages } from "../pipeline/input/pdf.ts";
import { groupLines } from "../pipeline/stages/layout/pdf-lines.ts";

const SEED = "sources/tianfeng-2024-03-09-llm.pdf";
/** Page 5 of the seed paints two raster images. */
const PAGE = 5;

/** The source text of a function as another realm's engine sees it: core-js makes its replacements print as
 * `function push() { [native code] }` through this realm's (replaced) Function.prototype.toString, but a fresh
 * context's own toString is untouched and prints their JavaScript. */
const sourceOf: (f: unknown) => string = (f) => (runInNewContext("Function.prototype.toString") as Function).call(f);

describe("loading pdf.js", () => {
  it("leaves the engine's own Array.prototype.push, JSON.parse and Function.prototype.toString in place", async () => {
    await loadPdfjs();
    expect(sourceOf(Array.prototype.push)).toContain("[native code]");
    expect(sourceOf(JSON.parse)).toContain("[native code]");
    expect(sourceOf(Function.prototype.toString)).toContain("[native code]");
    // what core-js only adds stays (pdf.js uses it)
    expect(typeof (Promise as unknown as { withResolvers?: unknown }).withResolvers).toBe("function");
    expect([1, 2].push(3)).toBe(3);
    expect(JSON.parse('{"a":[1]}')).toEqual({ a: [1] });
  });
});

describe("skipImageDecoding (patched into pdf.js)", () => {
  /** The objects of the page's painted images once pdf.js has resolved them. */
  async function paintedImages(skipImageDecoding: boolean) {
    const pdfjs = await loadPdfjs();
    const doc = await pdfjs.getDocument({ ...documentOptions(readFileSync(SEED), undefined), skipImageDecoding })
      .promise;
    try {
      const page = await doc.getPage(PAGE);
      const list = await page.getOperatorList();
      const ids = list.fnArray.flatMap((fn, i) =>
        fn === pdfjs.OPS.paintImageXObject ? [(list.argsArray[i] as unknown[])[0] as string] : [],
      );
      const objs = await Promise.all(
        ids.map(
          (id) =>
            new Promise<unknown>((resolve) => (id.startsWith("g_") ? page.commonObjs : page.objs).get(id, resolve)),
        ),
      );
      return { ids, objs: objs as ({ width: number; height: number; data?: Uint8Array } | null)[] };
    } finally {
      await doc.destroy();
    }
  }

  it("keeps the image paint operations but never decodes their pixels", async () => {
    const skipped = await paintedImages(true);
    expect(skipped.ids).toHaveLength(2);
    expect(skipped.objs).toEqual([null, null]);
  });

  it("decodes them by default (what the OCR reader relies on)", async () => {
    const decoded = await paintedImages(false);
    expect(decoded.ids).toHaveLength(2);
    for (const o of decoded.objs) {
      expect(o?.width).toBeGreaterThan(0);
      expect(o?.data?.length).toBeGreaterThan(0);
    }
  });

  // A real report with embedded fonts (the seed's get no outlines either way); skipped where it is absent.
  const EMBEDDED = "../shared/fixtures/real/tianfeng-2018-index-enhance.pdf";
  it.skipIf(!existsSync(EMBEDDED))(
    "skipGlyphs: no glyphs in text operations, no glyph outlines, the same text",
    async () => {
      const pdfjs = await loadPdfjs();
      const read = async (skipGlyphs: boolean) => {
        const doc = await pdfjs.getDocument({ ...documentOptions(readFileSync(EMBEDDED), undefined), skipGlyphs })
          .promise;
        try {
          const page = await doc.getPage(1);
          const text = (await page.getTextContent()).items.map((i) => ("str" in i ? i.str : ""));
          const list = await page.getOperatorList();
          const glyphs = list.fnArray.flatMap((fn, i) =>
            fn === pdfjs.OPS.showText ? ((list.argsArray[i] as unknown[])[0] as unknown[]) : [],
          );
          const objects = glyphs.filter((g) => typeof g === "object"); // not the spacing numbers between them
          const paths = [...(page.commonObjs as unknown as Iterable<[string, unknown]>)].filter(([id]) =>
            id.includes("_path_"),
          );
          return { text, ops: list.fnArray.length, glyphs: objects.length, paths: paths.length };
        } finally {
          await doc.destroy();
        }
      };
      const [skipped, full] = [await read(true), await read(false)];
      expect(full.glyphs).toBeGreaterThan(0);
      expect(full.paths).toBeGreaterThan(0);
      expect(skipped).toEqual({ text: full.text, ops: full.ops, glyphs: 0, paths: 0 });
    },
  );

  it("content streams are inflated by zlib in this thread, not through DecompressionStream (patched into pdf.js)", async () => {
    const Native = globalThis.DecompressionStream;
    let streams = 0;
    globalThis.DecompressionStream = class extends Native {
      constructor(format: CompressionFormat) {
        super(format);
        streams++;
      }
    };
    try {
      const { pages } = await readPdfPages(new Uint8Array(readFileSync(SEED)));
      expect(pages[0]!.runs.length).toBeGreaterThan(10); // the seed's content streams are FlateDecode
    } finally {
      globalThis.DecompressionStream = Native;
    }
    expect(streams).toBe(0);
  });

  it("the layout pass still reports every image box", async () => {
    const { pages } = await readPdfPages(new Uint8Array(readFileSync(SEED)));
    expect(pages[PAGE - 1]!.images).toHaveLength(2);
    for (const b of pages[PAGE - 1]!.images) expect(b.x1 - b.x0).toBeGreaterThan(10);
  });
});

describe("font weight", () => {
  it("marks runs set in a bold face by their font's name, and no others", async () => {
    const { pages } = await readPdfPages(new Uint8Array(readFileSync(SEED)));
    const page = pages.find((p) => p.page === PAGE)!;
    const runs = page.runs;
    // Chromium writes a run per glyph or word: the weight of a line is that of all its runs.
    const weight = (start: string) => groupLines(page).find((l) => l.text.startsWith(start))?.bold;
    // Page 5 as rendered: the section headings and the figure captions are bold, body text and source lines not.
    expect(weight("1.1.")).toBe(true);
    expect(weight("图 1")).toBe(true);
    expect(weight("资料来源")).toBe(false);
    expect(weight("2023")).toBe(false);
    expect(runs.filter((r) => r.bold).length).toBeLessThan(runs.length / 2);
  });
});
