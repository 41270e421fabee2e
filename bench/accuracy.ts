// Table accuracy on reports nobody tuned the rules on: the corpus reports with hand-checked truth
// (test/fixtures/truth/) are extracted, and each extraction's cells.csv is scored with the shared scorer
// (../shared/tools/table-truth/score.mjs, the same measure as on hidden reports). Printed per report and summed
// per set (dev / check, sets.json) and language. `npm run accuracy [-- --ocr] [-- -v]`; also part of npm run bench.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runBatch } from "../pipeline/batch/index.ts";

const TRUTH = "test/fixtures/truth";
const CORPUS = "../shared/fixtures/corpus";
const SCORER = "../shared/tools/table-truth/score.mjs";

export interface ReportScore { name: string; set: "dev" | "check"; lang: "zh" | "en"; tables: number; gold: number; hit: number; extracted: number; lines: string[] }
export interface SetScore { cells: number; recall: number; precision: number; f1: number; reports: number; tables: number }

function sets(): Record<string, "dev" | "check"> {
  const s = JSON.parse(readFileSync(join(TRUTH, "sets.json"), "utf8")) as { dev: string[]; check: string[] };
  return Object.fromEntries([...s.dev.map((n) => [n, "dev"]), ...s.check.map((n) => [n, "check"])]);
}

/** Extract every report that has truth (into a temporary folder) and score it. */
export async function scoreCorpus(options: { ocr?: boolean; verbose?: boolean } = {}): Promise<ReportScore[]> {
  const which = sets();
  const files = readdirSync(TRUTH).filter((f) => f.endsWith(".json") && f !== "sets.json").sort();
  const pdf = (name: string) => ["zh", "en"].map((l) => join(CORPUS, l, `${name}.pdf`)).find(existsSync);
  const inputs = files.map((f) => f.replace(/\.json$/, "")).map((name) => ({ name, path: pdf(name) }));
  const missing = inputs.filter((i) => !i.path);
  if (missing.length) throw new Error(`${CORPUS} lacks ${missing.map((m) => m.name).join(", ")}`);
  const out = mkdtempSync(join(tmpdir(), "accuracy-"));
  try {
    const summary = await runBatch(inputs.map((i) => i.path!), { outDir: out, ocr: options.ocr ?? false, force: true });
    if (summary.failed) throw new Error(`extraction failed: ${summary.failures.map((f) => `${f.file}: ${f.error?.message}`).join("; ")}`);
    return inputs.map(({ name, path }) => {
      const r = spawnSync(process.execPath, [SCORER, join(TRUTH, `${name}.json`), join(out, name), ...(options.verbose ? ["-v"] : [])], { encoding: "utf8" });
      const lines = r.stdout.trim().split("\n");
      let hit = 0, gold = 0, extracted = 0;
      for (const l of lines) {
        const m = /\((\d+)\/(\d+) gold, (\d+) extracted\)/.exec(l);
        if (m) (hit += Number(m[1])), (gold += Number(m[2])), (extracted += Number(m[3]));
      }
      const set = which[name];
      if (!set) throw new Error(`${name} is in neither set of ${TRUTH}/sets.json`);
      const tables = (JSON.parse(readFileSync(join(TRUTH, `${name}.json`), "utf8")) as { tables: unknown[] }).tables.length;
      return { name, set, lang: path!.includes("/en/") ? "en" : "zh", tables, gold, hit, extracted, lines } as ReportScore;
    });
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** Cell recall, precision and F1 over a group of reports (as score.mjs sums them: extracted cells of the matched
 * tables that are not truth cells count against precision). */
export function sum(rows: ReportScore[]): SetScore {
  const hit = rows.reduce((n, r) => n + r.hit, 0), gold = rows.reduce((n, r) => n + r.gold, 0), ext = rows.reduce((n, r) => n + r.extracted, 0);
  const recall = gold ? hit / gold : 0, precision = ext ? Math.min(1, hit / ext) : 0;
  return { cells: gold, recall, precision, f1: recall + precision ? (2 * recall * precision) / (recall + precision) : 0, reports: rows.length, tables: rows.reduce((n, r) => n + r.tables, 0) };
}

const pct = (v: number) => `${(100 * v).toFixed(1)}%`;

export function formatAccuracy(rows: ReportScore[]): string {
  const groups = ([
    ["dev, all", rows.filter((r) => r.set === "dev")], ["check, all", rows.filter((r) => r.set === "check")],
    ["dev, Chinese", rows.filter((r) => r.set === "dev" && r.lang === "zh")], ["dev, English", rows.filter((r) => r.set === "dev" && r.lang === "en")],
    ["check, Chinese", rows.filter((r) => r.set === "check" && r.lang === "zh")], ["check, English", rows.filter((r) => r.set === "check" && r.lang === "en")],
  ] as [string, ReportScore[]][]).filter(([, g]) => g.length > 0);
  return [
    "| set | reports | tables | truth cells | cell recall | precision | F1 |", "|---|---|---|---|---|---|---|",
    ...groups.map(([label, g]) => { const s = sum(g); return `| ${label} | ${s.reports} | ${s.tables} | ${s.cells} | ${pct(s.recall)} | ${pct(s.precision)} | ${pct(s.f1)} |`; }),
    "", "| report | set | tables | cells right | recall | extracted cells of the matched tables |", "|---|---|---|---|---|---|",
    ...rows.map((r) => `| ${r.name} | ${r.set} | ${r.tables} | ${r.hit}/${r.gold} | ${pct(r.gold ? r.hit / r.gold : 0)} | ${r.extracted} |`),
  ].join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // --dev: the development set only (while changing rules the check set is not looked at).
  const all = await scoreCorpus({ ocr: process.argv.includes("--ocr"), verbose: process.argv.includes("-v") });
  const rows = process.argv.includes("--dev") ? all.filter((r) => r.set === "dev") : all;
  if (process.argv.includes("-v")) for (const r of rows) console.log(`## ${r.name} (${r.set})\n${r.lines.join("\n")}\n`);
  console.log(formatAccuracy(rows));
}
