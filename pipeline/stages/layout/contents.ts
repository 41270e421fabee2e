// Contents: the 内容目录 / 图表目录 lists, numbered headings in the body, figure captions with their
// 资料来源 lines, and the context (label, title, source) of every table block.
import type { Block, Figure, Problem, Section, TableBlock, TextLine } from "../../../schemas/index.ts";
import { type Found, found, type Staged } from "../../problems.ts";
import {
  captionLanguage,
  isDisclaimerHeading,
  isFigureTocHeading,
  isNoteLine,
  endsWithPageLeader,
  isTocHeading,
  parseCaption,
  parseNumberedHeading,
  parseSource,
  parseTocEntry,
  titleKey,
  tidyTitle,
  type TocEntry,
} from "./patterns.ts";
import { type HeadingContext, headingContext, typeHeading } from "./headings.ts";
import { attachNotes } from "./table-notes.ts";
import { titleRow, uncaptionedTitle } from "./table-titles.ts";

export type Item = { kind: "line"; line: TextLine } | { kind: "table"; block: TableBlock };

export interface TableContext {
  block: TableBlock;
  label: string | null;
  title: string;
  source: string | null;
  page: number | null;
  /** note lines printed under the table (or under the group of tables it is one of) */
  notes: string[];
}

export interface Heading {
  number: string | null;
  title: string;
  index: number;
  line: TextLine;
}

export interface Contents {
  items: Item[];
  /** Index of the first body item (after the lists of contents), 0 when there are none. */
  bodyStart: number;
  /** Index of the first item of the lists of contents, items.length when there are none. */
  tocStart: number;
  headings: Heading[];
  sections: Section[];
  figures: Figure[];
  tables: TableContext[];
  /** The language of the report's captions (patterns.ts captionLanguage), null when none dominates. */
  captionLanguage: string | null;
}

interface ListEntry {
  entry: TocEntry;
  line: TextLine;
}

export function flatten(blocks: Block[]): Item[] {
  return blocks.flatMap((b): Item[] =>
    b.kind === "text"
      ? b.lines.map((line) => ({ kind: "line" as const, line }))
      : [{ kind: "table" as const, block: b }],
  );
}

/** A caption in the body: its title and line, the source line under it, and the table it heads (if any). */
interface BodyCaption {
  title: string;
  line: TextLine;
  source: string | null;
  content: Figure["content"];
  table: TableContext | null;
}

/** A numbered heading of the list of contents, with its entry. */
type TocSection = { number: string | null; title: string; entry: ListEntry };

type ProblemSink = (
  code: string,
  severity: Problem["severity"],
  line: TextLine | null,
  where: string | null,
  message: string,
) => void;

export function readContents(blocks: Block[]): Staged<Contents> {
  const items = flatten(blocks);
  const problems: Found[] = [];
  const problem: ProblemSink = (code, severity, line, where, message) =>
    problems.push(found(code, severity, message, { page: line?.page, line: line?.line, where }));
  const lists = readLists(items);
  const tocSections = lists.sections.map((e) => ({
    ...(parseNumberedHeading(e.entry.title) ?? { number: null, title: e.entry.title }),
    entry: e,
  }));
  const language = captionLanguage(
    items.slice(lists.bodyStart).flatMap((it) => (it.kind === "line" ? [it.line.text] : [])),
  );
  const body = readBody(items, lists, tocSections, language, problem, headingContext(items));
  attachNotes(items.slice(lists.bodyStart), body.tables);
  const sections = sectionsOf(tocSections, body.headings);
  const figures = figuresOf(lists.figures, body.captions, problem);
  return {
    value: {
      items,
      bodyStart: lists.bodyStart,
      tocStart: lists.tocStart,
      headings: body.headings,
      sections,
      figures,
      tables: body.tables,
      captionLanguage: language,
    },
    problems,
  };
}

/** A section number alone ("2.15", "3.", "（二）", "三、"): the start of a list entry split over two lines. */
const ENTRY_NUMBER = /^(?:\d{1,2}(?:\.\d{1,2})*\.?|（[一二三四五六七八九十]{1,3}）|[一二三四五六七八九十]{1,3}、)$/;

/** A contents line holding two entries side by side (a list of figures set in two columns: "图 3：A……10   图 4：B……16")
 * as one line per entry; a line whose parts are not each an entry with leaders and a page stays whole. */
function sideBySide<L extends { text: string }>(line: L): L[] {
  const parts = line.text.split(/(?<=[.．·…‥_]{2,}\s*\d{1,4})\s+(?=\S)/);
  if (parts.length < 2 || !parts.every((p) => endsWithPageLeader(p) && parseTocEntry(p, false))) return [line];
  return parts.map((text) => ({ ...line, text }));
}

/** 1. The lists of contents: a heading line followed by entries (text lines or tab-separated rows). */
function readLists(items: Item[]): {
  sections: ListEntry[];
  figures: ListEntry[];
  tocStart: number;
  bodyStart: number;
} {
  const sectionList: ListEntry[] = [];
  const figureList: ListEntry[] = [];
  let tocStart = items.length;
  let bodyStart = 0;
  for (let i = 0; i < items.length; i++) {
    const it = items[i]!;
    if (it.kind !== "line" || !isTocHeading(it.line.text)) continue;
    tocStart = Math.min(tocStart, i);
    const isFigureList = isFigureTocHeading(it.line.text);
    const target = isFigureList ? figureList : sectionList;
    let j = i + 1;
    for (; j < items.length; j++) {
      const next = items[j]!;
      const after = items[j + 1];
      // An entry's number set apart on a line of its own ("2.15", then its title and page): one entry.
      const split = next.kind === "line" && after?.kind === "line" && ENTRY_NUMBER.test(next.line.text.trim());
      const lines = split
        ? [{ ...after.line, text: `${next.line.text.trim()} ${after.line.text}` }]
        : next.kind === "line"
          ? [next.line]
          : next.block.rows.map((r) => ({ ...lineOf(next.block), text: r.map((c) => c.text).join("\t") }));
      if (split) j++;
      const entries = lines.flatMap(sideBySide).map((l) => ({
        line: l,
        entry: parseTocEntry(l.text, isFigureList && parseCaption(l.text) !== null),
      }));
      if (entries.some((e) => e.entry === null)) break;
      for (const e of entries) target.push({ line: e.line, entry: e.entry! });
    }
    bodyStart = Math.max(bodyStart, j);
    i = j - 1;
  }
  return { sections: sectionList, figures: figureList, tocStart, bodyStart };
}

/** 2. Body: headings, captions, sources, tables. */
function readBody(
  items: Item[],
  { bodyStart, tocStart }: { bodyStart: number; tocStart: number },
  tocSections: TocSection[],
  language: string | null,
  problem: ProblemSink,
  typeCtx: HeadingContext,
): { headings: Heading[]; captions: Map<string, BodyCaption>; tables: TableContext[] } {
  const headings: Heading[] = [];
  const headingAt = new Set<number>(); // item indexes of the headings
  const captions = new Map<string, BodyCaption>();
  const tables: TableContext[] = [];
  let open: string[] = []; // captions still waiting for their table/source, oldest first
  let lastTable: TableContext | null = null;
  let pending: TableContext[] = []; // tables since the last heading, for source lines printed under each of a row
  let inDisclaimer = false;
  const used = new Set<number>(); // title lines taken by a caption printed alone above them
  // Tables printed before the lists of contents (a cover's summary table) are tables too, without captions.
  for (let i = 0; i < Math.min(tocStart, bodyStart); i++) {
    const it = items[i]!;
    if (it.kind === "table") tables.push(tableContext(items, i, 0, it.block, null, captions, headingAt));
  }
  for (let i = bodyStart; i < items.length; i++) {
    const it = items[i]!;
    if (used.has(i)) continue;
    if (it.kind === "table") {
      const ctx = tableContext(
        items,
        i,
        bodyStart,
        it.block,
        open.length > 0 ? open[open.length - 1]! : null,
        captions,
        headingAt,
      );
      tables.push(ctx);
      pending.push(ctx);
      lastTable = ctx;
      continue;
    }
    const line = it.line;
    const text = line.text;
    if (!text || text.startsWith("![")) continue;
    if (isDisclaimerHeading(text)) inDisclaimer = true;
    // A PDF without contents has its headings from type and geometry (headings.ts); text input from its markup.
    const heading = inDisclaimer
      ? null
      : tocSections.length === 0 && line.size !== undefined
        ? typeHeading(items, i, typeCtx)
        : matchHeading(line, tocSections.length > 0 ? tocSections : null);
    if (heading) {
      headings.push({ ...heading, index: i, line });
      headingAt.add(i);
      for (const l of open)
        problem(
          "contents/source-missing",
          "warning",
          captions.get(l)?.line ?? null,
          l,
          `no source line (资料来源, Source:) found under ${l} before the next heading`,
        );
      open = [];
      pending = [];
      lastTable = null;
      continue;
    }
    // A caption followed by leader dots and a page number is an entry of a list of figures whose heading was not
    // recognised: never the figure's own caption.
    const caption = endsWithPageLeader(text) ? null : parseCaption(text, language);
    if (caption) {
      if (captions.has(caption.label)) {
        problem(
          "contents/duplicate-caption",
          "warning",
          line,
          caption.label,
          `${caption.label} is captioned twice in the body; the first caption is used`,
        );
        continue;
      }
      const below = caption.title === "" ? titleBelow(items, i) : null;
      if (below?.index !== undefined) used.add(below.index);
      const title = below?.title ?? caption.title;
      captions.set(caption.label, { title, line, source: null, content: "image", table: null });
      open.push(caption.label);
      lastTable = null;
      continue;
    }
    const src = parseSource(text);
    if (src !== null) {
      const label = open.shift();
      const cap = label ? captions.get(label) : undefined;
      if (cap) {
        cap.source = src;
        if (cap.table) cap.table.source = src;
      } else {
        const under = tableUnder(pending, lastTable, line);
        if (under) under.source = src;
      }
      lastTable = null;
    }
  }
  return { headings, captions, tables };
}

/** The table a caption-less source line belongs to: the last table when the line is printed under it, else the
 * nearest table above the line that it sits under (tables side by side, each with its source line below). */
function tableUnder(pending: TableContext[], last: TableContext | null, line: TextLine): TableContext | null {
  const box = line.box;
  const under = (t: TableContext) => {
    const b = t.block.box;
    return !box || (!!b && b.page === box.page && b.x0 < box.x1 && box.x0 < b.x1 && b.y1 <= box.y0 + 2);
  };
  if (last && last.source === null && under(last)) return last;
  const above = pending.filter((t) => t.source === null && box && under(t));
  const nearest = above.sort((a, b) => (b.block.box?.y1 ?? 0) - (a.block.box?.y1 ?? 0))[0];
  return nearest ?? (last?.source === null ? last : null);
}

/** A table block's context: the newest open caption when it heads no table yet (it now heads this one), else the
 * nearest heading-like line above the table or its title row. */
function tableContext(
  items: Item[],
  i: number,
  bodyStart: number,
  block: TableBlock,
  label: string | null,
  captions: Map<string, BodyCaption>,
  headingAt: ReadonlySet<number>,
): TableContext {
  const cap = label ? captions.get(label) : undefined;
  const ctx: TableContext = {
    block,
    label: cap && !cap.table ? label : null,
    title: cap && !cap.table ? cap.title : uncaptionedTitle(items, i, bodyStart, block, headingAt),
    source: null,
    page: block.page,
    notes: [],
  };
  if (cap && !cap.table) {
    cap.table = ctx;
    cap.content = "table";
  }
  return ctx;
}

/** The title of a caption printed alone ("Figure 1"): the line right under it that starts where it starts (side by
 * side captions come in reading order as "Figure 7", "Figure 8", title 7, title 8), or the single-cell first row of
 * a table right under it. `index` is the title line's item, for the caller to skip. */
function titleBelow(items: Item[], i: number): { title: string; index?: number } | null {
  const cap = items[i];
  const a = cap?.kind === "line" ? cap.line.box : null;
  if (!a || cap?.kind !== "line") return null;
  const size = Math.max(cap.line.size ?? 0, a.y1 - a.y0);
  for (let j = i + 1; j < items.length && j <= i + 4; j++) {
    const next = items[j]!;
    const b = next.kind === "line" ? next.line.box : next.block.box;
    if (!b || b.page !== a.page || b.y0 - a.y1 > 1.5 * size) return null;
    if (Math.abs(b.x0 - a.x0) > size || b.y0 < a.y1 - 1) continue;
    if (next.kind === "table") {
      const row = titleRow(next.block);
      return row ? { title: tidyTitle(row) } : null;
    }
    const text = next.line.text;
    if (parseCaption(text) || parseSource(text) !== null || isNoteLine(text)) return null;
    return tidyTitle(text) ? { title: tidyTitle(text), index: j } : null;
  }
  return null;
}

/** 3a. Sections: those of the list of contents, with their lines in the body; without a list, the body's headings. */
function sectionsOf(tocSections: TocSection[], headings: Heading[]): Section[] {
  const sections: Section[] = tocSections.map((s) => ({
    number: s.number,
    title: s.title,
    page: s.entry.entry.candidates[0]?.page ?? null,
    line:
      headings.find((h) =>
        s.number !== null ? h.number === s.number : h.number === null && titleKey(h.title) === titleKey(s.title),
      )?.line.line ?? null,
  }));
  if (sections.length === 0) {
    for (const h of headings) sections.push({ number: h.number, title: h.title, page: h.line.page, line: h.line.line });
  }
  return sections;
}

/** 3b. Figures: those of the list of figures, pages resolved against the body, then the captions it lacks. */
function figuresOf(figureList: ListEntry[], captions: Map<string, BodyCaption>, problem: ProblemSink): Figure[] {
  const figures: Figure[] = [];
  // An entry of the list of figures that does not read as a caption (prose-like, a long title without a colon) is
  // kept out of the figures and said so, rather than taken for one.
  const listed = figureList.flatMap((e) => {
    const caption = parseCaption(e.entry.title);
    if (!caption)
      problem(
        "contents/unread-entry",
        "warning",
        e.line,
        null,
        `"${e.entry.title}" in the list of figures does not read as a caption; it is not linked to a figure`,
      );
    return caption ? [{ caption, e }] : [];
  });
  listed.forEach(({ caption, e }, k) => {
    const body = captions.get(caption.label);
    const pick = pickPage(e.entry, body?.title ?? null, pageAt(listed, k - 1, -1), pageAt(listed, k + 1, 1));
    if (e.entry.glued || pick !== e.entry.candidates[0])
      problem(
        "contents/glued-page",
        "info",
        e.line,
        caption.label,
        `page number glued to the title in the list of figures; read as page ${pick.page}`,
      );
    const title = parseCaption(pick.title)?.title ?? pick.title;
    if (body && titleKey(body.title) !== titleKey(title)) {
      problem(
        "contents/title-differs",
        "info",
        body.line,
        caption.label,
        `list of figures says "${title}", the caption says "${body.title}"`,
      );
    }
    if (!body)
      problem(
        "contents/caption-missing",
        "warning",
        e.line,
        caption.label,
        `${caption.label} is in the list of figures but has no caption in the body`,
      );
    figures.push(figureOf(caption.label, title, pick.page, body));
  });
  for (const [label, body] of captions) {
    if (figures.some((f) => f.label === label)) continue;
    if (figureList.length > 0)
      problem(
        "contents/unlisted-figure",
        "info",
        body.line,
        label,
        `${label} is captioned in the body but not in the list of figures`,
      );
    figures.push(figureOf(label, body.title, body.line.page, body));
  }
  return figures;
}

function figureOf(label: string, title: string, page: number | null, body: BodyCaption | undefined): Figure {
  if (body?.table) body.table.page ??= page;
  return {
    label,
    title,
    page,
    caption: body?.title ?? null,
    line: body?.line.line ?? null,
    source: body?.source ?? null,
    content: body?.content ?? null,
    table_id: null,
  };
}

function lineOf(b: TableBlock): TextLine {
  return { text: "", line: b.line, page: b.page, box: b.box, heading_level: null };
}

/** A body line is a heading when it matches a contents entry (number and title), or — without contents — when it is a markdown heading or a short numbered line. */
function matchHeading(
  line: TextLine,
  toc: { number: string | null; title: string }[] | null,
): { number: string | null; title: string } | null {
  const numbered = parseNumberedHeading(line.text);
  if (toc) {
    // An entry printed without a number ("总结 …… 23") is found as a line that is that title and nothing else.
    if (!numbered) {
      const title = tidyTitle(line.text);
      const hit =
        title.length <= UNNUMBERED_MAX && toc.find((s) => s.number === null && titleKey(s.title) === titleKey(title));
      return hit ? { number: null, title } : null;
    }
    const hit = toc.find((s) => s.number === numbered.number && similarTitle(s.title, numbered.title));
    return hit ? numbered : null;
  }
  if (numbered && numbered.title.length <= 60 && !/[。；;，,]$/.test(numbered.title)) return numbered;
  if (line.heading_level !== null && line.text.length <= 60 && parseCaption(line.text) === null)
    return { number: null, title: tidyTitle(line.text) };
  return null;
}

/** An unnumbered contents entry is looked for only as a line of at most this many characters. */
const UNNUMBERED_MAX = 30;

function similarTitle(a: string, b: string): boolean {
  const ka = titleKey(a);
  const kb = titleKey(b);
  return ka === kb || ka.startsWith(kb) || kb.startsWith(ka);
}

function pageAt(list: { e: ListEntry }[], k: number, dir: number): number | null {
  for (let i = k; i >= 0 && i < list.length; i += dir) {
    const entry = list[i]!.e.entry;
    if (!entry.glued) return entry.candidates[0]?.page ?? null;
  }
  return null;
}

/** Choose where a glued page number starts: the split whose title equals the body caption, else the one that keeps pages in order. */
function pickPage(
  entry: TocEntry,
  bodyTitle: string | null,
  prev: number | null,
  next: number | null,
): { title: string; page: number } {
  const first = entry.candidates[0]!;
  if (entry.candidates.length === 1) return first;
  const captionTitle = (t: string) => parseCaption(t)?.title ?? t;
  const exact = bodyTitle
    ? entry.candidates.find((c) => titleKey(captionTitle(c.title)) === titleKey(bodyTitle))
    : undefined;
  if (exact) return exact;
  const ordered = entry.candidates.find((c) => (prev === null || c.page >= prev) && (next === null || c.page <= next));
  return ordered ?? first;
}
