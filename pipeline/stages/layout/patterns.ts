// Line-level patterns of broker reports: captions, source lines, contents entries, numbered headings.
// The words themselves (图/表/图表, 资料来源, 目录) come from vocab/<language>/layout.json.
import { layout } from "../../vocab/layout.ts";

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const alternatives = (words: string[]) =>
  [...words]
    .sort((a, b) => b.length - a.length)
    .map(escape)
    .join("|");

// A caption number: 3, 3.1, 3-1, 3a, A1, A-1. After it a separator (colon, full stop, dash, bar, enumeration comma
// as in "表 1、标题"; a full stop or dash not before a digit, where it would go on the number), a space, the end,
// or a Chinese title glued to it (图1标题).
const captionRe = new RegExp(
  `^(${alternatives(layout.caption_labels)})\\s*((?:[A-Z]-?)?\\d{1,3}(?:[-.]\\d{1,3})?[a-z]?)(?!\\w)\\s*([:：|—、]|[.–-](?!\\d)|\\s|$|(?=[\\u4e00-\\u9fff]))\\s*(.*)$`,
);
const JOINED = new RegExp(
  `^(?:${alternatives(layout.caption_joiners)})\\s*(?:${alternatives(layout.caption_labels)})\\s*(?:[A-Z]-?)?\\d`,
  "i",
);
const sourceRe = new RegExp(`^(?:${alternatives(layout.source_prefixes)})\\s*[:：]\\s*(.*)$`);

export interface Caption {
  kind: string;
  /** The language of the caption word (vocab/<language>/layout.json). */
  language: string;
  number: string;
  label: string;
  title: string;
}

/** "图 N: 标题" / "图表N：标题" / "Figure 3: Title" / "Exhibit 3. Title" → {label: "图 N", title}. Title may be empty.
 * With a `language`, a caption in another language is not one (see captionLanguage). */
export function parseCaption(text: string, language: string | null = null): Caption | null {
  const m = captionRe.exec(text.trim());
  if (!m) return null;
  const kind = m[1] ?? "";
  if (language !== null && layout.caption_language[kind] !== language) return null;
  const number = m[2] ?? "";
  const title = m[4] ?? "";
  // Without a separator, "图表 1 为…数据样本。" and "Figure 3 shows that…" are prose that refers to a figure, not its
  // caption: a sentence's end, a long text, or a lower-case word after the number.
  const separated = /[:：.|–—、-]/.test(m[3] ?? "");
  // "图 1、图 2 显示…", "图 4 和图 5 展示…": a joining word before another figure's label lists figures in prose.
  if (m[3] === "、" && captionRe.test(title)) return null;
  if (!/[:：]/.test(m[3] ?? "") && JOINED.test(title)) return null;
  // (A Chinese comma inside such a text is a clause of running prose: "图 7 给出了…曲线，表 6 给出了…".)
  if (!separated && (/[。；;，,.]$/.test(title) || /，/.test(title) || title.length > 50 || /^[a-z]/.test(title)))
    return null;
  return {
    kind,
    language: layout.caption_language[kind] ?? "",
    number,
    label: `${kind} ${number}`,
    title: tidyTitle(title),
  };
}

/** The language of a report's captions: the one most of its caption lines use, when it has at least twice as many
 * as any other; null when no language dominates. A caption line of another language is then quoted matter — the
 * "Table 2: …" of a paper pictured in a Chinese report's figure — not a caption of the report. */
export function captionLanguage(lines: string[]): string | null {
  const counts = new Map<string, number>();
  for (const text of lines) {
    const c = parseCaption(text);
    if (c) counts.set(c.language, (counts.get(c.language) ?? 0) + 1);
  }
  const [first, second] = [...counts].sort((a, b) => b[1] - a[1]);
  return first && first[1] >= 2 * (second?.[1] ?? 0) ? first[0] : null;
}

/** The text after "资料来源：", or null when the line is not a source line. */
export function parseSource(text: string): string | null {
  const m = sourceRe.exec(text.trim());
  return m ? (m[1] ?? "").trim() : null;
}

const noteRe = new RegExp(`^(?:${alternatives(layout.note_prefixes)})\\s*[:：]`);
/** "Note: …" / "Notes: …" / "注：…": a note under a table or figure. */
export const isNoteLine = (text: string) => noteRe.test(text.trim());

/** A heading compared without its spaces ("内 容 目 录", "Table of Contents"). */
const headingKey = (text: string) => text.replace(/\s+/g, "");
const headingSet = (words: string[]) => new Set(words.map(headingKey));
const TOC = headingSet(layout.toc_headings);
const FIGURE_TOC = headingSet(layout.figure_toc_headings);
const DISCLAIMER = headingSet(layout.disclaimer_headings);

export const isTocHeading = (text: string) => TOC.has(headingKey(text));
export const isFigureTocHeading = (text: string) => FIGURE_TOC.has(headingKey(text));
/** A disclaimer heading, alone or joined to another ("Important Disclosures and Disclaimer", "Disclosures &
 * Disclaimers", "法律声明及风险提示"). */
export const isDisclaimerHeading = (text: string) => {
  const m = /^(.*?)(?:\s+(?:and|&)\s+|\s*[及与和]\s*)(.*)$/i.exec(text.trim());
  return DISCLAIMER.has(headingKey(text)) || (!!m && DISCLAIMER.has(headingKey(m[1] ?? "")));
};

export interface TocEntry {
  title: string;
  /** Possible (title, page) splits, the most likely first; several when the digits could end the title. */
  candidates: { title: string; page: number }[];
  glued: boolean;
}

/** A contents line: "title.....  5", "title ..... - 5 -", "title\t5", or with the page glued to the title ("…支出21"). */
export function parseTocEntry(text: string, allowGlued: boolean): TocEntry | null {
  const t = text.trim();
  // (The page may be set between dashes: "title ...... - 9 -".)
  const sep = /^(.*?)(?:\s*[.．·…‥_]{2,}\s*|\t+|\s{2,})(?:[-–—]\s*)?(\d{1,4})(?:\s*[-–—])?$/.exec(t);
  if (sep) {
    const title = tidyTitle(sep[1] ?? "");
    if (title) return { title, candidates: [{ title, page: Number(sep[2]) }], glued: false };
  }
  if (!allowGlued) return null;
  const glued = /^(.*?\S)(\s?)(\d+)$/.exec(t);
  if (!glued) return null;
  const head = glued[1] ?? "";
  const space = glued[2] ?? "";
  const digits = glued[3] ?? "";
  const candidates: { title: string; page: number }[] = [];
  // Every split of the trailing digits into "end of title" + "page" (a page has 1–4 digits, no leading zero);
  // with a space before the digits ("title 11", PDF lists without leaders) that split comes first.
  for (let cut = 0; cut < digits.length; cut++) {
    const page = digits.slice(cut);
    if (page.length > 4 || page.startsWith("0")) continue;
    const title = tidyTitle(cut > 0 ? head + space + digits.slice(0, cut) : head);
    if (cut === 0 && space !== "") candidates.unshift({ title, page: Number(page) });
    else candidates.push({ title, page: Number(page) });
  }
  if (space !== "") return candidates.length > 0 ? { title: candidates[0]!.title, candidates, glued: false } : null;
  return candidates.length > 0 ? { title: candidates[0]!.title, candidates, glued: true } : null;
}

/** "1.1. 标题" → {number: "1.1", title}. Requires a title that does not start with a digit. */
export function parseNumberedHeading(text: string): { number: string; title: string } | null {
  const m =
    /^(\d{1,2}(?:\.\d{1,2}){0,3})\.?[\s、．.]+(?!\d)(\S.*)$/.exec(text.trim()) ??
    /^(\d{1,2}(?:\.\d{1,2}){0,3})[.、．]\s*(?!\d)([^\s\d].*)$/.exec(text.trim());
  if (!m) return null;
  return { number: m[1] ?? "", title: tidyTitle(m[2] ?? "") };
}

/** A contents entry's end: leader dots (or ellipsis glyphs) then a page number ("…… 21", "…… - 9 -"). */
export const endsWithPageLeader = (text: string): boolean =>
  /[.．·…‥]{4,}\s*(?:[-–—]\s*)?\d{1,4}(?:\s*[-–—])?\s*$/.test(text);

/** Collapse whitespace and drop trailing leader dots. */
export function tidyTitle(s: string): string {
  return s
    .replace(/[.．·…‥]{2,}\s*$/, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** Comparison key for titles: fold full-width forms and drop spaces and punctuation differences. */
export function titleKey(s: string): string {
  return s
    .normalize("NFKC")
    .replace(/[\s"'“”‘’「」《》()（）:：,，、.。]/g, "")
    .toLowerCase();
}
