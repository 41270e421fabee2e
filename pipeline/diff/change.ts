// Building blocks of change records.
import type { Change } from "../../schemas/diff.ts";
import type { Table } from "../../schemas/report.ts";

export interface DiffOptions {
  /** values closer than this are equal (rounding) */
  epsilon: number;
  /** keep formatting-only changes */
  all: boolean;
}
export const DEFAULT_OPTIONS: DiffOptions = { epsilon: 0, all: false };

export type TableRef = Pick<Change, "old_label" | "new_label" | "old_table_id" | "new_table_id" | "table_title">;

/** The table fields of a change about a pair of tables (either may be absent). */
export const tableRef = (a: Table | null, b: Table | null): TableRef => ({
  old_label: a?.label ?? null,
  new_label: b?.label ?? null,
  old_table_id: a?.id ?? null,
  new_table_id: b?.id ?? null,
  table_title: (b ?? a)?.title ?? null,
});

export const NO_TABLE: TableRef = {
  old_label: null,
  new_label: null,
  old_table_id: null,
  new_table_id: null,
  table_title: null,
};

/** A change with every field not given set to null. */
export function change(fields: Pick<Change, "kind" | "scope"> & Partial<Change>): Change {
  return {
    ...NO_TABLE,
    row: null,
    col: null,
    field: null,
    old: null,
    new: null,
    old_value: null,
    new_value: null,
    change_pct: null,
    ...fields,
  };
}

/** Changes that are not data changes: formatting, and a new label alone (renumbering). */
export const isDataChange = (c: Change): boolean =>
  c.kind !== "format" && !(c.kind === "table_relabelled" && c.field === "label");
