// The stage sequence: the one place that knows the order. Pure from source document to validated report.
import { Report, type OcrData, type Problem, type SourceDocument, type TextLine } from "../schemas/index.ts";
import { buildCharts, type CaptionAt } from "./stages/charts.ts";
import { readContents } from "./stages/layout/contents.ts";
import { parseCaption } from "./stages/layout/patterns.ts";
import { cellConfidence } from "./stages/ocr/confidence.ts";
import { readMeta } from "./stages/meta.ts";
import { readRecommendations } from "./stages/recommendations.ts";
import { extractScores } from "./stages/scores.ts";
import { checkTables } from "./stages/tables/checks.ts";
import { buildTables } from "./stages/tables/index.ts";
import { validateReport } from "./stages/validate.ts";
import layoutVocab from "./vocab/layout.json" with { type: "json" };

/** `ocr`: what the OCR edge recognised in the PDF's images and scanned pages (loadSource gives it), else null. */
export function buildReport(doc: SourceDocument, ocr: OcrData | null = null): Report {
  const problems: Problem[] = [...doc.problems, ...(ocr?.problems ?? [])];
  const contents = readContents(doc.blocks, doc.file);
  problems.push(...contents.problems);

  const lineItems = contents.items.flatMap((it, i) => (it.kind === "line" ? [{ i, line: it.line }] : []));
  const disclaimerAt = lineItems.find((l) => layoutVocab.disclaimer_headings.includes(l.line.text.replace(/\s+/g, "")))?.i ?? contents.items.length;
  const coverEnd = Math.min(contents.tocStart, disclaimerAt);
  const coverLines = lineItems.filter((l) => l.i < coverEnd).map((l) => l.line);
  const meta = readMeta(coverLines, lineItems.map((l) => l.line.text), doc.file);
  problems.push(...meta.problems);

  const built = buildTables(contents.tables, doc.file);
  problems.push(...built.problems, ...checkTables(built.tables, doc.file));
  const scanned = cellConfidence(built.tables, ocr?.pages ?? [], doc.file);
  built.tables = scanned.tables;
  problems.push(...scanned.problems);
  const figures = contents.figures.map((f) => ({ ...f, table_id: built.tables.find((t) => t.label === f.label)?.id ?? null }));
  const scores = built.tables.flatMap(extractScores);

  const recommendations = recommendationLines(contents, lineItems, coverLines);
  const charts = buildCharts(ocr?.images ?? [], chartContext(contents, doc.file, figures));
  problems.push(...charts.problems);
  const report: Report = {
    schema_version: 1,
    source: { file: doc.file, sha256: doc.sha256, format: doc.format, encoding: doc.encoding, pages: doc.pages },
    meta: meta.meta,
    sections: contents.sections,
    figures,
    tables: built.tables,
    scores,
    recommendations,
    charts: charts.charts,
    problems,
  };
  return validateReport(report);
}

/** Captions with their place on the page, and the text lines around them, for linking images to figures. */
function chartContext(contents: ReturnType<typeof readContents>, file: string, figures: Report["figures"]) {
  const captions: CaptionAt[] = [];
  const lines: { text: string; page: number | null; index: number }[] = [];
  contents.items.forEach((it, index) => {
    if (it.kind !== "line" || index < contents.bodyStart) return;
    lines.push({ text: it.line.text, page: it.line.page, index });
    const c = parseCaption(it.line.text);
    if (c && it.line.box && !captions.some((o) => o.label === c.label)) captions.push({ label: c.label, title: c.title, page: it.line.box.page, box: it.line.box, index });
  });
  const boundaries = [...contents.headings.map((h) => h.index), ...contents.items.flatMap((it, i) => (it.kind === "table" ? [i] : []))];
  return { file, captions, lines, boundaries, figures };
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
