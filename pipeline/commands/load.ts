// `load` command: argument parsing and printing only; the work is done by pipeline/load/.
// Exit codes: 0 every report loaded or already there, 1 some report failed (the others are still loaded),
// 2 bad usage, nothing to load, or the database cannot be opened or migrated.
import { defineCommand, helpText, parseCommand } from "./define.ts";
import { SUMMARIES } from "./summaries.ts";
import { errorText } from "../db/db.ts";
import {
  DEFAULT_DB_URL,
  type Db,
  LoadError,
  type LoadResult,
  describeIdentity,
  findExtractionDirs,
  repairOutDirs,
  loadExtraction,
  openDatabase,
  readExtraction,
  redactUrl,
} from "../db/index.ts";

export const loadDefinition = defineCommand({
  name: "load",
  summary: SUMMARIES.load,
  positionals: [
    {
      name: "OUT_DIR",
      optional: true,
      repeated: true,
      description: "an extraction folder (out/NAME) or a folder of them (default: every folder in out/)",
    },
  ],
  options: {
    db: {
      type: "string",
      value: "URL",
      shownDefault: DEFAULT_DB_URL,
      description: "sqlite:PATH or postgres://USER:PASSWORD@HOST:PORT/DB",
    },
    replace: {
      type: "boolean",
      description: "reload an edition whose report.json changed since it was loaded (same input file)",
    },
  },
  exitCodes: [
    [0, "every report loaded or already there"],
    [1, "some report failed (the others are still loaded)"],
    [2, "bad usage, nothing to load, or the database cannot be opened or migrated"],
  ],
});

export async function loadCommand(rest: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseCommand(loadDefinition, rest);
  } catch (e) {
    console.error(`load: ${errorText(e)}\n${helpText(loadDefinition)}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(helpText(loadDefinition));
    return 0;
  }
  const url = values.db ?? DEFAULT_DB_URL;
  const given = positionals.length > 0 ? positionals : ["out"];
  for (const note of await repairOutDirs(given)) console.error(`load: ${note}`);
  const dirs = await findExtractionDirs(given);
  if (dirs.length === 0 || (positionals.length === 0 && dirs.length === 1 && dirs[0] === "out")) {
    console.error(
      `load: nothing to load: no extraction folder in out/ (run yanbao extract first)\n${helpText(loadDefinition)}`,
    );
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
  const parts = [
    `${tally.loaded} loaded`,
    tally.replaced && `${tally.replaced} replaced`,
    `${tally.skipped + tally.stale + tally.copy} skipped`,
    `${tally.failed} failed`,
  ];
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
