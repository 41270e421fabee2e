// The source document as the readers produce it: text lines and raw table grids in reading order.
// Text, markdown and PDF readers all emit this shape, so every later stage is format-agnostic.
import { z } from "zod";

export const Box = z
  .object({
    page: z.int().positive().describe("1-based page number"),
    x0: z.number().describe("left edge, PDF points from the page's left edge"),
    y0: z.number().describe("top edge, PDF points from the page's top edge"),
    x1: z.number().describe("right edge, PDF points"),
    y1: z.number().describe("bottom edge, PDF points"),
  })
  .describe("A rectangle on a page; origin at the top-left corner, y grows downwards");
export type Box = z.infer<typeof Box>;

export const Where = z.object({
  line: z.int().positive().nullable().describe("1-based line in the source text, null for PDF input"),
  page: z.int().positive().nullable().describe("1-based page, null when the input has no pages"),
  box: Box.nullable().describe("position on the page, null for text input"),
});
export type Where = z.infer<typeof Where>;

export const TextLine = Where.extend({
  text: z.string().describe("the line's text, whitespace-trimmed"),
  heading_level: z
    .int()
    .min(1)
    .max(6)
    .nullable()
    .describe("markdown heading level (#, ##, …) when the source marked it"),
  size: z.number().positive().optional().describe("font size in points (PDF input)"),
  bold: z
    .literal(true)
    .optional()
    .describe("every run of the line is set in a bold face (PDF input); absent otherwise"),
});
export type TextLine = z.infer<typeof TextLine>;

export const RawCell = z.object({
  text: z.string().describe("cell text as printed (markup removed)"),
  row_span: z.int().positive().describe("rows this cell covers (HTML rowspan)"),
  col_span: z.int().positive().describe("columns this cell covers (HTML colspan)"),
  header: z.boolean().describe("the source marked the cell as a header (<th>)"),
  box: Box.nullable().describe("position on the page, null for text input"),
  text_x0: z
    .number()
    .optional()
    .describe("left edge of the cell's text in points (PDF input): how far it is indented within its cell"),
});
export type RawCell = z.infer<typeof RawCell>;

export const TextBlock = z.object({
  kind: z.literal("text"),
  lines: z.array(TextLine).min(1),
});
export const TableBlock = Where.extend({
  kind: z.literal("table"),
  format: z.enum(["tsv", "pipe", "html", "pdf"]).describe("how the table was written in the source"),
  rows: z.array(z.array(RawCell)).describe("rows of cells as written; spans not yet expanded"),
});
export const Block = z.discriminatedUnion("kind", [TextBlock, TableBlock]);
export type TextBlock = z.infer<typeof TextBlock>;
export type TableBlock = z.infer<typeof TableBlock>;
export type Block = z.infer<typeof Block>;

export const SourceFormat = z.enum(["text", "markdown", "pdf"]);
export type SourceFormat = z.infer<typeof SourceFormat>;

export const SourceDocument = z.object({
  file: z.string().describe("input file name (no directories)"),
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .describe("sha256 of the input bytes"),
  format: SourceFormat,
  encoding: z.string().describe("detected text encoding (utf-8, gb18030) or 'binary' for PDF"),
  pages: z.int().nonnegative().nullable().describe("page count, null for text input"),
  blocks: z.array(Block).describe("content in reading order"),
});
export type SourceDocument = z.infer<typeof SourceDocument>;
