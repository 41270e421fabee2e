// Period headers of financial tables (2025A, FY26E, 1Q26E, 2Q2026, 1H25, 2024): their kind and order, so that a
// broken sequence can be noticed. Only headers that are nothing but a period are read.
import { numbers } from "../../vocab/numbers.ts";
export interface Period {
  /** year, quarter or half: periods compare only with their own kind */
  kind: "year" | "quarter" | "half";
  /** sortable position in time */
  order: number;
}

const year2 = (y: string) => (y.length === 2 ? 2000 + Number(y) : Number(y));

export function parsePeriod(text: string): Period | null {
  const t = text.replace(/\s+/g, "").toUpperCase();
  let m = /^(?:FY)?((?:19|20)\d{2}|\d{2})[AEFP]?$/.exec(t);
  if (m && (m[1]!.length === 4 || /^FY|[AEFP]$/.test(t))) return { kind: "year", order: year2(m[1]!) };
  m = /^([1-4])Q(?:FY)?((?:20)?\d{2})[AEFP]?$/.exec(t) ?? /^Q([1-4])(?:FY)?((?:20)?\d{2})[AEFP]?$/.exec(t);
  if (m) return { kind: "quarter", order: year2(m[2]!) * 4 + Number(m[1]) };
  m = /^([12])H(?:FY)?((?:20)?\d{2})[AEFP]?$/.exec(t);
  if (m) return { kind: "half", order: year2(m[2]!) * 2 + Number(m[1]) };
  return null;
}

// ---- Periods kept with each cell (normalize stage). parsePeriod above is the checks' reading and stays as it is.

export interface PeriodInfo {
  /** normalised period: 2026, 2026Q1, 2025H1 */
  period: string;
  kind: Period["kind"];
  /** actual (2025A), estimate (2026E, FY26F), or null when the header says neither */
  basis: "actual" | "estimate" | null;
  /** true for a fiscal year printed as such (FY26), false for a calendar year (CY2026), else null */
  fiscal: boolean | null;
  /** month the (fiscal) year ends in when printed (FY3/26E → 3, 12/25E → 12), else null */
  year_end: number | null;
  /** sortable position in time, as Period.order */
  order: number;
}

const alt = (words: string[]) =>
  [...words]
    .sort((a, b) => b.length - a.length)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&"))
    .join("|");
const { actual, estimate, fiscal_prefixes, calendar_prefixes, year_marks } = numbers.period;
const BASIS = `(${alt([...actual, ...estimate])})?`;
const PREFIX = `(${alt([...fiscal_prefixes, ...calendar_prefixes])})?`;
const MARK = year_marks.length > 0 ? `(?:${alt(year_marks)})?` : "";
const YY = "((?:19|20)\\d{2}|\\d{2})";
const fold = (words: string[]) => new Set(words.map((w) => w.toUpperCase()));
const [ACTUAL, ESTIMATE, FISCAL] = [fold(actual), fold(estimate), fold(fiscal_prefixes)];

// Each form: the pattern and how its groups read (prefix, year, number in the year, month the year ends, basis).
type Groups = { prefix?: string; year: string; n?: string; end?: string; basis?: string };
const FORMS: { kind: Period["kind"]; re: RegExp; read: (m: string[]) => Groups }[] = [
  // 2026E, FY26F, CY2026, 2026年E, 26CL
  { kind: "year", re: rx(`${PREFIX}${YY}${MARK}${BASIS}`), read: (m) => ({ prefix: m[1], year: m[2]!, basis: m[3] }) },
  // FY3/26E, 12/25E, 12/2025A (month the year ends / year)
  {
    kind: "year",
    re: rx(`${PREFIX}(0?[1-9]|1[0-2])/${YY}${BASIS}`),
    read: (m) => ({ prefix: m[1], end: m[2], year: m[3]!, basis: m[4] }),
  },
  // 1Q26E, 1QFY26, Q1 2026
  {
    kind: "quarter",
    re: rx(`([1-4])Q${PREFIX}${YY}${BASIS}`),
    read: (m) => ({ n: m[1], prefix: m[2], year: m[3]!, basis: m[4] }),
  },
  {
    kind: "quarter",
    re: rx(`Q([1-4])${PREFIX}${YY}${BASIS}`),
    read: (m) => ({ n: m[1], prefix: m[2], year: m[3]!, basis: m[4] }),
  },
  // 2025Q1, 25Q1E, 2025年Q1
  {
    kind: "quarter",
    re: rx(`${PREFIX}${YY}${MARK}Q([1-4])${BASIS}`),
    read: (m) => ({ prefix: m[1], year: m[2]!, n: m[3], basis: m[4] }),
  },
  // 1H25, H1 2025, 2025H1, 2H25E
  {
    kind: "half",
    re: rx(`([12])H${PREFIX}${YY}${BASIS}`),
    read: (m) => ({ n: m[1], prefix: m[2], year: m[3]!, basis: m[4] }),
  },
  {
    kind: "half",
    re: rx(`H([12])${PREFIX}${YY}${BASIS}`),
    read: (m) => ({ n: m[1], prefix: m[2], year: m[3]!, basis: m[4] }),
  },
  {
    kind: "half",
    re: rx(`${PREFIX}${YY}${MARK}H([12])${BASIS}`),
    read: (m) => ({ prefix: m[1], year: m[2]!, n: m[3], basis: m[4] }),
  },
];

function rx(body: string): RegExp {
  return new RegExp(`^${body}$`, "i");
}

function build(kind: Period["kind"], g: Groups, bare: boolean): PeriodInfo | null {
  // A bare two-digit number ("12", "26") is no year: it needs a prefix, a mark or a basis.
  if (kind === "year" && g.year.length === 2 && !g.prefix && !g.basis && !g.end && bare) return null;
  const year = year2(g.year);
  const n = Number(g.n ?? 0);
  const prefix = g.prefix?.toUpperCase();
  const basis = g.basis?.toUpperCase();
  return {
    period: kind === "year" ? `${year}` : `${year}${kind === "quarter" ? "Q" : "H"}${n}`,
    kind,
    basis: basis === undefined ? null : ACTUAL.has(basis) ? "actual" : ESTIMATE.has(basis) ? "estimate" : null,
    fiscal: prefix === undefined ? null : FISCAL.has(prefix),
    year_end: g.end ? Number(g.end) : null,
    order: kind === "year" ? year : kind === "quarter" ? year * 4 + n : year * 2 + n,
  };
}

/** The period a header label is, nothing else printed: 2026E, FY26F, 1Q26E, 4Q25A, 12/25E, CY2026, 2025A,
 * FY3/26E, 2026年E, 2025H1; null for any other label ("Revenue", "12", "1M", "2025 2026E"). */
export function readPeriod(text: string): PeriodInfo | null {
  const t = text.replace(/\s+/g, "");
  const bare = /^\d+$/.test(t);
  for (const form of FORMS) {
    const m = form.re.exec(t);
    if (m) return build(form.kind, form.read([...m] as string[]), bare);
  }
  return null;
}

/** A quarter or half printed without its year ("Q1", "1Q", "2H"), as in a table whose columns give the year. */
export function readBarePart(text: string): { kind: "quarter" | "half"; n: number } | null {
  const t = text.replace(/\s+/g, "").toUpperCase();
  const m = /^(?:([1-4])Q|Q([1-4]))$/.exec(t);
  if (m) return { kind: "quarter", n: Number(m[1] ?? m[2]) };
  const h = /^(?:([12])H|H([12]))$/.exec(t);
  return h ? { kind: "half", n: Number(h[1] ?? h[2]) } : null;
}
