// `diff` command: what changed in the data between two editions of a report. Argument parsing and printing
// only; the work is done by pipeline/diff/. Exit codes: 0 no data change, 1 changes found, 2 error.
import { diffDocument, diffReports, type DiffOptions } from "../diff/diff.ts";
import { defineCommand, helpText, parseCommand } from "./define.ts";
import { SUMMARIES } from "./summaries.ts";
import { DiffInputError, readSide } from "./diff-sides.ts";
import { renderDiff } from "../diff/render.ts";

export const diffDefinition = defineCommand({
  name: "diff",
  summary: SUMMARIES.diff,
  positionals: [
    {
      name: "OLD",
      description:
        "the old edition: a report source file (extracted on the fly), an extraction folder (out/NAME) or its report.json",
    },
    { name: "NEW", description: "the new edition, given the same ways" },
  ],
  options: {
    json: {
      type: "boolean",
      description: "print the changes as JSON (schema: schemas/diff.ts, schemas/json/diff.schema.json)",
    },
    all: { type: "boolean", description: "also list formatting-only changes (90.04% vs 90.04 %)" },
    epsilon: {
      type: "string",
      value: "N",
      shownDefault: 0,
      description: "treat numbers closer than N as equal, to ignore rounding",
    },
  },
  exitCodes: [
    [0, "no data change"],
    [1, "changes found"],
    [2, "error"],
  ],
});

export async function diffCommand(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseCommand(diffDefinition, args);
  } catch (e) {
    console.error(`diff: ${(e as Error).message}\n${helpText(diffDefinition)}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(helpText(diffDefinition));
    return 0;
  }
  if (positionals.length !== 2) {
    console.error(
      `diff: give exactly two reports, OLD and NEW (got ${positionals.length})\n${helpText(diffDefinition)}`,
    );
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
    sides = {
      old: { path: oldPath, report: await readSide(oldPath) },
      new: { path: newPath, report: await readSide(newPath) },
    };
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
