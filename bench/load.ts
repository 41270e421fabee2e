// Benchmark: rows per second loaded into SQLite and PostgreSQL. Loads N editions of an extraction (the seed by
// default; each a copy with a distinct input sha256, so every one is really inserted) into a fresh database,
// one transaction per edition as `npm run load` does, and reports rows written (report, edition, tables, cells,
// scores, figures, sections, recommendations, problems) per second of loading. PostgreSQL: the server PG_URL names,
// else a throwaway one started with .ci/postgres.sh; without either it is reported as skipped.
//   npx tsx bench/load.ts [EXTRACTION_DIR] [--editions N]
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { type ExtractionFolder, loadExtraction, openDatabase, readExtraction } from "../pipeline/db/index.ts";
import { createDatabase, findPostgres } from "../test/support/pg-server.ts";

export interface LoadBenchResult {
  database: "sqlite" | "postgres";
  /** null when the database could not be measured (see `skipped`). */
  rowsPerSecond: number | null;
  rows: number;
  editions: number;
  seconds: number;
  skipped?: string;
}

export const DEFAULT_EXTRACTION = "out/tianfeng-2024-03-09-llm-text";

function editionsOf(ex: ExtractionFolder, n: number): ExtractionFolder[] {
  return Array.from({ length: n }, (_, i) => {
    const report = structuredClone(ex.report);
    report.source.sha256 = (i + 1).toString(16).padStart(64, "0");
    return { ...ex, report, reportSha256: (i + 1).toString(16).padStart(64, "f") };
  });
}

async function measure(
  url: string,
  database: LoadBenchResult["database"],
  editions: ExtractionFolder[],
): Promise<LoadBenchResult> {
  const db = await openDatabase(url);
  try {
    await loadExtraction(db, editions[0]!); // warm-up: statement caches, first-insert costs
    let rows = 0;
    const start = performance.now();
    for (const ex of editions.slice(1)) rows += (await loadExtraction(db, ex)).rows;
    const seconds = (performance.now() - start) / 1000;
    return { database, rowsPerSecond: rows / seconds, rows, editions: editions.length - 1, seconds };
  } finally {
    await db.close();
  }
}

export async function benchLoad(options: { dir?: string; editions?: number } = {}): Promise<LoadBenchResult[]> {
  const source = await readExtraction(options.dir ?? DEFAULT_EXTRACTION);
  const editions = editionsOf(source, (options.editions ?? 30) + 1);
  const results: LoadBenchResult[] = [];

  const tmp = await mkdtemp(join(tmpdir(), "bench-load-"));
  try {
    results.push(await measure(`sqlite:${join(tmp, "bench.db")}`, "sqlite", editions));
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }

  const pg = await findPostgres();
  if (!pg.ok) {
    results.push({ database: "postgres", rowsPerSecond: null, rows: 0, editions: 0, seconds: 0, skipped: pg.reason });
    return results;
  }
  try {
    const db = await createDatabase(pg.server.url, "yanbao_bench");
    try {
      results.push(await measure(db.url, "postgres", editions));
    } finally {
      await db.drop();
    }
  } finally {
    await pg.server.stop();
  }
  return results;
}

export function formatLoadBench(results: readonly LoadBenchResult[]): string[] {
  return results.map((r) =>
    r.rowsPerSecond === null
      ? `load ${r.database}: skipped (${r.skipped})`
      : `load ${r.database}: ${Math.round(r.rowsPerSecond).toLocaleString("en-US")} rows/s (${r.rows} rows, ${r.editions} editions in ${r.seconds.toFixed(2)} s)`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { editions: { type: "string" } } });
  const results = await benchLoad({
    dir: positionals[0],
    editions: values.editions ? Number(values.editions) : undefined,
  });
  for (const line of formatLoadBench(results)) console.log(line);
}
