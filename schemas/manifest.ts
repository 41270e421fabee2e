// manifest.json: what one extraction folder holds and what it was made from. Written by pipeline/stages/emit.ts;
// read by incremental runs (pipeline/batch/incremental.ts: is the folder up to date?) and by the database loader
// (pipeline/db/loader.ts: tool and status of an edition). The key order here is the order of the file.
import { z } from "zod";
import { SourceFormat } from "./layout.ts";

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const count = z.int().nonnegative();

/** The options that change what is extracted, as manifest.json records them: whether OCR was on. The password and
 * the limits only decide whether a file is read at all, so they are not recorded. */
export const OutputOptions = z.object({
  ocr: z.boolean().describe("OCR of scanned pages and raster images was on (false with --no-ocr)"),
});
export type OutputOptions = z.infer<typeof OutputOptions>;

export const Manifest = z.object({
  tool: z.object({
    name: z.string().describe("package name of the extractor"),
    version: z.string().describe("its version"),
  }),
  input: z.object({
    file: z.string().describe("input file name"),
    sha256: sha256.describe("sha256 of the input's bytes"),
    bytes: count.describe("size of the input"),
    format: SourceFormat,
  }),
  // Options a later version may add are kept (loose), so that an incremental run sees them as other options.
  options: OutputOptions.loose()
    .optional()
    .describe(
      "the options that change the output; absent in manifests written before options were recorded (an incremental run extracts those again)",
    ),
  status: z.enum(["success", "partial"]).describe("partial: the report has problems of severity error"),
  counts: z.object({
    tables: count,
    cells: count,
    scores: count,
    figures: count,
    sections: count,
    recommendations: count,
    problems: count,
  }),
  outputs: z
    .array(z.object({ path: z.string().describe("path in the extraction folder"), sha256, bytes: count }))
    .describe("every other file of the folder, in sorted order"),
});
export type Manifest = z.infer<typeof Manifest>;
