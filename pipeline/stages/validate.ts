// Validation against the zod schemas. A record that fails is taken out of the data and reported as an
// error problem naming the record, the field and the reason — never dropped silently.
import { z } from "zod";
import { Report, type Problem } from "../../schemas/index.ts";

const LISTS = ["sections", "figures", "tables", "scores", "recommendations"] as const;

export function validateReport(report: Report): Report {
  const first = Report.safeParse(report);
  if (first.success) return first.data;
  const bad = new Map<string, Set<number>>();
  const problems: Problem[] = [];
  for (const issue of first.error.issues) {
    const [list, index] = issue.path;
    const field = issue.path.slice(2).join(".");
    if (typeof list === "string" && (LISTS as readonly string[]).includes(list) && typeof index === "number") {
      if (!bad.has(list)) bad.set(list, new Set());
      bad.get(list)!.add(index);
      problems.push(problem(`${list}[${index}]${field ? "." + field : ""}`, `${issue.message}; the record was left out of the output: ${summary((report as Record<string, unknown>)[list], index)}`, report.source.file));
    } else {
      // A report-level field is wrong: that is a bug in a stage, not bad input.
      throw new Error(`report for ${report.source.file} does not match the schema:\n${z.prettifyError(first.error)}`);
    }
  }
  const cleaned = { ...report, problems: [...report.problems, ...problems] } as Record<string, unknown>;
  for (const [list, indexes] of bad) cleaned[list] = (cleaned[list] as unknown[]).filter((_, i) => !indexes.has(i));
  return Report.parse(dropDanglingReferences(cleaned as Report));
}

/** Scores of a rejected table go with it (reported); figures keep their entry but lose the link. */
function dropDanglingReferences(report: Report): Report {
  const ids = new Set(report.tables.map((t) => t.id));
  const orphans = report.scores.filter((s) => !ids.has(s.table_id));
  const problems = [...new Set(orphans.map((s) => s.table_id))].map((id) =>
    problem(`tables/${id}`, `the scores of rejected table ${id} were left out too (${orphans.filter((s) => s.table_id === id).length} scores)`, report.source.file),
  );
  return {
    ...report,
    figures: report.figures.map((f) => (f.table_id !== null && !ids.has(f.table_id) ? { ...f, table_id: null } : f)),
    scores: report.scores.filter((s) => ids.has(s.table_id)),
    problems: [...report.problems, ...problems],
  };
}

function problem(where: string, message: string, source: string): Problem {
  return { code: "validate/record-rejected", severity: "error", stage: "validate", source, page: null, line: null, where, message };
}

function summary(list: unknown, index: number): string {
  const record = Array.isArray(list) ? list[index] : undefined;
  const text = JSON.stringify(record) ?? "undefined";
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
