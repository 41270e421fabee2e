// Contents: the 内容目录 / 图表目录 lists, numbered headings in the body, figure captions with their
// 资料来源 lines, and the context (label, title, source) of every table block.
import type { Block, Figure, Problem, Section, TableBlock, TextLine } from "../../../schemas/index.ts";
import { type Found, found, type Staged } from "../../problems.ts";
import { isFigureTocHeading, isTocHeading, parseCaption, parseNumberedHeading, parseSource, parseTocEntry, titleKey, tidyTitle, type TocEntry } from "./patterns.ts";
import layoutVocab from "../../vocab/layout.json" with { type: "json" };

export type Item = { kind: "line"; line: TextLine } | { kind: "table"; block: TableBlock };

export interface TableContext {
  block: TableBlock;
  label: string | null;
  title: string;
  source: string | null;
  page: number | null;
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
}

interface ListEntry { entry: TocEntry; line: TextLine }

export function flatten(blocks: Block[]): Item[] {
  return blocks.flatMap((b): Item[] => (b.kind === "text" ? b.lines.map((line) => ({ kind: "line" as const, line })) : [{ kind: "table" as const, block: b }]));
}

export function readContents(blocks: Block[]): Staged<Contents> {
  const items = flatten(blocks);
  const problems: Found[] = [];
  const problem = (code: string, severity: Problem["severity"], line: TextLine | null, where: string | null, message: string) =>
    problems.push(found(code, severity, message, { page: line?.page, line: line?.line, where }));

  // 1. The lists of contents: a heading line followed by entries (text lines or tab-separated rows).
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
      const lines = next.kind === "line" ? [next.line] : next.block.rows.map((r) => ({ ...lineOf(next.block), text: r.map((c) => c.text).join("\t") }));
      const entries = lines.map((l) => ({ line: l, entry: parseTocEntry(l.text, isFigureList && parseCaption(l.text) !== null) }));
      if (entries.some((e) => e.entry === null)) break;
      for (const e of entries) target.push({ line: e.line, entry: e.entry! });
    }
    bodyStart = Math.max(bodyStart, j);
    i = j - 1;
  }

  // 2. Body: headings, captions, sources, tables.
  const tocSections = sectionList.map((e) => ({ ...(parseNumberedHeading(e.entry.title) ?? { number: null, title: e.entry.title }), entry: e }));
  const headings: Heading[] = [];
  const captions = new Map<string, { title: string; line: TextLine; source: string | null; content: Figure["content"]; table: TableContext | null }>();
  const tables: TableContext[] = [];
  let open: string[] = []; // captions still waiting for their table/source, oldest first
  let lastTable: TableContext | null = null;
  let inDisclaimer = false;
  for (let i = bodyStart; i < items.length; i++) {
    const it = items[i]!;
    if (it.kind === "table") {
      const label = open.length > 0 ? open[open.length - 1]! : null;
      const cap = label ? captions.get(label) : undefined;
      const ctx: TableContext = {
        block: it.block,
        label: cap && !cap.table ? label : null,
        title: cap && !cap.table ? cap.title : headingAbove(items, i, bodyStart) ?? titleRow(it.block) ?? "",
        source: null,
        page: it.block.page,
      };
      if (cap && !cap.table) {
        cap.table = ctx;
        cap.content = "table";
      }
      tables.push(ctx);
      lastTable = ctx;
      continue;
    }
    const line = it.line;
    const text = line.text;
    if (!text || text.startsWith("![")) continue;
    if (layoutVocab.disclaimer_headings.includes(text.replace(/\s+/g, ""))) inDisclaimer = true;
    const heading = inDisclaimer ? null : matchHeading(line, tocSections.length > 0 ? tocSections : null);
    if (heading) {
      headings.push({ ...heading, index: i, line });
      for (const l of open) problem("contents/source-missing", "warning", captions.get(l)?.line ?? null, l, `no 资料来源 line found under ${l} before the next heading`);
      open = [];
      lastTable = null;
      continue;
    }
    const caption = parseCaption(text);
    if (caption) {
      if (captions.has(caption.label)) {
        problem("contents/duplicate-caption", "warning", line, caption.label, `${caption.label} is captioned twice in the body; the first caption is used`);
        continue;
      }
      captions.set(caption.label, { title: caption.title, line, source: null, content: "image", table: null });
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
      } else if (lastTable && lastTable.source === null) lastTable.source = src;
      lastTable = null;
    }
  }

  // 3. Sections and figures, pages resolved against the body.
  const sections: Section[] = tocSections.map((s) => ({
    number: s.number,
    title: s.title,
    page: s.entry.entry.candidates[0]?.page ?? null,
    line: headings.find((h) => h.number === s.number && s.number !== null)?.line.line ?? null,
  }));
  if (sections.length === 0) {
    for (const h of headings) sections.push({ number: h.number, title: h.title, page: h.line.page, line: h.line.line });
  }
  const figures: Figure[] = [];
  // An entry of the list of figures that does not read as a caption (prose-like, a long title without a colon) is
  // kept out of the figures and said so, rather than taken for one.
  const listed = figureList.flatMap((e) => {
    const caption = parseCaption(e.entry.title);
    if (!caption) problem("contents/unread-entry", "warning", e.line, null, `"${e.entry.title}" in the list of figures does not read as a caption; it is not linked to a figure`);
    return caption ? [{ caption, e }] : [];
  });
  listed.forEach(({ caption, e }, k) => {
    const body = captions.get(caption.label);
    const pick = pickPage(e.entry, body?.title ?? null, pageAt(listed, k - 1, -1), pageAt(listed, k + 1, 1));
    if (e.entry.glued || pick !== e.entry.candidates[0]) problem("contents/glued-page", "info", e.line, caption.label, `page number glued to the title in the list of figures; read as page ${pick.page}`);
    const title = parseCaption(pick.title)?.title ?? pick.title;
    if (body && titleKey(body.title) !== titleKey(title)) {
      problem("contents/title-differs", "info", body.line, caption.label, `list of figures says "${title}", the caption says "${body.title}"`);
    }
    if (!body) problem("contents/caption-missing", "warning", e.line, caption.label, `${caption.label} is in the list of figures but has no caption in the body`);
    figures.push(figureOf(caption.label, title, pick.page, body));
  });
  for (const [label, body] of captions) {
    if (figures.some((f) => f.label === label)) continue;
    if (figureList.length > 0) problem("contents/unlisted-figure", "info", body.line, label, `${label} is captioned in the body but not in the list of figures`);
    figures.push(figureOf(label, body.title, body.line.page, body));
  }
  return { value: { items, bodyStart, tocStart, headings, sections, figures, tables }, problems };
}

function figureOf(label: string, title: string, page: number | null, body: { title: string; line: TextLine; source: string | null; content: Figure["content"]; table: TableContext | null } | undefined): Figure {
  if (body?.table) body.table.page ??= page;
  return {
    label, title, page,
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
function matchHeading(line: TextLine, toc: { number: string | null; title: string }[] | null): { number: string | null; title: string } | null {
  const numbered = parseNumberedHeading(line.text);
  if (toc) {
    if (!numbered) return null;
    const hit = toc.find((s) => s.number === numbered.number && similarTitle(s.title, numbered.title));
    return hit ? numbered : null;
  }
  if (numbered && numbered.title.length <= 60 && !/[。；;，,]$/.test(numbered.title)) return numbered;
  if (line.heading_level !== null && line.text.length <= 60 && parseCaption(line.text) === null) return { number: null, title: tidyTitle(line.text) };
  return null;
}

function similarTitle(a: string, b: string): boolean {
  const ka = titleKey(a);
  const kb = titleKey(b);
  return ka === kb || ka.startsWith(kb) || kb.startsWith(ka);
}

/** Nearest heading-like line above an uncaptioned table: short, not a sentence, not a caption or source. */
function headingAbove(items: Item[], index: number, floor: number): string | null {
  for (let i = index - 1, seen = 0; i >= floor && seen < 4; i--) {
    const it = items[i]!;
    if (it.kind === "table") return null;
    const text = it.line.text;
    if (!text || text.startsWith("![")) continue;
    seen++;
    if (parseCaption(text) || parseSource(text) !== null) return null;
    if (text.length <= 30 && !/[。；;，,：:!！?？]$/.test(text)) return tidyTitle(text);
  }
  return null;
}

/** A first row with a single filled cell (e.g. "主要财务数据及预测") names the table. */
function titleRow(block: TableBlock): string | null {
  const first = block.rows[0] ?? [];
  const filled = first.filter((c) => c.text.trim() !== "");
  return filled.length === 1 && first[0]?.text.trim() ? first[0].text.trim() : null;
}

function pageAt(list: { e: ListEntry }[], k: number, dir: number): number | null {
  for (let i = k; i >= 0 && i < list.length; i += dir) {
    const entry = list[i]!.e.entry;
    if (!entry.glued) return entry.candidates[0]?.page ?? null;
  }
  return null;
}

/** Choose where a glued page number starts: the split whose title equals the body caption, else the one that keeps pages in order. */
function pickPage(entry: TocEntry, bodyTitle: string | null, prev: number | null, next: number | null): { title: string; page: number } {
  const first = entry.candidates[0]!;
  if (entry.candidates.length === 1) return first;
  const captionTitle = (t: string) => parseCaption(t)?.title ?? t;
  const exact = bodyTitle ? entry.candidates.find((c) => titleKey(captionTitle(c.title)) === titleKey(bodyTitle)) : undefined;
  if (exact) return exact;
  const ordered = entry.candidates.find((c) => (prev === null || c.page >= prev) && (next === null || c.page <= next));
  return ordered ?? first;
}
