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
  return Report.parse(cleaned);
}

function problem(where: string, message: string, source: string): Problem {
  return { code: "validate/record-rejected", severity: "error", stage: "validate", source, page: null, line: null, where, message };
}

function summary(list: unknown, index: number): string {
  const record = Array.isArray(list) ? list[index] : undefined;
  const text = JSON.stringify(record) ?? "undefined";
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
