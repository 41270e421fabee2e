// The diff on script-made editions of the seed text (test/fixtures/diff/make-editions.ts) against change
// lists written by hand from the edits (expected-*.json).
import { readFile } from "node:fs/promises";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { diffDocument, diffReports } from "../pipeline/diff/diff.ts";
import { extract, type Report } from "../pipeline/index.ts";
import { DiffDocument } from "../schemas/diff.ts";
import { agreement, type Expected } from "./fixtures/diff/compare.ts";

const SEED = "sources/tianfeng-2024-03-09-llm-text.txt";
const DIR = "test/fixtures/diff";

let seed: Report;
let editionB: Report;
let editionC: Report;
let renumbered: Report;
let expectedB: Expected[];
let expectedC: Expected[];
beforeAll(async () => {
  const files = [SEED, `${DIR}/seed-edition-b.txt`, `${DIR}/seed-edition-c.txt`, `${DIR}/seed-edition-renumbered.txt`];
  [seed, editionB, editionC, renumbered] = (await Promise.all(files.map(async (f) => (await extract(f)).report))) as [
    Report,
    Report,
    Report,
    Report,
  ];
  expectedB = JSON.parse(await readFile(`${DIR}/expected-b.json`, "utf8")).changes;
  expectedC = JSON.parse(await readFile(`${DIR}/expected-c.json`, "utf8")).changes;
});

describe("edition B: edits of every kind, a removed figure renumbering the rest, an added table", () => {
  it("reports exactly the expected changes, with the right kinds and values (--all)", () => {
    const { changes } = diffReports(seed, editionB, { all: true });
    const a = agreement(expectedB, changes);
    console.log(
      `edition B: ${a.matched} of ${a.expected} expected changes reported, ${a.reported} reported (precision ${a.precision}, recall ${a.recall})`,
    );
    expect(a.missing).toEqual([]);
    expect(a.extra).toEqual([]);
  });

  it("without --all, formatting-only changes are left out and counted", () => {
    const { changes, summary } = diffReports(seed, editionB);
    expect(changes.some((c) => c.kind === "format")).toBe(false);
    expect(summary.hidden_format).toBe(expectedB.filter((c) => c.kind === "format").length);
    expect(summary.tables).toEqual({ old: 22, new: 22, matched: 21, added: 1, removed: 1, relabelled: 10 });
  });

  it("--epsilon absorbs a rounding difference (图 49: 0.285 → 0.2851)", () => {
    const at = (epsilon: number) =>
      diffReports(seed, editionB, { epsilon, all: true })
        .changes.filter((c) => c.new_label === "图 49")
        .map((c) => [c.scope, c.kind]);
    expect(at(0)).toEqual([
      ["cell", "value"],
      ["score", "value"],
    ]);
    expect(at(0.001)).toEqual([
      ["cell", "format"],
      ["score", "format"],
    ]);
  });

  it("the JSON document validates, and its schema exports as JSON Schema", () => {
    const options = { epsilon: 0, all: false };
    const doc = diffDocument(
      diffReports(seed, editionB, options),
      { old: { path: SEED, report: seed }, new: { path: "b", report: editionB } },
      options,
    );
    expect(DiffDocument.parse(JSON.parse(JSON.stringify(doc)))).toEqual(doc);
    expect(doc.summary.data_changes).toBe(
      expectedB.filter((c) => c.kind !== "format" && !(c.kind === "table_relabelled" && c.field === "label")).length,
    );
    const schema = z.toJSONSchema(DiffDocument) as { properties: Record<string, unknown> };
    expect(Object.keys(schema.properties)).toEqual(["diff_version", "old", "new", "options", "summary", "changes"]);
  });

  it("an edition compared with itself has no change", () => {
    expect(diffReports(editionB, editionB, { all: true }).changes).toEqual([]);
  });
});

describe("edition C (made after the code, for the measurement): other edits of every kind, two renumberings", () => {
  it("reports the expected changes: ≥ 95% recall, ≤ 5% false, none from renumbering", () => {
    const { changes } = diffReports(seed, editionC, { all: true });
    const a = agreement(expectedC, changes);
    console.log(
      `edition C: ${a.matched} of ${a.expected} expected changes reported, ${a.reported} reported (precision ${a.precision}, recall ${a.recall})`,
    );
    expect(a.recall).toBeGreaterThanOrEqual(0.95);
    expect(a.precision).toBeGreaterThanOrEqual(0.95);
    expect(
      a.extra.filter((c) => c.old_label !== c.new_label && !(c.kind === "table_relabelled" && c.field === "label")),
    ).toEqual([]);
  });
});

describe("renumbering alone", () => {
  it("gives relabelled tables and no data change", () => {
    const { changes, summary } = diffReports(seed, renumbered, { all: true });
    expect(summary.data_changes).toBe(0);
    expect(changes.every((c) => c.kind === "table_relabelled" && c.field === "label")).toBe(true);
    // 图 2 and 图 13 (images) were removed: 图 3…图 12 lose one, 图 14 on lose two; 表 1 keeps its label.
    const expected = seed.tables.flatMap((t) => {
      const n = /^图 (\d+)$/.exec(t.label ?? "")?.[1];
      if (!n) return [];
      const m = Number(n) - (Number(n) > 13 ? 2 : 1);
      return [`${t.label} → 图 ${m}`];
    });
    expect(changes.map((c) => `${c.old_label} → ${c.new_label}`)).toEqual(expected);
  });
});
