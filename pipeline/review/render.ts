// Crops of the printed pages (an I/O edge): each page that has regions rendered once by pdf.js on @napi-rs/canvas
// at SCALE, each region cut out of it and encoded as PNG by the canvas's own encoder with no metadata (no time,
// no resolution chunk), so the same PDF always gives the same bytes. Chart regions also keep their gray pixels,
// for finding the bars (chart-axes.ts).
import { documentOptions, loadPdfjs } from "../input/pdf.ts";
import { type Gray, toGray } from "../ocr/preprocess.ts";
import { clip, type Region } from "./regions.ts";

/** Pixels per PDF point: 144 dpi, small print stays readable. */
export const SCALE = 2;

export interface Crop {
  /** the region as cut: clipped to its page, whole points */
  region: Region;
  png: Uint8Array;
  width: number;
  height: number;
  /** gray pixels of chart regions */
  gray: Gray | null;
}

// The canvases come from pdf.js's own canvas factory: @napi-rs/canvas as pdf.js loads it. An instance imported
// here is another copy of the native module, and drawing a canvas of one copy on a canvas of the other crashes.
interface FactoryCanvas {
  canvas: { width: number; height: number; encodeSync(format: "png"): Uint8Array };
  context: unknown;
}
interface CanvasFactory {
  create(w: number, h: number): FactoryCanvas;
  destroy(c: FactoryCanvas): void;
}

export async function renderCrops(
  bytes: Uint8Array,
  regions: Region[],
  onPage?: (page: number) => void,
): Promise<Map<string, Crop>> {
  const pdfjs = await loadPdfjs();
  const doc = await pdfjs.getDocument({
    ...documentOptions(bytes, undefined),
    isOffscreenCanvasSupported: false,
    verbosity: 0,
  }).promise;
  const crops = new Map<string, Crop>();
  try {
    const pages = [...new Set(regions.map((r) => r.page))].sort((a, b) => a - b);
    for (const n of pages) {
      if (n > doc.numPages) continue;
      onPage?.(n);
      const page = await doc.getPage(n);
      const viewport = page.getViewport({ scale: SCALE });
      const { width, height } = page.getViewport({ scale: 1 });
      const factory = (doc as unknown as { canvasFactory: CanvasFactory }).canvasFactory;
      const full = factory.create(Math.ceil(viewport.width), Math.ceil(viewport.height));
      const ctx = full.context as CanvasRenderingContext2D;
      ctx.fillStyle = "white";
      ctx.fillRect(0, 0, full.canvas.width, full.canvas.height);
      await page.render({ canvasContext: ctx, canvas: full.canvas as unknown as HTMLCanvasElement, viewport }).promise;
      for (const r of regions.filter((x) => x.page === n)) {
        const region = clip(r, width, height);
        const w = Math.max(1, Math.round((region.x1 - region.x0) * SCALE));
        const h = Math.max(1, Math.round((region.y1 - region.y0) * SCALE));
        const cut = factory.create(w, h);
        const cctx = cut.context as CanvasRenderingContext2D;
        cctx.drawImage(
          full.canvas as unknown as CanvasImageSource,
          region.x0 * SCALE,
          region.y0 * SCALE,
          w,
          h,
          0,
          0,
          w,
          h,
        );
        const gray = r.name.startsWith("chart-") ? toGray(cctx.getImageData(0, 0, w, h).data, w, h, 4) : null;
        crops.set(r.name, { region, png: new Uint8Array(cut.canvas.encodeSync("png")), width: w, height: h, gray });
        factory.destroy(cut);
      }
      factory.destroy(full);
      page.cleanup();
    }
  } finally {
    await doc.destroy();
  }
  return crops;
}
