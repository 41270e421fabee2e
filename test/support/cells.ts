// A body cell for hand-built tables in tests: every field of the Cell schema at its "nothing printed" value, so a
// test names only what it is about (and a new Cell field is added here once, not in every test).
import type { Cell } from "../../schemas/index.ts";

export function testCell(overrides: Partial<Cell> = {}): Cell {
  return {
    row: 0,
    col: 1,
    row_header: ["r"],
    col_header: ["c"],
    raw: "",
    value: null,
    unit: null,
    setting: null,
    note: null,
    footnote: null,
    missing: false,
    value2: null,
    value2_relation: null,
    unit2: null,
    setting2: null,
    normalized: null,
    box: null,
    ...overrides,
  };
}
