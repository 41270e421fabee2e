// The line item a table cell is of, one definition for the edition diff and the databases: a cell's row header path
// without its unit groups ("Revenue (Rmbm)" and "Revenue (RMB mn)" are one item), and the form items are matched in
// (compatibility forms, no whitespace, case folded), so notes that print an item slightly differently still pair.
import { withoutUnits } from "./units.ts";

/** The row header path without unit groups, joined with " / " ("Revenue (Rmbm)" → "Revenue"); "" when only units. */
export const lineItem = (rowHeader: readonly string[]): string =>
  rowHeader
    .map(withoutUnits)
    .map((s) => s.trim())
    .filter((s) => s !== "")
    .join(" / ");

/** The matching form of a line item: NFKC, no whitespace, lower case. */
export const lineItemKey = (item: string): string => item.normalize("NFKC").replace(/\s+/g, "").toLowerCase();
