// Cover-fact accuracy on hand-checked truth (test/fixtures/cover-truth/, made from the PDFs, never from this tool):
// each truth report is extracted without OCR and its meta compared field by field (bench/cover-score.ts). Counts
// per field — printed, right, empty, wrong — for the dev and the check set apart, written to bench/cover.md.
// `npm run accuracy:cover [-- --dev] [-- -v]`; also part of npm run bench. --dev scores the dev set only and writes
// nothing (the check set is for measuring, not for tuning).
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { extract } from "../pipeline/index.ts";
import { FIELDS, type FieldResult, scoreReport, type Truth } from "./cover-score.ts";

export const TRUTH = "test/fixtures/cover-truth";
export const SHARED = "../shared/fixtures";

export interface CoverScore {
  name: string;
  set: "dev" | "check";
  results: FieldResult[];
}

/** The dev / check split, as the truth's README gives it (a code block after "check (…):" and after "dev (…):"). */
export function coverSets(): Record<string, "dev" | "check"> {
  const readme = readFileSync(join(TRUTH, "README.md"), "utf8");
  const names = (set: string) =>
    /```\n([\s\S]*?)```/
      .exec(readme.slice(readme.search(new RegExp(`^${set} \\(\\d+`, "m"))))?.[1]
      ?.split(/\s+/)
      .filter(Boolean) ?? [];
  return Object.fromEntries([
    ...names("dev").map((n) => [n, "dev"] as const),
    ...names("check").map((n) => [n, "check"] as const),
  ]);
}

/** Extract each truth report of the given sets (no OCR) and score its cover facts. */
export async function scoreCovers(sets: ("dev" | "check")[] = ["dev", "check"]): Promise<CoverScore[]> {
  const which = coverSets();
  const out: CoverScore[] = [];
  for (const [name, set] of Object.entries(which).sort()) {
    if (!sets.includes(set)) continue;
    const truth = JSON.parse(readFileSync(join(TRUTH, `${name}.json`), "utf8")) as Truth;
    const pdf = join(SHARED, truth.file);
    if (!existsSync(pdf)) throw new Error(`${pdf} is missing (truth ${name})`);
    const { report } = await extract(pdf, { ocr: false });
    out.push({ name, set, results: scoreReport(truth, report.meta) });
  }
  return out;
}

interface Tally {
  printed: number;
  right: number;
  empty: number;
  wrong: number;
  extra: number;
}
const zero = (): Tally => ({ printed: 0, right: 0, empty: 0, wrong: 0, extra: 0 });

export function tally(rows: CoverScore[]): Map<string, Tally> {
  const by = new Map<string, Tally>(FIELDS.map((f) => [f, zero()]));
  for (const r of rows) {
    for (const f of r.results) {
      const t = by.get(f.field)!;
      if (f.printed) {
        t.printed++;
        t[f.outcome]++;
      } else if (f.outcome === "wrong") {
        t.wrong++;
        t.extra++;
      }
    }
  }
  return by;
}

const pct = (a: number, b: number) => (b === 0 ? "" : `${((100 * a) / b).toFixed(1)}%`);

export function formatCover(rows: CoverScore[]): string {
  const parts: string[] = [];
  for (const set of ["dev", "check"] as const) {
    const mine = rows.filter((r) => r.set === set);
    if (mine.length === 0) continue;
    const by = tally(mine);
    const total = [...by.values()].reduce(
      (a, t) => ({
        printed: a.printed + t.printed,
        right: a.right + t.right,
        empty: a.empty + t.empty,
        wrong: a.wrong + t.wrong,
        extra: a.extra + t.extra,
      }),
      zero(),
    );
    const lines = [
      `### ${set} (${mine.length} reports: ${mine.map((r) => r.name).join(", ")})`,
      "",
      "| field | printed | right | empty | wrong | of which not printed | right / printed |",
      "|---|---|---|---|---|---|---|",
      ...[...by].map(
        ([f, t]) =>
          `| ${f} | ${t.printed} | ${t.right} | ${t.empty} | ${t.wrong} | ${t.extra} | ${pct(t.right, t.printed)} |`,
      ),
      `| **total** | ${total.printed} | ${total.right} | ${total.empty} | ${total.wrong} | ${total.extra} | ${pct(total.right, total.printed)} |`,
    ];
    parts.push(lines.join("\n"));
  }
  return parts.join("\n\n");
}

/** Every fact that is not right, for reading. */
export function formatMisses(rows: CoverScore[]): string {
  return rows
    .flatMap((r) =>
      r.results
        .filter((f) => f.outcome !== "right" && (f.printed || f.outcome === "wrong"))
        .map((f) => `${r.set} ${r.name} ${f.field}: ${f.outcome} — truth ${f.truth} | got ${f.got}`),
    )
    .join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dev = process.argv.includes("--dev");
  const rows = await scoreCovers(dev ? ["dev"] : ["dev", "check"]);
  const text = formatCover(rows);
  console.log(text);
  if (process.argv.includes("-v")) console.log(`\n${formatMisses(rows)}`);
  if (!dev)
    writeFileSync(
      "bench/cover.md",
      `# Cover-fact accuracy (npm run accuracy:cover, no OCR)\n\nTruth: test/fixtures/cover-truth/ (hand-checked from the rendered pages). Right: equal to the truth; empty: not extracted (or without a part the truth has, such as the currency); wrong: a different value, or a value where the truth has none ("of which not printed").\n\n${text}\n`,
    );
}
