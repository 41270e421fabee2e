// One side of a diff: a source file (extracted on the fly), an extraction folder (its report.json), or a
// report.json file; a folder's report is validated with the Report schema. Errors name the file and the fault.
import { readFile, stat } from "node:fs/promises";
import { basename, extname, join } from "node:path";
import { Report } from "../../schemas/report.ts";
import { extract, UnreadableInputError } from "../index.ts";

export class DiffInputError extends Error {}

export async function readSide(path: string): Promise<Report> {
  const info = await stat(path).catch((e: NodeJS.ErrnoException) => {
    throw new DiffInputError(
      e.code === "ENOENT"
        ? `${path}: no such file or folder; check the path`
        : `${path}: cannot read (${e.code ?? e.message})`,
    );
  });
  if (info.isDirectory()) {
    const file = join(path, "report.json");
    const exists = await stat(file).then(
      (s) => s.isFile(),
      () => false,
    );
    if (!exists)
      throw new DiffInputError(
        `${path}: no report.json in this folder; give an extraction folder (out/NAME) or a report source file`,
      );
    return readReportJson(file);
  }
  if (extname(path).toLowerCase() === ".json") return readReportJson(path);
  try {
    return (await extract(path)).report;
  } catch (e) {
    if (e instanceof UnreadableInputError) throw new DiffInputError(namedByPath(path, e.message));
    throw e;
  }
}

/** The reader names a file by its base name; name it by the path given instead. */
function namedByPath(path: string, message: string): string {
  if (message.startsWith(path)) return message;
  const name = basename(path);
  return message.startsWith(`${name}:`) ? `${path}${message.slice(name.length)}` : `${path}: ${message}`;
}

async function readReportJson(file: string): Promise<Report> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(file, "utf8"));
  } catch (e) {
    throw new DiffInputError(`${file}: not valid JSON (${(e as Error).message}); re-extract it with npm run extract`);
  }
  const parsed = Report.safeParse(data);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join(".") || "(top)"}: ${i.message}`);
    const more = parsed.error.issues.length > 3 ? ` (and ${parsed.error.issues.length - 3} more)` : "";
    throw new DiffInputError(
      `${file}: not a valid report (schemas/report.ts): ${issues.join("; ")}${more}; re-extract it with npm run extract`,
    );
  }
  return parsed.data;
}
