// Cover metadata: title, broker, industry, date, rating, analysts, related reports. The cover is the part
// before the lists of contents (or before the disclaimers when there are none).
import type { Analyst, Meta, TextLine } from "../../schemas/index.ts";
import { type Found, found, type Staged } from "../problems.ts";
import type { Contents } from "./layout/contents.ts";
import { isDisclaimerHeading } from "./layout/patterns.ts";
import cover from "../vocab/cover.json" with { type: "json" };
import brokers from "../vocab/brokers.json" with { type: "json" };

const HAN_NAME = /^([\u4e00-\u9fff·]{2,4})(?=$|\s*(?:资格|执业|SAC|邮箱|电话|Tel|Email|S\d{13}))/i;
const SAC = /S\d{13}/;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/;
const DATE = /(\d{4})\s*(?:年|[-./])\s*(\d{1,2})\s*(?:月|[-./])\s*(\d{1,2})\s*日?/;
const byLength = (words: string[]) => [...words].sort((a, b) => b.length - a.length);
const RATINGS = byLength(cover.ratings);
const plain = (s: string) => s.replace(/\s+/g, "");

export function isoDate(text: string): string | null {
  const m = DATE.exec(text);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  return `${y}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** The cover: the lines before the lists of contents, or before the disclaimers when there are none. */
export function coverLines(contents: Contents): TextLine[] {
  const lines = contents.items.flatMap((it, i) => (it.kind === "line" ? [{ i, line: it.line }] : []));
  const disclaimerAt = lines.find((l) => isDisclaimerHeading(l.line.text))?.i ?? contents.items.length;
  const end = Math.min(contents.tocStart, disclaimerAt);
  return lines.filter((l) => l.i < end).map((l) => l.line);
}

/** Cover facts from the cover's lines; the broker from anywhere in the text. */
export function readMeta(coverLines: TextLine[], allText: string[]): Staged<Meta> {
  const problems: Found[] = [];
  const lines = coverLines.filter((l) => l.text !== "" && !l.text.startsWith("!["));
  const rating = readRating(lines);
  const meta: Meta = {
    title: readTitle(lines),
    broker: readBroker(allText),
    industry: readIndustry(lines),
    date: lines.map((l) => (DATE.test(l.text) && plain(l.text).replace(DATE, "") === "" ? isoDate(l.text) : null)).find((d) => d) ?? null,
    ...rating,
    analysts: readAnalysts(lines),
    related_reports: lines.flatMap((l) => {
      const m = /^(?:[-•·*]\s*|\d+[.、]?\s*)?《(.+?)》\s*[，,]?\s*(.*)$/.exec(l.text);
      return m ? [{ title: (m[1] ?? "").trim(), date: isoDate(m[2] ?? "") }] : [];
    }),
  };
  for (const field of ["title", "broker", "date", "rating"] as const) {
    if (meta[field] === null) {
      problems.push(found("meta/field-missing", "warning", `no ${field} found on the cover; the field is left empty`, { where: field }));
    }
  }
  return { value: meta, problems };
}

function readTitle(lines: TextLine[]): string | null {
  const candidate = (l: TextLine) =>
    l.text.length >= 8 && l.text.length <= 80 && !/[。；]$/.test(l.text) && !/^[^：:]{1,8}[：:]/.test(l.text) &&
    !DATE.test(l.text) && !l.text.includes("《") && !startsWithRating(l.text);
  // PDF: the headline is the largest type on the cover; markdown: the first heading; text: an early long line.
  const sized = lines.filter((l) => l.size !== undefined && candidate(l));
  if (sized.length > 0) return sized.reduce((a, b) => ((b.size ?? 0) > (a.size ?? 0) ? b : a)).text;
  const heading = lines.find((l) => l.heading_level !== null && candidate(l));
  return (heading ?? lines.slice(0, 5).find(candidate))?.text ?? null;
}

function readBroker(allText: string[]): string | null {
  const text = allText.join("\n");
  let best: { name: string; count: number } | null = null;
  for (const b of brokers.brokers) {
    const count = [b.name, ...b.aliases].reduce((n, alias) => n + text.split(alias).length - 1, 0);
    if (count > 0 && (!best || count > best.count)) best = { name: b.name, count };
  }
  if (best) return best.name;
  const counts = new Map<string, number>();
  for (const m of text.matchAll(/([\u4e00-\u9fff]{2,4}证券)(?:股份有限公司|研究所|研究院)/g)) counts.set(m[1]!, (counts.get(m[1]!) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? null;
}

function readIndustry(lines: TextLine[]): string | null {
  const industries = byLength(cover.industries);
  for (const l of lines) {
    for (const label of cover.industry_labels) {
      const m = new RegExp(`^${label}\\s*[：:]\\s*(.+)$`).exec(l.text);
      if (!m) continue;
      const rest = (m[1] ?? "").trim();
      return industries.find((i) => rest.startsWith(i)) ?? rest.split(/[\s，,]/)[0] ?? null;
    }
  }
  return lines.slice(0, 5).find((l) => cover.industries.includes(plain(l.text)))?.text ?? null;
}

const startsWithRating = (text: string) => RATINGS.find((r) => text.replace(/^#+\s*/, "").startsWith(r)) ?? null;

function parseRating(text: string): { rating: string; action: string | null } | null {
  const t = plain(text);
  const rating = startsWithRating(t);
  if (!rating || t.length > rating.length + 8) return null;
  const rest = t.slice(rating.length);
  const action = byLength(cover.rating_actions).find((a) => rest.includes(a)) ?? null;
  return { rating, action: action ? action.replace(/评级$/, "") : null };
}

function readRating(lines: TextLine[]): Pick<Meta, "rating" | "rating_action" | "previous_rating"> {
  let current: { rating: string; action: string | null } | null = null;
  let previous: string | null = null;
  lines.forEach((l, i) => {
    const t = plain(l.text);
    const prevLabel = cover.previous_rating_labels.find((p) => t.startsWith(p));
    if (prevLabel) {
      const inline = parseRating(t.slice(prevLabel.length).replace(/^[：:]/, ""));
      const next = inline ?? (lines[i + 1] ? parseRating(lines[i + 1]!.text) : null);
      previous ??= next?.rating ?? null;
      return;
    }
    if (current) return;
    const label = cover.rating_labels.find((r) => t.startsWith(r));
    const afterLabel = label ? parseRating(t.slice(label.length).replace(/^[：:]/, "")) : null;
    const own = afterLabel ?? parseRating(l.text);
    const isPreviousValue = i > 0 && cover.previous_rating_labels.includes(plain(lines[i - 1]!.text));
    if (own && !isPreviousValue) current = own;
  });
  const c = current as { rating: string; action: string | null } | null;
  return {
    rating: c?.rating ?? null,
    rating_action: c?.action ?? null,
    previous_rating: previous ?? (c?.action === "维持" ? c.rating : null),
  };
}

/** Analysts: names with their role, SAC number and e-mail, in either order of name and role
 * (a name line then its role, or a role heading then "名字资格编号：S…邮箱：…"). */
function readAnalysts(lines: TextLine[]): Analyst[] {
  const analysts: Analyst[] = [];
  const roles = byLength(cover.roles);
  let active = false;
  let pendingRole: string | null = null;
  let current: Analyst | null = null;
  for (const l of lines) {
    const t = l.text.replace(/^#+\s*/, "").trim();
    const role = roles.find((r) => plain(t) === r || (t.startsWith(r) && !/[\u4e00-\u9fff]/.test(t.slice(r.length))));
    if (role || cover.author_labels.includes(plain(t))) {
      active = true;
      if (role && current && current.role === null) current.role = role;
      else if (role) pendingRole = role;
      continue;
    }
    const name = HAN_NAME.exec(t);
    const sac = SAC.exec(t)?.[0] ?? null;
    if (name && sac) active = true; // "林晓明 SAC No. S0570516010001": a sidebar without an 作者 label
    if (!active) continue;
    const email = EMAIL.exec(t)?.[0] ?? null;
    if (name && !cover.industries.includes(name[1]!) && !startsWithRating(t)) {
      current = { name: name[1]!, role: pendingRole, sac_id: null, email: null };
      pendingRole = null;
      analysts.push(current);
    } else if (!sac && !email && !/^(电话|Tel|邮箱|Email)/i.test(t) && !/^[\d\s()+-]{7,}$/.test(t)) {
      active = false;
      continue;
    }
    if (current) {
      current.sac_id ??= sac;
      current.email ??= email;
    }
  }
  // A name-like line with nothing attached (no role, number or address) is not an analyst.
  return analysts.filter((a) => a.role !== null || a.sac_id !== null || a.email !== null);
}
