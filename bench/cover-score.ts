// Cover facts of one report against its hand-checked truth (test/fixtures/cover-truth/), field by field. Each fact
// the truth has printed is right, empty (not extracted, or extracted without a part the truth has) or wrong; a
// fact the truth says is not printed but that was extracted is wrong too. What "equal" means, per field:
// numbers equal; dates by ISO form; texts after Unicode and whitespace folding (ratings and roles also without case
// or spaces); brokers by name without legal form, or by the broker list; tickers by normalised form; analysts
// matched by name.
import type { Meta } from "../schemas/index.ts";
import { bareName, knownBroker } from "../pipeline/stages/cover/broker.ts";
import { tickersAt } from "../pipeline/stages/cover/company.ts";
import { findDates } from "../pipeline/stages/cover/text.ts";

export type Outcome = "right" | "empty" | "wrong";
export interface FieldResult {
  field: string;
  outcome: Outcome;
  /** The truth printed the fact (else a wrong is an extracted fact that is not printed). */
  printed: boolean;
  truth: string;
  got: string;
}

interface Money {
  text: string;
  value: number;
  currency: string | null;
  unit?: string | null;
}
export interface Truth {
  file: string;
  broker: { text: string } | null;
  date: { text: string; iso: string } | null;
  title: { text: string } | null;
  companies: { name: string; tickers: string[]; exchange: string | null }[];
  rating: { text: string; normalised: string; previous: string | null } | null;
  target_price: (Money & { previous_text: string | null; previous_value: number | null }) | null;
  current_price: (Money & { date_text: string | null }) | null;
  market_cap: (Money & { unit: string | null; alternates?: Money[] }) | null;
  analysts: {
    name: string;
    role: string | null;
    email: string | null;
    phone: string | null;
    licences: { kind: string; id: string }[];
  }[];
}

export const FIELDS = [
  "broker",
  "date",
  "title",
  "company_ticker",
  "company_name",
  "company_exchange",
  "rating",
  "rating_normalised",
  "previous_rating",
  "target_price",
  "previous_target_price",
  "current_price",
  "current_price_date",
  "market_cap",
  "analyst",
  "analyst_role",
  "analyst_email",
  "analyst_phone",
  "analyst_licences",
] as const;

const fold = (s: string | null | undefined) => (s ?? "").normalize("NFKC").replace(/\s+/g, " ").trim();
const tight = (s: string | null | undefined) => fold(s).replace(/\s/g, "").toLowerCase();
const show = (v: unknown) => (v === null || v === undefined ? "∅" : typeof v === "string" ? v : JSON.stringify(v));

/** One fact: right when equal, empty when nothing was extracted, wrong otherwise (or when nothing is printed). */
function fact(field: string, truth: unknown, got: unknown, equal: () => boolean, partial = false): FieldResult {
  const printed = truth !== null && truth !== undefined;
  const has = got !== null && got !== undefined;
  const outcome: Outcome = !has ? "empty" : !printed ? "wrong" : equal() ? "right" : partial ? "empty" : "wrong";
  return { field, outcome, printed, truth: show(truth), got: show(got) };
}

const sameBroker = (a: string, b: string) => {
  const [x, y] = [tight(bareName(a)), tight(bareName(b))];
  const known = knownBroker(a);
  return x === y || `${x}证券` === y || x === `${y}证券` || (known !== null && known === knownBroker(b));
};

const normalTickers = (printed: string[]) =>
  printed.flatMap((t) => tickersAt(t, 0).flatMap((x) => (x.normal ? [x.normal] : [])));

/** Value and currency of an amount; the value right but its currency missing is incomplete (empty). */
function amount(
  field: string,
  truth: Money | null,
  got: { value: number; currency: string | null; unit?: string | null } | null,
  alternates: Money[] = [],
): FieldResult {
  const options = truth ? [truth, ...alternates] : [];
  const match = (t: Money) => got !== null && got.value === t.value && (t.unit === undefined || got.unit === t.unit);
  const hit = options.find(match);
  const r = fact(
    field,
    truth ? truth.text : null,
    got ? `${got.value} ${got.currency ?? "?"}${got.unit ? ` ${got.unit}` : ""}` : null,
    () => hit !== undefined && hit.currency === got!.currency,
    hit !== undefined && got?.currency === null,
  );
  return r;
}

export function scoreReport(truth: Truth, meta: Meta): FieldResult[] {
  const out: FieldResult[] = [];
  out.push(fact("broker", truth.broker?.text, meta.broker, () => sameBroker(meta.broker!, truth.broker!.text)));
  out.push(fact("date", truth.date?.iso, meta.date, () => meta.date === truth.date!.iso));
  out.push(fact("title", truth.title?.text, meta.title, () => fold(meta.title) === fold(truth.title!.text)));
  out.push(...companies(truth, meta));
  const r = truth.rating;
  out.push(fact("rating", r?.text, meta.rating, () => tight(meta.rating) === tight(r!.text)));
  out.push(
    fact("rating_normalised", r?.normalised, meta.rating_normalised, () => meta.rating_normalised === r!.normalised),
  );
  out.push(
    fact(
      "previous_rating",
      r?.previous ?? null,
      meta.previous_rating_printed,
      () => tight(meta.previous_rating_printed) === tight(r!.previous),
    ),
  );
  const tp = truth.target_price;
  out.push(amount("target_price", tp, meta.target_price));
  const prev =
    tp?.previous_value != null
      ? { text: tp.previous_text ?? "", value: tp.previous_value, currency: tp.currency }
      : null;
  const gotPrev =
    meta.target_price?.previous_value != null
      ? { value: meta.target_price.previous_value, currency: meta.target_price.currency }
      : null;
  out.push(amount("previous_target_price", prev, gotPrev));
  out.push(amount("current_price", truth.current_price, meta.current_price));
  const dt = truth.current_price?.date_text ?? null;
  const gotDate = meta.current_price?.date_text ?? null;
  out.push(
    fact(
      "current_price_date",
      dt,
      gotDate,
      () => fold(gotDate) === fold(dt) || (findDates(dt!)[0]?.iso ?? "") === (meta.current_price?.date ?? "-"),
    ),
  );
  const mc = truth.market_cap;
  out.push(amount("market_cap", mc, meta.market_cap, mc?.alternates ?? []));
  out.push(...analysts(truth, meta));
  return out;
}

function companies(truth: Truth, meta: Meta): FieldResult[] {
  const out: FieldResult[] = [];
  const used = new Set<number>();
  for (const t of truth.companies) {
    const normal = normalTickers(t.tickers);
    const i = meta.companies.findIndex((c, k) => !used.has(k) && normal.includes(c.ticker));
    const c = i >= 0 ? meta.companies[i]! : null;
    if (c) used.add(i);
    out.push(fact("company_ticker", normal[0] ?? t.tickers.join(" "), c?.ticker, () => true));
    out.push(fact("company_name", t.name, c?.name, () => fold(c!.name) === fold(t.name)));
    out.push(fact("company_exchange", t.exchange, c?.exchange, () => c!.exchange === t.exchange));
  }
  meta.companies.forEach((c, k) => {
    if (!used.has(k)) out.push(fact("company_ticker", null, c.ticker, () => false));
  });
  return out;
}

function analysts(truth: Truth, meta: Meta): FieldResult[] {
  const out: FieldResult[] = [];
  const byName = (name: string) => meta.analysts.find((a) => tight(a.name) === tight(name)) ?? null;
  for (const t of truth.analysts) {
    const a = byName(t.name);
    out.push(fact("analyst", t.name, a?.name, () => true));
    if (!a) {
      for (const f of ["role", "email", "phone"] as const)
        if (t[f] !== null) out.push(fact(`analyst_${f}`, t[f], null, () => false));
      if (t.licences.length)
        out.push(fact("analyst_licences", t.licences.map((l) => l.id).join(" "), null, () => false));
      continue;
    }
    out.push(fact("analyst_role", t.role, a.role, () => tight(a.role) === tight(t.role)));
    out.push(fact("analyst_email", t.email, a.email, () => tight(a.email) === tight(t.email)));
    out.push(fact("analyst_phone", t.phone, a.phone, () => tight(a.phone) === tight(t.phone)));
    const ids = (ls: { kind: string; id: string }[]) =>
      ls
        .map((l) => `${l.kind}:${l.id}`)
        .sort()
        .join(" ");
    out.push(
      fact(
        "analyst_licences",
        t.licences.length ? ids(t.licences) : null,
        a.licences.length ? ids(a.licences) : null,
        () => ids(a.licences) === ids(t.licences),
      ),
    );
  }
  for (const a of meta.analysts)
    if (!truth.analysts.some((t) => tight(t.name) === tight(a.name)))
      out.push(fact("analyst", null, a.name, () => false));
  return out;
}
