// Column bars found in gray pixels: a line series of another level drawn across the bars must not split them.
import { describe, expect, it } from "vitest";
import { findBars, longestRun } from "../pipeline/ocr/bars.ts";
import type { Gray } from "../pipeline/ocr/preprocess.ts";

/** A 200×100 white image with bars of level 100 (x ranges, top y) standing on y 90. */
function chart(bars: [number, number, number][]): Gray {
  const width = 200;
  const height = 100;
  const data = new Uint8Array(width * height).fill(255);
  for (const [x0, x1, top] of bars)
    for (let y = top; y < 90; y++) for (let x = x0; x < x1; x++) data[y * width + x] = 100;
  return { width, height, data };
}

describe("findBars", () => {
  it("keeps a bar whole when a darker line crosses it", () => {
    const img = chart([
      [20, 40, 30],
      [80, 100, 50],
      [140, 160, 40],
    ]);
    // A sloping dark stroke (level 20, 2 px thick) across all three bars.
    for (let x = 0; x < 200; x++) {
      const y = 60 + Math.round(x / 20);
      for (const yy of [y, y + 1]) img.data[yy * 200 + x] = 20;
    }
    const { bars, baseline } = findBars(img);
    expect(baseline).toBe(90);
    expect(bars.map((b) => [b.x0, b.x1, b.y0])).toEqual([
      [20, 40, 30],
      [80, 100, 50],
      [140, 160, 40],
    ]);
  });

  it("joins runs of one level across other ink, not across paper or a long stretch", () => {
    const run = (top: number, bottom: number, level: number) => ({ top, bottom, level });
    // bar 10–40, stroke 40–43 (with an edge close to the bar's level), bar 43–80
    expect(longestRun([run(10, 40, 100), run(40, 41, 90), run(41, 43, 20), run(43, 80, 102)], 5, 3)).toEqual(
      run(10, 80, 102),
    );
    // paper between: not joined
    expect(longestRun([run(10, 40, 100), run(45, 60, 100)], 10, 3)).toEqual(run(10, 40, 100));
    // other ink longer than the gap: not joined
    expect(longestRun([run(10, 40, 100), run(40, 50, 20), run(50, 60, 100)], 5, 3)).toEqual(run(10, 40, 100));
  });
});
