// Table accuracy on reports nobody tuned the rules on: the corpus reports with hand-checked truth
// (test/fixtures/truth/) are extracted, and each extraction's cells.csv is scored with the shared scorer
// (../shared/tools/table-truth/score.mjs, the same measure as on hidden reports). Printed per report and summed
// per set (dev / check, sets.json) and language. `npm run accuracy [-- --ocr] [-- -v]`; also part of npm run bench.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Papa from "papaparse";
import { runBatch } from "../pipeline/batch/run.ts";

const TRUTH = "test/fixtures/truth";
/** Truth written later, in rounds, for tables the rules were not made on (other tables of dev reports, reports of
 * ../shared/fixtures/real/): each round first measured before any rule was changed for it, then developed on. */
const LATER = ["fresh", "fresh2"] as const;
const PDF_DIRS = ["../shared/fixtures/corpus/zh", "../shared/fixtures/corpus/en", "../shared/fixtures/real"];
const SCORER = "../shared/tools/table-truth/score.mjs";

export interface ReportScore {
  name: string;
  set: TruthSet;
  lang: "zh" | "en";
  tables: number;
  gold: number;
  hit: number;
  extracted: number;
  lines: string[];
  flags: TableFlag[];
  /** the report's `table/not-found` problems, and how many of them lie on the page of a truth table not read */
  notFound: { problems: number; onMissedTables: number };
}
/** One truth table: how it came out and whether the tool flagged the table it was read into as doubtful. */
export interface TableFlag {
  label: string;
  gold: number;
  hit: number;
  extracted: number;
  flagged: boolean;
  /** a `table/not-found` problem lies on the truth table's page (for tables not read: the user was told) */
  notFoundOnPage: boolean;
  /** a table on the truth table's page was flagged doubtful (for tables not read: their cells may lie in it) */
  doubtfulOnPage: boolean;
}
export interface SetScore {
  cells: number;
  recall: number;
  precision: number;
  f1: number;
  reports: number;
  tables: number;
}

export type TruthSet = "dev" | "check" | (typeof LATER)[number];

function sets(): Record<string, "dev" | "check"> {
  const s = JSON.parse(readFileSync(join(TRUTH, "sets.json"), "utf8")) as { dev: string[]; check: string[] };
  return Object.fromEntries([...s.dev.map((n) => [n, "dev"]), ...s.check.map((n) => [n, "check"])]);
}

const jsonIn = (dir: string) =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith(".json") && f !== "sets.json")
        .sort()
    : [];

/** Every truth file with its set: the files of TRUTH by sets.json, those of each LATER folder as its name. */
function truthFiles(): { name: string; set: TruthSet; truth: string }[] {
  const which = sets();
  const main = jsonIn(TRUTH).map((f) => {
    const name = f.replace(/\.json$/, "");
    const set = which[name];
    if (!set) throw new Error(`${name} is in neither set of ${TRUTH}/sets.json`);
    return { name, set, truth: join(TRUTH, f) };
  });
  const later = LATER.flatMap((set) =>
    jsonIn(join(TRUTH, set)).map((f) => ({ name: f.replace(/\.json$/, ""), set, truth: join(TRUTH, set, f) })),
  );
  return [...main, ...later];
}

/** Extract every report that has truth (into a temporary folder, each once) and score it against each truth file. */
export async function scoreCorpus(options: { ocr?: boolean; verbose?: boolean } = {}): Promise<ReportScore[]> {
  const entries = truthFiles();
  const pdf = (name: string) => PDF_DIRS.map((d) => join(d, `${name}.pdf`)).find(existsSync);
  const names = [...new Set(entries.map((e) => e.name))];
  const missing = names.filter((n) => !pdf(n));
  if (missing.length) throw new Error(`${PDF_DIRS.join(", ")} lack ${missing.join(", ")}`);
  const out = mkdtempSync(join(tmpdir(), "accuracy-"));
  try {
    const summary = await runBatch(
      names.map((n) => pdf(n)!),
      { outDir: out, ocr: options.ocr ?? false, force: true },
    );
    if (summary.failed)
      throw new Error(`extraction failed: ${summary.failures.map((f) => `${f.file}: ${f.error?.message}`).join("; ")}`);
    return entries.map(({ name, set, truth }) => scoreOne(name, set, truth, join(out, name), pdf(name)!, options));
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

function scoreOne(
  name: string,
  set: TruthSet,
  truth: string,
  dir: string,
  path: string,
  options: { verbose?: boolean },
): ReportScore {
  const r = spawnSync(process.execPath, [SCORER, truth, dir, ...(options.verbose ? ["-v"] : [])], {
    encoding: "utf8",
  });
  const lines = r.stdout.trim().split("\n");
  let hit = 0,
    gold = 0,
    extracted = 0;
  for (const l of lines) {
    const m = /\((\d+)\/(\d+) gold, (\d+) extracted\)/.exec(l);
    if (m) (hit += Number(m[1])), (gold += Number(m[2])), (extracted += Number(m[3]));
  }
  const tables = (JSON.parse(readFileSync(truth, "utf8")) as { tables: unknown[] }).tables.length;
  return {
    name,
    set,
    lang: /[\\/]en[\\/]/.test(path) ? "en" : "zh",
    tables,
    gold,
    hit,
    extracted,
    lines,
    flags: flagsOf(truth, dir),
    notFound: notFoundOf(truth, dir),
  };
}

// The table matching of score.mjs (same text folding, same rule: the candidate table holding the most truth cells),
// redone here to learn which extracted table each truth table was read into, and whether it was flagged.
const norm = (s: string) =>
  String(s ?? "")
    .normalize("NFKC")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .replace(/\s*([/±%])\s*/g, "$1")
    .trim();
const bare = (s: string) => norm(s).replace(/\s+/g, "");
const lab = (s: string) => bare(s).replace(/[:：]$/, "");
const keyParts = (k: string, bracket = true) => {
  const m = /^(.*?)\s*\[([^\]]+)\]\s*$/.exec(k);
  return (m ? [...m[1]!.split(" / "), ...(bracket ? m[2]!.split(" / ") : [])] : k.split(" / "))
    .map(norm)
    .filter(Boolean);
};
const containsAll = (hay: string, parts: string[]) => parts.every((p) => bare(hay).includes(bare(p)));
interface TruthTable {
  label: string;
  title: string;
  page: number;
  cells: { row: string; col: string; raw: string; row_aliases?: string[] }[];
}
type CellRow = Record<string, string>;
/** The problem that says a table on a page was not found (pipeline/stages/tables/checks-found.ts). */
const NOT_FOUND = "table/not-found";

/** A report's `table/not-found` problems, and how many of them lie on the page of a truth table that was not read
 * (the rest are false alarms or tables the truth does not hold). */
export function notFoundOf(truthFile: string, dir: string): { problems: number; onMissedTables: number } {
  const file = join(dir, "problems.csv");
  if (!existsSync(file)) return { problems: 0, onMissedTables: 0 };
  const rows = Papa.parse<CellRow>(readFileSync(file, "utf8"), { header: true, skipEmptyLines: true }).data;
  const found = rows.filter((p) => p.code === NOT_FOUND);
  const truth = JSON.parse(readFileSync(truthFile, "utf8")) as { tables: TruthTable[] };
  const flags = flagsOf(truthFile, dir);
  const missed = new Set(truth.tables.filter((_, i) => flags[i]!.extracted === 0).map((t) => t.page));
  return { problems: found.length, onMissedTables: found.filter((p) => missed.has(Number(p.page))).length };
}

export function flagsOf(truthFile: string, dir: string): TableFlag[] {
  const truth = JSON.parse(readFileSync(truthFile, "utf8")) as { tables: TruthTable[] };
  const csv = (f: string) =>
    existsSync(join(dir, f))
      ? Papa.parse<CellRow>(readFileSync(join(dir, f), "utf8"), { header: true, skipEmptyLines: true }).data
      : [];
  const cells = csv("cells.csv");
  const problems = csv("problems.csv");
  const doubtful = new Set(problems.filter((p) => p.code === "table/doubtful").map((p) => p.where));
  const doubtfulPages = new Set(problems.filter((p) => p.code === "table/doubtful").map((p) => Number(p.page)));
  const notFoundPages = new Set(problems.filter((p) => p.code === NOT_FOUND).map((p) => Number(p.page)));
  return truth.tables.map((t) => {
    const groups = new Map<string, CellRow[]>();
    const byName = cells.filter(
      (r) =>
        lab(r.label || r.title || "") === lab(t.label || t.title) ||
        (!t.label && norm(r.title ?? "") === norm(t.title)),
    );
    for (const r of cells) {
      if (t.page && Math.abs(Number(r.page) - t.page) > 1) continue;
      groups.set(r.table_id!, [...(groups.get(r.table_id!) ?? []), r]);
    }
    // The first candidate (the table by name) unless another holds more truth cells, as score.mjs picks.
    let best: { hit: number; rows: CellRow[] } | null = null;
    for (const rows of [byName, ...groups.values()]) {
      const used = new Set<number>();
      let hit = 0;
      for (const g of t.cells) {
        // As score.mjs reads them: its keyParts gets the index as its flag, so the bracket of the row key itself
        // is not required (the row's section), that of an alias is.
        const rowKeys = [g.row, ...(g.row_aliases ?? [])].map((k, i) => keyParts(k, i > 0));
        const ck = keyParts(g.col, false);
        const k = rows.findIndex(
          (r, i) =>
            !used.has(i) &&
            norm(r.raw!) === norm(g.raw) &&
            rowKeys.some((rk) => containsAll(r.row_header ?? "", rk)) &&
            containsAll(r.col_header ?? "", ck),
        );
        if (k >= 0) used.add(k), hit++;
      }
      if (!best || hit > best.hit) best = { hit, rows };
    }
    best ??= { hit: 0, rows: [] };
    const extracted = best.rows.filter((r) => norm(r.raw!) !== "" || t.cells.some((g) => g.raw === "")).length;
    const flagged = [...new Set(best.rows.map((r) => r.table_id!))].some((id) => doubtful.has(id));
    return {
      label: t.label || t.title,
      gold: t.cells.length,
      hit: best.hit,
      extracted,
      flagged,
      notFoundOnPage: notFoundPages.has(t.page),
      doubtfulOnPage: doubtfulPages.has(t.page),
    };
  });
}

/** Flagging: the share of wrong cells (truth cells missed, extracted cells of the matched table that are not truth)
 * lying in tables flagged doubtful, and the share of correct tables (every cell right, nothing extra) flagged. The
 * cells of truth tables not found at all are counted apart too: flagging can only reach the tables that were read. */
export function flagging(rows: ReportScore[]): {
  wrongInFlagged: number;
  wrong: number;
  /** wrong cells of truth tables no extracted table was matched to: no check on a table can reach them */
  wrongNotFound: number;
  /** ... of those, the cells of tables on whose page a `table/not-found` problem lies */
  wrongNotFoundTold: number;
  /** ... the cells of tables on whose page a `table/not-found` problem or a doubtful table lies */
  wrongNotFoundPageFlagged: number;
  correctFlagged: number;
  correct: number;
} {
  let wrong = 0,
    wrongInFlagged = 0,
    wrongNotFound = 0,
    wrongNotFoundTold = 0,
    wrongNotFoundPageFlagged = 0,
    correct = 0,
    correctFlagged = 0;
  for (const f of rows.flatMap((r) => r.flags)) {
    const bad = f.gold - f.hit + Math.max(0, f.extracted - f.hit);
    wrong += bad;
    if (f.flagged) wrongInFlagged += bad;
    if (f.extracted === 0) {
      wrongNotFound += bad;
      if (f.notFoundOnPage) wrongNotFoundTold += bad;
      if (f.notFoundOnPage || f.doubtfulOnPage) wrongNotFoundPageFlagged += bad;
    }
    if (bad === 0) correct++, f.flagged && correctFlagged++;
  }
  return { wrongInFlagged, wrong, wrongNotFound, wrongNotFoundTold, wrongNotFoundPageFlagged, correctFlagged, correct };
}

/** Cell recall, precision and F1 over a group of reports (as score.mjs sums them: extracted cells of the matched
 * tables that are not truth cells count against precision). */
export function sum(rows: ReportScore[]): SetScore {
  const hit = rows.reduce((n, r) => n + r.hit, 0),
    gold = rows.reduce((n, r) => n + r.gold, 0),
    ext = rows.reduce((n, r) => n + r.extracted, 0);
  const recall = gold ? hit / gold : 0,
    precision = ext ? Math.min(1, hit / ext) : 0;
  return {
    cells: gold,
    recall,
    precision,
    f1: recall + precision ? (2 * recall * precision) / (recall + precision) : 0,
    reports: rows.length,
    tables: rows.reduce((n, r) => n + r.tables, 0),
  };
}

const pct = (v: number) => `${(100 * v).toFixed(1)}%`;

export function formatAccuracy(rows: ReportScore[]): string {
  const groups = (
    [
      ["dev, all", rows.filter((r) => r.set === "dev")],
      ["check, all", rows.filter((r) => r.set === "check")],
      ["dev, Chinese", rows.filter((r) => r.set === "dev" && r.lang === "zh")],
      ["dev, English", rows.filter((r) => r.set === "dev" && r.lang === "en")],
      ["check, Chinese", rows.filter((r) => r.set === "check" && r.lang === "zh")],
      ["check, English", rows.filter((r) => r.set === "check" && r.lang === "en")],
      ...LATER.flatMap((set) => [
        [`${set}, all`, rows.filter((r) => r.set === set)],
        [`${set}, Chinese`, rows.filter((r) => r.set === set && r.lang === "zh")],
        [`${set}, English`, rows.filter((r) => r.set === set && r.lang === "en")],
      ]),
    ] as [string, ReportScore[]][]
  ).filter(([, g]) => g.length > 0);
  return [
    "| set | reports | tables | truth cells | cell recall | precision | F1 | wrong cells in flagged tables | of the tables read: wrong cells in flagged tables | correct tables flagged | of the tables not read: wrong cells on a page with table/not-found (…or a doubtful table) | wrong cells flagged: in flagged tables or not read under table/not-found |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ...groups.map(([label, g]) => {
      const s = sum(g);
      const f = flagging(g);
      const read = f.wrong - f.wrongNotFound;
      const told = f.wrongInFlagged + f.wrongNotFoundTold;
      return `| ${label} | ${s.reports} | ${s.tables} | ${s.cells} | ${pct(s.recall)} | ${pct(s.precision)} | ${pct(s.f1)} | ${pct(f.wrong ? f.wrongInFlagged / f.wrong : 0)} of ${f.wrong} | ${pct(read ? f.wrongInFlagged / read : 0)} of ${read} | ${f.correctFlagged} of ${f.correct} | ${pct(f.wrongNotFound ? f.wrongNotFoundTold / f.wrongNotFound : 0)} of ${f.wrongNotFound} (${pct(f.wrongNotFound ? f.wrongNotFoundPageFlagged / f.wrongNotFound : 0)}) | ${pct(f.wrong ? told / f.wrong : 0)} of ${f.wrong} |`;
    }),
    "",
    "| report | set | tables | cells right | recall | extracted cells of the matched tables | tables flagged doubtful | tables not read | table/not-found problems (on the page of a table not read) |",
    "|---|---|---|---|---|---|---|---|---|",
    ...rows.map(
      (r) =>
        `| ${r.name} | ${r.set} | ${r.tables} | ${r.hit}/${r.gold} | ${pct(r.gold ? r.hit / r.gold : 0)} | ${r.extracted} | ${r.flags.filter((f) => f.flagged).length} | ${r.flags.filter((f) => f.extracted === 0).length} | ${r.notFound.problems} (${r.notFound.onMissedTables}) |`,
    ),
  ].join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // --dev: all but the check set (while changing rules the check set is not looked at).
  const all = await scoreCorpus({ ocr: process.argv.includes("--ocr"), verbose: process.argv.includes("-v") });
  const rows = process.argv.includes("--dev") ? all.filter((r) => r.set !== "check") : all;
  if (process.argv.includes("-v"))
    for (const r of rows) console.log(`## ${r.name} (${r.set})\n${r.lines.join("\n")}\n`);
  const text = formatAccuracy(rows);
  console.log(text);
  if (!process.argv.includes("--dev"))
    writeFileSync("bench/accuracy.md", `# Table accuracy (npm run accuracy, no OCR)\n\n${text}\n`);
}
