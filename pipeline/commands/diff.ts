// `diff` command: what changed in the data between two editions of a report. Argument parsing and printing
// only; the work is done by pipeline/diff/. Exit codes: 0 no data change, 1 changes found, 2 error.
import { parseArgs } from "node:util";
import { diffDocument, diffReports, type DiffOptions } from "../diff/diff.ts";
import { DiffInputError, readSide } from "./diff-sides.ts";
import { renderDiff } from "../diff/render.ts";

const USAGE = `usage: yanbao diff OLD NEW [--json] [--all] [--epsilon N]
  OLD, NEW      a report source file (extracted on the fly), an extraction folder (out/NAME) or its report.json
  --json        print the changes as JSON (schema: schemas/diff.ts, schemas/json/diff.schema.json)
  --all         also list formatting-only changes (90.04% vs 90.04 %)
  --epsilon N   treat numbers closer than N as equal (rounding); default 0
exit code: 0 no data change, 1 changes found, 2 error`;

export async function diffCommand(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: { json: { type: "boolean" }, all: { type: "boolean" }, epsilon: { type: "string" }, help: { type: "boolean", short: "h" } },
    });
  } catch (e) {
    console.error(`diff: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length !== 2) {
    console.error(`diff: give exactly two reports, OLD and NEW (got ${positionals.length})\n${USAGE}`);
    return 2;
  }
  const epsilon = values.epsilon === undefined ? 0 : Number(values.epsilon);
  if (!Number.isFinite(epsilon) || epsilon < 0 || values.epsilon?.trim() === "") {
    console.error(`diff: --epsilon must be a number ≥ 0, got "${values.epsilon}"`);
    return 2;
  }
  const options: DiffOptions = { epsilon, all: values.all ?? false };
  const [oldPath, newPath] = positionals as [string, string];

  let sides;
  try {
    sides = { old: { path: oldPath, report: await readSide(oldPath) }, new: { path: newPath, report: await readSide(newPath) } };
  } catch (e) {
    if (!(e instanceof DiffInputError)) throw e;
    console.error(`diff: error: ${e.message}`);
    return 2;
  }
  const result = diffReports(sides.old.report, sides.new.report, options);
  const doc = diffDocument(result, sides, options);
  if (values.json) process.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
  else process.stdout.write(renderDiff(doc, useColour()));
  return doc.summary.data_changes > 0 ? 1 : 0;
}

/** Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
function useColour(): boolean {
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== "") return false;
  return process.stdout.isTTY === true;
}
