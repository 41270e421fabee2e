// Table-cell parser: turns printed cell text ("90.04% CoT@32*", "(1,234)", "95.8/98.9")
// into a number with unit, evaluation setting, notes and footnote marks. Pure and total:
// it never throws and never touches its input. Vocabulary comes from pipeline/vocab/*.json.
import units from "../../vocab/units.json" with { type: "json" };
import { numbers } from "../../vocab/numbers.ts";
import { readPeriod } from "../tables/periods.ts";
import { labelUnit } from "./units.ts";
import {
  applyRepairs,
  collapse,
  ENTITIES,
  escapeRe,
  FOOTNOTE_CLASS,
  isCellSetting,
  LATEX,
  labelSetting,
  missingMarks,
  normalizeShots,
  splitRemarks,
} from "./setting.ts";

export interface ParsedCell {
  value: number | null;
  unit: string | null;
  setting: string | null;
  note: string | null;
  footnote: string | null;
  missing: boolean;
  value2: number | null;
  value2_relation: "/" | "±" | "second" | null;
  unit2: string | null;
  setting2: string | null;
  normalized: string | null;
  repairs: string[];
}

type Tail = Pick<ParsedCell, "setting" | "note" | "footnote" | "value2" | "value2_relation" | "unit2" | "setting2">;

// Longest first so "百万元" wins over "元" and "MB" over "M". Measures (ppt, bp) and scale words of two letters or
// more (bn, mn) may follow a number too; a single scale letter only as units.json lists it (M, B: not m, meters).
const UNITS = [
  ...new Set([
    ...units.units,
    ...Object.keys(numbers.measures),
    ...Object.keys(numbers.scales).filter((w) => w.length > 1 && /^\p{L}+$/u.test(w)),
  ]),
].sort((a, b) => b.length - a.length);
const UNIT_SET = new Set(UNITS);
const UNIT_ALT = UNITS.map(escapeRe).join("|");
// A currency printed before the number: HK$787.00, US$1.2bn, HKD 775.00.
const CURRENCY_ALT = Object.keys(numbers.currencies)
  .sort((a, b) => b.length - a.length)
  .map(escapeRe)
  .join("|");

const SIGN = "[+\\-\u2212\uFE63]";
const MINUS = /^[-\u2212\uFE63]$/;
const BODY = "\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?|\\.\\d+";
// "3.0×10^{-4}", "1.5x10^-4", "1e-4"; tried before the unit so "x10^" is not read as unit "x".
const EXP = `(?:\\s*[×xX]\\s*10\\s*\\^\\s*\\{?\\s*(${SIGN}?\\d+)\\s*\\}?|[eE](${SIGN}?\\d+))?`;
// A number (or its unit) must end the leading token: "2022.4.29", "A100-80GB", "90%以上" are text.
const END = `(?=$|[\\s/±(${FOOTNOTE_CLASS}])`;
const UNIT_PART = `(?:\\s*(${UNIT_ALT})${END}|${END})`;
// Same group layout in both: 1 sign, 2 digits, 3/4 exponent, 5 unit. The accounting form
// "(1,234)" has an empty sign group and is negated.
const PLAIN = new RegExp(`^(${SIGN}?)(${BODY})${EXP}${UNIT_PART}`);
const ACCOUNTING = new RegExp(`^\\(\\s*()(${BODY})${EXP}\\s*\\)${UNIT_PART}`);
const CURRENCY_PREFIX = new RegExp(`^(${SIGN}?)\\s*(${CURRENCY_ALT})\\s?(?=[(\\d.+\\-\u2212])`);

interface Num {
  value: number;
  unit: string | null;
  end: number;
}

/** Read a whole-token number with optional currency before it and unit after it at the start of s. */
function readNumber(s: string): Num | null {
  const c = CURRENCY_PREFIX.exec(s);
  if (!c) return readBare(s);
  const n = readBare(s.slice(c[0].length));
  // After a currency only a scale may follow (US$1.2bn); "HK$5%" is no amount.
  if (!n || (n.unit !== null && !Object.hasOwn(numbers.scales, n.unit))) return null;
  const value = MINUS.test(c[1] ?? "") ? -n.value : n.value;
  return { value: value === 0 ? 0 : value, unit: `${c[2]}${n.unit ?? ""}`, end: c[0].length + n.end };
}

/** Read a whole-token number with optional unit at the start of s. */
function readBare(s: string): Num | null {
  const acc = ACCOUNTING.exec(s);
  const m = acc ?? PLAIN.exec(s);
  if (!m) return null;
  const exp = (m[3] ?? m[4] ?? "0").replace(/[\u2212\uFE63]/, "-");
  // Via the decimal string, so 3.0×10^-4 is exactly 0.0003 (no 3 * 1e-4 float error).
  const magnitude = Number(`${(m[2] ?? "").replace(/,/g, "")}e${exp}`);
  if (!Number.isFinite(magnitude)) return null;
  const value = acc || MINUS.test(m[1] ?? "") ? -magnitude : magnitude;
  return { value: value === 0 ? 0 : value, unit: m[5] ?? null, end: m[0].length };
}

const EMPTY: ParsedCell = {
  value: null,
  unit: null,
  setting: null,
  note: null,
  footnote: null,
  missing: false,
  value2: null,
  value2_relation: null,
  unit2: null,
  setting2: null,
  normalized: null,
  repairs: [],
};

/** Full-width ASCII (Ｕ+FF01..FF5E) and the ideographic space to their ASCII forms. */
const toHalfWidth = (s: string): string =>
  s.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, " ");

const prepare = (text: string): string => collapse(toHalfWidth(cleanMarkup(text)));

export function parseCell(raw: string): ParsedCell {
  try {
    return parse(typeof raw === "string" ? raw : String(raw ?? ""));
  } catch {
    // Defensive: a parser bug on one odd cell must not abort a whole table.
    return { ...EMPTY, repairs: [] };
  }
}

function parse(raw: string): ParsedCell {
  const { text, repairs } = applyRepairs(prepare(raw));
  const base: ParsedCell = { ...EMPTY, normalized: repairs.length > 0 ? text : null, repairs };
  const missing = missingMarks(text);
  if (missing) return { ...base, missing: true, footnote: missing.marks || null };
  // A period such as "12/25" or "12/22E" (the month a year ends, the year) is a header, not 12.
  if (text.includes("/") && readPeriod(text) !== null) return base;
  const first = readNumber(text);
  if (!first) return base;
  const tail = parseTail(text.slice(first.end));
  if (!tail) return base;
  return { ...base, value: first.value, unit: first.unit, ...tail };
}

const numericWord = (w: string): boolean => readNumber(w) !== null;

/** Everything after the leading number; null when the cell turns out to be text. */
function parseTail(after: string): Tail | null {
  const { text, notes, marks } = splitRemarks(after);
  const out: Tail = {
    setting: null,
    note: notes.join(" ") || null,
    footnote: marks.join(" ") || null,
    value2: null,
    value2_relation: null,
    unit2: null,
    setting2: null,
  };
  // Shots first, so "5 shot" is not mistaken for a second value "5".
  let s = normalizeShots(text);
  const rel = /^([/±])\s*/.exec(s);
  if (rel) {
    const n = readNumber(s.slice(rel[0].length));
    if (!n) return null;
    out.value2 = n.value;
    out.unit2 = n.unit;
    out.value2_relation = rel[1] === "/" ? "/" : "±";
    s = s.slice(rel[0].length + n.end);
  }
  const words = s.split(" ").filter(Boolean);
  const k = words.findIndex(numericWord);
  const setting = (k < 0 ? words : words.slice(0, k)).join(" ");
  // Only setting-like text may follow a score: "1.0 Pro" is a model name, not 1.0.
  if (setting && !isCellSetting(setting)) return null;
  out.setting = setting || null;
  // A compound cell ("95.8/97.6 95.7/97.6") keeps its first pair only.
  if (k < 0 || out.value2_relation !== null) return out;
  const second = words.slice(k).join(" ");
  const n = readNumber(second);
  if (!n) return out;
  out.value2 = n.value;
  out.unit2 = n.unit;
  out.value2_relation = "second";
  // Drop a compound partner of the second value ("88.3/63.0 88.2/63.7") and any third score.
  const rest = second
    .slice(n.end)
    .replace(/^\s*[/±]\s*\S*/, "")
    .split(" ")
    .filter(Boolean);
  const j = rest.findIndex(numericWord);
  const setting2 = (j < 0 ? rest : rest.slice(0, j)).join(" ");
  out.setting2 = setting2 && isCellSetting(setting2) ? setting2 : null;
  return out;
}

/** Setting named in a header label ("HellaSwag (10-shot)" -> "10-shot"); null when none. */
export function settingInLabel(label: string): string | null {
  try {
    return labelSetting(prepare(label));
  } catch {
    return null;
  }
}

const MARKER = units.labelMarkers.map(escapeRe).join("|");
const MARKED_PREFIX = new RegExp(`^(?:${MARKER})\\s*:?\\s*`, "i");
const MARKED_UNIT = new RegExp(`(?:${MARKER})\\s*:\\s*(${UNIT_ALT})(?=$|[\\s,;、)/])`, "i");

/** Unit stated in a header or caption ("营业收入(百万元)" -> "百万元", "Profit & Loss (Rmbm)" -> "Rmbm"). */
export function unitInLabel(label: string): string | null {
  try {
    const s = prepare(label);
    for (const m of s.matchAll(/\(([^()]*)\)/g)) {
      const inner = (m[1] ?? "").trim().replace(MARKED_PREFIX, "");
      if (UNIT_SET.has(inner)) return inner;
    }
    return MARKED_UNIT.exec(s)?.[1] ?? labelUnit(s)?.unit ?? null;
  } catch {
    return null;
  }
}

const decodeEntity = (whole: string, name: string): string => {
  const code = /^#x/i.test(name) ? parseInt(name.slice(2), 16) : name.startsWith("#") ? Number(name.slice(1)) : NaN;
  if (Number.isNaN(code)) return ENTITIES[name.toLowerCase()] ?? whole;
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
};

/** Plain text of a LaTeX math body: commands to symbols, a leading superscript to a mark. */
function mathText(body: string): string {
  return body
    .replace(/\\(?:mathrm|text|textbf|mathbf|textit|mathit|operatorname)\s*\{([^{}]*)\}/g, "$1")
    .replace(/\\([a-zA-Z]+)/g, (_, name: string) => LATEX[name] ?? "")
    .replace(/\\([,;:! ])/g, "")
    .replace(/\\(.)/g, "$1")
    .replace(/^\s*\^\s*(?:\{([^{}]*)\}|(\S))/, "$1$2")
    .replace(/_(?:\{([^{}]*)\}|(\w))/g, "$1$2")
    .trim();
}

/** Remove HTML tags/entities and LaTeX markup, collapse whitespace. */
export function cleanMarkup(text: string): string {
  const s = collapse(
    String(text)
      .replace(/<br\s*\/?>/gi, " ")
      .replace(/<\/?[a-zA-Z][^<>]*>/g, "")
      .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, decodeEntity)
      .replace(/\\([%&_#])/g, "$1")
      .replace(/[\u200B-\u200D\uFEFF]/g, ""),
  );
  // $…$ is math only when it has no spaces or has a command; "US$5 and US$6" stays text.
  // A symbol-only formula ("$@$", "$^+$") joins its neighbours: "yangyx $@$ tebon" -> "yangyx@tebon".
  const math = s.replace(/( ?)\$([^$]+?)\$( ?)/g, (whole, pre: string, body: string, post: string) => {
    if (/\s/.test(body) && !body.includes("\\")) return whole;
    const t = mathText(body);
    return /^[^\p{L}\p{N}\s]+$/u.test(t) ? t : `${pre}${t}${post}`;
  });
  return collapse(math);
}
