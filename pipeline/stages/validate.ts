// Validation against the zod schemas. A record that fails is taken out of the data and reported as an
// error problem naming the record, the field and the reason — never dropped silently.
import { z } from "zod";
import { Report } from "../../schemas/index.ts";
import { type Found, found, type Staged } from "../problems.ts";

const LISTS = ["sections", "figures", "tables", "scores", "recommendations", "charts"] as const;

/** The report with every record that fails its schema taken out, and a problem for each. */
export function validateReport(report: Report): Staged<Report> {
  const first = Report.safeParse(report);
  if (first.success) return { value: first.data, problems: [] };
  const bad = new Map<string, Set<number>>();
  const problems: Found[] = [];
  for (const issue of first.error.issues) {
    const [list, index] = issue.path;
    const field = issue.path.slice(2).join(".");
    if (typeof list === "string" && (LISTS as readonly string[]).includes(list) && typeof index === "number") {
      if (!bad.has(list)) bad.set(list, new Set());
      bad.get(list)!.add(index);
      problems.push(
        rejected(
          `${list}[${index}]${field ? "." + field : ""}`,
          `${issue.message}; the record was left out of the output: ${summary((report as Record<string, unknown>)[list], index)}`,
        ),
      );
    } else {
      // A report-level field is wrong: that is a bug in a stage, not bad input.
      throw new Error(`report for ${report.source.file} does not match the schema:\n${z.prettifyError(first.error)}`);
    }
  }
  const cleaned = { ...report } as Record<string, unknown>;
  for (const [list, indexes] of bad) cleaned[list] = (cleaned[list] as unknown[]).filter((_, i) => !indexes.has(i));
  const kept = dropDanglingReferences(cleaned as Report);
  return { value: Report.parse(kept.value), problems: [...problems, ...kept.problems] };
}

/** Scores of a rejected table go with it (reported); figures keep their entry but lose the link. */
function dropDanglingReferences(report: Report): Staged<Report> {
  const ids = new Set(report.tables.map((t) => t.id));
  const orphans = report.scores.filter((s) => !ids.has(s.table_id));
  const problems = [...new Set(orphans.map((s) => s.table_id))].map((id) =>
    rejected(
      `tables/${id}`,
      `the scores of rejected table ${id} were left out too (${orphans.filter((s) => s.table_id === id).length} scores)`,
    ),
  );
  const value = {
    ...report,
    figures: report.figures.map((f) => (f.table_id !== null && !ids.has(f.table_id) ? { ...f, table_id: null } : f)),
    scores: report.scores.filter((s) => ids.has(s.table_id)),
  };
  return { value, problems };
}

const rejected = (where: string, message: string): Found =>
  found("validate/record-rejected", "error", message, { where });

function summary(list: unknown, index: number): string {
  const record = Array.isArray(list) ? list[index] : undefined;
  const text = JSON.stringify(record) ?? "undefined";
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
