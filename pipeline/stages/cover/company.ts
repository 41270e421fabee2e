// The covered company: its name and tickers. A ticker is normalised to code.SUFFIX (123 HK, 00123.HK → 0123.HK;
// 688123 → 688123.SH and 603123 CH → 603123.SH by the code's prefix); the exchange follows from the suffix.
// Evidence, best first: a header line "Name (ticker, ticker)" (a company note's masthead, or a headline it
// prefixes), tickers after their labels (Bloomberg, Reuters, 股票代码 — on the row or under the label), lines that
// are nothing but one stock's tickers ("0123.HK, 123 HK", a sidebar cell "123 HK"); for the name a header with
// the bare code ("Acme (0123)"), a "Company" label or the masthead's large type. A stock seen only on lines of
// tickers, with no name printed, is no company (a lone code could be anything's).
import type { Company, Evidence } from "../../../schemas/index.ts";
import { cover } from "../../vocab/cover.ts";
import { evidence } from "./evidence.ts";
import { type Label, labelLine } from "./labels.ts";
import { below, type CoverLine, type Stream } from "./lines.ts";
import { escapeRe } from "./text.ts";

const SUFFIXES = [...Object.keys(cover.exchanges), ...cover.country_suffixes].map(escapeRe).join("|");
const TICKER = `(?<![\\w.])(?:(\\d{1,6})(?:\\.|\\s)(${SUFFIXES})(?![A-Za-z])|(\\d{6})(?!\\d)|([A-Z]{4,5})(?![A-Za-z]))`;
const SEP = `\\s*[,，/、]\\s*`;
const TICKER_LIST = new RegExp(`${TICKER}(?:${SEP}${TICKER})*`, "y");
const TICKER_ONE = new RegExp(TICKER, "g");
const canonical = (suffix: string) =>
  Object.keys(cover.exchanges).find((k) => cover.exchanges[k] === cover.exchanges[suffix]) ?? suffix;

export interface Ticker {
  printed: string;
  /** code.SUFFIX, or null for a code without an exchange (an ADR, a bare HK code). */
  normal: string | null;
  exchange: string | null;
}

export function readTicker(m: RegExpMatchArray): Ticker {
  const [code, suffix, mainland, letters] = [m[1], m[2], m[3], m[4]];
  if (code && suffix && cover.country_suffixes.includes(suffix)) {
    // 603993 CH: the country's exchange from the code's prefix, or no exchange.
    const prefix = code.length === 6 ? cover.code_prefixes[code.slice(0, 2)] : undefined;
    return prefix
      ? { printed: m[0], normal: `${code}.${prefix}`, exchange: cover.exchanges[prefix] ?? null }
      : { printed: m[0], normal: null, exchange: null };
  }
  if (code && suffix) {
    const s = canonical(suffix);
    const digits = s === "HK" ? String(Number(code)).padStart(4, "0") : code.padStart(6, "0");
    return { printed: m[0], normal: `${digits}.${s}`, exchange: cover.exchanges[s] ?? null };
  }
  const prefix = mainland ? cover.code_prefixes[mainland.slice(0, 2)] : undefined;
  if (mainland && prefix)
    return { printed: mainland, normal: `${mainland}.${prefix}`, exchange: cover.exchanges[prefix] ?? null };
  return { printed: letters ?? mainland ?? m[0], normal: null, exchange: null };
}

/** Tickers listed at a position: "123 HK / 0123.HK", "0123.HK, 123 HK". */
export function tickersAt(text: string, pos: number): Ticker[] {
  TICKER_LIST.lastIndex = pos;
  const m = TICKER_LIST.exec(text);
  return m ? [...m[0].matchAll(TICKER_ONE)].map(readTicker) : [];
}

const EN_NAME = /([A-Z][\w&'.,-]*(?:\s+(?:[A-Z][\w&'.,-]*|&|of|and))*)\s*$/;
const ZH_NAME = /([\p{Script=Han}A-Za-z0-9]{2,12})\s*$/u;
const HEADER_ONLY = /^[^（(]*[（(][^（()）]*[)）]\s*$/;
const HEADER = /^(.*?)[（(]\s*([^（()）]{2,40})\s*[)）]\s*(?:$|[-–—|｜:：])/;

/** "Acme Holdings Ltd. (0123.HK, 123 HK)", "某某股份（688123）：…", "Acme (0123)": a line that starts with a name
 * and its tickers. Not numbered (a list of related reports), and every bracketed item is a ticker or a bare
 * Hong Kong code (0123, whose exchange another line must print). */
function header(line: CoverLine): Header | null {
  const m = HEADER.exec(line.text);
  if (!m || line.text.length > 160) return null;
  const name = (EN_NAME.exec(m[1]!) ?? ZH_NAME.exec(m[1]!))?.[1]?.replace(/[,\s]+$/, "");
  if (!name || m[1]!.trim() !== name) return null;
  const items = m[2]!.split(/\s*[,，/、]\s*/);
  const tickers = tickersAt(m[2]!, 0);
  const bare = items.filter((i) => /^\d{4,5}$/.test(i));
  if (tickers.length + bare.length !== items.length) return null;
  if (bare.length > 0 && tickers.length > 0) return null;
  if (bare.length === 0 && !tickers.some((t) => t.normal)) return null;
  return { name, tickers, bare };
}

interface Header {
  name: string;
  tickers: Ticker[];
  /** Codes printed without an exchange (Acme (0123)). */
  bare: string[];
}

/** A line that is nothing but tickers with their exchange ("0123.HK, 123 HK", a sidebar cell "123 HK"). */
function onlyTickers(text: string): Ticker[] {
  const t = text.trim();
  TICKER_LIST.lastIndex = 0;
  const m = TICKER_LIST.exec(t);
  if (!m || m[0].length !== t.length) return [];
  const tickers = [...m[0].matchAll(TICKER_ONE)].map(readTicker);
  return tickers.every((x) => x.normal && /[.\s]/.test(x.printed) && isStock(x.normal)) ? tickers : [];
}

/** A mainland code whose prefix belongs to another exchange is an index's (000300.SH), not a stock's. */
function isStock(normal: string): boolean {
  const [code, suffix] = normal.split(".") as [string, string];
  const prefix = code.length === 6 ? cover.code_prefixes[code.slice(0, 2)] : undefined;
  return prefix === undefined || cover.exchanges[prefix] === cover.exchanges[suffix];
}

/** Codes equal as numbers (0123 and 123 HK). */
const sameCode = (bare: string, ticker: string) => Number(bare) === Number(ticker.split(".")[0]);

export interface CompanyFacts {
  companies: Company[];
  evidence: Evidence[];
  /** Lines that print the company's name alone (a masthead): not a title. */
  nameLines: Set<CoverLine>;
}

export function readCompanies(
  lines: CoverLine[],
  stream: Stream,
  labels: Label[],
  related: Set<CoverLine>,
): CompanyFacts {
  const out: CompanyFacts = { companies: [], evidence: [], nameLines: new Set() };
  const own = lines.filter((l) => !related.has(l));
  const headers = own.flatMap((line) => {
    const h = header(line);
    return h ? [{ line, ...h }] : [];
  });
  // A line that is only a name and its tickers is a masthead, not a headline.
  for (const h of headers) if (HEADER_ONLY.test(h.line.text)) out.nameLines.add(h.line);
  // The masthead: the header line in the largest type (several in a list of peers would be a list, not the cover's).
  const top = headers.filter((h) => h.bare.length === 0).sort((a, b) => (b.line.size ?? 0) - (a.line.size ?? 0))[0];
  let company: Company | null = null;
  if (top) {
    company = make(top.name, top.tickers);
    out.evidence.push(evidence("company", top.line.text, [top.line]));
  }
  company = labelledTickers(stream, labels, own, company, out);
  // A stock found only on lines of tickers needs its name printed too (a lone code could be anything's).
  const loose = company === null;
  company = tickerLines(own, company, out);
  if (company && company.name === null) {
    const named = headers.find((h) => h.bare.some((b) => sameCode(b, company!.ticker)));
    if (named) {
      company.name = named.name;
      company.tickers.unshift(...named.bare);
      out.evidence.push(evidence("company", named.line.text, [named.line]));
    }
  }
  if (company && company.name === null) {
    const named = companyLabel(stream, labels, own) ?? masthead(own);
    if (named) {
      company.name = named.name;
      out.nameLines.add(named.line);
      out.evidence.push(evidence("company", named.line.text, [named.line]));
    }
  }
  if (company && loose && company.name === null) return { ...out, evidence: [] };
  if (company) out.companies.push(company);
  return out;
}

/** Tickers after their labels (Bloomberg, 股票代码), on the row or under the label; another company's are left. */
function labelledTickers(
  stream: Stream,
  labels: Label[],
  own: CoverLine[],
  company: Company | null,
  out: CompanyFacts,
): Company | null {
  for (const label of labels.filter((l) => l.kinds.includes("ticker"))) {
    let tickers = tickersAt(stream.text, label.valueAt);
    let where = stream.linesIn(label.start, label.valueAt + 1);
    const alone = labelLine(stream, label, own);
    if (tickers.length === 0 && alone) {
      const under = below(own, alone)[0];
      tickers = under ? tickersAt(under.text, 0) : [];
      where = under ? [under] : where;
    }
    if (!tickers.some((t) => t.normal)) continue;
    if (company && !tickers.some((t) => t.normal === company!.ticker)) continue; // another company's ticker
    company ??= make(null, []);
    addTickers(company, tickers);
    out.evidence.push(evidence("ticker", where.map((l) => l.text).join(" "), where));
  }
  return company;
}

/** Lines of nothing but tickers: the company's other forms, or — when they all name one stock — the company. */
function tickerLines(own: CoverLine[], company: Company | null, out: CompanyFacts): Company | null {
  const found = own.flatMap((line) => {
    const tickers = onlyTickers(line.text);
    return tickers.length > 0 ? [{ line, tickers }] : [];
  });
  const stocks = new Set(found.flatMap((f) => f.tickers.map((t) => t.normal)));
  if (!company && stocks.size !== 1) return company; // a list of peers, or none
  for (const f of found) {
    if (company && !f.tickers.some((t) => t.normal === company!.ticker)) continue;
    company ??= make(null, []);
    addTickers(company, f.tickers);
    out.evidence.push(evidence("ticker", f.line.text, [f.line]));
  }
  return company;
}

function make(name: string | null, tickers: Ticker[]): Company {
  const c: Company = { name, ticker: "", tickers: [], exchange: null };
  addTickers(c, tickers);
  return c;
}

function addTickers(c: Company, tickers: Ticker[]) {
  for (const t of tickers) if (!c.tickers.includes(t.printed)) c.tickers.push(t.printed);
  const first = tickers.find((t) => t.normal);
  if (!c.ticker && first) {
    c.ticker = first.normal!;
    c.exchange = first.exchange;
  }
}

/** "Company: Acme" or "Company" printed over "Acme". */
function companyLabel(stream: Stream, labels: Label[], lines: CoverLine[]): { name: string; line: CoverLine } | null {
  for (const label of labels.filter((l) => l.kinds.includes("company"))) {
    const alone = labelLine(stream, label, lines);
    const under = alone ? below(lines, alone)[0] : null;
    if (under && isName(under.text)) return { name: under.text, line: under };
    const rest = stream.text.slice(label.valueAt).split("\n")[0]!.trim();
    const line = stream.linesIn(label.start, label.start + 1)[0];
    if (!alone && line && /[:：]/.test(stream.text.slice(label.start, label.valueAt)) && isName(rest))
      return { name: rest, line };
  }
  return null;
}

const isName = (text: string) =>
  /^[A-Z][A-Za-z&.'-]*(?:\s+[A-Z][A-Za-z&.'-]*){0,3}$/.test(text) || /^\p{Script=Han}{2,8}$/u.test(text);

/** The company's name in the masthead's large type: a short capitalised line, larger than the body text. */
function masthead(lines: CoverLine[]): { name: string; line: CoverLine } | null {
  const sizes = lines
    .map((l) => l.size ?? 0)
    .filter((s) => s > 0)
    .sort((a, b) => a - b);
  const body = sizes[Math.floor(sizes.length / 2)] ?? 0;
  const skip = new Set([...cover.report_type_lines, ...cover.roles, ...Object.keys(cover.rating_scale)]);
  // A company's name is its note's subject: its first word recurs on the cover (a banner such as "Asia Pacific" does not).
  const text = lines.map((l) => l.text).join("\n");
  const recurs = (l: CoverLine) => text.split(l.text.split(/\s+/)[0]!).length - 1 >= 3;
  const candidates = lines.filter(
    (l) =>
      l.size !== null &&
      l.size >= 1.3 * body &&
      l.size < 100 &&
      isName(l.text) &&
      !skip.has(l.text) &&
      !/\d/.test(l.text) &&
      recurs(l),
  );
  const best = candidates.sort((a, b) => (b.size ?? 0) - (a.size ?? 0))[0];
  return best ? { name: best.text, line: best } : null;
}
