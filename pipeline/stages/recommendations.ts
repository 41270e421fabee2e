// The 投资建议 company lists: "应用：（1）办公软件：金山办公、福昕软件（通信团队覆盖）" → one record per company.
import type { Recommendation, TextLine } from "../../schemas/index.ts";
import type { Staged } from "../problems.ts";
import type { Contents } from "./layout/contents.ts";
import { parseSource } from "./layout/patterns.ts";
import { layout as layoutVocab } from "../vocab/layout.ts";

/** The company lists of the recommendation section; the cover summary's list when the body has no such section. */
export function findRecommendations(contents: Contents, coverLines: TextLine[]): Staged<Recommendation[]> {
  const heading = contents.headings.find((h) => layoutVocab.recommendation_headings.some((w) => h.title.includes(w)));
  if (heading) {
    const next = contents.headings.find((h) => h.index > heading.index)?.index ?? contents.items.length;
    const body = contents.items.flatMap((it, i) =>
      it.kind === "line" && i > heading.index && i < next ? [it.line] : [],
    );
    const found = readRecommendations(body, heading.title);
    if (found.length > 0) return { value: found, problems: [] };
  }
  // Without such a section, the cover summary's list after "建议关注：" is used.
  const intro = coverLines.findIndex((l) => layoutVocab.recommendation_intros.some((w) => l.text.endsWith(w)));
  return {
    value: intro < 0 ? [] : readRecommendations(coverLines.slice(intro + 1, intro + 12), "cover"),
    problems: [],
  };
}

const LIST_LINE = /^(?:([^（(：:，,。]{1,12})[：:])?\s*(?:[（(](\d{1,2})[)）]\s*([^：:，,。]{1,16})[：:])?\s*(.+)$/;

/** Parse the company lists among the given lines (the body of a recommendation section). */
export function readRecommendations(lines: TextLine[], section: string): Recommendation[] {
  const out: Recommendation[] = [];
  let category: string | null = null;
  for (const { text, line } of joinContinuations(lines)) {
    const m = LIST_LINE.exec(text);
    if (!m || text.includes("《") || parseSource(text) !== null) continue;
    const items = splitItems(m[4] ?? "");
    if (items.length < 2 || /[。！？]$/.test(text) || items.some((i) => i.company.length > 14)) continue;
    if (m[1]) category = m[1].trim();
    if (!category && !m[3]) continue;
    for (const item of items) {
      out.push({
        section,
        category: category ?? m[3]!.trim(),
        subcategory: m[1] || category ? (m[3]?.trim() ?? null) : null,
        company: item.company,
        note: item.note,
        line,
      });
    }
  }
  return out;
}

/** A list that breaks after "、" continues on the next line. */
function joinContinuations(lines: TextLine[]): { text: string; line: number | null }[] {
  const out: { text: string; line: number | null }[] = [];
  for (const l of lines) {
    const prev = out[out.length - 1];
    if (prev && /[、，,]$/.test(prev.text)) prev.text += l.text;
    else out.push({ text: l.text, line: l.line });
  }
  return out;
}

function splitItems(list: string): { company: string; note: string | null }[] {
  return list
    .split(/[、，,；;]/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const m = /^(.*?)\s*[（(]([^）)]*)[）)]$/.exec(s);
      return m ? { company: (m[1] ?? "").trim(), note: (m[2] ?? "").trim() || null } : { company: s, note: null };
    })
    .filter((i) => i.company !== "");
}
