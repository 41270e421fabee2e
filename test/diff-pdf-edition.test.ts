// The diff across formats: the seed PDF as the old edition, the edited text edition B as the new one. The change
// list must be the one written by hand for text→text (test/fixtures/diff/expected-b.json).
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { diffReports } from "../pipeline/diff/diff.ts";
import { extract } from "../pipeline/index.ts";
import { agreement, type Expected } from "./fixtures/diff/compare.ts";

const PDF = "sources/tianfeng-2024-03-09-llm.pdf";

describe.skipIf(!existsSync(PDF))("seed PDF → text edition B", () => {
  it("reports ≥ 95% of the expected changes with ≤ 5% false ones", async () => {
    const [old, edited] = await Promise.all([extract(PDF), extract("test/fixtures/diff/seed-edition-b.txt")]);
    const expected: Expected[] = JSON.parse(await readFile("test/fixtures/diff/expected-b.json", "utf8")).changes;
    const a = agreement(expected, diffReports(old.report, edited.report, { all: true }).changes);
    console.log(`PDF → edition B: recall ${a.recall}, precision ${a.precision}; missing`, a.missing, "extra", a.extra);
    expect(a.recall).toBeGreaterThanOrEqual(0.95);
    expect(a.precision).toBeGreaterThanOrEqual(0.95);
  }, 120_000);
});
