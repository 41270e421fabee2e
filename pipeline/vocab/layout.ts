// The layout vocabulary of every language (vocab/<language>/layout.json) as one: caption words, source and note
// prefixes, contents and disclaimer headings… A word list of a new language is a new file here, not code.
import en from "./en/layout.json" with { type: "json" };
import zh from "./zh/layout.json" with { type: "json" };

type ListKey = Exclude<keyof typeof zh, "caption_slugs">;
type LayoutVocab = Record<ListKey, string[]> & { caption_slugs: Record<string, string> };
const byLanguage: Record<string, LayoutVocab> = { zh, en };
const languages = Object.values(byLanguage);

const lists = (key: ListKey) => languages.flatMap((l) => l[key]);

export const layout = {
  caption_labels: lists("caption_labels"),
  source_prefixes: lists("source_prefixes"),
  toc_headings: lists("toc_headings"),
  figure_toc_headings: lists("figure_toc_headings"),
  recommendation_headings: lists("recommendation_headings"),
  disclaimer_headings: lists("disclaimer_headings"),
  caption_slugs: Object.assign({}, ...languages.map((l) => l.caption_slugs)) as Record<string, string>,
  recommendation_intros: lists("recommendation_intros"),
  note_prefixes: lists("note_prefixes"),
  hidden_markers: lists("hidden_markers"),
  /** words joining two figure labels in prose ("图 4 和图 5 展示…", "Figures 3 and 4 show…") */
  caption_joiners: lists("caption_joiners"),
  /** The language of each caption word (图 → zh, Figure → en). */
  caption_language: Object.fromEntries(
    Object.entries(byLanguage).flatMap(([lang, v]) => v.caption_labels.map((w) => [w, lang])),
  ) as Record<string, string>,
};
