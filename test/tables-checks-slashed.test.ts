// Two numbers joined by a slash in a column of single numbers (slashedNumbers), on small hand-made tables.
import { describe, expect, it } from "vitest";
import type { Cell, Table } from "../schemas/index.ts";
import { testCell } from "./support/cells.ts";
import { CHECKS, tableDoubts } from "../pipeline/stages/tables/checks.ts";

function table(headers: string[], body: string[][]): Table {
  const cells: Cell[] = body.flatMap((r, row) =>
    r.slice(1).map((raw, k) =>
      testCell({
        row,
        col: k + 1,
        row_header: [r[0]!],
        col_header: [headers[k + 1]!],
        raw,
        // As the value reader does: the first number of the cell.
        value: /^\(?-?[\d,.]+/.test(raw) ? Number.parseFloat(raw.replace(/[(,]/g, "")) : null,
        missing: raw === "",
      }),
    ),
  );
  return {
    id: "t-1",
    label: null,
    title: "T",
    page: 1,
    line: null,
    source: null,
    notes: [],
    unit: null,
    header_rows: 1,
    columns: headers.map((h, col) => ({ col, path: h ? [h] : [], role: col === 0 ? "label" : "data" })),
    rows: body.map((r, row) => ({ row, path: [r[0]!], split_from: null })),
    grid: [headers, ...body],
    cells,
    box: null,
  };
}
const only = (t: Table) => tableDoubts(t, [CHECKS.slashedNumbers!]);
const body = () => Array.from({ length: 5 }, (_, i) => [`Item ${i}`, `${i}.5`, `${i}.9`, `1${i}.2`]);

describe("slashedNumbers", () => {
  it("a rank out of a count caught below a table of single values is doubtful", () => {
    const b = [...body(), ["Quant rank", "", "", "151 / 673"]];
    expect(only(table(["Year end", "2025A", "2026E", "2027E"], b))).toEqual([
      {
        what: expect.stringMatching(/column 4 "2027E" has 1 cell\(s\) of two numbers joined by a slash .*"151 \/ 673"/),
        cols: [3],
        rows: [5],
      },
    ]);
  });
  it("a label or header naming the two numbers, a column of such pairs, or a key–value column is no sign", () => {
    const headers = ["Year end", "2025A", "2026E", "2027E"];
    // The label says the cell holds two numbers.
    expect(only(table(headers, [...body(), ["52w High/Low", "", "", "677.50/435.40"]]))).toEqual([]);
    // The header says so.
    expect(only(table(["Item", "A", "B", "High / Low"], [...body(), ["Range", "", "", "677.50/435.40"]]))).toEqual([]);
    // A key–value column mixes kinds by design.
    expect(only(table(["Item", "A", "B", "Value"], [...body(), ["Rank", "", "", "151 / 673"]]))).toEqual([]);
    // A column of pairs: the column's own kind.
    const pairs = Array.from({ length: 5 }, (_, i) => [`Item ${i}`, `${i}.5`, `${i}.9`, `${i} / 9`]);
    expect(only(table(headers, pairs))).toEqual([]);
  });
});
