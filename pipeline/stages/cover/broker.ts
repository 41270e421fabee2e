// The publishing broker. Cover logos are images, so the name is read from what the report prints about itself:
// the sentences every note carries ("X does and seeks to do business with…", "© 2026 X", "prepared by X",
// 本报告版权属于X, X具有证券投资咨询业务资格), a masthead "X | Equity Research", a line naming a securities firm
// with its legal form on the cover, then the broker list (names, research-unit names, e-mail domains). Each kind of
// evidence votes for a name (its legal form dropped; a short name the report defines, "DSCL", read as the firm it
// stands for); names are merged through the broker list (vocab/brokers.json: a brand and its entities, "J.P. Morgan
// Securities (Asia Pacific) Limited" → J.P. Morgan). The name with most votes wins; a tie leaves it empty.
import type { Evidence } from "../../../schemas/index.ts";
import brokers from "../../vocab/brokers.json" with { type: "json" };
import { type Found, found } from "../../problems.ts";
import { brokerSentences, cover } from "../../vocab/cover.ts";
import { evidence } from "./evidence.ts";
import type { CoverLine } from "./lines.ts";
import { escapeRe, fold } from "./text.ts";

const EN_NAME = "([A-Z][A-Za-z0-9&'.-]*(?:[ ](?:[A-Z(][A-Za-z0-9&'.()/-]*|&|of|and))*)";
const SECURITIES = cover.securities_words.map(escapeRe).join("|");
const ZH_NAME = `(?<![\\p{Script=Han}])([\\p{Script=Han}]{2,16}?(?:${[...cover.legal_suffixes, ...cover.securities_words].map(escapeRe).join("|")}))`;
const YEAR = "(?:19|20)\\d{2}";
// A copyright notice starts its line or sentence: "Source: FactSet ©" under a chart names a data vendor. A Chinese
// name after the sentence's own characters (本报告由X制作) starts right there; one that starts the sentence must not
// be the tail of a longer word.
const sentence = (phrase: string, name: string) => {
  const own = phrase.startsWith("{broker}") ? name : name.replace("(?<![\\p{Script=Han}])", "");
  const body = escapeRe(phrase).replace(/ /g, "\\s*").replace("\\{broker\\}", own).replace("\\{year\\}", YEAR);
  return new RegExp(/^(?:©|Copyright)/.test(phrase) ? `(?:^|(?<=[.。;；]\\s*))${body}` : body, "gu");
};
/** Each sentence with its longest literal word: a line without that word is not tried (the regexes are costly). */
const withWord = (phrase: string, re: RegExp) => ({
  re,
  word: phrase.split(/\s+|\{broker\}|\{year\}/).reduce((a, b) => (b.length > a.length ? b : a), ""),
});
const SENTENCES = [
  ...brokerSentences.en.map((p) => withWord(p, sentence(p, EN_NAME))),
  ...brokerSentences.zh.map((p) => withWord(p, sentence(p, ZH_NAME))),
];
const REPORT_TYPES = new Set(cover.report_type_lines.map((w) => w.toLowerCase()));
const LEGAL_END = new RegExp(`(?:${cover.legal_suffixes.map(escapeRe).join("|")})(?:\\s*/\\s*[A-Z][\\w ]+)?$`);
const BROKER_WORD = new RegExp(cover.broker_words.map(escapeRe).join("|"));
const SECURITIES_AT = new RegExp(`^(?:${SECURITIES})`);
const ZH_UNIT = new RegExp(`(?:${SECURITIES})(?:${cover.broker_name_suffixes.map(escapeRe).join("|")})`, "gu");

/** A name without its legal form or place ("Deutsche Bank AG/Hong Kong" → Deutsche Bank). */
export function bareName(name: string): string {
  const trim = (s: string) => s.replace(/[\s.,;:。，]+$/, "");
  let n = trim(name.replace(/\s*\/\s*[A-Z][\w ]+$/, "").replace(/^the\s+/i, ""));
  for (let changed = true; changed; ) {
    changed = false;
    for (const s of cover.legal_suffixes.map(trim)) {
      if (n.endsWith(s) && n.length > s.length + 1 && !/[A-Za-z]/.test(n[n.length - s.length - 1]!)) {
        n = trim(n.slice(0, -s.length));
        changed = true;
      }
    }
  }
  return n;
}

const keyOf = (name: string) => fold(bareName(name)).toLowerCase();
const ENTRIES = brokers.brokers.map((b) => ({ name: b.name, keys: [b.name, ...b.aliases].map(keyOf) }));

/** The broker list's entry for a name: by its name or an alias, its name followed by 证券 (securities_words), or
 * a legal entity that starts with a listed name ("J.P. Morgan Securities (Asia Pacific) Limited" → J.P. Morgan):
 * a broker's entities are its brand and a place or a business. The longest listed name that fits wins. */
export function knownBroker(name: string): string | null {
  const key = keyOf(name);
  const flat = key.replace(/\s/g, "");
  const exact = ENTRIES.find(
    (b) =>
      b.keys.some((k) => k.replace(/\s/g, "") === flat) ||
      cover.securities_words.some((w) => `${b.keys[0]}${w}` === flat),
  );
  if (exact) return exact.name;
  let best: { name: string; length: number } | null = null;
  for (const b of ENTRIES)
    for (const k of b.keys)
      if (k.length >= 4 && key.startsWith(k) && startsWord(key, k.length) && k.length > (best?.length ?? 0))
        best = { name: b.name, length: k.length };
  return best?.name ?? null;
}

/** A listed name ends where the longer name goes on with a new word (a space, a bracket, or a Han character). */
const startsWord = (key: string, at: number) =>
  at === key.length ||
  /[\s(（]/.test(key[at]!) ||
  (/\p{Script=Han}/u.test(key[at]!) && /\p{Script=Han}/u.test(key[at - 1]!));

interface Vote {
  name: string;
  weight: number;
  ev: Evidence;
}

export function readBroker(
  cover1: CoverLine[],
  all: CoverLine[],
): { broker: string | null; evidence: Evidence[]; problems: Found[] } {
  const short = abbreviations(all);
  const votes: Vote[] = [...sentences(all), ...mastheads(cover1), ...listed(all)].map((v) => ({
    ...v,
    name: short.get(v.name) ?? v.name,
  }));
  const tally = new Map<string, { weight: number; best: Vote }>();
  for (const v of votes) {
    const key = knownBroker(v.name) ?? fold(bareName(v.name)).toLowerCase();
    const t = tally.get(key);
    if (!t) tally.set(key, { weight: v.weight, best: v });
    else {
      t.weight += v.weight;
      if (v.weight > t.best.weight) t.best = v;
    }
  }
  const [win, next] = [...tally.values()].sort((a, b) => b.weight - a.weight);
  if (!win) return { broker: null, evidence: [], problems: [] };
  const name = (t: { best: Vote }) => knownBroker(t.best.name) ?? bareName(t.best.name);
  // Two firms named as often, in the same kinds of place: the report does not say which one published it.
  if (next && next.weight === win.weight) {
    const message = `the report names ${name(win)} and ${name(next)} alike as its publisher; the broker is left empty`;
    const where = { page: win.best.ev.page, where: "broker" };
    return { broker: null, evidence: [], problems: [found("meta/field-doubtful", "warning", message, where)] };
  }
  return { broker: name(win), evidence: [win.best.ev], problems: [] };
}

const DEFINED = /((?:[A-Z][\w.&'-]*\s+){0,6}[A-Z][\w.&'-]*)\s*[(（](?:the\s+)?["“”]([A-Z]{2,8})["“”][)）]/g;

/** Short names a report defines for a firm ("Daiwa Securities Co. Ltd (“DSCL”)"): "prepared by DSCL" names it. */
function abbreviations(all: CoverLine[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const l of all) for (const m of l.text.matchAll(DEFINED)) if (!out.has(m[2]!)) out.set(m[2]!, bareName(m[1]!));
  return out;
}

/** The sentences a report prints about its publisher, anywhere in it. */
function sentences(all: CoverLine[]): Vote[] {
  const out: Vote[] = [];
  for (const l of all) {
    for (const { re, word } of SENTENCES) {
      if (!l.text.includes(word)) continue;
      for (const m of l.text.matchAll(re)) {
        // A sentence ends at a full stop after a word ("… Ltd. The"), not after an initial ("J.P. Morgan").
        const name = bareName(m[1]!.replace(/(?<=[a-z]{2}|\d)\.\s+[A-Z].*$/, "."));
        if (name.length >= 2 && name.length <= 60 && !/^(?:The|This|Our|We|Its)$/i.test(name))
          out.push({ name, weight: 2, ev: evidence("broker", m[0], [l]) });
      }
    }
  }
  return out;
}

/** On the cover: "X | Equity Research | Company Update", or a line that is a securities firm's legal name. */
function mastheads(lines: CoverLine[]): Vote[] {
  const out: Vote[] = [];
  for (const l of lines) {
    const parts = l.text.split(/\s*[|｜]\s*/);
    if (
      parts.length > 1 &&
      parts.slice(1).some((p) => REPORT_TYPES.has(p.toLowerCase())) &&
      !REPORT_TYPES.has(parts[0]!.toLowerCase()) &&
      /^[A-Z\p{Script=Han}]/u.test(parts[0]!)
    ) {
      out.push({ name: parts[0]!, weight: 3, ev: evidence("broker", parts[0]!, [l]) });
    } else if (
      l.text.length <= 60 &&
      LEGAL_END.test(l.text) &&
      BROKER_WORD.test(l.text) &&
      !/[。，,;]\s/.test(l.text)
    ) {
      out.push({ name: l.text, weight: 3, ev: evidence("broker", l.text, [l]) });
    }
  }
  return out;
}

// A listed Latin name counts as a whole word ("Citi" not in "Citic", "db.com" not in "xdb.com").
const LISTED = brokers.brokers.map((b) => ({
  name: b.name,
  aliases: [b.name, ...b.aliases].map((text) => ({
    text,
    re: new RegExp(/^[A-Za-z]/.test(text) ? `(?<![A-Za-z0-9])${escapeRe(text)}(?![A-Za-z0-9])` : escapeRe(text)),
  })),
}));

/** Any alias of the list: one pass over a line rules out most lines (few name a firm) before each alias is tried. */
const ANY_LISTED = new RegExp(LISTED.flatMap((b) => b.aliases.map((a) => a.re.source)).join("|"));

/** The broker list (names, research units, e-mail domains) and 某某证券研究所 / 某某证券股份有限公司 anywhere, one
 * vote per occurrence, at most three per name: many mentions count, but never as much as a sentence. */
function listed(all: CoverLine[]): Vote[] {
  const counts = new Map<string, { n: number; ev: Evidence }>();
  const count = (name: string, l: CoverLine, text: string) => {
    const c = counts.get(name);
    if (c) c.n++;
    else counts.set(name, { n: 1, ev: evidence("broker", text, [l]) });
  };
  for (const l of all) {
    if (ANY_LISTED.test(l.text))
      for (const b of LISTED) for (const a of b.aliases) if (a.re.test(l.text)) count(b.name, l, a.text);
    for (const m of l.text.matchAll(ZH_UNIT)) {
      const name = unitName(l.text, m.index);
      const word = SECURITIES_AT.exec(m[0])?.[0] ?? "";
      if (name) count(`${name}${word}`, l, l.text.slice(m.index - name.length, m.index + m[0].length));
    }
  }
  return [...counts].map(([name, c]) => ({ name, weight: Math.min(c.n, 3) * 0.5, ev: c.ev }));
}

/** The name before 证券研究所: the two to four Han characters that start a word there (after a non-Han character),
 * so that 2009 年加入华创证券研究所 names no 加入华创证券. */
function unitName(text: string, at: number): string | null {
  for (let n = 2; n <= 4; n++) {
    const start = at - n;
    if (start < 0) return null;
    const name = text.slice(start, at);
    if (!/^\p{Script=Han}+$/u.test(name)) return null;
    if (start === 0 || !/\p{Script=Han}/u.test(text[start - 1]!)) return name;
  }
  return null;
}
