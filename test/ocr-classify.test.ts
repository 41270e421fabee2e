// The image classifier of the OCR stage (pipeline/ocr/classify.ts): what is skipped, why, and how it is reported.
import { describe, expect, it } from "vitest";
import { imageStats, skipReason } from "../pipeline/ocr/classify.ts";
import { skippedProblems } from "../pipeline/ocr/skipped.ts";
import type { Gray } from "../pipeline/ocr/preprocess.ts";

const A4 = { pageWidth: 595, pageHeight: 842 };
const at = (x0: number, y0: number, x1: number, y1: number) => ({ ...A4, box: { x0, y0, x1, y1 } });

function gray(width: number, height: number, pixel: (x: number, y: number) => number): Gray {
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data[y * width + x] = pixel(x, y);
  return { width, height, data };
}

/** A bar chart: white paper, an axis, three solid bars. */
const chart = gray(400, 240, (x, y) => {
  if (y === 200 || x === 40) return 0;
  const bar = [80, 180, 280].some((b) => x >= b && x < b + 50) && y < 200 && y > 200 - ((x % 97) + 60);
  return bar ? 90 : 255;
});
/** A photograph: smooth shading and grain everywhere, no paper. */
const photo = gray(300, 200, (x, y) => (40 + ((x * 7 + y * 3) % 180) + ((x * 31 + y * 17) % 13)) & 255);
/** A QR-like pattern: black and white modules. */
const qr = gray(120, 120, (x, y) => (((x >> 2) * 7 + (y >> 2) * 13) % 3 === 0 ? 0 : 255));

describe("skipReason", () => {
  it("recognises a chart in the body of the page", () => {
    expect(skipReason(chart, at(80, 300, 500, 550))).toBeNull();
  });
  it("skips a logo in the header or footer band, by its place alone", () => {
    expect(skipReason(chart, at(40, 20, 180, 70))).toBe("margin");
    expect(skipReason(chart, at(300, 780, 540, 835))).toBe("margin");
    // a figure that starts in the header band but reaches into the body is not a logo
    expect(skipReason(chart, at(80, 60, 500, 300))).toBeNull();
  });
  it("skips decorative strips, blank boxes, QR codes and photographs", () => {
    expect(skipReason(chart, at(20, 100, 50, 700))).toBe("strip");
    expect(
      skipReason(
        gray(200, 100, () => 230),
        at(80, 300, 400, 460),
      ),
    ).toBe("blank");
    expect(skipReason(qr, at(400, 600, 480, 680))).toBe("qr");
    expect(skipReason(photo, at(80, 300, 480, 560))).toBe("photo");
  });
  it("keeps a large black-and-white square (a table or diagram, not a QR code)", () => {
    expect(skipReason(qr, at(80, 200, 480, 600))).toBeNull();
  });
});

describe("imageStats", () => {
  it("measures paper, tones and flatness", () => {
    const s = imageStats(chart);
    expect(s.paper).toBeGreaterThan(0.5);
    expect(s.flat).toBeGreaterThan(0.9);
    expect(imageStats(photo).levels).toBeGreaterThanOrEqual(150);
  });
});

describe("skippedProblems", () => {
  it("says one info problem per distinct image, naming the other pages it is on", () => {
    const box = { x0: 40, y0: 790, x1: 280, y1: 840 };
    const logo = (page: number) => ({ reason: "margin" as const, page, index: 2, box, pixels: "aa" });
    const problems = skippedProblems([logo(3), logo(1), logo(2), { ...logo(2), reason: "qr", pixels: "bb" }]);
    expect(problems.map((p) => [p.code, p.page, p.severity])).toEqual([
      ["ocr/skipped-margin", 1, "info"],
      ["ocr/skipped-qr", 2, "info"],
    ]);
    expect(problems[0]!.message).toContain("the same image on pages 2–3");
    expect(problems[0]!.where).toBe("image 2 of page 1");
  });
});
