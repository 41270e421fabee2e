// The rating as printed, read on the broker's own scale as positive / neutral / negative (vocab rating_scale), with
// the action printed beside it (维持, Maintain) and the previous rating when one is printed. Evidence, best first:
// after a rating label (on the row or under it); a line that is only a rating (买入（维持）, BUY); a masthead line
// "HK$550.50 - OUTPERFORM"; a sentence "Maintain BUY." / 维持“买入”评级. Candidates of one kind that disagree
// leave the rating empty, with a warning.
import type { Evidence, Meta } from "../../../schemas/index.ts";
import { type Found, found } from "../../problems.ts";
import { cover, type Normalised } from "../../vocab/cover.ts";
import { evidence, spanEvidence } from "./evidence.ts";
import { type Label, labelLine } from "./labels.ts";
import { below, type CoverLine, type Stream } from "./lines.ts";
import { alternation, MONEY } from "./text.ts";

// A rating word, with a modifier before it (HIGH CONVICTION) and a grade or scale number after it (强烈推荐-A;
// Buy (1)).
const RATING = `(?:(${alternation(cover.rating_modifiers)})\\s+)?(${alternation(Object.keys(cover.rating_scale))})(?:-[A-Z](?![A-Za-z])|\\s?[（(]\\d[)）])?`;
const ACTION = `\\s*[（(]?\\s*(${alternation(cover.rating_actions)})\\s*[)）]?`;
const RATING_AT = new RegExp(`${RATING}(?:${ACTION})?`, "y");
/** A line that is only a rating and its action. */
const RATING_LINE = new RegExp(`^${RATING}(?:${ACTION})?$`);
/** A masthead "HK$550.50 - HIGH CONVICTION OUTPERFORM": the price and the rating. */
export const PRICE_RATING_LINE = new RegExp(`^(${MONEY})\\s*[-–—|]\\s*${RATING}$`);
const ACTION_BEFORE = new RegExp(`(?:${alternation(cover.rating_actions)})\\s*$`);
const quote = `[“"'‘「]?`;
const unquote = `[”"'’」]?`;
const RATING_WORD = alternation(cover.rating_words);
const SENTENCE = new RegExp(
  `(${alternation(cover.rating_sentence_verbs)})\\s*(?:(?:${alternation(cover.rating_sentence_objects)})\\s*)?${quote}${RATING}${unquote}(?=\\s*(?:${RATING_WORD}|[.;,:：。，；]|$))`,
  "gm",
);

interface Candidate {
  rating: string;
  action: string | null;
  start: number;
  end: number;
  ev: Evidence;
}

export interface RatingFacts {
  fields: Pick<Meta, "rating" | "rating_action" | "previous_rating" | "rating_normalised" | "previous_rating_printed">;
  evidence: Evidence[];
  problems: Found[];
}

/** The rating word as printed, with its modifier (HIGH CONVICTION OUTPERFORM); a grade or scale number after it
 * (-A, (1)) is the scale's code, not the word. */
const word = (m: RegExpExecArray, at: number) => ({ rating: [m[at], m[at + 1]].filter(Boolean).join(" ") });
export const normalisedOf = (rating: string | null): Normalised | null => {
  if (rating === null) return null;
  const base = cover.rating_modifiers.reduce((r, m) => r.replace(new RegExp(`^${m}\\s+`), ""), rating);
  return (cover.rating_scale[base] as Normalised | undefined) ?? null;
};

/** The rating word (and action) printed at a position of a text. */
function ratingAt(text: string, pos: number): { rating: string; action: string | null; end: number } | null {
  RATING_AT.lastIndex = pos;
  const m = RATING_AT.exec(text);
  return m ? { rating: word(m, 1).rating, action: m[3] ?? null, end: pos + m[0].length } : null;
}

export function readRating(stream: Stream, labels: Label[], lines: CoverLine[]): RatingFacts {
  const previous = labelled(stream, labels, lines, "previous_rating");
  const taken = new Set(previous.map((p) => p.start));
  const tiers = [
    labelled(stream, labels, lines, "rating"),
    standalone(stream, taken),
    mastheads(stream),
    sentences(stream),
  ];
  const problems: Found[] = [];
  const tier = tiers.find((t) => t.length > 0) ?? [];
  const values = new Set(tier.map((c) => normalisedOf(c.rating)));
  let current: Candidate | null = tier[0] ?? null;
  if (values.size > 1) {
    problems.push(
      found(
        "meta/field-doubtful",
        "warning",
        `the cover prints different ratings (${tier.map((c) => c.rating).join(", ")}); the rating is left empty`,
        { page: tier[0]!.ev.page, where: "rating" },
      ),
    );
    current = null;
  }
  // Two different previous ratings: none is trusted (no warning: the current rating is what matters).
  const prev = new Set(previous.map((p) => normalisedOf(p.rating))).size === 1 ? previous[0]! : null;
  const action = current?.action?.replace(new RegExp(`\\s*(?:${RATING_WORD})$`), "") ?? null;
  const maintained = action !== null && cover.maintain_actions.includes(action);
  return {
    fields: {
      rating: current?.rating ?? null,
      rating_action: action,
      previous_rating: prev?.rating ?? (maintained ? (current?.rating ?? null) : null),
      rating_normalised: normalisedOf(current?.rating ?? null),
      previous_rating_printed: prev?.rating ?? null,
    },
    evidence: [...(current ? [current.ev] : []), ...(prev ? [{ ...prev.ev, field: "previous_rating" }] : [])],
    problems,
  };
}

/** After a rating label: "Rating: BUY", 投资评级 / 买入（维持）, or "Rating" printed over "Buy". An action printed
 * just before the label ("Reiterate Rating: BUY") is the action. */
function labelled(
  stream: Stream,
  labels: Label[],
  lines: CoverLine[],
  kind: "rating" | "previous_rating",
): Candidate[] {
  const out: Candidate[] = [];
  for (const label of labels.filter((l) => l.kinds.includes(kind))) {
    const r = ratingAt(stream.text, label.valueAt);
    if (r) {
      const before = ACTION_BEFORE.exec(stream.text.slice(Math.max(0, label.start - 16), label.start));
      out.push({
        ...r,
        action: r.action ?? before?.[0].trim() ?? null,
        start: label.valueAt,
        ev: spanEvidence(kind, stream, label.start, r.end),
      });
      continue;
    }
    const alone = labelLine(stream, label, lines);
    const under = alone ? below(lines, alone)[0] : undefined;
    const m = under ? RATING_LINE.exec(under.text) : null;
    const start = stream.pieces.find((p) => p.line === under)?.start ?? -1;
    if (m && under)
      out.push({
        rating: word(m, 1).rating,
        action: m[3] ?? null,
        start,
        end: -1,
        ev: evidence(kind, `${label.text} ${under.text}`, [alone!, under]),
      });
  }
  return out;
}

/** A row piece that is only a rating (a sidebar's big BUY; 强于大市(维持评级) under its label), unless it is the
 * value of a previous-rating label. */
function standalone(stream: Stream, taken: Set<number>): Candidate[] {
  return stream.pieces.flatMap(({ line, start, end }) => {
    const m = RATING_LINE.exec(line.text);
    return m && !taken.has(start)
      ? [{ rating: word(m, 1).rating, action: m[3] ?? null, start, end, ev: evidence("rating", line.text, [line]) }]
      : [];
  });
}

function mastheads(stream: Stream): Candidate[] {
  return stream.pieces.flatMap(({ line }) => {
    const m = PRICE_RATING_LINE.exec(line.text);
    if (!m) return [];
    return [
      {
        rating: word(m, m.length - 2).rating,
        action: null,
        start: -1,
        end: -1,
        ev: evidence("rating", line.text, [line]),
      },
    ];
  });
}

function sentences(stream: Stream): Candidate[] {
  return [...stream.text.matchAll(SENTENCE)].map((m) => {
    const w = word(m as RegExpExecArray, 2);
    const action = cover.rating_actions.find((a) => m[1]!.toLowerCase().startsWith(a.toLowerCase())) ?? null;
    return {
      rating: w.rating,
      action,
      start: m.index,
      end: m.index + m[0].length,
      ev: spanEvidence("rating", stream, m.index, m.index + m[0].length),
    };
  });
}
