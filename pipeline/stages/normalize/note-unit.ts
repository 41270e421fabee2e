// The unit a note under a table states for the tables above it — "Note: Rmb in millions (except per-share data)",
// "All figures in US$ mn", "注：单位：亿元" — with the rows it does not govern: those its exception names
// (per-share rows), and rows that count things (shares, users), which are never amounts of a currency. A note with
// an exception it cannot read governs nothing: a wrong unit is worse than none. Vocabulary: vocab/*/numbers.json.
import { numbers } from "../../vocab/numbers.ts";
import { collapse } from "./setting.ts";
import { labelUnit, readUnit, type UnitMeaning } from "./units.ts";

export interface NoteUnit {
  /** the unit the note states */
  unit: UnitMeaning;
  /** row-label words of the rows the unit does not govern (matched case-insensitively, as words) */
  except: string[];
}

/** Escaped for a pattern with the u flag (where "\\-" and "\\/" are errors). */
const escapeU = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const alt = (words: Iterable<string>) =>
  [...words]
    .sort((a, b) => b.length - a.length)
    .map(escapeU)
    .join("|");
const CUR = alt(Object.keys(numbers.currencies));
const SCALE = alt(Object.keys(numbers.scales));
const LINK = alt(numbers.unit_links);
const END = "(?![\\p{L}\\p{N}])";
// "Rmb in millions"; "in RMB mn", "figures in US$ millions".
const CUR_LINK_SCALE = LINK ? new RegExp(`(?:^|\\s)(${CUR})\\s+(?:${LINK})\\s+(${SCALE})${END}`, "u") : null;
const LINK_CUR_SCALE = LINK ? new RegExp(`(?:^|\\s)(?:${LINK})\\s+(${CUR})\\s*(${SCALE})${END}`, "u") : null;
// A unit marker (单位：, Unit:) anywhere in the clause, not the end of a longer Latin word ("Margin:").
const MARKER = new RegExp(`(?<!\\p{Script=Latin})(?:${alt(numbers.unit_markers)})\\s*[:：]`, "u");

/** A clause's unit: a currency linked to a scale, or a marked unit (单位：亿元, Unit: RMB mn); amounts only. */
function clauseUnit(clause: string): UnitMeaning | null {
  for (const re of [CUR_LINK_SCALE, LINK_CUR_SCALE]) {
    const m = re?.exec(clause);
    if (m) return readUnit(`${m[1]} ${m[2]}`);
  }
  const at = MARKER.exec(clause)?.index;
  const marked = at === undefined ? null : labelUnit(clause.slice(at));
  return marked && marked.currency !== null ? marked : null;
}

/** The unit a note line states and the row labels it does not govern; null when it states none it can be sure of. */
export function noteUnit(text: string): NoteUnit | null {
  const s = collapse(text);
  const unit = s
    .split(/[;；。]|\.(?=\s|$)/)
    .map(clauseUnit)
    .find((u) => u !== null);
  if (!unit) return null;
  const lower = s.toLowerCase();
  const named = numbers.unit_exceptions.filter((e) => e.phrases.some((p) => lower.includes(p.toLowerCase())));
  let rest = lower;
  for (const p of [...named.flatMap((e) => e.phrases), ...numbers.unit_phrases])
    rest = rest.replaceAll(p.toLowerCase(), " ");
  if (numbers.exception_words.some((w) => new RegExp(`(?:^|[^\\p{L}])${escapeU(w.toLowerCase())}`, "u").test(rest)))
    return null;
  return { unit, except: [...named.flatMap((e) => e.rows), ...numbers.count_rows] };
}

/** Does a row label name one of the excepted kinds of rows? Words matched whole, case-insensitively. */
export function excepted(label: string, except: readonly string[]): boolean {
  const l = label.toLowerCase();
  return except.some((w) => {
    const word = w.toLowerCase();
    return /^[\p{Script=Han}]/u.test(word)
      ? l.includes(word)
      : new RegExp(`(?:^|[^\\p{L}])${escapeU(word)}(?![\\p{L}])`, "u").test(l);
  });
}
