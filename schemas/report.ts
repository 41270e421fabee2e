// The extracted report: what report.json holds and every CSV is derived from.
import { z } from "zod";
import { Box, SourceFormat } from "./layout.ts";
import { Problem } from "./problem.ts";

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "dates are ISO YYYY-MM-DD");

export const Licence = z.object({
  kind: z
    .enum(["SAC", "SFC CE", "other"])
    .describe(
      "SAC: a Chinese SAC number (执业证书编号, S… or old-style A…); SFC CE: a Hong Kong SFC central entity number",
    ),
  id: z.string().min(1).describe("the number as printed"),
});
export type Licence = z.infer<typeof Licence>;

// Fields added after the first release carry defaults, so that a report.json written before them still reads.
export const Analyst = z.object({
  name: z.string().min(1).describe("analyst's name as printed, without designations such as CFA"),
  role: z.string().nullable().describe("role as printed, e.g. 分析师, 联系人, 研究助理, Research Analyst"),
  sac_id: z
    .string()
    .regex(/^S\d{13}$/)
    .nullable()
    .describe("SAC registration number (执业证书编号), null when not printed"),
  email: z.string().nullable().describe("e-mail address"),
  phone: z.string().nullable().default(null).describe("telephone number as printed"),
  licences: z.array(Licence).default([]).describe("licence numbers printed with the name (SAC, SFC CE)"),
});

export const RelatedReport = z.object({
  title: z.string().min(1).describe("title without the 《》 marks"),
  date: isoDate.nullable().describe("publication date"),
});

export const Company = z.object({
  name: z.string().nullable().describe("company name as printed, null when only its ticker is printed"),
  ticker: z.string().describe("normalised ticker: 0700.HK, 688556.SH, 000001.SZ"),
  tickers: z.array(z.string()).describe("every form of the ticker printed on the cover (700 HK, 0700.HK, 00700)"),
  exchange: z.string().nullable().describe("exchange implied by the ticker: HKEX, SSE, SZSE, BSE"),
});
export type Company = z.infer<typeof Company>;

export const Normalised = z.enum(["positive", "neutral", "negative"]);

export const TargetPrice = z.object({
  value: z.number().describe("the target price"),
  currency: z
    .string()
    .nullable()
    .describe("ISO 4217 code (HKD, CNY, USD), from the value or its label; null when not printed"),
  text: z.string().describe("the value as printed, e.g. HK$787.00"),
  previous_value: z
    .number()
    .nullable()
    .describe("the previous target price when printed (Previous TP, from HK$783.00)"),
  previous_text: z.string().nullable().describe("the previous target price as printed"),
});

export const CurrentPrice = z.object({
  value: z.number(),
  currency: z.string().nullable().describe("ISO 4217 code, from the value or its label"),
  text: z.string().describe("the value as printed"),
  date: isoDate.nullable().describe("the price date, when printed with a year"),
  date_text: z.string().nullable().describe("the price date as printed (Mar 17, 2026)"),
});

export const MarketCap = z.object({
  value: z.number().describe("the number as printed, in `unit`"),
  currency: z.string().nullable().describe("ISO 4217 code, from the value or its label"),
  unit: z.string().nullable().describe("scale of the value: k, mn, bn, tn, 万, 亿; null when none is printed"),
  text: z.string().describe("the value as printed"),
});

export const Evidence = z.object({
  field: z
    .string()
    .describe(
      "the fact: title, broker, date, company, ticker, rating, previous_rating, target_price, previous_target_price, current_price, market_cap, analyst",
    ),
  text: z.string().describe("the printed text the fact was read from"),
  page: z.int().positive().nullable().describe("1-based page, null for text input"),
  line: z.int().positive().nullable().describe("source line (text input), null for PDF input"),
  box: Box.nullable().describe("where it is printed on the page, null for text input"),
});
export type Evidence = z.infer<typeof Evidence>;

export const Meta = z.object({
  title: z.string().nullable().describe("report title (the cover headline)"),
  broker: z.string().nullable().describe("publishing broker without its legal form, e.g. 天风证券, Morgan Stanley"),
  industry: z.string().nullable().describe("industry or sector covered, as printed"),
  date: isoDate.nullable().describe("publication date"),
  rating: z.string().nullable().describe("current rating as printed, without the action, e.g. 强于大市, BUY"),
  rating_action: z.string().nullable().describe("action printed with the rating, e.g. 维持, 首次, 上调, Maintain"),
  previous_rating: z
    .string()
    .nullable()
    .describe("previous rating (上次评级), or the rating itself when it is maintained"),
  analysts: z.array(Analyst),
  related_reports: z.array(RelatedReport),
  language: z.enum(["zh", "en"]).nullable().default(null).describe("language of the report's cover"),
  companies: z
    .array(Company)
    .default([])
    .describe("the companies the note covers (company notes; empty for industry and quant notes)"),
  rating_normalised: Normalised.nullable()
    .default(null)
    .describe(
      "the rating on the broker's own scale read as positive (买入, 增持, Buy, Overweight, Outperform), neutral or negative; null when no rating is printed or the word is unknown",
    ),
  previous_rating_printed: z
    .string()
    .nullable()
    .default(null)
    .describe(
      "the previous rating only when printed as a rating word (Previous BUY, 上次评级：买入); unlike previous_rating, never inferred from 维持",
    ),
  target_price: TargetPrice.nullable()
    .default(null)
    .describe("target price (目标价, Price target, PO), null when not printed on the cover"),
  current_price: CurrentPrice.nullable().default(null).describe("share price printed on the cover"),
  market_cap: MarketCap.nullable().default(null).describe("market capitalisation printed on the cover"),
  evidence: z
    .array(Evidence)
    .default([])
    .describe("where each cover fact was read: one record per fact (per analyst and company)"),
});
export type Meta = z.infer<typeof Meta>;

export const Section = z.object({
  number: z
    .string()
    .regex(/^\d+(\.\d+)*$/)
    .nullable()
    .describe("section number, e.g. 1.1; null for unnumbered entries"),
  title: z.string().min(1).describe("title as in the table of contents"),
  page: z.int().positive().nullable().describe("page given by the table of contents"),
  line: z.int().positive().nullable().describe("source line of the heading in the body, null if not found"),
});

export const Figure = z.object({
  label: z.string().describe("normalised label, e.g. 图 4, 表 1, 图表 14"),
  title: z.string().describe("title from the list of figures (or the caption when there is no list)"),
  page: z.int().positive().nullable().describe("page from the list of figures"),
  caption: z.string().nullable().describe("title as captioned in the body, null when the caption was not found"),
  line: z.int().positive().nullable().describe("source line of the body caption"),
  source: z.string().nullable().describe("the 资料来源 text under the figure"),
  content: z
    .enum(["table", "image"])
    .nullable()
    .describe("what the caption introduces: a table or an image; null when the caption was not found"),
  table_id: z.string().nullable().describe("id of the table under this caption"),
});

// The unit's meaning and the period (issue 15) are optional so that cells built before them still type-check and
// an old report.json still reads; the normalize stage always writes them, null when unknown.
export const Cell = z.object({
  row: z.int().nonnegative().describe("0-based row in the table's body"),
  col: z.int().nonnegative().describe("0-based column in the table grid"),
  row_header: z.array(z.string()).describe("row header path, outermost group first"),
  col_header: z.array(z.string()).describe("column header path, top header row first"),
  raw: z.string().describe("cell text exactly as printed"),
  value: z.number().nullable().describe("the number in the cell, in the printed scale (90.04% → 90.04)"),
  unit: z
    .string()
    .nullable()
    .describe(
      "unit as printed (%, ppt, x, RMB mn, 亿元): from the cell, else the innermost header that states one — a column's, a row's, then the table's (caption, title, unit line, corner)",
    ),
  currency: z
    .string()
    .nullish()
    .describe("ISO 4217 code of the unit's currency (Rmbm → CNY, HK$ → HKD, 亿元 → CNY); null when it names none"),
  scale: z
    .number()
    .positive()
    .nullish()
    .describe(
      "multiplier of the printed value to plain units: mn 1e6, bn 1e9, 亿 1e8, fen 0.01, 1 for a currency alone; null for %, x, ppt, bp or no unit. value × scale is the amount",
    ),
  setting: z.string().nullable().describe("evaluation setting: shots and method, e.g. 5-shot, CoT@32, Maj1@32"),
  note: z.string().nullable().describe("parenthesised note printed with the value, e.g. (via API**)"),
  footnote: z.string().nullable().describe("footnote marks attached to the value: *, **, ***"),
  missing: z.boolean().describe("the cell is empty or a missing marker (—, -, N/A)"),
  value2: z.number().nullable().describe("second value of a compound cell (95.8/98.9, 0.0275± 0.00, two scores)"),
  value2_relation: z.enum(["/", "±", "second"]).nullable().describe("how value2 relates to value"),
  unit2: z.string().nullable().describe("unit of value2"),
  setting2: z.string().nullable().describe("setting of value2"),
  normalized: z
    .string()
    .nullable()
    .describe("the text after repairs of recognition slips (MajI@32 → Maj1@32), null when nothing was repaired"),
  period: z
    .string()
    .nullish()
    .describe(
      "the period of the cell's column (or row) header, normalised: 2026 (FY26F, 2026E, CY2026), 2026Q1 (1Q26E), 2025H1 (1H25); null when no header is a period",
    ),
  period_kind: z.enum(["year", "quarter", "half"]).nullish().describe("year, quarter or half"),
  period_basis: z
    .enum(["actual", "estimate"])
    .nullish()
    .describe("actual (2025A) or estimate (2026E, FY26F, 26CL) as the header marks it; null when unmarked (2024)"),
  period_fiscal: z
    .boolean()
    .nullish()
    .describe("true for a fiscal year printed as such (FY26), false for a calendar year (CY2026), else null"),
  period_year_end: z
    .int()
    .min(1)
    .max(12)
    .nullish()
    .describe("month the year ends when the header prints it (FY3/26E → 3, 12/25E → 12), else null"),
  period_axis: z
    .enum(["column", "row"])
    .nullish()
    .describe("where the period was read: the column header (items in rows) or the row label (periods in rows)"),
  box: Box.nullable().describe("position on the page, null for text input"),
  confidence: z
    .number()
    .min(0)
    .max(1)
    .optional()
    .describe(
      "OCR confidence of the cell text (lowest word, 0–1) when the page was recognised from a scan; absent for text-layer and text input",
    ),
});
export type Cell = z.infer<typeof Cell>;

export const Column = z.object({
  col: z.int().nonnegative(),
  path: z.array(z.string()).describe("header path, top header row first"),
  role: z.enum(["label", "data"]).describe("label: holds row headers; data: holds values"),
});
export const Row = z.object({
  row: z.int().nonnegative().describe("0-based body row"),
  path: z.array(z.string()).describe("row header path, outermost group first"),
  split_from: z
    .int()
    .nonnegative()
    .nullable()
    .describe("printed body row this row was split out of (glued rows), else null"),
});

export const Table = z.object({
  id: z
    .string()
    .regex(/^[a-z0-9-]+$/)
    .describe("stable id within the report, e.g. fig-4, tab-1, table-2"),
  label: z.string().nullable().describe("caption label (图 4), null for uncaptioned tables"),
  title: z.string().describe("caption title, or the heading above an uncaptioned table"),
  page: z.int().positive().nullable().describe("page (PDF input, or the list of figures for text input)"),
  line: z.int().positive().nullable().describe("source line of the table's first row"),
  source: z.string().nullable().describe("the 资料来源 text"),
  notes: z
    .array(z.string())
    .default([])
    .describe("note lines printed under the table, or under the group of tables it is one of (Note:, 注：)"),
  unit: z.string().nullable().describe("unit stated in the caption, e.g. 亿美元"),
  header_rows: z.int().nonnegative().describe("number of printed rows that form the column header"),
  columns: z.array(Column),
  rows: z.array(Row),
  grid: z
    .array(z.array(z.string()))
    .describe("the table as printed: header and body rows, spans expanded to empty cells"),
  cells: z.array(Cell).describe("body cells of the data columns"),
  box: Box.nullable().describe("position on the page, null for text input"),
});
export type Table = z.infer<typeof Table>;

export const Score = z.object({
  table_id: z.string(),
  label: z.string().nullable().describe("caption label of the table"),
  model: z.string().describe("canonical model name (vocabulary), else as printed"),
  model_raw: z.string().describe("model name as printed (header path joined)"),
  benchmark: z.string().describe("canonical benchmark name (vocabulary), else as printed"),
  benchmark_raw: z.string().describe("benchmark as printed (header path joined)"),
  metric: z.string().nullable().describe("metric when the header names one under the benchmark (FVD, CLIPSIM)"),
  value: z.number(),
  unit: z.string().nullable(),
  setting: z.string().nullable().describe("from the cell, else from the row or column header"),
  note: z.string().nullable(),
  footnote: z.string().nullable(),
  value2: z.number().nullable(),
  raw: z.string().describe("cell text as printed"),
  row: z.int().nonnegative(),
  col: z.int().nonnegative(),
});
export type Score = z.infer<typeof Score>;

export const Recommendation = z.object({
  section: z.string().describe("heading of the section the list comes from"),
  category: z.string().describe("category, e.g. 应用"),
  subcategory: z.string().nullable().describe("numbered sub-category, e.g. 办公软件"),
  company: z.string().min(1).describe("company name as printed"),
  note: z.string().nullable().describe("parenthesised remark, e.g. 通信团队覆盖"),
  line: z.int().positive().nullable(),
});

export const ChartPoint = z.object({
  series: z.string().nullable().describe("series name (the chart title without its unit)"),
  category: z.string().min(1).describe("category on the x axis as printed, e.g. 2021Q2"),
  value: z.number().describe("the value: its printed label, else estimated from the bar height"),
  unit: z.string().nullable().describe("unit from the title or axis, e.g. 亿美元"),
  raw: z.string().nullable().describe("the value label as recognised; null when the value is estimated"),
  confidence: z.number().min(0).max(1).describe("OCR confidence of the label (lowest of category and value), 0–1"),
  estimated: z
    .boolean()
    .describe("true when no value label was read and the value comes from the bar height against the axis ticks"),
  check: z
    .enum(["confirmed", "contradicted"])
    .nullable()
    .describe(
      "the report's text states this value: confirmed (equal at the text's precision) or contradicted; null when the text does not state it",
    ),
  source: z
    .enum(["label", "geometry", "estimated"])
    .optional()
    .describe(
      "where the value comes from: its printed label, measured exactly from a vector chart's geometry against the axis, or estimated from a raster bar's height (always written by this version)",
    ),
});
export type ChartPoint = z.infer<typeof ChartPoint>;

export const Chart = z.object({
  figure_id: z
    .string()
    .regex(/^[a-z0-9-]+$/)
    .describe("fig-N for 图 N (as table ids), img-pN-K for an uncaptioned image"),
  label: z.string().nullable().describe("caption label of the figure, null for an uncaptioned image"),
  page: z.int().positive(),
  kind: z
    .enum(["bar", "line", "pie", "picture"])
    .describe(
      "bar: a bar or column chart whose data was read (grouped and stacked bars too); line: a line chart whose data was read; pie: a pie or donut chart whose slices were read (values in %); picture: anything else, or a chart not understood (text kept, no data, an info problem says why)",
    ),
  title: z.string().nullable().describe("title printed in the image, else the caption"),
  series: z.string().nullable(),
  unit: z.string().nullable(),
  text: z.string().describe("all text recognised in the image, in reading order"),
  confidence: z.number().min(0).max(1).describe("mean OCR confidence of the image's words, 0–1"),
  box: Box.describe("where the image is drawn on the page"),
  points: z.array(ChartPoint),
});
export type Chart = z.infer<typeof Chart>;

export const Report = z.object({
  schema_version: z.literal(1),
  source: z.object({
    file: z.string(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    format: SourceFormat,
    encoding: z.string(),
    pages: z.int().nonnegative().nullable(),
  }),
  meta: Meta,
  sections: z.array(Section),
  figures: z.array(Figure),
  tables: z.array(Table),
  scores: z.array(Score),
  recommendations: z.array(Recommendation),
  charts: z
    .array(Chart)
    .optional()
    .describe(
      "raster images of the PDF: bar charts with their data points, other pictures with their recognised text (always written by this version; optional so that older report.json files still read)",
    ),
  problems: z.array(Problem),
});
export type Report = z.infer<typeof Report>;
export type Figure = z.infer<typeof Figure>;
export type Section = z.infer<typeof Section>;
export type Analyst = z.infer<typeof Analyst>;
export type Recommendation = z.infer<typeof Recommendation>;
export type Column = z.infer<typeof Column>;
export type Row = z.infer<typeof Row>;
