// The cover vocabulary of every language (vocab/<language>/cover.json): rating scales and their reading as
// positive / neutral / negative, the labels of prices, dates, tickers and analysts' details, currency and unit
// words, the sentences that name the publishing broker. A new language is a new file here, not code.
import en from "./en/cover.json" with { type: "json" };
import zh from "./zh/cover.json" with { type: "json" };

export type Normalised = "positive" | "neutral" | "negative";
type Lists = Exclude<
  keyof typeof zh,
  "rating_scale" | "currencies" | "units" | "exchanges" | "code_prefixes" | "months" | "licence_labels"
>;
type CoverVocab = Record<Lists, string[]> & {
  rating_scale: Record<string, string>;
  currencies: Record<string, string>;
  units: Record<string, string>;
  exchanges: Record<string, string>;
  code_prefixes: Record<string, string>;
  months: Record<string, number>;
  licence_labels: Record<string, string[]>;
};
export const coverByLanguage: Record<"zh" | "en", CoverVocab> = { zh, en };
const languages = Object.values(coverByLanguage);

/** Longest first, so that a regex alternation or a prefix test finds 强烈推荐 before 推荐. */
export const longestFirst = (words: Iterable<string>) => [...new Set(words)].sort((a, b) => b.length - a.length);
const list = (key: Lists) => longestFirst(languages.flatMap((l) => l[key]));
const merged = <T>(key: "rating_scale" | "currencies" | "units" | "exchanges" | "code_prefixes" | "months") =>
  Object.assign({}, ...languages.map((l) => l[key])) as Record<string, T>;

export const cover = {
  rating_labels: list("rating_labels"),
  previous_rating_labels: list("previous_rating_labels"),
  rating_scale: merged<Normalised>("rating_scale"),
  rating_modifiers: list("rating_modifiers"),
  rating_actions: list("rating_actions"),
  maintain_actions: list("maintain_actions"),
  rating_sentence_verbs: list("rating_sentence_verbs"),
  /** Words between the verb and the rating in a sentence ("maintain our Buy", 维持公司“买入”评级). */
  rating_sentence_objects: list("rating_sentence_objects"),
  /** The word "rating" after a rating in a sentence or an action (Buy rating, 维持评级). */
  rating_words: list("rating_words"),
  target_price_labels: list("target_price_labels"),
  previous_target_labels: list("previous_target_labels"),
  target_from_words: list("target_from_words"),
  /** "cut our TP to HK$559, from HK$569": the word before the new target in a sentence. */
  target_to_words: list("target_to_words"),
  current_price_labels: list("current_price_labels"),
  price_date_labels: list("price_date_labels"),
  /** Words between a price label and the date it is of ("Price at 11 Mar 2026"). */
  date_prepositions: list("date_prepositions"),
  market_cap_labels: list("market_cap_labels"),
  float_cap_labels: list("float_cap_labels"),
  currencies: merged<string>("currencies"),
  units: merged<string>("units"),
  ticker_labels: list("ticker_labels"),
  company_labels: list("company_labels"),
  exchanges: merged<string>("exchanges"),
  /** Suffixes of a country, not an exchange (603993 CH): the exchange follows from the code's prefix. */
  country_suffixes: list("country_suffixes"),
  /** Exchange suffix of a bare six-digit mainland code by its first two digits (688556 → SH). */
  code_prefixes: merged<string>("code_prefixes"),
  publication_date_labels: list("publication_date_labels"),
  other_date_labels: list("other_date_labels"),
  months: merged<number>("months"),
  weekdays: list("weekdays"),
  related_headings: list("related_headings"),
  roles: list("roles"),
  /** Words of a job title printed above a name ("Head of China Equity Research"). */
  title_words: list("title_words"),
  author_labels: list("author_labels"),
  compound_surnames: list("compound_surnames"),
  /** Template tags a report's producer leaves in the text layer (Table_Title), as regular expressions. */
  template_tags: list("template_tags"),
  designations: list("designations"),
  /** Words of a download or distribution stamp ("Downloaded by x@y", 仅通过邮件提供给): its address is no analyst's. */
  distribution_stamps: list("distribution_stamps"),
  licence_labels: Object.fromEntries(
    ["SAC", "SFC CE", "other"].map((kind) => [
      kind,
      longestFirst(languages.flatMap((l) => l.licence_labels[kind] ?? [])),
    ]),
  ) as Record<"SAC" | "SFC CE" | "other", string[]>,
  phone_labels: list("phone_labels"),
  email_labels: list("email_labels"),
  report_type_lines: list("report_type_lines"),
  report_type_suffixes: list("report_type_suffixes"),
  broker_words: list("broker_words"),
  /** The word ending a Chinese securities firm's short name (国信证券). */
  securities_words: list("securities_words"),
  broker_name_suffixes: list("broker_name_suffixes"),
  legal_suffixes: list("legal_suffixes"),
  contributor_suffixes: list("contributor_suffixes"),
  industry_labels: list("industry_labels"),
  industries: list("industries"),
};

/** The broker sentences of each language, kept apart: the name they hold is matched differently (Han characters
 * ending in 证券 or a legal form; capitalised English words). */
export const brokerSentences = { zh: zh.broker_sentences, en: en.broker_sentences };
