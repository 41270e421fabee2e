// The difference between two editions of a report (`npm run diff -- OLD NEW --json`): what changed in the
// data, keyed on the entities of the tables (row and column header paths, models and benchmarks), never on
// positions or figure numbers.
import { z } from "zod";

export const ChangeKind = z
  .enum([
    "rating",
    "target_price",
    "estimate",
    "meta",
    "value",
    "setting",
    "format",
    "row_added",
    "row_removed",
    "col_added",
    "col_removed",
    "table_added",
    "table_removed",
    "table_relabelled",
  ])
  .describe(
    "rating / target_price: the rating or the target price changed between two notes of one broker on one company (same normalised ticker), listed first; " +
      "estimate: a value of a period column (FY26E) of one line item changed between two such notes (row = line item, col = period, field = unit), listed after them; " +
      "meta: a cover field changed; value: the typed value changed (number, missing marker, unit, second value, or the text of a text cell); " +
      "setting: same value, different evaluation setting, note or footnote; format: same typed content printed differently (only with --all); " +
      "row_/col_added/removed: an entity appears in one edition only; table_added/removed: no table of the other edition holds the same data; " +
      "table_relabelled: a matched table has a new label (renumbering; not a data change) or a new title",
  );
export type ChangeKind = z.infer<typeof ChangeKind>;

// Extension point: when charts enter the document model, their values are diffed as scope "chart"
// (row = series, col = category) by one more differ in pipeline/diff/index.ts.
export const ChangeScope = z
  .enum(["cell", "score", "meta", "table"])
  .describe(
    "cell: a table body cell; score: a (model, benchmark) score; meta: the cover; table: a whole table, row or column",
  );
export type ChangeScope = z.infer<typeof ChangeScope>;

export const Change = z.object({
  kind: ChangeKind,
  scope: ChangeScope,
  old_label: z
    .string()
    .nullable()
    .describe("label of the table in the old edition (图 13), null when absent or uncaptioned"),
  new_label: z
    .string()
    .nullable()
    .describe("label of the table in the new edition (图 12), null when absent or uncaptioned"),
  old_table_id: z.string().nullable().describe("table id in the old edition"),
  new_table_id: z.string().nullable().describe("table id in the new edition"),
  table_title: z.string().nullable().describe("title of the table (the new one when both exist), null for metadata"),
  row: z
    .string()
    .nullable()
    .describe(
      "row entity: row header path joined ' / ' (a #n suffix tells repeated headers apart); the model for scores; the company's ticker for rating and target-price changes",
    ),
  col: z
    .string()
    .nullable()
    .describe("column entity: column header path joined ' / '; the benchmark (/ metric) for scores"),
  field: z
    .string()
    .nullable()
    .describe("metadata field (date, rating, analysts…), or label/title for table_relabelled"),
  old: z
    .string()
    .nullable()
    .describe("old raw text (cell as printed, metadata value, or a row's/column's texts joined ' | ')"),
  new: z.string().nullable().describe("new raw text"),
  old_value: z.number().nullable().describe("old typed value (value, setting and target-price changes)"),
  new_value: z.number().nullable().describe("new typed value (value, setting and target-price changes)"),
  change_pct: z
    .number()
    .nullable()
    .default(null)
    .describe("estimate changes: (new − old) / |old| × 100, in plain units (RMB mn and RMB bn compare); else null"),
});
export type Change = z.infer<typeof Change>;

const Counts = z.object(
  Object.fromEntries(ChangeKind.options.map((k) => [k, z.int().nonnegative()])) as Record<ChangeKind, z.ZodInt>,
);

export const DiffSide = z.object({
  path: z.string().describe("the path given on the command line (source file or extraction folder)"),
  file: z.string().describe("the report's source file name"),
  sha256: z.string().describe("sha256 of the source file"),
  tables: z.int().nonnegative(),
});

export const DiffSummary = z.object({
  changes: z.int().nonnegative().describe("number of changes listed"),
  data_changes: z
    .int()
    .nonnegative()
    .describe("changes of the data: every listed change except formatting and relabelling by renumbering (label only)"),
  by_kind: Counts.describe("listed changes per kind"),
  by_scope: z.object(
    Object.fromEntries(ChangeScope.options.map((k) => [k, z.int().nonnegative()])) as Record<ChangeScope, z.ZodInt>,
  ),
  hidden_format: z.int().nonnegative().describe("formatting-only changes left out (shown with --all)"),
  tables: z.object({
    old: z.int().nonnegative(),
    new: z.int().nonnegative(),
    matched: z.int().nonnegative(),
    added: z.int().nonnegative(),
    removed: z.int().nonnegative(),
    relabelled: z.int().nonnegative().describe("matched tables whose label changed"),
  }),
});
export type DiffSummary = z.infer<typeof DiffSummary>;

export const DiffDocument = z.object({
  diff_version: z.literal(1),
  old: DiffSide,
  new: DiffSide,
  options: z.object({ epsilon: z.number().nonnegative(), all: z.boolean() }),
  summary: DiffSummary,
  changes: z.array(Change),
});
export type DiffDocument = z.infer<typeof DiffDocument>;
