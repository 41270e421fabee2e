// Reading the small things a cover prints: dates in either language, amounts of money with their currency and
// unit, and label alternations built from the vocabulary.
import { cover, longestFirst } from "../../vocab/cover.ts";

export const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A regex alternation of words, longest first; an English word only as a whole word ("PO" not in "POSITION"). */
export function alternation(words: Iterable<string>): string {
  return longestFirst(words)
    .map((w) => {
      const e = escapeRe(w).replace(/ /g, "\\s*");
      return `${/^[A-Za-z]/.test(w) ? "(?<![A-Za-z])" : ""}${e}${/[A-Za-z.]$/.test(w) ? "(?![A-Za-z])" : ""}`;
    })
    .join("|");
}

export const fold = (s: string) => s.normalize("NFKC").replace(/\s+/g, " ").trim();
export const plain = (s: string) => s.replace(/\s+/g, "");

export interface Found {
  start: number;
  end: number;
  text: string;
}

// ── dates ──────────────────────────────────────────────────────────────────────────────────────────────────────

const MONTHS = alternation(Object.keys(cover.months));
const NUMERIC = String.raw`(\d{4})\s*(?:年|[-./])\s*(\d{1,2})\s*(?:月|[-./])\s*(\d{1,2})\s*日?`;
// Day, month and year, the year possibly in two digits (18 Mar 26, 20-Oct-25).
const DAY_MONTH = String.raw`(\d{1,2})(?:st|nd|rd|th)?[\s-]+(${MONTHS})\.?[\s,-]+(\d{4}|\d{2})`;
// A month name may follow a letter the layout glued to it (a decorative initial: "MApril 7, 2026").
const MONTH_DAY = String.raw`(${MONTHS.replace(/\(\?<!\[A-Za-z\]\)/g, "")})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})`;
const DATE_RE = new RegExp(`(?<!\\d)(?:${NUMERIC}|${DAY_MONTH}|${MONTH_DAY})(?!\\d)`, "gi");

export interface DateFound extends Found {
  iso: string;
}

const monthOf = (word: string) => {
  const key = Object.keys(cover.months).find((m) => m.toLowerCase() === word.toLowerCase().replace(/\.$/, ""));
  return key ? cover.months[key]! : 0;
};

function iso(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1990 || y > 2100) return null;
  return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** Every date in a text with its ISO form: 2019-6-1, 2022.06.11, 2020 年 06 月 24 日, 23 March 2026, 19th March 2026,
 * 20-Oct-2025, 18 Mar 26, April 7, 2026. */
export function findDates(text: string): DateFound[] {
  const out: DateFound[] = [];
  for (const m of text.matchAll(DATE_RE)) {
    const g = m.slice(1).map((x) => x ?? "");
    const year = (y: string) => (y.length === 2 ? 2000 + Number(y) : Number(y));
    const value = g[0]
      ? iso(+g[0], +g[1]!, +g[2]!)
      : g[3]
        ? iso(year(g[5]!), monthOf(g[4]!), +g[3])
        : iso(+g[8]!, monthOf(g[6]!), +g[7]!);
    if (value) out.push({ start: m.index, end: m.index + m[0].length, text: m[0].trim(), iso: value });
  }
  return out;
}

/** The ISO form of the first date in a text. */
export const isoDate = (text: string): string | null => findDates(text)[0]?.iso ?? null;

/** A day and month without a year (18 Mar): printed as a price date, it has no ISO form. */
export const SHORT_DATE = new RegExp(
  `(?<!\\d)(?:\\d{1,2}\\s+(?:${MONTHS})|(?:${MONTHS})\\.?\\s+\\d{1,2})(?![\\d,])`,
  "i",
);

// ── money ──────────────────────────────────────────────────────────────────────────────────────────────────────

const CURRENCY = alternation(Object.keys(cover.currencies));
const UNIT = alternation(Object.keys(cover.units));
const NUMBER = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`;
/** An amount: an optional currency before, the number, an optional unit and currency after; never a percentage,
 * a multiple (12.3x) or one end of a range. */
export const MONEY = `(?:(${CURRENCY})\\s?)?(${NUMBER})(?:\\s?(${UNIT}))?(?:\\s?(${CURRENCY}))?(?![\\d.,]*\\s?[%x×倍])(?!\\s?[-–/]\\s?\\d)`;

export interface Money extends Found {
  value: number;
  currency: string | null;
  unit: string | null;
}

const currencyOf = (word: string | undefined) => (word ? (cover.currencies[word] ?? null) : null);
const unitOf = (word: string | undefined) => {
  if (!word) return null;
  const key = Object.keys(cover.units).find((u) => u.toLowerCase() === word.toLowerCase());
  return key ? cover.units[key]! : null;
};

const MONEY_AT = new RegExp(MONEY, "y");

/** The amount printed at a position of a text, or null. */
export function moneyAt(text: string, pos: number): Money | null {
  MONEY_AT.lastIndex = pos;
  const m = MONEY_AT.exec(text);
  if (!m) return null;
  return {
    start: pos,
    end: pos + m[0].length,
    text: m[0].trim(),
    value: Number(m[2]!.replace(/,/g, "")),
    currency: currencyOf(m[1]) ?? currencyOf(m[4]),
    unit: unitOf(m[3]),
  };
}

// A currency and a unit printed as one word: (USDbn), (HK$m), (RMBmn).
const GLUED = new RegExp(
  `^(${longestFirst(Object.keys(cover.currencies)).map(escapeRe).join("|")})(${longestFirst(Object.keys(cover.units)).map(escapeRe).join("|")})$`,
);

/** Currency and unit stated in a label's brackets or words: (HKD), (HK$ mn), (HKD bn), (USDbn), （亿元）, (mn). */
export function labelTerms(label: string): { currency: string | null; unit: string | null; percent: boolean } {
  let currency: string | null = null;
  let unit: string | null = null;
  for (const m of label.matchAll(/[（(]([^）)]*)[）)]/g)) {
    const inside = m[1]!;
    const glued = GLUED.exec(inside.trim());
    if (glued) {
      currency ??= currencyOf(glued[1]);
      unit ??= unitOf(glued[2]);
    }
    currency ??= currencyOf(
      longestFirst(Object.keys(cover.currencies)).find((c) =>
        new RegExp(`(?:^|[^A-Za-z])${escapeRe(c)}(?:$|[^A-Za-z])`).test(inside),
      ),
    );
    unit ??= unitOf(
      longestFirst(Object.keys(cover.units)).find((u) =>
        new RegExp(`(?:^|[^A-Za-z])${escapeRe(u)}(?:$|[^A-Za-z])`, "i").test(inside),
      ),
    );
  }
  return { currency, unit, percent: /[（(][^）)]*%/.test(label) };
}
