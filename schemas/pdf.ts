// What the PDF reader takes off each page before layout: positioned text runs, vector rectangles and
// raster images, in PDF points with the origin at the page's top-left corner (y grows downwards).
import { z } from "zod";

const Rect = { x0: z.number(), y0: z.number(), x1: z.number(), y1: z.number() };

export const PdfRun = z.object({
  text: z.string().describe("text of the run, NFKC-normalised (CJK radicals folded to unified ideographs)"),
  ...Rect,
  size: z.number().positive().describe("font size in points"),
  font: z.string().describe("font name as pdf.js reports it"),
  angle: z
    .number()
    .optional()
    .describe(
      "direction of the text in degrees counter-clockwise when it is not horizontal (90: reads upwards); the box is then only the run's start and advance, as for horizontal text",
    ),
  bold: z.literal(true).optional().describe("set in a bold face (the font's name says so); absent otherwise"),
});
export const PdfRect = z.object({
  ...Rect,
  op: z.enum(["fill", "stroke", "fillStroke"]).describe("how the path was painted"),
});
export const PdfImage = z.object({ ...Rect });
export const PdfPath = z.object({
  ...Rect,
  op: z.enum(["fill", "stroke", "fillStroke"]).describe("how the path was painted"),
  fill: z.string().nullable().describe("fill colour #rrggbb when filled, else null"),
  stroke: z.string().nullable().describe("stroke colour #rrggbb when stroked, else null"),
  subpaths: z
    .array(z.array(z.number()))
    .describe("each subpath's vertices as x,y pairs in page points (curves by their end points)"),
});
export const PdfPage = z.object({
  page: z.int().positive(),
  width: z.number(),
  height: z.number(),
  runs: z.array(PdfRun),
  rects: z.array(PdfRect).describe("painted paths as bounding boxes: rules, cell borders, backgrounds"),
  images: z.array(PdfImage),
  paths: z
    .array(PdfPath)
    .optional()
    .describe(
      "painted vector paths with their colours and vertices (charts: bars, lines, legend swatches); absent from pages built by hand or by OCR",
    ),
});
export type PdfRun = z.infer<typeof PdfRun>;
export type PdfRect = z.infer<typeof PdfRect>;
export type PdfImage = z.infer<typeof PdfImage>;
export type PdfPage = z.infer<typeof PdfPage>;
export type PdfPath = z.infer<typeof PdfPath>;
