// Caption, source-line and section accuracy on the hand-read truth of the English notes
// (test/fixtures/layout-truth/, read from the rendered pages, never from this tool): each note is extracted without
// OCR and its figures, tables and sections compared with the truth. Dev and check (held-out) sets apart, written to
// bench/layout.md. `npm run accuracy:layout [-- --dev] [-- -v]`; --dev scores the dev and fresh sets only and writes nothing.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { extract } from "../pipeline/index.ts";
import type { Report } from "../schemas/index.ts";

const TRUTH = "test/fixtures/layout-truth";
const SHARED = "../shared/fixtures";

interface TruthCaption {
  page: number;
  label: string | null;
  title: string;
  source: string | null;
}
/** dev (tuned on), check (held out), and the rounds read later (fresh, fresh2: each first measured before any rule
 * was changed for it, then developed on) */
type LayoutSet = "dev" | "check" | "fresh" | "fresh2";
interface Truth {
  file: string;
  set: LayoutSet;
  pages_read?: number[];
  captions: TruthCaption[];
  sources: { page: number; text: string }[];
  sections: { page: number; title: string }[];
  optional_sections: string[];
}

export interface Counts {
  labelled: number;
  labelledFound: number;
  bare: number;
  bareFound: number;
  sources: number;
  sourcesLinked: number;
  sections: number;
  sectionsRight: number;
  sectionsMissing: number;
  sectionsJunk: number;
}
const zero = (): Counts => ({
  labelled: 0,
  labelledFound: 0,
  bare: 0,
  bareFound: 0,
  sources: 0,
  sourcesLinked: 0,
  sections: 0,
  sectionsRight: 0,
  sectionsMissing: 0,
  sectionsJunk: 0,
});

/** Comparison key: folded, lower case, letters and digits only ("Figure1" = "Figure 1", "–" = "-"). */
export const key = (s: string) =>
  s
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, "");
/** Equal keys, or one a prefix of the other covering 80% of it (a superscript or a wrapped word lost). */
export function same(a: string, b: string): boolean {
  const [ka, kb] = [key(a), key(b)];
  if (ka === kb) return ka !== "";
  const [short, long] = ka.length < kb.length ? [ka, kb] : [kb, ka];
  return short.length >= 4 && long.startsWith(short) && short.length >= 0.8 * long.length;
}
/** A source is linked when the extracted one holds the printed one (a "Note: …; Sources: …" line whole). */
const holds = (got: string | null, want: string) => got !== null && key(got).includes(key(want));

interface Item {
  label: string | null;
  title: string;
  page: number | null;
  source: string | null;
}

export function scoreReport(truth: Truth, report: Report): { counts: Counts; misses: string[] } {
  const c = zero();
  const misses: string[] = [];
  const items: Item[] = [
    ...report.figures.map((f) => ({ label: f.label, title: f.title, page: f.page, source: f.source })),
    ...report.tables.map((t) => ({ label: t.label, title: t.title, page: t.page, source: t.source })),
  ];
  for (const cap of truth.captions) {
    const hits = items.filter((it) =>
      cap.label
        ? it.label !== null && key(it.label) === key(cap.label) && same(it.title, cap.title)
        : it.page === cap.page && same(it.title, cap.title),
    );
    const found = hits.length > 0;
    if (cap.label) c.labelled++;
    else c.bare++;
    if (found && cap.label) c.labelledFound++;
    if (found && !cap.label) c.bareFound++;
    if (!found) misses.push(`caption p${cap.page} ${cap.label ?? "(bare)"}: ${cap.title}`);
    if (cap.source === null) continue;
    c.sources++;
    if (hits.some((h) => holds(h.source, cap.source!))) c.sourcesLinked++;
    else misses.push(`source p${cap.page} under ${cap.label ?? cap.title}: ${cap.source} | got ${hits[0]?.source}`);
  }
  for (const s of truth.sources) {
    c.sources++;
    if (items.some((it) => it.page === s.page && holds(it.source, s.text))) c.sourcesLinked++;
    else misses.push(`source p${s.page}: ${s.text}`);
  }
  scoreSections(truth, report, c, misses);
  return { counts: c, misses };
}

function scoreSections(truth: Truth, report: Report, c: Counts, misses: string[]): void {
  const open = [...truth.sections];
  c.sections += open.length;
  // truth read on some pages only: a section found on an unread page is neither right nor junk
  const read = (p: number | null) => !truth.pages_read || p === null || truth.pages_read.includes(p);
  for (const s of report.sections.filter((x) => read(x.page))) {
    const title = s.number ? `${s.number} ${s.title}` : s.title;
    const k = open.findIndex((t) => same(t.title, s.title) || same(t.title, title));
    if (k >= 0) {
      c.sectionsRight++;
      open.splice(k, 1);
    } else if (
      !truth.optional_sections.some((o) => same(o, s.title) || same(o, title)) &&
      !truth.sections.some((t) => same(t.title, s.title))
    ) {
      c.sectionsJunk++;
      misses.push(`junk section p${s.page}: ${title}`);
    }
  }
  c.sectionsMissing += open.length;
  for (const t of open) misses.push(`missing section p${t.page}: ${t.title}`);
}

export async function scoreAll(
  sets: LayoutSet[],
): Promise<{ name: string; set: string; counts: Counts; misses: string[] }[]> {
  const out = [];
  for (const f of readdirSync(TRUTH)
    .filter((n) => n.endsWith(".json"))
    .sort()) {
    const truth = JSON.parse(readFileSync(join(TRUTH, f), "utf8")) as Truth;
    if (!sets.includes(truth.set)) continue;
    const { report } = await extract(join(SHARED, truth.file), { ocr: false });
    out.push({ name: f.replace(/\.json$/, ""), set: truth.set, ...scoreReport(truth, report) });
  }
  return out;
}

const pct = (a: number, b: number) => (b === 0 ? "–" : `${a}/${b} (${((100 * a) / b).toFixed(0)}%)`);

export function formatLayout(rows: { name: string; set: string; counts: Counts }[]): string {
  const head = [
    "| report | labelled captions linked | bare titles linked | source lines linked | sections right | missing | junk |",
    "|---|---|---|---|---|---|---|",
  ];
  const parts: string[] = [];
  for (const set of ["dev", "fresh", "fresh2", "check"]) {
    const mine = rows.filter((r) => r.set === set);
    if (mine.length === 0) continue;
    const total = mine.reduce((a, r) => {
      for (const k of Object.keys(a) as (keyof Counts)[]) a[k] += r.counts[k];
      return a;
    }, zero());
    const line = (name: string, c: Counts) =>
      `| ${name} | ${pct(c.labelledFound, c.labelled)} | ${pct(c.bareFound, c.bare)} | ${pct(c.sourcesLinked, c.sources)} | ${pct(c.sectionsRight, c.sections)} | ${c.sectionsMissing} | ${c.sectionsJunk} |`;
    parts.push(
      [`### ${set}`, "", ...head, ...mine.map((r) => line(r.name, r.counts)), line("**total**", total)].join("\n"),
    );
  }
  return parts.join("\n\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dev = process.argv.includes("--dev");
  // fresh, fresh2: the Chinese notes read later (../shared/fixtures/real/ and corpus/zh/), scored apart
  const rows = await scoreAll(dev ? ["dev", "fresh", "fresh2"] : ["dev", "fresh", "fresh2", "check"]);
  const text = formatLayout(rows);
  console.log(text);
  if (process.argv.includes("-v"))
    for (const r of rows) for (const m of r.misses) console.log(`${r.set} ${r.name} ${m}`);
  if (!dev)
    writeFileSync(
      "bench/layout.md",
      `# Captions, source lines and sections (npm run accuracy:layout, no OCR)\n\nTruth: test/fixtures/layout-truth/ (read by hand from the rendered pages of the nine English notes; check = held out, never tuned on). A labelled caption is linked when a figure or table has its label and title; a bare title when a table or figure of its page has it; a source line when the figure or table it is printed under (or, for a page's own source line, any on its page) carries it. Sections: right (a heading of the truth), missing, junk (neither a heading nor an optional one: a cover headline, box title, disclosure heading).\n\n${text}\n`,
    );
}
