// Labels and what follows them. All the labels of the cover's facts are found in one pass, leftmost and longest
// first, so that "Price" inside "12-month Target Price" or 市值 inside 流通市值 is never read as a label of its own.
// After a label come qualifiers — ", close", "at 11 Mar 2026", "(HKD)", "(Mar 17, 2026)" — then the value, on the
// same row or on the next (a value printed under its label, or a layout line break).
import { cover } from "../../vocab/cover.ts";
import type { CoverLine, Stream } from "./lines.ts";
import { alternation, findDates, labelTerms, type Money, moneyAt, SHORT_DATE } from "./text.ts";

export type LabelKind =
  | "target"
  | "previous_target"
  | "current"
  | "market_cap"
  | "float_cap"
  | "rating"
  | "previous_rating"
  | "ticker"
  | "company"
  | "date"
  | "price_date";

const LABELS: [LabelKind, string[]][] = [
  ["target", cover.target_price_labels],
  ["previous_target", cover.previous_target_labels],
  ["current", cover.current_price_labels],
  ["market_cap", cover.market_cap_labels],
  ["float_cap", cover.float_cap_labels],
  ["rating", cover.rating_labels],
  ["previous_rating", cover.previous_rating_labels],
  ["ticker", cover.ticker_labels],
  ["company", cover.company_labels],
  ["date", cover.publication_date_labels],
  ["price_date", cover.price_date_labels],
];
// A word listed for two facts ("Previous": a rating or a target) is tried as each of them.
const KINDS_OF = new Map<string, LabelKind[]>();
for (const [kind, words] of LABELS) for (const w of words) KINDS_OF.set(w, [...(KINDS_OF.get(w) ?? []), kind]);
const ANY_LABEL = new RegExp(alternation(KINDS_OF.keys()), "g");
const AT_DATE = new RegExp(`\\s+(?:${alternation(cover.date_prepositions)})\\s+`, "y");

export interface Label {
  kinds: LabelKind[];
  text: string;
  start: number;
  /** Where the value may start: after the label, its qualifiers and a colon. */
  valueAt: number;
  /** The qualifiers as printed: "(HKD)", ", close (Apr 2, 2026)". */
  qualifiers: string;
  /** A date among the qualifiers (a price date); `iso` empty when it has no year (18 Mar). */
  date: { text: string; iso: string | null } | null;
}

/** Every label in the stream, leftmost-longest, each with its qualifiers read. */
export function findLabels(stream: Stream): Label[] {
  const out: Label[] = [];
  const text = stream.text;
  for (const m of text.matchAll(ANY_LABEL)) {
    const word = [...KINDS_OF.keys()].find((k) => k.replace(/\s+/g, "") === m[0].replace(/\s+/g, "")) ?? m[0];
    const after = m.index + m[0].length;
    const q = qualifiers(text, after);
    out.push({
      kinds: KINDS_OF.get(word) ?? [],
      text: m[0],
      start: m.index,
      valueAt: q.end,
      qualifiers: text.slice(after, q.end).trim(),
      date: q.date,
    });
  }
  return out;
}

/** ", close", " at 11 Mar 2026", up to two bracketed asides, then a colon: where the value starts. */
function qualifiers(text: string, from: number): { end: number; date: Label["date"] } {
  let pos = from;
  let date: Label["date"] = null;
  const take = (re: RegExp) => {
    re.lastIndex = pos;
    const m = re.exec(text);
    if (m) pos += m[0].length;
    return m;
  };
  take(/,\s*[a-z]+(?![A-Za-z])/y);
  const at = take(AT_DATE);
  if (at) {
    const d = findDates(text.slice(pos, pos + 24))[0];
    if (d && d.start === 0) {
      date = { text: d.text, iso: d.iso };
      pos += d.end;
    } else pos -= at[0].length;
  }
  for (let i = 0; i < 2; i++) {
    const m = take(/\s*[（(]([^（()）\n]{0,40})[)）]/y);
    if (!m) break;
    const d = findDates(m[1]!)[0];
    const short = d ? null : SHORT_DATE.exec(m[1]!);
    date ??= d ? { text: d.text, iso: d.iso } : short ? { text: short[0], iso: null } : null;
  }
  take(/\s*[-–]?\s*[:：]?\s*/y);
  return { end: pos, date };
}

export interface LabelledMoney {
  label: Label;
  money: Money;
}

/** The amount after a label; its currency and unit from the label's brackets when the value has none. Nothing
 * for a label whose brackets say per cent ("Up/downside to price target (%)"). */
export function moneyAfter(stream: Stream, label: Label): LabelledMoney | null {
  const terms = labelTerms(`${label.text} ${label.qualifiers}`);
  if (terms.percent) return null;
  const m = moneyAt(stream.text, label.valueAt);
  if (!m) return null;
  // A bare number is an amount only when the label says in what (800.00 under "Price target (HKD)"); a number
  // after a bare label could be anything (a count, a ratio).
  if (
    m.currency === null &&
    terms.currency === null &&
    m.unit === null &&
    terms.unit === null &&
    !/[.,]\d/.test(m.text)
  )
    return null;
  return { label, money: { ...m, currency: m.currency ?? terms.currency, unit: m.unit ?? terms.unit } };
}

/** A label alone on its line (the value printed under it): that line. */
export function labelLine(stream: Stream, label: Label, lines: CoverLine[]): CoverLine | null {
  const line = stream.linesIn(label.start, label.start + 1)[0];
  if (!line || !lines.includes(line)) return null;
  const rest = line.text.replace(label.text, "").replace(/[:：\s]/g, "");
  return rest === "" ? line : null;
}
