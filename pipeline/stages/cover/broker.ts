// The publishing broker. Cover logos are images, so the name is read from what the report prints about itself:
// the sentences every note carries ("X does and seeks to do business with…", "© 2026 X", "prepared by X",
// 本报告版权属于X, X具有证券投资咨询业务资格), a masthead "X | Equity Research", a line naming a securities firm
// with its legal form on the cover, then the broker list (names, research-unit names, e-mail domains). Each kind of
// evidence votes for a name (its legal form dropped); the name with most votes wins.
import type { Evidence } from "../../../schemas/index.ts";
import brokers from "../../vocab/brokers.json" with { type: "json" };
import { brokerSentences, cover } from "../../vocab/cover.ts";
import { evidence } from "./evidence.ts";
import type { CoverLine } from "./lines.ts";
import { escapeRe, fold } from "./text.ts";

const EN_NAME = "([A-Z][A-Za-z0-9&'.-]*(?:[ ](?:[A-Z(][A-Za-z0-9&'.()/-]*|&|of|and))*)";
const SECURITIES = cover.securities_words.map(escapeRe).join("|");
const ZH_NAME = `(?<![\\p{Script=Han}])([\\p{Script=Han}]{2,16}?(?:${[...cover.legal_suffixes, ...cover.securities_words].map(escapeRe).join("|")}))`;
const YEAR = "(?:19|20)\\d{2}";
// A copyright notice starts its line or sentence: "Source: FactSet ©" under a chart names a data vendor.
const sentence = (phrase: string, name: string) => {
  const body = escapeRe(phrase).replace(/ /g, "\\s*").replace("\\{broker\\}", name).replace("\\{year\\}", YEAR);
  return new RegExp(/^(?:©|Copyright)/.test(phrase) ? `(?:^|(?<=[.。;；]\\s*))${body}` : body, "gu");
};
const SENTENCES = [
  ...brokerSentences.en.map((p) => sentence(p, EN_NAME)),
  ...brokerSentences.zh.map((p) => sentence(p, ZH_NAME)),
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

/** The broker list's entry for a name: by its name or an alias, or its name followed by 证券 (securities_words). */
export function knownBroker(name: string): string | null {
  const key = fold(bareName(name)).toLowerCase().replace(/\s/g, "");
  const hit = brokers.brokers.find(
    (b) =>
      [b.name, ...b.aliases].some((a) => fold(bareName(a)).toLowerCase().replace(/\s/g, "") === key) ||
      cover.securities_words.some((w) => `${b.name}${w}` === key),
  );
  return hit?.name ?? null;
}

interface Vote {
  name: string;
  weight: number;
  ev: Evidence;
}

export function readBroker(cover1: CoverLine[], all: CoverLine[]): { broker: string | null; evidence: Evidence[] } {
  const votes: Vote[] = [...sentences(all), ...mastheads(cover1), ...listed(all)];
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
  const win = [...tally.values()].sort((a, b) => b.weight - a.weight)[0];
  if (!win) return { broker: null, evidence: [] };
  return { broker: knownBroker(win.best.name) ?? bareName(win.best.name), evidence: [win.best.ev] };
}

/** The sentences a report prints about its publisher, anywhere in it. */
function sentences(all: CoverLine[]): Vote[] {
  const out: Vote[] = [];
  for (const l of all) {
    for (const re of SENTENCES) {
      for (const m of l.text.matchAll(re)) {
        const name = bareName(m[1]!.replace(/\.\s+[A-Z].*$/, "."));
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
    for (const b of brokers.brokers)
      for (const alias of [b.name, ...b.aliases]) if (l.text.includes(alias)) count(b.name, l, alias);
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
