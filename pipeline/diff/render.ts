// Human output of a diff: a summary, then the changes grouped by table, old → new. Pure: colour is a flag
// (the command decides it from the terminal and NO_COLOR).
import type { Change, ChangeKind, DiffDocument } from "../../schemas/diff.ts";
import { isDataChange } from "./change.ts";

type Style = "bold" | "dim" | "red" | "green" | "yellow" | "cyan";
const ANSI: Record<Style, [number, number]> = {
  bold: [1, 22],
  dim: [2, 22],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  cyan: [36, 39],
};

const KIND_WORDS: Record<ChangeKind, string> = {
  rating: "rating",
  target_price: "target price",
  estimate: "estimate",
  meta: "metadata",
  value: "value",
  setting: "setting",
  format: "format",
  row_added: "row added",
  row_removed: "row removed",
  col_added: "column added",
  col_removed: "column removed",
  table_added: "table added",
  table_removed: "table removed",
  table_relabelled: "relabelled",
};

const MAX_ENTITY = 48;
const short = (s: string | null, max = MAX_ENTITY) => {
  if (s === null) return "∅";
  const t = s.replace(/\s+/g, " ").trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t === "" ? "(empty)" : t;
};
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export function renderDiff(doc: DiffDocument, color: boolean): string {
  const paint = (style: Style, text: string) =>
    color ? `\u001b[${ANSI[style][0]}m${text}\u001b[${ANSI[style][1]}m` : text;
  const arrow = (a: string | null, b: string | null) =>
    `${paint("red", short(a, 80))} → ${paint("green", short(b, 80))}`;
  const lines: string[] = [];
  const s = doc.summary;

  lines.push(`${paint("bold", "old")} ${doc.old.path} (${doc.old.file})`);
  lines.push(`${paint("bold", "new")} ${doc.new.path} (${doc.new.file})`);
  lines.push(
    `tables: ${s.tables.old} → ${s.tables.new}; ${s.tables.matched} matched by content, ${s.tables.added} added, ${s.tables.removed} removed, ${s.tables.relabelled} relabelled`,
  );
  const data = doc.changes.filter(isDataChange);
  const order = Object.keys(KIND_WORDS);
  const tally = (key: (c: Change) => string) => {
    const n = new Map<string, number>();
    for (const c of [...data].sort((x, y) => order.indexOf(x.kind) - order.indexOf(y.kind)))
      n.set(key(c), (n.get(key(c)) ?? 0) + 1);
    return [...n].map(([k, v]) => `${v} ${k}`).join(", ");
  };
  lines.push(
    data.length === 0
      ? paint("green", "no data change")
      : `${paint("bold", plural(data.length, "data change"))}: ${tally((c) => (c.kind === "table_relabelled" ? "title changed" : KIND_WORDS[c.kind]))} (by scope: ${tally((c) => c.scope)})`,
  );
  if (s.by_kind.format > 0)
    lines.push(paint("dim", `${plural(s.by_kind.format, "formatting-only change")} (listed with --all)`));
  if (s.hidden_format > 0)
    lines.push(paint("dim", `${plural(s.hidden_format, "formatting-only change")} not shown (--all shows them)`));

  // A rating or target-price change of the same broker on the same company: the first thing a reader wants.
  const coverage = doc.changes.filter((c) => c.kind === "rating" || c.kind === "target_price");
  if (coverage.length > 0) {
    lines.push("", paint("bold", `rating and target price (${coverage[0]!.row})`));
    for (const c of coverage) lines.push(`  ${KIND_WORDS[c.kind].padEnd(16)} ${arrow(c.old, c.new)}${trend(c, paint)}`);
  }
  lines.push(...estimateBlock(doc.changes, arrow, paint));
  const meta = doc.changes.filter((c) => c.scope === "meta" && c.kind === "meta");
  if (meta.length > 0) {
    lines.push("", paint("bold", "metadata"));
    for (const c of meta) {
      const body =
        c.old === null
          ? paint("green", `+ ${c.new}`)
          : c.new === null
            ? paint("red", `- ${c.old}`)
            : arrow(c.old, c.new);
      lines.push(`  ${(c.field ?? "").padEnd(16)} ${body}`);
    }
  }

  // Tables: one block per table with data changes; pure renumbering collected on one line.
  const groups = new Map<string, Change[]>();
  for (const c of doc.changes.filter((c) => c.scope !== "meta" && c.kind !== "estimate")) {
    const key = `${c.old_table_id ?? ""}>${c.new_table_id ?? ""}`;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  const renumbered: string[] = [];
  for (const changes of groups.values()) {
    const first = changes[0]!;
    if (changes.every((c) => c.kind === "table_relabelled" && c.field === "label")) {
      renumbered.push(`${first.old_label} → ${first.new_label}`);
      continue;
    }
    lines.push("", tableHeading(first, paint));
    for (const c of changes) {
      const line = changeLine(c, arrow, paint);
      if (line) lines.push(`  ${line}`);
    }
  }
  if (renumbered.length > 0) lines.push("", paint("dim", `renumbered, no data change: ${renumbered.join(", ")}`));
  return `${lines.join("\n")}\n`;
}

type Paint = (style: Style, text: string) => string;

/** "raised 3.2%" / "cut 6.2%" after a target-price change with both values. */
function trend(c: Change, paint: Paint): string {
  if (c.old_value === null || c.new_value === null || c.old_value === 0 || c.old_value === c.new_value) return "";
  const pct = ((c.new_value - c.old_value) / c.old_value) * 100;
  return paint(pct > 0 ? "green" : "red", `  ${pct > 0 ? "raised" : "cut"} ${Math.abs(pct).toFixed(1)}%`);
}

/** Estimate revisions of the same broker on the same company, after the rating and target price:
 * "Revenue  2026  831,126 → 823,452  −0.9%". */
function estimateBlock(
  changes: Change[],
  arrow: (a: string | null, b: string | null) => string,
  paint: Paint,
): string[] {
  const revisions = changes.filter((c) => c.kind === "estimate");
  if (revisions.length === 0) return [];
  const pct = (c: Change) =>
    c.change_pct === null
      ? ""
      : paint(
          c.change_pct > 0 ? "green" : "red",
          `  ${c.change_pct > 0 ? "+" : "−"}${Math.abs(c.change_pct).toFixed(1)}%`,
        );
  return [
    "",
    paint("bold", `estimates (${plural(revisions.length, "revision")})`),
    ...revisions.map(
      (c) => `  ${short(c.row, 40).padEnd(40)} ${(c.col ?? "").padEnd(7)} ${arrow(c.old, c.new)}${pct(c)}`,
    ),
  ];
}

function tableHeading(c: Change, paint: Paint): string {
  const label =
    c.old_label === c.new_label
      ? (c.new_label ?? "")
      : c.kind === "table_added"
        ? (c.new_label ?? "")
        : c.kind === "table_removed"
          ? (c.old_label ?? "")
          : `${c.old_label ?? "∅"} → ${c.new_label ?? "∅"}`;
  const mark = c.kind === "table_added" ? paint("green", "+ ") : c.kind === "table_removed" ? paint("red", "- ") : "";
  return `${mark}${paint("bold", label ? `${label} ${c.table_title ?? ""}` : (c.table_title ?? "(untitled table)"))}`;
}

function changeLine(c: Change, arrow: (a: string | null, b: string | null) => string, paint: Paint): string | null {
  const tag = (t: string) => paint("cyan", t.padEnd(14));
  switch (c.kind) {
    case "table_added":
      return paint("green", "table added");
    case "table_removed":
      return paint("red", "table removed");
    case "table_relabelled":
      return c.field === "label" ? null : `${tag(`${c.field} changed`)} ${arrow(c.old, c.new)}`;
    case "row_added":
    case "col_added":
      return `${tag(KIND_WORDS[c.kind])} ${paint("green", `+ ${short(c.row ?? c.col)}`)}  ${paint("dim", short(c.new, 80))}`;
    case "row_removed":
    case "col_removed":
      return `${tag(KIND_WORDS[c.kind])} ${paint("red", `- ${short(c.row ?? c.col)}`)}  ${paint("dim", short(c.old, 80))}`;
    default: {
      const where =
        c.scope === "score" ? `${short(c.row, 32)} · ${short(c.col, 32)}` : `${short(c.row)} × ${short(c.col, 32)}`;
      const label = c.scope === "score" ? `score ${c.kind}` : c.kind;
      const kind =
        c.kind === "format"
          ? paint("dim", label.padEnd(14))
          : c.kind === "setting"
            ? paint("yellow", label.padEnd(14))
            : tag(label);
      return `${kind} ${where}: ${arrow(c.old, c.new)}`;
    }
  }
}
