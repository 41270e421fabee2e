// Period headers of financial tables (2025A, FY26E, 1Q26E, 2Q2026, 1H25, 2024): their kind and order, so that a
// broken sequence can be noticed. Only headers that are nothing but a period are read.
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
