// Memory per table cell: text reports of growing size (tables of 1,000 or 2,000 rows × 10 columns, generated here)
// extracted each in a fresh process as the batch's worker threads do (extract() and the files written), with the
// peak resident memory above that of a one-line report divided by the cells. Run alone: npx tsx bench/cells.ts
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A text report of `tables` tab-separated tables, each with a header row and `rows` rows of 10 columns. */
export function bigReport(tables: number, rows: number): string {
  let out = "大表报告\n\n";
  for (let t = 1; t <= tables; t++) {
    out += `表 ${t}：第${t}张表\n模型\t${Array.from({ length: 9 }, (_, c) => `指标${c}`).join("\t")}\n`;
    for (let r = 0; r < rows; r++)
      out += `M${t}-${r}\t${Array.from({ length: 9 }, (_, c) => (((r * 7 + c * 13) % 1000) / 10).toFixed(1)).join("\t")}\n`;
    out += "资料来源：测试\n\n";
  }
  return out;
}

export interface CellsBench {
  cells: number;
  bytes: number;
  ms: number;
  maxRssMB: number;
  perCellBytes: number | null;
}

export function benchCells(): CellsBench[] {
  const dir = mkdtempSync(join(tmpdir(), "bench-cells-"));
  const run = (text: string) => {
    const file = join(dir, `r${text.length}.txt`);
    writeFileSync(file, text);
    const r = spawnSync(
      process.execPath,
      ["--import", "tsx", "bench/one.ts", file, "--no-ocr", "--write", join(dir, "out")],
      { encoding: "utf8" },
    );
    if (r.status !== 0) throw new Error(`bench/one.ts failed on ${file}: ${r.stderr}`);
    return {
      bytes: text.length,
      ...(JSON.parse(r.stdout.trim().split("\n").pop()!) as { ms: number; maxRssMB: number; cells: number }),
    };
  };
  try {
    const base = run("一行\n");
    return [
      [10, 100],
      [10, 1000],
      [20, 2000],
    ].map(([t, n]) => {
      const m = run(bigReport(t!, n!));
      return {
        cells: m.cells,
        bytes: m.bytes,
        ms: m.ms,
        maxRssMB: m.maxRssMB,
        perCellBytes: Math.round(((m.maxRssMB - base.maxRssMB) * 2 ** 20) / m.cells),
      };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const formatCellsBench = (rows: CellsBench[]) =>
  [
    "| cells | input bytes | wall ms | peak RSS MB | bytes per cell above a one-line report |",
    "|---|---|---|---|---|",
    ...rows.map(
      (r) => `| ${r.cells} | ${r.bytes} | ${r.ms.toFixed(0)} | ${r.maxRssMB.toFixed(0)} | ${r.perCellBytes ?? ""} |`,
    ),
  ].join("\n");

if (import.meta.url === `file://${process.argv[1]}`) console.log(formatCellsBench(benchCells()));
