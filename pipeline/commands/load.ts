// `load` command: argument parsing and printing only; the work is done by pipeline/load/.
// Exit codes: 0 every report loaded or already there, 1 some report failed (the others are still loaded),
// 2 bad usage, nothing to load, or the database cannot be opened or migrated.
import { parseArgs } from "node:util";
import { errorText } from "../db/db.ts";
import { DEFAULT_DB_URL, type Db, LoadError, type LoadResult, describeIdentity, findExtractionDirs, repairOutDirs, loadExtraction, openDatabase, readExtraction, redactUrl } from "../db/index.ts";

const USAGE = `usage: yanbao load [OUT_DIR...] [--db URL] [--replace]
  Load extraction folders (default: every folder in out/) into a database, one transaction per report.
  --db URL     sqlite:PATH (default ${DEFAULT_DB_URL}) or postgres://USER:PASSWORD@HOST:PORT/DB
  --replace    reload an edition whose report.json changed since it was loaded (same input file)`;

export async function loadCommand(rest: string[]): Promise<number> {
  let values: { db?: string; replace?: boolean; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: { db: { type: "string" }, replace: { type: "boolean" }, help: { type: "boolean", short: "h" } },
    }));
  } catch (e) {
    console.error(`load: ${errorText(e)}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const url = values.db ?? DEFAULT_DB_URL;
  const given = positionals.length > 0 ? positionals : ["out"];
  for (const note of await repairOutDirs(given)) console.error(`load: ${note}`);
  const dirs = await findExtractionDirs(given);
  if (dirs.length === 0 || (positionals.length === 0 && dirs.length === 1 && dirs[0] === "out")) {
    console.error(`load: nothing to load: no extraction folder in out/ (run yanbao extract first)\n${USAGE}`);
    return 2;
  }

  let db: Db;
  try {
    db = await openDatabase(url);
  } catch (e) {
    console.error(`load: cannot open database ${redactUrl(url)}: ${errorText(e)}`);
    return 2;
  }
  const tally = { loaded: 0, replaced: 0, skipped: 0, stale: 0, copy: 0, failed: 0 };
  try {
    for (const dir of dirs) {
      try {
        const result = await loadExtraction(db, await readExtraction(dir), { replace: values.replace ?? false });
        tally[result.status]++;
        console.log(line(result));
      } catch (e) {
        tally.failed++;
        if (e instanceof LoadError) console.error(`error: ${e.message}`);
        else console.error(`error: ${dir}: internal error, please report it: ${(e as Error).stack ?? e}`);
      }
    }
  } finally {
    await db.close();
  }
  const parts = [`${tally.loaded} loaded`, tally.replaced && `${tally.replaced} replaced`, `${tally.skipped + tally.stale + tally.copy} skipped`, `${tally.failed} failed`];
  console.log(`${db.url}: ${parts.filter(Boolean).join(", ")}`);
  return tally.failed > 0 ? 1 : 0;
}

function line(r: LoadResult): string {
  const what = `edition ${r.edition} of ${describeIdentity(r.identity)}`;
  const c = r.counts;
  const written = `${c.tables ?? 0} tables, ${c.cells ?? 0} cells, ${c.scores ?? 0} scores, ${c.problems ?? 0} problems (${r.rows} rows in ${Math.round(r.ms)} ms)`;
  switch (r.status) {
    case "loaded":
      return `${r.dir}: loaded ${what}: ${written}`;
    case "replaced":
      return `${r.dir}: replaced ${what} (its report.json changed): ${written}`;
    case "skipped":
      return `${r.dir}: skipped, already loaded as ${what}`;
    case "copy":
      return `${r.dir}: skipped, already loaded as ${what} from the same input bytes under the name ${r.loadedAs} (a copy or a renamed file)`;
    case "stale":
      return `${r.dir}: skipped, already loaded as ${what} from the same input, but report.json has changed since: load with --replace to reload it`;
  }
}
