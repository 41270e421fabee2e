// The pieces of an analyst block, as found in one line of the cover: names, roles, e-mail addresses, telephone
// numbers and licence numbers, each with where it is in the line. Which name each detail belongs to is decided by
// analysts.ts, from the line and the page's geometry.
import type { Licence } from "../../../schemas/index.ts";
import { cover } from "../../vocab/cover.ts";
import { alternation, escapeRe, findDates } from "./text.ts";

export type TokenKind = "name" | "role" | "email" | "phone" | "licence";
export interface Token {
  kind: TokenKind;
  value: string;
  licence?: Licence;
  /** Characters of the line it covers. */
  from: number;
  to: number;
}

/** A vocabulary word that may be printed with stray spaces between its characters (证 券分析师). */
const spaced = (words: string[]) => words.map((w) => [...w.replace(/\s+/g, "")].map(escapeRe).join("\\s*")).join("|");

// A Chinese name is two or three characters; four only with a two-character surname (欧阳) or a middle dot —
// which keeps four-character headings (报告摘要, 相关研究) out.
const HAN_NAME = `(?:(?:${cover.compound_surnames.join("|")})\\p{Script=Han}{1,2}|\\p{Script=Han}{1,6}·\\p{Script=Han}{1,6}|\\p{Script=Han}{2,3})`;
const ROLE = spaced(cover.roles);
const EMAIL = /[A-Za-z0-9._%+-]+\s?[@＠]\s?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;
const SAC = /(?<![A-Za-z0-9])[SA]\d{13}(?!\d)/g;
const CE = new RegExp(
  `(?:${alternation(cover.licence_labels["SFC CE"])})\\s*[:：#]?\\s*([A-Z]{3}\\s?\\d{3})(?![A-Za-z0-9])`,
  "g",
);
const PHONE =
  /(?:\+\s?\d{1,3}[\s-]?)?(?:[（(]\+?\d{2,5}(?:[\s-]\d{1,5})?[)）]\s*)?\d[\d -]{5,16}\d(?:\s*(?:[-×x]|ext\.?)\s*\d{1,5})?/g;
const PHONE_LABEL = new RegExp(`(?:${alternation(cover.phone_labels)})\\s*[:：.]?\\s*$`);
const LEAD = new RegExp(`^\\s*(?:${ROLE}|${HAN_NAME})?\\s*$`, "u");
const STOP = new Set(
  [
    ...cover.related_headings,
    ...cover.roles,
    ...cover.author_labels,
    ...cover.industries,
    ...cover.report_type_lines,
    ...cover.rating_labels,
    ...Object.keys(cover.rating_scale),
  ].map((w) => w.replace(/\s+/g, "")),
);

// Chinese: "分析师：张三", "联系人李四", "研究助理王五对本文有贡献", "赵六", "钱七 A0000000000001", "孙八 S0000000000002".
const ZH_ROLE_NAME = new RegExp(`(${ROLE})\\s*[:：]?\\s*(${HAN_NAME})(?![\\p{Script=Han}])`, "gu");
/** What may follow a name on its line: its role, a licence label or number, a phone or e-mail label. */
const DETAIL_LABEL = alternation([
  ...cover.licence_labels.SAC,
  ...cover.licence_labels["SFC CE"],
  ...cover.phone_labels,
  ...cover.email_labels,
]);
const LABEL_FIRST = new RegExp(`^(?:${DETAIL_LABEL})`, "i");
const ZH_NAME_FIRST = new RegExp(`^(${HAN_NAME})(?=$|\\s|[（(]|[SA]\\d{13}|${ROLE}|${DETAIL_LABEL})`, "iu");
/** A role that starts a line of details ("研究员 SFC No. BPY421", "联系人 02138476179"). */
const ZH_ROLE_FIRST = new RegExp(`^(${ROLE})(?=\\s*[:：]?\\s*(?:$|[^\\p{Script=Han}\\s]))`, "u");
const ZH_ROLE_ALONE = new RegExp(`^(${ROLE})\\s*[:：]?$`, "u");
const ZH_CONTRIBUTOR = cover.contributor_suffixes.length
  ? new RegExp(`(${ROLE})\\s*(${HAN_NAME}?)(?:${cover.contributor_suffixes.map(escapeRe).join("|")})`, "gu")
  : null;

// English: "Elinor Leung, CFA", "Saiyi HE, CFA", "Alex Liu >>", "…Limited+Gary Yu".
const DESIGNATIONS = new RegExp(`(?:,?\\s*(?:${cover.designations.map(escapeRe).join("|")})(?![A-Za-z]))+\\s*$`);
const EN_PERSON = /^[A-Z][a-z]+(?:[-'][A-Za-z]+)?(?:\s+[A-Z][A-Za-z'-]*\.?){1,2}$/;
const EN_ROLE = new RegExp(`^(?:${alternation(cover.roles)})$`);

export function tokensOf(text: string): Token[] {
  const tokens: Token[] = [];
  const taken: [number, number][] = [];
  const free = (from: number, to: number) => !taken.some(([a, b]) => from < b && to > a);
  const add = (t: Token) => {
    if (!free(t.from, t.to)) return;
    tokens.push(t);
    taken.push([t.from, t.to]);
  };
  for (const m of text.matchAll(EMAIL))
    add({ kind: "email", value: m[0].replace(/\s/g, ""), from: m.index, to: m.index + m[0].length });
  for (const m of text.matchAll(SAC))
    add({ kind: "licence", value: m[0], licence: { kind: "SAC", id: m[0] }, from: m.index, to: m.index + m[0].length });
  for (const m of text.matchAll(CE))
    add({
      kind: "licence",
      value: m[1]!,
      licence: { kind: "SFC CE", id: m[1]!.replace(/\s/g, "") },
      from: m.index,
      to: m.index + m[0].length,
    });
  for (const m of text.matchAll(PHONE))
    if (isPhone(text, m)) add({ kind: "phone", value: m[0].trim(), from: m.index, to: m.index + m[0].length });
  if (/\p{Script=Han}/u.test(text)) chinese(text, add);
  else english(text, add);
  return tokens.sort((a, b) => a.from - b.from);
}

/** A telephone number: after a label, alone on its line, or in an international or area-code form; never a date. */
function isPhone(text: string, m: RegExpMatchArray): boolean {
  const value = m[0].trim();
  const digits = value.replace(/\D/g, "").length;
  if (digits < 7 || digits > 18 || findDates(value).length > 0 || /^\d{4}[-.]\d{1,2}[-.]\d{1,2}$/.test(value))
    return false;
  if (/^(?:19|20)\d{2}\s*[-–~]\s*(?:19|20)\d{2}$/.test(value)) return false; // a span of years
  const before = text.slice(0, m.index!);
  if (PHONE_LABEL.test(before)) return true;
  // Alone on its line, or after nothing but a name or a role ("联系人 02138476179").
  if (text.trim() === value || (text.length <= 40 && LEAD.test(before))) return true;
  return /^(?:\+|[（(])/.test(value) || /^\d{3,4}-\d{7,8}/.test(value);
}

function chinese(text: string, add: (t: Token) => void) {
  if (ZH_CONTRIBUTOR) {
    for (const m of text.matchAll(ZH_CONTRIBUTOR)) {
      const at = m.index + m[0].indexOf(m[2]!, m[1]!.length);
      add({ kind: "role", value: m[1]!.replace(/\s+/g, ""), from: m.index, to: m.index + m[1]!.length });
      add({ kind: "name", value: m[2]!, from: at, to: at + m[2]!.length });
    }
  }
  for (const m of text.matchAll(ZH_ROLE_NAME)) {
    const at = m.index + m[0].lastIndexOf(m[2]!);
    if (STOP.has(m[2]!)) continue;
    add({ kind: "role", value: m[1]!.replace(/\s+/g, ""), from: m.index, to: m.index + m[1]!.length });
    add({ kind: "name", value: m[2]!, from: at, to: at + m[2]!.length });
  }
  const trimmed = text.trim();
  const alone = ZH_ROLE_ALONE.exec(trimmed);
  if (alone) add({ kind: "role", value: alone[1]!.replace(/\s+/g, ""), from: 0, to: text.length });
  const leading = alone ? null : ZH_ROLE_FIRST.exec(trimmed);
  if (leading) add({ kind: "role", value: leading[1]!.replace(/\s+/g, ""), from: 0, to: leading[1]!.length });
  // A line that starts with a label (执业证书编号：…) starts with no name, though its first characters look like one.
  const first = LABEL_FIRST.test(trimmed) ? null : ZH_NAME_FIRST.exec(trimmed);
  if (first && !STOP.has(first[1]!) && !alone) add({ kind: "name", value: first[1]!, from: 0, to: first[1]!.length });
}

function english(text: string, add: (t: Token) => void) {
  const trimmed = text.trim();
  if (EN_ROLE.test(trimmed)) {
    add({ kind: "role", value: trimmed, from: 0, to: text.length });
    return;
  }
  // A name may follow another line's text the layout joined to it ("…Limited+Gary Yu").
  let from = 0;
  for (const segment of text.split(/[+|]/)) {
    const name = segment
      .replace(/>+\s*$/, "")
      .replace(DESIGNATIONS, "")
      .replace(/[*†‡]+$/, "")
      .trim();
    if (EN_PERSON.test(name) && !STOP.has(name.replace(/\s+/g, ""))) {
      const at = from + segment.indexOf(name);
      add({ kind: "name", value: name, from: at, to: at + name.length });
    }
    from += segment.length + 1;
  }
}
