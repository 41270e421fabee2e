// Frictionless Data Package descriptor for one report's CSVs.
import type { Report } from "../../schemas/index.ts";
import { OUTPUT_TABLES } from "./emit-spec.ts";

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, "-")
    .replace(/^-+|-+$/g, "") || "report";

/** How the printed grids differ from the exact text (see spreadsheetSafe in emit.ts). */
const GRID_NOTE =
  "The table as printed, for spreadsheets: a cell that would start a formula (=, +, -, @ not followed by a plain number) is prefixed with an apostrophe; cells.csv has the exact text";

export function dataPackage(report: Report) {
  const csv = { format: "csv", mediatype: "text/csv", encoding: "utf-8", profile: "tabular-data-resource" };
  return {
    profile: "tabular-data-package",
    name: slug(report.source.file.replace(/\.[^.]+$/, "")),
    title: report.meta.title ?? report.source.file,
    resources: [
      ...OUTPUT_TABLES.map((s) => ({
        name: s.name,
        path: s.path,
        description: s.description,
        ...csv,
        schema: {
          fields: s.fields,
          ...(s.primaryKey.length > 0 ? { primaryKey: s.primaryKey } : {}),
          missingValues: [""],
        },
      })),
      ...report.tables.map((t) => ({
        name: `table-${t.id}`,
        path: `tables/${t.id}.csv`,
        description: `${[t.label, t.title].filter(Boolean).join(" ")}${t.label || t.title ? ". " : ""}${GRID_NOTE}`,
        ...csv,
        dialect: { header: false },
        schema: { fields: (t.grid[0] ?? []).map((_, i) => ({ name: `c${i}`, type: "string" })) },
      })),
    ],
  };
}
