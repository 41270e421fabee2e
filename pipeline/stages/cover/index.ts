// The meta stage: the cover's facts — title, broker, date, companies, rating, target and current price, market
// cap, analysts — each with the page and box it was read from (`evidence`). A fact the cover does not print stays
// empty with an info problem; one printed twice differently stays empty with a warning. One file per fact family.
import type { Meta, PdfPage, TextLine } from "../../../schemas/index.ts";
import { type Found, found, type Staged } from "../../problems.ts";
import { cover } from "../../vocab/cover.ts";
import type { Contents } from "../layout/contents.ts";
import { readAnalysts } from "./analysts.ts";
import { readBroker } from "./broker.ts";
import { readCompanies } from "./company.ts";
import { readDate } from "./date.ts";
import { readIndustry, readRelatedReports } from "./industry.ts";
import { findLabels } from "./labels.ts";
import { allLines, type CoverLine, coverOf, fromTextLine, relatedBlock, rowsOf, Stream, textCover } from "./lines.ts";
import { readPrices } from "./prices.ts";
import { readRating } from "./rating.ts";
import { readTitle } from "./title.ts";

export { isoDate } from "./text.ts";

/** The cover facts of a document: its first page (a text report: the lines before its contents), and the
 * whole text for the broker. With the PDF's pages, page 1's running header and footer are read too (the layout
 * leaves them out of the document). */
export function readCover(contents: Contents, pages: PdfPage[] = []): Staged<Meta> {
  return readFacts(coverOf(contents, pages), allLines(contents));
}

// extract.ts hands the meta stage the lines coverLines() returns and the texts of every line; the facts need more
// (page 1's table cells, the page of every line). Until extract.ts calls readCover(contents, pages) itself, the
// lines coverLines() returned remember the contents they came from, and readMeta takes them back.
const bridge = new WeakMap<TextLine[], Contents>();

/** The lines before the lists of contents (or the disclaimers): the cover of a text report. */
export function coverLines(contents: Contents): TextLine[] {
  const lines = textCover(contents);
  bridge.set(lines, contents);
  return lines;
}

/** Cover facts from cover lines and the document's texts (the broker is looked for in all of them). */
export function readMeta(coverLines: TextLine[], allText: string[]): Staged<Meta> {
  const contents = bridge.get(coverLines);
  if (contents) return readCover(contents);
  const lines = coverLines.map(fromTextLine).filter((l) => l.text !== "" && !l.text.startsWith("!["));
  const all = allText.map(
    (text): CoverLine => ({ text, page: null, line: null, box: null, size: null, heading: false }),
  );
  return readFacts(lines, all);
}

const MISSING: (keyof Meta)[] = [
  "title",
  "broker",
  "date",
  "rating",
  "companies",
  "target_price",
  "current_price",
  "market_cap",
  "analysts",
];

function readFacts(lines: CoverLine[], all: CoverLine[]): Staged<Meta> {
  const stream = new Stream(rowsOf(lines));
  const labels = findLabels(stream);
  const related = relatedBlock(lines, cover.related_headings);
  const companies = readCompanies(lines, stream, labels, related);
  const rating = readRating(stream, labels, lines);
  const prices = readPrices(stream, labels, lines);
  const analysts = readAnalysts(stream, related);
  const date = readDate(stream, labels, lines, related);
  const title = readTitle(lines, new Set([...related, ...companies.nameLines]));
  const broker = readBroker(lines, all.length > 0 ? all : lines);
  const meta: Meta = {
    title: title.title,
    broker: broker.broker,
    industry: readIndustry(lines),
    date: date.date,
    ...rating.fields,
    analysts: analysts.analysts,
    related_reports: readRelatedReports(lines),
    language: languageOf(lines),
    companies: companies.companies,
    ...prices.fields,
    evidence: [
      ...title.evidence,
      ...broker.evidence,
      ...date.evidence,
      ...companies.evidence,
      ...rating.evidence,
      ...prices.evidence,
      ...analysts.evidence,
    ],
  };
  const problems: Found[] = [...broker.problems, ...date.problems, ...rating.problems, ...prices.problems];
  for (const field of MISSING) {
    const value = meta[field];
    if (value !== null && !(Array.isArray(value) && value.length === 0)) continue;
    if (problems.some((p) => p.where === field)) continue;
    problems.push(
      found(
        "meta/field-missing",
        "info",
        `no ${field.replace(/_/g, " ")} printed on the cover (or not recognised); the field is left empty`,
        { page: lines[0]?.page ?? null, where: field },
      ),
    );
  }
  return { value: meta, problems };
}

/** Chinese when Han characters are a fair share of the cover's words (a Han character is about a word, an
 * English word about five letters): an English note may carry a Chinese name or two, a Chinese one e-mail addresses. */
function languageOf(lines: CoverLine[]): Meta["language"] {
  const text = lines.map((l) => l.text).join("");
  const han = (text.match(/\p{Script=Han}/gu) ?? []).length;
  const latin = (text.match(/[A-Za-z]/g) ?? []).length;
  if (han + latin === 0) return null;
  return han >= 20 && han * 5 >= latin ? "zh" : "en";
}
