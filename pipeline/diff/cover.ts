// Rating and target-price changes between two notes of one broker on one company (the same broker, a normalised
// ticker in common): what a reader of a new note wants first — an upgrade, a target cut from 775 to 727. Between
// notes of different brokers or companies a different rating is no change of anyone's view, and the cover
// differences stay plain metadata changes.
import type { Change } from "../../schemas/diff.ts";
import type { Meta } from "../../schemas/report.ts";
import { change } from "./change.ts";
import { fold } from "./text.ts";

/** The ticker the two notes share when they are of one broker on one company, else null. */
export function sameCoverage(a: Meta, b: Meta): string | null {
  if (a.broker === null || b.broker === null || fold(a.broker) !== fold(b.broker)) return null;
  const theirs = new Set(b.companies.map((c) => c.ticker));
  return a.companies.find((c) => theirs.has(c.ticker))?.ticker ?? null;
}

const price = (p: Meta["target_price"]) =>
  p ? `${p.currency ? `${p.currency} ` : ""}${p.text.replace(/\s+/g, " ")}` : null;

/** The rating and target-price changes, or none when the notes are not of one broker on one company. */
export function diffCoverage(a: Meta, b: Meta): Change[] {
  const ticker = sameCoverage(a, b);
  if (ticker === null) return [];
  const out: Change[] = [];
  if (
    (a.rating ?? "").toLowerCase() !== (b.rating ?? "").toLowerCase() ||
    a.rating_normalised !== b.rating_normalised
  ) {
    const describe = (m: Meta) =>
      m.rating === null ? null : `${m.rating}${m.rating_normalised ? ` (${m.rating_normalised})` : ""}`;
    out.push(
      change({ kind: "rating", scope: "meta", row: ticker, field: "rating", old: describe(a), new: describe(b) }),
    );
  }
  const [x, y] = [a.target_price, b.target_price];
  if (x?.value !== y?.value || x?.currency !== y?.currency) {
    out.push(
      change({
        kind: "target_price",
        scope: "meta",
        row: ticker,
        field: "target_price",
        old: price(x),
        new: price(y),
        old_value: x?.value ?? null,
        new_value: y?.value ?? null,
      }),
    );
  }
  return out;
}
