// The hand-checked cover truth (test/fixtures/cover-truth/) is proven against each PDF's text layer by its own
// checker (check.mjs: every printed string on its stated page; needs pdftotext), and the extractor's cover facts
// are scored against it on the dev set (bench/cover.ts): no wrong value, and at least 95% of the printed facts
// right. The check set is for measuring only (npm run accuracy:cover), never for a test that rules are tuned on.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { coverSets, formatMisses, scoreCovers, SHARED, tally, TRUTH } from "../bench/cover.ts";

const CHECKER = `${TRUTH}/check.mjs`;
const available = existsSync(SHARED) && spawnSync("pdftotext", ["-v"]).status === 0;
const files = readdirSync(TRUTH).filter((f) => f.endsWith(".json"));

describe("cover truth", () => {
  it("is there: every truth file in the dev or the check set of its README, the check set a quarter or more", () => {
    const sets = coverSets();
    expect(Object.keys(sets).sort()).toEqual(files.map((f) => f.replace(/\.json$/, "")).sort());
    expect(Object.values(sets).filter((s) => s === "check").length).toBeGreaterThanOrEqual(files.length / 4);
  });

  it.runIf(available || process.env.CI)(
    "passes its checker against the PDFs' text layer",
    () => {
      const r = spawnSync(process.execPath, [CHECKER], {
        encoding: "utf8",
        env: { ...process.env, SHARED: "../shared" },
      });
      expect(r.stdout + r.stderr, r.stderr).toMatch(/ok: \d+ truth files checked/);
      expect(r.status).toBe(0);
    },
    120_000,
  );

  it.runIf(available || process.env.CI)(
    "dev set: no wrong cover fact, and at least 95% of the printed facts right",
    async () => {
      const rows = await scoreCovers(["dev"]);
      const totals = [...tally(rows).values()].reduce(
        (a, t) => ({ printed: a.printed + t.printed, right: a.right + t.right, wrong: a.wrong + t.wrong }),
        { printed: 0, right: 0, wrong: 0 },
      );
      console.log(`cover facts, dev: ${totals.right} of ${totals.printed} printed facts right, ${totals.wrong} wrong`);
      expect(totals.wrong, formatMisses(rows)).toBe(0);
      expect(totals.right / totals.printed, formatMisses(rows)).toBeGreaterThanOrEqual(0.95);
    },
    600_000,
  );

  it.skipIf(available || process.env.CI)("is skipped: ../shared/fixtures or pdftotext is missing", () => {
    console.warn("skipped the cover truth: ../shared/fixtures or pdftotext is missing");
  });
});
