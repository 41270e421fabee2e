// Chart accuracy on hand-read charts (test/fixtures/chart-truth/): every report with truth is extracted, and each
// truth chart is compared with the chart the tool linked to the same caption on the same page. Per point: exact
// (a printed label equal; a value read by hand against the ticks within the reading's stated tolerance), within
// tolerance (off by no more than 2% of the value, or twice the reading tolerance), wrong, or missing. Junk rows:
// data rows of a chart the truth says is a picture, rows of a data chart whose series and category the truth does
// not have, and rows given twice. Summed per set (dev / check) into bench/charts.md.
// `npm run accuracy:charts [-- --no-ocr] [-- -v] [-- --set dev] [-- --only ID,ID]`; also part of npm run bench. `--set`
// and `--only` score part of the truth (one set, or charts by id: only their reports are extracted) and print the
// table without writing bench/charts.md.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { runBatch } from "../pipeline/batch/run.ts";
import type { Chart, Report } from "../schemas/index.ts";
import { type ChartTruth, FIXTURES, loadTruth } from "../test/fixtures/chart-truth/check.ts";

export interface Tally {
  charts: number;
  points: number;
  exact: number;
  near: number;
  wrong: number;
  missing: number;
  junk: number;
  vectorPoints: number;
  vectorExact: number;
  pictures: number;
  picturesKept: number;
}
const zero = (): Tally => ({
  charts: 0,
  points: 0,
  exact: 0,
  near: 0,
  wrong: 0,
  missing: 0,
  junk: 0,
  vectorPoints: 0,
  vectorExact: 0,
  pictures: 0,
  picturesKept: 0,
});
const squeeze = (t: string | null | undefined) =>
  String(t ?? "")
    .normalize("NFKC")
    .replace(/\s+/g, "")
    .toLowerCase();

/** One truth chart against the tool's chart (or none). */
export function scoreChart(truth: ChartTruth, chart: Chart | undefined, lines: string[] = []): Tally {
  const t = zero();
  t.charts = 1;
  const rows = chart?.kind === "picture" ? [] : (chart?.points ?? []);
  const seen = new Set<string>();
  for (const r of rows) {
    const key = `${squeeze(r.series)}|${squeeze(r.category)}`;
    if (seen.has(key)) t.junk++;
    seen.add(key);
  }
  if (truth.expect === "picture") {
    t.pictures = 1;
    t.junk += rows.length;
    if (!rows.length) t.picturesKept = 1;
    if (rows.length) lines.push(`  ${truth.id}: ${rows.length} data rows from a chart that is a picture`);
    return t;
  }
  const oneSeries = new Set(truth.points.map((p) => p.series)).size === 1;
  const used = new Set<object>();
  for (const p of truth.points) {
    t.points++;
    if (truth.drawing === "vector") t.vectorPoints++;
    const r = rows.find(
      (x) =>
        !used.has(x) &&
        squeeze(x.category) === squeeze(p.category) &&
        (oneSeries || squeeze(x.series) === squeeze(p.series)),
    );
    if (!r) {
      t.missing++;
      continue;
    }
    used.add(r);
    const off = Math.abs(r.value - p.value);
    const exact = p.source === "label" ? off <= 1e-9 : off <= p.tolerance;
    if (exact) t.exact++;
    else if (off <= Math.max(0.02 * Math.abs(p.value), 2 * p.tolerance)) t.near++;
    else {
      t.wrong++;
      lines.push(`  ${truth.id} ${p.series ?? ""} ${p.category}: ${r.value} for ${p.value}`);
    }
    if (exact && truth.drawing === "vector") t.vectorExact++;
  }
  const extra = rows.filter((r) => !used.has(r)).length;
  t.junk += extra;
  if (extra) lines.push(`  ${truth.id}: ${extra} rows the truth does not have`);
  return t;
}

export function add(a: Tally, b: Tally): Tally {
  return Object.fromEntries(
    Object.keys(a).map((k) => [k, a[k as keyof Tally] + b[k as keyof Tally]]),
  ) as unknown as Tally;
}

/** Extract the reports with truth and score them, per set. */
export async function scoreCharts(
  options: { ocr?: boolean; verbose?: boolean; set?: string; only?: string[] } = {},
): Promise<{ sets: Record<string, Tally>; lines: string[] }> {
  const truth = loadTruth();
  const { sets } = truth;
  const charts = truth.charts.filter(
    (c) => (!options.set || sets[c.id] === options.set) && (!options.only || options.only.includes(c.id)),
  );
  if (!charts.length) throw new Error("no truth chart is selected");
  const files = [...new Set(charts.map((c) => c.file))];
  const out = mkdtempSync(join(tmpdir(), "charts-"));
  const lines: string[] = [];
  try {
    const summary = await runBatch(
      files.map((f) => join(FIXTURES, f)),
      // a generous time limit: the bench scores accuracy, and shares the machine with other work
      { outDir: out, ocr: options.ocr ?? true, force: true, timeoutMs: 1_200_000 },
    );
    if (summary.failed)
      throw new Error(`extraction failed: ${summary.failures.map((f) => `${f.file}: ${f.error?.message}`).join("; ")}`);
    const reports = new Map(
      files.map((f) => [
        f,
        JSON.parse(readFileSync(join(out, basename(f).replace(/\.pdf$/, ""), "report.json"), "utf8")) as Report,
      ]),
    );
    const bySet: Record<string, Tally> = options.set ? { [options.set]: zero() } : { dev: zero(), check: zero() };
    for (const truth of charts) {
      const chart = reports
        .get(truth.file)!
        .charts?.find((c) => c.page === truth.page && squeeze(c.label) === squeeze(truth.label));
      const mine: string[] = [];
      const t = scoreChart(truth, chart, mine);
      const set = sets[truth.id]!;
      bySet[set] = add(bySet[set] ?? zero(), t);
      if (options.verbose || mine.length)
        lines.push(
          `${set} ${truth.id}: ${chart ? chart.kind : "no chart"}; ${t.exact}/${t.points} exact, ${t.junk} junk`,
          ...mine,
        );
    }
    return { sets: bySet, lines };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(1)}%` : "n/a");

export function formatCharts(r: { sets: Record<string, Tally> }): string {
  const rows = [
    "| set | charts | pictures kept / truth pictures | points | exact | within tolerance | wrong | missing | vector points exact | junk rows |",
    "|---|---|---|---|---|---|---|---|---|---|",
  ];
  for (const [name, t] of Object.entries(r.sets)) {
    rows.push(
      `| ${name} | ${t.charts} | ${t.picturesKept} / ${t.pictures} | ${t.points} | ${t.exact} (${pct(t.exact, t.points)}) | ${t.near} | ${t.wrong} | ${t.missing} | ${t.vectorExact}/${t.vectorPoints} (${pct(t.vectorExact, t.vectorPoints)}) | ${t.junk} |`,
    );
  }
  return rows.join("\n");
}

if (process.argv[1]?.endsWith("charts.ts")) {
  const verbose = process.argv.includes("-v");
  const arg = (name: string) => {
    const at = process.argv.indexOf(name);
    return at > 0 ? process.argv[at + 1] : undefined;
  };
  const set = arg("--set");
  const only = arg("--only")?.split(",");
  const result = await scoreCharts({ ocr: !process.argv.includes("--no-ocr"), verbose, set, only });
  if (set || only) {
    console.log(`${formatCharts(result)}\n\n${result.lines.join("\n")}`);
    process.exit(0);
  }
  const text = `# Chart accuracy (npm run accuracy:charts)\n\nTruth: test/fixtures/chart-truth/ (README.md there: format, dev/check split). Exact: a printed label equal, or a hand reading within its stated tolerance.\n\n${formatCharts(result)}\n\n${result.lines.length ? `Details:\n\n\`\`\`\n${result.lines.join("\n")}\n\`\`\`\n` : ""}`;
  writeFileSync("bench/charts.md", text);
  console.log(text);
}
