// The header of a key–value box read as a group over all its rows (headerAsGroup), on small hand-made tables.
import { testCell } from "./support/cells.ts";
import { describe, expect, it } from "vitest";
import type { Cell, Table } from "../schemas/index.ts";
import { CHECKS, tableDoubts } from "../pipeline/stages/tables/checks.ts";

/** A table with no header row whose rows lie under the groups given (a label path of group then row label). */
function box(value: string, body: [string | null, string, string][], header_rows = 0): Table {
  const cells: Cell[] = body.map(([, label, raw], row) =>
    testCell({
      row,
      row_header: [label],
      col_header: [value],
      raw,
      value: /\d/.test(raw) ? Number.parseFloat(raw) : null,
      missing: raw === "",
    }),
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
    header_rows,
    columns: [
      { col: 0, path: [], role: "label" },
      { col: 1, path: [value], role: "data" },
    ],
    rows: body.map(([group, label], row) => ({ row, path: group ? [group, label] : [label], split_from: null })),
    grid: body.map(([, label, raw]) => [label, raw]),
    cells,
    box: null,
  };
}
const only = (t: Table) => tableDoubts(t, [CHECKS.headerAsGroup!]);

describe("headerAsGroup", () => {
  const rows: [string, string][] = [
    ["Risk free rate", "4%"],
    ["Beta", "1.20"],
    ["Cost of equity", "12%"],
    ["Tax rate", "25%"],
  ];
  it("a line spanning every row of a headerless table is the value column's header, not a group", () => {
    const t = box(
      "Value",
      rows.map(([l, v]) => ["Cost of capital", l, v]),
    );
    expect(only(t)).toEqual([
      {
        what: expect.stringMatching(/every row lies under one group "Cost of capital" and the table has no header row/),
        rows: [0, 1, 2, 3],
        cols: [1],
      },
    ]);
  });
  it("several groups, rows outside the group, a header row or text values are no sign", () => {
    // Two groups: real groups of rows.
    expect(
      only(
        box(
          "Value",
          rows.map(([l, v], i) => [i < 2 ? "Inputs" : "Outputs", l, v]),
        ),
      ),
    ).toEqual([]);
    // Some rows under no group.
    expect(
      only(
        box(
          "Value",
          rows.map(([l, v], i) => [i < 2 ? "Inputs" : null, l, v]),
        ),
      ),
    ).toEqual([]);
    // A printed header row names the value column.
    expect(
      only(
        box(
          "2025",
          rows.map(([l, v]) => ["Cost of capital", l, v]),
          1,
        ),
      ),
    ).toEqual([]);
    // Text rows under a heading line: a title, not a lost header of values.
    expect(
      only(
        box(
          "Value",
          rows.map(([l]) => ["Contacts", l, "see page"]),
        ),
      ),
    ).toEqual([]);
  });
});
