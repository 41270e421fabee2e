// The seed PDF holds exactly the tables of the seed text: both extractions must agree (issue: read PDFs).
import { existsSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { extract, type Report } from "../pipeline/index.ts";
import { agreement } from "./fixtures/agreement.ts";

const PDF = "../shared/fixtures/seed/tianfeng-2024-03-09-llm.pdf";
const TEXT = "sources/tianfeng-2024-03-09-llm-text.txt";
const present = existsSync(PDF);
if (!present)
  console.warn(`skipping the seed PDF comparison: ${PDF} is absent (shared fixtures are outside the repository)`);

const cellKeys = (r: Report) =>
  r.tables.flatMap((t) =>
    t.cells.map((c) => [t.label ?? t.title, c.row_header.join(" / "), c.col_header.join(" / "), c.raw].join(" | ")),
  );

describe.skipIf(!present)("seed PDF against seed text", () => {
  let pdf: Report;
  let text: Report;
  beforeAll(async () => {
    [pdf, text] = [(await extract(PDF)).report, (await extract(TEXT)).report];
  }, 120_000);

  it("metadata, sections and the list of figures are identical", () => {
    // Where each fact was read differs by format (a page and box, a source line); the facts do not.
    const facts = ({ evidence, ...meta }: Report["meta"]) => ({
      ...meta,
      evidence: evidence.map((e) => [e.field, e.text]),
    });
    expect(facts(pdf.meta)).toEqual(facts(text.meta));
    expect(pdf.sections.map(({ number, title, page }) => ({ number, title, page }))).toEqual(
      text.sections.map(({ number, title, page }) => ({ number, title, page })),
    );
    expect(pdf.figures.map(({ label, title, page, content }) => ({ label, title, page, content }))).toEqual(
      text.figures.map(({ label, title, page, content }) => ({ label, title, page, content })),
    );
  });

  it("≥ 98% of body cells are identical (row header, column header, raw)", () => {
    const { share, missing } = agreement(cellKeys(text), cellKeys(pdf));
    console.log(
      `seed PDF vs text: ${(share * 100).toFixed(2)}% of ${cellKeys(text).length} body cells identical`,
      missing.slice(0, 8),
    );
    expect(share).toBeGreaterThanOrEqual(0.98);
  });

  it("every table and cell carries its page and box", () => {
    for (const t of pdf.tables) {
      expect(t.page, t.id).not.toBeNull();
      expect(t.box, t.id).not.toBeNull();
      for (const c of t.cells) if (!c.missing) expect(c.box, `${t.id} r${c.row}c${c.col}`).not.toBeNull();
    }
  });
});
