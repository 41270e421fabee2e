// JSON Schema versions of the zod schemas, for consumers in other languages (npm run schemas).
import { z } from "zod";
import { Problem } from "./problem.ts";
import { SourceDocument } from "./layout.ts";
import { Report } from "./report.ts";
import { DiffDocument } from "./diff.ts";
import { Manifest } from "./manifest.ts";

export function jsonSchemas(): [string, unknown][] {
  return [
    ["report.schema.json", z.toJSONSchema(Report)],
    ["source-document.schema.json", z.toJSONSchema(SourceDocument)],
    ["problem.schema.json", z.toJSONSchema(Problem)],
    ["diff.schema.json", z.toJSONSchema(DiffDocument)],
    ["manifest.schema.json", z.toJSONSchema(Manifest)],
  ];
}
