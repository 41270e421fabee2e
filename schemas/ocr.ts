// What the OCR edge hands to the pure stages: words recognised in the raster images of a PDF (charts, pictures)
// and on pages without a usable text layer (scans), with their boxes and confidences. Confidences are rounded to
// two decimals and boxes to whole pixels / 0.1 point, so the same pixels always give the same data.
import { z } from "zod";
import { Box } from "./layout.ts";
import { PdfRun } from "./pdf.ts";

const confidence = z.number().min(0).max(1).describe("recognition confidence 0–1, rounded to 2 decimals");

export const OcrWord = z.object({
  text: z.string().min(1).describe("recognised text of the word (NFKC-normalised)"),
  x0: z.int().describe("left edge, pixels of the recognised image"),
  y0: z.int().describe("top edge, pixels"),
  x1: z.int().describe("right edge, pixels"),
  y1: z.int().describe("bottom edge, pixels"),
  line: z.int().nonnegative().describe("index of the text line the engine put the word in"),
  confidence,
});
export type OcrWord = z.infer<typeof OcrWord>;

export const OcrResult = z.object({
  status: z.enum(["ok", "timeout", "error"]).describe("ok, or why there are no words"),
  message: z.string().nullable().describe("what went wrong, null when ok"),
  width: z.int().nonnegative().describe("width of the recognised (prepared) image, pixels"),
  height: z.int().nonnegative().describe("height of the recognised (prepared) image, pixels"),
  words: z.array(OcrWord),
  confidence: confidence.describe("mean word confidence, 0 without words"),
});
export type OcrResult = z.infer<typeof OcrResult>;

/** A solid bar found in a chart image (pixels of the original image, top-left origin). */
export const BarShape = z.object({ x0: z.int(), y0: z.int(), x1: z.int(), y1: z.int() });
export type BarShape = z.infer<typeof BarShape>;

export const ImageOcr = z.object({
  page: z.int().positive(),
  index: z.int().positive().describe("n-th image painted on the page (1-based), as in PdfPage.images"),
  box: Box.describe("where the image is drawn, PDF points"),
  width: z.int().positive().describe("image width, pixels"),
  height: z.int().positive().describe("image height, pixels"),
  scale: z.number().positive().describe("prepared image pixels per image pixel (word boxes are in prepared pixels)"),
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .describe("hash of the decoded pixels"),
  ocr: OcrResult,
  bars: z
    .array(BarShape)
    .describe("solid vertical bars standing on a common baseline, left to right (empty for pictures)"),
  baseline: z.int().nullable().describe("y of the bars' common baseline, pixels"),
});
export type ImageOcr = z.infer<typeof ImageOcr>;

export const PageOcr = z.object({
  page: z.int().positive(),
  reason: z.enum(["no-text-layer", "garbled-glyphs"]).describe("why the page was recognised"),
  dpi: z.number().positive().describe("resolution the page was recognised at"),
  skew: z.number().describe("rotation corrected before recognition, degrees (positive: clockwise)"),
  status: z.enum(["ok", "timeout", "error"]),
  confidence,
  words: z.array(z.object({ text: z.string(), box: Box, confidence })).describe("recognised words, PDF points"),
});
export type PageOcr = z.infer<typeof PageOcr>;

export const OutlineText = z.object({
  page: z.int().positive(),
  run: PdfRun.describe("the words read, placed and turned as the outlines are drawn"),
  confidence,
});
export type OutlineText = z.infer<typeof OutlineText>;

export const OcrData = z.object({
  engine: z.string().describe("engine, core and language data versions"),
  images: z.array(ImageOcr),
  pages: z.array(PageOcr),
  outlines: z
    .array(OutlineText)
    .optional()
    .describe("a vector chart's category labels drawn as glyph outlines (paths, not text), read by OCR"),
});
export type OcrData = z.infer<typeof OcrData>;
