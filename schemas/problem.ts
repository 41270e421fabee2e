// A problem found in the data: a value, not an exception (see README "Problems").
import { z } from "zod";

// The stages of pipeline/extract.ts, in their order: a problem is filed under the stage that found it.
export const Stage = z.enum([
  "read",
  "ocr",
  "layout",
  "contents",
  "meta",
  "tables",
  "normalize",
  "checks",
  "scores",
  "recommendations",
  "charts",
  "validate",
  "emit",
]);
export type Stage = z.infer<typeof Stage>;

export const Problem = z.object({
  code: z
    .string()
    .regex(/^[a-z]+\/[a-z0-9-]+$/, "a problem code is 'area/slug', e.g. table/ragged-row")
    .describe("stable machine-readable code, 'area/slug'"),
  severity: z
    .enum(["error", "warning", "info"])
    .describe("error: data lost or wrong; warning: guessed; info: repaired"),
  stage: Stage.describe("pipeline stage that found it"),
  source: z.string().describe("input file name"),
  page: z.int().positive().nullable().describe("1-based page, when known"),
  line: z.int().positive().nullable().describe("1-based source line, when known"),
  where: z.string().nullable().describe("the thing concerned, e.g. a table id and cell 'fig-4 r3c2'"),
  message: z.string().min(1).describe("what was found and what the user can do"),
});
export type Problem = z.infer<typeof Problem>;
