// Cover metadata diff: scalar fields compared as printed (whitespace-insensitive); analysts keyed by name,
// related reports by title, companies by ticker, so a reordered list is not a change. The rating and the target
// price of two notes of one broker on one company are changes of their own kinds (cover.ts), not listed here.
import type { Change } from "../../schemas/diff.ts";
import type { Analyst, Meta } from "../../schemas/report.ts";
import { change } from "./change.ts";
import { sameCoverage } from "./cover.ts";
import { squash } from "./text.ts";

// rating_normalised and previous_rating_printed follow from rating and previous_rating: no changes of their own.
const SCALARS = ["title", "broker", "industry", "date", "rating", "rating_action", "previous_rating"] as const;
/** Fields the rating and target-price changes stand for, when the notes are of one broker on one company. */
const COVERAGE = new Set<string>(["rating", "rating_normalised", "target_price"]);
type Amount = { text: string; currency: string | null } | null;
const amount = (p: Amount) => (p ? `${p.currency ? `${p.currency} ` : ""}${p.text}` : null);

const describeAnalyst = (a: Analyst) =>
  `${a.name} (${[a.role, a.sac_id, a.email, a.phone, ...a.licences.filter((l) => l.id !== a.sac_id).map((l) => l.id)].filter((x) => x !== null).join(", ")})`;
const same = (a: string | null, b: string | null) => (a === null || b === null ? a === b : squash(a) === squash(b));

/** Changes of a keyed list: one per key added, removed or described differently. */
function diffList<T>(
  field: string,
  a: readonly T[],
  b: readonly T[],
  key: (x: T) => string,
  describe: (x: T) => string,
): Change[] {
  const before = new Map(a.map((x) => [squash(key(x)), x]));
  const after = new Map(b.map((x) => [squash(key(x)), x]));
  const out: Change[] = [];
  for (const [k, x] of before) {
    const y = after.get(k);
    if (!y) out.push(change({ kind: "meta", scope: "meta", field, old: describe(x) }));
    else if (describe(x) !== describe(y))
      out.push(change({ kind: "meta", scope: "meta", field, old: describe(x), new: describe(y) }));
  }
  for (const [k, y] of after)
    if (!before.has(k)) out.push(change({ kind: "meta", scope: "meta", field, new: describe(y) }));
  return out;
}

export function diffMeta(a: Meta, b: Meta): Change[] {
  const out: Change[] = [];
  const skip = sameCoverage(a, b) !== null ? COVERAGE : new Set<string>();
  for (const field of SCALARS) {
    if (!skip.has(field) && !same(a[field], b[field]))
      out.push(change({ kind: "meta", scope: "meta", field, old: a[field], new: b[field] }));
  }
  for (const field of ["target_price", "current_price", "market_cap"] as const) {
    const [x, y] = [amount(a[field]), amount(b[field])];
    if (!skip.has(field) && !same(x, y)) out.push(change({ kind: "meta", scope: "meta", field, old: x, new: y }));
  }
  out.push(
    ...diffList(
      "companies",
      a.companies,
      b.companies,
      (c) => c.ticker,
      (c) => `${c.name ?? ""} (${c.ticker})`.trim(),
    ),
  );
  out.push(...diffList("analysts", a.analysts, b.analysts, (x) => x.name, describeAnalyst));
  out.push(
    ...diffList(
      "related_reports",
      a.related_reports,
      b.related_reports,
      (x) => x.title,
      (x) => `《${x.title}》${x.date ?? ""}`,
    ),
  );
  return out;
}
