// The number vocabulary of every language (vocab/<language>/numbers.json) as one: currency words, scale words,
// sub-units, measures, missing markers, unit-line words and period marks. A new language is a new file, not code.
import en from "./en/numbers.json" with { type: "json" };
import zh from "./zh/numbers.json" with { type: "json" };

interface PeriodMarks {
  actual: string[];
  estimate: string[];
  fiscal_prefixes: string[];
  calendar_prefixes: string[];
  year_marks: string[];
}
interface NumberVocab {
  currencies: Record<string, string>;
  scales: Record<string, number>;
  subunits: Record<string, { currency: string; scale: number }>;
  measures: Record<string, string>;
  missing: string[];
  unit_markers: string[];
  unit_phrases: string[];
  period: PeriodMarks;
  unit_links: string[];
  unit_exceptions: { phrases: string[]; rows: string[] }[];
  exception_words: string[];
  count_rows: string[];
}
const languages: NumberVocab[] = [zh, en];

const merged = <K extends "currencies" | "scales" | "subunits" | "measures">(key: K) =>
  Object.assign({}, ...languages.map((l) => l[key])) as NumberVocab[K];
const list = (f: (l: NumberVocab) => string[]) => [...new Set(languages.flatMap(f))];

export const numbers = {
  /** Currency word or symbol → ISO 4217 code (Rmb → CNY, HK$ → HKD, 元 → CNY). */
  currencies: merged("currencies"),
  /** Scale word → multiplier (mn → 1e6, 亿 → 1e8). */
  scales: merged("scales"),
  /** A currency's sub-unit: its currency and the multiplier to it (fen → CNY × 0.01). */
  subunits: merged("subunits"),
  /** Units that are not amounts: %, ppt, bp, x. */
  measures: merged("measures"),
  missing: list((l) => l.missing),
  /** Words introducing a table's unit (单位：亿元, Unit: RMB mn). */
  unit_markers: list((l) => l.unit_markers),
  /** Words after a unit that make a line a unit line (USD mn unless otherwise stated). */
  unit_phrases: list((l) => l.unit_phrases),
  /** Words linking a currency and its scale in a unit note ("Rmb in millions", "in US$ mn"). */
  unit_links: list((l) => l.unit_links),
  /** Exceptions a unit note may state ("except per-share data"), with the row labels each excepts. */
  unit_exceptions: languages.flatMap((l) => l.unit_exceptions),
  /** Words of an exception: a note with one not in unit_exceptions governs no row (which rows it excepts is unknown). */
  exception_words: list((l) => l.exception_words),
  /** Row labels that count things (shares, users): a note's currency never governs them. */
  count_rows: list((l) => l.count_rows),
  period: {
    actual: list((l) => l.period.actual),
    estimate: list((l) => l.period.estimate),
    fiscal_prefixes: list((l) => l.period.fiscal_prefixes),
    calendar_prefixes: list((l) => l.period.calendar_prefixes),
    year_marks: list((l) => l.period.year_marks),
  },
};
