// The stage sequence: the one place that knows the order. Pure from source document to validated report.
import { Report, type Problem, type SourceDocument, type TextLine } from "../schemas/index.ts";
import { readContents } from "./stages/layout/contents.ts";
import { readMeta } from "./stages/meta.ts";
import { readRecommendations } from "./stages/recommendations.ts";
import { extractScores } from "./stages/scores.ts";
import { buildTables } from "./stages/tables/index.ts";
import { validateReport } from "./stages/validate.ts";
import layoutVocab from "./vocab/layout.json" with { type: "json" };

export function buildReport(doc: SourceDocument): Report {
  const problems: Problem[] = [...doc.problems];
  const contents = readContents(doc.blocks, doc.file);
  problems.push(...contents.problems);

  const lineItems = contents.items.flatMap((it, i) => (it.kind === "line" ? [{ i, line: it.line }] : []));
  const disclaimerAt = lineItems.find((l) => layoutVocab.disclaimer_headings.includes(l.line.text.replace(/\s+/g, "")))?.i ?? contents.items.length;
  const coverEnd = Math.min(contents.tocStart, disclaimerAt);
  const coverLines = lineItems.filter((l) => l.i < coverEnd).map((l) => l.line);
  const meta = readMeta(coverLines, lineItems.map((l) => l.line.text), doc.file);
  problems.push(...meta.problems);

  const built = buildTables(contents.tables, doc.file);
  problems.push(...built.problems);
  const figures = contents.figures.map((f) => ({ ...f, table_id: built.tables.find((t) => t.label === f.label)?.id ?? null }));
  const scores = built.tables.flatMap(extractScores);

  const recommendations = recommendationLines(contents, lineItems, coverLines);
  const report: Report = {
    schema_version: 1,
    source: { file: doc.file, sha256: doc.sha256, format: doc.format, encoding: doc.encoding, pages: doc.pages },
    meta: meta.meta,
    sections: contents.sections,
    figures,
    tables: built.tables,
    scores,
    recommendations,
    problems,
  };
  return validateReport(report);
}

/** The company lists of the recommendation section; the cover summary when the body has no such section. */
function recommendationLines(contents: ReturnType<typeof readContents>, lineItems: { i: number; line: TextLine }[], coverLines: TextLine[]) {
  const heading = contents.headings.find((h) => layoutVocab.recommendation_headings.some((w) => h.title.includes(w)));
  if (heading) {
    const next = contents.headings.find((h) => h.index > heading.index)?.index ?? contents.items.length;
    const body = lineItems.filter((l) => l.i > heading.index && l.i < next).map((l) => l.line);
    const found = readRecommendations(body, heading.title);
    if (found.length > 0) return found;
  }
  // Without such a section, the cover summary's list after "建议关注：" is used.
  const intro = coverLines.findIndex((l) => layoutVocab.recommendation_intros.some((w) => l.text.endsWith(w)));
  return intro < 0 ? [] : readRecommendations(coverLines.slice(intro + 1, intro + 12), "cover");
}
