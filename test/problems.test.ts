import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Stage } from "../schemas/index.ts";
import { extract } from "../pipeline/extract.ts";
import { found, ProblemLog } from "../pipeline/problems.ts";

describe("the problem log", () => {
  it("files a stage's problems under the stage's name and the source file, in the schema's field order", () => {
    const log = new ProblemLog("r.pdf");
    const value = log.take("tables", {
      value: 7,
      problems: [found("table/x", "info", "m", { page: 2, where: "t-1" })],
    });
    expect(value).toBe(7);
    expect(log.problems).toEqual([
      {
        code: "table/x",
        severity: "info",
        stage: "tables",
        source: "r.pdf",
        page: 2,
        line: null,
        where: "t-1",
        message: "m",
      },
    ]);
    expect(Object.keys(log.problems[0]!)).toEqual([
      "code",
      "severity",
      "stage",
      "source",
      "page",
      "line",
      "where",
      "message",
    ]);
  });
});

describe("the stage list", () => {
  it("reports problems in the order of the stages that found them", async () => {
    const dir = await mkdtemp(join(tmpdir(), "stages-"));
    const file = join(dir, "r.md");
    // A list of figures naming a caption the body lacks (contents), no cover facts (meta), a table with a ragged
    // row (tables).
    await writeFile(
      file,
      ["图表目录", "图 1：甲 ........ 3", "图 2：乙 ........ 4", "", "图 1：甲", "a\tb\tc", "1\t2"].join("\n"),
    );
    const { report } = await extract(file, { ocr: false });
    const order = report.problems.map((p) => Stage.options.indexOf(p.stage));
    expect(new Set(report.problems.map((p) => p.stage)).size).toBeGreaterThan(1);
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });
});
