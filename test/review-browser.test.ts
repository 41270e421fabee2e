// The review page in a real browser: Debian's headless Chromium driven by playwright-core (no browser download).
// The seed's pages are built from the committed out/ (the PDF is in sources/) and opened from file://: no console
// errors, the summary counts of report.json, a hovered cell's box drawn where the cell is on the crop (checked by
// coordinates), keyboard navigation, "copy as truth", a screenshot compared loosely with a reference, and the
// contrast of every piece of text. Without Chromium the tests are skipped with the reason; under CI=1 they fail.
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { createCanvas, loadImage } from "@napi-rs/canvas";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Report } from "../schemas/index.ts";
import { buildReview } from "../pipeline/review/build.ts";
import { truthText } from "../pipeline/review/truth.ts";

const CANDIDATES = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].filter(
  (p): p is string => Boolean(p),
);
const executable = CANDIDATES.find((p) => existsSync(p));
const required = Boolean(process.env.CI);
const REFERENCE = "test/fixtures/review/fig-33.png";
const PDF_OUT = "out/tianfeng-2024-03-09-llm";
const TEXT_OUT = "out/tianfeng-2024-03-09-llm-text";

if (!executable) {
  const reason = `no Chromium at ${CANDIDATES.join(" or ")} (apt-get install chromium, or set CHROMIUM_PATH)`;
  if (!required) console.warn(`review-browser: browser tests skipped: ${reason}`);
  describe("the review page in a browser", () => {
    if (required)
      it("needs Chromium: CI is set", () => {
        throw new Error(`Chromium is required here (CI is set) but ${reason}`);
      });
    else it.skip(`skipped: ${reason}`, () => undefined);
  });
}

describe.skipIf(!executable)("the review page in Chromium", () => {
  const report = JSON.parse(readFileSync(`${PDF_OUT}/report.json`, "utf8")) as Report;
  let browser: Browser;
  let dir: string;
  let pdfPage: string;
  let textPage: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "review-browser-"));
    pdfPage = pathToFileURL(join((await buildReview(PDF_OUT, { out: join(dir, "pdf") })).out, "index.html")).href;
    textPage = pathToFileURL(join((await buildReview(TEXT_OUT, { out: join(dir, "text") })).out, "index.html")).href;
    browser = await chromium.launch({
      executablePath: executable,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
  });
  afterAll(async () => {
    await browser?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /** A fresh page with every console error, page error and failed request collected. */
  async function open(url: string, init?: () => void): Promise<{ page: Page; errors: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error" || m.type() === "warning") errors.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on("pageerror", (e) => errors.push(`page error: ${e.message}`));
    page.on("requestfailed", (r) => errors.push(`request failed: ${r.url()}`));
    if (init) await page.addInitScript(init);
    await page.goto(url, { waitUntil: "load" });
    return { page, errors };
  }

  it("loads from file:// with no console error, every image decoded", async () => {
    const { page, errors } = await open(pdfPage);
    const broken = await page.$$eval("img", async (imgs) => {
      const all = imgs as HTMLImageElement[];
      for (const i of all) i.loading = "eager"; // the thumbnails of pictures load lazily
      await Promise.all(all.map((i) => i.decode().catch(() => undefined)));
      return all.filter((i) => i.naturalWidth === 0).map((i) => i.getAttribute("src"));
    });
    expect(broken).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("shows the summary counts of report.json", async () => {
    const { page } = await open(pdfPage);
    const counts = Object.fromEntries(
      await page.$$eval("[data-count]", (els) =>
        els.map((e) => [(e as HTMLElement).dataset.count, Number(e.textContent)]),
      ),
    );
    const charts = report.charts ?? [];
    const severity = (s: string) => report.problems.filter((p) => p.severity === s).length;
    expect(counts).toEqual({
      tables: report.tables.length,
      cells: report.tables.reduce((s, t) => s + t.cells.length, 0),
      charts: charts.filter((c) => c.kind === "bar").length,
      pictures: charts.filter((c) => c.kind === "picture").length,
      errors: severity("error"),
      warnings: severity("warning"),
      infos: severity("info"),
    });
    await page.close();
  });

  it("highlights the hovered cell's box where the cell is on the crop, on either page of a table", async () => {
    const { page } = await open(pdfPage);
    const picks = [
      ["fig-4", 0, 1],
      ["fig-33", 2, 3],
      ["fig-16", 9, 1],
      ["fig-16", 3, 6],
    ] as const;
    for (const [id, row, col] of picks) {
      const cell = report.tables.find((t) => t.id === id)!.cells.find((c) => c.row === row && c.col === col)!;
      const td = page.locator(`#t-${id} td[data-cell="${row},${col}"]`);
      await td.scrollIntoViewIfNeeded();
      await td.hover();
      const got = await page.evaluate(
        ([tid, page]) => {
          const on = [...document.querySelectorAll("rect.cell.on")];
          const figure = document.querySelector(`#t-${tid} figure.crop[data-page="${page}"]`) as HTMLElement;
          const img = figure.querySelector("img")!.getBoundingClientRect();
          const d = figure.dataset;
          const r = on[0]?.getBoundingClientRect();
          return {
            count: on.length,
            rect: r && { x: r.x, y: r.y, w: r.width, h: r.height },
            img: { x: img.x, y: img.y, w: img.width },
            region: [Number(d.x0), Number(d.y0), Number(d.x1)],
          };
        },
        [id, cell.box!.page] as const,
      );
      expect(got.count, `${id} r${row}c${col}`).toBe(1);
      const scale = got.img.w / (got.region[2]! - got.region[0]!);
      const b = cell.box!;
      const want = {
        x: got.img.x + (b.x0 - got.region[0]!) * scale,
        y: got.img.y + (b.y0 - got.region[1]!) * scale,
        w: (b.x1 - b.x0) * scale,
        h: (b.y1 - b.y0) * scale,
      };
      for (const k of ["x", "y", "w", "h"] as const)
        expect(Math.abs(got.rect![k] - want[k]), `${id} r${row}c${col} ${k}`).toBeLessThan(1.5);
      expect(await page.locator(`#t-${id} .cell-info`).textContent()).toContain(cell.raw);
    }
    await page.close();
  });

  it("is usable from the keyboard: a skip link first, arrow keys move between cells and select them", async () => {
    const { page } = await open(pdfPage);
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.className)).toBe("skip");
    await page.locator('#t-fig-33 td[data-cell="0,1"]').focus();
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowDown");
    const state = await page.evaluate(() => {
      const a = document.activeElement as HTMLElement;
      return {
        cell: a.dataset.cell,
        selected: a.getAttribute("aria-selected"),
        on: [...document.querySelectorAll("#t-fig-33 rect.cell.on")].map((r) => r.getAttribute("data-cell")),
      };
    });
    expect(state).toEqual({ cell: "1,2", selected: "true", on: ["1,2"] });
    await page.close();
  });

  it("copies a table in the truth format", async () => {
    const { page, errors } = await open(pdfPage, () => {
      Object.defineProperty(navigator, "clipboard", {
        value: {
          writeText: async (t: string) => {
            (window as unknown as { copied: string }).copied = t;
          },
        },
      });
    });
    await page.locator("#t-fig-33 button.copy-truth").click();
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { copied?: string }).copied ?? null))
      .not.toBeNull();
    const copied = await page.evaluate(() => (window as unknown as { copied: string }).copied);
    expect(copied).toBe(truthText(report, report.tables.find((t) => t.id === "fig-33")!));
    expect(await page.locator("#t-fig-33 .copied").textContent()).toMatch(/^Copied/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("draws a table view that looks like the reference screenshot", async () => {
    const { page } = await open(pdfPage);
    const shot = await page.locator("#t-fig-33 .pair").screenshot();
    await page.close();
    if (!existsSync(REFERENCE)) {
      await writeFile(REFERENCE, shot);
      throw new Error(`no reference screenshot: wrote ${REFERENCE}; look at it and commit it`);
    }
    const [a, b] = await Promise.all([loadImage(shot), loadImage(await readFile(REFERENCE))]);
    expect(Math.abs(a.width - b.width) / b.width).toBeLessThan(0.05);
    expect(Math.abs(a.height - b.height) / b.height).toBeLessThan(0.1);
    expect(await difference(a, b)).toBeLessThan(0.06);
  });

  it("keeps every piece of text at a contrast of at least 4.5:1 with its background", async () => {
    const { page } = await open(pdfPage);
    expect(await page.evaluate(lowContrast)).toEqual([]);
    // the measure itself: light gray text on white is caught
    await page.addStyleTag({ content: "header .facts { color: #b0b0b0 }" });
    expect(await page.evaluate(lowContrast)).toEqual([expect.stringMatching(/^p\.facts: 2\.\d+$/)]);
    await page.close();
  });

  it("shows a text report's tables beside their text, without crops", async () => {
    const { page, errors } = await open(textPage);
    expect(await page.locator("img").count()).toBe(0);
    expect(await page.locator("table.as-printed").count()).toBe(report.tables.length);
    const td = page.locator('#t-fig-4 td[data-cell="0,1"]');
    await td.hover();
    const raw = report.tables.find((t) => t.id === "fig-4")!.cells.find((c) => c.row === 0 && c.col === 1)!.raw;
    expect(await page.locator("#t-fig-4 .cell-info").textContent()).toContain(raw);
    expect(await page.evaluate(lowContrast)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});

/** Mean absolute gray difference (0–1) of two images brought to the same 64-pixel-wide size. */
async function difference(a: { width: number; height: number }, b: { width: number; height: number }): Promise<number> {
  const w = 64;
  const h = Math.round((64 * b.height) / b.width);
  const gray = (img: typeof a) => {
    const canvas = createCanvas(w, h);
    const ctx = canvas.getContext("2d");
    ctx.drawImage(img as Parameters<typeof ctx.drawImage>[0], 0, 0, w, h);
    const d = ctx.getImageData(0, 0, w, h).data;
    return Array.from({ length: w * h }, (_, i) => (d[4 * i]! + d[4 * i + 1]! + d[4 * i + 2]!) / 3);
  };
  const ga = gray(a);
  const gb = gray(b);
  return ga.reduce((s, v, i) => s + Math.abs(v - gb[i]!), 0) / (ga.length * 255);
}

/** In the page: every visible element with its own text whose colour has less than 4.5:1 contrast with the first
 * opaque background behind it (3:1 for large text), as "tag.class: ratio". */
function lowContrast(): string[] {
  const rgb = (s: string) => (s.match(/[\d.]+/g) ?? []).map(Number);
  const lum = ([r = 0, g = 0, b = 0]: number[]) => {
    const f = (c: number) => {
      const v = c / 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const background = (el: Element | null): number[] => {
    for (let e = el; e; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c.length === 3 || (c[3] ?? 0) > 0.9) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const out: string[] = [];
  for (const el of document.querySelectorAll("body *")) {
    const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent!.trim() !== "");
    if (!own || !(el as HTMLElement).offsetParent) continue;
    const style = getComputedStyle(el);
    const fg = lum(rgb(style.color));
    const bg = lum(background(el));
    const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
    const large =
      Number.parseFloat(style.fontSize) >= 24 ||
      (Number.parseFloat(style.fontSize) >= 18.66 && Number(style.fontWeight) >= 700);
    if (ratio < (large ? 3 : 4.5)) out.push(`${el.tagName.toLowerCase()}.${el.className}: ${ratio.toFixed(2)}`);
  }
  return [...new Set(out)];
}
