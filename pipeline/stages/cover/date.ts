// The publication date. Evidence, best first: after a date label (Date, 报告日期; on the row or under it); a line
// that is only a date (with a weekday or a time at most); a date followed by a time of day (a timestamp glued to
// other text). Never a date after a price, data or timestamp label (Priced on, as of, 分析日期), nor one of the
// related reports. Different dates of the best kind leave the date empty, with a warning.
import type { Evidence } from "../../../schemas/index.ts";
import { type Found, found } from "../../problems.ts";
import { cover } from "../../vocab/cover.ts";
import { evidence, spanEvidence } from "./evidence.ts";
import { type Label, labelLine } from "./labels.ts";
import { below, type CoverLine, type Stream } from "./lines.ts";
import { alternation, type DateFound, escapeRe, findDates } from "./text.ts";

const OTHER_DATE = new RegExp(`(?:${alternation(cover.other_date_labels)})[^\\n]{0,24}$`);
const WEEKDAY = new RegExp(`^(?:${cover.weekdays.map(escapeRe).join("|")})[,，\\s]*`, "i");
const TIME = /^[\s,]*\d{1,2}:\d{2}(?:\s*[AP]M)?(?:\s*[A-Z]{2,4})?/i;

interface Candidate {
  iso: string;
  ev: Evidence;
}

export function readDate(
  stream: Stream,
  labels: Label[],
  lines: CoverLine[],
  skip: Set<CoverLine>,
): { date: string | null; evidence: Evidence[]; problems: Found[] } {
  const tiers = [labelled(stream, labels, lines), standalone(stream, skip), timestamped(stream, skip)];
  const tier = tiers.find((t) => t.length > 0) ?? [];
  const values = [...new Set(tier.map((c) => c.iso))];
  if (values.length > 1) {
    const problem = found(
      "meta/field-doubtful",
      "warning",
      `the cover prints different dates (${values.join(", ")}) with nothing to tell the publication date; the date is left empty`,
      { page: tier[0]!.ev.page, where: "date" },
    );
    return { date: null, evidence: [], problems: [problem] };
  }
  return { date: values[0] ?? null, evidence: tier.slice(0, 1).map((c) => c.ev), problems: [] };
}

/** A date label that ends another kind of date's label (日期 in 分析日期): that other date's. */
const OTHER_LABEL_END = new RegExp(`(?:${alternation(cover.other_date_labels)})$`);
const partOfOther = (stream: Stream, label: Label) =>
  OTHER_LABEL_END.test(stream.text.slice(Math.max(0, label.start - 12), label.start + label.text.length));

function labelled(stream: Stream, labels: Label[], lines: CoverLine[]): Candidate[] {
  const out: Candidate[] = [];
  for (const label of labels.filter((l) => l.kinds.includes("date") && !partOfOther(stream, l))) {
    const d = findDates(stream.text.slice(label.valueAt, label.valueAt + 40))[0];
    if (d && d.start === 0) {
      out.push({ iso: d.iso, ev: spanEvidence("date", stream, label.start, label.valueAt + d.end) });
      continue;
    }
    const alone = labelLine(stream, label, lines);
    const under = alone ? below(lines, alone)[0] : undefined;
    const u = under ? findDates(under.text)[0] : undefined;
    if (under && u && onlyDate(under.text, u)) out.push({ iso: u.iso, ev: evidence("date", under.text, [under]) });
  }
  return out;
}

/** The line holds nothing but the date, a weekday before it and a time after it. */
function onlyDate(text: string, d: DateFound): boolean {
  const before = text
    .slice(0, d.start)
    .replace(WEEKDAY, "")
    .replace(/[\s,，]/g, "");
  const after = text
    .slice(d.end)
    .replace(TIME, "")
    .replace(/[\s,，.。]/g, "");
  return before === "" && after === "";
}

const AFTER_OTHER_LABEL = new RegExp(`(?:${alternation(cover.other_date_labels)})\\s*[:：]?\\s*$`);

function standalone(stream: Stream, skip: Set<CoverLine>): Candidate[] {
  return stream.pieces.flatMap(({ line, start }) => {
    const d = findDates(line.text);
    if (skip.has(line) || d.length !== 1 || !onlyDate(line.text, d[0]!)) return [];
    // A date printed under or after a price label ("Closing price as of" / "Mar 17, 2026") is that price's.
    if (AFTER_OTHER_LABEL.test(stream.text.slice(Math.max(0, start - 30), start))) return [];
    return [{ iso: d[0]!.iso, ev: evidence("date", line.text, [line]) }];
  });
}

/** "April 7, 2026 09:00 PM GMT" inside a line: a publication timestamp, unless a label says otherwise. */
function timestamped(stream: Stream, skip: Set<CoverLine>): Candidate[] {
  return stream.pieces.flatMap(({ line }) => {
    if (skip.has(line)) return [];
    return findDates(line.text)
      .filter((d) => TIME.test(line.text.slice(d.end)) && !OTHER_DATE.test(line.text.slice(0, d.start)))
      .map((d) => ({ iso: d.iso, ev: evidence("date", d.text, [line]) }));
  });
}
