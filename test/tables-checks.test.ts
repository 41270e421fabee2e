// Structure self-checks on small hand-made tables: each sign of a wrong structure is named; a sound table has none.
import { describe, expect, it } from "vitest";
import type { Cell, Table } from "../schemas/index.ts";
import { checkTables, structureDoubts } from "../pipeline/stages/tables/checks.ts";
import { parsePeriod } from "../pipeline/stages/tables/periods.ts";

const NUM = /^\(?-?[\d,]+(\.\d+)?%?\)?$/;
function table(headers: string[], body: string[][]): Table {
  const cells: Cell[] = body.flatMap((r, row) =>
    r.slice(1).map((raw, k) => ({
      row,
      col: k + 1,
      row_header: [r[0]!],
      col_header: [headers[k + 1]!],
      raw,
      value: NUM.test(raw) ? Number(raw.replace(/[(),%]/g, "")) : null,
      unit: null,
      setting: null,
      note: null,
      footnote: null,
      missing: raw === "" || raw === "-",
      value2: null,
      value2_relation: null,
      unit2: null,
      setting2: null,
      normalized: null,
      box: null,
    })),
  );
  return {
    id: "t-1",
    label: null,
    title: "T",
    page: 1,
    line: null,
    source: null,
    unit: null,
    header_rows: 1,
    columns: headers.map((h, col) => ({ col, path: h ? [h] : [], role: col === 0 ? "label" : "data" })),
    rows: body.map((r, row) => ({ row, path: [r[0]!], split_from: null })),
    grid: [headers, ...body],
    cells,
    box: null,
  };
}
const rows = (n: number, f: (i: number) => string[]) => Array.from({ length: n }, (_, i) => f(i));

describe("structure self-checks", () => {
  it("a sound statement has no doubts", () => {
    const t = table(
      ["Item", "2024A", "2025A", "2026E"],
      rows(5, (i) => [`Row ${i}`, `${i * 10}`, `(${i})`, `${i}.5%`]),
    );
    expect(structureDoubts(t)).toEqual([]);
    expect(checkTables([t]).problems).toEqual([]);
  });

  it("a column mixing numbers and text", () => {
    const t = table(
      ["Item", "A", "B"],
      rows(6, (i) => [`R${i}`, i % 2 ? "Strong growth" : `${i}`, `${i}`]),
    );
    expect(structureDoubts(t).join()).toMatch(/"A" mixes 3 numbers and 3 texts/);
  });

  it("a cell holding several numbers where its neighbours hold one", () => {
    const t = table(
      ["Item", "A", "B"],
      rows(6, (i) => [`R${i}`, i === 2 ? "12.5 13.1" : `${i}.5`, `${i}`]),
    );
    expect(structureDoubts(t).join()).toMatch(/holding several numbers \("12\.5 13\.1"\)/);
  });

  it("a column of two numbers a cell beside a headed column left empty", () => {
    const t = table(
      ["Item", "2027E", "2028E"],
      rows(5, (i) => [`R${i}`, `${i}.5 ${i}.9`, ""]),
    );
    expect(structureDoubts(t).join()).toMatch(
      /"2027E" holds two numbers in most cells \("0\.5 0\.9"\) while "2028E" has none/,
    );
  });

  it("a column mixing cells of one number and of several, units after the numbers included", () => {
    const t = table(
      ["Item", "A", "B"],
      rows(6, (i) => [`R${i}`, i % 2 ? `${i}% 1.${i} ppts` : `${i}%`, `${i}`]),
    );
    expect(structureDoubts(t).join()).toMatch(
      /"A" has 3 cell\(s\) holding several numbers \("1% 1\.1 ppts"\) where 3 others hold one/,
    );
    // A number with its unit word is one number, not several.
    expect(
      structureDoubts(
        table(
          ["Item", "A", "B"],
          rows(5, (i) => [`R${i}`, `${i}.5 ppts`, `${i}`]),
        ),
      ),
    ).toEqual([]);
  });

  it("rows holding values under no row label (a stacked label column read as one block)", () => {
    const body = rows(5, (i) => [i === 1 ? "VALUE GROWTH QUALITY" : i > 1 ? "" : "ALPHA", `${i}%`, `${i + 1}%`]);
    expect(structureDoubts(table(["Factor", "Feb", "Jan"], body)).join()).toMatch(
      /3 rows hold values but no row label/,
    );
  });

  it("a header naming two periods", () => {
    const t = table(
      ["Item", "2025 2026E", "2027E"],
      rows(4, (i) => [`R${i}`, `${i}`, `${i}`]),
    );
    expect(structureDoubts(t).join()).toMatch(/the header "2025 2026E" names two periods/);
  });

  it("numbers under no header, duplicated headers, periods out of order", () => {
    expect(
      structureDoubts(
        table(
          ["Item", "A", ""],
          rows(4, (i) => [`R${i}`, `${i}`, `${i}`]),
        ),
      ).join(),
    ).toMatch(/column 3 holds numbers under no header/);
    expect(
      structureDoubts(
        table(
          ["Item", "Q1", "Q1"],
          rows(4, (i) => [`R${i}`, `${i}`, `${i}`]),
        ),
      ).join(),
    ).toMatch(/same header "Q1"/);
    expect(
      structureDoubts(
        table(
          ["Item", "1Q26E", "3Q26E", "2Q26E", "4Q26E"],
          rows(3, (i) => [`R${i}`, "1", "2", "3", "4"]),
        ),
      ).join(),
    ).toMatch(/out of order \(3Q26E before 2Q26E\)/);
  });

  it("a doubtful table is an error problem naming the table and the reasons", () => {
    const t = table(
      ["Item", "A", "A"],
      rows(4, (i) => [`R${i}`, `${i}`, `${i}`]),
    );
    expect(checkTables([t]).problems).toEqual([
      expect.objectContaining({ code: "table/doubtful", severity: "error", where: "t-1", page: 1 }),
    ]);
  });

  it("reads period headers", () => {
    expect(parsePeriod("2025A")).toEqual({ kind: "year", order: 2025 });
    expect(parsePeriod("FY26E")).toEqual({ kind: "year", order: 2026 });
    expect(parsePeriod("1Q26E")).toEqual({ kind: "quarter", order: 2026 * 4 + 1 });
    expect(parsePeriod("2H25")).toEqual({ kind: "half", order: 2025 * 2 + 2 });
    expect(parsePeriod("Revenue")).toBeNull();
    expect(parsePeriod("12")).toBeNull();
  });
});
