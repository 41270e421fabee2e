// `extract` and `schemas` commands: argument parsing and printing only; the work is done by the library API.
import { readdir, writeFile, mkdir } from "node:fs/promises";
import { join, extname } from "node:path";
import { parseArgs } from "node:util";
import { extractToDir, UnreadableInputError } from "../index.ts";
import { SUPPORTED_EXTENSIONS } from "../source.ts";
import { jsonSchemas } from "../../schemas/json.ts";

const USAGE = "usage: npm run extract [-- FILE... [--out DIR] [--password PW] [--max-pages N]]   extract reports (default: every file in sources/) into out/";

export async function schemasCommand(): Promise<number> {
  await mkdir("schemas/json", { recursive: true });
  for (const [name, schema] of jsonSchemas()) await writeFile(join("schemas/json", name), `${JSON.stringify(schema, null, 2)}\n`);
  return 0;
}

export async function extractCommand(rest: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: {
    out: { type: "string", default: "out" },
    password: { type: "string" },
    "max-pages": { type: "string" },
    help: { type: "boolean", short: "h" },
  } });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const files = positionals.length > 0 ? positionals : await sourcesIn("sources");
  if (files.length === 0) {
    console.error("no input: give report files, or put them in sources/");
    return 2;
  }
  let failed = 0;
  for (const file of files) {
    try {
      const { report, dir } = await extractToDir(file, values.out!, {
        password: values.password,
        maxPages: values["max-pages"] ? Number(values["max-pages"]) : undefined,
      });
      const cells = report.tables.reduce((n, t) => n + t.cells.length, 0);
      const errors = report.problems.filter((p) => p.severity === "error").length;
      console.log(`${file} → ${dir}: ${report.tables.length} tables, ${cells} cells, ${report.scores.length} scores, ${report.problems.length} problems${errors ? ` (${errors} errors)` : ""}`);
    } catch (e) {
      failed++;
      if (e instanceof UnreadableInputError) console.error(`error: ${e.message}`);
      else console.error(`error: ${file}: internal error, please report it: ${(e as Error).stack ?? e}`);
    }
  }
  if (failed > 0) console.error(`${failed} of ${files.length} reports failed`);
  return failed > 0 ? 1 : 0;
}

async function sourcesIn(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  return names.filter((n) => SUPPORTED_EXTENSIONS.includes(extname(n).toLowerCase()) && !n.startsWith(".")).sort().map((n) => join(dir, n));
}
