// Analysts: each name with the role, e-mail, telephone and licence numbers printed with it. A detail printed in
// the same line after a name ("分析师：张三", "钱七 A0000000000001") is that name's; a detail on a line of its own
// belongs to the nearest name above it in the same column (a two-column block of analysts, a phone printed to the
// right of its e-mail goes with that e-mail's name); a role printed above a name that has none is that name's, and
// failing a role word, a job title on the lines right above it ("Head of China Equity Research").
// A name with nothing attached is not an analyst (a heading such as 相关研究, a sector such as China Internet).
import type { Analyst, Box, Evidence } from "../../../schemas/index.ts";
import { type Token, tokensOf } from "./analyst-tokens.ts";
import { cover } from "../../vocab/cover.ts";
import { evidence } from "./evidence.ts";
import { type CoverLine, partBox, type Stream, union } from "./lines.ts";
import { alternation, escapeRe } from "./text.ts";

interface Placed extends Token {
  line: CoverLine;
  row: number;
  /** Index among all tokens, in reading order. */
  seq: number;
  box: Box | null;
  owner: Placed | null;
  /** A role printed with its name (same line or row): enough to make the name an analyst. */
  inline?: boolean;
}

const STAMP = new RegExp(cover.distribution_stamps.map(escapeRe).join("|"));
/** Lines longer than this are prose: a role word in a sentence is not an analyst's title. */
const MAX_BLOCK_LINE = 48;
/** How far below its name a detail may be printed, in line heights. */
const WINDOW = 7;

export function readAnalysts(stream: Stream, skip: Set<CoverLine>): { analysts: Analyst[]; evidence: Evidence[] } {
  const tokens = place(stream, skip);
  const names = tokens.filter((t) => t.kind === "name");
  for (const t of tokens) if (t.kind !== "name") t.owner ??= ownerOf(t, names, tokens);
  const analysts: Analyst[] = [];
  const ev: Evidence[] = [];
  for (const n of names) {
    const mine = tokens.filter((t) => t.owner === n);
    const has = (k: Token["kind"]) => mine.find((t) => t.kind === k) ?? null;
    if (!has("email") && !has("phone") && !has("licence") && !mine.some((t) => t.inline)) continue;
    if (analysts.some((a) => a.name === n.value)) continue;
    const licences = mine.filter((t) => t.licence).map((t) => t.licence!);
    analysts.push({
      name: n.value,
      role:
        has("role")?.value ??
        titleAbove(
          n.line,
          stream.pieces.map((p) => p.line),
        ),
      sac_id: licences.find((l) => l.kind === "SAC" && /^S\d{13}$/.test(l.id))?.id ?? null,
      email: has("email")?.value ?? null,
      phone: has("phone")?.value ?? null,
      licences,
    });
    ev.push(
      evidence(
        "analyst",
        [n, ...mine].map((t) => t.value).join(" "),
        [n.line, ...mine.map((t) => t.line)],
        union([n, ...mine].map((t) => t.box).filter((b) => b?.page === n.box?.page)),
      ),
    );
  }
  return { analysts, evidence: ev };
}

const TITLE = new RegExp(alternation(cover.title_words));

/** A job title on the lines right above a name, flush with it and in one size ("Head of China Equity Research and" /
 * "Co-Head of Asia TMT Research" / "Alex Yao"): the role of a name printed without a role word. */
function titleAbove(name: CoverLine, lines: CoverLine[]): string | null {
  const parts: CoverLine[] = [];
  for (let cur = name; parts.length < 3; ) {
    const up = lines.find(
      (o) =>
        o !== cur &&
        o.box !== null &&
        o.size !== null &&
        cur.box !== null &&
        o.page === cur.page &&
        Math.abs(o.box.x0 - cur.box.x0) <= 2 &&
        o.box.y1 <= cur.box.y0 + 1 &&
        cur.box.y0 - o.box.y1 <= 0.8 * o.size,
    );
    if (!up || !/^[A-Z]/.test(up.text) || /[\p{Script=Han}@\d:：]/u.test(up.text)) break;
    if (parts.length > 0 && Math.abs(up.size! - parts[0]!.size!) > 0.3) break;
    parts.unshift(up);
    cur = up;
  }
  // A line above the title without a title word is something else (the sector).
  while (parts.length > 1 && !TITLE.test(parts[0]!.text)) parts.shift();
  const text = parts.map((l) => l.text).join(" ");
  return parts.length > 0 && TITLE.test(text) && text.length <= 100 ? text : null;
}

/** Every token of the cover's lines with its estimated box; details in a line after a name are that name's. */
function place(stream: Stream, skip: Set<CoverLine>): Placed[] {
  const out: Placed[] = [];
  const wrapped = unwrap(stream.pieces.map((p) => p.line));
  stream.rows.forEach((row, r) => {
    for (const line of row.lines) {
      if (skip.has(line) || STAMP.test(line.text) || wrapped.rest.has(line)) continue;
      const text = wrapped.text.get(line) ?? line.text;
      // A credit in prose ("研究助理马晨对本文有贡献") names an analyst too.
      const short = text.length <= MAX_BLOCK_LINE || cover.contributor_suffixes.some((w) => text.includes(w));
      let name: Placed | null = null;
      const tokens = tokensOf(text).filter(
        (t) => short || t.kind === "email" || t.kind === "phone" || t.kind === "licence",
      );
      tokens.forEach((t, i) => {
        // A name stands for its whole line (its details are often indented under it); a detail for its part.
        const box = t.kind === "name" && !multiRow(line) ? line.box : partBox(line, t.from, t.to);
        const p: Placed = { ...t, line, row: r, seq: out.length, box, owner: null };
        if (t.kind === "name") {
          name = p;
          const role = tokens[i - 1]?.kind === "role" ? out[out.length - 1]! : null;
          if (role && role.owner === null) Object.assign(role, { owner: p, inline: true });
        } else if (name) Object.assign(p, { owner: name, inline: t.kind === "role" });
        out.push(p);
      });
    }
  });
  // A role on the same row as exactly one name ("杨勇  分析师") is printed with it.
  for (const t of out.filter((x) => x.kind === "role" && x.owner === null)) {
    const level = out.filter((n) => n.kind === "name" && n.row === t.row);
    if (level.length === 1) Object.assign(t, { owner: level[0], inline: true });
  }
  return out;
}

const multiRow = (l: CoverLine) => l.box !== null && l.size !== null && l.box.y1 - l.box.y0 > 1.6 * l.size;
// A narrow column breaks an e-mail address or a licence number where it must ("…@example.com.c" / "n",
// "zhang" / "san@example.com", "S06305160800" / "01"): a line flush with it, right above or under, holds the
// other part — a fragment of address characters. A complete address or number is never joined.
const CUT_NUMBER = /(?<![A-Za-z0-9])[SA]\d{4,12}$/;
const TAIL_ADDRESS = /[A-Za-z0-9._%+-]+[@＠][A-Za-z0-9.-]*$/;
const WHOLE_DOMAIN = /[@＠][A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$/;
const HEAD_ADDRESS = /^[A-Za-z0-9._%+-]+[@＠]/;
const FRAGMENT = /^(?:[a-z0-9._-]{1,20}|\d{1,9})$/;

/** b is right under a, starting at x (within tol): the next line of a narrow column. */
const flushUnder = (a: CoverLine, b: CoverLine, x = a.box?.x0 ?? 0, tol = 2) =>
  a.box !== null &&
  b.box !== null &&
  a.size !== null &&
  b.page === a.page &&
  b.box.y0 >= a.box.y1 - 1 &&
  b.box.y0 - a.box.y1 <= 0.6 * a.size &&
  Math.abs(b.box.x0 - x) <= tol;

/** Where the cut tail of a line starts (a number after its label, in a column of its own: its x is estimated, so
 * looser); the rest may also wrap to the line's own start. */
function tailStart(l: CoverLine): { x: number; tol: number } {
  const m = CUT_NUMBER.exec(l.text) ?? TAIL_ADDRESS.exec(l.text);
  const box = m && m.index > 0 ? partBox(l, m.index, l.text.length) : null;
  return box && l.size ? { x: box.x0, tol: Math.max(2, 0.8 * l.size) } : { x: l.box?.x0 ?? 0, tol: 2 };
}

/** Lines whose address or number a narrow column cut, with the other part joined on; the parts' lines. */
function unwrap(lines: CoverLine[]): { text: Map<CoverLine, string>; rest: Set<CoverLine> } {
  const text = new Map<CoverLine, string>();
  const rest = new Set<CoverLine>();
  for (const l of lines) {
    if (rest.has(l)) continue;
    const cutTail = CUT_NUMBER.test(l.text) || (TAIL_ADDRESS.test(l.text) && !WHOLE_DOMAIN.test(l.text));
    const at = cutTail ? tailStart(l) : null;
    const under = at ? lines.find((n) => flushUnder(l, n) || flushUnder(l, n, at.x, at.tol)) : undefined;
    if (under && FRAGMENT.test(under.text)) {
      text.set(l, l.text + under.text);
      rest.add(under);
      continue;
    }
    const above = HEAD_ADDRESS.test(l.text) ? lines.find((n) => flushUnder(n, l)) : undefined;
    if (above && FRAGMENT.test(above.text) && /[a-z]/.test(above.text) && !/\d$/.test(above.text)) {
      text.set(l, above.text + l.text);
      rest.add(above);
    }
  }
  return { text, rest };
}

const overlapX = (a: Box, b: Box) => Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0) > 0.5;
const hasRole = (n: Placed, tokens: Placed[]) => tokens.some((t) => t.kind === "role" && t.owner === n);

function ownerOf(t: Placed, names: Placed[], tokens: Placed[]): Placed | null {
  if (!t.box) return sequentialOwner(t, names, tokens);
  const owner = geometricOwner(t, t.box, names, tokens);
  // The box of a detail inside a line is an estimate; a short line of its own is the detail's line.
  return (
    owner ?? (t.line.box && t.line.text.length <= MAX_BLOCK_LINE ? geometricOwner(t, t.line.box, names, tokens) : null)
  );
}

function geometricOwner(t: Placed, box: Box, names: Placed[], tokens: Placed[]): Placed | null {
  const size = t.line.size ?? box.y1 - box.y0;
  const above = names
    .filter(
      (n) =>
        n.box &&
        n.line.page === t.line.page &&
        n.box.y0 <= box.y0 + 0.5 &&
        box.y0 - n.box.y0 <= WINDOW * size &&
        overlapX(n.box, box),
    )
    .sort((a, b) => b.box!.y0 - a.box!.y0);
  if (t.kind === "role") {
    const up = above.find((n) => !hasRole(n, tokens)) ?? null;
    const down =
      names.find(
        (n) =>
          n.box &&
          n.line.page === t.line.page &&
          n.box.y0 > box.y0 &&
          n.box.y0 - box.y1 <= 2.5 * size &&
          overlapX(n.box, box) &&
          !hasRole(n, tokens),
      ) ?? null;
    if (up && down) return down.box!.y0 - box.y1 < box.y0 - up.box!.y1 ? down : up;
    return up ?? down;
  }
  if (above[0]) return above[0];
  // A detail printed to the right of another (the phone beside the e-mail) goes with that one's name.
  return tokens.find((o) => o !== t && o.row === t.row && o.kind !== "name" && o.owner !== null)?.owner ?? null;
}

/** Text input has no geometry: a detail belongs to the last name before it, within a few lines; a role that
 * comes after a name that already has one waits for the next name. */
function sequentialOwner(t: Placed, names: Placed[], tokens: Placed[]): Placed | null {
  const before = names.filter((n) => n.seq < t.seq).at(-1) ?? null;
  const near = before && t.row - before.row <= 6 ? before : null;
  if (t.kind !== "role") return near;
  if (near && !hasRole(near, tokens)) return near;
  return names.find((n) => n.seq > t.seq && n.row - t.row <= 2) ?? null;
}
