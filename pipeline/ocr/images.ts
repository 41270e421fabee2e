// Pixels out of a PDF (an I/O edge, like load/pdf.ts): the raster images painted on chosen pages, decoded by
// pdf.js during getOperatorList and taken from page.objs, and whole pages for OCR — the page's own image when it is
// one image covering the page (a scan: its pixels as they are), else rendered by pdf.js on @napi-rs/canvas. One
// page at a time, handed to a callback as gray pixels and released, so memory stays at one page's images.
import type { PdfPage } from "../../schemas/index.ts";
import { area, type Rect } from "../geometry.ts";
import { toGray, type Gray } from "./preprocess.ts";
import { documentOptions, loadPdfjs } from "../input/pdf.ts";

/** An image of a page: its gray pixels and where they are drawn (PDF points, top-left origin). */
export interface Raster {
  page: number;
  index: number;
  box: Rect;
  gray: Gray;
}

export interface RasterRequest {
  page: number;
  /** take out the page's raster images (PdfPage.images order) */
  images: boolean;
  /** the whole page for OCR, at this resolution when it has to be rendered */
  wholePage: { dpi: number } | null;
}

/** Images smaller than this (pixels or points) are icons and rules, not figures. */
const MIN_PX = 48;
const MIN_PT = 36;
/** A page whose one image covers this share of it is a scan: that image is the page. */
const SCAN_COVER = 0.9;

interface DecodedImage {
  width: number;
  height: number;
  kind?: number;
  data?: Uint8Array | Uint8ClampedArray;
}

export async function readRasters(
  bytes: Uint8Array,
  pages: PdfPage[],
  requests: RasterRequest[],
  password: string | undefined,
  onRaster: (r: Raster, kind: "image" | "page") => Promise<void> | void,
): Promise<void> {
  if (requests.length === 0) return;
  const pdfjs = await loadPdfjs();
  const doc = await pdfjs.getDocument({ ...documentOptions(bytes, password), isOffscreenCanvasSupported: false })
    .promise;
  const ops = pdfjs.OPS;
  try {
    for (const req of requests) {
      const info = pages.find((p) => p.page === req.page);
      if (!info) continue;
      const page = await doc.getPage(req.page);
      const list = await page.getOperatorList();
      const decoded: (DecodedImage | null)[] = [];
      for (let i = 0; i < list.fnArray.length; i++) {
        const fn = list.fnArray[i];
        const args = list.argsArray[i] as unknown[];
        if (fn === ops.paintImageXObject) {
          const id = args[0] as string;
          const objs = id.startsWith("g_") ? page.commonObjs : page.objs;
          decoded.push(
            await new Promise<DecodedImage | null>((resolve) => {
              try {
                objs.get(id, (o: unknown) => resolve((o as DecodedImage) ?? null));
              } catch {
                resolve(null);
              }
            }),
          );
        } else if (fn === ops.paintInlineImageXObject) decoded.push((args[0] as DecodedImage) ?? null);
        else if (fn === ops.paintImageMaskXObject) decoded.push(null);
      }
      const boxes = info.images;
      if (req.wholePage) {
        const only = boxes.length === 1 && area(boxes[0]!) >= SCAN_COVER * info.width * info.height ? decoded[0] : null;
        const gray = only ? grayOf(only) : null;
        if (gray) await onRaster({ page: req.page, index: 1, box: boxes[0]!, gray }, "page");
        else
          await onRaster(
            {
              page: req.page,
              index: 0,
              box: { x0: 0, y0: 0, x1: info.width, y1: info.height },
              gray: await render(page, doc, req.wholePage.dpi),
            },
            "page",
          );
      } else if (req.images) {
        for (let k = 0; k < decoded.length; k++) {
          const img = decoded[k];
          const box = boxes[k];
          if (
            !img ||
            !box ||
            img.width < MIN_PX ||
            img.height < MIN_PX ||
            box.x1 - box.x0 < MIN_PT ||
            box.y1 - box.y0 < MIN_PT
          )
            continue;
          const gray = grayOf(img);
          if (gray) await onRaster({ page: req.page, index: k + 1, box, gray }, "image");
        }
      }
      page.cleanup();
    }
  } finally {
    await doc.destroy();
  }
}

/** pdf.js image kinds: 1 = 1 bit per pixel (rows padded to bytes), 2 = RGB, 3 = RGBA. */
function grayOf(img: DecodedImage): Gray | null {
  const { width, height, kind, data } = img;
  if (!data || !width || !height) return null;
  if (kind === 2) return toGray(data, width, height, 3);
  if (kind === 3) return toGray(data, width, height, 4);
  if (kind === 1) {
    const out = new Uint8Array(width * height);
    const stride = (width + 7) >> 3;
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++)
        out[y * width + x] = (data[y * stride + (x >> 3)]! >> (7 - (x & 7))) & 1 ? 255 : 0;
    return { width, height, data: out };
  }
  return null;
}

interface CanvasAndContext {
  canvas: { width: number; height: number };
  context: {
    fillStyle: string;
    fillRect(x: number, y: number, w: number, h: number): void;
    getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
  };
}

/** Render a page on white with pdf.js (pdf.js uses @napi-rs/canvas in Node). */
async function render(
  page: Awaited<
    ReturnType<
      Awaited<ReturnType<typeof import("pdfjs-dist/legacy/build/pdf.mjs")["getDocument"]>["promise"]>["getPage"]
    >
  >,
  doc: unknown,
  dpi: number,
): Promise<Gray> {
  const viewport = page.getViewport({ scale: dpi / 72 });
  const width = Math.ceil(viewport.width);
  const height = Math.ceil(viewport.height);
  const factory = (
    doc as { canvasFactory: { create(w: number, h: number): CanvasAndContext; destroy(c: CanvasAndContext): void } }
  ).canvasFactory;
  const cc = factory.create(width, height);
  cc.context.fillStyle = "white";
  cc.context.fillRect(0, 0, width, height);
  await page.render({
    canvasContext: cc.context as unknown as CanvasRenderingContext2D,
    canvas: cc.canvas as unknown as HTMLCanvasElement,
    viewport,
  }).promise;
  const gray = toGray(cc.context.getImageData(0, 0, width, height).data, width, height, 4);
  factory.destroy(cc);
  return gray;
}
