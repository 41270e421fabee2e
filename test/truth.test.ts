// The hand-written table truth of the corpus (test/fixtures/truth/) is proven against each PDF's own text layer by
// the shared checker: every cell's text on its page, every row's values in order on one line (needs pdftotext).
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const TRUTH = "test/fixtures/truth";
const CORPUS = "../shared/fixtures/corpus";
const CHECKER = "../shared/tools/table-truth/check.mjs";
const files = readdirSync(TRUTH)
  .filter((f) => f.endsWith(".json") && f !== "sets.json")
  .sort();
/** Truth written later, in rounds, for tables no rule was made on (bench/accuracy.ts scores each folder as a set). */
const laterFiles = ["fresh", "fresh2"].flatMap((set) =>
  existsSync(join(TRUTH, set))
    ? readdirSync(join(TRUTH, set))
        .filter((f) => f.endsWith(".json"))
        .sort()
        .map((f) => join(TRUTH, set, f))
    : [],
);
const PDF_DIRS = [join(CORPUS, "zh"), join(CORPUS, "en"), "../shared/fixtures/real"];
const available = existsSync(CORPUS) && existsSync(CHECKER) && spawnSync("pdftotext", ["-v"]).status === 0;

describe("corpus table truth", () => {
  it("is there: at least 60 tables of 20 reports, 20 of them English, a third set aside", () => {
    const docs = files.map(
      (f) => JSON.parse(readFileSync(join(TRUTH, f), "utf8")) as { source: string; tables: unknown[] },
    );
    expect(docs.length).toBeGreaterThanOrEqual(20);
    expect(docs.reduce((n, d) => n + d.tables.length, 0)).toBeGreaterThanOrEqual(60);
    expect(
      docs.filter((d) => d.source.startsWith("tencent-")).reduce((n, d) => n + d.tables.length, 0),
    ).toBeGreaterThanOrEqual(20);
    const sets = JSON.parse(readFileSync(join(TRUTH, "sets.json"), "utf8")) as { dev: string[]; check: string[] };
    expect([...sets.dev, ...sets.check].sort()).toEqual(files.map((f) => f.replace(/\.json$/, "")));
  });

  it.runIf(available || process.env.CI).each([...files.map((f) => join(TRUTH, f)), ...laterFiles])(
    "%s passes the checker against the PDF's text layer",
    (file) => {
      const doc = JSON.parse(readFileSync(file, "utf8")) as { source: string };
      const dir = PDF_DIRS.find((d) => existsSync(join(d, doc.source)));
      expect(dir, `${doc.source} not found under ${CORPUS}`).toBeDefined();
      const r = spawnSync(process.execPath, [CHECKER, file], {
        encoding: "utf8",
        env: { ...process.env, PDF_DIR: dir },
      });
      expect(r.stdout, r.stderr).toMatch(/problems: 0\s*$/);
      expect(r.status).toBe(0);
    },
    60_000,
  );

  it.skipIf(available || process.env.CI)(
    "is skipped: ../shared/fixtures/corpus, the checker or pdftotext is missing",
    () => {
      console.warn(
        "skipped the truth checker: ../shared/fixtures/corpus, ../shared/tools/table-truth or pdftotext is missing",
      );
    },
  );
});
