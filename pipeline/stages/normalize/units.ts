// Units as reports print them — "(RmbM)", "Rmb (mn)", "CNYmn", "US$ m", "USD mn unless otherwise stated", "HK$",
// "(亿元)", "单位：百万元" — read into the unit text, its currency (ISO 4217) and its scale (the multiplier of the
// printed number), so that a database user can compare 1,234 (RMB mn) with 1.2 (RMB bn). Vocabulary comes from
// pipeline/vocab/{zh,en}/numbers.json and pipeline/vocab/units.json.
import units from "../../vocab/units.json" with { type: "json" };
import { numbers } from "../../vocab/numbers.ts";
import { collapse, escapeRe } from "./setting.ts";

export interface UnitMeaning {
  /** the unit as printed, brackets and extra spaces removed: Rmbm, RMB mn, 百万元, % */
  unit: string;
  /** ISO 4217 code when the unit names a currency */
  currency: string | null;
  /** multiplier of the printed number (mn → 1e6, 亿 → 1e8, fen → 0.01; 1 for a bare currency), else null */
  scale: number | null;
}

const alt = (words: Iterable<string>) =>
  [...words]
    .sort((a, b) => b.length - a.length)
    .map(escapeRe)
    .join("|");
const CUR = alt(Object.keys(numbers.currencies));
const SCALE = alt(Object.keys(numbers.scales));
// Currency then scale (RMB mn, Rmbm, US$ bn, HK$'000), or scale then currency (百万元, 亿美元, mn USD).
const CUR_SCALE = new RegExp(`^(${CUR})\\s*(${SCALE})?$`);
const SCALE_CUR = new RegExp(`^(${SCALE})\\s*(${CUR})?$`);
const OTHER_UNITS = new Set(units.units);
/** A bracketed group: (…), […], （…）, 【…】. */
const GROUP = /[([（【]([^()（）[\]【】]*)[)\]）】]/g;

const meaning = (unit: string, currency: string | null, scale: number | null): UnitMeaning => ({
  unit,
  currency,
  scale,
});

/** The meaning of a unit expression standing alone ("Rmbm", "(RMB mn)", "Rmb (mn)", "亿元", "%"); null when the
 * text is not one. `bare`: the text was printed without brackets, where a lone short scale letter (B, m) is more
 * likely a name than a unit. */
export function readUnit(text: string, bare = false): UnitMeaning | null {
  const s = collapse(text.replace(GROUP, " $1 "));
  if (s === "") return null;
  if (Object.hasOwn(numbers.measures, s)) return meaning(s, null, null);
  const sub = Object.hasOwn(numbers.subunits, s) ? numbers.subunits[s] : undefined;
  if (sub) return meaning(s, sub.currency, sub.scale);
  const cs = CUR_SCALE.exec(s);
  if (cs) return meaning(s, numbers.currencies[cs[1]!]!, cs[2] ? numbers.scales[cs[2]]! : 1);
  const sc = SCALE_CUR.exec(s);
  if (sc && !(bare && !sc[2] && sc[1]!.length < 2))
    return meaning(s, sc[2] ? numbers.currencies[sc[2]]! : null, numbers.scales[sc[1]!]!);
  return OTHER_UNITS.has(s) && !(bare && s.length < 2) ? meaning(s, null, null) : null;
}

const MARKERS = alt(numbers.unit_markers);
const PHRASES = alt(numbers.unit_phrases);
const MARKED = new RegExp(`(?:^|[\\s(（,，;；])(?:${MARKERS})\\s*[:：]\\s*([^,，;；)）]+)`);
const PHRASED = PHRASES ? new RegExp(`^(.*?)[\\s,，]*(?:${PHRASES})\\W*$`) : null;

/** The unit printed inside one bracketed group: the whole group ("Rmbm"), a part of it ("RMB mn, unless
 * stated"; "Adjusted - mn"), or a symbol that begins it ("% YoY"). */
function groupUnit(inner: string, before: string): UnitMeaning | null {
  const whole = readUnit(inner);
  // "Rmb (mn)": a currency just before the group completes its scale.
  const cur = /(\S+)\s*$/.exec(before)?.[1];
  if (whole && whole.currency === null && whole.scale !== null && cur && numbers.currencies[cur])
    return readUnit(`${cur} ${inner}`);
  if (whole) return whole;
  for (const part of inner.split(/\s*[,，;；]\s*|\s+[-–]\s+/)) {
    const u = readUnit(part);
    if (u) return u;
  }
  const first = /^([^\p{L}\p{N}\s]+)\s/u.exec(inner)?.[1];
  return first ? readUnit(first) : null;
}

/** The unit a header, row label, caption or unit line states: "Revenue (Rmbm)", "Rmb (mn)", "RMB bn", "单位：亿元",
 * "USD mn unless otherwise stated", "EPS (adj) [CNY]"; null when it states none. */
export function labelUnit(label: string): UnitMeaning | null {
  const s = collapse(label);
  if (s === "") return null;
  const whole = readUnit(s, true);
  if (whole) return whole;
  const marked = MARKED.exec(s)?.[1];
  if (marked) {
    const u = readUnit(marked.trim()) ?? labelUnit(marked.trim());
    if (u) return u;
  }
  const phrased = PHRASED?.exec(s)?.[1];
  if (phrased) {
    const u = readUnit(phrased, true);
    if (u) return u;
  }
  for (const m of s.matchAll(GROUP)) {
    const u = groupUnit((m[1] ?? "").trim(), s.slice(0, m.index));
    if (u) return u;
  }
  return null;
}

/** The label without its bracketed unit groups ("(Rmb) 2025A" → "2025A"), for reading what else it says. */
export function withoutUnits(label: string): string {
  return collapse(label.replace(GROUP, (whole, inner: string) => (groupUnit(inner.trim(), "") ? " " : whole)));
}
