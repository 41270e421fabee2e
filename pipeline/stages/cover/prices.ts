// Target price (with the previous one when printed), current price (with its date) and market cap: each an amount
// after its label, on the row or under it, its currency and unit from the value or the label's brackets. Two
// different amounts for one fact leave it empty with a warning (a wrong price is worse than none); two market caps
// in different currencies are both right, and the first whose currency is printed is kept. The previous target
// also comes from a sentence that moves the target ("to HK$559, from HK$569").
import type { Evidence, Meta } from "../../../schemas/index.ts";
import { type Found, found } from "../../problems.ts";
import { cover } from "../../vocab/cover.ts";
import { evidence, spanEvidence } from "./evidence.ts";
import { type Label, type LabelKind, type LabelledMoney, labelLine, moneyAfter } from "./labels.ts";
import { below, type CoverLine, type Stream } from "./lines.ts";
import { PRICE_RATING_LINE } from "./rating.ts";
import { alternation, findDates, labelTerms, type Money, moneyAt, SHORT_DATE } from "./text.ts";

export interface PriceFacts {
  fields: Pick<Meta, "target_price" | "current_price" | "market_cap">;
  evidence: Evidence[];
  problems: Found[];
}

interface Hit {
  money: Money;
  label: Label | null;
  ev: Evidence;
  /** Where the amount ends in the stream (-1 when read under its label). */
  end: number;
}

/** Every amount after a label of a kind: on the row, else on the line under a label printed alone. */
function amounts(stream: Stream, labels: Label[], lines: CoverLine[], kind: LabelKind, field: string): Hit[] {
  const out: Hit[] = [];
  for (const label of labels.filter((l) => l.kinds.includes(kind))) {
    const inline: LabelledMoney | null = moneyAfter(stream, label);
    if (inline) {
      out.push({
        money: inline.money,
        label,
        ev: spanEvidence(field, stream, label.start, inline.money.end),
        end: inline.money.end,
      });
      continue;
    }
    const alone = labelLine(stream, label, lines);
    const under = alone ? below(lines, alone)[0] : undefined;
    const m = under ? moneyAt(under.text, 0) : null;
    if (!m || !under || m.end < under.text.trim().length) continue;
    const terms = labelTerms(`${label.text} ${label.qualifiers}`);
    if (terms.percent) continue;
    out.push({
      money: { ...m, currency: m.currency ?? terms.currency, unit: m.unit ?? terms.unit },
      label,
      ev: evidence(field, `${alone!.text} ${under.text}`, [alone!, under]),
      end: -1,
    });
  }
  return out;
}

const same = (a: Money, b: Money) =>
  a.value === b.value && (a.currency === b.currency || a.currency === null || b.currency === null);
const distinct = (hits: Hit[]) => hits.filter((h, i) => hits.findIndex((o) => same(o.money, h.money)) === i);

function doubt(field: string, hits: Hit[], problems: Found[]): boolean {
  if (distinct(hits).length <= 1) return false;
  const printed = distinct(hits)
    .map((h) => h.money.text)
    .join(", ");
  problems.push(
    found(
      "meta/field-doubtful",
      "warning",
      `the cover prints different values for ${field} (${printed}); the field is left empty`,
      { page: hits[0]!.ev.page, where: field },
    ),
  );
  return true;
}

/** The fullest reading of one amount: the hit that knows its currency. */
const best = (hits: Hit[]) => hits.find((h) => h.money.currency !== null) ?? hits[0]!;

export function readPrices(stream: Stream, labels: Label[], lines: CoverLine[]): PriceFacts {
  const problems: Found[] = [];
  const ev: Evidence[] = [];
  const targets = amounts(stream, labels, lines, "target", "target_price");
  let target: Meta["target_price"] = null;
  if (targets.length > 0 && !doubt("target_price", targets, problems)) {
    const t = best(targets);
    const prev = previousTarget(stream, labels, lines, targets, problems);
    target = {
      value: t.money.value,
      currency: t.money.currency,
      text: t.money.text,
      previous_value: prev?.money.value ?? null,
      previous_text: prev?.money.text ?? null,
    };
    ev.push(t.ev, ...(prev ? [prev.ev] : []));
  }
  const current = readCurrent(stream, labels, lines, problems, ev);
  // A cap whose currency is printed comes first ("Market Cap (USD)" before "Market Cap (Local)").
  const found = amounts(stream, labels, lines, "market_cap", "market_cap");
  const caps = [...found.filter((h) => h.money.currency), ...found.filter((h) => !h.money.currency)];
  const sameCurrency = caps.filter((h) => h.money.currency === caps[0]?.money.currency);
  let cap: Meta["market_cap"] = null;
  if (caps.length > 0 && !doubt("market_cap", sameCurrency, problems)) {
    const c = caps[0]!;
    cap = { value: c.money.value, currency: c.money.currency, unit: c.money.unit, text: c.money.text };
    ev.push(c.ev);
  }
  return { fields: { target_price: target, current_price: current, market_cap: cap }, evidence: ev, problems };
}

const FROM = new RegExp(
  `^\\s*[,，(（]?\\s*(?:[A-Za-z]+\\s+)?(?:${alternation(cover.target_from_words)})\\s*[:：]?\\s*`,
);
const TARGET_WORD = new RegExp(alternation(cover.target_price_labels));

/** The previous target: after a label that names a target ("Previous TP", 上次目标价), after a bare "Previous"
 * close after the target, or "from HK$783.00" right after it. */
function previousTarget(
  stream: Stream,
  labels: Label[],
  lines: CoverLine[],
  targets: Hit[],
  problems: Found[],
): Hit | null {
  const near = (h: Hit) => targets.some((t) => t.end >= 0 && h.end >= t.end && h.end - t.end <= 80);
  const hits = amounts(stream, labels, lines, "previous_target", "previous_target_price").filter(
    (h) => TARGET_WORD.test(h.label?.text ?? "") || near(h),
  );
  for (const t of targets.filter((x) => x.end >= 0)) {
    const m = FROM.exec(stream.text.slice(t.end, t.end + 40));
    const money = m ? moneyAt(stream.text, t.end + m[0].length) : null;
    if (money)
      hits.push({
        money: { ...money, currency: money.currency ?? t.money.currency },
        label: null,
        ev: spanEvidence("previous_target_price", stream, t.end, money.end),
        end: money.end,
      });
  }
  hits.push(...movedTarget(stream, labels, targets));
  if (hits.length === 0 || doubt("previous_target_price", hits, problems)) return null;
  return best(hits);
}

const TO = alternation(cover.target_to_words);
const FROM_WORD = alternation(cover.target_from_words);

/** A sentence that moves the target — "cut our TP by 2% to HK$559, from HK$569", "raise our TP from HK$700 to
 * HK$750" —: the old target, when the new one is the target read. */
function movedTarget(stream: Stream, labels: Label[], targets: Hit[]): Hit[] {
  const out: Hit[] = [];
  const isTarget = (m: Money) => targets.some((t) => t.money.value === m.value);
  for (const label of labels.filter((l) => l.kinds.includes("target"))) {
    const end = stream.text.indexOf("\n", label.valueAt);
    const span = stream.text.slice(label.valueAt, Math.min(end < 0 ? Infinity : end, label.valueAt + 40));
    for (const [first, second, oldIsFirst] of [
      [TO, FROM_WORD, false],
      [FROM_WORD, TO, true],
    ] as const) {
      const pair = twoAmounts(stream.text, label.valueAt, span, first, second);
      if (!pair) continue;
      const [old, now] = oldIsFirst ? pair : [pair[1], pair[0]];
      if (!isTarget(now)) continue;
      const currency = old.currency ?? now.currency ?? targets[0]!.money.currency;
      const ev = spanEvidence("previous_target_price", stream, label.start, Math.max(old.end, now.end));
      out.push({ money: { ...old, currency }, label: null, ev, end: old.end });
    }
  }
  return out;
}

/** "<first> amount[,] <second> amount" starting in a span of the text: the two amounts. */
function twoAmounts(text: string, at: number, span: string, first: string, second: string): [Money, Money] | null {
  const m = new RegExp(`(?:${first})\\s*`).exec(span);
  const a = m ? moneyAt(text, at + m.index + m[0].length) : null;
  if (!a) return null;
  const link = new RegExp(`\\s*[,，]?\\s*(?:${second})\\s*`, "y");
  link.lastIndex = a.end;
  const l = link.exec(text);
  const b = l ? moneyAt(text, a.end + l[0].length) : null;
  return b ? [a, b] : null;
}

function readCurrent(
  stream: Stream,
  labels: Label[],
  lines: CoverLine[],
  problems: Found[],
  ev: Evidence[],
): Meta["current_price"] {
  const hits = amounts(stream, labels, lines, "current", "current_price");
  // The masthead "HK$550.50 - OUTPERFORM" prints the price beside the rating.
  for (const p of stream.pieces) {
    const m = PRICE_RATING_LINE.exec(p.line.text);
    const money = m ? moneyAt(p.line.text, 0) : null;
    if (money) hits.push({ money, label: null, ev: evidence("current_price", p.line.text, [p.line]), end: -1 });
  }
  if (hits.length === 0 || doubt("current_price", hits, problems)) return null;
  const h = best(hits);
  const dated = hits.find((x) => x.label?.date) ?? null;
  const date = dated?.label?.date ?? priceDate(stream, labels);
  ev.push(h.ev);
  return {
    value: h.money.value,
    currency: h.money.currency,
    text: h.money.text,
    date: date?.iso ?? null,
    date_text: date?.text ?? null,
  };
}

/** "Priced on 18 March 2026", "Closing price as of Mar 17, 2026": the date printed after a price-date label. */
function priceDate(stream: Stream, labels: Label[]): { text: string; iso: string | null } | null {
  for (const label of labels.filter((l) => l.kinds.includes("price_date"))) {
    const rest = stream.text.slice(label.valueAt, label.valueAt + 30);
    const d = findDates(rest)[0];
    if (d && d.start === 0) return { text: d.text, iso: d.iso };
    const short = SHORT_DATE.exec(rest);
    if (short && short.index === 0) return { text: short[0], iso: null };
  }
  return null;
}
