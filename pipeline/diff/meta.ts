// Cover metadata diff: scalar fields compared as printed (whitespace-insensitive); analysts keyed by name,
// related reports by title, so a reordered list is not a change.
import type { Change } from "../../schemas/diff.ts";
import type { Analyst, Meta } from "../../schemas/report.ts";
import { change } from "./change.ts";
import { squash } from "./text.ts";

const SCALARS = ["title", "broker", "industry", "date", "rating", "rating_action", "previous_rating"] as const;

const describeAnalyst = (a: Analyst) => `${a.name} (${[a.role, a.sac_id, a.email].filter((x) => x !== null).join(", ")})`;
const same = (a: string | null, b: string | null) => (a === null || b === null ? a === b : squash(a) === squash(b));

/** Changes of a keyed list: one per key added, removed or described differently. */
function diffList<T>(field: string, a: readonly T[], b: readonly T[], key: (x: T) => string, describe: (x: T) => string): Change[] {
  const before = new Map(a.map((x) => [squash(key(x)), x]));
  const after = new Map(b.map((x) => [squash(key(x)), x]));
  const out: Change[] = [];
  for (const [k, x] of before) {
    const y = after.get(k);
    if (!y) out.push(change({ kind: "meta", scope: "meta", field, old: describe(x) }));
    else if (describe(x) !== describe(y)) out.push(change({ kind: "meta", scope: "meta", field, old: describe(x), new: describe(y) }));
  }
  for (const [k, y] of after) if (!before.has(k)) out.push(change({ kind: "meta", scope: "meta", field, new: describe(y) }));
  return out;
}

export function diffMeta(a: Meta, b: Meta): Change[] {
  const out: Change[] = [];
  for (const field of SCALARS) {
    if (!same(a[field], b[field])) out.push(change({ kind: "meta", scope: "meta", field, old: a[field], new: b[field] }));
  }
  out.push(...diffList("analysts", a.analysts, b.analysts, (x) => x.name, describeAnalyst));
  out.push(
    ...diffList("related_reports", a.related_reports, b.related_reports, (x) => x.title, (x) => `《${x.title}》${x.date ?? ""}`),
  );
  return out;
}
