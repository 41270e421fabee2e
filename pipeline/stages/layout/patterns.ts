// Line-level patterns of broker reports: captions, source lines, contents entries, numbered headings.
// The words themselves (图/表/图表, 资料来源, 目录) come from vocab/layout.json.
import layout from "../../vocab/layout.json" with { type: "json" };

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const alternatives = (words: string[]) => [...words].sort((a, b) => b.length - a.length).map(escape).join("|");

const captionRe = new RegExp(`^(${alternatives(layout.caption_labels)})\\s*(\\d{1,3}(?:[-.]\\d{1,3})?)\\s*([:：]|\\s|$|(?=[\\u4e00-\\u9fff]))\\s*(.*)$`);
const sourceRe = new RegExp(`^(?:${alternatives(layout.source_prefixes)})\\s*[:：]\\s*(.*)$`);

export interface Caption {
  kind: string;
  number: string;
  label: string;
  title: string;
}

/** "图 N: 标题" / "图表N：标题" → {label: "图 N", title}. Title may be empty. */
export function parseCaption(text: string): Caption | null {
  const m = captionRe.exec(text.trim());
  if (!m) return null;
  const kind = m[1] ?? "";
  const number = m[2] ?? "";
  const title = m[4] ?? "";
  // Without a colon, "图表 1 为…数据样本。" is prose that refers to a figure, not its caption.
  if (!/[:：]/.test(m[3] ?? "") && (/[。；;，,]$/.test(title) || title.length > 50)) return null;
  return { kind, number, label: `${kind} ${number}`, title: tidyTitle(title) };
}

/** The text after "资料来源：", or null when the line is not a source line. */
export function parseSource(text: string): string | null {
  const m = sourceRe.exec(text.trim());
  return m ? (m[1] ?? "").trim() : null;
}

export const isTocHeading = (text: string) => layout.toc_headings.includes(text.replace(/\s+/g, ""));
export const isFigureTocHeading = (text: string) => layout.figure_toc_headings.includes(text.replace(/\s+/g, ""));

export interface TocEntry {
  title: string;
  /** Possible (title, page) splits, the most likely first; several when the digits could end the title. */
  candidates: { title: string; page: number }[];
  glued: boolean;
}

/** A contents line: "title.....  5", "title\t5", or with the page glued to the title ("…支出21"). */
export function parseTocEntry(text: string, allowGlued: boolean): TocEntry | null {
  const t = text.trim();
  const sep = /^(.*?)(?:\s*[.．·…‥_]{2,}\s*|\t+|\s{2,})(\d{1,4})$/.exec(t);
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
  const m = /^(\d{1,2}(?:\.\d{1,2}){0,3})\.?[\s、．.]+(?!\d)(\S.*)$/.exec(text.trim()) ?? /^(\d{1,2}(?:\.\d{1,2}){0,3})[.、．]\s*(?!\d)([^\s\d].*)$/.exec(text.trim());
  if (!m) return null;
  return { number: m[1] ?? "", title: tidyTitle(m[2] ?? "") };
}

/** Collapse whitespace and drop trailing leader dots. */
export function tidyTitle(s: string): string {
  return s.replace(/[.．·…‥]{2,}\s*$/, "").replace(/\s+/g, " ").trim();
}

/** Comparison key for titles: fold full-width forms and drop spaces and punctuation differences. */
export function titleKey(s: string): string {
  return s
    .normalize("NFKC")
    .replace(/[\s"'“”‘’「」《》()（）:：,，、.。]/g, "")
    .toLowerCase();
}
